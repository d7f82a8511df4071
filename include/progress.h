/* progress: what the history says about each question of a loaded bank:
 * its FSRS memory state (sched), answers, scores, time spent, the key
 * points it keeps missing and whether it changed since its last answer;
 * and what is built on that: the due/new/weak selection, the per-chapter
 * and per-tag statistics and the plan for an interview date. Pure given
 * the entries: progress_load is the only function that reads a file.
 *
 * Progress follows the id: a question whose content hash differs from the
 * one its last answer recorded keeps its schedule and is flagged changed.
 *
 * Ownership: struct progress owns its arrays; the bank is borrowed and
 * must outlive it. */
#ifndef QUIZ_PROGRESS_H
#define QUIZ_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "bank.h"
#include "history.h"
#include "sched.h"

/* A key point missed by answers to one question. */
struct progress_miss {
	char *term; /* owned */
	size_t count; /* answers that missed it */
};

struct progress_item {
	struct sched_card card; /* card.reps: answers folded in */
	size_t scored; /* answers with a score */
	double score_sum;
	double last_score; /* NAN: none scored */
	size_t reviews; /* answers after the first ... */
	size_t recalled; /* ... of which not rated "again" */
	double seconds;
	/* The question's hash now; "" until the history names it. */
	char hash[HISTORY_HASH_LEN + 1];
	char last_hash[HISTORY_HASH_LEN + 1]; /* its last answer's; "" */
	bool changed; /* last_hash known and not hash */
	/* Answers with the current hash that recorded missed points (rows
	 * of the first version did not), and the points they missed. */
	size_t graded;
	struct progress_miss *misses;
	size_t n_misses;
};

struct progress_key {
	const char *id;
	size_t index;
};

struct progress {
	const struct quiz_bank *bank;
	struct sched_params params;
	struct progress_item *items; /* one per bank question, same order */
	size_t rows; /* answers read, for any id */
	size_t unknown; /* ... of which to ids not in the bank */
	double seconds; /* time spent on all of them */
	long *days; /* local days (sched_civil_day) with an answer, sorted */
	size_t n_days;
	size_t cap_days;
	struct progress_key *by_id; /* bank questions sorted by id */
};

void progress_init(struct progress *p, const struct quiz_bank *bank);
void progress_free(struct progress *p);

/* Folds one history entry (entries oldest first) into p. */
void progress_add(struct progress *p, const struct history_entry *e);

/* Reads the history at path (NULL: none) into p; damaged rows are
 * skipped with one warning. false when the file exists but cannot be
 * read (after a warning; p holds what was read). */
bool progress_load(struct progress *p, const char *path);

/* The item of the question with this id, or NULL. */
const struct progress_item *progress_find(
	const struct progress *p, const char *id);

/* The local calendar day of t, as days since 1970-01-01. */
long progress_local_day(time_t t);
/* The first second of local day `day` (progress_local_day numbering). */
time_t progress_day_start(long day);

/* --- selection (quiz ask/drill/list --due --new --weak) ---------------- */
enum progress_class {
	PROGRESS_DUE = 1, /* answered and due now */
	PROGRESS_NEW = 2, /* never answered */
	PROGRESS_WEAK = 4, /* answered: ordered by recall, lowest first */
};

/* Fills keep[bank->n_questions] (whether a question is in the selection
 * `classes`, an OR of enum progress_class; 0: all) and priority[] (lower
 * is asked first): with PROGRESS_WEAK the probability of recall now; else
 * due questions first (lowest recall first), then new ones, then the rest,
 * which is the default order of quiz ask. */
void progress_order(const struct progress *p, unsigned classes, time_t now,
	bool *keep, double *priority);

/* --- statistics (quiz stats) ------------------------------------------- */
struct progress_stats {
	char *name; /* chapter or tag (owned); "" for the whole selection */
	size_t questions;
	size_t answered; /* questions with at least one answer */
	size_t answers;
	size_t scored;
	double score_sum;
	size_t reviews;
	size_t recalled;
	size_t due_now;
	size_t due_today;
	size_t changed;
	double mastery; /* mean recall now over the questions; new count 0 */
	double seconds;
};

/* A missed key point of one question, for the most-missed list. */
struct progress_missed {
	const struct quiz_question *q;
	const char *term; /* owned by the progress */
	size_t count;
	size_t graded; /* answers with the current content that recorded
			* their missed points */
};

struct progress_report {
	struct progress_stats total;
	struct progress_stats *chapters; /* sorted by name */
	size_t n_chapters;
	struct progress_stats *tags; /* sorted by name */
	size_t n_tags;
	struct progress_missed *missed; /* most missed first */
	size_t n_missed;
	size_t streak; /* consecutive days with an answer, to today */
	double seconds; /* time spent on the selected questions */
};

/* Statistics over the selected questions idx[0..n) at `now`; due today
 * means due before the end of the local day. */
void progress_report(const struct progress *p, const size_t *idx, size_t n,
	time_t now, struct progress_report *out);
void progress_report_free(struct progress_report *r);

/* --- plan (quiz plan --by DATE) ----------------------------------------- */
struct progress_plan {
	long days; /* days left: today up to the day before the interview */
	size_t selected;
	size_t fresh; /* never answered: need a first look */
	size_t weak; /* answered, due again before the interview */
	size_t per_day; /* ceil((fresh + weak) / days) */
	size_t *today; /* indices into bank->questions, today's list */
	size_t n_today;
};

/* Plans the selected questions idx[0..n) for an interview on local day
 * `by_day` (progress_local_day numbering), today being the local day of
 * now: every new question once and every answered one that is due before
 * the interview again, spread evenly. Today's list is what is due now
 * (lowest recall first), then what falls due before the interview
 * (soonest first), then new questions in idx order, per_day of them.
 * by_day must not be before today. */
void progress_plan(const struct progress *p, const size_t *idx, size_t n,
	time_t now, long by_day, struct progress_plan *out);
void progress_plan_free(struct progress_plan *plan);

#endif
