/* markdown: Markdown fragments of notes as plain readable text (emphasis,
 * emoji and blockquote markers removed, tables aligned, code kept
 * verbatim), and the small text helpers the importer shares. */
#include "markdown.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "norm.h"
#include "util.h"

bool markdown_starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t pl = strlen(prefix);
	return n >= pl && strncasecmp(s, prefix, pl) == 0;
}

const char *markdown_find_ci(const char *s, const char *needle)
{
	size_t nl = strlen(needle);
	if (nl == 0)
		return s;
	/* the first byte is tested here: the tag rules search every answer
	 * for dozens of words, and a call per position dominated import */
	int lo = tolower((unsigned char)needle[0]);
	int up = toupper((unsigned char)needle[0]);
	for (; *s; s++)
		if (((unsigned char)*s == lo || (unsigned char)*s == up) &&
			strncasecmp(s + 1, needle + 1, nl - 1) == 0)
			return s;
	return NULL;
}

bool markdown_is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

void markdown_trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

char *markdown_trim_dup(const char *s)
{
	size_t n = strlen(s);
	markdown_trim(&s, &n);
	return xstrndup(s, n);
}

/* ---- inline cleaning: emphasis and emoji ------------------------------ */

static bool is_emoji(int32_t cp)
{
	if (cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || cp == 0x20E3)
		return true;
	if (cp == 0xA9 || cp == 0xAE || cp == 0x2122 ||
		(cp >= 0x2190 && cp <= 0x21FF))
		return false; /* ©®™ and arrows read as text */
	return norm_is_pictographic(cp);
}

/* Appends one line with emoji replaced: a keycap digit becomes "N.", a
 * check mark "+" and a cross "-" (readable in tables and lists), other
 * emoji vanish. */
static void add_without_emoji(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t cl = norm_decode_strict(s + i, n - i, &cp);
		if (cl == 0) {
			i++;
			continue;
		}
		if (cp >= '0' && cp <= '9') {
			/* keycap: digit, optional VS16, U+20E3 */
			size_t j = i + 1;
			if (j + 3 <= n && memcmp(s + j, "\xef\xb8\x8f", 3) == 0)
				j += 3;
			if (j + 3 <= n &&
				memcmp(s + j, "\xe2\x83\xa3", 3) == 0) {
				buf_addc(out, (char)cp);
				buf_addc(out, '.');
				i = j + 3;
				continue;
			}
		}
		if (cp == 0x2705 || cp == 0x2714 || cp == 0x2611) {
			buf_addc(out, '+');
		} else if (cp == 0x274C || cp == 0x2716) {
			buf_addc(out, '-');
		} else if (!is_emoji(cp)) {
			buf_add(out, s + i, cl);
		}
		i += cl;
	}
}

/* Removes emphasis markers: "**", "__", and single '*' pairs around text
 * ("*What is X?*", "*80/20 takeaway:*"), but not a bullet "* " or the
 * product "a * b". */
static char *strip_emphasis(const char *s)
{
	size_t n = strlen(s);
	bool *drop = xcalloc(n + 1, sizeof *drop);
	for (size_t i = 0; i < n; i++) {
		if ((s[i] == '*' || s[i] == '_') && i + 1 < n &&
			s[i + 1] == s[i]) {
			drop[i] = drop[i + 1] = true;
			i++;
		}
	}
	/* pair a single '*' that opens (start or space before, text after)
	 * with the next that closes (text before, space or end after) */
	size_t open = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '*' || drop[i])
			continue;
		bool space_before = i == 0 ||
			isspace((unsigned char)s[i - 1]) || s[i - 1] == '(';
		bool space_after =
			i + 1 >= n || isspace((unsigned char)s[i + 1]);
		bool text_after = !space_after;
		bool text_before = !space_before;
		if (open == (size_t)-1 && space_before && text_after) {
			open = i;
		} else if (open != (size_t)-1 && text_before &&
			(space_after || ispunct((unsigned char)s[i + 1]))) {
			drop[open] = drop[i] = true;
			open = (size_t)-1;
		}
	}
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	for (size_t i = 0; i < n; i++)
		if (!drop[i])
			buf_addc(&out, s[i]);
	free(drop);
	return buf_steal(&out);
}

/* One line of Markdown as plain text: emoji and emphasis gone, spaces
 * collapsed. */
char *markdown_inline(const char *s, size_t n)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	add_without_emoji(&b, s, n);
	char *noemph = strip_emphasis(b.data);
	buf_free(&b);
	/* collapse runs of spaces left by removals */
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	size_t len = strlen(noemph);
	size_t lead = 0;
	while (lead < len && noemph[lead] == ' ')
		lead++;
	for (size_t i = 0; i < lead; i++)
		buf_addc(&out, ' ');
	for (size_t i = lead; i < len; i++) {
		if (noemph[i] == ' ' && out.len && out.data[out.len - 1] == ' ')
			continue;
		buf_addc(&out, noemph[i]);
	}
	free(noemph);
	while (out.len && isspace((unsigned char)out.data[out.len - 1]))
		out.data[--out.len] = '\0';
	return buf_steal(&out);
}

/* ---- Markdown to plain text ------------------------------------------- */

static size_t display_width(const char *s)
{
	return norm_width(s, strlen(s));
}

bool markdown_is_table_sep(const char *s)
{
	bool dash = false;
	for (; *s; s++) {
		if (*s == '-')
			dash = true;
		else if (*s != '|' && *s != ':' && *s != ' ')
			return false;
	}
	return dash;
}

/* Splits a table row "| a | b |" into cleaned cells. */
size_t markdown_table_cells(const char *row, char ***out)
{
	size_t n = 0;
	size_t cap = 0;
	char **cells = NULL;
	const char *p = row;
	while (*p == ' ')
		p++;
	if (*p == '|')
		p++;
	while (*p) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *s = p;
		size_t sl = len;
		markdown_trim(&s, &sl);
		if (!e && sl == 0)
			break;
		xgrow((void **)&cells, &cap, n + 1, sizeof *cells);
		cells[n++] = markdown_inline(s, sl);
		if (!e)
			break;
		p = e + 1;
	}
	*out = cells;
	return n;
}

void markdown_free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

/* Renders table rows as aligned columns separated by two spaces, with a
 * dashed rule under the header. */
static void render_table(struct buf *out, char **rows, size_t n_rows)
{
	char ***cells = xcalloc(n_rows, sizeof *cells);
	size_t *nc = xcalloc(n_rows, sizeof *nc);
	size_t cols = 0;
	for (size_t r = 0; r < n_rows; r++) {
		nc[r] = markdown_table_cells(rows[r], &cells[r]);
		if (nc[r] > cols)
			cols = nc[r];
	}
	size_t *w = xcalloc(cols ? cols : 1, sizeof *w);
	for (size_t r = 0; r < n_rows; r++)
		for (size_t c = 0; c < nc[r]; c++) {
			size_t dw = display_width(cells[r][c]);
			if (dw > w[c])
				w[c] = dw;
		}
	for (size_t r = 0; r < n_rows; r++) {
		size_t line_start = out->len;
		for (size_t c = 0; c < nc[r]; c++) {
			buf_adds(out, cells[r][c]);
			if (c + 1 < nc[r]) {
				size_t pad = w[c] - display_width(cells[r][c]);
				for (size_t k = 0; k < pad + 2; k++)
					buf_addc(out, ' ');
			}
		}
		while (out->len > line_start && out->data[out->len - 1] == ' ')
			out->data[--out->len] = '\0';
		buf_addc(out, '\n');
		if (r == 0 && n_rows > 1) {
			size_t total = 0;
			for (size_t c = 0; c < cols; c++)
				total += w[c] + (c + 1 < cols ? 2 : 0);
			for (size_t k = 0; k < total; k++)
				buf_addc(out, '-');
			buf_addc(out, '\n');
		}
	}
	for (size_t r = 0; r < n_rows; r++)
		markdown_free_cells(cells[r], nc[r]);
	free(cells);
	free(nc);
	free(w);
}

static bool is_dropped(const char *s, size_t n, const struct rules_list *drop)
{
	markdown_trim(&s, &n);
	for (size_t i = 0; drop && i < drop->n; i++)
		if (markdown_starts_ci(s, n, drop->v[i]))
			return true;
	return false;
}

/* Removes the indentation every line shares, and a bullet before a
 * number ("- 1. x" -> "1. x"). Frees text. */
static char *dedent(char *text)
{
	size_t min = (size_t)-1;
	for (const char *l = text; *l;) {
		size_t ind = strspn(l, " ");
		if (l[ind] && l[ind] != '\n' && ind < min)
			min = ind;
		const char *nl = strchr(l, '\n');
		if (!nl)
			break;
		l = nl + 1;
	}
	if (min == (size_t)-1)
		min = 0;
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		size_t skip = n >= min ? min : n;
		const char *s = l + skip;
		size_t sl = n - skip;
		size_t ind = strspn(s, " ");
		if (ind + 3 < sl && s[ind] == '-' && s[ind + 1] == ' ' &&
			isdigit((unsigned char)s[ind + 2]) &&
			s[ind + 3] == '.') {
			buf_add(&out, s, ind);
			s += ind + 2;
			sl -= ind + 2;
		}
		buf_add(&out, s, sl);
		if (!nl)
			break;
		buf_addc(&out, '\n');
		l = nl + 1;
	}
	free(text);
	return buf_steal(&out);
}

char *markdown_text(const char *md, size_t len, const struct rules_list *drop)
{
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	char **table = NULL;
	size_t n_table = 0;
	size_t cap_table = 0;
	bool blank_pending = false;
	bool in_code = false;
	const char *p = md;
	const char *end = md + len;
	while (p <= end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *raw = xstrndup(p, n);
		const char *s = raw;
		size_t sl = n;
		while (sl && isspace((unsigned char)s[sl - 1]))
			sl--;
		/* blockquote marker */
		const char *t = s;
		size_t tl = sl;
		markdown_trim(&t, &tl);
		if (tl && *t == '>') {
			t++;
			tl--;
			markdown_trim(&t, &tl);
			s = t;
			sl = tl;
		}
		bool fence = tl >= 3 && strncmp(t, "```", 3) == 0;
		if (fence || in_code) {
			if (n_table) {
				render_table(&out, table, n_table);
				for (size_t i = 0; i < n_table; i++)
					free(table[i]);
				n_table = 0;
			}
			if (fence) {
				in_code = !in_code;
			} else {
				/* code: verbatim, indented by four spaces */
				if (blank_pending)
					buf_addc(&out, '\n');
				blank_pending = false;
				size_t rl = n;
				while (rl &&
					isspace((unsigned char)raw[rl - 1]))
					rl--;
				if (rl)
					buf_adds(&out, "    ");
				buf_add(&out, raw, rl);
				buf_addc(&out, '\n');
			}
			free(raw);
			if (!nl)
				break;
			p = nl + 1;
			continue;
		}
		bool is_row = tl && *t == '|';
		if (is_row) {
			char *row = xstrndup(t, tl);
			if (markdown_is_table_sep(row)) {
				free(row);
			} else {
				xgrow((void **)&table, &cap_table, n_table + 1,
					sizeof *table);
				table[n_table++] = row;
			}
		} else if (n_table) {
			if (blank_pending && out.len)
				buf_addc(&out, '\n');
			blank_pending = false;
			render_table(&out, table, n_table);
			for (size_t i = 0; i < n_table; i++)
				free(table[i]);
			n_table = 0;
		}
		if (!is_row) {
			if (markdown_is_blank(s, sl) ||
				is_dropped(s, sl, drop)) {
				if (out.len)
					blank_pending = true;
			} else {
				/* indentation, then a bullet marker */
				size_t ind = 0;
				while (ind < sl &&
					(s[ind] == ' ' || s[ind] == '\t'))
					ind++;
				char *c = markdown_inline(s + ind, sl - ind);
				size_t lead = strspn(c, " ");
				memmove(c, c + lead, strlen(c + lead) + 1);
				if (c[0]) {
					if (blank_pending)
						buf_addc(&out, '\n');
					blank_pending = false;
					for (size_t k = 0; k < ind; k++)
						buf_addc(&out, ' ');
					if (c[0] == '*' && c[1] == ' ') {
						c[0] = '-';
					} else if (c[0] == '#') {
						size_t h = 0;
						while (c[h] == '#')
							h++;
						memmove(c,
							c + h + (c[h] == ' '),
							strlen(c + h +
								(c[h] == ' ')) +
								1);
					}
					buf_adds(&out, c);
					buf_addc(&out, '\n');
				}
				free(c);
			}
		}
		free(raw);
		if (!nl)
			break;
		p = nl + 1;
	}
	if (n_table) {
		if (blank_pending && out.len)
			buf_addc(&out, '\n');
		render_table(&out, table, n_table);
		for (size_t i = 0; i < n_table; i++)
			free(table[i]);
	}
	free(table);
	while (out.len && out.data[out.len - 1] == '\n')
		out.data[--out.len] = '\0';
	return dedent(buf_steal(&out));
}
