/* builtin: the bank compiled into the binary, as C data made at build time
 * by tools/bankc.c (builtin_questions.c) and as the JSON text of
 * questions/NAME.json (tools/embed.c, builtin_bank.c) that `quiz check`
 * parses for its diagnostics; and the import rules.
 *
 * Ownership: all of it is static, read-only data of the program; questions
 * copied out of builtin_questions point into it (bank.c marks them
 * borrowed). */
#ifndef QUIZ_BUILTIN_H
#define QUIZ_BUILTIN_H

#include <stddef.h>

#include "question.h"

struct builtin_file {
	const char *name; /* "questions/x.json" */
	const char *data; /* len bytes followed by a NUL */
	size_t len;
};

/* questions/NAME.json as text, in load order. */
extern const struct builtin_file builtin_files[];
extern const size_t builtin_count;

/* What the bank loader makes of builtin_files (bank_file names
 * "questions/x.json"), and the chapter titles they declare. */
extern const struct quiz_question builtin_questions[];
extern const size_t builtin_n_questions;
extern const struct quiz_chapter builtin_chapters[];
extern const size_t builtin_n_chapters;

/* The import rules, curation/rules.json (builtin_rules.c). */
extern const struct builtin_file builtin_rules[];
extern const size_t builtin_rules_count;

#endif
