/* session: one quiz or drill from the first question to the summary. Reads
 * answers through prompt, grades them with grade, records them with
 * history_record, and writes feedback, summaries and reports (text,
 * Markdown, JSON/NDJSON through json.h). */
#include "session.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "json.h"
#include "norm.h"
#include "output.h"
#include "tunables.h"
#include "util.h"
#include "wrap.h"

void session_opts_init(struct session_opts *o)
{
	memset(o, 0, sizeof *o);
	o->mode = SESSION_ASK;
	o->format = FORMAT_TEXT;
	o->pass = PASS_THRESHOLD_DEFAULT;
	o->record = true;
	o->data = stdout;
}

static double now(const struct session_opts *o)
{
	return o->clock ? o->clock(o->clock_ctx) : prompt_now();
}

/* ---- wrapping ------------------------------------------------------- */

/* Writes text wrapped to the prompt's width (see wrap.h), each line
 * indented, the marked bytes highlighted (never the indent). */
static void put_wrapped(struct prompt *p, const char *text, int indent,
	const struct wrap_mark *marks, size_t n_marks)
{
	struct wrap_line *lines;
	size_t n = wrap_lines(text, p->cfg.width, indent, &lines);
	for (size_t i = 0; i < n; i++) {
		fprintf(p->out, "%*s", lines[i].indent, "");
		for (size_t at = lines[i].start; at < lines[i].end;) {
			bool marked;
			size_t to = wrap_marked_run(
				marks, n_marks, at, lines[i].end, &marked);
			if (marked)
				fputs(prompt_sgr(p, STYLE_MARK), p->out);
			fwrite(text + at, 1, to - at, p->out);
			if (marked)
				fputs(prompt_sgr(p, STYLE_RESET), p->out);
			at = to;
		}
		fputc('\n', p->out);
	}
	free(lines);
}

/* ---- small formatting helpers ------------------------------------------ */

static void format_duration(double secs, char out[32])
{
	long s = secs < 0 ? 0 : (long)(secs + 0.5);
	if (s >= 3600)
		snprintf(out, 32, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
			s % 60);
	else
		snprintf(out, 32, "%ld:%02ld", s / 60, s % 60);
}

static enum prompt_style score_style(double score, double pass)
{
	if (score >= pass)
		return STYLE_GOOD;
	if (score >= pass / 2)
		return STYLE_WARN;
	return STYLE_BAD;
}

static void put_bar(struct prompt *p, double score, double pass)
{
	int full = (int)floor(score * SCORE_BAR_WIDTH + 0.5);
	const char *on = p->cfg.utf8 ? "\u2588" : "#";
	const char *off = p->cfg.utf8 ? "\u2591" : "-";
	fputs(prompt_sgr(p, score_style(score, pass)), p->out);
	for (int i = 0; i < SCORE_BAR_WIDTH; i++) {
		if (i == full)
			fputs(prompt_sgr(p, STYLE_DIM), p->out);
		fputs(i < full ? on : off, p->out);
	}
	fputs(prompt_sgr(p, STYLE_RESET), p->out);
}

/* "a · b · c" of the matched (or missed) points. */
static void put_points(struct prompt *p, const struct grade_result *r,
	bool matched, enum prompt_style style)
{
	struct buf line;
	buf_init(&line);
	const char *sep = p->cfg.utf8 ? " \u00b7 " : ", ";
	for (size_t i = 0; i < r->n_points; i++) {
		if (r->points[i].matched != matched)
			continue;
		if (line.len)
			buf_adds(&line, sep);
		buf_adds(&line, r->points[i].term);
		if (!matched && r->points[i].required)
			buf_adds(&line, " (required)");
	}
	fputs(prompt_sgr(p, style), p->out);
	put_wrapped(p, line.len ? line.data : "-", 2, NULL, 0);
	fputs(prompt_sgr(p, STYLE_RESET), p->out);
	buf_free(&line);
}

/* ---- one question ---------------------------------------------------- */

enum answer_end {
	END_ANSWER, /* blank line, Ctrl-D after text, :edit, or timeout */
	END_SKIP,
	END_SHOW,
	END_QUIT, /* :quit */
	END_INTERRUPT, /* second Ctrl-C */
	END_INPUT, /* end of input before any answer */
};

static bool is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/* The command on a line (":hint" with surrounding spaces), or NULL. */
static const char *line_command(const char *line)
{
	static const char *const cmds[] = {
		":hint",
		":skip",
		":show",
		":edit",
		":quit",
	};
	while (*line == ' ' || *line == '\t')
		line++;
	size_t n = strlen(line);
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strlen(cmds[i]) == n && strncmp(line, cmds[i], n) == 0)
			return cmds[i];
	return NULL;
}

/* What the loop shares while it runs. */
struct run {
	struct session *s;
	struct prompt *p;
	const struct grade_ctx *g;
	const struct session_opts *o;
	double start; /* session start, on o's clock */
	bool shown_help;
};

static bool human(const struct run *r)
{
	return !r->o->quiet;
}

/* Shows part of the heaviest key point the answer so far misses, one not
 * hinted at before: the first HINT_REVEAL_FRACTION of its characters,
 * the rest as underscores (spaces kept, so the shape shows). */
static bool give_hint(struct run *run, const struct quiz_question *q,
	const struct buf *answer, char ***hinted, size_t *n_hinted)
{
	struct prompt *p = run->p;
	struct grade_result r;
	grade_answer(
		run->g, q, answer->data ? answer->data : "", answer->len, &r);
	const struct grade_point *best = NULL;
	for (size_t i = 0; i < r.n_points; i++) {
		const struct grade_point *pt = &r.points[i];
		if (pt->matched)
			continue;
		bool seen = false;
		for (size_t k = 0; k < *n_hinted && !seen; k++)
			seen = strcmp((*hinted)[k], pt->term) == 0;
		if (seen)
			continue;
		if (!best || (pt->required && !best->required) ||
			(pt->required == best->required &&
				pt->weight > best->weight))
			best = pt;
	}
	if (!best) {
		grade_result_free(&r);
		if (human(run))
			fprintf(p->out, "  No more hints for this question.\n");
		return false;
	}
	*hinted = xrealloc(*hinted, (*n_hinted + 1) * sizeof **hinted);
	(*hinted)[(*n_hinted)++] = xstrdup(best->term);
	const char *t = best->term;
	size_t len = strlen(t);
	size_t n_chars = 0;
	int32_t cp;
	for (size_t i = 0; i < len; i += norm_decode(t + i, len - i, &cp))
		n_chars++;
	size_t reveal = (size_t)ceil((double)n_chars * HINT_REVEAL_FRACTION);
	if (reveal == 0)
		reveal = 1;
	struct buf h;
	buf_init(&h);
	size_t seen_chars = 0;
	for (size_t i = 0; i < len;) {
		size_t adv = norm_decode(t + i, len - i, &cp);
		if (seen_chars < reveal || cp == ' ')
			buf_add(&h, t + i, adv);
		else
			buf_adds(&h, norm_width(t + i, adv) > 1 ? "__" : "_");
		seen_chars++;
		i += adv;
	}
	if (human(run))
		fprintf(p->out, "  %sHint:%s %s  (-%d%% each)\n",
			prompt_sgr(p, STYLE_WARN), prompt_sgr(p, STYLE_RESET),
			h.data, grade_percent(HINT_PENALTY));
	buf_free(&h);
	grade_result_free(&r);
	return true;
}

static void show_question(struct run *run, size_t i, size_t n,
	const struct quiz_question *q, const struct quiz_bank *bank)
{
	struct prompt *p = run->p;
	if (!human(run))
		return;
	const char *title = bank ? bank_chapter_title(bank, q->chapter) : "";
	fprintf(p->out, "\n%s%zu/%zu%s", prompt_sgr(p, STYLE_BOLD), i + 1, n,
		prompt_sgr(p, STYLE_RESET));
	if (q->chapter[0])
		fprintf(p->out, "  %s%s%s%s", prompt_sgr(p, STYLE_DIM),
			q->chapter,
			!title[0]             ? ""
				: p->cfg.utf8 ? " \u2014 "
					      : " - ",
			title);
	fprintf(p->out, "  %s%s\n", q->id, prompt_sgr(p, STYLE_RESET));
	fputs(prompt_sgr(p, STYLE_BOLD), p->out);
	put_wrapped(p, q->question, 0, NULL, 0);
	fputs(prompt_sgr(p, STYLE_RESET), p->out);
	if (p->cfg.interactive && !run->shown_help) {
		run->shown_help = true;
		fprintf(p->out, "%s", prompt_sgr(p, STYLE_DIM));
		if (run->o->mode == SESSION_DRILL)
			fputs("Answer, then an empty line (or Ctrl-D). "
			      "Commands: :skip :edit :quit\n",
				p->out);
		else
			fputs("Answer, then an empty line (or Ctrl-D). "
			      "Commands: :hint :skip :show :edit :quit\n",
				p->out);
		fputs(prompt_sgr(p, STYLE_RESET), p->out);
	}
}

/* Adds a line to the answer, keeping it under ANSWER_MAX. */
static void add_line(struct buf *answer, const char *line, bool *warned)
{
	size_t n = strlen(line);
	if (answer->len + n + 1 > ANSWER_MAX) {
		if (!*warned)
			quiz_warn("answer too long: the rest is dropped");
		*warned = true;
		return;
	}
	buf_add(answer, line, n);
	buf_addc(answer, '\n');
}

/* Reads one answer: lines until a blank line, Ctrl-D, a command, or the
 * deadline. Fills item->answer, hints, shown, timed_out. */
static enum answer_end read_answer(
	struct run *run, struct session_item *item, double deadline)
{
	struct prompt *p = run->p;
	const struct session_opts *o = run->o;
	struct buf answer;
	struct buf line;
	buf_init(&answer);
	buf_init(&line);
	buf_add(&answer, "", 0);
	char **hinted = NULL;
	size_t n_hinted = 0;
	bool warned = false;
	enum answer_end end = END_ANSWER;
	for (;;) {
		enum prompt_status st =
			prompt_read_line(p, "> ", deadline, &line);
		if (st == PROMPT_INTERRUPT) {
			if (human(run))
				fprintf(p->out,
					"%sQuit? Press Ctrl-C again to "
					"quit (answers so far are kept), or "
					"Enter to go on.%s\n",
					prompt_sgr(p, STYLE_WARN),
					prompt_sgr(p, STYLE_RESET));
			add_line(&answer, line.data, &warned);
			st = prompt_read_line(p, "", deadline, &line);
			if (st == PROMPT_INTERRUPT || st == PROMPT_EOF) {
				end = END_INTERRUPT;
				break;
			}
			if (st == PROMPT_TIMEOUT) {
				add_line(&answer, line.data, &warned);
				item->timed_out = true;
				break;
			}
			if (!is_blank(line.data))
				add_line(&answer, line.data, &warned);
			continue;
		}
		if (st == PROMPT_TIMEOUT) {
			add_line(&answer, line.data, &warned);
			item->timed_out = true;
			break;
		}
		if (st == PROMPT_EOF) {
			if (is_blank(answer.data))
				end = END_INPUT;
			break;
		}
		const char *cmd = line_command(line.data);
		if (cmd && strcmp(cmd, ":skip") == 0) {
			end = END_SKIP;
			break;
		}
		if (cmd && strcmp(cmd, ":quit") == 0) {
			end = END_QUIT;
			break;
		}
		if (cmd && strcmp(cmd, ":hint") == 0) {
			if (o->mode == SESSION_DRILL) {
				if (human(run))
					fputs("  No hints in a drill.\n",
						p->out);
			} else if (give_hint(run, item->q, &answer, &hinted,
					   &n_hinted)) {
				item->hints++;
			}
			continue;
		}
		if (cmd && strcmp(cmd, ":show") == 0) {
			if (o->mode == SESSION_DRILL) {
				if (human(run))
					fputs("  No :show in a drill.\n",
						p->out);
				continue;
			}
			item->shown = true;
			break;
		}
		if (cmd && strcmp(cmd, ":edit") == 0) {
			if (prompt_edit(p, &answer)) {
				if (human(run)) {
					fputs(prompt_sgr(p, STYLE_DIM), p->out);
					put_wrapped(p, answer.data, 2, NULL, 0);
					fputs(prompt_sgr(p, STYLE_RESET),
						p->out);
				}
				break;
			}
			continue;
		}
		if (is_blank(line.data)) {
			/* A stray Enter before any text is not an answer. */
			if (is_blank(answer.data) && p->cfg.interactive) {
				if (human(run))
					fputs("  (type an answer, or :skip)\n",
						p->out);
				continue;
			}
			break;
		}
		add_line(&answer, line.data, &warned);
		if (deadline > 0 && now(o) >= deadline) {
			item->timed_out = true;
			break;
		}
	}
	for (size_t i = 0; i < n_hinted; i++)
		free(hinted[i]);
	free(hinted);
	buf_free(&line);
	/* Trailing newlines are not part of the answer. */
	while (answer.len > 0 && answer.data[answer.len - 1] == '\n')
		answer.data[--answer.len] = '\0';
	item->answer = buf_steal(&answer);
	return end;
}

static enum grade_rating ask_rating(
	struct run *run, enum grade_rating suggested, bool *quit)
{
	struct prompt *p = run->p;
	if (!p->cfg.interactive || run->o->mode == SESSION_DRILL)
		return suggested;
	struct buf line;
	buf_init(&line);
	enum grade_rating r = suggested;
	char label[128];
	snprintf(label, sizeof label, "Self-grade again/hard/good/easy [%s]: ",
		grade_rating_name(suggested));
	for (;;) {
		enum prompt_status st = prompt_read_line(p, label, 0, &line);
		if (st == PROMPT_INTERRUPT) {
			*quit = true;
			break;
		}
		if (st != PROMPT_LINE || is_blank(line.data))
			break;
		char *t = line.data;
		while (*t == ' ')
			t++;
		size_t n = strlen(t);
		while (n > 0 && t[n - 1] == ' ')
			t[--n] = '\0';
		bool ok = grade_rating_parse(t, &r);
		for (int k = 0; !ok && n == 1 && k < RATING_COUNT; k++) {
			if (grade_rating_name((enum grade_rating)k)[0] ==
				t[0]) {
				r = (enum grade_rating)k;
				ok = true;
			}
		}
		if (ok)
			break;
		fputs("  Type again, hard, good or easy (or a, h, g, e); "
		      "Enter takes the suggestion.\n",
			p->out);
	}
	buf_free(&line);
	return r;
}

/* Spans sorted by start become marks; spans apart only by spaces or
 * hyphens join, so "model size" lights up as one phrase. */
static size_t merge_spans(const char *text, const struct grade_span *spans,
	size_t n, struct wrap_mark *marks)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m > 0) {
			struct wrap_mark *last = &marks[m - 1];
			size_t gap = last->end;
			while (gap < spans[i].start &&
				(text[gap] == ' ' || text[gap] == '-'))
				gap++;
			if (gap >= spans[i].start) {
				if (spans[i].end > last->end)
					last->end = spans[i].end;
				continue;
			}
		}
		marks[m].start = spans[i].start;
		marks[m].end = spans[i].end;
		m++;
	}
	return m;
}

static void show_feedback(struct run *run, const struct session_item *it)
{
	struct prompt *p = run->p;
	const struct grade_result *r = &it->result;
	const double pass = run->o->pass;
	char took[32];
	format_duration(it->seconds, took);
	if (!it->scored) {
		fprintf(p->out,
			"\n%sNot scored:%s no key points to compare "
			"with; grade yourself.  %s\n",
			prompt_sgr(p, STYLE_BOLD), prompt_sgr(p, STYLE_RESET),
			took);
		if (run->o->mode != SESSION_DRILL && it->q->answer[0]) {
			fprintf(p->out, "%sModel answer%s\n",
				prompt_sgr(p, STYLE_BOLD),
				prompt_sgr(p, STYLE_RESET));
			put_wrapped(p, it->q->answer, 2, NULL, 0);
		}
		return;
	}
	fprintf(p->out, "\n%sScore%s %s%3d%%%s  ", prompt_sgr(p, STYLE_BOLD),
		prompt_sgr(p, STYLE_RESET),
		prompt_sgr(p, score_style(it->score, pass)),
		grade_percent(it->score), prompt_sgr(p, STYLE_RESET));
	put_bar(p, it->score, pass);
	fprintf(p->out, "  %s", grade_verdict_name(r->verdict));
	if (it->hints)
		fprintf(p->out, "  (%u hint%s, -%d%%)", it->hints,
			it->hints == 1 ? "" : "s",
			grade_percent(it->hints * HINT_PENALTY));
	if (it->timed_out)
		fputs("  (time ran out)", p->out);
	fprintf(p->out, "  %s\n", took);
	if (run->o->mode == SESSION_DRILL)
		return;
	fprintf(p->out, "%sMatched%s\n", prompt_sgr(p, STYLE_BOLD),
		prompt_sgr(p, STYLE_RESET));
	put_points(p, r, true, STYLE_GOOD);
	fprintf(p->out, "%sMissed%s\n", prompt_sgr(p, STYLE_BOLD),
		prompt_sgr(p, STYLE_RESET));
	put_points(p, r, false, STYLE_BAD);
	if (it->q->answer[0]) {
		fprintf(p->out, "%sModel answer%s\n", prompt_sgr(p, STYLE_BOLD),
			prompt_sgr(p, STYLE_RESET));
		struct grade_span *spans = NULL;
		size_t n_spans = grade_spans(run->g, it->q, r, &spans);
		struct wrap_mark *marks =
			xcalloc(n_spans ? n_spans : 1, sizeof *marks);
		size_t n_marks =
			merge_spans(it->q->answer, spans, n_spans, marks);
		put_wrapped(p, it->q->answer, 2, marks, n_marks);
		free(marks);
		free(spans);
	}
}

static void record_item(struct run *run, const struct session_item *it)
{
	if (!run->o->record)
		return;
	struct history_entry e = {
		.time = time(NULL),
		.id = it->q->id,
		.score = it->scored ? it->score : NAN,
		.verdict = it->result.verdict,
		.rating = it->rating,
		.hints = it->hints,
		.seconds = it->seconds,
		.mode = run->o->mode == SESSION_DRILL ? "drill" : "ask",
	};
	history_record(&e);
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
	json_set_num(obj, "mean", sum->mean);
	json_set_num(obj, "seconds", floor(sum->seconds * 10 + 0.5) / 10);
	json_set_bool(obj, "quit", s->quit);
	json_set_bool(obj, "out_of_time", s->out_of_time);
	struct json *m = json_set_array(obj, "missed");
	for (size_t i = 0; i < sum->n_missed && i < SUMMARY_MISSED_MAX; i++) {
		struct json *e = json_push_object(m);
		json_set_str(e, "term", sum->missed[i].term);
		json_set_int(e, "count", (long long)sum->missed[i].count);
	}
	struct json *r = json_set_array(obj, "review");
	for (size_t i = 0; i < sum->n_review && i < SUMMARY_REVIEW_MAX; i++)
		json_push_str(r, s->items[sum->review[i]].q->id);
}

static void text_summary(struct prompt *p, const struct session *s,
	const struct summary *sum, const struct session_opts *o)
{
	bool drill = o->mode == SESSION_DRILL;
	fprintf(p->out, "\n%s%s%s\n", prompt_sgr(p, STYLE_BOLD),
		drill ? "Drill report" : "Summary", prompt_sgr(p, STYLE_RESET));
	size_t id_w = 2;
	for (size_t i = 0; i < s->n_items; i++)
		if (strlen(s->items[i].q->id) > id_w)
			id_w = strlen(s->items[i].q->id);
	for (size_t i = 0; i < s->n_items; i++) {
		const struct session_item *it = &s->items[i];
		fprintf(p->out, "%3zu  %-*s  ", i + 1, (int)id_w, it->q->id);
		if (it->status != ITEM_ANSWERED) {
			fprintf(p->out, "%s%s%s\n", prompt_sgr(p, STYLE_DIM),
				it->status == ITEM_SKIPPED ? "skipped"
							   : "not answered",
				prompt_sgr(p, STYLE_RESET));
			continue;
		}
		char took[32];
		char pct[16];
		format_duration(it->seconds, took);
		if (it->scored)
			snprintf(pct, sizeof pct, "%3d%%",
				grade_percent(it->score));
		else
			snprintf(pct, sizeof pct, "   -");
		fprintf(p->out, "%s%s%s  %6s  %s",
			prompt_sgr(p,
				score_style(
					it->scored ? it->score : 1, o->pass)),
			pct, prompt_sgr(p, STYLE_RESET), took,
			grade_rating_name(it->rating));
		if (it->hints)
			fprintf(p->out, "  %u hint%s", it->hints,
				it->hints == 1 ? "" : "s");
		if (it->shown)
			fputs("  shown", p->out);
		if (it->timed_out)
			fputs("  time ran out", p->out);
		fputc('\n', p->out);
		if (drill) {
			struct buf line;
			buf_init(&line);
			for (size_t k = 0; k < it->result.n_points; k++) {
				if (it->result.points[k].matched)
					continue;
				buf_adds(&line, line.len ? ", " : "missed: ");
				buf_adds(&line, it->result.points[k].term);
			}
			if (line.len) {
				fputs(prompt_sgr(p, STYLE_DIM), p->out);
				put_wrapped(
					p, line.data, (int)id_w + 7, NULL, 0);
				fputs(prompt_sgr(p, STYLE_RESET), p->out);
			}
			buf_free(&line);
		}
	}
	char total[32];
	format_duration(sum->seconds, total);
	if (sum->scored)
		fprintf(p->out, "Mean %d%% over %zu answer%s",
			grade_percent(sum->mean), sum->scored,
			sum->scored == 1 ? "" : "s");
	else
		fputs("No answers scored", p->out);
	if (sum->answered > sum->scored)
		fprintf(p->out, ", %zu not scored",
			sum->answered - sum->scored);
	if (sum->skipped)
		fprintf(p->out, ", %zu skipped", sum->skipped);
	if (sum->unasked)
		fprintf(p->out, ", %zu not answered", sum->unasked);
	fprintf(p->out, "; %s answering", total);
	if (s->out_of_time)
		fputs("; the time budget ran out", p->out);
	fputs(".\n", p->out);
	if (sum->n_missed) {
		struct buf line;
		buf_init(&line);
		bool recur = sum->missed[0].count > 1;
		buf_adds(&line, recur ? "Missed more than once: " : "Missed: ");
		for (size_t i = 0; i < sum->n_missed && i < SUMMARY_MISSED_MAX;
			i++) {
			if (recur && sum->missed[i].count < 2)
				break;
			if (i)
				buf_adds(&line, ", ");
			buf_adds(&line, sum->missed[i].term);
			if (sum->missed[i].count > 1)
				buf_printf(
					&line, " (%zux)", sum->missed[i].count);
		}
		put_wrapped(p, line.data, 0, NULL, 0);
		buf_free(&line);
	}
	if (sum->n_review) {
		fputs("Review next:\n", p->out);
		for (size_t i = 0; i < sum->n_review && i < SUMMARY_REVIEW_MAX;
			i++) {
			const struct session_item *it =
				&s->items[sum->review[i]];
			fprintf(p->out, "  %s", it->q->id);
			if (it->q->chapter[0])
				fprintf(p->out, "  (chapter %s)",
					it->q->chapter);
			fputc('\n', p->out);
		}
	} else if (sum->answered) {
		fputs(sum->scored ? "Nothing to review: every answer passed.\n"
				  : "Nothing to review.\n",
			p->out);
	}
}

/* ---- the loop ---------------------------------------------------------- */

static void emit_ndjson_item(
	const struct run *run, const struct session_item *it, size_t n)
{
	if (run->o->format != FORMAT_NDJSON)
		return;
	struct json *obj = json_new_object();
	json_set_str(obj, "type", "answer");
	json_item(obj, it, n);
	json_print(run->o->data, obj, false);
	fflush(run->o->data);
	json_free(obj);
}

static void finish(struct run *run)
{
	const struct session *s = run->s;
	const struct session_opts *o = run->o;
	struct summary sum;
	summarize(s, o, &sum);
	if (human(run))
		text_summary(run->p, s, &sum, o);
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

int session_run(struct session *s, struct prompt *p, const struct grade_ctx *g,
	const struct quiz_question *const *qs, size_t n,
	const struct session_opts *o)
{
	memset(s, 0, sizeof *s);
	s->items = xcalloc(n ? n : 1, sizeof *s->items);
	s->n_items = n;
	s->started = time(NULL);
	for (size_t i = 0; i < n; i++)
		s->items[i].q = qs[i];
	struct run run = {s, p, g, o, now(o), false};
	double budget_end = o->total_limit > 0 ? run.start + o->total_limit : 0;
	int status = QUIZ_EXIT_OK;
	for (size_t i = 0; i < n && !s->quit; i++) {
		struct session_item *it = &s->items[i];
		double t0 = now(o);
		if (budget_end > 0 && t0 >= budget_end) {
			s->out_of_time = true;
			break;
		}
		show_question(&run, i, n, it->q, g->bank);
		double deadline = o->time_limit > 0 ? t0 + o->time_limit : 0;
		if (budget_end > 0 && (deadline == 0 || budget_end < deadline))
			deadline = budget_end;
		enum answer_end end = read_answer(&run, it, deadline);
		it->seconds = now(o) - t0;
		if (end == END_SKIP) {
			it->status = ITEM_SKIPPED;
			emit_ndjson_item(&run, it, i + 1);
			continue;
		}
		if (end == END_QUIT || end == END_INTERRUPT ||
			end == END_INPUT) {
			s->quit = true;
			if (end == END_INTERRUPT)
				status = QUIZ_EXIT_INTERRUPT;
			break;
		}
		it->status = ITEM_ANSWERED;
		grade_answer(
			g, it->q, it->answer, strlen(it->answer), &it->result);
		it->scored = it->result.n_points > 0;
		it->score = it->result.score - it->hints * HINT_PENALTY;
		if (it->score < 0)
			it->score = 0;
		/* Hints lower the score, so the verdict follows it. */
		it->result.verdict = grade_verdict_for(it->score, o->pass);
		it->suggested = it->shown ? RATING_AGAIN
			: !it->scored     ? RATING_GOOD
					  : grade_suggest_rating(it->score);
		if (human(&run))
			show_feedback(&run, it);
		bool quit = false;
		it->rating = ask_rating(&run, it->suggested, &quit);
		record_item(&run, it);
		emit_ndjson_item(&run, it, i + 1);
		if (quit) {
			s->quit = true;
			status = QUIZ_EXIT_INTERRUPT;
		}
		if (budget_end > 0 && now(o) >= budget_end) {
			s->out_of_time = i + 1 < n;
			if (s->out_of_time && human(&run))
				fputs("The time budget ran out.\n", p->out);
			if (s->out_of_time)
				break;
		}
	}
	s->seconds = now(o) - run.start;
	finish(&run);
	fflush(p->out);
	return status;
}

void session_free(struct session *s)
{
	for (size_t i = 0; i < s->n_items; i++) {
		if (s->items[i].status == ITEM_ANSWERED)
			grade_result_free(&s->items[i].result);
		free(s->items[i].answer);
	}
	free(s->items);
	memset(s, 0, sizeof *s);
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

void session_write_markdown(
	const struct session *s, FILE *out, const struct session_opts *o)
{
	struct summary sum;
	summarize(s, o, &sum);
	char when[64];
	struct tm tm;
	gmtime_r(&s->started, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	char total[32];
	format_duration(sum.seconds, total);
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
		format_duration(it->seconds, took);
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
