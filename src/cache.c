/* cache: compiled bank files, written once and then mapped.
 *
 * Layout (native byte order and sizes: a cache belongs to one machine):
 * the header (HDR_WORDS 64-bit words), then `n_words` 32-bit words holding
 * the questions and chapters, then two string areas, each a run of
 * NUL-terminated strings. Short fields that every listing reads (id,
 * chapter, lang, tags) go in the first area and everything else in the
 * second, so that `list` touches few pages of a big bank. A string is a
 * 32-bit reference: NONE for NULL, TEXT_BIT set for the second area, the
 * rest a byte offset. A question is
 *   id chapter kind lang question answer corrected line col
 *   n_tags tag...  n_kw (term weight-lo weight-hi required n_al al...)...
 *   n_mc (claim correction n_al al...)...  n_src (file line)...
 * and a chapter `id title`. */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bank.h"
#include "util.h"

#define MAGIC 0x314b4e425a495551u /* "QUIZBNK1" */
/* Bumped with any change of the layout or of what the loader makes of a
 * bank; sizeof of the structs guards against a different build. */
#define VERSION (2u | (uint64_t)sizeof(struct quiz_question) << 16)
#define NONE UINT32_MAX
#define TEXT_BIT 0x80000000u

enum {
	H_MAGIC,
	H_VERSION,
	H_SIZE,
	H_MTIME_SEC,
	H_MTIME_NSEC,
	H_HASH,
	H_QUESTIONS,
	H_CHAPTERS,
	H_PTRS, /* char * slots: tags and aliases */
	H_KEYWORDS,
	H_MISCONCEPTIONS,
	H_SOURCES,
	H_WORDS,
	H_SHORT_LEN,
	H_TEXT_LEN,
	HDR_WORDS
};

/* What keeps borrowed questions alive: a mapping and the block of their
 * arrays. */
struct bank_store {
	struct bank_store *next;
	void *map;
	size_t map_len;
	void *block;
};

/* --- the key ---------------------------------------------------------- */

static uint64_t mix(uint64_t h, uint64_t w)
{
	h ^= w;
	h *= 0x9e3779b97f4a7c15u;
	return h ^ (h >> 29);
}

uint64_t cache_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x243f6a8885a308d3u ^ len;
	size_t i = 0;
	/* Four lanes, so that the multiplies overlap. */
	uint64_t l[4] = {h, h ^ 1, h ^ 2, h ^ 3};
	for (; i + 32 <= len; i += 32)
		for (int k = 0; k < 4; k++) {
			uint64_t w;
			memcpy(&w, p + i + 8 * k, 8);
			l[k] = mix(l[k], w);
		}
	for (int k = 0; k < 4; k++)
		h = mix(h, l[k]);
	for (; i < len; i++)
		h = mix(h, p[i]);
	return h;
}

/* The content is hashed in chunks, so that a file can be hashed without
 * being read whole (a hit then costs no memory for the text). */
enum { CHUNK = 1 << 20 };

uint64_t cache_hash_text(const char *text, size_t len)
{
	uint64_t h = 0;
	for (; len >= CHUNK; text += CHUNK, len -= CHUNK)
		h = mix(h, cache_hash(text, CHUNK));
	return mix(h, cache_hash(text, len));
}

bool cache_key_of(
	int fd, const char *path, const struct stat *st, struct cache_key *key)
{
	char *b = xmalloc(CHUNK);
	uint64_t h = 0;
	uint64_t total = 0;
	size_t have = 0;
	bool ok = true;
	for (;;) {
		ssize_t got = read(fd, b + have, CHUNK - have);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			ok = false;
			break;
		}
		have += (size_t)got;
		total += (uint64_t)got;
		if (got > 0 && have < CHUNK)
			continue;
		h = mix(h, cache_hash(b, have));
		if (got == 0)
			break;
		have = 0;
	}
	free(b);
	key->path = path;
	key->size = total;
	key->mtime_sec = st->st_mtim.tv_sec;
	key->mtime_nsec = st->st_mtim.tv_nsec;
	key->hash = h;
	return ok && total == (uint64_t)st->st_size;
}

/* $XDG_CACHE_HOME/quiz (else ~/.cache/quiz) and the cache file of path in
 * it; NULL when there is no such place. */
static char *cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/quiz", xdg);
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return xasprintf("%s/.cache/quiz", home);
	return NULL;
}

/* Named by the hash of the absolute path (not resolved: a file reached by
 * two names gets two caches, each valid). */
static char *cache_path(const char *dir, const char *path)
{
	char cwd[PATH_MAX];
	char *abs = path[0] == '/' || !getcwd(cwd, sizeof cwd)
		? xstrdup(path)
		: xasprintf("%s/%s", cwd, path);
	char *name = xasprintf("%s/%016llx.bank", dir,
		(unsigned long long)cache_hash(abs, strlen(abs)));
	free(abs);
	return name;
}

/* --- reading ---------------------------------------------------------- */

struct reader {
	const uint32_t *w;
	size_t n;
	size_t pos;
	const char *areas[2];
	uint32_t area_len[2];
	bool bad;
};

static uint32_t next(struct reader *r)
{
	if (r->pos >= r->n) {
		r->bad = true;
		return 0;
	}
	return r->w[r->pos++];
}

static char *str(struct reader *r)
{
	uint32_t v = next(r);
	if (v == NONE)
		return NULL;
	int a = (v & TEXT_BIT) != 0;
	v &= ~TEXT_BIT;
	if (v >= r->area_len[a]) {
		r->bad = true;
		return (char *)"";
	}
	return (char *)r->areas[a] + v;
}

/* A string that must be there. */
static char *need(struct reader *r)
{
	char *s = str(r);
	if (!s)
		r->bad = true;
	return s ? s : (char *)"";
}

/* Slices of the block for the questions' arrays, bounded by the header's
 * totals. */
struct slice {
	char *at;
	size_t left; /* elements */
};

struct slices {
	struct slice ptrs; /* char * */
	struct slice kws;
	struct slice mcs;
	struct slice srcs;
};

/* The next n elements (of elem bytes) of a slice; NULL when n is 0, or
 * (and r bad) when the slice is short. */
static void *take(struct reader *r, struct slice *sl, size_t n, size_t elem)
{
	if (r->bad || n > sl->left) {
		r->bad = true;
		return NULL;
	}
	void *v = n ? sl->at : NULL;
	sl->at += n * elem;
	sl->left -= n;
	return v;
}

static char **take_ptrs(struct reader *r, struct slices *s, size_t n)
{
	char **v = take(r, &s->ptrs, n, sizeof *v);
	for (size_t i = 0; v && i < n; i++)
		v[i] = need(r);
	return v;
}

static void read_question(
	struct reader *r, struct slices *s, struct quiz_question *q)
{
	memset(q, 0, sizeof *q);
	q->id = need(r);
	q->chapter = need(r);
	q->kind = next(r) % QUIZ_KIND_COUNT;
	q->lang = need(r);
	q->question = need(r);
	q->answer = need(r);
	q->corrected = str(r);
	q->bank_line = next(r);
	q->bank_col = next(r);
	q->n_tags = next(r);
	q->tags = take_ptrs(r, s, q->n_tags);
	q->n_keywords = next(r);
	q->keywords = take(r, &s->kws, q->n_keywords, sizeof *q->keywords);
	for (size_t i = 0; q->keywords && i < q->n_keywords; i++) {
		struct quiz_keyword *k = &q->keywords[i];
		k->term = need(r);
		uint64_t bits = next(r);
		bits |= (uint64_t)next(r) << 32;
		memcpy(&k->weight, &bits, sizeof k->weight);
		k->required = next(r) != 0;
		k->n_aliases = next(r);
		k->aliases = take_ptrs(r, s, k->n_aliases);
	}
	q->n_misconceptions = next(r);
	q->misconceptions = take(
		r, &s->mcs, q->n_misconceptions, sizeof *q->misconceptions);
	for (size_t i = 0; q->misconceptions && i < q->n_misconceptions; i++) {
		struct quiz_misconception *m = &q->misconceptions[i];
		m->claim = need(r);
		m->correction = str(r);
		m->n_aliases = next(r);
		m->aliases = take_ptrs(r, s, m->n_aliases);
	}
	q->n_sources = next(r);
	q->sources = take(r, &s->srcs, q->n_sources, sizeof *q->sources);
	for (size_t i = 0; q->sources && i < q->n_sources; i++) {
		q->sources[i].file = need(r);
		q->sources[i].line = next(r);
	}
}

/* Checks the header against the key (unless NULL) and the length; fills
 * r. */
static bool check_header(const uint64_t *h, size_t len,
	const struct cache_key *key, struct reader *r)
{
	if (len < HDR_WORDS * sizeof *h || h[H_MAGIC] != MAGIC ||
		h[H_VERSION] != VERSION)
		return false;
	if (key &&
		(h[H_SIZE] != key->size ||
			h[H_MTIME_SEC] != (uint64_t)key->mtime_sec ||
			h[H_MTIME_NSEC] != (uint64_t)key->mtime_nsec ||
			h[H_HASH] != key->hash))
		return false;
	uint64_t words = h[H_WORDS];
	uint64_t s0 = h[H_SHORT_LEN];
	uint64_t s1 = h[H_TEXT_LEN];
	if (words > len || s0 > TEXT_BIT || s1 > TEXT_BIT || s0 == 0 ||
		s1 == 0 || HDR_WORDS * sizeof *h + words * 4 + s0 + s1 != len ||
		h[H_QUESTIONS] > words || h[H_CHAPTERS] > words ||
		h[H_PTRS] > words || h[H_KEYWORDS] > words ||
		h[H_MISCONCEPTIONS] > words || h[H_SOURCES] > words)
		return false;
	const char *base = (const char *)h;
	r->w = (const uint32_t *)(base + HDR_WORDS * sizeof *h);
	r->n = words;
	r->pos = 0;
	r->areas[0] = base + HDR_WORDS * sizeof *h + words * 4;
	r->areas[1] = r->areas[0] + s0;
	r->area_len[0] = (uint32_t)s0;
	r->area_len[1] = (uint32_t)s1;
	r->bad = false;
	/* Every offset then ends at a NUL inside its area. */
	return r->areas[0][s0 - 1] == '\0' && r->areas[1][s1 - 1] == '\0';
}

/* Appends the questions and chapters of an image (len bytes at h, checked
 * against key unless NULL); on success the bank keeps the block of their
 * arrays and map (munmapped with the bank; NULL for an image in the
 * program). */
static bool decode(struct quiz_bank *bank, const uint64_t *h, size_t len,
	const struct cache_key *key, const char *file, void *map)
{
	struct reader r;
	if (!check_header(h, len, key, &r))
		return false;
	size_t nq = h[H_QUESTIONS];
	size_t sizes[4] = {h[H_PTRS] * sizeof(char *),
		h[H_KEYWORDS] * sizeof(struct quiz_keyword),
		h[H_MISCONCEPTIONS] * sizeof(struct quiz_misconception),
		h[H_SOURCES] * sizeof(struct quiz_source)};
	char *block = xmalloc(sizes[0] + sizes[1] + sizes[2] + sizes[3] + 1);
	struct slices s = {
		{block, h[H_PTRS]},
		{block + sizes[0], h[H_KEYWORDS]},
		{block + sizes[0] + sizes[1], h[H_MISCONCEPTIONS]},
		{block + sizes[0] + sizes[1] + sizes[2], h[H_SOURCES]},
	};
	struct quiz_question *qs = xcalloc(nq ? nq : 1, sizeof *qs);
	for (size_t i = 0; i < nq && !r.bad; i++) {
		read_question(&r, &s, &qs[i]);
		qs[i].bank_file = file;
	}
	size_t nc = h[H_CHAPTERS];
	struct quiz_chapter *cs = xcalloc(nc ? nc : 1, sizeof *cs);
	for (size_t i = 0; i < nc && !r.bad; i++) {
		cs[i].id = need(&r);
		cs[i].title = need(&r);
	}
	bool ok = !r.bad && r.pos == r.n;
	if (ok) {
		bank_adopt(bank, qs, nq);
		for (size_t i = 0; i < nc; i++)
			bank_add_chapter(bank, cs[i].id, cs[i].title);
		struct bank_store *keep = xmalloc(sizeof *keep);
		*keep = (struct bank_store){bank->stores, map, len, block};
		bank->stores = keep;
	} else {
		free(block);
	}
	free(qs);
	free(cs);
	return ok;
}

bool cache_load(struct quiz_bank *bank, const struct cache_key *key)
{
	char *dir = cache_dir();
	if (!dir)
		return false;
	char *name = cache_path(dir, key->path);
	free(dir);
	int fd = open(name, O_RDONLY | O_CLOEXEC);
	free(name);
	if (fd < 0)
		return false;
	struct stat st;
	void *map = MAP_FAILED;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
			0);
	close(fd);
	if (map == MAP_FAILED)
		return false;
	size_t len = (size_t)st.st_size;
	if (decode(bank, map, len, key, key->path, map))
		return true;
	munmap(map, len);
	return false;
}

bool cache_load_image(
	struct quiz_bank *bank, const void *image, size_t len, const char *file)
{
	return decode(bank, image, len, NULL, file, NULL);
}

void cache_release(struct bank_store *stores)
{
	while (stores) {
		struct bank_store *next = stores->next;
		if (stores->map)
			munmap(stores->map, stores->map_len);
		free(stores->block);
		free(stores);
		stores = next;
	}
}

/* --- writing ---------------------------------------------------------- */

struct writer {
	uint32_t *w;
	size_t n;
	size_t cap;
	struct buf areas[2];
	uint64_t n_ptrs;
	bool too_big;
};

static void put(struct writer *wr, uint32_t v)
{
	if (wr->n == wr->cap)
		xgrow((void **)&wr->w, &wr->cap, wr->n + 1, sizeof *wr->w);
	wr->w[wr->n++] = v;
}

static void put_str(struct writer *wr, int area, const char *s)
{
	if (!s) {
		put(wr, NONE);
		return;
	}
	struct buf *b = &wr->areas[area];
	size_t n = strlen(s) + 1;
	if (b->len + n >= TEXT_BIT) {
		wr->too_big = true;
		put(wr, NONE);
		return;
	}
	put(wr, (uint32_t)b->len | (area ? TEXT_BIT : 0));
	buf_add(b, s, n);
}

static void put_strs(struct writer *wr, int area, char *const *v, size_t n)
{
	put(wr, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		put_str(wr, area, v[i]);
	wr->n_ptrs += n;
}

static void put_question(struct writer *wr, const struct quiz_question *q)
{
	put_str(wr, 0, q->id);
	put_str(wr, 0, q->chapter);
	put(wr, (uint32_t)q->kind);
	put_str(wr, 0, q->lang);
	put_str(wr, 1, q->question);
	put_str(wr, 1, q->answer);
	put_str(wr, 1, q->corrected);
	put(wr, (uint32_t)q->bank_line);
	put(wr, (uint32_t)q->bank_col);
	put_strs(wr, 0, q->tags, q->n_tags);
	put(wr, (uint32_t)q->n_keywords);
	for (size_t i = 0; i < q->n_keywords; i++) {
		const struct quiz_keyword *k = &q->keywords[i];
		uint64_t bits;
		memcpy(&bits, &k->weight, sizeof bits);
		put_str(wr, 1, k->term);
		put(wr, (uint32_t)bits);
		put(wr, (uint32_t)(bits >> 32));
		put(wr, k->required);
		put_strs(wr, 1, k->aliases, k->n_aliases);
	}
	put(wr, (uint32_t)q->n_misconceptions);
	for (size_t i = 0; i < q->n_misconceptions; i++) {
		const struct quiz_misconception *m = &q->misconceptions[i];
		put_str(wr, 1, m->claim);
		put_str(wr, 1, m->correction);
		put_strs(wr, 1, m->aliases, m->n_aliases);
	}
	put(wr, (uint32_t)q->n_sources);
	for (size_t i = 0; i < q->n_sources; i++) {
		put_str(wr, 1, q->sources[i].file);
		put(wr, (uint32_t)q->sources[i].line);
	}
}

static bool write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t got = write(fd, c, n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		c += got;
		n -= (size_t)got;
	}
	return true;
}

void cache_image(const struct cache_key *key, const struct quiz_question *qs,
	size_t n, const struct quiz_chapter *chapters, size_t n_chapters,
	struct buf *out)
{
	struct writer wr = {0};
	buf_init(&wr.areas[0]);
	buf_init(&wr.areas[1]);
	/* Neither area is empty: its last byte must be a NUL. */
	put_str(&wr, 0, "");
	put_str(&wr, 1, "");
	wr.n = 0;
	uint64_t kws = 0;
	uint64_t mcs = 0;
	uint64_t srcs = 0;
	for (size_t i = 0; i < n; i++) {
		put_question(&wr, &qs[i]);
		kws += qs[i].n_keywords;
		mcs += qs[i].n_misconceptions;
		srcs += qs[i].n_sources;
	}
	for (size_t i = 0; i < n_chapters; i++) {
		put_str(&wr, 0, chapters[i].id);
		put_str(&wr, 0, chapters[i].title);
	}
	uint64_t h[HDR_WORDS] = {
		[H_MAGIC] = MAGIC,
		[H_VERSION] = VERSION,
		[H_SIZE] = key ? key->size : 0,
		[H_MTIME_SEC] = key ? (uint64_t)key->mtime_sec : 0,
		[H_MTIME_NSEC] = key ? (uint64_t)key->mtime_nsec : 0,
		[H_HASH] = key ? key->hash : 0,
		[H_QUESTIONS] = n,
		[H_CHAPTERS] = n_chapters,
		[H_PTRS] = wr.n_ptrs,
		[H_KEYWORDS] = kws,
		[H_MISCONCEPTIONS] = mcs,
		[H_SOURCES] = srcs,
		[H_WORDS] = wr.n,
		[H_SHORT_LEN] = wr.areas[0].len,
		[H_TEXT_LEN] = wr.areas[1].len,
	};
	buf_clear(out);
	if (!wr.too_big && wr.n <= UINT32_MAX) {
		buf_add(out, (const char *)h, sizeof h);
		buf_add(out, (const char *)wr.w, wr.n * sizeof *wr.w);
		buf_add(out, wr.areas[0].data, wr.areas[0].len);
		buf_add(out, wr.areas[1].data, wr.areas[1].len);
	}
	free(wr.w);
	buf_free(&wr.areas[0]);
	buf_free(&wr.areas[1]);
}

void cache_store(const struct cache_key *key, const struct quiz_question *qs,
	size_t n, const struct quiz_chapter *chapters, size_t n_chapters)
{
	char *dir = cache_dir();
	if (!dir)
		return;
	struct buf image;
	buf_init(&image);
	cache_image(key, qs, n, chapters, n_chapters, &image);
	char *name = NULL;
	char *tmp = NULL;
	int fd = -1;
	if (image.len == 0)
		goto out;
	/* Both levels: ~/.cache may not exist yet. */
	char *slash = strrchr(dir, '/');
	*slash = '\0';
	mkdir(dir, 0700);
	*slash = '/';
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto out;
	name = cache_path(dir, key->path);
	tmp = xasprintf("%s.XXXXXX", name);
	fd = mkstemp(tmp);
	if (fd < 0)
		goto out;
	bool ok = write_all(fd, image.data, image.len) && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, name) != 0)
		unlink(tmp);
out:
	free(tmp);
	free(name);
	free(dir);
	buf_free(&image);
}
