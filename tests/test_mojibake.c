/* test_mojibake: the damage model, its repair on seed-like lines, and round
 * trips of random Unicode text through the damage and the repair. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mojibake.h"
#include "norm.h"
#include "util.h"

static char *damage(const char *s)
{
	return mojibake_damage(s, strlen(s));
}

static char *repair(const char *s, struct mojibake_stats *st)
{
	return mojibake_repair(s, strlen(s), st);
}

/* repair(damage(s)) == s, and the number of rebuilt bytes. */
static void check_round_trip(const char *s, size_t lost)
{
	struct mojibake_stats st = {0};
	char *d = damage(s);
	char *r = repair(d, &st);
	CHECK_STR(r, s);
	CHECK_INT(st.bytes_rebuilt, lost);
	CHECK_INT(st.seqs_unresolved, 0);
	free(d);
	free(r);
}

static void test_damage_matches_seeds(void)
{
	char *d = damage("#### ❓ Q1: Why?");
	CHECK_STR(d, "#### \xc3\xa2\xe2\x80\x9c Q1: Why?"); /* "â“" */
	free(d);
	/* 学习: 0xAD of 学 is lost with the soft hyphen it decodes to. */
	d = damage("学习");
	CHECK_STR(d, "\xc3\xa5\xc2\xa6\xc3\xa4\xc2\xb9\xc2\xa0");
	free(d);
	d = damage("🔥 ok");
	CHECK_STR(d, "\xc4\x9f\xc5\xb8\xe2\x80\x9d\xc2\xa5 ok"); /* ğŸ”¥ */
	free(d);
}

static void test_repair_seed_lines(void)
{
	/* Lines as they stand in the damaged seeds. */
	struct mojibake_stats st = {0};
	char *r = repair("- 1\xc3\xaf\xc2\xb8\xc3\xa2\xc6\x92\xc2\xa3 ML", &st);
	CHECK_STR(r, "- 1️⃣ ML"); /* keycap: the lost byte is VS16's */
	CHECK_INT(st.bytes_rebuilt, 1);
	free(r);
	r = repair("## **\xc3\xa2\xe2\x80\x9c Q1: What?**", NULL);
	CHECK_STR(r, "## **❓ Q1: What?**");
	free(r);
	r = repair("If asked \xc3\xa2\xe2\x82\xac\xc5\x93"
		   "Explain RAG,"
		   "\xc3\xa2\xe2\x82\xac answer this:",
		NULL);
	CHECK_STR(r, "If asked “Explain RAG,” answer this:");
	free(r);
	/* ⭐ lost both continuation bytes. */
	r = repair("# \xc3\xa2 **ONE Example**", &st);
	CHECK_STR(r, "# ⭐ **ONE Example**");
	free(r);
}

static void test_detect(void)
{
	const char *clean = "机器学习适用于数据驱动的问题 — “quoted” café";
	CHECK(!mojibake_detect(clean, strlen(clean)));
	CHECK(!mojibake_detect("plain ascii", 11));
	const char *fr = "Fréchet Inception Distance, naïve, Æsop, £5";
	CHECK(!mojibake_detect(fr, strlen(fr)));
	char *d = damage(clean);
	CHECK(mojibake_detect(d, strlen(d)));
	free(d);
}

static void test_macroman(void)
{
	struct mojibake_stats st = {0};
	const char *s = "Fr√©chet Inception Distance; √x stays";
	char *r = mojibake_fix_macroman(s, strlen(s), &st);
	CHECK_STR(r, "Fréchet Inception Distance; √x stays");
	CHECK_INT(st.macroman_fixed, 1);
	free(r);
	r = mojibake_clean(s, strlen(s), NULL);
	CHECK_STR(r, "Fréchet Inception Distance; √x stays");
	free(r);
}

/* xorshift64*: deterministic random numbers for the property tests. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static bool usable(int32_t cp)
{
	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	enum norm_category c = norm_category(cp);
	return c != NORM_CAT_CN && c != NORM_CAT_CO && c != NORM_CAT_CS &&
		c != NORM_CAT_CC;
}

static bool has_lost_byte(int32_t cp)
{
	char b[4];
	size_t n = norm_encode(cp, b);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)b[i] >= 0x80 &&
			mojibake_lost_byte((unsigned char)b[i]))
			return true;
	return false;
}

static size_t count_lost(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 &&
			mojibake_lost_byte((unsigned char)*s))
			n++;
	return n;
}

/* Random text over ASCII, Latin-1, Greek, general punctuation and symbols,
 * Han and emoji. */
static char *random_text(uint64_t *seed, size_t n_chars, bool avoid_lost)
{
	static const int32_t ranges[][2] = {
		{0x20, 0x7E},
		{0xA0, 0xFF},
		{0x370, 0x3FF},
		{0x2000, 0x2BFF},
		{0x4E00, 0x9FFF},
		{0x1F300, 0x1FAFF},
		{0x20, 0x7E},
	};
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	size_t made = 0;
	while (made < n_chars) {
		size_t r = (size_t)(rnd(seed) %
			(sizeof ranges / sizeof ranges[0]));
		int32_t lo = ranges[r][0];
		int32_t hi = ranges[r][1];
		int32_t cp =
			lo + (int32_t)(rnd(seed) % (uint64_t)(hi - lo + 1));
		if (!usable(cp) || (avoid_lost && has_lost_byte(cp)))
			continue;
		char tmp[4];
		buf_add(&b, tmp, norm_encode(cp, tmp));
		made++;
	}
	return buf_steal(&b);
}

static bool valid_utf8(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t r = norm_decode_strict(s + i, len - i, &cp);
		if (r == 0 || cp == 0xFFFD)
			return false;
		i += r;
	}
	return true;
}

/* Text whose characters lost nothing comes back exactly. */
static void test_round_trip_without_loss(void)
{
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	for (int t = 0; t < 300; t++) {
		char *s =
			random_text(&seed, 1 + (size_t)(rnd(&seed) % 80), true);
		check_round_trip(s, 0);
		free(s);
	}
}

/* Any text: the repair is valid UTF-8 without U+FFFD, rebuilds every lost
 * byte, and damaging it again gives the same damaged text. */
static void test_round_trip_any_text(void)
{
	uint64_t seed = 42;
	for (int t = 0; t < 300; t++) {
		char *s = random_text(
			&seed, 1 + (size_t)(rnd(&seed) % 80), false);
		struct mojibake_stats st = {0};
		char *d = damage(s);
		char *r = repair(d, &st);
		char *d2 = damage(r);
		CHECK(valid_utf8(r));
		CHECK_STR(d2, d);
		CHECK_INT(st.bytes_rebuilt, count_lost(s));
		CHECK_INT(st.seqs_unresolved, 0);
		free(s);
		free(d);
		free(r);
		free(d2);
	}
}

/* Texts made of pieces whose lost bytes the context decides come back
 * exactly. */
static void test_round_trip_decidable(void)
{
	static const struct {
		const char *text;
		size_t lost;
	} pieces[] = {
		{"1️⃣ ", 1},
		{"“quoted” ", 1},
		{"\n#### ❓ Q1: why? ", 1},
		{"⭐ ", 2},
		{"❌ no ", 1},
		{"🎯 goal ", 1},
		{"word ", 0},
		{"│ box ┐\n", 1},
		{"✅ ", 0},
		{"⚙️ ", 1},
		{"\n", 0},
		{"Ç", 0},
	};
	size_t n_pieces = sizeof pieces / sizeof pieces[0];
	uint64_t seed = 7;
	for (int t = 0; t < 200; t++) {
		struct buf b;
		buf_init(&b);
		buf_add(&b, "", 0);
		size_t lost = 0;
		size_t k = 1 + (size_t)(rnd(&seed) % 12);
		for (size_t i = 0; i < k; i++) {
			size_t p = (size_t)(rnd(&seed) % n_pieces);
			buf_adds(&b, pieces[p].text);
			lost += pieces[p].lost;
		}
		check_round_trip(b.data, lost);
		buf_free(&b);
	}
}

/* Han characters: the frequency prior picks the common character among the
 * candidates (学 over 另, 厦, 卦 ...). */
static void test_han_prior(void)
{
	check_round_trip("机器学习可以对新数据泛化。", 3);
}

static void test_key(void)
{
	/* Texts differing only in lost bytes share a key. */
	char *a = mojibake_key("学习", strlen("学习"));
	char *b = mojibake_key("另习", strlen("另习"));
	CHECK_STR(a, b);
	free(a);
	free(b);
}

int main(void)
{
	RUN(test_damage_matches_seeds);
	RUN(test_repair_seed_lines);
	RUN(test_detect);
	RUN(test_macroman);
	RUN(test_round_trip_without_loss);
	RUN(test_round_trip_any_text);
	RUN(test_round_trip_decidable);
	RUN(test_han_prior);
	RUN(test_key);
	return check_done();
}
