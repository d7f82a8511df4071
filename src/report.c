/* report: how a session is shown once it is over, and the JSON records
 * written while it runs. The text summary (or drill report) goes through
 * prompt; JSON and NDJSON through json.h; the Markdown report to a file.
 * Also the text helpers the live feedback shares with the summary. */
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "output.h"
#include "tunables.h"
#include "util.h"

/* ---- shared with the live feedback --------------------------------- */

/* Without colour, key points in the model answer read [+matched] and
 * [-missed] (quiz(1) documents them). */
static const char *const bracket_open[] = {
	[STYLE_MARK] = "[+",
	[STYLE_MISS] = "[-",
};

void report_wrapped(struct prompt *p, const char *text, int indent,
	const struct wrap_mark *marks, size_t n_marks)
{
	report_wrapped_part(p, text, indent, marks, n_marks, 0, SIZE_MAX);
}

size_t report_wrapped_part(struct prompt *p, const char *text, int indent,
	const struct wrap_mark *marks, size_t n_marks, size_t from, size_t max)
{
	char *bracketed = NULL;
	struct wrap_mark *kept = NULL;
	if (!p->cfg.color && n_marks) {
		bracketed = wrap_bracket(text, marks, n_marks, bracket_open,
			(int)(sizeof bracket_open / sizeof bracket_open[0]),
			"]", &kept, &n_marks);
		text = bracketed;
		marks = kept;
	}
	struct wrap_line *lines;
	size_t n = wrap_lines(text, prompt_width(p), indent, &lines);
	for (size_t i = from; i < n && i - from < max; i++) {
		fprintf(p->out, "%*s", lines[i].indent, "");
		for (size_t at = lines[i].start; at < lines[i].end;) {
			int style;
			size_t to = wrap_marked_run(
				marks, n_marks, at, lines[i].end, &style);
			if (style >= 0)
				fputs(prompt_sgr(p, (enum prompt_style)style),
					p->out);
			fwrite(text + at, 1, to - at, p->out);
			if (style >= 0)
				fputs(prompt_sgr(p, STYLE_RESET), p->out);
			at = to;
		}
		fputc('\n', p->out);
	}
	free(lines);
	free(kept);
	free(bracketed);
	return n;
}

void report_text_init(struct report_text *t)
{
	memset(t, 0, sizeof *t);
	buf_init(&t->text);
	buf_add(&t->text, "", 0);
}

void report_text_free(struct report_text *t)
{
	buf_free(&t->text);
	free(t->marks);
	memset(t, 0, sizeof *t);
}

void report_text_add(struct report_text *t, int style, const char *fmt, ...)
{
	size_t from = t->text.len;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&t->text, fmt, ap);
	va_end(ap);
	if (style < 0 || t->text.len == from)
		return;
	xgrow((void **)&t->marks, &t->cap, t->n_marks + 1, sizeof *t->marks);
	t->marks[t->n_marks++] = (struct wrap_mark){from, t->text.len, style};
}

void report_text_print(struct prompt *p, struct report_text *t, int indent)
{
	report_wrapped(p, t->text.data, indent, t->marks, t->n_marks);
	buf_clear(&t->text);
	buf_add(&t->text, "", 0);
	t->n_marks = 0;
}

void report_line(struct prompt *p, int style, int indent, const char *fmt, ...)
{
	struct report_text t;
	report_text_init(&t);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&t.text, fmt, ap);
	va_end(ap);
	if (style >= 0 && t.text.len) {
		t.marks = xmalloc(sizeof *t.marks);
		t.marks[0] = (struct wrap_mark){0, t.text.len, style};
		t.n_marks = 1;
	}
	report_text_print(p, &t, indent);
	report_text_free(&t);
}

void report_duration(double secs, char out[32])
{
	long s = secs < 0 ? 0 : (long)(secs + 0.5);
	if (s >= 3600)
		snprintf(out, 32, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
			s % 60);
	else
		snprintf(out, 32, "%ld:%02ld", s / 60, s % 60);
}

enum prompt_style report_score_style(double score, double pass)
{
	if (score >= pass)
		return STYLE_GOOD;
	if (score >= pass / 2)
		return STYLE_WARN;
	return STYLE_BAD;
}

/* ---- JSON -------------------------------------------------------------- */

static const char *status_name(const struct session_item *it)
{
	switch (it->status) {
	case ITEM_ANSWERED:
		return "answered";
	case ITEM_SKIPPED:
		return "skipped";
	default:
		return "unanswered";
	}
}

static void json_item(struct json *obj, const struct session_item *it, size_t n)
{
	json_set_int(obj, "n", (long long)n);
	json_set_str(obj, "id", it->q->id);
	json_set_str(obj, "chapter", it->q->chapter);
	json_set_str(obj, "status", status_name(it));
	if (it->status != ITEM_ANSWERED)
		return;
	json_set_bool(obj, "scored", it->scored);
	if (it->scored) {
		json_set_num(obj, "score", it->score);
		json_set_num(obj, "raw_score", it->result.score);
		json_set_num(obj, "coverage", it->result.coverage);
		json_set_str(
			obj, "verdict", grade_verdict_name(it->result.verdict));
	} else {
		json_set_str(obj, "verdict", "unscored");
	}
	json_set_str(obj, "suggested", grade_rating_name(it->suggested));
	json_set_str(obj, "rating", grade_rating_name(it->rating));
	json_set_int(obj, "hints", it->hints);
	json_set_num(obj, "seconds", floor(it->seconds * 10 + 0.5) / 10);
	json_set_bool(obj, "shown", it->shown);
	json_set_bool(obj, "timed_out", it->timed_out);
	struct json *m = json_set_array(obj, "matched");
	struct json *x = json_set_array(obj, "missed");
	for (size_t i = 0; i < it->result.n_points; i++)
		json_push_str(it->result.points[i].matched ? m : x,
			it->result.points[i].term);
	/* The wrong claims, as quiz grade --format json lists them. */
	struct json *rv = json_set_array(obj, "reversed");
	struct json *sw = json_set_array(obj, "swapped");
	for (size_t i = 0; i < it->result.n_points; i++) {
		const struct grade_point *pt = &it->result.points[i];
		if (pt->reversed || pt->swapped)
			json_push_str(pt->reversed ? rv : sw, pt->term);
	}
	struct json *mc = json_set_array(obj, "misconceptions");
	for (size_t i = 0; i < it->result.n_claims; i++) {
		struct json *co = json_push_object(mc);
		json_set_str(co, "claim", it->result.claims[i].claim);
		if (it->result.claims[i].correction)
			json_set_str(co, "correction",
				it->result.claims[i].correction);
	}
	json_set_str(obj, "answer", it->answer);
}

/* ---- summary ----------------------------------------------------------- */

struct missed_count {
	const char *term;
	size_t count;
};

struct summary {
	size_t answered;
	size_t scored; /* answered with key points: what the mean is over */
	size_t skipped;
	size_t unasked;
	double mean;
	double seconds;
	struct missed_count *missed; /* sorted: most often first */
	size_t n_missed;
	size_t *review; /* item indices, weakest first */
	size_t n_review;
};

static int cmp_missed(const void *a, const void *b)
{
	const struct missed_count *x = a;
	const struct missed_count *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->term, y->term);
}

/* Sort key for review: skipped and unanswered first, then by score. */
static double review_key(const struct session_item *it)
{
	if (it->status != ITEM_ANSWERED)
		return -1.0;
	double k = it->scored ? it->score : HISTORY_UNSEEN_WEAKNESS;
	if (it->rating == RATING_AGAIN)
		k -= 1.0;
	return k;
}

static void summarize(const struct session *s, const struct session_opts *o,
	struct summary *sum)
{
	memset(sum, 0, sizeof *sum);
	double total = 0;
	sum->missed = xcalloc(1, sizeof *sum->missed);
	sum->review = xcalloc(s->n_items ? s->n_items : 1, sizeof *sum->review);
	size_t cap = 1;
	for (size_t i = 0; i < s->n_items; i++) {
		const struct session_item *it = &s->items[i];
		if (it->status == ITEM_UNASKED) {
			sum->unasked++;
			continue;
		}
		if (it->status == ITEM_SKIPPED) {
			sum->skipped++;
			sum->review[sum->n_review++] = i;
			continue;
		}
		sum->answered++;
		sum->seconds += it->seconds;
		if (it->scored) {
			sum->scored++;
			total += it->score;
		}
		if ((it->scored && it->score < o->pass) ||
			it->rating == RATING_AGAIN ||
			it->rating == RATING_HARD || it->shown)
			sum->review[sum->n_review++] = i;
		for (size_t k = 0; k < it->result.n_points; k++) {
			const char *t = it->result.points[k].term;
			if (it->result.points[k].matched)
				continue;
			size_t j = 0;
			while (j < sum->n_missed &&
				strcmp(sum->missed[j].term, t) != 0)
				j++;
			if (j == sum->n_missed) {
				xgrow((void **)&sum->missed, &cap, j + 1,
					sizeof *sum->missed);
				sum->missed[j].term = t;
				sum->missed[j].count = 0;
				sum->n_missed++;
			}
			sum->missed[j].count++;
		}
	}
	sum->mean = sum->scored ? total / (double)sum->scored : 0;
	qsort(sum->missed, sum->n_missed, sizeof *sum->missed, cmp_missed);
	/* Insertion sort: stable, and n is a session's worth. */
	for (size_t i = 1; i < sum->n_review; i++) {
		size_t v = sum->review[i];
		size_t j = i;
		while (j > 0 &&
			review_key(&s->items[sum->review[j - 1]]) >
				review_key(&s->items[v])) {
			sum->review[j] = sum->review[j - 1];
			j--;
		}
		sum->review[j] = v;
	}
}

static void summary_free(struct summary *sum)
{
	free(sum->missed);
	free(sum->review);
}

static void json_summary(struct json *obj, const struct session *s,
	const struct summary *sum, const struct session_opts *o)
{
	json_set_str(obj, "mode", o->mode == SESSION_DRILL ? "drill" : "ask");
	json_set_int(obj, "questions", (long long)s->n_items);
	json_set_int(obj, "answered", (long long)sum->answered);
	json_set_int(obj, "scored", (long long)sum->scored);
	json_set_int(obj, "skipped", (long long)sum->skipped);
	json_set_int(obj, "unanswered", (long long)sum->unasked);
	/* null, not 0, when nothing was scored, as grade and stats say */
	if (sum->scored)
		json_set_num(obj, "mean", sum->mean);
	else
		json_set_str(obj, "mean", NULL);
	json_set_num(obj, "seconds", floor(sum->seconds * 10 + 0.5) / 10);
	json_set_bool(obj, "quit", s->quit);
	json_set_bool(obj, "out_of_time", s->out_of_time);
	struct json *m = json_set_array(obj, "missed");
	/* Every one: the caps are for the text summary's length. */
	for (size_t i = 0; i < sum->n_missed; i++) {
		struct json *e = json_push_object(m);
		json_set_str(e, "term", sum->missed[i].term);
		json_set_int(e, "count", (long long)sum->missed[i].count);
	}
	struct json *r = json_set_array(obj, "review");
	for (size_t i = 0; i < sum->n_review; i++)
		json_push_str(r, s->items[sum->review[i]].q->id);
}

/* "Recurring: a (3x), b (2x)" (recurring) or "Missed once: c, d", up to
 * SUMMARY_MISSED_MAX points in all; nothing when there are none. */
static void missed_line(
	struct prompt *p, const struct summary *sum, bool recurring)
{
	struct buf line;
	buf_init(&line);
	for (size_t i = 0; i < sum->n_missed && i < SUMMARY_MISSED_MAX; i++) {
		if ((sum->missed[i].count > 1) != recurring)
			continue;
		buf_adds(&line,
			line.len ? ", "
				: recurring
				? "Recurring (missed in 2+ answers): "
				: "Missed once: ");
		buf_adds(&line, sum->missed[i].term);
		if (recurring)
			buf_printf(&line, " (%zux)", sum->missed[i].count);
	}
	if (line.len)
		report_wrapped(p, line.data, 0, NULL, 0);
	buf_free(&line);
}

static void text_summary(struct prompt *p, const struct session *s,
	const struct summary *sum, const struct session_opts *o)
{
	bool drill = o->mode == SESSION_DRILL;
	fputc('\n', p->out);
	report_line(p, STYLE_BOLD, 0, "%s", drill ? "Drill report" : "Summary");
	size_t id_w = 2;
	for (size_t i = 0; i < s->n_items; i++)
		if (strlen(s->items[i].q->id) > id_w)
			id_w = strlen(s->items[i].q->id);
	struct report_text t;
	report_text_init(&t);
	for (size_t i = 0; i < s->n_items; i++) {
		const struct session_item *it = &s->items[i];
		report_text_add(
			&t, -1, "%3zu  %-*s  ", i + 1, (int)id_w, it->q->id);
		if (it->status != ITEM_ANSWERED) {
			report_text_add(&t, STYLE_DIM, "%s",
				it->status == ITEM_SKIPPED ? "skipped"
							   : "not answered");
			report_text_print(p, &t, 0);
			continue;
		}
		char took[32];
		report_duration(it->seconds, took);
		if (it->scored)
			report_text_add(&t,
				report_score_style(it->score, o->pass), "%3d%%",
				grade_percent(it->score));
		else
			report_text_add(&t, -1, "   -");
		report_text_add(&t, -1, "  %6s  %s", took,
			grade_rating_name(it->rating));
		if (it->hints)
			report_text_add(&t, -1, "  %u hint%s", it->hints,
				it->hints == 1 ? "" : "s");
		if (it->shown)
			report_text_add(&t, -1, "  shown");
		if (it->timed_out)
			report_text_add(&t, -1, "  time ran out");
		report_text_print(p, &t, 0);
		if (drill) {
			struct buf line;
			buf_init(&line);
			for (size_t k = 0; k < it->result.n_points; k++) {
				if (it->result.points[k].matched)
					continue;
				buf_adds(&line, line.len ? ", " : "missed: ");
				buf_adds(&line, it->result.points[k].term);
			}
			if (line.len)
				report_line(p, STYLE_DIM, (int)id_w + 7, "%s",
					line.data);
			buf_free(&line);
		}
	}
	char total[32];
	report_duration(sum->seconds, total);
	if (sum->scored)
		report_text_add(&t, -1, "Mean %d%% over %zu answer%s",
			grade_percent(sum->mean), sum->scored,
			sum->scored == 1 ? "" : "s");
	else
		report_text_add(&t, -1, "No answers scored");
	if (sum->answered > sum->scored)
		report_text_add(&t, -1, ", %zu not scored",
			sum->answered - sum->scored);
	if (sum->skipped)
		report_text_add(&t, -1, ", %zu skipped", sum->skipped);
	if (sum->unasked)
		report_text_add(&t, -1, ", %zu not answered", sum->unasked);
	report_text_add(&t, -1, "; %s answering", total);
	if (s->out_of_time)
		report_text_add(&t, -1, "; the time budget ran out");
	report_text_add(&t, -1, ".");
	report_text_print(p, &t, 0);
	report_text_free(&t);
	/* Points missed in two answers or more are the ones to work on;
	 * "recurring" never names a point missed once. */
	missed_line(p, sum, true);
	missed_line(p, sum, false);
	if (sum->n_review) {
		report_line(p, -1, 0, "Review next:");
		for (size_t i = 0; i < sum->n_review && i < SUMMARY_REVIEW_MAX;
			i++) {
			const struct session_item *it =
				&s->items[sum->review[i]];
			if (it->q->chapter[0])
				report_line(p, -1, 2, "%s  (chapter %s)",
					it->q->id, it->q->chapter);
			else
				report_line(p, -1, 2, "%s", it->q->id);
		}
	} else if (sum->answered) {
		report_line(p, -1, 0, "%s",
			sum->scored ? "Nothing to review: every answer passed."
				    : "Nothing to review.");
	}
}

void report_drill_intro(
	struct prompt *p, size_t n, const struct session_opts *o)
{
	struct report_text t;
	report_text_init(&t);
	report_text_add(&t, STYLE_BOLD, "Mock interview:");
	report_text_add(&t, -1, " %zu question%s, %.0f s each", n,
		n == 1 ? "" : "s", o->time_limit);
	if (o->total_limit > 0)
		report_text_add(&t, -1, ", %.0f s in all", o->total_limit);
	report_text_add(&t, -1, ".");
	report_text_print(p, &t, 0);
	report_text_free(&t);
	report_line(p, -1, 0,
		"No hints; when time runs out, what you typed is graded.");
}

/* ---- what the loop writes --------------------------------------------- */

void report_ndjson_item(
	const struct session_item *it, size_t n, const struct session_opts *o)
{
	if (o->format != FORMAT_NDJSON)
		return;
	struct json *obj = json_new_object();
	json_set_str(obj, "type", "answer");
	json_item(obj, it, n);
	json_print(o->data, obj, false);
	fflush(o->data);
	json_free(obj);
}

void report_summary(
	struct prompt *p, const struct session *s, const struct session_opts *o)
{
	struct summary sum;
	summarize(s, o, &sum);
	if (!o->quiet)
		text_summary(p, s, &sum, o);
	if (o->format == FORMAT_NDJSON) {
		struct json *obj = json_new_object();
		json_set_str(obj, "type", "summary");
		json_summary(obj, s, &sum, o);
		json_print(o->data, obj, false);
		json_free(obj);
	} else if (o->format == FORMAT_JSON) {
		struct json *root = json_new_object();
		struct json *qs = json_set_array(root, "answers");
		for (size_t i = 0; i < s->n_items; i++)
			json_item(json_push_object(qs), &s->items[i], i + 1);
		json_summary(json_set_object(root, "summary"), s, &sum, o);
		json_print(o->data, root, true);
		json_free(root);
	}
	summary_free(&sum);
}

/* ---- Markdown report ----------------------------------------------------- */

/* Markdown text on one line: line breaks become spaces and the characters
 * that would start formatting are escaped. */
static void md_inline(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r')
			fputc(' ', out);
		else if (strchr("\\`*_[]|<>#", *s))
			fprintf(out, "\\%c", *s);
		else
			fputc(*s, out);
	}
}

static void md_quote(FILE *out, const char *s)
{
	fputs("> ", out);
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\n> ", out);
		else if (strchr("\\`*_[]<>#", *s))
			fprintf(out, "\\%c", *s);
		else
			fputc(*s, out);
	}
	fputc('\n', out);
}

static void print_missed_md(FILE *out, const struct grade_result *r)
{
	bool any = false;
	for (size_t k = 0; k < r->n_points; k++) {
		if (r->points[k].matched)
			continue;
		if (any)
			fputs(", ", out);
		md_inline(out, r->points[k].term);
		any = true;
	}
	fputs(any ? ".\n" : "nothing.\n", out);
}

void report_write_markdown(
	const struct session *s, FILE *out, const struct session_opts *o)
{
	struct summary sum;
	summarize(s, o, &sum);
	char when[64];
	struct tm tm;
	gmtime_r(&s->started, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	char total[32];
	report_duration(sum.seconds, total);
	fprintf(out, "# %s report\n\n",
		o->mode == SESSION_DRILL ? "Drill" : "Quiz");
	fprintf(out,
		"%s. %zu question%s, %zu answered, mean **%d%%**, "
		"%s answering",
		when, s->n_items, s->n_items == 1 ? "" : "s", sum.answered,
		grade_percent(sum.mean), total);
	if (o->time_limit > 0)
		fprintf(out, ", %.0f s per question", o->time_limit);
	if (o->total_limit > 0)
		fprintf(out, ", %.0f s in all", o->total_limit);
	fputs(".\n\n| # | question | score | time | notes |\n"
	      "|---|---|---|---|---|\n",
		out);
	for (size_t i = 0; i < s->n_items; i++) {
		const struct session_item *it = &s->items[i];
		fprintf(out, "| %zu | ", i + 1);
		md_inline(out, it->q->id);
		if (it->status != ITEM_ANSWERED) {
			fprintf(out, " | - | - | %s |\n", status_name(it));
			continue;
		}
		char took[32];
		report_duration(it->seconds, took);
		if (it->scored)
			fprintf(out, " | %d%% | %s | %s",
				grade_percent(it->score), took,
				grade_verdict_name(it->result.verdict));
		else
			fprintf(out, " | - | %s | not scored", took);
		fprintf(out, "%s |\n", it->timed_out ? ", time ran out" : "");
	}
	if (sum.n_missed) {
		fputs("\n## Missed key points\n\n", out);
		for (size_t i = 0; i < sum.n_missed && i < SUMMARY_MISSED_MAX;
			i++) {
			fputs("- ", out);
			md_inline(out, sum.missed[i].term);
			if (sum.missed[i].count > 1)
				fprintf(out, " (%zu times)",
					sum.missed[i].count);
			fputc('\n', out);
		}
	}
	if (sum.n_review) {
		fputs("\n## Review next\n\n", out);
		for (size_t i = 0; i < sum.n_review && i < SUMMARY_REVIEW_MAX;
			i++) {
			fputs("- ", out);
			md_inline(out, s->items[sum.review[i]].q->id);
			fputc('\n', out);
		}
	}
	for (size_t i = 0; i < s->n_items; i++) {
		const struct session_item *it = &s->items[i];
		if (it->status != ITEM_ANSWERED)
			continue;
		fprintf(out, "\n## %zu. ", i + 1);
		md_inline(out, it->q->id);
		fputs("\n\n**Question.** ", out);
		md_inline(out, it->q->question);
		fputs("\n\n**Your answer**\n\n", out);
		md_quote(out, it->answer[0] ? it->answer : "(no answer)");
		if (!it->scored) {
			fputs("\nNot scored: no key points.\n", out);
		} else {
			fprintf(out, "\n**Score** %d%%. **Missed:** ",
				grade_percent(it->score));
			print_missed_md(out, &it->result);
		}
		if (it->q->answer[0]) {
			fputs("\n**Model answer**\n\n", out);
			md_quote(out, it->q->answer);
		}
	}
	summary_free(&sum);
}
