/* cmd_session: `quiz ask` (the default command) and `quiz drill`. Turns
 * options into a question list, a prompt and session options, and hands
 * over to session_run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "grade.h"
#include "history.h"
#include "output.h"
#include "progress.h"
#include "prompt.h"
#include "report.h"
#include "session.h"
#include "tunables.h"
#include "util.h"

/* Names the progress selection for a message: "due", "new or weak". */
static const char *selection_name(unsigned classes)
{
	static const char *const names[] = {
		"",
		"due",
		"new",
		"due or new",
		"weak",
		"due or weak",
		"new or weak",
		"due, new or weak",
	};
	return names[classes & 7];
}

/* The questions named on the command line (quiz ask $(quiz plan ...
 * --format ids)), in that order, each once; 0 after reporting an unknown
 * id. */
static size_t named_questions(struct cli *cli, size_t **idx)
{
	*idx = xcalloc(cli->n_args, sizeof **idx);
	size_t n = 0;
	for (size_t i = 0; i < cli->n_args; i++) {
		const struct quiz_question *q =
			cli_find_question(cli, cli->args[i]);
		if (!q) {
			free(*idx);
			*idx = NULL;
			return 0;
		}
		size_t k = (size_t)(q - cli->bank.questions);
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = (*idx)[j] == k;
		if (!dup)
			(*idx)[n++] = k;
	}
	/* --count still means at most N (0: all) */
	if (cli->count_set && cli->count > 0 && cli->count < n)
		n = cli->count;
	return n;
}

/* The questions to ask, in order. ask: due first, then new, then the
 * rest; drill: the weakest by recent scores first; --due, --new and
 * --weak select by progress. A selection that finds nothing falls back to
 * the usual order: quiz never refuses to quiz. *changed[k] says whether
 * the k-th question changed since its last answer. */
static size_t select_questions(
	struct cli *cli, bool drill, const struct progress *prog, size_t **idx)
{
	if (cli->n_args > 0) {
		/* Were they ignored, the ids would look filtered. The config
		 * file's filters are defaults, for sessions without ids. */
		if (cli->selects) {
			*idx = NULL;
			cli_usage_error("question ids name the questions: "
					"filters and --due, --new, --weak "
					"do not apply to them");
			return 0;
		}
		return named_questions(cli, idx);
	}
	size_t nq = cli->bank.n_questions;
	size_t default_count =
		drill ? DRILL_COUNT_DEFAULT : SESSION_COUNT_DEFAULT;
	double *priority = xcalloc(nq ? nq : 1, sizeof *priority);
	bool *keep = xcalloc(nq ? nq : 1, sizeof *keep);
	size_t n = 0;
	if (cli->progress) {
		progress_order(prog, cli->progress, time(NULL), keep, priority);
		n = cli_select(cli, true, default_count, priority, keep, idx);
		if (n == 0) {
			free(*idx);
			quiz_warn(
				"no %s questions among those selected; asking "
				"in the usual order",
				selection_name(cli->progress));
		}
	}
	if (n == 0 && drill) {
		char *path = history_path();
		bool any = history_weakness(path, &cli->bank, priority) > 0;
		free(path);
		n = cli_select(cli, true, default_count, any ? priority : NULL,
			NULL, idx);
	} else if (n == 0) {
		progress_order(prog, 0, time(NULL), keep, priority);
		n = cli_select(cli, true, default_count, priority, NULL, idx);
	}
	free(priority);
	free(keep);
	return n;
}

static int run_session(struct cli *cli, enum session_mode mode)
{
	if (!cli_load_bank(cli))
		return QUIZ_EXIT_ERROR;
	bool drill = mode == SESSION_DRILL;
	struct progress prog;
	progress_init(&prog, &cli->bank);
	char *path = history_path();
	progress_load(&prog, path);
	free(path);
	size_t *idx = NULL;
	size_t n = select_questions(cli, drill, &prog, &idx);
	if (n == 0) {
		free(idx);
		progress_free(&prog);
		if (cli->n_args == 0) /* else an unknown id was reported */
			quiz_warn("no questions match the filters");
		return QUIZ_EXIT_ERROR;
	}
	const struct quiz_question **qs = xcalloc(n, sizeof *qs);
	bool *changed = xcalloc(n, sizeof *changed);
	for (size_t i = 0; i < n; i++) {
		qs[i] = &cli->bank.questions[idx[i]];
		changed[i] = prog.items[idx[i]].changed;
	}
	free(idx);
	progress_free(&prog);

	struct session_opts o;
	session_opts_init(&o);
	o.mode = mode;
	o.format = cli->format;
	o.data = stdout;
	o.record = !cli->no_record;
	o.changed = changed;
	if (drill) {
		o.time_limit = cli->time_limit > 0 ? cli->time_limit
						   : DRILL_TIME_DEFAULT;
		o.total_limit = cli->total_limit;
	}
	bool utf8 = prompt_setup_locale();
	bool in_tty = isatty(STDIN_FILENO) == 1;
	/* Machine-readable output owns stdout: people read stderr. */
	FILE *human = stdout;
	if (cli->format != FORMAT_TEXT) {
		human = stderr;
		o.quiet = !in_tty;
	}
	struct prompt_config cfg;
	prompt_detect(stdin, human, cli_color(cli, fileno(human)), utf8, &cfg);
	struct prompt p;
	prompt_init(&p, stdin, human, &cfg);
	/* Opened before the first question: finding it unwritable after a
	 * drill of twenty minutes would lose the report. */
	FILE *report = NULL;
	if (drill && cli->report) {
		report = fopen(cli->report, "w");
		if (!report) {
			quiz_warn("cannot write report %s: %s", cli->report,
				strerror(errno));
			prompt_free(&p);
			free(qs);
			free(changed);
			return QUIZ_EXIT_ERROR;
		}
	}
	if (drill && !o.quiet)
		report_drill_intro(&p, n, &o);
	struct grade_ctx g;
	grade_ctx_init(&g, &cli->bank);
	struct session s;
	int status = session_run(&s, &p, &g, qs, n, &o);
	prompt_free(&p);
	if (report) {
		report_write_markdown(&s, report, &o);
		if (fclose(report) != 0) {
			quiz_warn("cannot write report %s: %s", cli->report,
				strerror(errno));
			if (status == QUIZ_EXIT_OK)
				status = QUIZ_EXIT_ERROR;
		}
	}
	session_free(&s);
	grade_ctx_free(&g);
	free(qs);
	free(changed);
	return status;
}

int cmd_ask(struct cli *cli)
{
	return run_session(cli, SESSION_ASK);
}

int cmd_drill(struct cli *cli)
{
	return run_session(cli, SESSION_DRILL);
}
