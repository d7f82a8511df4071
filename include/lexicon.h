/* lexicon: the word lists of the grader: English and Chinese stop words
 * (no key point), negators, conjunctions, antonyms, synonyms and number
 * words. Function words that change what an answer says (not, no,
 * before, after, all, each, only, same, more, less, ...) are deliberately
 * not stop words. Words are compared in normalized form (lower case, no
 * apostrophes). */
#ifndef QUIZ_LEXICON_H
#define QUIZ_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

/* An English stop word (n bytes of s). */
bool lexicon_stop_en(const char *s, size_t n);
/* A Chinese stop character or word (UTF-8). */
bool lexicon_stop_zh(const char *s, size_t n);
/* A word that negates what follows it: not, no, never, without, 不, 没有... */
bool lexicon_negator(const char *s, size_t n);

/* A conjunction after which a negation no longer holds: but, although... */
bool lexicon_conjunction(const char *s, size_t n);

/* When the word (lower case) is the opposite of a more basic word
 * ("different" of "same", "open" of "closed", "incomplete" of "complete"),
 * returns that word; else NULL. "not the same" and "different" then say
 * the same thing, and "the same" contradicts both. */
const char *lexicon_antonym(const char *s, size_t n);

/* The word a synonym is keyed as ("smallest" -> "minimum"), or NULL. */
const char *lexicon_synonym(const char *s, size_t n);

/* The digits of a number word ("one" -> "1", up to "twenty"), or NULL. */
const char *lexicon_number(const char *s, size_t n);

#endif
