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
#include "prompt.h"
#include "report.h"
#include "session.h"
#include "tunables.h"
#include "util.h"

static int run_session(struct cli *cli, enum session_mode mode)
{
	if (!cli_load_bank(cli))
		return QUIZ_EXIT_ERROR;
	bool drill = mode == SESSION_DRILL;
	double *weak = NULL;
	if (drill && cli->bank.n_questions > 0) {
		weak = xcalloc(cli->bank.n_questions, sizeof *weak);
		char *path = history_path();
		if (history_weakness(path, &cli->bank, weak) == 0) {
			free(weak);
			weak = NULL;
		}
		free(path);
	}
	size_t *idx = NULL;
	size_t n = cli_select(cli, true,
		drill ? DRILL_COUNT_DEFAULT : SESSION_COUNT_DEFAULT, weak,
		&idx);
	free(weak);
	if (n == 0) {
		free(idx);
		quiz_warn("no questions match the filters");
		return QUIZ_EXIT_ERROR;
	}
	const struct quiz_question **qs = xcalloc(n, sizeof *qs);
	for (size_t i = 0; i < n; i++)
		qs[i] = &cli->bank.questions[idx[i]];
	free(idx);

	struct session_opts o;
	session_opts_init(&o);
	o.mode = mode;
	o.format = cli->format;
	o.data = stdout;
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
	if (drill && !o.quiet)
		report_drill_intro(&p, n, &o);
	struct grade_ctx g;
	grade_ctx_init(&g, &cli->bank);
	struct session s;
	int status = session_run(&s, &p, &g, qs, n, &o);
	prompt_free(&p);
	if (drill && cli->report) {
		FILE *f = fopen(cli->report, "w");
		if (!f) {
			quiz_warn("cannot write report %s: %s", cli->report,
				strerror(errno));
			if (status == QUIZ_EXIT_OK)
				status = QUIZ_EXIT_ERROR;
		} else {
			report_write_markdown(&s, f, &o);
			if (fclose(f) != 0) {
				quiz_warn("cannot write report %s: %s",
					cli->report, strerror(errno));
				if (status == QUIZ_EXIT_OK)
					status = QUIZ_EXIT_ERROR;
			}
		}
	}
	session_free(&s);
	grade_ctx_free(&g);
	free(qs);
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
