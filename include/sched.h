/* sched: the spaced-repetition model, FSRS-6 with its published default
 * parameters, as the reference implementation ts-fsrs (5.x) computes it
 * with enable_short_term = false (the "long-term" scheduler: every
 * interval is a whole number of days; quiz has no minute-long learning
 * steps), no fuzz, request retention SCHED_RETENTION and a longest
 * interval of SCHED_MAX_INTERVAL days. tests/data/sched/fsrs-golden.txt
 * holds vectors written by tools/fsrs-golden.mjs from ts-fsrs itself.
 *
 * Pure functions over one question's reviews: no I/O, no allocation.
 * The rating of a review is the self-grade; where none was asked (piped
 * input, quiz grade --record) the history holds grade_suggest_rating's
 * suggestion for the score, which is what schedules it.
 *
 * Times are Unix seconds; elapsed days count UTC calendar days, as ts-fsrs
 * does, and a review is due `interval` days (of 86400 s) after it. */
#ifndef QUIZ_SCHED_H
#define QUIZ_SCHED_H

#include <stdbool.h>
#include <time.h>

#include "grade.h"

#define SCHED_N_WEIGHTS 21

/* The model's parameters; sched_params_default fills FSRS-6's. */
struct sched_params {
	double w[SCHED_N_WEIGHTS];
	double retention; /* requested probability of recall at the due date */
	long max_interval; /* days */
};

void sched_params_default(struct sched_params *p);

/* The memory state of one question after its reviews so far. */
struct sched_card {
	unsigned reps; /* reviews folded in; 0: new, the rest is unset */
	unsigned lapses; /* "again" after the first review */
	double stability; /* days until recall falls to 90% */
	double difficulty; /* [1, 10] */
	time_t last_review;
	long interval; /* days scheduled after the last review */
	time_t due; /* last_review + interval days */
	enum grade_rating last_rating;
};

void sched_card_init(struct sched_card *c);

/* Folds one review at time `when` rated r into c. A review earlier than
 * the last one (a clock set back) counts as on the same day. */
void sched_review(const struct sched_params *p, struct sched_card *c,
	time_t when, enum grade_rating r);

/* The probability of recall at `now` (1 for a new card, and at or before
 * the last review), from whole elapsed days as the model counts them. */
double sched_retrievability(
	const struct sched_params *p, const struct sched_card *c, time_t now);

/* Whether c has been reviewed and its due time is at or before now, or
 * its last review was rated "again": a forgotten answer is due at once,
 * as FSRS's short-term learning steps (minutes) would have it, while its
 * stability and next interval stay the long-term scheduler's. */
bool sched_is_due(const struct sched_card *c, time_t now);

/* Days since 1970-01-01 of the UTC calendar day of t. */
long sched_day(time_t t);

/* Days since 1970-01-01 of a civil date (proleptic Gregorian; month
 * 1-12); timegm() is not POSIX. */
long sched_civil_day(long year, long month, long day);

/* The date at the start of s, exactly "YYYY-MM-DD" (digits where digits
 * go, no signs or spaces) and a day of its month, as days since
 * 1970-01-01 in *day; false otherwise. What follows is the caller's. */
bool sched_parse_date(const char *s, long *day);

/* A UTC time written exactly "YYYY-MM-DDTHH:MM:SSZ" (as the history
 * writes it); false for anything else. */
bool sched_parse_utc(const char *s, time_t *out);

#endif
