/* bank: loading banks (a file, a directory, the built-in bank), parsing
 * their questions, validating the whole bank, and finding and adding
 * questions. The cJSON tree lives for one load and is freed; what is kept
 * is copied into struct quiz_bank. Reading the text and its fields is in
 * loader.c, curation in curation.c, writing in bankwrite.c. */
#include "bank.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "loader.h"
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

static bool parse_source(
	struct loader *ld, const cJSON *v, struct quiz_source *src)
{
	static const char *const keys[] = {"file", "line", NULL};
	bool ok = true;
	if (!cJSON_IsObject(v)) {
		loader_report(ld, BANK_ERROR, v,
			"\"source\" must be an object "
			"{\"file\", \"line\"} or an array of them");
		return false;
	}
	loader_check_keys(ld, v, keys, "source");
	const char *file =
		loader_text(ld, v, "file", true, TEXT_LINE, false, &ok);
	const cJSON *line = loader_member(v, "line");
	long l = 0;
	if (line &&
		(!cJSON_IsNumber(line) || line->valuedouble < 1 ||
			line->valuedouble > 1e9 ||
			line->valuedouble != floor(line->valuedouble))) {
		loader_report(ld, BANK_ERROR, line,
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
	if (q->borrowed)
		return;
	free(q->id);
	free(q->chapter);
	free(q->lang);
	loader_free_strings(q->tags, q->n_tags);
	free(q->question);
	free(q->answer);
	free(q->corrected);
	loader_free_keywords(q->keywords, q->n_keywords);
	loader_free_misconceptions(q->misconceptions, q->n_misconceptions);
	for (size_t i = 0; i < q->n_sources; i++)
		free(q->sources[i].file);
	free(q->sources);
}

static const char *const question_keys[] = {"id", "chapter", "kind", "lang",
	"tags", "question", "answer", "corrected", "keywords", "misconceptions",
	"source", NULL};

/* Parses one question object into *q; false (and q empty) on error. */
static bool parse_question(
	struct loader *ld, const cJSON *v, size_t off, struct quiz_question *q)
{
	bool ok = true;
	memset(q, 0, sizeof *q);
	if (!cJSON_IsObject(v)) {
		loader_report(
			ld, BANK_ERROR, v, "a question must be an object");
		return false;
	}
	loader_check_keys(ld, v, question_keys, "question");
	const char *id = loader_text(ld, v, "id", true, TEXT_NAME, false, &ok);
	const char *chapter =
		loader_text(ld, v, "chapter", false, TEXT_NAME, true, &ok);
	struct quiz_patch f = {0};
	loader_fields(ld, v, true, &f, &ok);

	const cJSON *src = loader_member(v, "source");
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
		loader_patch_free(&f);
		free_question(q);
		memset(q, 0, sizeof *q);
		return false;
	}
	/* What the fields hold now belongs to the question. */
	q->id = xstrdup(id);
	q->chapter = xstrdup(chapter ? chapter : "");
	q->kind = f.has_kind ? f.kind : QUIZ_KIND_INTERVIEW;
	q->lang = f.lang ? f.lang : xstrdup("en");
	q->question = f.question;
	q->answer = f.answer ? f.answer : xstrdup("");
	q->corrected = f.corrected;
	q->tags = f.tags;
	q->n_tags = f.n_tags;
	q->keywords = f.keywords;
	q->n_keywords = f.n_keywords;
	q->misconceptions = f.misconceptions;
	q->n_misconceptions = f.n_misconceptions;
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
	loader_free_strings(bank->files, bank->n_files);
	cache_release(bank->stores);
	free(bank->id_slots);
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
		loader_report(ld, BANK_ERROR, arr,
			"\"chapters\" must be an array "
			"of {\"id\", \"title\"}");
		return;
	}
	const cJSON *c;
	cJSON_ArrayForEach(c, arr)
	{
		bool ok = true;
		if (!cJSON_IsObject(c)) {
			loader_report(ld, BANK_ERROR, c,
				"a chapter must be an object {\"id\", "
				"\"title\"}");
			continue;
		}
		loader_check_keys(ld, c, keys, "chapter");
		const char *id =
			loader_text(ld, c, "id", true, TEXT_NAME, false, &ok);
		const char *title = loader_text(
			ld, c, "title", false, TEXT_LINE, true, &ok);
		if (!ok)
			continue;
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[*n].id = xstrdup(id);
		(*out)[*n].title = xstrdup(title ? title : "");
		(*n)++;
	}
}

/* bank_load_text(), and when key is not NULL the cache of what it loaded
 * is written. */
static bool load_text(struct quiz_bank *bank, const char *name,
	const char *text, size_t len, struct bank_diag *diag,
	const struct cache_key *key)
{
	struct bank_diag quiet = {0};
	struct loader ld;
	if (!loader_open(&ld, name, text, len, diag ? diag : &quiet))
		return false;
	const cJSON *root = ld.root;
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
		loader_report(&ld, BANK_ERROR, root,
			"a bank must be an object {\"questions\": [...]}");
	} else {
		loader_check_keys(&ld, root, root_keys, "bank");
		const cJSON *arr = loader_member(root, "questions");
		if (!arr) {
			loader_report(&ld, BANK_ERROR, root,
				"missing required \"questions\"");
		} else if (!cJSON_IsArray(arr)) {
			loader_report(&ld, BANK_ERROR, arr,
				"\"questions\" must be an array");
		} else if (n_q_offs > BANK_QUESTIONS_MAX) {
			loader_report(&ld, BANK_ERROR, arr,
				"more than %u questions, the limit for one "
				"file (split it into files of a --bank "
				"directory)",
				BANK_QUESTIONS_MAX);
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
		parse_chapters(
			&ld, loader_member(root, "chapters"), &chs, &n_chs);
	}

	bool ok = ld.errors == 0;
	if (ok && key)
		cache_store(key, qs, n_qs, chs, n_chs);
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

bool bank_load_text(struct quiz_bank *bank, const char *name, const char *text,
	size_t len, struct bank_diag *diag)
{
	return load_text(bank, name, text, len, diag, NULL);
}

/* Reads all of fd, a file of size bytes. */
static bool read_fd(int fd, size_t size, struct buf *b)
{
	b->data = xmalloc(size + 1);
	b->cap = size + 1;
	b->len = 0;
	for (;;) {
		ssize_t got = read(fd, b->data + b->len, b->cap - 1 - b->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return false;
		b->len += (size_t)got;
		if (got == 0 || b->len == size) {
			b->data[b->len] = '\0';
			return true;
		}
	}
}

/* A regular file is looked up in the cache first (cache.h) unless the
 * caller wants lint warnings, which only a parse reports; a miss is
 * parsed and, when clean, cached. */
static bool load_file(
	struct quiz_bank *bank, const char *path, struct bank_diag *diag)
{
	/* O_NONBLOCK: a FIFO in a bank directory must not hang the open. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	size_t max = quiz_max_bank_bytes();
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		quiz_warn("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		if (diag)
			diag->n_errors++;
		return false;
	}
	struct cache_key key;
	bool cacheable = S_ISREG(st.st_mode) && !(diag && diag->lint) &&
		st.st_size >= BANK_CACHE_MIN && (uint64_t)st.st_size <= max;
	if (cacheable && cache_key_of(fd, path, &st, &key) &&
		cache_load(bank, &key)) {
		close(fd);
		return true;
	}
	cacheable = cacheable && key.size == (uint64_t)st.st_size;
	struct buf b;
	buf_init(&b);
	bool ok;
	/* Anything but a regular file within the limit goes to read_file,
	 * which refuses it with the reason and the limit. */
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size <= max &&
		lseek(fd, 0, SEEK_SET) == 0) {
		ok = read_fd(fd, (size_t)st.st_size, &b);
		if (!ok)
			quiz_warn("%s: %s", path, strerror(errno));
		close(fd);
	} else {
		close(fd);
		ok = read_file(path, &b);
	}
	if (ok && cacheable) {
		/* Key the cache by what is parsed: the file may have changed
		 * since it was hashed. */
		key.hash = cache_hash_text(b.data, b.len);
		key.size = b.len;
	}
	if (!ok && diag)
		diag->n_errors++;
	if (ok)
		ok = load_text(bank, path, b.data, b.len, diag,
			cacheable ? &key : NULL);
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

/* "-": a bank from standard input (quiz import notes.md | quiz check -),
 * named "(stdin)" in messages, within the same size limit as a file. */
static bool load_stdin(struct quiz_bank *bank, struct bank_diag *diag)
{
	struct buf b;
	buf_init(&b);
	struct read_limit lim = {
		.max = quiz_max_bank_bytes(),
		.what = "bank",
		.raise = "set QUIZ_MAX_BANK_BYTES",
	};
	bool ok = read_stream_limited(stdin, "(stdin)", &b, &lim);
	if (!ok && diag)
		diag->n_errors++;
	if (ok)
		ok = load_text(bank, "(stdin)", b.data, b.len, diag, NULL);
	buf_free(&b);
	return ok;
}

bool bank_load_path(
	struct quiz_bank *bank, const char *path, struct bank_diag *diag)
{
	if (strcmp(path, "-") == 0)
		return load_stdin(bank, diag);
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
	if (n > 1)
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
	loader_free_strings(names, n);
	return ok;
}

void bank_adopt(
	struct quiz_bank *bank, const struct quiz_question *qs, size_t n)
{
	xgrow((void **)&bank->questions, &bank->cap_questions,
		bank->n_questions + n, sizeof *bank->questions);
	struct quiz_question *out = bank->questions + bank->n_questions;
	memcpy(out, qs, n * sizeof *qs);
	const char *file = NULL;
	const char *interned = NULL;
	for (size_t i = 0; i < n; i++) {
		out[i].borrowed = true;
		if (!out[i].bank_file)
			continue;
		/* Runs of questions share one file name. */
		if (!file || strcmp(file, out[i].bank_file) != 0) {
			file = out[i].bank_file;
			interned = intern_file(bank, file);
		}
		out[i].bank_file = interned;
	}
	bank->n_questions += n;
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

static size_t id_hash(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)(h ^ (h >> 32));
}

void bank_index(struct quiz_bank *bank)
{
	free(bank->id_slots);
	size_t n = 16;
	while (n < 2 * bank->n_questions)
		n *= 2;
	bank->id_slots = xcalloc(n, sizeof *bank->id_slots);
	bank->n_id_slots = n;
	/* Backwards, so that of two questions with one id the first wins, as
	 * in the scan. */
	for (size_t i = bank->n_questions; i-- > 0;) {
		size_t h = id_hash(bank->questions[i].id) & (n - 1);
		while (bank->id_slots[h] &&
			strcmp(bank->questions[bank->id_slots[h] - 1].id,
				bank->questions[i].id) != 0)
			h = (h + 1) & (n - 1);
		bank->id_slots[h] = i + 1;
	}
	bank->n_indexed = bank->n_questions;
}

const struct quiz_question *bank_find(
	const struct quiz_bank *bank, const char *id)
{
	if (bank->id_slots && bank->n_indexed == bank->n_questions) {
		size_t mask = bank->n_id_slots - 1;
		for (size_t h = id_hash(id) & mask; bank->id_slots[h];
			h = (h + 1) & mask) {
			const struct quiz_question *q =
				&bank->questions[bank->id_slots[h] - 1];
			if (strcmp(q->id, id) == 0)
				return q;
		}
		return NULL;
	}
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

/* --- copying -------------------------------------------------------- */

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
	c->borrowed = false;
	c->id = xstrdup(q->id);
	c->chapter = xstrdup(q->chapter ? q->chapter : "");
	c->lang = xstrdup(q->lang ? q->lang : "en");
	c->tags = copy_strings(q->tags, q->n_tags);
	c->question = xstrdup(q->question);
	c->answer = xstrdup(q->answer ? q->answer : "");
	c->corrected = q->corrected ? xstrdup(q->corrected) : NULL;
	c->keywords = q->n_keywords
		? xcalloc(q->n_keywords, sizeof *c->keywords)
		: NULL;
	for (size_t i = 0; i < q->n_keywords; i++) {
		c->keywords[i] = q->keywords[i];
		c->keywords[i].term = xstrdup(q->keywords[i].term);
		c->keywords[i].aliases = copy_strings(
			q->keywords[i].aliases, q->keywords[i].n_aliases);
	}
	c->misconceptions = NULL;
	c->n_misconceptions = 0;
	bank_set_misconceptions(c, q->misconceptions, q->n_misconceptions);
	c->sources =
		q->n_sources ? xcalloc(q->n_sources, sizeof *c->sources) : NULL;
	for (size_t i = 0; i < q->n_sources; i++) {
		c->sources[i].file = xstrdup(q->sources[i].file);
		c->sources[i].line = q->sources[i].line;
	}
	c->bank_file = q->bank_file ? intern_file(bank, q->bank_file) : NULL;
}

void bank_set_misconceptions(
	struct quiz_question *q, const struct quiz_misconception *m, size_t n)
{
	struct quiz_misconception *c = n ? xcalloc(n, sizeof *c) : NULL;
	for (size_t i = 0; i < n; i++) {
		c[i].claim = xstrdup(m[i].claim);
		c[i].aliases = copy_strings(m[i].aliases, m[i].n_aliases);
		c[i].n_aliases = m[i].n_aliases;
		c[i].correction =
			m[i].correction ? xstrdup(m[i].correction) : NULL;
	}
	loader_free_misconceptions(q->misconceptions, q->n_misconceptions);
	q->misconceptions = c;
	q->n_misconceptions = n;
}
