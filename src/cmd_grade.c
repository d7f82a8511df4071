/* cmd_grade: `quiz grade ID [ANSWER|-]` (one answer, text or JSON) and
 * `quiz grade --batch FILE.csv` (many answers, CSV in and out, streamed). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "csvio.h"
#include "grade.h"
#include "history.h"
#include "json.h"
#include "output.h"
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
	for (size_t i = 0; i < r->n_points; i++) {
		const struct grade_point *p = &r->points[i];
		if (p->reversed)
			fprintf(out,
				"Reversed: you said the opposite of \"%s\"\n",
				p->term);
		else if (p->swapped)
			fprintf(out,
				"Swapped: you said \"%s\" of the wrong "
				"subject\n",
				p->term);
	}
	for (size_t i = 0; i < r->n_claims; i++) {
		const struct grade_claim *c = &r->claims[i];
		fprintf(out, "Careful: you said \"%s\"", c->claim);
		if (c->correction)
			fprintf(out, "; the model answer says: %s",
				c->correction);
		fputc('\n', out);
	}
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

static int grade_one(struct cli *cli)
{
	const char *id = cli->args[0];
	const struct quiz_question *q = bank_find(&cli->bank, id);
	if (!q) {
		quiz_warn("unknown question id '%s' (see 'quiz list --format "
			  "ids')",
			id);
		return QUIZ_EXIT_ERROR;
	}
	struct buf answer;
	buf_init(&answer);
	if (cli->n_args < 2 || strcmp(cli->args[1], "-") == 0) {
		if (!read_stream(stdin, &answer)) {
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
	grade_answer(&ctx, q, answer.data ? answer.data : "", answer.len, &r);
	if (r.n_points == 0)
		quiz_warn("%s has no key points and no model answer to grade "
			  "against",
			q->id);
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
	grade_answer(
		&b->ctx, q, fields[b->col_answer], lens[b->col_answer], &r);
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
	if (!cli_load_bank(cli))
		return QUIZ_EXIT_ERROR;
	return cli->batch ? grade_batch(cli) : grade_one(cli);
}
