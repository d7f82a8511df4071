/* report: how a session is shown. At the end: the summary (ask) or drill
 * report (drill) as text through prompt, the JSON document or NDJSON
 * summary line on the data stream, and the Markdown report for --report.
 * While it runs: one NDJSON line per item. Also the text helpers the
 * session's per-answer feedback shares with the summary.
 *
 * Ownership: nothing is kept; every function only reads the session. */
#ifndef QUIZ_REPORT_H
#define QUIZ_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "prompt.h"
#include "util.h"
#include "session.h"
#include "wrap.h"

/* Writes text wrapped to the prompt's width (see wrap.h), every line
 * indented by indent columns, each marked run in its mark's style (an
 * enum prompt_style; never the indent). Without colour, STYLE_MARK and
 * STYLE_MISS runs are bracketed as [+...] and [-...] before wrapping. */
void report_wrapped(struct prompt *p, const char *text, int indent,
	const struct wrap_mark *marks, size_t n_marks);

/* The wrapped lines from..from+max of the same text only (a model answer
 * shown in parts); returns the number of lines of the whole text. */
size_t report_wrapped_part(struct prompt *p, const char *text, int indent,
	const struct wrap_mark *marks, size_t n_marks, size_t from, size_t max);

/* Text being built from parts in styles, printed wrapped: every line
 * quiz prints while a session runs goes through report_wrapped, so that
 * nothing breaks inside a word at any width. */
struct report_text {
	struct buf text;
	struct wrap_mark *marks; /* style: an enum prompt_style */
	size_t n_marks;
	size_t cap;
};

void report_text_init(struct report_text *t);
void report_text_free(struct report_text *t);
/* Appends printf-formatted text in style (an enum prompt_style; -1:
 * plain). */
void report_text_add(struct report_text *t, int style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints it wrapped, every line indented by indent, and empties it. */
void report_text_print(struct prompt *p, struct report_text *t, int indent);
/* One paragraph in one style (-1: plain), wrapped. */
void report_line(struct prompt *p, int style, int indent, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "m:ss", or "h:mm:ss" from an hour on; seconds are rounded. */
void report_duration(double secs, char out[32]);

/* The colour of a score: good from pass, a warning from half of it. */
enum prompt_style report_score_style(double score, double pass);

/* Item n (from 1) as one NDJSON line on o->data, when o->format is
 * FORMAT_NDJSON; otherwise nothing. */
void report_ndjson_item(
	const struct session_item *it, size_t n, const struct session_opts *o);

/* The end of the session: the text summary on p (unless o->quiet), and
 * with o->format JSON or NDJSON the records on o->data. */
void report_summary(struct prompt *p, const struct session *s,
	const struct session_opts *o);

/* The drill's first lines: how many questions, how long each. */
void report_drill_intro(
	struct prompt *p, size_t n, const struct session_opts *o);

/* The report as Markdown (for drill --report FILE). */
void report_write_markdown(
	const struct session *s, FILE *out, const struct session_opts *o);

#endif
