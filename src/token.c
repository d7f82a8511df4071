/* token: the tokenizer. Scans normalized text once, classifying characters
 * through norm (the only utf8proc user), and appends tokens and their keys
 * to a reused list: nothing is allocated per token. Stems come from
 * libstemmer's English (Porter 2) stemmer. */
#include "token.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"
#include "lexicon.h"
#include "tunables.h"

/* Parts of one hyphenated compound that are tracked; more are split off
 * into the next compound. */
#define COMPOUND_PARTS_MAX 8
/* How far a "f(...)" code token may reach. */
#define CODE_PAREN_MAX 40

/* An interned string: keys (numbered by their index + 1) and analysed
 * words (surface -> key id, kind and flags). */
struct entry {
	uint32_t off; /* in cache->strings */
	uint32_t len;
	uint32_t hash;
	uint32_t id; /* words: the key's id */
	uint16_t chars; /* words: characters */
	uint8_t kind;
	uint8_t flags;
};

struct table {
	struct entry *v; /* entries, in insertion order */
	size_t n;
	size_t cap;
	uint32_t *slots; /* open addressing: index + 1, 0 = empty */
	size_t n_slots; /* a power of two */
};

struct cache {
	struct buf strings;
	struct table keys;
	struct table words;
	/* The lexicon by stem: a synonym's or an opposite's stem -> the id
	 * of the key it stands for (in id) and TOKEN_ANTI (in flags) when it
	 * is an opposite. */
	struct table lex;
};

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* The entry for s in t, or NULL. */
static struct entry *table_find(const struct cache *c, const struct table *t,
	const char *s, size_t n, uint32_t h)
{
	if (t->n_slots == 0)
		return NULL;
	size_t mask = t->n_slots - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		uint32_t e = t->slots[i];
		if (e == 0)
			return NULL;
		struct entry *x = &t->v[e - 1];
		if (x->hash == h && x->len == n &&
			memcmp(c->strings.data + x->off, s, n) == 0)
			return x;
	}
}

static void table_place(struct table *t, uint32_t index)
{
	size_t mask = t->n_slots - 1;
	size_t i = t->v[index].hash & mask;
	while (t->slots[i] != 0)
		i = (i + 1) & mask;
	t->slots[i] = index + 1;
}

static struct entry *table_add(
	struct cache *c, struct table *t, const char *s, size_t n, uint32_t h)
{
	if ((t->n + 1) * 2 > t->n_slots) {
		size_t ns = t->n_slots ? t->n_slots * 2 : 256;
		free(t->slots);
		t->slots = xcalloc(ns, sizeof(*t->slots));
		t->n_slots = ns;
		for (size_t i = 0; i < t->n; i++)
			table_place(t, (uint32_t)i);
	}
	xgrow((void **)&t->v, &t->cap, t->n + 1, sizeof(*t->v));
	struct entry *e = &t->v[t->n];
	memset(e, 0, sizeof(*e));
	e->off = (uint32_t)c->strings.len;
	e->len = (uint32_t)n;
	e->hash = h;
	buf_add(&c->strings, s, n);
	buf_addc(&c->strings, '\0');
	t->n++;
	table_place(t, (uint32_t)(t->n - 1));
	return e;
}

static void table_free(struct table *t)
{
	free(t->v);
	free(t->slots);
}

/* The id of key s (numbered from 1 in order of first sight). */
static uint32_t key_id(struct cache *c, const char *s, size_t n)
{
	uint32_t h = hash_bytes(s, n);
	struct entry *e = table_find(c, &c->keys, s, n, h);
	if (!e) {
		e = table_add(c, &c->keys, s, n, h);
		e->id = (uint32_t)c->keys.n;
	}
	return e->id;
}

/* One lexicon entry, its stems resolved. */
struct lex_pair {
	char *from;
	char *to;
	bool anti;
};

static char *stem_dup(struct token_ctx *ctx, const char *w)
{
	token_stem(ctx, w, strlen(w), &ctx->scratch);
	return xstrndup(ctx->scratch.data, ctx->scratch.len);
}

/* Synonyms and opposites keyed by stem, chains followed: "tiny" is
 * "small", which is the opposite of "large", so "tiny" is keyed as
 * "large" with the anti mark. */
static void lex_build(struct token_ctx *ctx, struct cache *c)
{
	const char *const(*syn)[2];
	const char *const(*ant)[2];
	size_t ns = lexicon_synonyms(&syn);
	size_t na = lexicon_antonyms(&ant);
	size_t n = ns + na;
	struct lex_pair *v = xcalloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		const char *const *pair = i < ns ? syn[i] : ant[i - ns];
		v[i].from = stem_dup(ctx, pair[0]);
		v[i].to = stem_dup(ctx, pair[1]);
		v[i].anti = i >= ns;
	}
	for (size_t i = 0; i < n; i++) {
		const char *to = v[i].to;
		bool anti = v[i].anti;
		/* A few steps at most: the tables have no cycles. */
		for (int step = 0; step < 4; step++) {
			size_t j = 0;
			while (j < n && strcmp(v[j].from, to) != 0)
				j++;
			if (j == n || j == i)
				break;
			to = v[j].to;
			anti ^= v[j].anti;
		}
		uint32_t h = hash_bytes(v[i].from, strlen(v[i].from));
		if (strcmp(v[i].from, to) == 0 ||
			table_find(c, &c->lex, v[i].from, strlen(v[i].from), h))
			continue;
		uint32_t id = key_id(c, to, strlen(to));
		struct entry *e =
			table_add(c, &c->lex, v[i].from, strlen(v[i].from), h);
		e->id = id;
		e->flags = anti ? TOKEN_ANTI : 0;
	}
	for (size_t i = 0; i < n; i++) {
		free(v[i].from);
		free(v[i].to);
	}
	free(v);
}

void token_ctx_init(struct token_ctx *ctx)
{
	struct cache *c = xcalloc(1, sizeof(*c));
	buf_init(&c->strings);
	ctx->cache = c;
	ctx->stemmer = sb_stemmer_new("english", NULL);
	if (!ctx->stemmer)
		xalloc_die();
	buf_init(&ctx->scratch);
	lex_build(ctx, c);
}

void token_ctx_free(struct token_ctx *ctx)
{
	struct cache *c = ctx->cache;
	buf_free(&c->strings);
	table_free(&c->keys);
	table_free(&c->words);
	table_free(&c->lex);
	free(c);
	ctx->cache = NULL;
	sb_stemmer_delete(ctx->stemmer);
	buf_free(&ctx->scratch);
	ctx->stemmer = NULL;
}

void token_list_init(struct token_list *l)
{
	memset(l, 0, sizeof(*l));
	buf_init(&l->keys);
}

void token_list_free(struct token_list *l)
{
	free(l->v);
	free(l->ids);
	free(l->typo);
	buf_free(&l->keys);
	memset(l, 0, sizeof(*l));
}

static bool ascii_letters(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (w[i] < 'a' || w[i] > 'z')
			return false;
	}
	return true;
}

void token_stem(struct token_ctx *ctx, const char *w, size_t n, struct buf *out)
{
	buf_clear(out);
	if (n < 3 || !ascii_letters(w, n)) {
		buf_add(out, w, n);
		return;
	}
	const sb_symbol *s =
		sb_stemmer_stem(ctx->stemmer, (const sb_symbol *)w, (int)n);
	if (!s) {
		buf_add(out, w, n);
		return;
	}
	buf_add(out, (const char *)s, (size_t)sb_stemmer_length(ctx->stemmer));
}

static uint16_t count_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	}
	return c > UINT16_MAX ? UINT16_MAX : (uint16_t)c;
}

struct scan {
	struct token_ctx *ctx;
	struct token_list *l;
	const char *text;
	size_t len;
	uint32_t pos;
	bool brk; /* a clause boundary since the last token */
	bool sent; /* a sentence boundary since the last token */
};

static struct token *add_id(struct scan *sc, size_t off, size_t len,
	const char *key, size_t key_len, uint32_t id, enum token_kind kind,
	unsigned flags)
{
	struct token_list *l = sc->l;
	/* Lists are reused: there is room but for the first texts. */
	if (l->n + 1 > l->cap)
		xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	struct token *t = &l->v[l->n++];
	t->off = (uint32_t)off;
	t->len = (uint32_t)len;
	t->key = (uint32_t)l->keys.len;
	t->key_len = (uint32_t)key_len;
	t->id = id;
	/* One copy with its terminator: this runs for every token. */
	struct buf *kb = &l->keys;
	if (kb->len + key_len + 2 > kb->cap)
		xgrow((void **)&kb->data, &kb->cap, kb->len + key_len + 2, 1);
	memcpy(kb->data + kb->len, key, key_len);
	kb->len += key_len + 1;
	kb->data[kb->len - 1] = '\0';
	kb->data[kb->len] = '\0';
	t->span = 1;
	t->kind = (uint8_t)kind;
	t->flags = (uint8_t)flags;
	if (!(flags & TOKEN_ALT)) {
		if (sc->brk)
			t->flags |= TOKEN_BREAK;
		if (sc->sent)
			t->flags |= TOKEN_SENT;
		sc->brk = false;
		sc->sent = false;
		t->pos = sc->pos++;
	} else {
		t->pos = sc->pos;
	}
	return t;
}

static struct token *add(struct scan *sc, size_t off, size_t len,
	const char *key, size_t key_len, enum token_kind kind, unsigned flags)
{
	uint32_t id = key_id(sc->ctx->cache, key, key_len);
	struct token *t = add_id(sc, off, len, key, key_len, id, kind, flags);
	t->chars = count_chars(sc->text + off, len);
	return t;
}

/* What a word is: its key, kind and flags (stop words, negators, number
 * words, synonyms and antonyms, stem). */
static void analyse_word(struct scan *sc, const char *w, size_t n,
	struct buf *key, enum token_kind *kind, unsigned *flags_out)
{
	unsigned flags = 0;
	buf_clear(key);
	*kind = TOKEN_WORD;
	if (lexicon_stop_en(w, n))
		flags |= TOKEN_STOP;
	if (lexicon_negator(w, n))
		flags |= TOKEN_NEG;
	/* Every negator says the same thing: "no closed path" and "not in a
	 * closed path" agree. */
	if (flags & TOKEN_NEG) {
		buf_add(key, "not", 3);
		*flags_out = flags;
		return;
	}
	const char *digits = lexicon_number(w, n);
	if (digits) {
		buf_adds(key, digits);
		*kind = TOKEN_NUM;
		*flags_out = flags;
		return;
	}
	if (lexicon_conjunction(w, n))
		flags |= TOKEN_CONJ;
	token_stem(sc->ctx, w, n, key);
	/* A synonym or an opposite: the key of the word it stands for. */
	struct cache *c = sc->ctx->cache;
	const struct entry *e = table_find(c, &c->lex, key->data, key->len,
		hash_bytes(key->data, key->len));
	if (e) {
		const struct entry *k = &c->keys.v[e->id - 1];
		buf_clear(key);
		buf_add(key, c->strings.data + k->off, k->len);
		flags |= e->flags;
	}
	*flags_out = flags;
}

/* A word, analysed once per context and then taken from the cache. */
static void add_word(
	struct scan *sc, size_t off, size_t len, const char *w, size_t n)
{
	struct cache *c = sc->ctx->cache;
	uint32_t h = hash_bytes(w, n);
	struct entry *e = table_find(c, &c->words, w, n, h);
	if (!e) {
		struct buf *key = &sc->ctx->scratch;
		enum token_kind kind;
		unsigned flags;
		analyse_word(sc, w, n, key, &kind, &flags);
		uint32_t id = key_id(c, key->data, key->len);
		e = table_add(c, &c->words, w, n, h);
		e->id = id;
		e->chars = count_chars(w, n);
		e->kind = (uint8_t)kind;
		e->flags = (uint8_t)flags;
	}
	const struct entry *k = &c->keys.v[e->id - 1];
	struct token *t = add_id(sc, off, len, c->strings.data + k->off, k->len,
		e->id, (enum token_kind)e->kind, e->flags);
	/* The cached word is the surface, unless an apostrophe was dropped. */
	t->chars = len == n ? e->chars : count_chars(sc->text + off, len);
}

static bool is_clitic(const char *s, size_t n)
{
	static const char *const clitics[] = {"s", "d", "ll", "re", "ve", "m"};
	for (size_t i = 0; i < sizeof(clitics) / sizeof(clitics[0]); i++) {
		if (strlen(clitics[i]) == n && memcmp(s, clitics[i], n) == 0)
			return true;
	}
	return false;
}

/* A word part holding an apostrophe: "isn't" gives "is" and "not",
 * "model's" gives "model", "o'neil" gives "oneil". */
static void add_apostrophe_word(struct scan *sc, size_t off, size_t len)
{
	const char *w = sc->text + off;
	if (len >= 4 && memcmp(w + len - 3, "n't", 3) == 0) {
		size_t bn = len - 3;
		/* can't, won't, shan't: the base is a stop word anyway */
		bool odd = (bn == 2 &&
				   (memcmp(w, "ca", 2) == 0 ||
					   memcmp(w, "wo", 2) == 0)) ||
			(bn == 3 && memcmp(w, "sha", 3) == 0);
		if (!odd)
			add_word(sc, off, bn, w, bn);
		add(sc, off + bn, 3, "not", 3, TOKEN_WORD, TOKEN_NEG);
		return;
	}
	const char *ap = memchr(w, '\'', len);
	size_t head = (size_t)(ap - w);
	if (is_clitic(ap + 1, len - head - 1)) {
		add_word(sc, off, head, w, head);
		return;
	}
	struct buf joined;
	buf_init(&joined);
	for (size_t i = 0; i < len; i++) {
		if (w[i] != '\'')
			buf_addc(&joined, w[i]);
	}
	add_word(sc, off, len, joined.data, joined.len);
	buf_free(&joined);
}

struct part {
	size_t start;
	size_t end;
	bool letter;
	bool digit;
	bool apostrophe;
	bool paren; /* f(...) code */
};

static void add_part(struct scan *sc, const struct part *p)
{
	const char *s = sc->text + p->start;
	size_t n = p->end - p->start;
	if (p->paren) {
		struct buf *k = &sc->ctx->scratch;
		buf_clear(k);
		for (size_t i = 0; i < n; i++) {
			if (s[i] != ' ')
				buf_addc(k, s[i]);
		}
		add(sc, p->start, n, k->data, k->len, TOKEN_CODE, 0);
	} else if (p->digit && !p->letter) {
		struct buf *k = &sc->ctx->scratch;
		buf_clear(k);
		for (size_t i = 0; i < n; i++) {
			if (s[i] != ',')
				buf_addc(k, s[i]);
		}
		add(sc, p->start, n, k->data, k->len, TOKEN_NUM, 0);
	} else if (p->digit) {
		add(sc, p->start, n, s, n, TOKEN_CODE, 0);
	} else if (p->apostrophe) {
		add_apostrophe_word(sc, p->start, n);
	} else {
		add_word(sc, p->start, n, s, n);
	}
}

/* norm_classify for an ASCII byte, without decoding: most text is ASCII
 * and this runs for every byte. */
static inline enum norm_class ascii_class(unsigned char b)
{
	if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))
		return NORM_LETTER;
	if (b >= '0' && b <= '9')
		return NORM_DIGIT;
	if (b == ' ' || (b >= '\t' && b <= '\r'))
		return NORM_SPACE;
	return NORM_PUNCT;
}

static inline enum norm_class class_at(
	const struct scan *sc, size_t i, size_t *k)
{
	unsigned char b = (unsigned char)sc->text[i];
	if (b < 0x80) {
		*k = 1;
		return ascii_class(b);
	}
	int32_t cp;
	*k = norm_decode(sc->text + i, sc->len - i, &cp);
	return norm_classify(cp);
}

static bool wordish_at(const struct scan *sc, size_t i)
{
	if (i >= sc->len)
		return false;
	size_t k;
	enum norm_class c = class_at(sc, i, &k);
	return c == NORM_LETTER || c == NORM_DIGIT;
}

static bool digit_at(const struct scan *sc, size_t i)
{
	return i < sc->len && sc->text[i] >= '0' && sc->text[i] <= '9';
}

/* "o(n log n)", "f(x)": a single letter, then a short parenthesis of
 * formula characters. Returns the end, or 0 when it is not one. */
static size_t paren_code_end(const struct scan *sc, size_t i)
{
	if (i >= sc->len || sc->text[i] != '(')
		return 0;
	for (size_t j = i + 1; j < sc->len && j - i <= CODE_PAREN_MAX; j++) {
		char c = sc->text[j];
		if (c == ')')
			return j > i + 1 ? j + 1 : 0;
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			c == ' ' || c == '^' || c == '*' || c == '+' ||
			c == '/' || c == '.' || c == '-';
		if (!ok)
			return 0;
	}
	return 0;
}

/* Scans one part of a word from i; returns its end. */
static size_t scan_part(struct scan *sc, size_t i, struct part *p)
{
	memset(p, 0, sizeof(*p));
	p->start = i;
	bool prev_digit = false;
	bool prev_letter = false;
	while (i < sc->len) {
		/* A run of ASCII lower-case letters, the bulk of any text. */
		const char *t = sc->text;
		if (t[i] >= 'a' && t[i] <= 'z') {
			do
				i++;
			while (i < sc->len && t[i] >= 'a' && t[i] <= 'z');
			p->letter = true;
			prev_letter = true;
			prev_digit = false;
			continue;
		}
		size_t k;
		enum norm_class c = class_at(sc, i, &k);
		if (c == NORM_LETTER || c == NORM_MARK) {
			p->letter = true;
			prev_letter = true;
			prev_digit = false;
		} else if (c == NORM_DIGIT) {
			p->digit = true;
			prev_digit = true;
			prev_letter = false;
		} else if ((sc->text[i] == '.' || sc->text[i] == ',') &&
			prev_digit && digit_at(sc, i + 1)) {
			prev_digit = false;
		} else if (sc->text[i] == '\'' && prev_letter &&
			i + 1 < sc->len &&
			class_at(sc, i + 1, &k) == NORM_LETTER) {
			p->apostrophe = true;
			prev_letter = false;
		} else {
			break;
		}
		i += k;
	}
	p->end = i;
	if (p->end - p->start == 1 && p->letter) {
		size_t e = paren_code_end(sc, i);
		if (e) {
			p->paren = true;
			p->end = e;
		}
	}
	return p->end;
}

/* A word: one part, or a compound of parts joined by '-' or '_'. */
static size_t scan_word(struct scan *sc, size_t i)
{
	struct part parts[COMPOUND_PARTS_MAX];
	size_t n = 0;
	for (;;) {
		i = scan_part(sc, i, &parts[n++]);
		bool joiner = i < sc->len &&
			(sc->text[i] == '-' || sc->text[i] == '_');
		if (!joiner || n == COMPOUND_PARTS_MAX || parts[n - 1].paren ||
			!wordish_at(sc, i + 1))
			break;
		i++;
	}
	bool joinable = n >= 2;
	bool letter = false;
	bool digit = false;
	for (size_t j = 0; j < n; j++) {
		if (parts[j].apostrophe || parts[j].paren)
			joinable = false;
		letter |= parts[j].letter;
		digit |= parts[j].digit;
	}
	if (joinable) {
		struct buf joined;
		buf_init(&joined);
		for (size_t j = 0; j < n; j++)
			buf_add(&joined, sc->text + parts[j].start,
				parts[j].end - parts[j].start);
		size_t off = parts[0].start;
		size_t len = parts[n - 1].end - off;
		struct token *t;
		if (digit) {
			t = add(sc, off, len, joined.data, joined.len,
				letter ? TOKEN_CODE : TOKEN_NUM, TOKEN_ALT);
		} else {
			struct buf *st = &sc->ctx->scratch;
			token_stem(sc->ctx, joined.data, joined.len, st);
			t = add(sc, off, len, st->data, st->len, TOKEN_WORD,
				TOKEN_ALT);
		}
		t->span = (uint8_t)n;
		buf_free(&joined);
	}
	for (size_t j = 0; j < n; j++)
		add_part(sc, &parts[j]);
	return i;
}

static bool is_clause_punct(int32_t cp)
{
	switch (cp) {
	case '.':
	case ',':
	case ';':
	case ':':
	case '!':
	case '?':
	case 0x3001:
	case 0x3002:
	case 0xFF61:
	case 0xFF64:
		return true;
	default:
		return false;
	}
}

/* Ends a sentence: a subject named before it no longer holds after it. */
static bool is_sentence_punct(int32_t cp)
{
	switch (cp) {
	case '.':
	case ';':
	case '!':
	case '?':
	case 0x3002:
	case 0xFF01:
	case 0xFF1B:
	case 0xFF1F:
	case 0xFF61:
		return true;
	default:
		return false;
	}
}

/* A list item's bullet ("- ", "* ", "• " after a space or at the start):
 * list items are sentences, with or without their full stop. */
static bool is_bullet(const struct scan *sc, size_t i, size_t k, int32_t cp)
{
	if (cp != '-' && cp != '*' && cp != 0x2022)
		return false;
	bool before = i == 0 || sc->text[i - 1] == ' ';
	bool after = i + k < sc->len && sc->text[i + k] == ' ';
	return before && after;
}

static void add_cjk(struct scan *sc, size_t i, size_t k, size_t *prev)
{
	const char *s = sc->text + i;
	if (*prev != SIZE_MAX) {
		const struct token *p = &sc->l->v[*prev];
		struct buf *key = &sc->ctx->scratch;
		buf_clear(key);
		buf_add(key, sc->text + p->off, p->len);
		buf_add(key, s, k);
		unsigned flags = TOKEN_ALT;
		bool stop = (p->flags & TOKEN_STOP) || lexicon_stop_zh(s, k) ||
			lexicon_stop_zh(key->data, key->len);
		if (stop)
			flags |= TOKEN_STOP;
		if (lexicon_negator(key->data, key->len))
			flags |= TOKEN_NEG;
		uint32_t pos = p->pos;
		struct token *t = add(sc, p->off, i + k - p->off, key->data,
			key->len, TOKEN_CJK, flags);
		t->pos = pos;
		t->span = 2;
		t->chars = 2;
	}
	unsigned flags = 0;
	if (lexicon_stop_zh(s, k))
		flags |= TOKEN_STOP;
	if (lexicon_negator(s, k))
		flags |= TOKEN_NEG;
	add(sc, i, k, s, k, TOKEN_CJK, flags);
	*prev = sc->l->n - 1;
}

void token_split(struct token_ctx *ctx, const char *text, size_t len,
	struct token_list *l)
{
	l->n = 0;
	buf_clear(&l->keys);
	l->text = text;
	struct scan sc = {ctx, l, text, len, 0, false, false};
	size_t prev_cjk = SIZE_MAX;
	size_t i = 0;
	while (i < len) {
		int32_t cp = (unsigned char)text[i];
		size_t k = 1;
		enum norm_class c;
		if (cp < 0x80) {
			c = ascii_class((unsigned char)cp);
		} else {
			k = norm_decode(text + i, len - i, &cp);
			c = norm_classify(cp);
		}
		if (c == NORM_SPACE) {
			i += k;
			continue;
		}
		if (c == NORM_CJK) {
			add_cjk(&sc, i, k, &prev_cjk);
			i += k;
			continue;
		}
		prev_cjk = SIZE_MAX;
		if (c == NORM_LETTER || c == NORM_DIGIT) {
			i = scan_word(&sc, i);
			continue;
		}
		/* "agents ≠ RAG": the sign says "not". */
		if (cp == 0x2260) {
			add(&sc, i, k, "not", 3, TOKEN_WORD, TOKEN_NEG);
			i += k;
			continue;
		}
		if (is_clause_punct(cp))
			sc.brk = true;
		if (is_sentence_punct(cp) || is_bullet(&sc, i, k, cp))
			sc.brk = sc.sent = true;
		i += k;
	}
	l->n_pos = sc.pos;
	if (!l->keys.data)
		buf_addc(&l->keys, '\0');
	if (l->n > l->index_cap) {
		l->index_cap = l->n;
		l->ids = xrealloc(l->ids, l->n * sizeof(*l->ids));
		l->typo = xrealloc(l->typo, l->n * sizeof(*l->typo));
	}
	l->n_typo = 0;
	for (size_t j = 0; j < l->n; j++) {
		const struct token *t = &l->v[j];
		l->ids[j] = t->id;
		if (t->kind != TOKEN_WORD || t->chars < MATCH_TYPO_MIN1)
			continue;
		struct token_typo *y = &l->typo[l->n_typo++];
		y->index = (uint32_t)j;
		y->key0 = l->keys.data[t->key];
		y->surface0 = text[t->off];
	}
}
