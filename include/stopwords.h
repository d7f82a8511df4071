/* stopwords: the English and Chinese words that carry no key point, and
 * the negators. Function words that change what an answer says (not, no,
 * before, after, all, each, only, same, more, less, ...) are deliberately
 * not stop words. Words are compared in normalized form (lower case, no
 * apostrophes). */
#ifndef QUIZ_STOPWORDS_H
#define QUIZ_STOPWORDS_H

#include <stdbool.h>
#include <stddef.h>

/* An English stop word (n bytes of s). */
bool stopwords_en(const char *s, size_t n);
/* A word that makes no key point of an answer: an English stop word, or
 * one of the function words the grader keeps because they change meaning
 * (before, only, same, more, ...). For keyword generation. */
bool stopwords_content(const char *s, size_t n);
/* A Chinese stop character or word (UTF-8). */
bool stopwords_zh(const char *s, size_t n);
/* A word that negates what follows it: not, no, never, without, 不, 没有... */
bool stopwords_negator(const char *s, size_t n);

/* A conjunction after which a negation no longer holds: but, although... */
bool stopwords_conjunction(const char *s, size_t n);

/* When the word (lower case) is the opposite of a more basic word
 * ("different" of "same", "open" of "closed", "incomplete" of "complete"),
 * returns that word; else NULL. "not the same" and "different" then say
 * the same thing, and "the same" contradicts both. */
const char *stopwords_antonym(const char *s, size_t n);

/* The word a synonym is keyed as ("smallest" -> "minimum"), or NULL. */
const char *stopwords_synonym(const char *s, size_t n);

/* The digits of a number word ("one" -> "1", up to "twenty"), or NULL. */
const char *stopwords_number(const char *s, size_t n);

#endif
