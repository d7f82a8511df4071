/* norm: text normalization for grading and display width for the session.
 * The only module that calls utf8proc. Normalized text is NFKC, case
 * folded, with combining marks stripped from Latin, Greek and Cyrillic
 * letters (never from other scripts), punctuation lumped (curly quotes,
 * dashes, odd spaces to ASCII), default-ignorable code points and control
 * characters removed, and whitespace collapsed to single spaces with none
 * at either end. Invalid UTF-8 becomes U+FFFD.
 *
 * Ownership: struct norm owns its output buffer; the pointer returned by
 * norm_text stays valid until the next call on the same struct or
 * norm_free. Not thread-safe per struct; use one per thread. */
#ifndef QUIZ_NORM_H
#define QUIZ_NORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct norm {
	struct buf out; /* the normalized text */
	size_t *src_start; /* per output byte: source offset where its character
			      began */
	size_t *src_end; /* per output byte: source offset just after it */
	size_t map_cap;
	int32_t *cps; /* scratch for decompositions */
	size_t cps_cap;
};

void norm_init(struct norm *n);
void norm_free(struct norm *n);

/* Normalizes len bytes of s into n->out and returns n->out.data. With map,
 * also fills n->src_start and n->src_end for every output byte so that
 * spans of the output can be traced back to the input. */
const char *norm_text(struct norm *n, const char *s, size_t len, bool map);

/* The same result without the ASCII fast path: every character goes
 * through utf8proc. For tests and benchmarks that prove the fast path
 * exact. */
const char *norm_text_slow(struct norm *n, const char *s, size_t len);

/* Character classes the tokenizer needs (by Unicode category and, for
 * scripts written without spaces, by code-point range). */
enum norm_class {
	NORM_SPACE,
	NORM_LETTER, /* L* in a script written with spaces */
	NORM_MARK, /* M*: belongs to the preceding letter */
	NORM_DIGIT, /* Nd, and other numbers */
	NORM_CJK, /* Han, Hiragana, Katakana, Hangul */
	NORM_PUNCT, /* everything else */
};

/* Decodes one character at s (len > 0 bytes available) into *cp and
 * returns its length in bytes (>= 1). An invalid byte gives U+FFFD and 1. */
size_t norm_decode(const char *s, size_t len, int32_t *cp);
enum norm_class norm_classify(int32_t cp);

/* Terminal columns of len bytes of UTF-8 (CJK and emoji 2, combining marks
 * and controls 0, invalid bytes 1). */
size_t norm_width(const char *s, size_t len);
/* The longest prefix of s (len bytes), ending on a character boundary,
 * that fits in cols columns; returns its length in bytes. */
size_t norm_fit(const char *s, size_t len, size_t cols);

/* Single code points, for modules other than the grader (mojibake
 * repair, import): the Unicode general category (numbered as utf8proc
 * numbers them), Extended_Pictographic (emoji; also (c) and TM), UTF-8
 * encoding and strict decoding. */
enum norm_category {
	NORM_CAT_CN,
	NORM_CAT_LU,
	NORM_CAT_LL,
	NORM_CAT_LT,
	NORM_CAT_LM,
	NORM_CAT_LO,
	NORM_CAT_MN,
	NORM_CAT_MC,
	NORM_CAT_ME,
	NORM_CAT_ND,
	NORM_CAT_NL,
	NORM_CAT_NO,
	NORM_CAT_PC,
	NORM_CAT_PD,
	NORM_CAT_PS,
	NORM_CAT_PE,
	NORM_CAT_PI,
	NORM_CAT_PF,
	NORM_CAT_PO,
	NORM_CAT_SM,
	NORM_CAT_SC,
	NORM_CAT_SK,
	NORM_CAT_SO,
	NORM_CAT_ZS,
	NORM_CAT_ZL,
	NORM_CAT_ZP,
	NORM_CAT_CC,
	NORM_CAT_CF,
	NORM_CAT_CS,
	NORM_CAT_CO,
};
enum norm_category norm_category(int32_t cp);
bool norm_is_pictographic(int32_t cp);
/* Writes cp as UTF-8 (cp must be a valid scalar value); returns 1..4. */
size_t norm_encode(int32_t cp, char out[4]);
/* Decodes one character of valid UTF-8 at s (len > 0) into *cp and returns
 * its length, or 0 when the bytes there are not valid UTF-8. */
size_t norm_decode_strict(const char *s, size_t len, int32_t *cp);

/* Script classes for mojibake repair and import. A Han ideograph of the
 * Basic Multilingual Plane (unified ideographs and extension A: the ones
 * Chinese notes use; NORM_CJK is the wider class the tokenizer needs). */
bool norm_is_han(int32_t cp);
/* CJK punctuation and full-width forms (U+3000-303F, U+FF00-FFEF): the
 * marks that stand between Han characters. */
bool norm_is_cjk_punct(int32_t cp);
/* Whether NUL-terminated s has a Han ideograph before its first invalid
 * UTF-8 sequence. */
bool norm_has_han(const char *s);

#endif
