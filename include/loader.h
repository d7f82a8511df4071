/* loader: reading one text in the bank format, a bank file (bank.c) or the
 * curation file (curation.c). cJSON parses the text; every problem is
 * reported at file:line:col; typed, validated values are copied out of the
 * tree. Internal to the bank module: only its files include this header.
 *
 * Ownership: a struct loader owns its copy of the text and the cJSON tree
 * until loader_close(); strings returned by loader_text() point into the
 * tree. Everything stored into caller structs is a fresh copy. */
#ifndef QUIZ_LOADER_H
#define QUIZ_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "bank.h"
#include "jsonpos.h"

struct cJSON;

struct loader {
	const char *name; /* the file name in diagnostics */
	const char *text; /* NUL-terminated copy */
	size_t len;
	const struct cJSON *root;
	struct jsonpos pos;
	struct bank_diag *diag;
	size_t errors;
};

/* Parses text (len bytes) named name; false, reported, when it is not
 * JSON (then ld needs no loader_close). */
bool loader_open(struct loader *ld, const char *name, const char *text,
	size_t len, struct bank_diag *diag);
void loader_close(struct loader *ld);

/* Reports at a byte offset or at a node of the tree. Errors are always
 * counted and reported; warnings only when diag->lint. */
void loader_report_at(struct loader *ld, enum bank_severity sev, size_t off,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void loader_report(struct loader *ld, enum bank_severity sev,
	const struct cJSON *node, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Where a node stands, as line and column. */
void loader_line_col(
	struct loader *ld, const struct cJSON *node, long *line, long *col);

enum text_rule {
	TEXT_NAME, /* ids, chapters, tags: no spaces or control chars */
	TEXT_LINE, /* titles, terms: no control chars */
	TEXT_BLOCK, /* question and answer: newlines and tabs allowed */
};

/* Checks a string node; reports and returns false when it breaks rule. */
bool loader_check_text(struct loader *ld, const struct cJSON *node,
	const char *what, enum text_rule rule, bool allow_empty);
/* Reports duplicate and (when linting) unknown keys of an object; known
 * ends with NULL. */
void loader_check_keys(struct loader *ld, const struct cJSON *obj,
	const char *const *known, const char *what);
/* The member key of obj, or NULL. */
const struct cJSON *loader_member(const struct cJSON *obj, const char *key);
/* A checked string member, pointing into the tree: NULL and no report
 * when absent and optional; NULL and *ok = false on a problem. */
const char *loader_text(struct loader *ld, const struct cJSON *obj,
	const char *key, bool required, enum text_rule rule, bool allow_empty,
	bool *ok);
/* Copies a string array member (arr may be NULL: nothing) into *out;
 * reports problems and sets *ok = false. */
void loader_strings(struct loader *ld, const struct cJSON *arr,
	const char *what, enum text_rule rule, char ***out, size_t *n,
	bool *ok);

/* The fields a question and a curation entry share: kind, lang, question,
 * answer, tags, keywords, misconceptions. Fills p (not its id, add_tags, line
 * and col); a NULL string or a false has_* is a field obj does not give. A
 * question must give "question", and only its unknown-kind message lists the
 * kinds (the curation message has always been the short one). Sets *ok = false
 * on a problem; p then holds what was copied, for loader_patch_free(). */
void loader_fields(struct loader *ld, const struct cJSON *obj, bool question,
	struct quiz_patch *p, bool *ok);

void loader_free_strings(char **v, size_t n);
void loader_free_keywords(struct quiz_keyword *kws, size_t n);
void loader_free_misconceptions(struct quiz_misconception *m, size_t n);
/* Frees what a patch owns and empties it. */
void loader_patch_free(struct quiz_patch *p);

#endif
