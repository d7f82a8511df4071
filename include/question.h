/* question: the data of a question bank as plain structs, with no code:
 * what the grader reads (a question, its key points, the bank it belongs
 * to) and the bank module fills. Kept apart from bank.h so that the grader
 * layer needs no part of the bank's loader.
 *
 * Ownership: a struct quiz_bank owns every string and array reachable from
 * it; pointers into it stay valid until bank_free() (bank.h). */
#ifndef QUIZ_QUESTION_H
#define QUIZ_QUESTION_H

#include <stdbool.h>
#include <stddef.h>

enum quiz_kind {
	QUIZ_KIND_INTERVIEW,
	QUIZ_KIND_SUMMARY,
	QUIZ_KIND_CONCEPT,
	QUIZ_KIND_BEHAVIORAL,
	QUIZ_KIND_COUNT
};

#define KEYWORD_WEIGHT_DEFAULT 1.0

struct quiz_keyword {
	char *term;
	char **aliases; /* n_aliases strings */
	size_t n_aliases;
	double weight; /* > 0; KEYWORD_WEIGHT_DEFAULT when not given */
	bool required;
};

/* A wrong claim that interviewers hear; an answer that makes it loses part
 * of its score and the feedback names it. */
struct quiz_misconception {
	char *claim;
	char **aliases; /* n_aliases other wordings of the claim */
	size_t n_aliases;
	char *correction; /* what is right instead; NULL when not given */
};

struct quiz_source {
	char *file;
	long line; /* 0 when unknown */
};

struct quiz_question {
	char *id; /* unique within a loaded bank */
	char *chapter; /* "" when not given */
	enum quiz_kind kind; /* QUIZ_KIND_INTERVIEW when not given */
	char *lang; /* "en" when not given */
	char **tags;
	size_t n_tags;
	char *question;
	char *answer; /* "" when not given (behavioral questions) */
	/* What the notes got wrong that this model answer corrects; NULL
	 * when the answer is as the notes have it. */
	char *corrected;
	struct quiz_keyword *keywords; /* n_keywords == 0: derive from answer */
	size_t n_keywords;
	struct quiz_misconception *misconceptions; /* may be none */
	size_t n_misconceptions;
	struct quiz_source *sources;
	size_t n_sources;
	/* Where the question object starts in its bank file, for diagnostics.
	 */
	const char *bank_file; /* points into struct quiz_bank's file names */
	long bank_line;
	long bank_col;
	/* Its strings and arrays are not its own but the program's (the
	 * compiled-in bank) or the bank's storage (a cache mapping, an
	 * arena): bank_free() leaves them alone. */
	bool borrowed;
};

struct quiz_chapter {
	char *id;
	char *title; /* "" when the bank gives none */
};

struct bank_store; /* what borrowed questions point into (cache.h) */

struct quiz_bank {
	struct quiz_question *questions;
	size_t n_questions;
	size_t cap_questions;
	struct quiz_chapter *chapters; /* titles declared by banks */
	size_t n_chapters;
	size_t cap_chapters;
	char **files; /* names of the files loaded, for diagnostics */
	size_t n_files;
	size_t cap_files;
	struct bank_store *stores;
	/* bank_index(): question index + 1 by hash of id (0: empty), valid
	 * while n_questions == n_indexed. */
	size_t *id_slots;
	size_t n_id_slots;
	size_t n_indexed;
};

#endif
