/* rules: the document-specific recognisers of `quiz import` as data. The
 * importer's generic recognisers ("Q1:", "Q:", "Answer:", "A:", "Key
 * Takeaways", "Chapter 8.2", What/Why/How headings, counted lists) are
 * built in; rules JSON (curation/rules.json, compiled in as the default,
 * or `quiz import --rules FILE`) adds what particular documents need: book
 * and section headings, chapter ids and titles, more question prefixes and
 * answer markers, chat residue, section rules and tags. doc/BANK.md
 * describes every key.
 *
 * Part of the bank layer: the rules file is parsed and validated as
 * strictly as a bank (errors and unknown keys reported with
 * file:line:col).
 *
 * Ownership: struct import_rules owns every string and array reachable
 * from it; rules_free releases them. */
#ifndef QUIZ_RULES_H
#define QUIZ_RULES_H

#include <stdbool.h>
#include <stddef.h>

struct rules_list {
	char **v;
	size_t n;
};

/* A heading text and what it names (a book id). */
struct rules_name {
	char *text;
	char *book;
};

/* A heading that starts a chapter: `match` a substring of the cleaned
 * heading (case-insensitive), or for numbered chapters its exact start
 * ("WEEK" in "WEEK 1"). `title` may hold "{}" for the number. */
struct rules_chapter {
	char *match;
	char *chapter;
	char *title;
};

struct rules_prefix {
	char *prefix; /* then, when numbered, digits and ':' or '：' */
	bool numbered;
	char *lang; /* NULL: from the text */
};

/* A tag, and the words that give it (tags) or the chapter id prefixes
 * whose questions all get it (chapter_tags, keyed the other way). */
struct rules_tag {
	char *name;
	struct rules_list words;
};

/* An id the bank keeps (ids): the question of this chapter whose text,
 * as imported before curation, is `question` has this id, whatever its
 * place in the notes. */
struct rules_id {
	char *chapter;
	char *id;
	char *question;
	char *key; /* rules_question_key(chapter, question) */
};

struct import_rules {
	struct rules_name *book_headings; /* a heading equal to text */
	size_t n_book_headings;
	struct rules_name *book_names; /* in a chapter heading */
	size_t n_book_names;
	char *chapter_abbreviation; /* "ch" in "ch1.1"; NULL: none */
	struct rules_chapter *numbered_chapters;
	size_t n_numbered_chapters;
	struct rules_chapter *section_chapters;
	size_t n_section_chapters;
	struct rules_list numbered_question_chapters; /* id prefixes */
	struct rules_list residue_headings;
	struct rules_list residue_lines;
	struct rules_list summary_headings;
	struct rules_prefix *question_prefixes;
	size_t n_question_prefixes;
	struct rules_list answer_markers;
	struct rules_list answer_sections;
	struct rules_list sheet_headings;
	struct rules_list overview_chapters;
	struct rules_list takeaway_chapters;
	char *takeaway_marker; /* NULL: none */
	struct rules_list key_section_flags;
	struct rules_list topic_headings;
	struct rules_list overview_skip;
	struct rules_tag *tags; /* name: trigger words, in order */
	size_t n_tags;
	struct rules_tag *chapter_tags; /* chapter id prefix: tags */
	size_t n_chapter_tags;
	struct rules_list keyword_stoplist;
	struct rules_id *ids; /* in file order */
	size_t n_ids;
};

/* The form in which two texts of a chapter's question count as the same
 * question (case, punctuation and the bytes mojibake loses ignored);
 * the caller frees it. */
char *rules_question_key(const char *chapter, const char *question);

/* No rules: only the generic recognisers. */
void rules_init(struct import_rules *r);
void rules_free(struct import_rules *r);

/* Parses rules JSON (len bytes) named `name` in diagnostics into r (which
 * rules_init prepared). Reports every problem to stderr as "quiz:
 * file:line:col: error: ..." (unknown keys as warnings); false, and r
 * left empty, on any error. */
bool rules_load(
	struct import_rules *r, const char *name, const char *text, size_t len);

/* Loads the rules compiled into the binary (curation/rules.json). */
bool rules_load_builtin(struct import_rules *r);

/* Whether s contains (case-insensitively) one of the list's strings. */
bool rules_match_any(const struct rules_list *l, const char *s);
/* Whether the list holds s (case-insensitively). */
bool rules_has(const struct rules_list *l, const char *s);

#endif
