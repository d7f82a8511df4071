/* cardimport: Anki text exports and plain CSV or TSV cards to questions.
 * The header lines are read here; the records go through csvio (the only
 * libcsv user); each field is reduced from HTML or cleaned of carriage
 * returns and controls, and a row becomes one question, or one per cloze
 * number. */
#include "cardimport.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bank.h"
#include "cardtext.h"
#include "csvio.h"
#include "norm.h"
#include "tunables.h"

enum col {
	COL_QUESTION,
	COL_ANSWER,
	COL_EXTRA,
	COL_TAGS,
	COL_DECK,
	COL_CHAPTER,
	COL_NOTETYPE,
	COL_GUID,
	COL_KEYWORDS,
	COL_KIND,
	COL_LANG,
	COL_COUNT
};

#define NO_COL ((size_t)-1)

/* Column names as Anki's note types (Basic: Front, Back; Cloze: Text,
 * Back Extra) and quiz's own CSV (list, export) spell them. */
static const struct {
	const char *name;
	enum col col;
} col_names[] = {
	{"question", COL_QUESTION},
	{"front", COL_QUESTION},
	{"text", COL_QUESTION},
	{"answer", COL_ANSWER},
	{"back", COL_ANSWER},
	{"back extra", COL_EXTRA},
	{"extra", COL_EXTRA},
	{"tags", COL_TAGS},
	{"deck", COL_DECK},
	{"chapter", COL_CHAPTER},
	{"notetype", COL_NOTETYPE},
	{"note type", COL_NOTETYPE},
	{"guid", COL_GUID},
	{"id", COL_GUID},
	{"keywords", COL_KEYWORDS},
	{"key points", COL_KEYWORDS},
	{"kind", COL_KIND},
	{"lang", COL_LANG},
};

/* Anki's "#separator:" names. */
static const struct {
	const char *name;
	char sep;
} sep_names[] = {
	{"comma", ','},
	{"semicolon", ';'},
	{"tab", '\t'},
	{"pipe", '|'},
	{"colon", ':'},
	{"space", ' '},
};

struct ids {
	char **keys; /* not owned: the bank's ids */
	size_t n_slots; /* a power of two, > 2 * n */
	size_t n;
};

struct reader {
	struct quiz_bank *bank;
	const char *name;
	const char *chapter; /* --chapter, or NULL */
	char *file_deck; /* "#deck:", or NULL */
	char **file_tags; /* "#tags:" */
	size_t n_file_tags;
	char sep;
	bool sep_set;
	bool html;
	bool html_set;
	bool anki; /* the file had Anki header lines */
	char **columns; /* the names of "#columns:" */
	size_t n_columns;
	bool columns_done;
	size_t col[COL_COUNT];
	size_t col_from_header[COL_COUNT]; /* "#... column:" (1-based) */
	struct ids ids;
	size_t n_added;
	size_t n_skipped;
};

/* --- small helpers --------------------------------------------------- */

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
}

static bool ids_has(const struct ids *t, const char *id)
{
	if (t->n_slots == 0)
		return false;
	for (size_t i = fnv1a(id) & (t->n_slots - 1); t->keys[i];
		i = (i + 1) & (t->n_slots - 1))
		if (strcmp(t->keys[i], id) == 0)
			return true;
	return false;
}

static void ids_put(struct ids *t, char *id)
{
	if (2 * (t->n + 1) >= t->n_slots) {
		struct ids big = {.n_slots = t->n_slots ? 2 * t->n_slots : 64};
		big.keys = xcalloc(big.n_slots, sizeof *big.keys);
		for (size_t i = 0; i < t->n_slots; i++)
			if (t->keys[i])
				ids_put(&big, t->keys[i]);
		free(t->keys);
		*t = big;
	}
	size_t i = fnv1a(id) & (t->n_slots - 1);
	while (t->keys[i])
		i = (i + 1) & (t->n_slots - 1);
	t->keys[i] = id;
	t->n++;
}

static void row_warn(const struct reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void row_warn(const struct reader *r, long line, const char *fmt, ...)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s:%ld: ", r->name, line);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	quiz_warn("%s", b.data);
	buf_free(&b);
}

static bool ieq_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static bool ci_contains(const char *hay, const char *needle)
{
	for (; *hay; hay++)
		if (ieq_prefix(hay, needle))
			return true;
	return false;
}

static bool has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name);
	size_t e = strlen(ext);
	return n > e && strcasecmp(name + n - e, ext) == 0;
}

static bool utf8_ok(const char *s)
{
	size_t len = strlen(s);
	int32_t cp;
	for (size_t i = 0; i < len;) {
		size_t k = norm_decode_strict(s + i, len - i, &cp);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

static char *field_text(const struct reader *r, const char *s)
{
	return r->html ? cardtext_html(s) : cardtext_plain(s);
}

/* A deck or chapter name as a chapter id: ASCII lower case, "::" levels
 * joined by '.', other runs of spaces and punctuation as one '-'. */
static char *chapter_id(const char *name)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "");
	bool dash = false;
	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (p[0] == ':' && p[1] == ':') {
			while (b.len && (b.data[b.len - 1] == '-'))
				b.data[--b.len] = '\0';
			if (b.len && b.data[b.len - 1] != '.')
				buf_addc(&b, '.');
			dash = false;
			p++;
			continue;
		}
		if (isalnum(c) || c >= 0x80 || c == '.' || c == '_') {
			if (dash && b.len && b.data[b.len - 1] != '.')
				buf_addc(&b, '-');
			dash = false;
			buf_addc(&b, (char)tolower(c));
		} else {
			dash = true;
		}
	}
	while (b.len && strchr(".-", b.data[b.len - 1]))
		b.data[--b.len] = '\0';
	return buf_steal(&b);
}

/* --- key points ------------------------------------------------------- */

static void put_escaped(struct buf *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (strchr(";|*\\", *p) || (p == s && *p == '!'))
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
}

void cardimport_format_keywords(
	struct buf *out, const struct quiz_keyword *k, size_t n)
{
	buf_adds(out, "");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(out, "; ");
		if (k[i].required)
			buf_addc(out, '!');
		put_escaped(out, k[i].term);
		for (size_t a = 0; a < k[i].n_aliases; a++) {
			buf_adds(out, " | ");
			put_escaped(out, k[i].aliases[a]);
		}
		if (k[i].weight != KEYWORD_WEIGHT_DEFAULT)
			buf_printf(out, " *%.15g", k[i].weight);
	}
}

/* Splits s at unescaped sep into parts (escapes kept); returns the count. */
static size_t split_escaped(const char *s, char sep, char ***parts)
{
	size_t n = 0;
	size_t cap = 0;
	*parts = NULL;
	const char *start = s;
	for (const char *p = s;; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p != sep && *p)
			continue;
		xgrow((void **)parts, &cap, n + 1, sizeof **parts);
		(*parts)[n++] = xstrndup(start, (size_t)(p - start));
		if (!*p)
			break;
		start = p + 1;
	}
	return n;
}

/* Trims and unescapes s in place. */
static char *unescape(char *s)
{
	char *w = s;
	const char *p = s;
	while (*p == ' ' || *p == '\t')
		p++;
	char *last = s; /* just past the last byte that is not a space */
	for (; *p; p++) {
		bool esc = *p == '\\' && p[1];
		if (esc)
			p++;
		*w++ = *p;
		if (esc || (*p != ' ' && *p != '\t'))
			last = w;
	}
	*last = '\0';
	return s;
}

/* The weight at the end of a point (" *2"): removed from point. */
static bool take_weight(char *point, double *weight, const char **why)
{
	char *star = NULL;
	for (char *p = point; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '*')
			star = p;
	}
	if (!star)
		return true;
	char *num = star + 1;
	while (*num == ' ')
		num++;
	char *end = num + strlen(num);
	while (end > num && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	if (!parse_double(num, 0, 100, weight) || *weight <= 0) {
		*why = "a weight after '*' must be a number in (0, 100]";
		return false;
	}
	*star = '\0';
	return true;
}

static void free_points(struct quiz_keyword *k, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(k[i].term);
		for (size_t a = 0; a < k[i].n_aliases; a++)
			free(k[i].aliases[a]);
		free(k[i].aliases);
	}
	free(k);
}

static void free_strings(char **parts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(parts[i]);
	free(parts);
}

bool cardimport_parse_keywords(const char *s, struct quiz_keyword **out,
	size_t *n_out, const char **why)
{
	char **points;
	size_t n_points = split_escaped(s, ';', &points);
	struct quiz_keyword *k = xcalloc(n_points, sizeof *k);
	size_t n = 0;
	bool ok = true;
	for (size_t i = 0; i < n_points && ok; i++) {
		char *pt = points[i];
		while (*pt == ' ' || *pt == '\t')
			pt++;
		if (!*pt)
			continue;
		struct quiz_keyword *kw = &k[n];
		kw->weight = KEYWORD_WEIGHT_DEFAULT;
		kw->required = *pt == '!';
		if (kw->required)
			pt++;
		ok = take_weight(pt, &kw->weight, why);
		char **names;
		size_t n_names = split_escaped(pt, '|', &names);
		for (size_t a = 0; a < n_names && ok; a++) {
			if (!*unescape(names[a])) {
				*why = "a key point or alias is empty";
				ok = false;
			}
		}
		if (ok) {
			/* names[0] becomes the term; the array keeps the
			 * aliases. */
			kw->term = names[0];
			kw->n_aliases = n_names - 1;
			memmove(names, names + 1,
				kw->n_aliases * sizeof *names);
			kw->aliases = names;
			n++;
		} else {
			free_strings(names, n_names);
		}
	}
	free_strings(points, n_points);
	if (!ok) {
		free_points(k, n);
		return false;
	}
	*out = k;
	*n_out = n;
	return true;
}

/* --- rows ------------------------------------------------------------- */

static const char *field(char **f, size_t n, size_t col)
{
	return col != NO_COL && col < n ? f[col] : NULL;
}

static void add_tag(
	struct quiz_question *q, size_t *cap, const char *t, size_t len)
{
	if (len == 0)
		return;
	for (size_t i = 0; i < q->n_tags; i++)
		if (strlen(q->tags[i]) == len && !strncmp(q->tags[i], t, len))
			return;
	xgrow((void **)&q->tags, cap, q->n_tags + 1, sizeof *q->tags);
	q->tags[q->n_tags++] = xstrndup(t, len);
}

/* Anki separates tags with spaces; quiz's CSV with ';' (and people with
 * commas). */
static void add_tags(struct quiz_question *q, size_t *cap, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, " \t\r\n;,");
		add_tag(q, cap, s, n);
		s += n;
		s += strspn(s, " \t\r\n;,");
	}
}

/* A stable id: the guid, else a hash of the question; "-2", "-3"... when
 * taken. */
static char *make_id(
	struct reader *r, const char *guid, const char *question, int cloze)
{
	struct buf b;
	buf_init(&b);
	if (guid && *guid) {
		for (const char *p = guid; *p; p++)
			buf_addc(&b, (unsigned char)*p <= ' ' ? '-' : *p);
	} else {
		buf_printf(&b, "card-%012llx",
			(unsigned long long)(fnv1a(question) >> 16));
	}
	if (cloze)
		buf_printf(&b, "-c%d", cloze);
	size_t base = b.len;
	for (int k = 2; ids_has(&r->ids, b.data); k++) {
		b.len = base;
		b.data[base] = '\0';
		buf_printf(&b, "-%d", k);
	}
	return buf_steal(&b);
}

static void add_question(
	struct reader *r, struct quiz_question *q, const char *guid, int cloze)
{
	char *id = make_id(r, guid, q->question, cloze);
	if (guid && *guid && cloze == 0 && strcmp(id, guid) != 0)
		quiz_warn("%s:%ld: id '%s' taken: this card is '%s'", r->name,
			q->sources[0].line, guid, id);
	q->id = id;
	bank_add_question(r->bank, q);
	ids_put(&r->ids, r->bank->questions[r->bank->n_questions - 1].id);
	free(id);
	q->id = NULL;
	r->n_added++;
}

/* The chapter of a row: its deck, its chapter column, --chapter, then the
 * file's "#deck:". Registers a deck's own name as the chapter's title. */
static char *row_chapter(struct reader *r, char **f, size_t n)
{
	const char *deck = field(f, n, r->col[COL_DECK]);
	const char *named = deck && *deck ? deck : NULL;
	if (!named) {
		const char *ch = field(f, n, r->col[COL_CHAPTER]);
		named = ch && *ch ? ch : NULL;
	}
	if (!named && r->chapter)
		return xstrdup(r->chapter);
	if (!named)
		named = r->file_deck;
	if (!named)
		return xstrdup("");
	char *id = chapter_id(named);
	if (*id && strcmp(id, named) != 0)
		bank_add_chapter(r->bank, id, named);
	return id;
}

static void free_row(struct quiz_question *q)
{
	for (size_t i = 0; i < q->n_tags; i++)
		free(q->tags[i]);
	free(q->tags);
	free_points(q->keywords, q->n_keywords);
	free(q->chapter);
	free(q->lang);
	free(q->question);
	free(q->answer);
}

/* Reads the per-row columns other than question and answer into q; false
 * after a warning when the row cannot be used. */
static bool row_fields(struct reader *r, long line, char **f, size_t n,
	struct quiz_question *q)
{
	for (size_t i = 0; i < n; i++) {
		if (!utf8_ok(f[i])) {
			row_warn(r, line,
				"field %zu is not valid UTF-8 (row skipped)",
				i + 1);
			return false;
		}
	}
	size_t cap = 0;
	const char *tags = field(f, n, r->col[COL_TAGS]);
	if (tags)
		add_tags(q, &cap, tags);
	for (size_t i = 0; i < r->n_file_tags; i++)
		add_tag(q, &cap, r->file_tags[i], strlen(r->file_tags[i]));
	q->chapter = row_chapter(r, f, n);
	const char *lang = field(f, n, r->col[COL_LANG]);
	q->lang = xstrdup(lang && *lang && !strpbrk(lang, " \t") ? lang : "en");
	const char *kind = field(f, n, r->col[COL_KIND]);
	if (kind && *kind && !bank_kind_parse(kind, &q->kind))
		row_warn(r, line,
			"unknown kind '%s' (interview, summary, "
			"concept, behavioral): taken as interview",
			kind);
	const char *kw = field(f, n, r->col[COL_KEYWORDS]);
	const char *why = NULL;
	if (kw && *kw &&
		!cardimport_parse_keywords(
			kw, &q->keywords, &q->n_keywords, &why))
		row_warn(r, line,
			"key points: %s (derived from the answer "
			"instead)",
			why);
	return true;
}

/* One question for each cloze number of the note, the deletions of that
 * number its key points. */
static void add_clozes(struct reader *r, struct quiz_question *q,
	const char *guid, const char *extra)
{
	const char *text = q->question;
	int seen[64];
	size_t n_seen = 0;
	struct cloze c;
	char *full = cardtext_cloze(text, 0);
	struct buf answer;
	buf_init(&answer);
	buf_adds(&answer, full);
	if (extra && *extra)
		buf_printf(&answer, "\n\n%s", extra);
	char *saved_answer = q->answer;
	q->answer = answer.data;
	for (const char *s = text; cardtext_next_cloze(s, &c); s = c.end) {
		bool done = false;
		for (size_t i = 0; i < n_seen; i++)
			done = done || seen[i] == c.number;
		if (done || n_seen == sizeof seen / sizeof seen[0])
			continue;
		seen[n_seen++] = c.number;
		struct quiz_keyword *k = NULL;
		size_t nk = 0;
		size_t cap = 0;
		struct cloze d;
		for (const char *t = text; cardtext_next_cloze(t, &d);
			t = d.end) {
			if (d.number != c.number || d.text_len == 0)
				continue;
			xgrow((void **)&k, &cap, nk + 1, sizeof *k);
			k[nk++] = (struct quiz_keyword){
				.term = xstrndup(d.text, d.text_len),
				.weight = KEYWORD_WEIGHT_DEFAULT,
			};
		}
		struct quiz_question one = *q;
		one.question = cardtext_cloze(text, c.number);
		if (q->n_keywords == 0) {
			one.keywords = k;
			one.n_keywords = nk;
		}
		add_question(r, &one, guid, c.number);
		free(one.question);
		free_points(k, nk);
	}
	q->answer = saved_answer;
	buf_free(&answer);
	free(full);
}

static void take_row(struct reader *r, long line, char **f, size_t n)
{
	const char *question = field(f, n, r->col[COL_QUESTION]);
	if (!question || !*question) {
		row_warn(r, line, "no question in column %zu (row skipped)",
			r->col[COL_QUESTION] + 1);
		r->n_skipped++;
		return;
	}
	struct quiz_source src = {.file = (char *)r->name, .line = line};
	struct quiz_question q = {.sources = &src, .n_sources = 1};
	if (!row_fields(r, line, f, n, &q)) {
		free_row(&q);
		r->n_skipped++;
		return;
	}
	q.question = field_text(r, question);
	const char *answer = field(f, n, r->col[COL_ANSWER]);
	q.answer = field_text(r, answer ? answer : "");
	const char *extra = field(f, n, r->col[COL_EXTRA]);
	char *extra_text = field_text(r, extra ? extra : "");
	const char *notetype = field(f, n, r->col[COL_NOTETYPE]);
	const char *guid = field(f, n, r->col[COL_GUID]);
	struct cloze c;
	bool cloze = cardtext_next_cloze(q.question, &c) ||
		(notetype && ci_contains(notetype, "cloze"));
	if (cloze && cardtext_next_cloze(q.question, &c)) {
		/* The Cloze note type's second field is "Back Extra". */
		if (!*extra_text && r->col[COL_EXTRA] == NO_COL) {
			free(extra_text);
			extra_text = xstrdup(q.answer);
		}
		add_clozes(r, &q, guid, extra_text);
	} else if (cloze) {
		row_warn(r, line,
			"a cloze note without {{c1::...}} deletions "
			"(row skipped)");
		r->n_skipped++;
	} else if (!*q.question) {
		row_warn(r, line,
			"the question is empty once its HTML is "
			"removed (row skipped)");
		r->n_skipped++;
	} else if (!*q.answer && q.kind != QUIZ_KIND_BEHAVIORAL) {
		row_warn(r, line, "no answer in column %zu (row skipped)",
			r->col[COL_ANSWER] + 1);
		r->n_skipped++;
	} else {
		if (*extra_text) {
			struct buf b;
			buf_init(&b);
			buf_printf(&b, "%s\n\n%s", q.answer, extra_text);
			free(q.answer);
			q.answer = buf_steal(&b);
		}
		add_question(r, &q, guid, 0);
	}
	free(extra_text);
	free_row(&q);
}

/* --- columns ---------------------------------------------------------- */

static bool col_name(const char *s, enum col *out)
{
	char name[24];
	size_t n = 0;
	while (*s == ' ')
		s++;
	for (; *s && n < sizeof name - 1; s++)
		name[n++] = *s;
	while (n && name[n - 1] == ' ')
		n--;
	name[n] = '\0';
	for (size_t i = 0; i < sizeof col_names / sizeof col_names[0]; i++) {
		if (strcasecmp(name, col_names[i].name) == 0) {
			*out = col_names[i].col;
			return true;
		}
	}
	return false;
}

/* A first record whose fields name a question column and at least one
 * other known column is a header row. */
static bool is_header_row(char **f, size_t n)
{
	bool question = false;
	size_t known = 0;
	for (size_t i = 0; i < n; i++) {
		enum col c;
		if (col_name(f[i], &c)) {
			known++;
			question = question || c == COL_QUESTION;
		}
	}
	return question && known >= 2;
}

static bool col_used(const struct reader *r, size_t i)
{
	for (int c = 0; c < COL_COUNT; c++)
		if (r->col[c] == i)
			return true;
	return false;
}

/* Names columns from names (a header row or "#columns:"), then the
 * "#... column:" lines, then gives the question and answer the first
 * columns left. */
static void set_columns(struct reader *r, char **names, size_t n)
{
	for (int c = 0; c < COL_COUNT; c++)
		r->col[c] = NO_COL;
	for (size_t i = 0; i < n; i++) {
		enum col c;
		if (col_name(names[i], &c) && r->col[c] == NO_COL)
			r->col[c] = i;
	}
	for (int c = 0; c < COL_COUNT; c++)
		if (r->col_from_header[c] != NO_COL)
			r->col[c] = r->col_from_header[c];
	for (size_t i = 0; r->col[COL_QUESTION] == NO_COL; i++)
		if (!col_used(r, i))
			r->col[COL_QUESTION] = i;
	for (size_t i = 0; r->col[COL_ANSWER] == NO_COL; i++)
		if (!col_used(r, i))
			r->col[COL_ANSWER] = i;
	r->columns_done = true;
}

static bool on_record(
	void *ctx, long line, char **f, const size_t *lens, size_t n)
{
	struct reader *r = ctx;
	(void)lens;
	if (n == 0 || (n == 1 && f[0][0] == '\0'))
		return true;
	if (!r->columns_done && r->columns) {
		set_columns(r, r->columns, r->n_columns);
	} else if (!r->columns_done) {
		bool header = is_header_row(f, n);
		set_columns(r, header ? f : NULL, header ? n : 0);
		if (header)
			return true;
	}
	take_row(r, line, f, n);
	return true;
}

/* --- header lines ------------------------------------------------------ */

static void header_column(
	struct reader *r, long line, enum col c, const char *value)
{
	long l;
	if (parse_long(value, 1, 10000, &l))
		r->col_from_header[c] = (size_t)l - 1;
	else
		row_warn(r, line,
			"a column number from 1 is needed, not '%s' "
			"(line ignored)",
			value);
}

/* Applies one "#key:value" line; false when it is not a header line. */
static bool header_line(
	struct reader *r, long line, const char *key, const char *value)
{
	static const struct {
		const char *key;
		enum col col;
	} cols[] = {
		{"tags column", COL_TAGS},
		{"deck column", COL_DECK},
		{"notetype column", COL_NOTETYPE},
		{"guid column", COL_GUID},
	};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		if (strcasecmp(key, cols[i].key) == 0) {
			header_column(r, line, cols[i].col, value);
			return true;
		}
	}
	if (strcasecmp(key, "separator") == 0) {
		for (size_t i = 0; i < sizeof sep_names / sizeof sep_names[0];
			i++)
			if (strcasecmp(value, sep_names[i].name) == 0)
				r->sep = sep_names[i].sep;
		if (strlen(value) == 1)
			r->sep = value[0];
		r->sep_set = r->sep != 0;
		if (!r->sep_set)
			row_warn(r, line,
				"unknown separator '%s' (Comma, "
				"Semicolon, Tab, Pipe, Colon, Space "
				"or one character)",
				value);
	} else if (strcasecmp(key, "html") == 0) {
		r->html_set = true;
		r->html = strcasecmp(value, "true") == 0;
	} else if (strcasecmp(key, "deck") == 0) {
		free(r->file_deck);
		r->file_deck = *value ? xstrdup(value) : NULL;
	} else if (strcasecmp(key, "tags") == 0) {
		free_strings(r->file_tags, r->n_file_tags);
		struct quiz_question q = {0};
		size_t cap = 0;
		add_tags(&q, &cap, value);
		r->file_tags = q.tags;
		r->n_file_tags = q.n_tags;
	} else if (strcasecmp(key, "columns") == 0) {
		/* Splits at the separator, known by now in Anki's exports. */
		char sep = r->sep ? r->sep : (strchr(value, '\t') ? '\t' : ',');
		free_strings(r->columns, r->n_columns);
		r->columns = NULL;
		r->n_columns = 0;
		size_t cap = 0;
		const char seps[] = {sep, '\0'};
		for (const char *s = value;; s++) {
			size_t len = strcspn(s, seps);
			xgrow((void **)&r->columns, &cap, r->n_columns + 1,
				sizeof *r->columns);
			r->columns[r->n_columns++] = xstrndup(s, len);
			s += len;
			if (!*s)
				break;
		}
	} else if (strcasecmp(key, "notetype") == 0 ||
		strcasecmp(key, "if matches") == 0) {
		/* Anki's own bookkeeping: nothing for quiz to do. */
	} else {
		return false;
	}
	return true;
}

/* Reads the "#key:value" lines at the top; returns where the records
 * start and counts the lines it read. */
static const char *read_headers(
	struct reader *r, const char *text, const char *end, long *lines)
{
	const char *s = text;
	while (s < end && *s == '#') {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		size_t len = eol ? (size_t)(eol - s) : (size_t)(end - s);
		char *l = xstrndup(s + 1, len - 1);
		size_t n = strlen(l);
		while (n && (l[n - 1] == '\r' || l[n - 1] == ' '))
			l[--n] = '\0';
		char *colon = strchr(l, ':');
		bool ok = colon != NULL;
		if (ok) {
			*colon = '\0';
			ok = header_line(r, *lines + 1, l, colon + 1);
		}
		free(l);
		if (!ok)
			break;
		r->anki = true;
		(*lines)++;
		s = eol ? eol + 1 : end;
	}
	return s;
}

/* Anki guesses too when a file names no separator: a tab on the first
 * line means TSV, else a comma, else a semicolon. */
static char guess_separator(const char *name, const char *s, const char *end)
{
	if (has_ext(name, ".tsv"))
		return '\t';
	const char *eol = memchr(s, '\n', (size_t)(end - s));
	size_t len = eol ? (size_t)(eol - s) : (size_t)(end - s);
	if (memchr(s, '\t', len))
		return '\t';
	if (memchr(s, ',', len) || !memchr(s, ';', len))
		return ',';
	return ';';
}

bool cardimport_is_cards(const char *name, const char *head, size_t len)
{
	static const char *const anki[] = {"#separator:", "#html:", "#columns:",
		"#notetype", "#deck", "#tags", "#guid column:", "#if matches:"};
	if (has_ext(name, ".csv") || has_ext(name, ".tsv") ||
		has_ext(name, ".txt"))
		return true;
	if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) {
		head += 3;
		len -= 3;
	}
	for (size_t i = 0; i < sizeof anki / sizeof anki[0]; i++)
		if (len >= strlen(anki[i]) && ieq_prefix(head, anki[i]))
			return true;
	return false;
}

size_t cardimport_text(struct quiz_bank *bank, const char *name,
	const char *text, size_t len, const char *chapter)
{
	struct reader r = {.bank = bank, .name = name, .chapter = chapter};
	for (int c = 0; c < COL_COUNT; c++)
		r.col_from_header[c] = r.col[c] = NO_COL;
	for (size_t i = 0; i < bank->n_questions; i++)
		ids_put(&r.ids, bank->questions[i].id);
	const char *end = text + len;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3;
	long lines = 0;
	const char *body = read_headers(&r, text, end, &lines);
	if (!r.sep_set)
		r.sep = guess_separator(name, body, end);
	/* Anki's exports are HTML unless they say otherwise; a plain CSV
	 * with a header row is text, where "a < b" must stay. */
	if (!r.html_set)
		r.html = r.anki;
	struct csvio_opts o = {
		.delim = r.sep, .first_line = lines + 1, .skip_bad = true};
	if (body < end) {
		FILE *f = fmemopen((void *)body, (size_t)(end - body), "r");
		if (!f)
			xalloc_die();
		csvio_read_with(f, name, &o, on_record, &r);
		fclose(f);
	}
	if (r.n_added == 0)
		quiz_warn("%s: no cards found: expected rows of a question and "
			  "an answer (a header row naming question and answer "
			  "columns, or Anki's #separator: and #columns: "
			  "lines)%s",
			name,
			r.n_skipped || o.n_skipped ? "; every row was skipped"
						   : "");
	free(r.ids.keys);
	free(r.file_deck);
	free_strings(r.file_tags, r.n_file_tags);
	free_strings(r.columns, r.n_columns);
	return r.n_added;
}
