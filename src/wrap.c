/* wrap: line breaking by display width, as byte ranges of the text (see
 * wrap.h). */
#include "wrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"
#include "tunables.h"
#include "util.h"

/* Columns of the character at s, and its length in *adv. */
static int char_cols(const char *s, size_t n, size_t *adv)
{
	int32_t cp;
	*adv = norm_decode(s, n, &cp);
	return (int)norm_width(s, *adv);
}

/* Whether s starts with East Asian punctuation that must not begin a
 * line (kinsoku): 、。，．：；？！）」』】〉》 and the full-width forms. */
static bool is_closer(const char *s, size_t n)
{
	static const char *const closers[] = {
		"\u3001",
		"\u3002",
		"\uff0c",
		"\uff0e",
		"\uff1a",
		"\uff1b",
		"\uff1f",
		"\uff01",
		"\uff09",
		"\u300d",
		"\u300f",
		"\u3011",
		"\u3009",
		"\u300b",
	};
	for (size_t i = 0; i < sizeof closers / sizeof closers[0]; i++) {
		size_t len = strlen(closers[i]);
		if (n >= len && memcmp(s, closers[i], len) == 0)
			return true;
	}
	return false;
}

/* The lines so far and the one being filled. */
struct lines {
	struct wrap_line *v;
	size_t n;
	size_t cap;
	struct wrap_line cur;
	bool has_text; /* cur.start is set */
};

static void line_begin(struct lines *l, int indent, size_t at)
{
	l->cur.indent = indent;
	l->cur.start = at;
	l->cur.end = at;
	l->has_text = false;
}

/* Bytes [from, to) go on the current line; what one line shows is always
 * contiguous, so only its ends are kept. */
static void line_put(struct lines *l, size_t from, size_t to)
{
	if (!l->has_text)
		l->cur.start = from;
	l->cur.end = to;
	l->has_text = true;
}

static void line_end(struct lines *l)
{
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = l->cur;
}

/* Ends the current line and starts a hanging one at byte at. */
static void line_break(struct lines *l, int hang, size_t at)
{
	line_end(l);
	line_begin(l, hang, at);
}

/* Breaks one paragraph, bytes [i, end) without its newline. */
static void wrap_paragraph(struct lines *l, const char *text, size_t i,
	size_t end, int width, int indent)
{
	int col = 0;
	bool line_start = true;
	size_t pend = 0;
	int pend_w = 0;
	size_t j = i;
	int hang = indent;
	while (j < end && text[j] == ' ')
		j++;
	if (j < end && (int)(j - i) < width / 2) {
		col = (int)(j - i);
		hang = indent + col;
	} else {
		j = i;
	}
	/* An empty paragraph is an empty line, without the indent. */
	line_begin(l, end > i ? hang : 0, j);
	while (j < end) {
		/* The next unit: a run of spaces, one wide character (with the
		 * punctuation that closes it), or a word of narrow ones. */
		size_t k = j;
		int w = 0;
		bool spaces = text[j] == ' ';
		if (spaces) {
			while (k < end && text[k] == ' ')
				k++;
			w = (int)(k - j);
		} else {
			size_t adv;
			int cw = char_cols(text + k, end - k, &adv);
			k += adv;
			w = cw;
			while (cw >= 2 && k < end &&
				is_closer(text + k, end - k)) {
				w += char_cols(text + k, end - k, &adv);
				k += adv;
			}
			if (cw < 2) {
				while (k < end && text[k] != ' ') {
					cw = char_cols(text + k, end - k, &adv);
					if (cw >= 2)
						break;
					k += adv;
					w += cw;
				}
			}
		}
		if (spaces) {
			/* Shown only if a word follows on the same line. */
			pend = j;
			pend_w = w;
			j = k;
			continue;
		}
		if (col + pend_w + w > width && !line_start) {
			line_break(l, hang, j);
			col = hang - indent;
			line_start = true;
		} else if (!line_start && pend_w) {
			line_put(l, pend, pend + (size_t)pend_w);
			col += pend_w;
		}
		pend_w = 0;
		if (w > width) {
			/* Cut an overlong word character by character. */
			while (j < k) {
				size_t adv;
				int cw = char_cols(text + j, k - j, &adv);
				if (col + cw > width && col > 0) {
					line_break(l, hang, j);
					col = hang - indent;
				}
				line_put(l, j, j + adv);
				col += cw;
				j += adv;
			}
			line_start = false;
			continue;
		}
		line_put(l, j, k);
		col += w;
		line_start = false;
		j = k;
	}
	line_end(l);
}

size_t wrap_lines(
	const char *text, int width, int indent, struct wrap_line **out)
{
	width -= indent;
	if (width < WRAP_WIDTH_MIN / 2)
		width = WRAP_WIDTH_MIN / 2;
	struct lines l = {0};
	size_t len = strlen(text);
	size_t i = 0;
	for (;;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		wrap_paragraph(&l, text, i, end, width, indent);
		if (!nl)
			break;
		i = end + 1;
	}
	*out = l.v;
	return l.n;
}

/* The style at pos: the first mark covering it, else -1. */
static int style_at(const struct wrap_mark *marks, size_t n_marks, size_t pos)
{
	for (size_t i = 0; i < n_marks; i++)
		if (pos >= marks[i].start && pos < marks[i].end)
			return marks[i].style;
	return -1;
}

size_t wrap_marked_run(const struct wrap_mark *marks, size_t n_marks,
	size_t from, size_t to, int *style)
{
	*style = style_at(marks, n_marks, from);
	size_t i = from + 1;
	while (i < to && style_at(marks, n_marks, i) == *style)
		i++;
	return i;
}

char *wrap_bracket(const char *text, const struct wrap_mark *marks,
	size_t n_marks, const char *const *open, int n_styles,
	const char *close, struct wrap_mark **marks_out, size_t *n_out)
{
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	struct wrap_mark *kept = NULL;
	size_t n_kept = 0;
	size_t cap = 0;
	size_t len = strlen(text);
	for (size_t at = 0; at < len;) {
		int style;
		size_t to = wrap_marked_run(marks, n_marks, at, len, &style);
		bool bracket = style >= 0 && style < n_styles && open[style];
		if (bracket)
			buf_adds(&out, open[style]);
		if (style >= 0 && !bracket) {
			xgrow((void **)&kept, &cap, n_kept + 1, sizeof *kept);
			kept[n_kept++] = (struct wrap_mark){
				out.len, out.len + (to - at), style};
		}
		buf_add(&out, text + at, to - at);
		if (bracket)
			buf_adds(&out, close);
		at = to;
	}
	*marks_out = kept;
	*n_out = n_kept;
	return buf_steal(&out);
}
