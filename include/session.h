/* session: the ask/answer/feedback loop of `quiz ask` and `quiz drill`,
 * over a struct prompt (a terminal, a pipe or a test transcript); never
 * touches termios itself. It grades each answer, records it through
 * history_record(), and ends with report_summary() (report.h writes the
 * summaries, the drill report and the JSON/NDJSON records).
 *
 * Ownership: struct session owns its items and their grade results; the
 * questions and the grade context are borrowed and must outlive it. */
#ifndef QUIZ_SESSION_H
#define QUIZ_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "bank.h"
#include "grade.h"
#include "output.h"
#include "prompt.h"

enum session_mode { SESSION_ASK, SESSION_DRILL };

enum item_status {
	ITEM_UNASKED, /* never reached: quit, end of input or out of time */
	ITEM_ANSWERED, /* graded (also after :show or a timeout) */
	ITEM_SKIPPED, /* :skip */
};

struct session_item {
	const struct quiz_question *q;
	enum item_status status;
	struct grade_result result; /* valid when ITEM_ANSWERED */
	bool scored; /* false: the question has no key points
		      * (behavioral); only the self-grade counts */
	double score; /* result.score less hint penalties */
	unsigned hints;
	double seconds;
	bool shown; /* ended with :show */
	bool timed_out;
	enum grade_rating suggested;
	enum grade_rating rating; /* self-grade; = suggested unless asked */
	char *answer; /* what was typed (owned) */
	time_t recorded; /* the history row's time, when recorded */
};

/* Returns seconds on some monotonic clock; tests pass a fake one. */
typedef double (*session_clock_fn)(void *ctx);

struct session_opts {
	enum session_mode mode;
	enum output_format format; /* TEXT, JSON (at the end) or NDJSON */
	double time_limit; /* per question, seconds; 0 = none */
	double total_limit; /* whole session, seconds; 0 = none */
	double pass; /* below it, an answer is listed for review */
	bool record; /* history_record() every graded answer */
	bool quiet; /* no human-readable text (piped JSON) */
	/* Per question (qs[i]): its content changed since its last answer
	 * (progress.h), said when it is asked. NULL: none did. */
	const bool *changed;
	FILE *data; /* where JSON/NDJSON goes */
	session_clock_fn clock; /* NULL: prompt_now */
	void *clock_ctx;
};

struct session {
	struct session_item *items;
	size_t n_items;
	bool quit; /* :quit, a second Ctrl-C, or end of input */
	bool out_of_time; /* the --total budget ran out */
	double seconds; /* wall time of the whole session */
	time_t started; /* when it began (the report's date) */
};

void session_opts_init(struct session_opts *o);

/* Asks qs[0..n) in order. Returns QUIZ_EXIT_OK, or QUIZ_EXIT_INTERRUPT
 * when the user quit with Ctrl-C. The summary (ask) or report (drill) is
 * written at the end in the chosen format. */
int session_run(struct session *s, struct prompt *p, const struct grade_ctx *g,
	const struct quiz_question *const *qs, size_t n,
	const struct session_opts *o);

void session_free(struct session *s);

#endif
