/* cmd_grade: `quiz grade ID [ANSWER|-]` (one answer, text or JSON) and
 * `quiz grade --batch FILE.csv` (many answers, CSV in and out, streamed). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "csvio.h"
#include "grade.h"
#include "history.h"
#include "json.h"
#include "output.h"
#include "tunables.h"
#include "prompt.h"
#include "report.h"
#include "util.h"

/* Points joined by "; " for CSV: matched ones, or missed ones. */
static void join_points(
	const struct grade_result *r, bool matched, struct buf *out)
{
	buf_clear(out);
	for (size_t i = 0; i < r->n_points; i++) {
		if (r->points[i].matched != matched)
			continue;
		if (out->len)
			buf_adds(out, "; ");
		buf_adds(out, r->points[i].term);
	}
	if (!out->data)
		buf_adds(out, "");
}

static void print_points(FILE *out, const char *label,
	const struct grade_result *r, bool matched)
{
	fputs(label, out);
	bool any = false;
	for (size_t i = 0; i < r->n_points; i++) {
		const struct grade_point *p = &r->points[i];
		if (p->matched != matched)
			continue;
		fputs(any ? ", " : " ", out);
		fputs(p->term, out);
		if (!matched && p->credit > 0.0)
			fprintf(out, " (%d%%)", grade_percent(p->credit));
		if (!matched && p->required)
			fputs(" [required]", out);
		any = true;
	}
	fputs(any ? "\n" : " -\n", out);
}

static void print_text(FILE *out, const struct quiz_question *q,
	const struct grade_result *r, enum grade_verdict v)
{
	fprintf(out, "%s: %d%% (%s), %zu of %zu key points\n", q->id,
		grade_percent(r->score), grade_verdict_name(v), r->n_matched,
		r->n_points);
	print_points(out, "Matched:", r, true);
	print_points(out, "Missed:", r, false);
	struct buf line;
	buf_init(&line);
	for (size_t k = 0; k < grade_claim_count(r); k++) {
		buf_clear(&line);
		grade_claim_text(r, k, &line);
		fprintf(out, "%s\n", line.data);
	}
	buf_free(&line);
}

static void print_json(FILE *out, const struct quiz_question *q,
	const struct grade_result *r, enum grade_verdict v, double pass)
{
	struct json *o = json_new_object();
	json_set_str(o, "id", q->id);
	json_set_num(o, "score", r->score);
	json_set_str(o, "verdict", grade_verdict_name(v));
	json_set_num(o, "pass", pass);
	json_set_num(o, "coverage", r->coverage);
	if (r->model_coverage >= 0.0)
		json_set_num(o, "model_coverage", r->model_coverage);
	json_set_int(o, "key_points", (long long)r->n_points);
	struct json *m = json_set_array(o, "matched");
	struct json *x = json_set_array(o, "missed");
	for (size_t i = 0; i < r->n_points; i++)
		json_push_str(r->points[i].matched ? m : x, r->points[i].term);
	/* Every point with what it weighed and earned: the score explained. */
	struct json *pts = json_set_array(o, "points");
	for (size_t i = 0; i < r->n_points; i++) {
		const struct grade_point *p = &r->points[i];
		struct json *po = json_push_object(pts);
		json_set_str(po, "term", p->term);
		json_set_num(po, "weight", p->weight);
		json_set_num(po, "credit", p->credit);
		json_set_bool(po, "required", p->required);
		json_set_bool(po, "matched", p->matched);
		json_set_bool(po, "reversed", p->reversed);
		json_set_bool(po, "swapped", p->swapped);
	}
	/* The wrong claims the answer makes. */
	struct json *mc = json_set_array(o, "misconceptions");
	for (size_t i = 0; i < r->n_claims; i++) {
		struct json *co = json_push_object(mc);
		json_set_str(co, "claim", r->claims[i].claim);
		if (r->claims[i].correction)
			json_set_str(co, "correction", r->claims[i].correction);
	}
	json_print(out, o, true);
	json_free(o);
}

/* The length of an answer that is graded: its first ANSWER_MAX code
 * points, with a warning when it had more. */
static size_t answer_length(const char *s, size_t len, const char *what)
{
	size_t cut = s ? utf8_prefix(s, len, ANSWER_MAX) : 0;
	if (cut < len)
		quiz_warn("%s is longer than %u characters, the limit: the "
			  "first %u are graded",
			what, ANSWER_MAX, ANSWER_MAX);
	return cut;
}

/* The answer typed at a terminal: the question and what ends the answer
 * are shown first (on stderr: stdout is the result), then lines up to an
 * empty line, Ctrl-D or :done, as in a session. */
static int read_typed_answer(
	struct cli *cli, const struct quiz_question *q, struct buf *answer)
{
	struct prompt_config cfg;
	prompt_detect(stdin, stderr, cli_color(cli, STDERR_FILENO),
		prompt_setup_locale(), &cfg);
	struct prompt p;
	prompt_init(&p, stdin, stderr, &cfg);
	report_line(&p, STYLE_BOLD, 0, "%s", q->question);
	report_line(&p, STYLE_DIM, 0,
		"Type the answer to %s, then an empty line (or Ctrl-D).",
		q->id);
	struct buf line;
	buf_init(&line);
	buf_add(answer, "", 0);
	int status = QUIZ_EXIT_OK;
	for (;;) {
		enum prompt_status st = prompt_read_line(&p, "> ", 0, &line);
		if (st == PROMPT_INTERRUPT) {
			status = QUIZ_EXIT_INTERRUPT;
			break;
		}
		if (st == PROMPT_TERMINATE) {
			status = 128 + prompt_signal(&p);
			break;
		}
		if (st == PROMPT_EOF)
			break;
		bool blank = strspn(line.data, " \t") == line.len;
		if (st == PROMPT_LINE &&
			(blank || strcmp(line.data, ":done") == 0)) {
			if (answer->len)
				break;
			continue;
		}
		buf_add(answer, line.data, line.len);
		buf_addc(answer, '\n');
		if (st == PROMPT_SUBMIT)
			break;
	}
	buf_free(&line);
	prompt_free(&p);
	return status;
}

/* Why a question has nothing to grade against. */
static const char *unscored_reason(const struct quiz_question *q)
{
	return q->answer[0] ? "its model answer gives no key points"
			    : "no key points and no model answer";
}

/* A question with no key points (a behavioral one with no rubric) is not
 * scored: no score, verdict "unscored", exit 0: nothing was failed. */
static int grade_unscored(struct cli *cli, const struct quiz_question *q)
{
	if (cli->format == FORMAT_JSON) {
		struct json *o = json_new_object();
		json_set_str(o, "id", q->id);
		json_set_str(o, "score", NULL);
		json_set_str(o, "verdict", "unscored");
		json_set_str(o, "reason", unscored_reason(q));
		json_set_num(o, "pass", cli->pass);
		json_set_int(o, "key_points", 0);
		json_print(stdout, o, true);
		json_free(o);
	} else {
		printf("%s: unscored: %s to grade against\n", q->id,
			unscored_reason(q));
	}
	if (cli->record) {
		struct history_entry e = {
			.time = time(NULL),
			.id = q->id,
			.score = NAN,
			.rating = RATING_GOOD,
			.mode = "grade",
		};
		history_record(&e);
	}
	return QUIZ_EXIT_OK;
}

static int grade_one(struct cli *cli)
{
	const char *id = cli->args[0];
	const struct quiz_question *q = cli_find_question(cli, id);
	if (!q)
		return QUIZ_EXIT_ERROR;
	struct buf answer;
	buf_init(&answer);
	if ((cli->n_args < 2 || strcmp(cli->args[1], "-") == 0) &&
		isatty(STDIN_FILENO) == 1) {
		int status = read_typed_answer(cli, q, &answer);
		if (status != QUIZ_EXIT_OK) {
			buf_free(&answer);
			return status;
		}
	} else if (cli->n_args < 2 || strcmp(cli->args[1], "-") == 0) {
		/* A code point is at most 4 bytes: reading stops before the
		 * answer could hold more than ANSWER_MAX of them. */
		if (!read_stream(
			    stdin, &answer, 4 * (size_t)ANSWER_MAX, NULL)) {
			quiz_warn("cannot read the answer from standard input");
			buf_free(&answer);
			return QUIZ_EXIT_ERROR;
		}
	} else {
		buf_adds(&answer, cli->args[1]);
	}
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, &cli->bank);
	struct grade_result r;
	size_t len = answer_length(answer.data, answer.len, "the answer");
	grade_answer(&ctx, q, answer.data ? answer.data : "", len, &r);
	if (r.n_points == 0) {
		int status = grade_unscored(cli, q);
		grade_result_free(&r);
		grade_ctx_free(&ctx);
		buf_free(&answer);
		return status;
	}
	enum grade_verdict v = grade_verdict_for(r.score, cli->pass);
	if (cli->format == FORMAT_JSON)
		print_json(stdout, q, &r, v, cli->pass);
	else
		print_text(stdout, q, &r, v);
	int status = r.score >= cli->pass ? QUIZ_EXIT_OK : QUIZ_EXIT_FAIL;
	if (cli->record) {
		/* Recorded as a session records it, the suggested self-grade
		 * standing in for the one nobody was asked for. */
		struct history_entry e = {
			.time = time(NULL),
			.id = q->id,
			.score = r.n_points ? r.score : NAN,
			.verdict = v,
			.rating = grade_suggest_rating(r.score),
			.mode = "grade",
		};
		history_record_answer(&e, q, r.n_points ? &r : NULL);
	}
	grade_result_free(&r);
	grade_ctx_free(&ctx);
	buf_free(&answer);
	return status;
}

struct batch {
	struct cli *cli;
	struct grade_ctx ctx;
	const char *name;
	bool header_done;
	size_t col_id;
	size_t col_answer;
	size_t n_errors;
	struct buf matched;
	struct buf missed;
	const struct quiz_question *last; /* rows come grouped by question */
};

/* score with three decimals, as "%.3f" writes it: printf is the slowest
 * step of a batch row, and only a value within rounding error of a tie
 * needs its exact decimal conversion. */
static void format_score(char *out, size_t size, double score)
{
	double x = score * 1000.0;
	double f = x - floor(x);
	if (score < 0.0 || score > 1.0 || fabs(f - 0.5) < 1e-6 || size < 6) {
		snprintf(out, size, "%.3f", score);
		return;
	}
	int m = (int)floor(x + 0.5); /* 0..1000 */
	out[0] = (char)('0' + m / 1000);
	out[1] = '.';
	out[2] = (char)('0' + m / 100 % 10);
	out[3] = (char)('0' + m / 10 % 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
}

static void write_row(const char *id, const char *score, const char *verdict,
	const char *matched, const char *missed)
{
	const char *row[] = {id, score, verdict, matched, missed};
	csvio_write_record(stdout, row, 5, false);
}

static bool batch_record(
	void *arg, long line, char **fields, const size_t *lens, size_t n)
{
	struct batch *b = arg;
	if (!b->header_done) {
		if (!csvio_find_column(fields, n, "id", &b->col_id) ||
			!csvio_find_column(
				fields, n, "answer", &b->col_answer)) {
			quiz_warn("%s:%ld:1: the header needs columns 'id' and "
				  "'answer'",
				b->name, line);
			return false;
		}
		b->header_done = true;
		write_row("id", "score", "verdict", "matched", "missed");
		return true;
	}
	if (n == 1 && lens[0] == 0)
		return true; /* a blank line */
	const char *id = b->col_id < n ? fields[b->col_id] : "";
	if (b->col_id >= n || b->col_answer >= n) {
		quiz_warn("%s:%ld:1: %zu fields, the header has more", b->name,
			line, n);
		write_row(id, "", "error", "", "");
		b->n_errors++;
		return true;
	}
	const struct quiz_question *q = b->last && strcmp(b->last->id, id) == 0
		? b->last
		: bank_find(&b->cli->bank, id);
	b->last = q;
	if (!q) {
		quiz_warn("%s:%ld:1: unknown question id '%s'", b->name, line,
			id);
		write_row(id, "", "error", "", "");
		b->n_errors++;
		return true;
	}
	struct grade_result r;
	size_t len = lens[b->col_answer];
	if (len > ANSWER_MAX) {
		char *what = xasprintf("%s:%ld: the answer", b->name, line);
		len = answer_length(fields[b->col_answer], len, what);
		free(what);
	}
	grade_answer(&b->ctx, q, fields[b->col_answer], len, &r);
	if (r.n_points == 0) {
		write_row(q->id, "", "unscored", "", "");
		grade_result_free(&r);
		return true;
	}
	char score[32];
	format_score(score, sizeof score, r.score);
	join_points(&r, true, &b->matched);
	join_points(&r, false, &b->missed);
	write_row(q->id, score,
		grade_verdict_name(grade_verdict_for(r.score, b->cli->pass)),
		b->matched.data, b->missed.data);
	grade_result_free(&r);
	return true;
}

static int grade_batch(struct cli *cli)
{
	if (cli->n_args > 0)
		return cli_usage_error(
			"--batch takes no question id or answer");
	bool from_stdin = strcmp(cli->batch, "-") == 0;
	FILE *f = from_stdin ? stdin : fopen(cli->batch, "r");
	if (!f) {
		quiz_warn("%s: %s", cli->batch, strerror(errno));
		return QUIZ_EXIT_ERROR;
	}
	struct batch b = {0};
	b.cli = cli;
	b.name = from_stdin ? "(stdin)" : cli->batch;
	buf_init(&b.matched);
	buf_init(&b.missed);
	grade_ctx_init(&b.ctx, &cli->bank);
	bool ok = csvio_read(f, b.name, false, batch_record, &b);
	if (ok && !b.header_done) {
		quiz_warn(
			"%s: empty: no header with 'id' and 'answer'", b.name);
		ok = false;
	}
	grade_ctx_free(&b.ctx);
	buf_free(&b.matched);
	buf_free(&b.missed);
	if (!from_stdin)
		fclose(f);
	return ok && b.n_errors == 0 ? QUIZ_EXIT_OK : QUIZ_EXIT_ERROR;
}

int cmd_grade(struct cli *cli)
{
	if (cli->batch && cli->record)
		return cli_usage_error("--record applies to one answer, not "
				       "to --batch");
	if (!cli->batch && cli->n_args == 0)
		return cli_usage_error("grade needs a question id or --batch "
				       "FILE.csv");
	/* --format json with --batch used to be ignored: CSV came out. */
	if (cli->format_set && (cli->format == FORMAT_CSV) != !!cli->batch)
		return cli_usage_error(cli->batch
				? "--batch writes CSV (--format csv), not "
				  "--format %s"
				: "--format %s applies to --batch only",
			cli_format_name(cli->format));
	if (!cli_load_bank(cli))
		return QUIZ_EXIT_ERROR;
	return cli->batch ? grade_batch(cli) : grade_one(cli);
}
