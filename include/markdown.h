/* markdown: Markdown fragments of notes as plain readable text, and the
 * text helpers the importer's modules share. No state; every returned
 * string is caller-owned (free). */
#ifndef QUIZ_MARKDOWN_H
#define QUIZ_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "rules.h"

/* Plain readable text from a Markdown fragment: no emphasis markers, no
 * emoji bullets, blockquote markers removed, tables aligned, code
 * verbatim and indented; lines starting with one of `drop` (chat residue;
 * NULL: none) removed. */
char *markdown_text(const char *md, size_t len, const struct rules_list *drop);

/* One line of Markdown as plain text: emoji and emphasis gone, spaces
 * collapsed. */
char *markdown_inline(const char *s, size_t n);

/* Table rows: "|---|:--:|" is a separator; a row splits into cleaned
 * cells (free with markdown_free_cells). */
bool markdown_is_table_sep(const char *s);
size_t markdown_table_cells(const char *row, char ***out);
void markdown_free_cells(char **cells, size_t n);

/* Text helpers: n bytes of s start with prefix (case-insensitive); where
 * needle first occurs in s (case-insensitive), or NULL; only spaces;
 * spaces trimmed in place or into a copy. */
bool markdown_starts_ci(const char *s, size_t n, const char *prefix);
const char *markdown_find_ci(const char *s, const char *needle);
bool markdown_is_blank(const char *s, size_t n);
void markdown_trim(const char **s, size_t *n);
char *markdown_trim_dup(const char *s);

#endif
