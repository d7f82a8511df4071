/* cardtext: a flashcard field's text: HTML to text, plain fields cleaned,
 * cloze deletions. */
#include "cardtext.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "norm.h"
#include "tunables.h"
#include "util.h"

/* Text as HTML renders it: runs of spaces as one, no spaces at either end
 * of a line, at most one blank line in a row and none at either end. */
static char *squeeze(const char *s)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "");
	size_t newlines = 0;
	bool space = false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n') {
			newlines++;
			space = false;
		} else if (c == ' ' || c == '\t') {
			space = b.len > 0 && newlines == 0;
		} else if (c >= 0x20 && c != 0x7F) {
			if (b.len && newlines)
				buf_add(&b, "\n\n", newlines > 1 ? 2 : 1);
			else if (space)
				buf_addc(&b, ' ');
			newlines = 0;
			space = false;
			buf_addc(&b, (char)c);
		}
	}
	return buf_steal(&b);
}

/* Plain text as it was, without carriage returns (CRLF files) and other
 * controls, blank lines at either end or blank space at its end. The
 * spaces before a one-line field go ("question, answer"); a first line's
 * indent in longer text is code's and stays. */
char *cardtext_plain(const char *s)
{
	const char *start = s + strspn(s, " \t\r\n");
	while (s < start && strchr(s, '\n') && strchr(s, '\n') < start)
		s = strchr(s, '\n') + 1;
	if (!strchr(start, '\n'))
		s = start;
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 ? c != 0x7F : c == '\n' || c == '\t')
			buf_addc(&b, (char)c);
	}
	while (b.len && strchr(" \t\n", b.data[b.len - 1]))
		b.data[--b.len] = '\0';
	return buf_steal(&b);
}

static const struct {
	const char *name;
	const char *text;
} entities[] = {
	{"amp", "&"},
	{"lt", "<"},
	{"gt", ">"},
	{"quot", "\""},
	{"apos", "'"},
	{"nbsp", " "},
	{"ndash", "\xE2\x80\x93"},
	{"mdash", "\xE2\x80\x94"},
	{"hellip", "\xE2\x80\xA6"},
	{"lsquo", "\xE2\x80\x98"},
	{"rsquo", "\xE2\x80\x99"},
	{"ldquo", "\xE2\x80\x9C"},
	{"rdquo", "\xE2\x80\x9D"},
	{"bull", "\xE2\x80\xA2"},
	{"middot", "\xC2\xB7"},
	{"times", "\xC3\x97"},
	{"divide", "\xC3\xB7"},
	{"deg", "\xC2\xB0"},
	{"le", "\xE2\x89\xA4"},
	{"ge", "\xE2\x89\xA5"},
	{"ne", "\xE2\x89\xA0"},
	{"larr", "\xE2\x86\x90"},
	{"rarr", "\xE2\x86\x92"},
	{"harr", "\xE2\x86\x94"},
	{"copy", "\xC2\xA9"},
	{"reg", "\xC2\xAE"},
};

/* Decodes the entity at s ('&'); returns the bytes consumed, 0 when s does
 * not start an entity it knows (then the '&' is text). */
static size_t put_entity(struct buf *b, const char *s)
{
	const char *end = strchr(s, ';');
	if (!end || end - s > 12 || end - s < 3)
		return 0;
	size_t n = (size_t)(end - s - 1);
	if (s[1] == '#') {
		char num[12];
		memcpy(num, s + 2, n - 1);
		num[n - 1] = '\0';
		bool hex = num[0] == 'x' || num[0] == 'X';
		char *stop;
		long cp = strtol(num + hex, &stop, hex ? 16 : 10);
		if (*stop || stop == num + hex || cp <= 0 || cp > 0x10FFFF ||
			(cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		char out[4];
		if (cp == 0xA0)
			cp = ' ';
		buf_add(b, out, norm_encode((int32_t)cp, out));
		return n + 2;
	}
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++) {
		if (strlen(entities[i].name) == n &&
			strncmp(s + 1, entities[i].name, n) == 0) {
			buf_adds(b, entities[i].text);
			return n + 2;
		}
	}
	return 0;
}

/* Reads the tag at s ('<'): its lower-case name (NUL for comments), whether
 * it closes, and its length; 0 when s does not start a tag. */
static size_t read_tag(const char *s, char name[12], bool *closing)
{
	if (strncmp(s, "<!--", 4) == 0) {
		const char *end = strstr(s + 4, "-->");
		name[0] = '\0';
		*closing = false;
		return end ? (size_t)(end + 3 - s) : 0;
	}
	const char *p = s + 1;
	*closing = *p == '/';
	if (*closing)
		p++;
	if (!isalpha((unsigned char)*p))
		return 0;
	size_t n = 0;
	while (isalnum((unsigned char)*p)) {
		if (n < 11)
			name[n++] = (char)tolower((unsigned char)*p);
		p++;
	}
	name[n] = '\0';
	char quote = 0;
	for (; *p; p++) {
		if (quote) {
			quote = *p == quote ? 0 : quote;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return (size_t)(p + 1 - s);
		} else if (*p == '<' || *p == '\n') {
			return 0;
		}
	}
	return 0;
}

static bool is_block(const char *tag)
{
	static const char *const blocks[] = {"div", "p", "ul", "ol", "table",
		"tr", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
		"hr", "section", "article"};
	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		if (strcmp(tag, blocks[i]) == 0)
			return true;
	return false;
}

static void line_break(struct buf *b)
{
	if (b->len && b->data[b->len - 1] != '\n')
		buf_addc(b, '\n');
}

#define LIST_DEPTH 8

/* Anki's HTML to text: entities decoded, <br> and blocks as line breaks,
 * list items as "- " or "1. " lines, other tags, comments, scripts and
 * [sound:...] references dropped. */
char *cardtext_html(const char *s)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "");
	int counters[LIST_DEPTH]; /* 0 in <ul>, next number in <ol> */
	size_t depth = 0;
	while (*s) {
		char tag[12] = "";
		bool closing = false;
		size_t n = *s == '<' ? read_tag(s, tag, &closing) : 0;
		if (n == 0 && *s == '&')
			n = put_entity(&b, s);
		if (n == 0 && strncmp(s, "[sound:", 7) == 0 && strchr(s, ']'))
			n = (size_t)(strchr(s, ']') + 1 - s);
		if (n == 0) {
			buf_addc(&b, *s++);
			continue;
		}
		if (*s == '<' &&
			(strcmp(tag, "script") == 0 ||
				strcmp(tag, "style") == 0) &&
			!closing) {
			const char *end = strstr(s + n, "</");
			n = end ? (size_t)(end - s) : strlen(s);
		} else if (*s == '<' && strcmp(tag, "br") == 0) {
			buf_addc(&b, '\n');
		} else if (*s == '<' && strcmp(tag, "li") == 0 && !closing) {
			line_break(&b);
			if (depth && counters[depth - 1] > 0)
				buf_printf(&b, "%d. ", counters[depth - 1]++);
			else
				buf_adds(&b, "- ");
		} else if (*s == '<' &&
			(strcmp(tag, "ul") == 0 || strcmp(tag, "ol") == 0)) {
			line_break(&b);
			if (!closing && depth < LIST_DEPTH)
				counters[depth++] = tag[0] == 'o' ? 1 : 0;
			else if (closing && depth)
				depth--;
		} else if (*s == '<' && is_block(tag)) {
			line_break(&b);
		} else if (*s == '<' &&
			(strcmp(tag, "td") == 0 || strcmp(tag, "th") == 0)) {
			buf_addc(&b, ' ');
		}
		s += n;
	}
	char *out = squeeze(b.data);
	buf_free(&b);
	return out;
}

/* The next cloze deletion at or after s, {{cN::text}} or
 * {{cN::text::hint}}; false when there is none. */
bool cardtext_next_cloze(const char *s, struct cloze *c)
{
	for (const char *p = strstr(s, "{{c"); p; p = strstr(p + 1, "{{c")) {
		const char *q = p + 3;
		if (!isdigit((unsigned char)*q))
			continue;
		long num = strtol(q, (char **)&q, 10);
		if (strncmp(q, "::", 2) != 0 || num <= 0 || num > 1000)
			continue;
		const char *end = strstr(q + 2, "}}");
		if (!end)
			return false;
		c->number = (int)num;
		c->start = p;
		c->end = end + 2;
		c->text = q + 2;
		const char *sep = strstr(c->text, "::");
		if (sep && sep < end) {
			c->text_len = (size_t)(sep - c->text);
			c->hint = sep + 2;
			c->hint_len = (size_t)(end - c->hint);
		} else {
			c->text_len = (size_t)(end - c->text);
			c->hint = NULL;
			c->hint_len = 0;
		}
		return true;
	}
	return false;
}

/* The note's text with cloze `number` blanked ([...] or [hint]) and every
 * other deletion shown; number 0 shows them all. */
char *cardtext_cloze(const char *text, int number)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "");
	struct cloze c;
	const char *s = text;
	while (cardtext_next_cloze(s, &c)) {
		buf_add(&b, s, (size_t)(c.start - s));
		if (c.number != number) {
			buf_add(&b, c.text, c.text_len);
		} else if (c.hint && c.hint_len) {
			buf_addc(&b, '[');
			buf_add(&b, c.hint, c.hint_len);
			buf_addc(&b, ']');
		} else {
			buf_adds(&b, "[...]");
		}
		s = c.end;
	}
	buf_adds(&b, s);
	return buf_steal(&b);
}
