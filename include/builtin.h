/* builtin: the bank compiled into the binary, as images in the cache's
 * format made at build time by tools/bankc.c (builtin_questions.c) and as
 * the JSON text of questions/NAME.json (tools/embed.c, builtin_bank.c)
 * that `quiz check` parses for its diagnostics; and the import rules.
 *
 * Ownership: all of it is static, read-only data of the program; questions
 * loaded from the images point into them (borrowed, cache.h). */
#ifndef QUIZ_BUILTIN_H
#define QUIZ_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name; /* "questions/x.json" */
	const char *data; /* len bytes followed by a NUL */
	size_t len;
};

/* questions/NAME.json as text, in load order. */
extern const struct builtin_file builtin_files[];
extern const size_t builtin_count;

/* What the bank loader makes of each of builtin_files, as an image for
 * cache_load_image(), named as the file it was made from. */
extern const struct builtin_file builtin_images[];
extern const size_t builtin_images_count;

/* The import rules, curation/rules.json (builtin_rules.c). */
extern const struct builtin_file builtin_rules[];
extern const size_t builtin_rules_count;

#endif
