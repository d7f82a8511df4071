/* keywords: the keywords of an imported question, generated from its
 * Markdown answer. Ownership: the caller owns the returned array and
 * every string in it; free with keywords_free. */
#ifndef QUIZ_KEYWORDS_H
#define QUIZ_KEYWORDS_H

#include <stddef.h>

#include "bank.h"
#include "rules.h"

/* Keywords from a Markdown answer (bold spans, list-item heads, table
 * first columns, acronyms with their expansions as aliases, then frequent
 * content words), at most IMPORT_KEYWORDS_MAX; rules (or NULL) add
 * scaffolding words to pass over and residue lines to ignore. Returns the
 * count and sets *out. */
size_t keywords_generate(const char *md, const struct import_rules *rules,
	struct quiz_keyword **out);
void keywords_free(struct quiz_keyword *kw, size_t n);

/* Adds an alias to k unless it has it (case-insensitively). */
void keywords_add_alias(struct quiz_keyword *k, const char *alias);

#endif
