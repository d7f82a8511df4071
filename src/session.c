/* session: one quiz or drill from the first question to the summary. Reads
 * answers through prompt, grades them with grade, records them with
 * history_record, and shows the feedback on each answer; what is written
 * about the whole session (text, JSON, Markdown) is report's. */
#include "session.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "norm.h"
#include "output.h"
#include "report.h"
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

/* ---- feedback --------------------------------------------------------- */

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
			buf_adds(&line, " [required]");
	}
	report_line(p, style, 2, "%s", line.len ? line.data : "-");
	buf_free(&line);
}

/* ---- one question ---------------------------------------------------- */

enum answer_end {
	END_ANSWER, /* blank line, Ctrl-D after text, :edit, or timeout */
	END_SKIP,
	END_SHOW,
	END_QUIT, /* :quit */
	END_INTERRUPT, /* second Ctrl-C */
	END_TERMINATE, /* SIGTERM or SIGHUP */
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
		":done",
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
	/* The rest of a model answer too long for the screen, for :more. */
	const char *more_text;
	struct wrap_mark *more_marks;
	size_t n_more_marks;
	size_t more_from;
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
			report_line(
				p, -1, 2, "No more hints for this question.");
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
	if (human(run)) {
		struct report_text line;
		report_text_init(&line);
		report_text_add(&line, STYLE_WARN, "Hint:");
		report_text_add(&line, -1, " %s  (-%d%% each)", h.data,
			grade_percent(HINT_PENALTY));
		report_text_print(p, &line, 2);
		report_text_free(&line);
	}
	buf_free(&h);
	grade_result_free(&r);
	return true;
}

/* "1/2  t-1 — Latency  t-1-q1": where the question is. */
/* "2/5  chapter — title  id", and a note when the question changed
 * since the last answer to it (its progress may no longer apply). */
static void put_heading(struct prompt *p, size_t i, size_t n,
	const struct quiz_question *q, const struct quiz_bank *bank,
	bool changed)
{
	const char *title = bank ? bank_chapter_title(bank, q->chapter) : "";
	struct report_text t;
	report_text_init(&t);
	report_text_add(&t, STYLE_BOLD, "%zu/%zu", i + 1, n);
	if (q->chapter[0])
		report_text_add(&t, STYLE_DIM, "  %s%s%s", q->chapter,
			!title[0]             ? ""
				: p->cfg.utf8 ? " \u2014 "
					      : " - ",
			title);
	report_text_add(&t, STYLE_DIM, "  %s", q->id);
	if (changed)
		report_text_add(
			&t, STYLE_DIM, "  (changed since your last answer)");
	report_text_print(p, &t, 0);
	report_text_free(&t);
}

static void show_question(struct run *run, size_t i, size_t n,
	const struct quiz_question *q, const struct quiz_bank *bank)
{
	struct prompt *p = run->p;
	if (!human(run))
		return;
	fputc('\n', p->out);
	put_heading(p, i, n, q, bank, run->o->changed && run->o->changed[i]);
	report_line(p, STYLE_BOLD, 0, "%s", q->question);
	if (p->cfg.interactive && !run->shown_help) {
		run->shown_help = true;
		report_line(p, STYLE_DIM, 0,
			"Answer, then an empty line (or Ctrl-D). "
			"Commands: %s",
			run->o->mode == SESSION_DRILL
				? ":done :skip :edit :quit"
				: ":done :hint :skip :show :edit :quit");
	}
}

/* Adds a line to the answer, keeping it under ANSWER_MAX bytes: what
 * does not fit is cut at a character boundary, as `quiz grade` cuts. */
static void add_line(struct buf *answer, const char *line, bool *warned)
{
	size_t n = strlen(line);
	if (answer->len + n + 1 > ANSWER_MAX) {
		if (!*warned)
			quiz_warn("answer too long: the rest is dropped");
		*warned = true;
		if (answer->len + 1 >= ANSWER_MAX)
			return;
		size_t room = ANSWER_MAX - 1 - answer->len;
		while (room > 0 && ((unsigned char)line[room] & 0xC0) == 0x80)
			room--;
		n = room;
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
	size_t consumed = 0;
	enum answer_end end = END_ANSWER;
	for (;;) {
		enum prompt_status st =
			prompt_read_line(p, "> ", deadline, &line);
		if (st == PROMPT_TERMINATE) {
			end = END_TERMINATE;
			break;
		}
		if (st == PROMPT_INTERRUPT) {
			if (human(run))
				report_line(p, STYLE_WARN, 0,
					"Quit? Press Ctrl-C again to "
					"quit (answers so far are kept), or "
					"Enter to go on.");
			add_line(&answer, line.data, &warned);
			st = prompt_read_line(p, "", deadline, &line);
			if (st == PROMPT_TERMINATE) {
				end = END_TERMINATE;
				break;
			}
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
		if (st == PROMPT_SUBMIT) {
			add_line(&answer, line.data, &warned);
			break;
		}
		const char *cmd = line_command(line.data);
		if (cmd && strcmp(cmd, ":done") == 0)
			break;
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
					report_line(p, -1, 2,
						"No hints in a drill.");
			} else if (give_hint(run, item->q, &answer, &hinted,
					   &n_hinted)) {
				item->hints++;
			}
			continue;
		}
		if (cmd && strcmp(cmd, ":show") == 0) {
			if (o->mode == SESSION_DRILL) {
				if (human(run))
					report_line(p, -1, 2,
						"No :show in a drill.");
				continue;
			}
			item->shown = true;
			break;
		}
		if (cmd && strcmp(cmd, ":edit") == 0) {
			if (prompt_edit(p, &answer)) {
				if (human(run))
					report_line(p, STYLE_DIM, 2, "%s",
						answer.data);
				break;
			}
			continue;
		}
		/* Endless input (yes, /dev/zero) ends the answer as it
		 * ends `quiz grade -`; endless blank lines end the input. */
		consumed += line.len + 1;
		if (consumed > 4 * (size_t)ANSWER_MAX) {
			if (!is_blank(line.data))
				add_line(&answer, line.data, &warned);
			if (is_blank(answer.data))
				end = END_INPUT;
			break;
		}
		if (is_blank(line.data)) {
			/* A stray Enter before any text is not an answer;
			 * nor, in piped answers, are blank lines between
			 * paragraphs or after a :skip (:skip skips). */
			if (is_blank(answer.data)) {
				if (p->cfg.interactive && human(run))
					report_line(p, -1, 2,
						"(type an answer, or :skip)");
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

/* The model answer's stretches that r's points with matched == which
 * cover, as marks in style. grade_spans gives the spans of the matched
 * points: a copy of r with the flags set to which selects the others. */
static size_t point_marks(const struct grade_ctx *g,
	const struct quiz_question *q, const struct grade_result *r, bool which,
	int style, struct wrap_mark **out)
{
	struct grade_result sel = *r;
	sel.points = xcalloc(r->n_points ? r->n_points : 1, sizeof *sel.points);
	for (size_t i = 0; i < r->n_points; i++) {
		sel.points[i] = r->points[i];
		sel.points[i].matched = r->points[i].matched == which;
	}
	struct grade_span *spans = NULL;
	size_t n = grade_spans(g, q, &sel, &spans);
	free(sel.points);
	*out = xcalloc(n ? n : 1, sizeof **out);
	size_t m = merge_spans(q->answer, spans, n, *out);
	for (size_t i = 0; i < m; i++)
		(*out)[i].style = style;
	free(spans);
	return m;
}

/* Matched points lit in one style, missed ones in another (a missed
 * stretch that overlaps a matched one is left to the matched one). */
static size_t answer_marks(const struct grade_ctx *g,
	const struct quiz_question *q, const struct grade_result *r,
	struct wrap_mark **out)
{
	struct wrap_mark *hit;
	struct wrap_mark *miss;
	size_t n_hit = point_marks(g, q, r, true, STYLE_MARK, &hit);
	size_t n_miss = point_marks(g, q, r, false, STYLE_MISS, &miss);
	*out = xcalloc(n_hit + n_miss + 1, sizeof **out);
	size_t n = 0;
	for (size_t i = 0; i < n_hit; i++)
		(*out)[n++] = hit[i];
	for (size_t i = 0; i < n_miss; i++) {
		bool overlaps = false;
		for (size_t k = 0; k < n_hit && !overlaps; k++)
			overlaps = miss[i].start < hit[k].end &&
				hit[k].start < miss[i].end;
		if (!overlaps)
			(*out)[n++] = miss[i];
	}
	free(hit);
	free(miss);
	return n;
}

/* The model answer, marked; on a terminal, as many lines as fit under the
 * feedback, the rest kept for :more. */
static void show_model_answer(struct run *run, const struct session_item *it,
	bool marked, int lines_above)
{
	struct prompt *p = run->p;
	const char *text = it->q->answer;
	struct wrap_mark *marks = NULL;
	size_t n_marks =
		marked ? answer_marks(run->g, it->q, &it->result, &marks) : 0;
	report_line(p, STYLE_BOLD, 0, "Model answer");
	int rows = p->cfg.interactive ? prompt_height(p) : 0;
	/* Room for the lines above, the heading, the :more note and the
	 * self-grade prompt. */
	int room = rows - lines_above - 3;
	if (room < MORE_LINES_MIN)
		room = MORE_LINES_MIN;
	size_t total = report_wrapped_part(p, text, 2, marks, n_marks, 0,
		rows > 0 ? (size_t)room : SIZE_MAX);
	if (rows > 0 && total > (size_t)room) {
		report_line(p, STYLE_DIM, 2, "... %zu more lines: type :more",
			total - (size_t)room);
		run->more_text = text;
		run->more_marks = marks;
		run->n_more_marks = n_marks;
		run->more_from = (size_t)room;
		return;
	}
	free(marks);
}

/* The wrapped height of text at the current width. */
static int text_lines(struct prompt *p, const char *text, int indent)
{
	struct wrap_line *lines;
	size_t n = wrap_lines(text, prompt_width(p), indent, &lines);
	free(lines);
	return (int)n;
}

static void show_feedback(struct run *run, const struct session_item *it)
{
	struct prompt *p = run->p;
	const struct grade_result *r = &it->result;
	const double pass = run->o->pass;
	char took[32];
	report_duration(it->seconds, took);
	bool drill = run->o->mode == SESSION_DRILL;
	struct report_text t;
	report_text_init(&t);
	fputc('\n', p->out);
	int above = 1;
	/* On a terminal the answer typed has pushed the question up: it
	 * comes again, above what is said about the answer. */
	if (p->cfg.interactive && !drill) {
		report_line(p, STYLE_DIM, 0, "%s", it->q->question);
		above += text_lines(p, it->q->question, 0);
	}
	if (!it->scored) {
		report_text_add(&t, STYLE_BOLD, "Not scored:");
		report_text_add(&t, -1,
			" no key points to compare with; grade yourself.  %s",
			took);
		report_text_print(p, &t, 0);
		report_text_free(&t);
		if (!drill && it->q->answer[0])
			show_model_answer(run, it, false, above + 1);
		return;
	}
	report_text_add(&t, STYLE_BOLD, "Score");
	report_text_add(&t, -1, " ");
	report_text_add(&t, report_score_style(it->score, pass), "%3d%%",
		grade_percent(it->score));
	report_text_add(&t, -1, "  ");
	/* The bar: the filled part in the score's colour, the rest dim. */
	/* Half as wide on a narrow terminal, so the line still fits. */
	int bar = prompt_width(p) >= 60 ? SCORE_BAR_WIDTH : SCORE_BAR_WIDTH / 2;
	int full = (int)floor(it->score * bar + 0.5);
	for (int i = 0; i < bar; i++)
		report_text_add(&t,
			i < full ? (int)report_score_style(it->score, pass)
				 : STYLE_DIM,
			"%s",
			i < full ? (p->cfg.utf8 ? "\u2588" : "#")
				 : (p->cfg.utf8 ? "\u2591" : "-"));
	report_text_add(&t, -1, "  %s", grade_verdict_name(r->verdict));
	if (it->hints)
		report_text_add(&t, -1, "  (%u hint%s, -%d%%)", it->hints,
			it->hints == 1 ? "" : "s",
			grade_percent(it->hints * HINT_PENALTY));
	if (it->timed_out)
		report_text_add(&t, -1, "  (time ran out)");
	report_text_add(&t, -1, "  %s", took);
	report_text_print(p, &t, 0);
	report_text_free(&t);
	if (drill)
		return;
	report_line(p, STYLE_BOLD, 0, "Matched");
	put_points(p, r, true, STYLE_GOOD);
	report_line(p, STYLE_BOLD, 0, "Missed");
	put_points(p, r, false, STYLE_BAD);
	/* The wrong claims, in the words quiz grade uses. */
	int claims = 0;
	struct buf claim;
	buf_init(&claim);
	for (size_t k = 0; k < grade_claim_count(r); k++) {
		buf_clear(&claim);
		grade_claim_text(r, k, &claim);
		report_line(p, STYLE_BAD, 0, "%s", claim.data);
		claims += text_lines(p, claim.data, 0);
	}
	buf_free(&claim);
	if (it->q->answer[0])
		show_model_answer(run, it, true, above + 5 + claims);
}

/* :more at the self-grade: the rest of the model answer. */
static bool show_more(struct run *run)
{
	if (!run->more_text)
		return false;
	report_wrapped_part(run->p, run->more_text, 2, run->more_marks,
		run->n_more_marks, run->more_from, SIZE_MAX);
	free(run->more_marks);
	run->more_text = NULL;
	run->more_marks = NULL;
	return true;
}

/* The self-grade, or the suggestion when none is asked for or given. *end
 * says why the session must stop after it: END_INTERRUPT (Ctrl-C),
 * END_TERMINATE (SIGTERM, SIGHUP), else END_ANSWER. */
static enum grade_rating ask_rating(
	struct run *run, enum grade_rating suggested, enum answer_end *end)
{
	struct prompt *p = run->p;
	if (!p->cfg.interactive || run->o->mode == SESSION_DRILL)
		return suggested;
	struct buf line;
	buf_init(&line);
	enum grade_rating r = suggested;
	char label[128];
	/* The long form leaves room to type only on a wide terminal. */
	snprintf(label, sizeof label,
		prompt_width(p) >= 60 ? "Self-grade again/hard/good/easy [%s]: "
				      : "Self-grade a/h/g/e [%s]: ",
		grade_rating_name(suggested));
	for (;;) {
		enum prompt_status st = prompt_read_line(p, label, 0, &line);
		if (st == PROMPT_INTERRUPT || st == PROMPT_TERMINATE) {
			*end = st == PROMPT_INTERRUPT ? END_INTERRUPT
						      : END_TERMINATE;
			break;
		}
		if (st != PROMPT_LINE || is_blank(line.data))
			break;
		char *t = line.data;
		while (*t == ' ')
			t++;
		if (strncmp(t, ":more", 5) == 0 && show_more(run))
			continue;
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
		report_line(p, -1, 2,
			"Type again, hard, good or easy (or a, h, g, e); "
			"Enter takes the suggestion.");
	}
	buf_free(&line);
	return r;
}

/* Records a graded answer with rating; amend: a later self-grade of the
 * answer recorded at it->recorded (history.h, mode "rating"). */
static void record_item(struct run *run, struct session_item *it,
	enum grade_rating rating, bool amend)
{
	if (!run->o->record)
		return;
	if (!amend)
		it->recorded = time(NULL);
	struct history_entry e = {
		.time = it->recorded,
		.id = it->q->id,
		.score = it->scored ? it->score : NAN,
		.verdict = it->result.verdict,
		.rating = rating,
		.hints = it->hints,
		.seconds = it->seconds,
		.mode = amend                           ? "rating"
			: run->o->mode == SESSION_DRILL ? "drill"
							: "ask",
	};
	history_record_answer(
		&e, it->q, !amend && it->scored ? &it->result : NULL);
}

/* The exit status for how a session ended early. */
static int end_status(const struct run *run, enum answer_end end)
{
	if (end == END_TERMINATE)
		return 128 + prompt_signal(run->p);
	return end == END_INTERRUPT ? QUIZ_EXIT_INTERRUPT : QUIZ_EXIT_OK;
}

/* ---- the loop ---------------------------------------------------------- */
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
	struct run run = {s, p, g, o, now(o), false, NULL, NULL, 0, 0};
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
			report_ndjson_item(it, i + 1, o);
			continue;
		}
		if (end == END_QUIT || end == END_INTERRUPT ||
			end == END_TERMINATE || end == END_INPUT) {
			s->quit = true;
			status = end_status(&run, end);
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
		/* Recorded before the self-grade is asked, so that no way of
		 * leaving the prompt (a signal, a closed terminal) loses the
		 * answer; a different self-grade follows as an amendment. */
		record_item(&run, it, it->suggested, false);
		enum answer_end stop = END_ANSWER;
		it->rating = ask_rating(&run, it->suggested, &stop);
		free(run.more_marks);
		run.more_text = NULL;
		run.more_marks = NULL;
		if (it->rating != it->suggested)
			record_item(&run, it, it->rating, true);
		report_ndjson_item(it, i + 1, o);
		if (stop != END_ANSWER) {
			s->quit = true;
			status = end_status(&run, stop);
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
	report_summary(p, s, o);
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
