/* bank: the question bank. The only module that sees cJSON trees of banks:
 * it parses and validates bank JSON (every problem reported as
 * file:line:col), copies what it keeps into struct quiz_bank, and writes
 * questions back out as bank JSON.
 *
 * Ownership: a struct quiz_bank owns every string and array reachable from
 * it; pointers into it stay valid until bank_free(). */
#ifndef QUIZ_BANK_H
#define QUIZ_BANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "question.h"

/* "interview", "summary", ...; NULL for an out-of-range kind. */
const char *bank_kind_name(enum quiz_kind kind);
/* false when name is not a kind. */
bool bank_kind_parse(const char *name, enum quiz_kind *out);

/* Severity of a problem found while loading or checking a bank. */
enum bank_severity { BANK_WARNING, BANK_ERROR };

/* Receives each problem: file:line:col and a message without prefix.
 * When NULL is passed to the loaders, problems are printed to stderr as
 * "quiz: file:line:col: error: message". */
struct bank_diag {
	void (*report)(void *ctx, enum bank_severity sev, const char *file,
		long line, long col, const char *msg);
	void *ctx;
	size_t n_errors; /* counted by the loaders */
	size_t n_warnings;
	bool lint; /* also report lint warnings (quiz check) */
};

void bank_init(struct quiz_bank *bank);
void bank_free(struct quiz_bank *bank);

/* Parses bank JSON text (len bytes, need not be NUL-terminated) named
 * `name` in diagnostics and appends its questions. Returns false if it had
 * any error; then nothing of this text is added. Every problem is reported,
 * not only the first. */
bool bank_load_text(struct quiz_bank *bank, const char *name, const char *text,
	size_t len, struct bank_diag *diag);

/* Loads a file, or every *.json in a directory (sorted by name). */
bool bank_load_path(
	struct quiz_bank *bank, const char *path, struct bank_diag *diag);

/* Loads the bank compiled into the binary: its questions as C data, with
 * nothing parsed or copied, unless diag asks for lint warnings (quiz
 * check); then as bank_load_builtin_json() does. */
bool bank_load_builtin(struct quiz_bank *bank, struct bank_diag *diag);
/* Loads the built-in bank by parsing its embedded JSON text. */
bool bank_load_builtin_json(struct quiz_bank *bank, struct bank_diag *diag);

/* Appends n questions whose strings and arrays live elsewhere for as long
 * as the bank (the program's data, the bank's cache mapping): copies the
 * structs, marks them borrowed and interns their bank_file names. */
void bank_adopt(
	struct quiz_bank *bank, const struct quiz_question *qs, size_t n);

/* Checks what needs the whole bank: duplicate ids across files, and (when
 * diag->lint) lint warnings. Returns false if it found an error. */
bool bank_validate(const struct quiz_bank *bank, struct bank_diag *diag);

/* Reports a problem of a loaded question at its position in its bank file
 * (counted in diag, printed as the loaders print when diag->report is
 * NULL). */
void bank_report(struct bank_diag *diag, enum bank_severity sev,
	const struct quiz_question *q, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Indexes the questions by id, so that bank_find() hashes instead of
 * scanning (grade --batch finds a question per row). Call it once the bank
 * is loaded; adding or removing questions leaves the index unused until
 * bank_index() runs again. */
void bank_index(struct quiz_bank *bank);

/* The question with this id, or NULL. */
const struct quiz_question *bank_find(
	const struct quiz_bank *bank, const char *id);

/* The declared title of a chapter, or "" when none. */
const char *bank_chapter_title(const struct quiz_bank *bank, const char *id);

/* Writes questions as bank JSON to out: a whole bank object
 * ({"chapters":[...],"questions":[...]}) when as_bank, else a JSON array of
 * question objects (or a single object when n == 1 and single). Returns
 * false on a write error. */
bool bank_write_json(FILE *out, const struct quiz_question *const *qs, size_t n,
	const struct quiz_chapter *chapters, size_t n_chapters, bool as_bank);
/* One question object on one line (ndjson) or pretty (single). */
bool bank_write_question_json(
	FILE *out, const struct quiz_question *q, bool pretty);

/* Hand curation of imported questions (curation/curation.json):
 *   {"chapters": {"id": "title", ...},
 *    "questions": {"id": {"question", "answer", "lang", "kind", "tags",
 *                         "add_tags", "keywords", "misconceptions"}, ...}}
 * Each field given replaces what the importer made ("add_tags" adds). */
struct quiz_patch {
	char *id;
	char *question; /* NULL: keep */
	char *answer; /* NULL: keep */
	char *corrected; /* NULL: keep */
	char *lang; /* NULL: keep */
	bool has_kind;
	enum quiz_kind kind;
	bool has_tags;
	char **tags;
	size_t n_tags;
	char **add_tags;
	size_t n_add_tags;
	bool has_keywords;
	struct quiz_keyword *keywords;
	size_t n_keywords;
	bool has_misconceptions;
	struct quiz_misconception *misconceptions;
	size_t n_misconceptions;
	long line; /* where the entry stands in the curation file */
	long col;
};

/* Ownership: owns every string and array reachable from it. */
struct quiz_curation {
	struct quiz_chapter *chapters; /* titles to set */
	size_t n_chapters;
	struct quiz_patch *patches;
	size_t n_patches;
};

void bank_curation_init(struct quiz_curation *c);
void bank_curation_free(struct quiz_curation *c);
/* Parses and validates curation JSON as strictly as a bank (every problem
 * reported with file:line:col); false, and c left empty, on any error. */
bool bank_load_curation(struct quiz_curation *c, const char *name,
	const char *text, size_t len, struct bank_diag *diag);

/* Deep copies and appends a question (used by import). Strings copied. */
void bank_add_question(struct quiz_bank *bank, const struct quiz_question *q);
/* Replaces the misconceptions of q, a question a bank owns (added by
 * bank_add_question(), not borrowed), with deep copies of m (used by
 * curation). */
void bank_set_misconceptions(
	struct quiz_question *q, const struct quiz_misconception *m, size_t n);
/* Appends a chapter title unless the id already has one. */
void bank_add_chapter(
	struct quiz_bank *bank, const char *id, const char *title);

#endif
