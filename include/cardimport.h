/* cardimport: flashcards to bank questions. Reads Anki's text exports
 * (the #separator:, #columns:, #html:, #tags column:, #deck column:,
 * #notetype column: and #guid column: header lines) and plain CSV or TSV
 * whose header row names question, answer, keywords, tags and chapter
 * columns in any order. Fields are reduced from HTML to text, cloze
 * deletions become one question per cloze number, deck names become
 * chapter ids, and ids are stable: the guid when there is one, else a hash
 * of the question.
 *
 * No file I/O here: callers pass text. A row that cannot be read is a
 * warning (quiz_warn, with file:line) and the others are kept. The
 * questions appended to a bank are owned by that bank. */
#ifndef QUIZ_CARDIMPORT_H
#define QUIZ_CARDIMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "question.h"
#include "util.h"

/* True when a file of this name and these first bytes holds cards: a
 * .csv, .tsv or .txt name, or text that starts with an Anki header line. */
bool cardimport_is_cards(const char *name, const char *head, size_t len);

/* Appends the cards of one file (text of len bytes, named `name` in
 * diagnostics) to bank as questions. chapter (or NULL) is the chapter of
 * rows that name none. Returns the number of questions added; 0 only after
 * reporting why nothing could be read. */
size_t cardimport_text(struct quiz_bank *bank, const char *name,
	const char *text, size_t len, const char *chapter);

/* Key points in the one-cell form that cardimport reads back: points
 * separated by "; ", a point's aliases after " | ", a leading "!" for a
 * required point and a trailing " *W" for a weight other than the default;
 * a literal ';', '|', '!', '*' or '\' is escaped with '\'. */
void cardimport_format_keywords(
	struct buf *out, const struct quiz_keyword *k, size_t n);

/* Parses that form into *out (n_out points, caller frees each term and
 * alias and the arrays). false, with *why set to a static message, when a
 * point is empty or a weight is not a number in (0, 100]. */
bool cardimport_parse_keywords(const char *s, struct quiz_keyword **out,
	size_t *n_out, const char **why);

#endif
