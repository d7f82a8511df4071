/* token: splits normalized text (see norm.h) into the units the matcher
 * compares. Words of spaced scripts split by Unicode category and keyed by
 * their English stem; hyphenated compounds give their parts and, as an
 * alternative token, the joined form; numbers and code-like words (p99,
 * fp16, o(n log n)) are kept whole and keyed exactly; Han, Kana and Hangul
 * give one token per character and, as alternatives, the bigrams of
 * neighbouring characters.
 *
 * Ownership: a token_list owns its tokens and the key arena; tokens refer
 * to the text passed to token_split by offset, and the caller keeps that
 * text alive as long as it reads surfaces. Lists are reused between calls
 * so that tokenizing allocates nothing per token. */
#ifndef QUIZ_TOKEN_H
#define QUIZ_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum token_kind {
	TOKEN_WORD, /* letters: keyed by stem, typos tolerated */
	TOKEN_NUM, /* digits, with . or , between them: exact */
	TOKEN_CODE, /* letters and digits mixed, or f(...): exact */
	TOKEN_CJK, /* one Han/Kana/Hangul character, or a bigram */
};

enum token_flag {
	TOKEN_STOP = 1, /* a stop word: no key point, skipped in phrases */
	TOKEN_ALT = 2, /* alternative: joined compound or CJK bigram */
	TOKEN_NEG = 4, /* a negator (not, no, never, 不, ...) */
	TOKEN_BREAK = 8, /* a clause boundary (. , ; : ! ?) comes before it */
	TOKEN_ANTI = 16, /* an antonym keyed by its opposite: "different" has
			  * the key of "same" and this flag */
	TOKEN_CONJ = 32, /* a conjunction that ends a negation's scope (but) */
	TOKEN_SENT = 64, /* a sentence boundary (. ; ! ?) comes before it */
};

struct token {
	uint32_t off; /* surface: text[off .. off+len) */
	uint32_t len;
	uint32_t key; /* key: keys.data[key .. key+key_len), NUL-terminated */
	uint32_t key_len;
	uint32_t id; /* the key's number in the token_ctx: same key, same id */
	uint32_t pos; /* word position; an alternative has its first part's */
	uint16_t chars; /* surface length in characters */
	uint8_t span; /* positions covered: 1, or the parts of an alternative */
	uint8_t kind; /* enum token_kind */
	uint8_t flags; /* enum token_flag */
};

/* Tokens in nondecreasing pos order: a compound's joined form comes right
 * before its first part, a CJK bigram right after its first character. */
struct token_list {
	struct token *v;
	size_t n;
	size_t cap;
	struct buf keys;
	const char *text; /* the text split (not owned) */
	uint32_t n_pos; /* number of positions */
	/* For the matcher's one-word search: every token's id, in order, and
	 * the tokens that may match with a typo (words of MATCH_TYPO_MIN1
	 * characters or more) with the first bytes of key and surface. */
	uint32_t *ids;
	struct token_typo *typo;
	size_t n_typo;
	size_t index_cap;
};

struct token_typo {
	uint32_t index;
	char key0;
	char surface0;
};

/* Per-thread tokenizer state: the stemmer, and a cache of analysed words
 * and numbered keys, so that a word seen before costs one hash lookup.
 * Key ids are only comparable between lists split by the same context. */
struct token_ctx {
	void *stemmer;
	struct buf scratch;
	void *cache; /* private to token.c */
};

void token_ctx_init(struct token_ctx *ctx);
void token_ctx_free(struct token_ctx *ctx);

void token_list_init(struct token_list *l);
void token_list_free(struct token_list *l);

/* Replaces l's contents with the tokens of text (len bytes, normalized by
 * norm_text). */
void token_split(struct token_ctx *ctx, const char *text, size_t len,
	struct token_list *l);

static inline const char *token_key(
	const struct token_list *l, const struct token *t)
{
	return l->keys.data + t->key;
}

static inline const char *token_surface(
	const struct token_list *l, const struct token *t)
{
	return l->text + t->off;
}

/* The English stem of a lower-case word, written to out (replaced). */
void token_stem(
	struct token_ctx *ctx, const char *w, size_t n, struct buf *out);

#endif
