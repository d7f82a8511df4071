/* loader: reading one text in the bank format for bank.c and curation.c:
 * diagnostics at file:line:col, checked strings and keys, and the fields a
 * question and a curation entry share. */
#include "loader.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tunables.h"
#include "util.h"

/* --- diagnostics ----------------------------------------------------- */

static void print_diag(void *ctx, enum bank_severity sev, const char *file,
	long line, long col, const char *msg)
{
	(void)ctx;
	quiz_warn("%s:%ld:%ld: %s: %s", file, line, col,
		sev == BANK_ERROR ? "error" : "warning", msg);
}

static void diag_emit(struct bank_diag *diag, enum bank_severity sev,
	const char *file, long line, long col, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

static void diag_emit(struct bank_diag *diag, enum bank_severity sev,
	const char *file, long line, long col, const char *fmt, va_list ap)
{
	char raw[512];
	vsnprintf(raw, sizeof raw, fmt, ap);
	if (sev == BANK_ERROR)
		diag->n_errors++;
	else
		diag->n_warnings++;
	/* Keys, values and file names come from the bank's author: every
	 * reporter gets them made visible. */
	struct buf msg;
	struct buf name;
	buf_init(&msg);
	buf_init(&name);
	buf_add_visible(&msg, raw, strlen(raw), false);
	buf_add_visible(&name, file, strlen(file), false);
	if (diag->report)
		diag->report(diag->ctx, sev, name.data, line, col, msg.data);
	else
		print_diag(NULL, sev, name.data, line, col, msg.data);
	buf_free(&msg);
	buf_free(&name);
}

void loader_report_at(struct loader *ld, enum bank_severity sev, size_t off,
	const char *fmt, ...)
{
	long line;
	long col;
	jsonpos_line_col(&ld->pos, off, &line, &col);
	if (sev == BANK_ERROR)
		ld->errors++;
	else if (!ld->diag->lint)
		return;
	va_list ap;
	va_start(ap, fmt);
	diag_emit(ld->diag, sev, ld->name, line, col, fmt, ap);
	va_end(ap);
}

static size_t node_offset(struct loader *ld, const cJSON *node)
{
	return jsonpos_offset(&ld->pos, ld->root, node);
}

void loader_line_col(
	struct loader *ld, const cJSON *node, long *line, long *col)
{
	jsonpos_line_col(&ld->pos, node_offset(ld, node), line, col);
}

void loader_report(struct loader *ld, enum bank_severity sev, const cJSON *node,
	const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	loader_report_at(ld, sev, node_offset(ld, node), "%s", msg);
}

void bank_report(struct bank_diag *diag, enum bank_severity sev,
	const struct quiz_question *q, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_emit(diag, sev, q->bank_file ? q->bank_file : "-", q->bank_line,
		q->bank_col, fmt, ap);
	va_end(ap);
}

/* --- opening ------------------------------------------------------- */

/* Offset of the first control byte that JSON does not allow anywhere (all
 * but tab, newline and carriage return), or len. cJSON takes them as
 * white space, and a NUL as the end of the text; the offset scanner
 * (jsonpos) and the reader do not. Eight bytes at a time: a bank is mostly
 * printable text. */
static size_t raw_control_at(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101u;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		/* Is any byte below 0x20? */
		if (((w - ones * 0x20) & ~w & ones * 0x80) == 0)
			continue;
		for (size_t k = i; k < i + 8; k++) {
			unsigned char c = (unsigned char)s[k];
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return k;
		}
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return i;
	}
	return len;
}

/* Reports every \u0000 escape: cJSON ends the string there, silently
 * dropping the rest of it. The text parsed, so every backslash starts an
 * escape inside a string. */
static void report_nul_escapes(struct loader *ld)
{
	const char *s = ld->text;
	const char *end = s + ld->len;
	const char *p = s;
	/* Escapes come in runs of backslashes: the first of a pair escapes
	 * the second, so stepping two at a time finds the real ones. */
	while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		if (end - p >= 6 && memcmp(p + 1, "u0000", 5) == 0)
			loader_report_at(ld, BANK_ERROR, (size_t)(p - s),
				"a string has a NUL character (\\u0000), which "
				"would cut it short");
		p += 2;
		if (p >= end)
			break;
	}
}

_Static_assert(BANK_DEPTH_MAX == CJSON_NESTING_LIMIT,
	"BANK_DEPTH_MAX documents cJSON's nesting limit");

/* The nesting depth at offset off of text that cJSON refused there: deeper
 * than BANK_DEPTH_MAX is why it refused. */
static long depth_at(const char *s, size_t off)
{
	long depth = 0;
	bool in_string = false;
	for (size_t i = 0; i < off; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '[' || c == '{') {
			depth++;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return depth;
}

bool loader_open(struct loader *ld, const char *name, const char *text,
	size_t len, struct bank_diag *diag)
{
	memset(ld, 0, sizeof *ld);
	/* cJSON wants a NUL inside the length it is given. */
	char *copy = xstrndup(text, len);
	ld->name = name;
	ld->text = copy;
	ld->len = len;
	ld->diag = diag;
	jsonpos_init(&ld->pos, copy, len);
	size_t ctl = raw_control_at(copy, len);
	if (ctl < len) {
		loader_report_at(ld, BANK_ERROR, ctl,
			"invalid JSON: a raw control character (0x%02x); in a "
			"string, write it as \\u%04x",
			(unsigned char)copy[ctl], (unsigned char)copy[ctl]);
		jsonpos_free(&ld->pos);
		free(copy);
		return false;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
	if (!root) {
		size_t off = end && end >= copy ? (size_t)(end - copy) : 0;
		if (off > len)
			off = len;
		if (depth_at(copy, off) >= BANK_DEPTH_MAX)
			loader_report_at(ld, BANK_ERROR, off,
				"invalid JSON: nested deeper than %d levels, "
				"the limit",
				BANK_DEPTH_MAX);
		else
			loader_report_at(ld, BANK_ERROR, off, "invalid JSON%s",
				off >= len ? " (unexpected end)" : "");
		jsonpos_free(&ld->pos);
		free(copy);
		return false;
	}
	ld->root = root;
	report_nul_escapes(ld);
	return true;
}

void loader_close(struct loader *ld)
{
	jsonpos_free(&ld->pos);
	cJSON_Delete((cJSON *)ld->root);
	free((char *)ld->text);
}

/* --- string checks --------------------------------------------------- */

/* Offset of the first invalid UTF-8 sequence, or len when valid. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode((const char *)s + i, len - i, &cp);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

/* Checks a string value; reports and returns false when it breaks rule. */
bool loader_check_text(struct loader *ld, const cJSON *node, const char *what,
	enum text_rule rule, bool allow_empty)
{
	const char *s = node->valuestring;
	size_t len = strlen(s);
	if (!allow_empty && len == 0) {
		loader_report(ld, BANK_ERROR, node, "%s is empty", what);
		return false;
	}
	size_t max = rule == TEXT_BLOCK ? BANK_TEXT_MAX : BANK_NAME_MAX;
	if (rule == TEXT_LINE)
		max = BANK_TEXT_MAX;
	if (len > max) {
		loader_report(ld, BANK_ERROR, node,
			"%s is too long (%zu bytes, at most %zu)", what, len,
			max);
		return false;
	}
	/* One pass finds whether anything but printable ASCII is there;
	 * only then are the slower checks needed. */
	bool plain = true;
	for (size_t i = 0; i < len && plain; i++) {
		unsigned char c = (unsigned char)s[i];
		plain = c >= 0x20 && c < 0x7F &&
			(c != ' ' || rule != TEXT_NAME);
	}
	if (plain)
		return true;
	size_t bad = utf8_invalid_at((const unsigned char *)s, len);
	if (bad < len) {
		loader_report(ld, BANK_ERROR, node,
			"%s has invalid UTF-8 at byte %zu", what, bad);
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		/* C1 controls too (U+0080..U+009F, valid UTF-8 by now):
		 * some terminals take U+009B as the start of a sequence. */
		bool ctl = c < 0x20 || c == 0x7F ||
			(c == 0xC2 && i + 1 < len &&
				(unsigned char)s[i + 1] < 0xA0);
		if (rule == TEXT_BLOCK && (c == '\n' || c == '\t'))
			ctl = false;
		if (ctl || (rule == TEXT_NAME && c == ' ')) {
			loader_report(ld, BANK_ERROR, node,
				"%s has a %s at byte %zu", what,
				ctl ? "control character" : "space", i);
			return false;
		}
	}
	return true;
}

/* --- object walking -------------------------------------------------- */

struct key_at {
	const cJSON *m;
	size_t at; /* place in the object */
};

static int cmp_key_at(const void *a, const void *b)
{
	const struct key_at *x = a;
	const struct key_at *y = b;
	int c = strcmp(x->m->string, y->m->string);
	if (c)
		return c;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Reports duplicate and (when linting) unknown keys of an object. The
 * keys are sorted to find duplicates: comparing each with those before it
 * took minutes on an object of 100,000 keys. */
void loader_check_keys(struct loader *ld, const cJSON *obj,
	const char *const *known, const char *what)
{
	size_t n = 0;
	const cJSON *m;
	cJSON_ArrayForEach(m, obj)
	{
		n++;
	}
	struct key_at *keys = xcalloc(n + 1, sizeof *keys);
	n = 0;
	cJSON_ArrayForEach(m, obj)
	{
		keys[n] = (struct key_at){m, n};
		n++;
	}
	qsort(keys, n, sizeof *keys, cmp_key_at);
	for (size_t i = 1; i < n; i++)
		if (strcmp(keys[i].m->string, keys[i - 1].m->string) == 0)
			loader_report(ld, BANK_ERROR, keys[i].m,
				"duplicate key \"%s\" in %s", keys[i].m->string,
				what);
	free(keys);
	cJSON_ArrayForEach(m, obj)
	{
		bool found = false;
		for (size_t i = 0; known[i]; i++)
			found = found || strcmp(known[i], m->string) == 0;
		if (!found)
			loader_report(ld, BANK_WARNING, m,
				"unknown key \"%s\" in %s (ignored)", m->string,
				what);
	}
}

const cJSON *loader_member(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* A string member: NULL and no report when absent and optional. */
const char *loader_text(struct loader *ld, const cJSON *obj, const char *key,
	bool required, enum text_rule rule, bool allow_empty, bool *ok)
{
	const cJSON *v = loader_member(obj, key);
	if (!v) {
		if (required) {
			loader_report(ld, BANK_ERROR, obj,
				"missing required \"%s\"", key);
			*ok = false;
		}
		return NULL;
	}
	if (!cJSON_IsString(v)) {
		loader_report(
			ld, BANK_ERROR, v, "\"%s\" must be a string", key);
		*ok = false;
		return NULL;
	}
	if (!loader_check_text(ld, v, key, rule, allow_empty)) {
		*ok = false;
		return NULL;
	}
	return v->valuestring;
}

/* Copies a string array member into *out; reports problems. */
void loader_strings(struct loader *ld, const cJSON *arr, const char *what,
	enum text_rule rule, char ***out, size_t *n, bool *ok)
{
	*out = NULL;
	*n = 0;
	if (!arr)
		return;
	if (!cJSON_IsArray(arr)) {
		loader_report(ld, BANK_ERROR, arr,
			"\"%s\" must be an array of "
			"strings",
			what);
		*ok = false;
		return;
	}
	size_t cap = 0;
	const cJSON *v;
	cJSON_ArrayForEach(v, arr)
	{
		if (!cJSON_IsString(v)) {
			loader_report(ld, BANK_ERROR, v,
				"each of \"%s\" must be a string", what);
			*ok = false;
			continue;
		}
		if (!loader_check_text(ld, v, what, rule, false)) {
			*ok = false;
			continue;
		}
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = xstrdup(v->valuestring);
	}
}

void loader_free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static const char *const keyword_keys[] = {
	"term", "weight", "aliases", "required", NULL};

static bool parse_keyword(struct loader *ld, const cJSON *v, void *item)
{
	struct quiz_keyword *kw = item;
	bool ok = true;
	memset(kw, 0, sizeof *kw);
	kw->weight = KEYWORD_WEIGHT_DEFAULT;
	if (cJSON_IsString(v)) {
		if (!loader_check_text(ld, v, "keyword", TEXT_LINE, false))
			return false;
		kw->term = xstrdup(v->valuestring);
		return true;
	}
	if (!cJSON_IsObject(v)) {
		loader_report(ld, BANK_ERROR, v,
			"a keyword must be a string or an object");
		return false;
	}
	loader_check_keys(ld, v, keyword_keys, "keyword");
	const char *term =
		loader_text(ld, v, "term", true, TEXT_LINE, false, &ok);
	const cJSON *w = loader_member(v, "weight");
	if (w &&
		(!cJSON_IsNumber(w) || !(w->valuedouble > 0) ||
			!isfinite(w->valuedouble) || w->valuedouble > 100)) {
		loader_report(ld, BANK_ERROR, w,
			"\"weight\" must be a number in (0, 100]");
		ok = false;
	} else if (w) {
		kw->weight = w->valuedouble;
	}
	const cJSON *r = loader_member(v, "required");
	if (r && !cJSON_IsBool(r)) {
		loader_report(ld, BANK_ERROR, r,
			"\"required\" must be true or "
			"false");
		ok = false;
	} else if (r) {
		kw->required = cJSON_IsTrue(r);
	}
	loader_strings(ld, loader_member(v, "aliases"), "aliases", TEXT_LINE,
		&kw->aliases, &kw->n_aliases, &ok);
	if (!ok) {
		loader_free_strings(kw->aliases, kw->n_aliases);
		kw->aliases = NULL;
		kw->n_aliases = 0;
		return false;
	}
	kw->term = xstrdup(term);
	return true;
}

/* Parses one element of an array member into *item (an element of the
 * output array); false (reported, *item holding nothing) on a problem. */
typedef bool parse_item(struct loader *ld, const cJSON *v, void *item);

/* Copies an array member (arr may be NULL: nothing) whose elements parse
 * parses into *out, elements of size bytes; reports problems. */
static void get_array(struct loader *ld, const cJSON *arr, const char *what,
	parse_item *parse, size_t size, void **out, size_t *n, bool *ok)
{
	*out = NULL;
	*n = 0;
	if (!arr)
		return;
	if (!cJSON_IsArray(arr)) {
		loader_report(
			ld, BANK_ERROR, arr, "\"%s\" must be an array", what);
		*ok = false;
		return;
	}
	size_t cap = 0;
	const cJSON *v;
	cJSON_ArrayForEach(v, arr)
	{
		xgrow(out, &cap, *n + 1, size);
		if (parse(ld, v, (char *)*out + *n * size))
			(*n)++;
		else
			*ok = false;
	}
}

void loader_free_keywords(struct quiz_keyword *kws, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(kws[i].term);
		loader_free_strings(kws[i].aliases, kws[i].n_aliases);
	}
	free(kws);
}

static const char *const misconception_keys[] = {
	"claim", "aliases", "correction", NULL};

/* One misconception: a claim as a string, or an object {claim, aliases,
 * correction}; false (reported, m empty) on a problem. */
static bool parse_misconception(struct loader *ld, const cJSON *v, void *item)
{
	struct quiz_misconception *m = item;
	bool ok = true;
	memset(m, 0, sizeof *m);
	if (cJSON_IsString(v)) {
		if (!loader_check_text(
			    ld, v, "misconception", TEXT_LINE, false))
			return false;
		m->claim = xstrdup(v->valuestring);
		return true;
	}
	if (!cJSON_IsObject(v)) {
		loader_report(ld, BANK_ERROR, v,
			"a misconception must be a string or an object");
		return false;
	}
	loader_check_keys(ld, v, misconception_keys, "misconception");
	const char *claim =
		loader_text(ld, v, "claim", true, TEXT_LINE, false, &ok);
	const char *correction =
		loader_text(ld, v, "correction", false, TEXT_LINE, false, &ok);
	loader_strings(ld, loader_member(v, "aliases"), "aliases", TEXT_LINE,
		&m->aliases, &m->n_aliases, &ok);
	if (!ok) {
		loader_free_strings(m->aliases, m->n_aliases);
		memset(m, 0, sizeof *m);
		return false;
	}
	m->claim = xstrdup(claim);
	m->correction = correction ? xstrdup(correction) : NULL;
	return true;
}

void loader_free_misconceptions(struct quiz_misconception *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].claim);
		loader_free_strings(m[i].aliases, m[i].n_aliases);
		free(m[i].correction);
	}
	free(m);
}

/* --- the fields of a question ---------------------------------------- */

void loader_fields(struct loader *ld, const cJSON *obj, bool question,
	struct quiz_patch *p, bool *ok)
{
	const char *kind =
		loader_text(ld, obj, "kind", false, TEXT_NAME, false, ok);
	const char *lang =
		loader_text(ld, obj, "lang", false, TEXT_NAME, false, ok);
	const char *text = loader_text(
		ld, obj, "question", question, TEXT_BLOCK, false, ok);
	const char *answer =
		loader_text(ld, obj, "answer", false, TEXT_BLOCK, true, ok);
	const char *corrected =
		loader_text(ld, obj, "corrected", false, TEXT_BLOCK, false, ok);
	p->has_kind = kind != NULL;
	if (kind && !bank_kind_parse(kind, &p->kind)) {
		loader_report(ld, BANK_ERROR, loader_member(obj, "kind"),
			"unknown kind \"%s\"%s", kind,
			question
				? " (interview, summary, concept or behavioral)"
				: "");
		*ok = false;
	}
	const cJSON *tags = loader_member(obj, "tags");
	p->has_tags = tags != NULL;
	loader_strings(ld, tags, "tags", TEXT_NAME, &p->tags, &p->n_tags, ok);
	const cJSON *kws = loader_member(obj, "keywords");
	p->has_keywords = kws != NULL;
	get_array(ld, kws, "keywords", parse_keyword, sizeof *p->keywords,
		(void **)&p->keywords, &p->n_keywords, ok);
	const cJSON *mis = loader_member(obj, "misconceptions");
	p->has_misconceptions = mis != NULL;
	get_array(ld, mis, "misconceptions", parse_misconception,
		sizeof *p->misconceptions, (void **)&p->misconceptions,
		&p->n_misconceptions, ok);
	p->question = text ? xstrdup(text) : NULL;
	p->answer = answer ? xstrdup(answer) : NULL;
	p->corrected = corrected ? xstrdup(corrected) : NULL;
	p->lang = lang ? xstrdup(lang) : NULL;
}

void loader_patch_free(struct quiz_patch *p)
{
	free(p->id);
	free(p->question);
	free(p->answer);
	free(p->corrected);
	free(p->lang);
	loader_free_strings(p->tags, p->n_tags);
	loader_free_strings(p->add_tags, p->n_add_tags);
	loader_free_keywords(p->keywords, p->n_keywords);
	loader_free_misconceptions(p->misconceptions, p->n_misconceptions);
	memset(p, 0, sizeof *p);
}
