/* match: pure functions that compare an answer's tokens with a key point's
 * tokens. Bounded Damerau (optimal string alignment) distance with a typo
 * budget that grows with word length, phrases matched in order within a
 * small window with partial credit, and acronyms against their expansions.
 * No I/O and no allocation: callers pass every buffer. */
#ifndef QUIZ_MATCH_H
#define QUIZ_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "token.h"

/* Edits allowed for a word of n characters (0 for short words). */
int match_typo_budget(size_t n);

/* Optimal string alignment distance between a and b (bytes), or max + 1
 * as soon as it must exceed max. max is at most MATCH_TYPO_MAX. */
int match_distance(const char *a, size_t na, const char *b, size_t nb, int max);

/* Credit for answer token a against key-point token k: 1 for the same key
 * (both lists split by the same token_ctx), MATCH_TYPO_CREDIT within the
 * typo budget (words only), else 0. */
double match_token(const struct token_list *al, const struct token *a,
	const struct token_list *kl, const struct token *k);

/* A key-point phrase: the indices of its tokens in kl, in order. glued
 * (NULL: none) marks the tokens that must stand right after the previous
 * one, the parts of a hyphenated compound ("data-centric"); exact
 * phrases match without typos. */
struct match_phrase {
	const struct token_list *kl;
	const uint32_t *idx;
	size_t n;
	const bool *glued;
	bool exact; /* no typos: an acronym (OLTP is not OLAP) */
};

/* The answer's best in-order match of the phrase: consecutive matched
 * tokens at most MATCH_PHRASE_WINDOW positions apart (glued ones
 * adjacent), never across clause punctuation, skipping positions marked in
 * used (may be NULL); of equal matches the tightest, so that the result
 * does not depend on the order of the answer's clauses. Returns the credit in
 * [0,1]: the sum of token credits over the number of the phrase's content
 * words, or 0 when fewer than MATCH_PARTIAL_MIN of them were found in a phrase
 * not found whole. hits[i] receives the answer token index matched to phrase
 * token i, or SIZE_MAX (hits has ph->n entries; scratch too). Both lists must
 * come from the same token_ctx (keys are compared by id). */
double match_phrase(const struct token_list *al, const bool *used,
	const struct match_phrase *ph, size_t *hits, size_t *scratch);

/* Acronym of the phrase: an answer word spelled by the initials of the
 * phrase's words (of at least MATCH_ACRONYM_MIN of them). Returns the
 * answer token index or SIZE_MAX. */
size_t match_acronym_of_phrase(const struct token_list *al, const bool *used,
	const struct match_phrase *ph);

/* Expansion of an acronym: the single-word phrase ph (2 to
 * MATCH_ACRONYM_MAX letters) spelled by the initials of consecutive answer
 * words (stop words between them skipped). Returns the number of answer
 * tokens written to hits (at most MATCH_ACRONYM_MAX), 0 when none. */
size_t match_expansion_of_acronym(const struct token_list *al, const bool *used,
	const struct match_phrase *ph, size_t *hits);

/* Whether a negator stands before token index of l in the same clause
 * (no clause punctuation or "but" between) with no content word between
 * them: "not connected to the positive terminal" negates "connected", not
 * "positive". */
bool match_negated(const struct token_list *l, size_t index);

#endif
