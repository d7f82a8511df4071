/* bank: parsing, validating and writing bank JSON. The only code that
 * handles cJSON trees of banks: the tree lives for one load and is freed,
 * what is kept is copied into struct quiz_bank. Positions of values for
 * file:line:col diagnostics come from jsonpos. */
#include "bank.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "builtin.h"
#include "json.h"
#include "jsonpos.h"
#include "tunables.h"
#include "util.h"

static const char *const kind_names[QUIZ_KIND_COUNT] = {
	[QUIZ_KIND_INTERVIEW] = "interview",
	[QUIZ_KIND_SUMMARY] = "summary",
	[QUIZ_KIND_CONCEPT] = "concept",
	[QUIZ_KIND_BEHAVIORAL] = "behavioral",
};

const char *bank_kind_name(enum quiz_kind kind)
{
	if ((unsigned)kind >= QUIZ_KIND_COUNT)
		return NULL;
	return kind_names[kind];
}

bool bank_kind_parse(const char *name, enum quiz_kind *out)
{
	for (unsigned i = 0; i < QUIZ_KIND_COUNT; i++) {
		if (strcmp(name, kind_names[i]) == 0) {
			*out = (enum quiz_kind)i;
			return true;
		}
	}
	return false;
}

/* --- diagnostics ----------------------------------------------------- */

struct loader {
	struct quiz_bank *bank;
	const char *name;
	const char *text;
	size_t len;
	const cJSON *root;
	struct jsonpos pos;
	struct bank_diag *diag;
	size_t errors;
};

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
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (sev == BANK_ERROR)
		diag->n_errors++;
	else
		diag->n_warnings++;
	if (diag->report)
		diag->report(diag->ctx, sev, file, line, col, msg);
	else
		print_diag(NULL, sev, file, line, col, msg);
}

static void report_at(struct loader *ld, enum bank_severity sev, size_t off,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report_at(struct loader *ld, enum bank_severity sev, size_t off,
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

static void report_node(struct loader *ld, enum bank_severity sev,
	const cJSON *node, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report_node(struct loader *ld, enum bank_severity sev,
	const cJSON *node, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report_at(ld, sev, node_offset(ld, node), "%s", msg);
}

/* --- string checks --------------------------------------------------- */

/* Offset of the first invalid UTF-8 sequence, or len when valid. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
			cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

enum text_rule {
	TEXT_NAME, /* ids, chapters, tags: no spaces or control chars */
	TEXT_LINE, /* titles, terms: no control chars */
	TEXT_BLOCK, /* question and answer: newlines and tabs allowed */
};

/* Checks a string value; reports and returns false when it breaks rule. */
static bool check_text(struct loader *ld, const cJSON *node, const char *what,
	enum text_rule rule, bool allow_empty)
{
	const char *s = node->valuestring;
	size_t len = strlen(s);
	if (!allow_empty && len == 0) {
		report_node(ld, BANK_ERROR, node, "%s is empty", what);
		return false;
	}
	size_t max = rule == TEXT_BLOCK ? BANK_TEXT_MAX : BANK_NAME_MAX;
	if (rule == TEXT_LINE)
		max = BANK_TEXT_MAX;
	if (len > max) {
		report_node(ld, BANK_ERROR, node,
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
		report_node(ld, BANK_ERROR, node,
			"%s has invalid UTF-8 at byte %zu", what, bad);
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ctl = c < 0x20 || c == 0x7F;
		if (rule == TEXT_BLOCK && (c == '\n' || c == '\t'))
			ctl = false;
		if (ctl || (rule == TEXT_NAME && c == ' ')) {
			report_node(ld, BANK_ERROR, node,
				"%s has a %s at byte %zu", what,
				ctl ? "control character" : "space", i);
			return false;
		}
	}
	return true;
}

/* --- object walking -------------------------------------------------- */

/* Reports duplicate and (when linting) unknown keys of an object. */
static void check_keys(struct loader *ld, const cJSON *obj,
	const char *const *known, const char *what)
{
	const cJSON *m;
	cJSON_ArrayForEach(m, obj)
	{
		for (const cJSON *p = obj->child; p != m; p = p->next) {
			if (strcmp(p->string, m->string) == 0) {
				report_node(ld, BANK_ERROR, m,
					"duplicate key \"%s\" in %s", m->string,
					what);
				break;
			}
		}
		bool found = false;
		for (size_t i = 0; known[i]; i++)
			found = found || strcmp(known[i], m->string) == 0;
		if (!found)
			report_node(ld, BANK_WARNING, m,
				"unknown key \"%s\" in %s (ignored)", m->string,
				what);
	}
}

static const cJSON *member(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* A string member: NULL and no report when absent and optional. */
static const char *get_text(struct loader *ld, const cJSON *obj,
	const char *key, bool required, enum text_rule rule, bool allow_empty,
	bool *ok)
{
	const cJSON *v = member(obj, key);
	if (!v) {
		if (required) {
			report_node(ld, BANK_ERROR, obj,
				"missing required \"%s\"", key);
			*ok = false;
		}
		return NULL;
	}
	if (!cJSON_IsString(v)) {
		report_node(ld, BANK_ERROR, v, "\"%s\" must be a string", key);
		*ok = false;
		return NULL;
	}
	if (!check_text(ld, v, key, rule, allow_empty)) {
		*ok = false;
		return NULL;
	}
	return v->valuestring;
}

/* Copies a string array member into *out; reports problems. */
static void get_strings(struct loader *ld, const cJSON *arr, const char *what,
	enum text_rule rule, char ***out, size_t *n, bool *ok)
{
	*out = NULL;
	*n = 0;
	if (!arr)
		return;
	if (!cJSON_IsArray(arr)) {
		report_node(ld, BANK_ERROR, arr,
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
			report_node(ld, BANK_ERROR, v,
				"each of \"%s\" must be a string", what);
			*ok = false;
			continue;
		}
		if (!check_text(ld, v, what, rule, false)) {
			*ok = false;
			continue;
		}
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = xstrdup(v->valuestring);
	}
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static const char *const keyword_keys[] = {
	"term", "weight", "aliases", "required", NULL};

static bool parse_keyword(
	struct loader *ld, const cJSON *v, struct quiz_keyword *kw)
{
	bool ok = true;
	memset(kw, 0, sizeof *kw);
	kw->weight = KEYWORD_WEIGHT_DEFAULT;
	if (cJSON_IsString(v)) {
		if (!check_text(ld, v, "keyword", TEXT_LINE, false))
			return false;
		kw->term = xstrdup(v->valuestring);
		return true;
	}
	if (!cJSON_IsObject(v)) {
		report_node(ld, BANK_ERROR, v,
			"a keyword must be a string or an object");
		return false;
	}
	check_keys(ld, v, keyword_keys, "keyword");
	const char *term = get_text(ld, v, "term", true, TEXT_LINE, false, &ok);
	const cJSON *w = member(v, "weight");
	if (w &&
		(!cJSON_IsNumber(w) || !(w->valuedouble > 0) ||
			!isfinite(w->valuedouble) || w->valuedouble > 100)) {
		report_node(ld, BANK_ERROR, w,
			"\"weight\" must be a number in (0, 100]");
		ok = false;
	} else if (w) {
		kw->weight = w->valuedouble;
	}
	const cJSON *r = member(v, "required");
	if (r && !cJSON_IsBool(r)) {
		report_node(ld, BANK_ERROR, r,
			"\"required\" must be true or "
			"false");
		ok = false;
	} else if (r) {
		kw->required = cJSON_IsTrue(r);
	}
	get_strings(ld, member(v, "aliases"), "aliases", TEXT_LINE,
		&kw->aliases, &kw->n_aliases, &ok);
	if (ok)
		kw->term = xstrdup(term);
	return ok;
}

/* Copies a keywords array member into *out; reports problems. */
static void get_keywords(struct loader *ld, const cJSON *kws,
	struct quiz_keyword **out, size_t *n, bool *ok)
{
	*out = NULL;
	*n = 0;
	if (!kws)
		return;
	if (!cJSON_IsArray(kws)) {
		report_node(
			ld, BANK_ERROR, kws, "\"keywords\" must be an array");
		*ok = false;
		return;
	}
	size_t cap = 0;
	const cJSON *k;
	cJSON_ArrayForEach(k, kws)
	{
		struct quiz_keyword kw;
		if (!parse_keyword(ld, k, &kw)) {
			*ok = false;
			continue;
		}
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = kw;
	}
}

static void free_keyword(struct quiz_keyword *kw)
{
	free(kw->term);
	free_strings(kw->aliases, kw->n_aliases);
}

static bool parse_source(
	struct loader *ld, const cJSON *v, struct quiz_source *src)
{
	static const char *const keys[] = {"file", "line", NULL};
	bool ok = true;
	if (!cJSON_IsObject(v)) {
		report_node(ld, BANK_ERROR, v,
			"\"source\" must be an object "
			"{\"file\", \"line\"} or an array of them");
		return false;
	}
	check_keys(ld, v, keys, "source");
	const char *file = get_text(ld, v, "file", true, TEXT_LINE, false, &ok);
	const cJSON *line = member(v, "line");
	long l = 0;
	if (line &&
		(!cJSON_IsNumber(line) || line->valuedouble < 1 ||
			line->valuedouble > 1e9 ||
			line->valuedouble != floor(line->valuedouble))) {
		report_node(ld, BANK_ERROR, line,
			"\"line\" must be a positive whole number");
		ok = false;
	} else if (line) {
		l = (long)line->valuedouble;
	}
	if (ok) {
		src->file = xstrdup(file);
		src->line = l;
	}
	return ok;
}

static void free_question(struct quiz_question *q)
{
	free(q->id);
	free(q->chapter);
	free(q->lang);
	free_strings(q->tags, q->n_tags);
	free(q->question);
	free(q->answer);
	for (size_t i = 0; i < q->n_keywords; i++)
		free_keyword(&q->keywords[i]);
	free(q->keywords);
	for (size_t i = 0; i < q->n_sources; i++)
		free(q->sources[i].file);
	free(q->sources);
}

static const char *const question_keys[] = {"id", "chapter", "kind", "lang",
	"tags", "question", "answer", "keywords", "source", NULL};

/* Parses one question object into *q; false (and q empty) on error. */
static bool parse_question(
	struct loader *ld, const cJSON *v, size_t off, struct quiz_question *q)
{
	bool ok = true;
	memset(q, 0, sizeof *q);
	if (!cJSON_IsObject(v)) {
		report_node(ld, BANK_ERROR, v, "a question must be an object");
		return false;
	}
	check_keys(ld, v, question_keys, "question");
	const char *id = get_text(ld, v, "id", true, TEXT_NAME, false, &ok);
	const char *chapter =
		get_text(ld, v, "chapter", false, TEXT_NAME, true, &ok);
	const char *kind =
		get_text(ld, v, "kind", false, TEXT_NAME, false, &ok);
	const char *lang =
		get_text(ld, v, "lang", false, TEXT_NAME, false, &ok);
	const char *question =
		get_text(ld, v, "question", true, TEXT_BLOCK, false, &ok);
	const char *answer =
		get_text(ld, v, "answer", false, TEXT_BLOCK, true, &ok);
	q->kind = QUIZ_KIND_INTERVIEW;
	if (kind && !bank_kind_parse(kind, &q->kind)) {
		report_node(ld, BANK_ERROR, member(v, "kind"),
			"unknown kind \"%s\" (interview, summary, concept or "
			"behavioral)",
			kind);
		ok = false;
	}
	get_strings(ld, member(v, "tags"), "tags", TEXT_NAME, &q->tags,
		&q->n_tags, &ok);

	get_keywords(
		ld, member(v, "keywords"), &q->keywords, &q->n_keywords, &ok);

	const cJSON *src = member(v, "source");
	if (src) {
		size_t cap = 0;
		const cJSON *one = cJSON_IsArray(src) ? src->child : src;
		for (; one; one = cJSON_IsArray(src) ? one->next : NULL) {
			struct quiz_source s;
			if (!parse_source(ld, one, &s)) {
				ok = false;
				continue;
			}
			xgrow((void **)&q->sources, &cap, q->n_sources + 1,
				sizeof *q->sources);
			q->sources[q->n_sources++] = s;
		}
	}

	if (!ok) {
		free_question(q);
		memset(q, 0, sizeof *q);
		return false;
	}
	q->id = xstrdup(id);
	q->chapter = xstrdup(chapter ? chapter : "");
	q->lang = xstrdup(lang ? lang : "en");
	q->question = xstrdup(question);
	q->answer = xstrdup(answer ? answer : "");
	jsonpos_line_col(&ld->pos, off, &q->bank_line, &q->bank_col);
	return true;
}

/* --- loading --------------------------------------------------------- */

void bank_init(struct quiz_bank *bank)
{
	memset(bank, 0, sizeof *bank);
}

void bank_free(struct quiz_bank *bank)
{
	for (size_t i = 0; i < bank->n_questions; i++)
		free_question(&bank->questions[i]);
	free(bank->questions);
	for (size_t i = 0; i < bank->n_chapters; i++) {
		free(bank->chapters[i].id);
		free(bank->chapters[i].title);
	}
	free(bank->chapters);
	free_strings(bank->files, bank->n_files);
	bank_init(bank);
}

static const char *intern_file(struct quiz_bank *bank, const char *name)
{
	for (size_t i = 0; i < bank->n_files; i++)
		if (strcmp(bank->files[i], name) == 0)
			return bank->files[i];
	xgrow((void **)&bank->files, &bank->cap_files, bank->n_files + 1,
		sizeof *bank->files);
	bank->files[bank->n_files] = xstrdup(name);
	return bank->files[bank->n_files++];
}

void bank_add_chapter(struct quiz_bank *bank, const char *id, const char *title)
{
	for (size_t i = 0; i < bank->n_chapters; i++)
		if (strcmp(bank->chapters[i].id, id) == 0)
			return;
	xgrow((void **)&bank->chapters, &bank->cap_chapters,
		bank->n_chapters + 1, sizeof *bank->chapters);
	bank->chapters[bank->n_chapters].id = xstrdup(id);
	bank->chapters[bank->n_chapters].title = xstrdup(title ? title : "");
	bank->n_chapters++;
}

static void parse_chapters(struct loader *ld, const cJSON *arr,
	struct quiz_chapter **out, size_t *n)
{
	static const char *const keys[] = {"id", "title", NULL};
	size_t cap = 0;
	if (!arr)
		return;
	if (!cJSON_IsArray(arr)) {
		report_node(ld, BANK_ERROR, arr,
			"\"chapters\" must be an array "
			"of {\"id\", \"title\"}");
		return;
	}
	const cJSON *c;
	cJSON_ArrayForEach(c, arr)
	{
		bool ok = true;
		if (!cJSON_IsObject(c)) {
			report_node(ld, BANK_ERROR, c,
				"a chapter must be an object {\"id\", "
				"\"title\"}");
			continue;
		}
		check_keys(ld, c, keys, "chapter");
		const char *id =
			get_text(ld, c, "id", true, TEXT_NAME, false, &ok);
		const char *title =
			get_text(ld, c, "title", false, TEXT_LINE, true, &ok);
		if (!ok)
			continue;
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[*n].id = xstrdup(id);
		(*out)[*n].title = xstrdup(title ? title : "");
		(*n)++;
	}
}

/* Parses text for a loader; NULL (reported) when it is not JSON. */
static cJSON *loader_open(struct loader *ld, const char *name, const char *text,
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
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
	if (!root) {
		size_t off = end && end >= copy ? (size_t)(end - copy) : 0;
		report_at(ld, BANK_ERROR, off > len ? len : off,
			"invalid JSON%s",
			off >= len ? " (unexpected end)" : "");
		jsonpos_free(&ld->pos);
		free(copy);
		return NULL;
	}
	ld->root = root;
	return root;
}

static void loader_close(struct loader *ld)
{
	jsonpos_free(&ld->pos);
	cJSON_Delete((cJSON *)ld->root);
	free((char *)ld->text);
}

bool bank_load_text(struct quiz_bank *bank, const char *name, const char *text,
	size_t len, struct bank_diag *diag)
{
	struct bank_diag quiet = {0};
	struct loader ld;
	cJSON *root = loader_open(&ld, name, text, len, diag ? diag : &quiet);
	if (!root)
		return false;
	ld.bank = bank;
	size_t *q_offs = NULL;
	size_t n_q_offs = 0;
	jsonpos_member_elements(&ld.pos, "questions", &q_offs, &n_q_offs);

	static const char *const root_keys[] = {"questions", "chapters", NULL};
	struct quiz_question *qs = NULL;
	size_t n_qs = 0;
	size_t cap_qs = 0;
	struct quiz_chapter *chs = NULL;
	size_t n_chs = 0;
	const char *file = intern_file(bank, name);
	if (!cJSON_IsObject(root)) {
		report_node(&ld, BANK_ERROR, root,
			"a bank must be an object {\"questions\": [...]}");
	} else {
		check_keys(&ld, root, root_keys, "bank");
		const cJSON *arr = member(root, "questions");
		if (!arr) {
			report_node(&ld, BANK_ERROR, root,
				"missing required \"questions\"");
		} else if (!cJSON_IsArray(arr)) {
			report_node(&ld, BANK_ERROR, arr,
				"\"questions\" must be an array");
		} else {
			const cJSON *v;
			size_t k = 0;
			cJSON_ArrayForEach(v, arr)
			{
				struct quiz_question q;
				size_t off = k < n_q_offs ? q_offs[k] : 0;
				k++;
				if (!parse_question(&ld, v, off, &q))
					continue;
				q.bank_file = file;
				xgrow((void **)&qs, &cap_qs, n_qs + 1,
					sizeof *qs);
				qs[n_qs++] = q;
			}
		}
		parse_chapters(&ld, member(root, "chapters"), &chs, &n_chs);
	}

	bool ok = ld.errors == 0;
	for (size_t i = 0; i < n_qs; i++) {
		if (ok) {
			xgrow((void **)&bank->questions, &bank->cap_questions,
				bank->n_questions + 1, sizeof *bank->questions);
			bank->questions[bank->n_questions++] = qs[i];
		} else {
			free_question(&qs[i]);
		}
	}
	for (size_t i = 0; i < n_chs; i++) {
		if (ok)
			bank_add_chapter(bank, chs[i].id, chs[i].title);
		free(chs[i].id);
		free(chs[i].title);
	}
	free(chs);
	free(qs);
	free(q_offs);
	loader_close(&ld);
	return ok;
}

static bool load_file(
	struct quiz_bank *bank, const char *path, struct bank_diag *diag)
{
	struct buf b;
	buf_init(&b);
	bool ok = read_file(path, &b);
	if (ok && b.len > BANK_FILE_MAX) {
		quiz_warn("%s: bank file too large (%zu bytes)", path, b.len);
		ok = false;
	}
	if (!ok && diag)
		diag->n_errors++;
	if (ok)
		ok = bank_load_text(bank, path, b.data, b.len, diag);
	buf_free(&b);
	return ok;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_json_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".json") == 0 && name[0] != '.';
}

bool bank_load_path(
	struct quiz_bank *bank, const char *path, struct bank_diag *diag)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		quiz_warn("%s: %s", path, strerror(errno));
		if (diag)
			diag->n_errors++;
		return false;
	}
	if (!S_ISDIR(st.st_mode))
		return load_file(bank, path, diag);
	DIR *dir = opendir(path);
	if (!dir) {
		quiz_warn("%s: %s", path, strerror(errno));
		if (diag)
			diag->n_errors++;
		return false;
	}
	char **names = NULL;
	size_t n = 0;
	size_t cap = 0;
	const struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (!has_json_suffix(e->d_name))
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = xasprintf("%s/%s", path, e->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof *names, cmp_str);
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		ok = load_file(bank, names[i], diag) && ok;
	if (n == 0) {
		quiz_warn("%s: no *.json bank files in this directory", path);
		if (diag)
			diag->n_errors++;
		ok = false;
	}
	free_strings(names, n);
	return ok;
}

bool bank_load_builtin(struct quiz_bank *bank, struct bank_diag *diag)
{
	bool ok = true;
	for (size_t i = 0; i < builtin_count; i++)
		ok = bank_load_text(bank, builtin_files[i].name,
			     builtin_files[i].data, builtin_files[i].len,
			     diag) &&
			ok;
	return ok;
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

struct id_slot {
	const char *id;
	size_t index;
};

static int cmp_slot(const void *a, const void *b)
{
	const struct id_slot *x = a;
	const struct id_slot *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return (x->index > y->index) - (x->index < y->index);
}

bool bank_validate(const struct quiz_bank *bank, struct bank_diag *diag)
{
	struct bank_diag quiet = {0};
	if (!diag)
		diag = &quiet;
	size_t before = diag->n_errors;
	size_t n = bank->n_questions;
	struct id_slot *slots = xcalloc(n, sizeof *slots);
	for (size_t i = 0; i < n; i++)
		slots[i] = (struct id_slot){bank->questions[i].id, i};
	qsort(slots, n, sizeof *slots, cmp_slot);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(slots[i].id, slots[i - 1].id) != 0)
			continue;
		const struct quiz_question *first =
			&bank->questions[slots[i - 1].index];
		bank_report(diag, BANK_ERROR, &bank->questions[slots[i].index],
			"duplicate id \"%s\" (first at %s:%ld:%ld)",
			slots[i].id, first->bank_file, first->bank_line,
			first->bank_col);
	}
	free(slots);
	if (diag->lint) {
		for (size_t i = 0; i < n; i++) {
			const struct quiz_question *q = &bank->questions[i];
			if (q->answer[0] == '\0' &&
				q->kind != QUIZ_KIND_BEHAVIORAL)
				bank_report(diag, BANK_WARNING, q,
					"question \"%s\" "
					"has no model answer and is not "
					"behavioral",
					q->id);
		}
	}
	return diag->n_errors == before;
}

const struct quiz_question *bank_find(
	const struct quiz_bank *bank, const char *id)
{
	for (size_t i = 0; i < bank->n_questions; i++)
		if (strcmp(bank->questions[i].id, id) == 0)
			return &bank->questions[i];
	return NULL;
}

const char *bank_chapter_title(const struct quiz_bank *bank, const char *id)
{
	for (size_t i = 0; i < bank->n_chapters; i++)
		if (strcmp(bank->chapters[i].id, id) == 0)
			return bank->chapters[i].title;
	return "";
}

/* --- curation -------------------------------------------------------- */

void bank_curation_init(struct quiz_curation *c)
{
	memset(c, 0, sizeof *c);
}

void bank_curation_free(struct quiz_curation *c)
{
	for (size_t i = 0; i < c->n_chapters; i++) {
		free(c->chapters[i].id);
		free(c->chapters[i].title);
	}
	free(c->chapters);
	for (size_t i = 0; i < c->n_patches; i++) {
		struct quiz_patch *p = &c->patches[i];
		free(p->id);
		free(p->question);
		free(p->answer);
		free(p->lang);
		free_strings(p->tags, p->n_tags);
		free_strings(p->add_tags, p->n_add_tags);
		for (size_t k = 0; k < p->n_keywords; k++)
			free_keyword(&p->keywords[k]);
		free(p->keywords);
	}
	free(c->patches);
	bank_curation_init(c);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static bool parse_patch(struct loader *ld, const cJSON *v, struct quiz_patch *p)
{
	static const char *const keys[] = {"question", "answer", "lang", "kind",
		"tags", "add_tags", "keywords", NULL};
	bool ok = true;
	memset(p, 0, sizeof *p);
	if (!cJSON_IsObject(v)) {
		report_node(ld, BANK_ERROR, v,
			"a curation entry must be an "
			"object");
		return false;
	}
	check_keys(ld, v, keys, "curation entry");
	const char *question =
		get_text(ld, v, "question", false, TEXT_BLOCK, false, &ok);
	const char *answer =
		get_text(ld, v, "answer", false, TEXT_BLOCK, true, &ok);
	const char *lang =
		get_text(ld, v, "lang", false, TEXT_NAME, false, &ok);
	const char *kind =
		get_text(ld, v, "kind", false, TEXT_NAME, false, &ok);
	if (kind && !bank_kind_parse(kind, &p->kind)) {
		report_node(ld, BANK_ERROR, member(v, "kind"),
			"unknown kind \"%s\"", kind);
		ok = false;
	}
	p->has_kind = kind != NULL;
	p->has_tags = member(v, "tags") != NULL;
	get_strings(ld, member(v, "tags"), "tags", TEXT_NAME, &p->tags,
		&p->n_tags, &ok);
	get_strings(ld, member(v, "add_tags"), "add_tags", TEXT_NAME,
		&p->add_tags, &p->n_add_tags, &ok);
	p->has_keywords = member(v, "keywords") != NULL;
	get_keywords(
		ld, member(v, "keywords"), &p->keywords, &p->n_keywords, &ok);
	p->id = xstrdup(v->string);
	p->question = dup_or_null(question);
	p->answer = dup_or_null(answer);
	p->lang = dup_or_null(lang);
	return ok;
}

bool bank_load_curation(struct quiz_curation *c, const char *name,
	const char *text, size_t len, struct bank_diag *diag)
{
	static const char *const root_keys[] = {"chapters", "questions", NULL};
	struct bank_diag quiet = {0};
	struct loader ld;
	cJSON *root = loader_open(&ld, name, text, len, diag ? diag : &quiet);
	if (!root)
		return false;
	if (!cJSON_IsObject(root)) {
		report_node(&ld, BANK_ERROR, root,
			"curation must be an object "
			"{\"chapters\": {...}, \"questions\": {...}}");
	} else {
		check_keys(&ld, root, root_keys, "curation");
		const cJSON *chs = member(root, "chapters");
		const cJSON *ch;
		if (chs && !cJSON_IsObject(chs))
			report_node(&ld, BANK_ERROR, chs,
				"\"chapters\" must be "
				"an object of id: title");
		size_t cap = 0;
		const cJSON *ch_obj = cJSON_IsObject(chs) ? chs : NULL;
		cJSON_ArrayForEach(ch, ch_obj)
		{
			if (!cJSON_IsString(ch)) {
				report_node(&ld, BANK_ERROR, ch,
					"a chapter title "
					"must be a string");
				continue;
			}
			if (!check_text(&ld, ch, "title", TEXT_LINE, true))
				continue;
			xgrow((void **)&c->chapters, &cap, c->n_chapters + 1,
				sizeof *c->chapters);
			c->chapters[c->n_chapters].id = xstrdup(ch->string);
			c->chapters[c->n_chapters].title =
				xstrdup(ch->valuestring);
			c->n_chapters++;
		}
		const cJSON *qs = member(root, "questions");
		if (qs && !cJSON_IsObject(qs))
			report_node(&ld, BANK_ERROR, qs,
				"\"questions\" must be "
				"an object of id: entry");
		cap = 0;
		const cJSON *e;
		const cJSON *q_obj = cJSON_IsObject(qs) ? qs : NULL;
		cJSON_ArrayForEach(e, q_obj)
		{
			struct quiz_patch p;
			bool ok = parse_patch(&ld, e, &p);
			if (ok) {
				jsonpos_line_col(&ld.pos, node_offset(&ld, e),
					&p.line, &p.col);
			}
			xgrow((void **)&c->patches, &cap, c->n_patches + 1,
				sizeof *c->patches);
			c->patches[c->n_patches++] = p;
		}
	}
	bool ok = ld.errors == 0;
	loader_close(&ld);
	if (!ok)
		bank_curation_free(c);
	return ok;
}

/* --- copying and writing --------------------------------------------- */

static char **copy_strings(char *const *v, size_t n)
{
	if (n == 0)
		return NULL;
	char **out = xcalloc(n, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	return out;
}

void bank_add_question(struct quiz_bank *bank, const struct quiz_question *q)
{
	xgrow((void **)&bank->questions, &bank->cap_questions,
		bank->n_questions + 1, sizeof *bank->questions);
	struct quiz_question *c = &bank->questions[bank->n_questions++];
	*c = *q;
	c->id = xstrdup(q->id);
	c->chapter = xstrdup(q->chapter ? q->chapter : "");
	c->lang = xstrdup(q->lang ? q->lang : "en");
	c->tags = copy_strings(q->tags, q->n_tags);
	c->question = xstrdup(q->question);
	c->answer = xstrdup(q->answer ? q->answer : "");
	c->keywords = q->n_keywords
		? xcalloc(q->n_keywords, sizeof *c->keywords)
		: NULL;
	for (size_t i = 0; i < q->n_keywords; i++) {
		c->keywords[i] = q->keywords[i];
		c->keywords[i].term = xstrdup(q->keywords[i].term);
		c->keywords[i].aliases = copy_strings(
			q->keywords[i].aliases, q->keywords[i].n_aliases);
	}
	c->sources =
		q->n_sources ? xcalloc(q->n_sources, sizeof *c->sources) : NULL;
	for (size_t i = 0; i < q->n_sources; i++) {
		c->sources[i].file = xstrdup(q->sources[i].file);
		c->sources[i].line = q->sources[i].line;
	}
	c->bank_file = q->bank_file ? intern_file(bank, q->bank_file) : NULL;
}

static cJSON *checked(cJSON *v)
{
	if (!v) {
		fputs("quiz: out of memory\n", stderr);
		abort();
	}
	return v;
}

static void put(cJSON *obj, const char *key, cJSON *v)
{
	cJSON_AddItemToObject(obj, key, checked(v));
}

static cJSON *string_array(char *const *v, size_t n)
{
	cJSON *arr = checked(cJSON_CreateArray());
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, checked(cJSON_CreateString(v[i])));
	return arr;
}

static cJSON *source_json(const struct quiz_source *s)
{
	cJSON *o = checked(cJSON_CreateObject());
	put(o, "file", cJSON_CreateString(s->file));
	if (s->line > 0)
		put(o, "line", cJSON_CreateNumber((double)s->line));
	return o;
}

static cJSON *question_json(const struct quiz_question *q)
{
	cJSON *o = checked(cJSON_CreateObject());
	put(o, "id", cJSON_CreateString(q->id));
	put(o, "chapter", cJSON_CreateString(q->chapter));
	put(o, "kind", cJSON_CreateString(bank_kind_name(q->kind)));
	put(o, "lang", cJSON_CreateString(q->lang));
	put(o, "tags", string_array(q->tags, q->n_tags));
	put(o, "question", cJSON_CreateString(q->question));
	put(o, "answer", cJSON_CreateString(q->answer));
	cJSON *kws = checked(cJSON_CreateArray());
	for (size_t i = 0; i < q->n_keywords; i++) {
		const struct quiz_keyword *k = &q->keywords[i];
		bool plain = k->weight == KEYWORD_WEIGHT_DEFAULT &&
			!k->required && k->n_aliases == 0;
		if (plain) {
			cJSON_AddItemToArray(
				kws, checked(cJSON_CreateString(k->term)));
			continue;
		}
		cJSON *ko = checked(cJSON_CreateObject());
		put(ko, "term", cJSON_CreateString(k->term));
		if (k->weight != KEYWORD_WEIGHT_DEFAULT)
			put(ko, "weight", cJSON_CreateNumber(k->weight));
		if (k->n_aliases)
			put(ko, "aliases",
				string_array(k->aliases, k->n_aliases));
		if (k->required)
			put(ko, "required", cJSON_CreateTrue());
		cJSON_AddItemToArray(kws, ko);
	}
	put(o, "keywords", kws);
	if (q->n_sources == 1) {
		put(o, "source", source_json(&q->sources[0]));
	} else if (q->n_sources > 1) {
		cJSON *arr = checked(cJSON_CreateArray());
		for (size_t i = 0; i < q->n_sources; i++)
			cJSON_AddItemToArray(arr, source_json(&q->sources[i]));
		put(o, "source", arr);
	}
	return o;
}

static bool print_tree(FILE *out, cJSON *tree, bool pretty)
{
	bool ok = json_print_cjson(out, tree, pretty);
	cJSON_Delete(tree);
	return ok;
}

bool bank_write_json(FILE *out, const struct quiz_question *const *qs, size_t n,
	const struct quiz_chapter *chapters, size_t n_chapters, bool as_bank)
{
	cJSON *arr = checked(cJSON_CreateArray());
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, question_json(qs[i]));
	if (!as_bank)
		return print_tree(out, arr, true);
	cJSON *root = checked(cJSON_CreateObject());
	if (n_chapters) {
		cJSON *chs = checked(cJSON_CreateArray());
		for (size_t i = 0; i < n_chapters; i++) {
			cJSON *c = checked(cJSON_CreateObject());
			put(c, "id", cJSON_CreateString(chapters[i].id));
			put(c, "title", cJSON_CreateString(chapters[i].title));
			cJSON_AddItemToArray(chs, c);
		}
		put(root, "chapters", chs);
	}
	put(root, "questions", arr);
	return print_tree(out, root, true);
}

bool bank_write_question_json(
	FILE *out, const struct quiz_question *q, bool pretty)
{
	return print_tree(out, question_json(q), pretty);
}
