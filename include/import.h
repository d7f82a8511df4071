/* import: Markdown interview notes to bank questions. Repairs double-encoded
 * documents (mojibake.h), recognises books, chapters, questions, answers,
 * summaries and concept sections by the rule tables in src/import.c (see
 * doc/BANK.md), cleans Markdown into readable plain text, generates
 * keywords, tags and ids, merges duplicates across documents keeping every
 * source, and applies hand curation.
 *
 * No file I/O here: callers pass text. Ownership: struct import_state owns
 * its bank and everything in it; import_free releases it all. */
#ifndef QUIZ_IMPORT_H
#define QUIZ_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "bank.h"
#include "mojibake.h"

/* What merging needs to know of a question already imported. */
struct import_entry {
	char *key; /* chapter and normalized question text */
	bool repaired; /* its text came from a repaired document: a clean
			* twin's text replaces it */
};

struct import_state {
	struct quiz_bank bank; /* the questions and chapter titles so far */
	struct import_entry *entries; /* per question, for merging */
	size_t cap_entries;
	size_t *slots; /* hash of entry keys: index + 1, 0 empty */
	size_t n_slots; /* a power of two, > 2 * questions */
	const char *book; /* --book override, or NULL (not owned) */
	const char *chapter; /* --chapter override, or NULL (not owned) */
	struct mojibake_stats moji; /* summed over the documents */
	size_t n_merged; /* questions merged into an earlier one */
	size_t n_documents;
};

void import_init(
	struct import_state *st, const char *book, const char *chapter);
void import_free(struct import_state *st);

/* Imports one document: `name` is recorded as the source file, text is
 * its raw bytes (repaired here when double-encoded). */
void import_text(struct import_state *st, const char *name, const char *text,
	size_t len);

/* Applies hand curation (the JSON of curation/curation.json, named `name`
 * in diagnostics): chapter titles, and per question id overrides of
 * question text, kind, tags and keywords. Unknown ids are reported as
 * warnings. Returns false, after reporting, on invalid JSON. */
bool import_curate(struct import_state *st, const char *name, const char *json,
	size_t len);

/* Writes the bank (chapters that have questions, then the questions) as
 * bank JSON. false on a write error. */
bool import_write(struct import_state *st, FILE *out);

/* Plain readable text from a Markdown fragment: no emphasis markers, no
 * emoji bullets, blockquote markers removed, tables aligned. Caller
 * frees. Exposed for tests. */
char *import_clean_markdown(const char *md, size_t len);

/* Keywords generated from a Markdown answer (bold spans, list-item heads,
 * table first columns, acronyms with their expansions as aliases), at
 * most IMPORT_KEYWORDS_MAX. Returns the count; *out is caller-owned (free
 * each term and alias array with import_keywords_free). */
size_t import_keywords(const char *md, struct quiz_keyword **out);
void import_keywords_free(struct quiz_keyword *kw, size_t n);

#endif
