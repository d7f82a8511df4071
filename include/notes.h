/* notes: the Markdown line parser of import (notes.c) and its section
 * rules (sections.c: cheat sheets, counted lists, overviews, takeaway and
 * key sections). Internal to the import module: only import.c, notes.c
 * and sections.c include this header; callers use import.h.
 *
 * Ownership: a struct parser lives for one document (import_text) and
 * owns its draft, body, pending summaries, deferred concepts, list and
 * outline buffers; it points into the import state it fills. */
#ifndef QUIZ_NOTES_H
#define QUIZ_NOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "import.h"
#include "util.h"

/* A parsed question before it enters the bank. */
struct draft {
	enum quiz_kind kind;
	const char *lang;
	char *question; /* cleaned */
	char *answer_md; /* raw Markdown answer */
	long line;
	int number; /* from "Q2", 0 when none */
};

enum collect {
	COLLECT_NONE,
	COLLECT_QUESTION,
	COLLECT_SUMMARY,
	COLLECT_CONCEPT,
	COLLECT_SHEET
};

/* A section of an overview chapter. */
struct outline_item {
	int level;
	char *heading; /* cleaned, without its number */
	struct buf prose; /* its first paragraph of prose */
	bool left_out; /* an example, diagram, cheat sheet or residue */
	bool prose_done; /* no more prose is taken */
	long line; /* of its heading */
};

/* A concept found by a section rule (cheat sheet, counted list,
 * overview). These enter the bank when their chapter ends, so they are
 * numbered after the chapter's heading concepts and a new rule never
 * renumbers an id that existed before it. */
struct deferred {
	char *chapter;
	struct draft d;
};

struct parser {
	struct import_state *st;
	const char *file;
	bool repaired;
	char book[32];
	char chapter[96];
	int chapter_level;
	bool role_doc; /* numbered items are questions (004) */
	bool skip; /* inside chat residue */
	bool interview_ready; /* bold lines are questions */
	bool in_code;
	/* the draft being collected */
	enum collect collect;
	struct draft d;
	struct buf body;
	/* a takeaways block waiting for the chapter heading after it */
	bool summary_pending;
	struct draft *pending; /* lang "zh" or NULL */
	size_t n_pending;
	size_t cap_pending;
	/* concepts waiting for the end of their chapter */
	struct deferred *deferred;
	size_t n_deferred;
	size_t cap_deferred;
	/* a counted list: the line before it ("these 5 SQL operations:")
	 * and its keycap items so far */
	char *lead;
	long lead_line;
	struct buf items;
	size_t n_items;
	/* the sections of an overview chapter */
	bool overview;
	struct outline_item *outline;
	size_t n_outline;
	size_t cap_outline;
	/* the open section (a heading at the chapter's level) */
	bool takeaways; /* the chapter is a takeaway chapter */
	char *sec_heading; /* NULL when no section is open */
	long sec_line;
	struct buf sec; /* its text, code left out */
	struct buf sec_intro; /* lines that may introduce code ("Run:",
			       * a sub-heading): kept when text follows,
			       * dropped when code does */
	struct buf sec_full; /* its text with code */
	bool sec_has_takeaway;
	bool sec_flagged; /* its heading flags a key point */
	bool sec_has_sub; /* it has sub-sections */
	/* the open topic (a heading of rules' topic_headings) */
	char *topic_heading; /* NULL when no topic is open */
	int topic_level;
	long topic_line;
	struct buf topic; /* its text, sub-sections and code included */
};

/* import.c: a draft enters the bank (merged with a question of the same
 * text in the same chapter, or added with a new id). The bank copies what
 * it keeps; the draft stays the caller's. */
void import_add_draft(struct import_state *st, const char *file, bool repaired,
	const char *chapter, struct draft *d);

/* import.c: text made acceptable to the bank loader, in place. A name
 * (chapter id): spaces and control characters become '-', cut to
 * IMPORT_CHAPTER_MAX bytes. A line (title, keyword, file name): control
 * characters, tabs included, become spaces. Both cut at a character
 * boundary. */
void import_clean_name(char *s);
void import_clean_line(char *s, size_t max);

/* notes.c */
void notes_draft_free(struct draft *d);
/* "Six Characteristics of High-Quality Data": lower-cases the capitalised
 * words (all of them, or all but the first), keeping acronyms. */
void notes_sentence_case(char *text, bool keep_first);
/* The words of the counts two to ten, capitalised, each with a trailing
 * space: notes_count_words[n - 2] is the word for n. */
#define NOTES_N_COUNT_WORDS 9
extern const char *const notes_count_words[NOTES_N_COUNT_WORDS];

/* sections.c: the section rules, fed by the line parser. */
/* A cheat-sheet block ends (its Markdown in p->d.answer_md, taken when it
 * holds a table). */
void sections_sheet_end(struct parser *p);
/* A counted list ends, at a blank line, a rule or a heading. */
void sections_list_end(struct parser *p);
/* A heading that is a section of the chapter; left_out when no rule
 * takes it. */
void sections_heading(struct parser *p, int level, const char *text,
	bool left_out, long line);
/* A line of code, fences included; fence_open on an opening fence. */
void sections_code(struct parser *p, const char *s, size_t n, bool fence_open);
/* A line outside code, s trimmed to t. */
void sections_line(struct parser *p, const char *s, size_t n, const char *t,
	size_t tl, long line);
/* The chapter ends: its overview, then every deferred concept enters the
 * bank. */
void sections_chapter_end(struct parser *p);

#endif
