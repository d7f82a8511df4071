/* import: Markdown interview notes to bank questions. Repairs double-encoded
 * documents (mojibake.h), recognises books, chapters, questions, answers,
 * summaries and concept sections by generic recognisers and the import
 * rules (rules.h; doc/BANK.md), cleans Markdown into readable plain text
 * (markdown.h), generates keywords (keywords.h), tags and ids, merges
 * duplicates across documents keeping every source, and applies hand
 * curation.
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
#include "rules.h"

/* What merging needs to know of a question already imported. */
struct import_entry {
	char *key; /* chapter and normalized question text */
	bool repaired; /* its text came from a repaired document: a clean
			* twin's text replaces it */
};

struct import_state {
	struct quiz_bank bank; /* the questions and chapter titles so far */
	struct import_rules rules; /* the built-in rules unless replaced */
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

/* Starts with the built-in rules (curation/rules.json compiled in). */
void import_init(
	struct import_state *st, const char *book, const char *chapter);
void import_free(struct import_state *st);

/* Replaces the rules before any document is imported; takes what rules
 * owns and leaves it empty. */
void import_use_rules(struct import_state *st, struct import_rules *rules);

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

#endif
