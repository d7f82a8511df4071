/* history: the log of graded answers, $XDG_DATA_HOME/quiz/history.csv
 * (default ~/.local/share/quiz/history.csv). Every libcsv use for it goes
 * through csvio. Rows are only ever appended, each with one write(2) under
 * an exclusive lock, so concurrent quiz processes never lose or tear rows.
 *
 * Columns (a header row names them; documented in quiz(1) FILES):
 *   time     ISO 8601 UTC, e.g. 2026-11-22T03:55:06Z
 *   id       question id
 *   score    [0,1] with 3 decimals, after hint penalties; empty when the
 *            question has no key points (only the self-grade counts)
 *   verdict  incorrect | partial | correct (the grader's); empty with score
 *   rating   again | hard | good | easy (the self-grade; scheduling uses it)
 *   hints    hints used
 *   seconds  time taken, 1 decimal
 *   mode     ask | drill | grade
 *
 * A history that cannot be written is a warning, never a lost session.
 * Reading skips damaged rows (counted and reported once). */
#ifndef QUIZ_HISTORY_H
#define QUIZ_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "bank.h"
#include "grade.h"

#define HISTORY_COLUMNS 8

/* One graded answer. Strings are borrowed (history_record) or, in rows
 * passed to a history_row_fn, valid only during the call. */
struct history_entry {
	time_t time;
	const char *id;
	double score; /* NAN: not scored */
	enum grade_verdict verdict;
	enum grade_rating rating;
	unsigned hints;
	double seconds;
	const char *mode; /* "ask", "drill", "grade" */
};

/* The history file: $XDG_DATA_HOME/quiz/history.csv, else
 * $HOME/.local/share/quiz/history.csv. NULL when neither variable is set
 * (absolute paths only). Caller frees. */
char *history_path(void);

/* THE hook: every graded answer goes through here. Appends e to the
 * history file (creating directories), warns on failure and returns false;
 * never aborts the caller. */
bool history_record(const struct history_entry *e);

/* Appends e to path; creates the file with a header row and its parent
 * directories (mode 0700) when missing. One write(2) under flock(LOCK_EX).
 * false after a warning. */
bool history_append(const char *path, const struct history_entry *e);

/* Formats e as one CSV line (with "\n") into a caller-freed string. */
char *history_format(const struct history_entry *e);

/* Called for each good row, oldest first; return false to stop. */
typedef bool (*history_row_fn)(void *ctx, const struct history_entry *e);

/* Reads path; a missing file is an empty history (true). Damaged rows are
 * skipped and counted into *n_bad (may be NULL). false only when the file
 * exists but cannot be read (after a warning). */
bool history_read(
	const char *path, history_row_fn fn, void *ctx, size_t *n_bad);

/* Weakness per bank question, for drill's weakest-first order (lower is
 * asked first): the mean of the last HISTORY_RECENT scores of the id
 * (unscored rows do not count), or
 * HISTORY_UNSEEN_WEAKNESS when it has none. Fills weak[bank->n_questions].
 * Returns how many questions have history. */
size_t history_weakness(
	const char *path, const struct quiz_bank *bank, double *weak);

#endif
