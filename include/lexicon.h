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
/* A word that makes no key point of an answer: an English stop word, or
 * one of the function words the grader keeps because they change meaning
 * (before, only, same, more, ...). For keyword generation. */
bool lexicon_stop_content(const char *s, size_t n);
/* A Chinese stop character or word (UTF-8). */
bool lexicon_stop_zh(const char *s, size_t n);
/* A word that negates what follows it: not, no, never, without, 不, 没有... */
bool lexicon_negator(const char *s, size_t n);

/* A conjunction after which a negation no longer holds: but, although... */
bool lexicon_conjunction(const char *s, size_t n);

/* The opposites, as pairs {word, the word it is the opposite of}: "not
 * the same" and "different" say the same thing, and "the same"
 * contradicts both. Both columns are plain words; the tokenizer compares
 * them by stem. Returns the number of pairs. */
size_t lexicon_antonyms(const char *const (**pairs)[2]);

/* The synonyms, as pairs {word, the word it is keyed as} ("smallest",
 * "minimum"), compared by stem like the opposites. */
size_t lexicon_synonyms(const char *const (**pairs)[2]);

/* Most phrases in one paraphrase class. */
#define LEXICON_CLASS_MAX 8

/* The paraphrase classes: each a NULL-terminated list of phrases of the
 * same meaning ("latency", "response time", "延迟"). */
size_t lexicon_paraphrases(
	const char *const (**classes)[LEXICON_CLASS_MAX + 1]);

/* The digits of a number word ("one" -> "1", up to "twenty"), or NULL. */
const char *lexicon_number(const char *s, size_t n);

#endif
