/* Unit tests of norm: NFKC, case folding, mark stripping limited to
 * Latin/Greek/Cyrillic, lumping, ignorables, whitespace, invalid UTF-8,
 * the ASCII fast path against the utf8proc path, and display width. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "norm.h"

static const char *nz(struct norm *n, const char *s)
{
	return norm_text(n, s, strlen(s), false);
}

static void folds_case_and_compatibility_forms(void)
{
	struct norm n;
	norm_init(&n);
	CHECK_STR(nz(&n, "Hello WORLD"), "hello world");
	CHECK_STR(nz(&n,
			  "\xef\xbc\xa8\xef\xbd\x85\xef\xbd\x8c\xef\xbd\x8c\xef"
			  "\xbd\x8f"),
		"hello"); /* Ｈｅｌｌｏ */
	CHECK_STR(nz(&n, "\xef\xbc\x8c"), ","); /* ， */
	CHECK_STR(nz(&n, "\xef\xac\x81le"), "file"); /* ﬁle */
	CHECK_STR(nz(&n, "\xe2\x91\xa0"), "1"); /* ① */
	CHECK_STR(nz(&n,
			  "Stra\xc3\x9f"
			  "e"),
		"strasse"); /* Straße */
	CHECK_STR(
		nz(&n, "\xce\xa3\xce\x99\xce\xa3"), "\xcf\x83\xce\xb9\xcf\x83");
	norm_free(&n);
}

static void strips_marks_from_latin_greek_cyrillic_only(void)
{
	struct norm n;
	norm_init(&n);
	CHECK_STR(nz(&n, "caf\xc3\xa9 na\xc3\xafve"), "cafe naive");
	CHECK_STR(nz(&n, "cafe\xcc\x81"), "cafe"); /* combining acute */
	CHECK_STR(nz(&n, "\xce\xac"), "\xce\xb1"); /* ά -> α */
	CHECK_STR(nz(&n, "\xd0\x99"), "\xd0\xb8"); /* Й -> и */
	/* Japanese voicing marks and Hindi vowel signs are not decoration. */
	CHECK_STR(nz(&n, "\xe3\x81\x8c"), "\xe3\x81\x8c"); /* が */
	CHECK_STR(nz(&n, "\xe3\x81\x8b\xe3\x82\x99"), "\xe3\x81\x8c"); /* か+゙ */
	CHECK_STR(nz(&n, "\xe0\xa4\x95\xe0\xa4\xbf"),
		"\xe0\xa4\x95\xe0\xa4\xbf"); /* कि */
	CHECK_STR(nz(&n, "\xea\xb0\x80"), "\xea\xb0\x80"); /* 가 */
	norm_free(&n);
}

static void lumps_punctuation_and_drops_ignorables(void)
{
	struct norm n;
	norm_init(&n);
	CHECK_STR(
		nz(&n, "\xe2\x80\x9cit\xe2\x80\x99s\xe2\x80\x9d"), "\"it's\"");
	CHECK_STR(nz(&n,
			  "a\xe2\x80\x94"
			  "b\xe2\x80\x93"
			  "c\xe2\x88\x92"
			  "d"),
		"a-b-c-d");
	CHECK_STR(nz(&n, "\xe3\x80\x8cq\xe3\x80\x8d"), "\"q\""); /* 「q」 */
	CHECK_STR(nz(&n, "\xef\xbb\xbfzero\xe2\x80\x8bwidth"), "zerowidth");
	CHECK_STR(nz(&n,
			  "soft\xc2\xad"
			  "hyphen"),
		"softhyphen");
	CHECK_STR(nz(&n,
			  "a\xc2\xa0"
			  "b\xe2\x80\x83"
			  "c"),
		"a b c");
	norm_free(&n);
}

static void collapses_whitespace_and_controls(void)
{
	struct norm n;
	norm_init(&n);
	CHECK_STR(nz(&n, "  a \t\n b\r\n\n c  "), "a b c");
	CHECK_STR(nz(&n,
			  "a\x01\x7f"
			  "b"),
		"ab");
	CHECK_STR(nz(&n, ""), "");
	CHECK_STR(nz(&n, " \n\t "), "");
	CHECK_INT(n.out.len, 0);
	norm_free(&n);
}

static void replaces_invalid_utf8(void)
{
	struct norm n;
	norm_init(&n);
	CHECK_STR(nz(&n,
			  "a\xff"
			  "b"),
		"a\xef\xbf\xbd"
		"b");
	CHECK_STR(
		nz(&n, "\xe4\xb8"), "\xef\xbf\xbd\xef\xbf\xbd"); /* truncated */
	CHECK_STR(
		nz(&n, "\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd"); /* overlong */
	CHECK_STR(
		nz(&n, "\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	norm_free(&n);
}

/* Deterministic pseudo-random numbers (xorshift). */
static uint32_t next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* The fast path must give exactly what utf8proc gives, on text that mixes
 * ASCII runs with every case the slow path handles. */
static void fast_path_equals_utf8proc_path(void)
{
	static const char *const pieces[] = {
		"a",
		"Z",
		"q",
		" ",
		"  ",
		"\t",
		"\n",
		".",
		",",
		"-",
		"'",
		"9",
		"\x01",
		"\x7f",
		"The ",
		"LATENCY ",
		"p99 ",
		"\xcc\x81",
		"\xcc\x88",
		"\xcd\xa3", /* combining marks */
		"\xc3\xa9",
		"\xc3\x89",
		"\xc3\x9f",
		"\xc5\x93", /* é É ß œ */
		"\xef\xbc\xa1",
		"\xef\xbd\x9a",
		"\xe3\x80\x80", /* Ａ ｚ ideographic space */
		"\xe2\x80\x9c",
		"\xe2\x80\x99",
		"\xe2\x80\x94",
		"\xe2\x80\x8b",
		"\xe4\xb8\xad",
		"\xe6\x96\x87",
		"\xe3\x81\x8b",
		"\xe3\x82\x99",
		"\xea\xb0\x80",
		"\xe1\x84\x80",
		"\xe1\x85\xa1", /* 가 ᄀ ᅡ */
		"\xce\x91",
		"\xd0\x99",
		"\xe0\xa4\x95",
		"\xe0\xa4\xbf",
		"\xf0\x9f\x98\x80",
		"\xff",
		"\xe4\xb8",
		"\xc2\xa0",
		"\xc2\xad",
	};
	size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
	struct norm fast;
	struct norm slow;
	norm_init(&fast);
	norm_init(&slow);
	uint32_t seed = 2463534242u;
	int mismatches = 0;
	for (int round = 0; round < 5000; round++) {
		char text[512];
		size_t len = 0;
		size_t count = next(&seed) % 40;
		for (size_t i = 0; i < count; i++) {
			const char *p = pieces[next(&seed) % n_pieces];
			size_t k = strlen(p);
			if (len + k >= sizeof(text))
				break;
			memcpy(text + len, p, k);
			len += k;
		}
		const char *a = norm_text(&fast, text, len, false);
		const char *b = norm_text_slow(&slow, text, len);
		if (strcmp(a, b) != 0 && mismatches++ < 3)
			fprintf(stderr, "fast \"%s\" != slow \"%s\"\n", a, b);
	}
	CHECK_INT(mismatches, 0);
	norm_free(&fast);
	norm_free(&slow);
}

static void maps_output_back_to_source(void)
{
	struct norm n;
	norm_init(&n);
	const char *s = "  Caf\xc3\xa9  \xe4\xb8\xad!";
	const char *o = norm_text(&n, s, strlen(s), true);
	CHECK_STR(o, "cafe \xe4\xb8\xad!");
	CHECK_INT(n.src_start[0], 2); /* c */
	CHECK_INT(n.src_start[3], 5); /* e from é */
	CHECK_INT(n.src_end[3], 7);
	CHECK_INT(n.src_start[5], 9); /* 中 */
	CHECK_INT(n.src_end[7], 12);
	norm_free(&n);
}

static void measures_display_width(void)
{
	CHECK_INT(norm_width("abc", 3), 3);
	CHECK_INT(norm_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4); /* 中文 */
	CHECK_INT(norm_width("e\xcc\x81", 3), 1); /* e + acute */
	CHECK_INT(norm_width("\xef\xbc\xa1", 3), 2); /* Ａ */
	CHECK_INT(norm_width("\xff", 1), 1);
	CHECK_INT(norm_width("", 0), 0);
	const char *mixed = "ab\xe4\xb8\xad\xe6\x96\x87"
			    "cd";
	size_t len = strlen(mixed);
	CHECK_INT(norm_fit(mixed, len, 0), 0);
	CHECK_INT(norm_fit(mixed, len, 2), 2);
	CHECK_INT(norm_fit(mixed, len, 3), 2); /* 中 needs two columns */
	CHECK_INT(norm_fit(mixed, len, 4), 5);
	CHECK_INT(norm_fit(mixed, len, 100), len);
	CHECK_INT(norm_fit("e\xcc\x81x", 4, 1), 3); /* the mark stays with e */
}

static void classifies_characters(void)
{
	CHECK_INT(norm_classify('a'), NORM_LETTER);
	CHECK_INT(norm_classify('7'), NORM_DIGIT);
	CHECK_INT(norm_classify(' '), NORM_SPACE);
	CHECK_INT(norm_classify('('), NORM_PUNCT);
	CHECK_INT(norm_classify(0x4E2D), NORM_CJK);
	CHECK_INT(norm_classify(0x30AB), NORM_CJK);
	CHECK_INT(norm_classify(0xAC00), NORM_CJK);
	CHECK_INT(norm_classify(0x0301), NORM_MARK);
	CHECK_INT(norm_classify(0x0439), NORM_LETTER);
	CHECK_INT(norm_classify(0x3000), NORM_SPACE);
	int32_t cp;
	CHECK_INT(norm_decode("\xe4\xb8\xad", 3, &cp), 3);
	CHECK_INT(cp, 0x4E2D);
	CHECK_INT(norm_decode("\xe4\xb8", 2, &cp), 1);
	CHECK_INT(cp, 0xFFFD);
}

int main(void)
{
	RUN(folds_case_and_compatibility_forms);
	RUN(strips_marks_from_latin_greek_cyrillic_only);
	RUN(lumps_punctuation_and_drops_ignorables);
	RUN(collapses_whitespace_and_controls);
	RUN(replaces_invalid_utf8);
	RUN(fast_path_equals_utf8proc_path);
	RUN(maps_output_back_to_source);
	RUN(measures_display_width);
	RUN(classifies_characters);
	return check_done();
}
