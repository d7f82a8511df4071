/* rules: parsing and validating import rules JSON into struct
 * import_rules. The cJSON tree lives for one load.
 *
 * cJSON does not say where a value stands: jsonpos (shared with the bank
 * loader) locates each problem for file:line:col. */
#include "rules.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builtin.h"
#include "jsonpos.h"
#include "mojibake.h"
#include "tunables.h"
#include "util.h"

/* --- positions --------------------------------------------------------- */

struct loader {
	const char *name;
	const cJSON *root;
	struct jsonpos pos; /* where each value stands */
	size_t errors;
};

static size_t node_offset(struct loader *ld, const cJSON *node)
{
	return jsonpos_offset(&ld->pos, ld->root, node);
}

static void report_at(struct loader *ld, bool error, size_t off,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report_at(
	struct loader *ld, bool error, size_t off, const char *fmt, ...)
{
	long line;
	long col;
	jsonpos_line_col(&ld->pos, off, &line, &col);
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (error)
		ld->errors++;
	quiz_warn("%s:%ld:%ld: %s: %s", ld->name, line, col,
		error ? "error" : "warning", msg);
}

#define REPORT(ld, node, ...) \
	report_at(ld, true, node_offset(ld, node), __VA_ARGS__)

/* --- values ------------------------------------------------------------ */

/* A non-empty string without control characters, copied; NULL after
 * reporting. */
static char *text_of(struct loader *ld, const cJSON *v, const char *what)
{
	if (!cJSON_IsString(v)) {
		REPORT(ld, v, "%s must be a string", what);
		return NULL;
	}
	const char *s = v->valuestring;
	if (!s[0]) {
		REPORT(ld, v, "%s is empty", what);
		return NULL;
	}
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F) {
			REPORT(ld, v, "%s has a control character", what);
			return NULL;
		}
	return xstrdup(s);
}

/* Whether s may name a tag or a language in a bank. */
static bool name_ok(const char *s)
{
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == 0x7F)
			return false;
	return s[0] && strlen(s) <= BANK_NAME_MAX;
}

/* A tag or language: text without spaces, as the bank loader requires
 * of names (an import must never write a bank that it refuses). */
static char *name_of(struct loader *ld, const cJSON *v, const char *what)
{
	char *s = text_of(ld, v, what);
	if (s && !name_ok(s)) {
		REPORT(ld, v,
			"%s must be a name: no spaces or control characters, "
			"at most %d bytes",
			what, BANK_NAME_MAX);
		free(s);
		return NULL;
	}
	return s;
}

/* Strings, or with names set tags (name_of). */
static void list_of(struct loader *ld, const cJSON *v, const char *what,
	bool names, struct rules_list *out)
{
	if (!cJSON_IsArray(v)) {
		REPORT(ld, v, "\"%s\" must be an array of strings", what);
		return;
	}
	size_t cap = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		char *s = names ? name_of(ld, e, what) : text_of(ld, e, what);
		if (!s)
			continue;
		xgrow((void **)&out->v, &cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = s;
	}
}

static void check_keys(struct loader *ld, const cJSON *obj,
	const char *const *known, const char *what)
{
	const cJSON *m;
	cJSON_ArrayForEach(m, obj)
	{
		for (const cJSON *p = obj->child; p != m; p = p->next)
			if (strcmp(p->string, m->string) == 0) {
				REPORT(ld, m, "duplicate key \"%s\" in %s",
					m->string, what);
				break;
			}
		bool found = false;
		for (size_t i = 0; known[i]; i++)
			found = found || strcmp(known[i], m->string) == 0;
		if (!found)
			report_at(ld, false, node_offset(ld, m),
				"unknown key \"%s\" in %s (ignored)", m->string,
				what);
	}
}

/* {"heading": "book", ...} */
static void names_of(struct loader *ld, const cJSON *v, const char *what,
	struct rules_name **out, size_t *n)
{
	if (!cJSON_IsObject(v)) {
		REPORT(ld, v, "\"%s\" must be an object of text: book id",
			what);
		return;
	}
	size_t cap = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		char *book = text_of(ld, e, "a book id");
		if (!book)
			continue;
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (struct rules_name){xstrdup(e->string), book};
	}
}

/* [{"match", "chapter", "title"}, ...] */
static void chapters_of(struct loader *ld, const cJSON *v, const char *what,
	struct rules_chapter **out, size_t *n)
{
	static const char *const keys[] = {"match", "chapter", "title", NULL};
	if (!cJSON_IsArray(v)) {
		REPORT(ld, v, "\"%s\" must be an array of objects", what);
		return;
	}
	size_t cap = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		if (!cJSON_IsObject(e)) {
			REPORT(ld, e,
				"each of \"%s\" must be an object "
				"{\"match\", \"chapter\", \"title\"}",
				what);
			continue;
		}
		check_keys(ld, e, keys, what);
		struct rules_chapter c = {0};
		for (size_t k = 0; k < 3; k++) {
			const cJSON *f =
				cJSON_GetObjectItemCaseSensitive(e, keys[k]);
			char **dst = k == 0 ? &c.match
				: k == 1    ? &c.chapter
					    : &c.title;
			if (!f)
				REPORT(ld, e, "missing required \"%s\"",
					keys[k]);
			else
				*dst = text_of(ld, f, keys[k]);
		}
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = c;
	}
}

/* [{"prefix", "numbered", "lang"}, ...] */
static void prefixes_of(
	struct loader *ld, const cJSON *v, struct rules_prefix **out, size_t *n)
{
	static const char *const keys[] = {"prefix", "numbered", "lang", NULL};
	if (!cJSON_IsArray(v)) {
		REPORT(ld, v,
			"\"question_prefixes\" must be an array of objects");
		return;
	}
	size_t cap = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		if (!cJSON_IsObject(e)) {
			REPORT(ld, e,
				"a question prefix must be an object "
				"{\"prefix\", \"numbered\", \"lang\"}");
			continue;
		}
		check_keys(ld, e, keys, "a question prefix");
		struct rules_prefix p = {0};
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(e, "prefix");
		if (!f)
			REPORT(ld, e, "missing required \"prefix\"");
		else
			p.prefix = text_of(ld, f, "prefix");
		f = cJSON_GetObjectItemCaseSensitive(e, "numbered");
		if (f && !cJSON_IsBool(f))
			REPORT(ld, f, "\"numbered\" must be true or false");
		p.numbered = cJSON_IsTrue(f);
		f = cJSON_GetObjectItemCaseSensitive(e, "lang");
		if (f)
			p.lang = name_of(ld, f, "lang");
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = p;
	}
}

/* {"name": ["word", ...], ...}: with tag_keys, tag: trigger words (each
 * key a tag); without, chapter prefix: tags. */
static void tags_of(struct loader *ld, const cJSON *v, const char *what,
	bool tag_keys, struct rules_tag **out, size_t *n)
{
	if (!cJSON_IsObject(v)) {
		REPORT(ld, v, "\"%s\" must be an object of name: [strings]",
			what);
		return;
	}
	size_t cap = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		if (tag_keys && !name_ok(e->string)) {
			REPORT(ld, e,
				"a tag must be a name: no spaces or control "
				"characters, at most %d bytes",
				BANK_NAME_MAX);
			continue;
		}
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		struct rules_tag *t = &(*out)[(*n)++];
		memset(t, 0, sizeof *t);
		t->name = xstrdup(e->string);
		list_of(ld, e, tag_keys ? e->string : "a tag", !tag_keys,
			&t->words);
	}
}

/* Comparison form of a question: ASCII lower case, runs of anything but
 * letters and digits as one space, without the bytes mojibake loses. */
char *rules_question_key(const char *chapter, const char *question)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, chapter);
	buf_addc(&b, '|');
	bool space = false;
	for (const char *p = question; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80 || isalnum(c)) {
			if (space && b.data[b.len - 1] != '|')
				buf_addc(&b, ' ');
			space = false;
			buf_addc(&b, (char)tolower(c));
		} else {
			space = true;
		}
	}
	char *k = mojibake_key(b.data, b.len);
	buf_free(&b);
	return k;
}

/* {"chapter": {"id": "question as imported", ...}, ...} */
static void ids_of(struct loader *ld, const cJSON *v, struct import_rules *r)
{
	if (!cJSON_IsObject(v)) {
		REPORT(ld, v,
			"\"ids\" must be an object of chapter: {id: "
			"question}");
		return;
	}
	size_t cap = 0;
	const cJSON *ch;
	cJSON_ArrayForEach(ch, v)
	{
		if (!cJSON_IsObject(ch)) {
			REPORT(ld, ch,
				"the ids of a chapter must be an object of "
				"id: question");
			continue;
		}
		const cJSON *e;
		cJSON_ArrayForEach(e, ch)
		{
			size_t cl = strlen(ch->string);
			if (!name_ok(e->string) ||
				strncmp(e->string, ch->string, cl) != 0 ||
				e->string[cl] != '-') {
				REPORT(ld, e,
					"an id must be a name that starts "
					"with its chapter and '-'");
				continue;
			}
			for (size_t i = 0; i < r->n_ids; i++)
				if (strcmp(r->ids[i].id, e->string) == 0)
					REPORT(ld, e, "id %s given twice",
						e->string);
			char *q = text_of(ld, e, "a question");
			if (!q)
				continue;
			xgrow((void **)&r->ids, &cap, r->n_ids + 1,
				sizeof *r->ids);
			r->ids[r->n_ids++] = (struct rules_id){
				xstrdup(ch->string), xstrdup(e->string), q,
				rules_question_key(ch->string, q)};
		}
	}
}

/* --- the file ---------------------------------------------------------- */

static const char *const root_keys[] = {"book_headings", "book_names",
	"chapter_abbreviation", "numbered_chapters", "section_chapters",
	"numbered_question_chapters", "residue_headings", "residue_lines",
	"summary_headings", "question_prefixes", "answer_markers",
	"answer_sections", "sheet_headings", "overview_chapters",
	"takeaway_chapters", "takeaway_marker", "key_section_flags",
	"topic_headings", "overview_skip", "tags", "chapter_tags",
	"keyword_stoplist", "ids", NULL};

static void parse_root(
	struct loader *ld, const cJSON *root, struct import_rules *r)
{
	check_keys(ld, root, root_keys, "rules");
	const cJSON *v;
	cJSON_ArrayForEach(v, root)
	{
		const char *k = v->string;
		struct rules_list *list = NULL;
		if (strcmp(k, "book_headings") == 0)
			names_of(ld, v, k, &r->book_headings,
				&r->n_book_headings);
		else if (strcmp(k, "book_names") == 0)
			names_of(ld, v, k, &r->book_names, &r->n_book_names);
		else if (strcmp(k, "chapter_abbreviation") == 0)
			r->chapter_abbreviation = text_of(ld, v, k);
		else if (strcmp(k, "takeaway_marker") == 0)
			r->takeaway_marker = text_of(ld, v, k);
		else if (strcmp(k, "numbered_chapters") == 0)
			chapters_of(ld, v, k, &r->numbered_chapters,
				&r->n_numbered_chapters);
		else if (strcmp(k, "section_chapters") == 0)
			chapters_of(ld, v, k, &r->section_chapters,
				&r->n_section_chapters);
		else if (strcmp(k, "question_prefixes") == 0)
			prefixes_of(ld, v, &r->question_prefixes,
				&r->n_question_prefixes);
		else if (strcmp(k, "tags") == 0)
			tags_of(ld, v, k, true, &r->tags, &r->n_tags);
		else if (strcmp(k, "chapter_tags") == 0)
			tags_of(ld, v, k, false, &r->chapter_tags,
				&r->n_chapter_tags);
		else if (strcmp(k, "numbered_question_chapters") == 0)
			list = &r->numbered_question_chapters;
		else if (strcmp(k, "residue_headings") == 0)
			list = &r->residue_headings;
		else if (strcmp(k, "residue_lines") == 0)
			list = &r->residue_lines;
		else if (strcmp(k, "summary_headings") == 0)
			list = &r->summary_headings;
		else if (strcmp(k, "answer_markers") == 0)
			list = &r->answer_markers;
		else if (strcmp(k, "answer_sections") == 0)
			list = &r->answer_sections;
		else if (strcmp(k, "sheet_headings") == 0)
			list = &r->sheet_headings;
		else if (strcmp(k, "overview_chapters") == 0)
			list = &r->overview_chapters;
		else if (strcmp(k, "takeaway_chapters") == 0)
			list = &r->takeaway_chapters;
		else if (strcmp(k, "key_section_flags") == 0)
			list = &r->key_section_flags;
		else if (strcmp(k, "topic_headings") == 0)
			list = &r->topic_headings;
		else if (strcmp(k, "overview_skip") == 0)
			list = &r->overview_skip;
		else if (strcmp(k, "keyword_stoplist") == 0)
			list = &r->keyword_stoplist;
		else if (strcmp(k, "ids") == 0 && !r->ids)
			ids_of(ld, v, r);
		if (list && !list->v)
			list_of(ld, v, k, false, list);
	}
}

void rules_init(struct import_rules *r)
{
	memset(r, 0, sizeof *r);
}

static void list_free(struct rules_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void chapters_free(struct rules_chapter *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].match);
		free(c[i].chapter);
		free(c[i].title);
	}
	free(c);
}

static void names_free(struct rules_name *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].text);
		free(v[i].book);
	}
	free(v);
}

static void tags_free(struct rules_tag *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].name);
		list_free(&t[i].words);
	}
	free(t);
}

void rules_free(struct import_rules *r)
{
	names_free(r->book_headings, r->n_book_headings);
	names_free(r->book_names, r->n_book_names);
	free(r->chapter_abbreviation);
	chapters_free(r->numbered_chapters, r->n_numbered_chapters);
	chapters_free(r->section_chapters, r->n_section_chapters);
	for (size_t i = 0; i < r->n_question_prefixes; i++) {
		free(r->question_prefixes[i].prefix);
		free(r->question_prefixes[i].lang);
	}
	free(r->question_prefixes);
	free(r->takeaway_marker);
	tags_free(r->tags, r->n_tags);
	tags_free(r->chapter_tags, r->n_chapter_tags);
	for (size_t i = 0; i < r->n_ids; i++) {
		free(r->ids[i].chapter);
		free(r->ids[i].id);
		free(r->ids[i].question);
		free(r->ids[i].key);
	}
	free(r->ids);
	struct rules_list *lists[] = {&r->numbered_question_chapters,
		&r->residue_headings, &r->residue_lines, &r->summary_headings,
		&r->answer_markers, &r->answer_sections, &r->sheet_headings,
		&r->overview_chapters, &r->takeaway_chapters,
		&r->key_section_flags, &r->topic_headings, &r->overview_skip,
		&r->keyword_stoplist};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
		list_free(lists[i]);
	rules_init(r);
}

bool rules_load(
	struct import_rules *r, const char *name, const char *text, size_t len)
{
	struct loader ld = {0};
	char *copy = xstrndup(text, len); /* cJSON wants a NUL */
	ld.name = name;
	jsonpos_init(&ld.pos, copy, len);
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
	if (!root) {
		size_t off = end && end >= copy ? (size_t)(end - copy) : 0;
		report_at(&ld, true, off > len ? len : off, "invalid JSON%s",
			off >= len ? " (unexpected end)" : "");
	} else {
		ld.root = root;
		if (cJSON_IsObject(root))
			parse_root(&ld, root, r);
		else
			REPORT(&ld, root, "rules must be an object");
	}
	cJSON_Delete(root);
	jsonpos_free(&ld.pos);
	free(copy);
	if (ld.errors)
		rules_free(r);
	return ld.errors == 0;
}

bool rules_load_builtin(struct import_rules *r)
{
	const struct builtin_file *f = &builtin_rules[0];
	return rules_load(r, f->name, f->data, f->len);
}

bool rules_match_any(const struct rules_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++) {
		size_t nl = strlen(l->v[i]);
		for (const char *p = s; *p; p++)
			if (strncasecmp(p, l->v[i], nl) == 0)
				return true;
	}
	return false;
}

bool rules_has(const struct rules_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->v[i], s) == 0)
			return true;
	return false;
}
