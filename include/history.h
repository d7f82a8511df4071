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
 *   mode     ask | drill | grade | rating
 *   hash     the question's content hash when answered (history_hash)
 *   bank     the file name of the bank the question came from
 *   missed   the key points the answer missed, "; "-separated (at most
 *            HISTORY_MISSED_MAX bytes of whole terms); empty when unscored
 *
 * The first version's files have only the first eight columns (their
 * header says so). They read as rows with an empty hash, bank and missed,
 * and are never rewritten: rows appended to such a file keep its eight
 * columns, so that it stays one consistent CSV table. (To get the new
 * columns, start a new file: `quiz history --format csv` writes the old
 * rows in the new column set.)
 *
 * An interactive answer is recorded before its self-grade is asked (with
 * the suggested rating), so that no signal or closed terminal loses it. A
 * self-grade that differs follows as a second row with the same time and
 * id and mode "rating"; readers fold it into the row before it, so each
 * answer is one entry.
 *
 * A history that cannot be written is a warning, never a lost session.
 * Only a regular file is opened: a FIFO or a device there is a warning, not
 * a hang. A last row without its newline gets one before the next row.
 * Reading skips damaged rows (counted and reported once). */
#ifndef QUIZ_HISTORY_H
#define QUIZ_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "bank.h"
#include "grade.h"

#define HISTORY_COLUMNS 11
#define HISTORY_COLUMNS_V1 8
/* Characters of a content hash (hex), without the NUL. */
#define HISTORY_HASH_LEN 16
/* Separates the key points of the missed column. */
#define HISTORY_MISSED_SEP "; "
/* The mode of a row that amends the self-grade of the answer before it. */
#define HISTORY_MODE_RATING "rating"

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
	const char *hash; /* "" or NULL: not known */
	const char *bank; /* "" or NULL: not known */
	const char *missed; /* "" or NULL: none, or not known */
};

/* The history file: $XDG_DATA_HOME/quiz/history.csv, else
 * $HOME/.local/share/quiz/history.csv. NULL when neither variable is set
 * (absolute paths only). Caller frees. */
char *history_path(void);

/* THE hook: every graded answer goes through here. Appends e to the
 * history file (creating directories), warns on failure and returns false;
 * never aborts the caller. */
bool history_record(const struct history_entry *e);

/* The content hash of q's question, model answer and key points (terms,
 * aliases, weights, required): HISTORY_HASH_LEN hex digits of FNV-1a 64.
 * A question whose hash differs from the one its last answer recorded has
 * changed since. */
void history_hash(
	const struct quiz_question *q, char out[HISTORY_HASH_LEN + 1]);

/* history_record for an answer to q graded as r (NULL: no key points
 * graded, e.g. a self-grade amendment): fills e's hash, bank and missed
 * from them first. */
bool history_record_answer(struct history_entry *e,
	const struct quiz_question *q, const struct grade_result *r);

/* Calls fn for each key point of a missed column (len bytes at term, not
 * NUL-terminated), in order. */
void history_missed_each(const char *missed,
	void (*fn)(void *ctx, const char *term, size_t len), void *ctx);

/* Appends e to path; creates the file with a header row and its parent
 * directories (mode 0700) when missing. In a first-version file (eight
 * columns) the row has those eight only. One write(2) under flock(LOCK_EX).
 * false after a warning. */
bool history_append(const char *path, const struct history_entry *e);

/* Formats e as one CSV line (with "\n") into a caller-freed string, in
 * the current column set. */
char *history_format(const struct history_entry *e);
/* The current header line (with "\n"), caller-freed. */
char *history_format_header(void);

/* Called for each good row, oldest first; return false to stop. */
typedef bool (*history_row_fn)(void *ctx, const struct history_entry *e);

/* Reads path; a missing file is an empty history (true). Damaged rows are
 * skipped and counted into *n_bad (may be NULL). false only when the file
 * exists but cannot be read (after a warning). */
bool history_read(
	const char *path, history_row_fn fn, void *ctx, size_t *n_bad);

/* The reader's core, over text already in memory (len bytes, any content):
 * calls fn for each good row and returns the number of damaged rows
 * skipped. name is used in diagnostics. */
size_t history_parse(const char *name, const char *text, size_t len,
	history_row_fn fn, void *ctx);

/* Weakness per bank question, for drill's weakest-first order (lower is
 * asked first): the mean of the last HISTORY_RECENT scores of the id
 * (unscored rows do not count), or
 * HISTORY_UNSEEN_WEAKNESS when it has none. Fills weak[bank->n_questions].
 * Returns how many questions have history. */
size_t history_weakness(
	const char *path, const struct quiz_bank *bank, double *weak);

#endif
