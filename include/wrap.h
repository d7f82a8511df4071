/* wrap: where text breaks into lines on a terminal of a given width. Pure:
 * it computes lines as byte ranges of the text and never writes anything;
 * the session prints them (with indents and highlighting) through prompt.
 *
 * Columns are display columns: East Asian wide characters count two and
 * may break anywhere (but closing punctuation stays with what it closes),
 * other text breaks only at spaces, and only a word longer than a whole
 * line is cut. Each newline in the text starts a paragraph; a paragraph's
 * own leading spaces (a nested list item) are kept and its wrapped lines
 * hang under its text.
 *
 * Ownership: wrap_lines returns an array the caller frees with free(). */
#ifndef QUIZ_WRAP_H
#define QUIZ_WRAP_H

#include <stdbool.h>
#include <stddef.h>

/* One output line: indent columns of spaces, then bytes [start, end) of
 * the text, then a line end. */
struct wrap_line {
	int indent;
	size_t start;
	size_t end;
};

/* A byte range of the text to highlight (a matched key point). */
struct wrap_mark {
	size_t start;
	size_t end;
};

/* Breaks text for a display width columns wide, every line indented by
 * indent columns; text gets width - indent columns, but never fewer than
 * WRAP_WIDTH_MIN / 2. Every paragraph (also an empty one, and the one
 * after a final newline) gives at least one line. Returns the number of
 * lines in *out. */
size_t wrap_lines(
	const char *text, int width, int indent, struct wrap_line **out);

/* The end of the run of bytes from from (< to) that are all inside or all
 * outside marks (sets *marked), at most to. Marks may overlap and need
 * not be sorted. */
size_t wrap_marked_run(const struct wrap_mark *marks, size_t n_marks,
	size_t from, size_t to, bool *marked);

#endif
