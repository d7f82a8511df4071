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
#include "tunables.h"

/* What merging needs to know of a question already imported. */
struct import_entry {
	char *key; /* chapter and normalized question text */
	bool repaired; /* its text came from a repaired document: a clean
			* twin's text replaces it */
	char *base; /* its ids: base + number ("mlsd-1.1-c" 2), or for a
		     * summary base, then base-2, base-3 ... */
	bool summary;
	int first; /* the number tried first ("Q2": 2) */
};

struct import_state {
	struct quiz_bank bank; /* the questions and chapter titles so far */
	struct import_rules own_rules; /* the built-in or given rules, or
					* empty when borrowed */
	const struct import_rules *rules; /* &own_rules, or borrowed (so
					   * the state must not be copied) */
	struct import_entry *entries; /* per question, for merging */
	size_t cap_entries;
	size_t *slots; /* hash of entry keys: index + 1, 0 empty */
	size_t n_slots; /* a power of two, > 2 * questions */
	const char *book; /* --book override, or NULL (not owned) */
	const char *chapter; /* --chapter override, or NULL (not owned) */
	struct mojibake_stats moji; /* summed over the documents */
	size_t n_merged; /* questions merged into an earlier one */
	bool ids_settled; /* the rules' ids are given (import_curate) */
	size_t n_documents;
};

/* The longest book or chapter id: an id must leave room for what follows
 * it ("-zh-summary-12") within the bank's limit for names. */
#define IMPORT_CHAPTER_MAX (BANK_NAME_MAX - 24)

/* A summary's question names only its chapter: a topical tag needs this
 * many of its trigger words in the summary's answer. */
#define IMPORT_SUMMARY_TAG_HITS 2

/* Whether s may be a book or chapter id given on the command line: 1 to
 * IMPORT_CHAPTER_MAX bytes without spaces or control characters, as the
 * bank loader requires of ids. Import refuses others rather than write a
 * bank that the loader refuses. */
bool import_name_ok(const char *s);

/* Starts with the built-in rules (curation/rules.json compiled in). */
void import_init(
	struct import_state *st, const char *book, const char *chapter);
/* Starts with rules the caller owns and keeps until import_free: for
 * many imports under the same rules without parsing them each time. */
void import_init_with(struct import_state *st, const struct import_rules *rules,
	const char *book, const char *chapter);
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
