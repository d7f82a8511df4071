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

/* A byte range of the text to show in a style (a matched key point, a
 * score's colour): style is the caller's, never negative. */
struct wrap_mark {
	size_t start;
	size_t end;
	int style;
};

/* Breaks text for a display width columns wide, every line indented by
 * indent columns; text gets width - indent columns, but never fewer than
 * WRAP_WIDTH_MIN / 2. Every paragraph (also an empty one, and the one
 * after a final newline) gives at least one line. Returns the number of
 * lines in *out. */
size_t wrap_lines(
	const char *text, int width, int indent, struct wrap_line **out);

/* The end of the run of bytes from from (< to) that all have the same
 * style (*style; -1 outside every mark), at most to. Marks may overlap
 * (the first one listed that covers a byte gives its style) and need not
 * be sorted. */
size_t wrap_marked_run(const struct wrap_mark *marks, size_t n_marks,
	size_t from, size_t to, int *style);

/* text with every run of a style s that has open[s] (open has n_styles
 * entries; NULL: none) between open[s] and close: how marks read without
 * colour, e.g. "[+matched]". The result is allocated (free()); *marks_out
 * (allocated, may be NULL when none) are the marks of the other styles,
 * moved to the new text. */
char *wrap_bracket(const char *text, const struct wrap_mark *marks,
	size_t n_marks, const char *const *open, int n_styles,
	const char *close, struct wrap_mark **marks_out, size_t *n_out);

#endif
