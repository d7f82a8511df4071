/* norm: every utf8proc call of quiz. Normalizes text for grading (NFKC,
 * case folding, marks stripped from Latin/Greek/Cyrillic letters only,
 * punctuation lumped, ignorables and controls dropped, whitespace
 * collapsed) with an ASCII fast path, and measures display width.
 *
 * The text is processed in segments: a starter character and the
 * combining characters that follow it. Each segment is decomposed
 * (NFKD + case fold), its marks are put in canonical order and stripped
 * when the base letter allows it, and it is recomposed (NFC). A segment
 * of one ASCII character not followed by a combining character maps to
 * its lower case, which is what the fast path does for whole runs; the
 * last ASCII byte before a non-ASCII byte always takes the slow path, as
 * it may be the base of a following mark. */
#include "norm.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Decomposition applied to each character of a segment. */
#define NORM_DECOMPOSE_OPTS \
	(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | \
		UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_LUMP)

/* What the ASCII fast path does with a byte: the lower-case letter, ' '
 * for whitespace, 0 for a control character that is dropped. */
static inline char ascii_fold(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if (c >= 0x20 && c < 0x7f)
		return (char)c;
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return ' ';
	return 0;
}

void norm_init(struct norm *n)
{
	memset(n, 0, sizeof(*n));
	buf_init(&n->out);
}

void norm_free(struct norm *n)
{
	buf_free(&n->out);
	free(n->src_start);
	free(n->src_end);
	free(n->cps);
	memset(n, 0, sizeof(*n));
}

size_t norm_decode(const char *s, size_t len, int32_t *cp)
{
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	utf8proc_int32_t c;
	utf8proc_ssize_t r = utf8proc_iterate(
		(const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
	if (r <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return (size_t)r;
}

struct range {
	int32_t lo;
	int32_t hi;
};

static bool in_ranges(int32_t cp, const struct range *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (cp >= r[i].lo && cp <= r[i].hi)
			return true;
	}
	return false;
}

/* Scripts written without spaces between words. */
static const struct range cjk_ranges[] = {
	{0x1100, 0x11FF}, /* Hangul Jamo */
	{0x3040, 0x30FF}, /* Hiragana, Katakana */
	{0x3130, 0x318F}, /* Hangul compatibility jamo */
	{0x31F0, 0x31FF}, /* Katakana extensions */
	{0x3400, 0x4DBF}, /* Han extension A */
	{0x4E00, 0x9FFF}, /* Han */
	{0xAC00, 0xD7AF}, /* Hangul syllables */
	{0xF900, 0xFAFF}, /* Han compatibility */
	{0xFF66, 0xFF9F}, /* half-width Katakana */
	{0x20000, 0x3134F}, /* Han extensions B-G */
};

static bool is_cjk(int32_t cp)
{
	return cp >= 0x1100 &&
		in_ranges(cp, cjk_ranges,
			sizeof(cjk_ranges) / sizeof(cjk_ranges[0]));
}

static bool is_space(int32_t cp)
{
	if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85)
		return true;
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
		cat == UTF8PROC_CATEGORY_ZP;
}

static bool is_mark_category(utf8proc_category_t cat)
{
	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
		cat == UTF8PROC_CATEGORY_ME;
}

static bool is_letter_category(utf8proc_category_t cat)
{
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

enum norm_class norm_classify(int32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
			return NORM_LETTER;
		if (cp >= '0' && cp <= '9')
			return NORM_DIGIT;
		if (cp == ' ' || (cp >= '\t' && cp <= '\r'))
			return NORM_SPACE;
		return NORM_PUNCT;
	}
	if (is_cjk(cp))
		return NORM_CJK;
	utf8proc_category_t cat = utf8proc_category(cp);
	if (is_letter_category(cat))
		return NORM_LETTER;
	if (is_mark_category(cat))
		return NORM_MARK;
	if (cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_NL ||
		cat == UTF8PROC_CATEGORY_NO)
		return NORM_DIGIT;
	if (is_space(cp))
		return NORM_SPACE;
	return NORM_PUNCT;
}

/* Letters of the scripts whose marks are decoration for matching: Latin,
 * Greek, Cyrillic. Elsewhere (kana voicing marks, Indic vowel signs) a
 * mark changes the word, so it stays. */
static const struct range lgc_ranges[] = {
	{0x0000, 0x02AF}, /* Latin, IPA */
	{0x0370, 0x052F}, /* Greek, Cyrillic */
	{0x1C80, 0x1C8F}, /* Cyrillic extended C */
	{0x1D00, 0x1DBF}, /* phonetic extensions */
	{0x1E00, 0x1FFF}, /* Latin extended additional, Greek extended */
	{0x2C60, 0x2C7F}, /* Latin extended C */
	{0x2DE0, 0x2DFF}, /* Cyrillic extended A */
	{0xA640, 0xA69F}, /* Cyrillic extended B */
	{0xA720, 0xA7FF}, /* Latin extended D */
	{0xAB30, 0xAB6F}, /* Latin extended E */
};

static bool is_lgc_letter(int32_t cp)
{
	if (!is_letter_category(utf8proc_category(cp)))
		return false;
	return in_ranges(
		cp, lgc_ranges, sizeof(lgc_ranges) / sizeof(lgc_ranges[0]));
}

/* Characters that continue the segment of the preceding starter. */
static bool is_continuation(int32_t cp)
{
	if (cp < 0x300)
		return false;
	if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF))
		return true; /* Hangul vowel and trailing jamo compose */
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	return p->combining_class != 0 || is_mark_category(p->category);
}

/* Double quotes and corner brackets, which LUMP leaves alone. */
static int32_t lump_quote(int32_t cp)
{
	switch (cp) {
	case 0x00AB:
	case 0x00BB:
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x201F:
	case 0x2033:
	case 0x2036:
	case 0x300C:
	case 0x300D:
	case 0x300E:
	case 0x300F:
	case 0x301D:
	case 0x301E:
	case 0x301F:
		return '"';
	default:
		return cp;
	}
}

static void reserve(struct norm *n, size_t extra, bool map)
{
	xgrow((void **)&n->out.data, &n->out.cap, n->out.len + extra + 1, 1);
	if (map && n->map_cap < n->out.cap) {
		n->src_start =
			xrealloc(n->src_start, n->out.cap * sizeof(size_t));
		n->src_end = xrealloc(n->src_end, n->out.cap * sizeof(size_t));
		n->map_cap = n->out.cap;
	}
}

/* Appends bytes, collapsing spaces; from..to is their source. */
static void emit(struct norm *n, const char *bytes, size_t k, size_t from,
	size_t to, bool map)
{
	if (k == 1 && bytes[0] == ' ') {
		if (n->out.len == 0 || n->out.data[n->out.len - 1] == ' ')
			return;
	}
	reserve(n, k, map);
	for (size_t i = 0; i < k; i++) {
		if (map) {
			n->src_start[n->out.len] = from;
			n->src_end[n->out.len] = to;
		}
		n->out.data[n->out.len++] = bytes[i];
	}
}

static void push_cp(struct norm *n, size_t *cnt, int32_t cp)
{
	xgrow((void **)&n->cps, &n->cps_cap, *cnt + 1, sizeof(int32_t));
	n->cps[(*cnt)++] = cp;
}

/* Decomposes one character onto the end of n->cps. */
static void decompose(struct norm *n, size_t *cnt, int32_t cp)
{
	for (;;) {
		size_t room = n->cps_cap - *cnt;
		int lbc = 0;
		utf8proc_ssize_t r = utf8proc_decompose_char(cp, n->cps + *cnt,
			(utf8proc_ssize_t)room, NORM_DECOMPOSE_OPTS, &lbc);
		if (r < 0) {
			push_cp(n, cnt, 0xFFFD);
			return;
		}
		if ((size_t)r <= room) {
			*cnt += (size_t)r;
			return;
		}
		xgrow((void **)&n->cps, &n->cps_cap, *cnt + (size_t)r,
			sizeof(int32_t));
	}
}

/* Canonical ordering: stable sort of each run of non-starters by class. */
static void canonical_order(int32_t *cps, size_t cnt)
{
	for (size_t i = 1; i < cnt; i++) {
		int32_t c = cps[i];
		int cc = utf8proc_get_property(c)->combining_class;
		if (cc == 0)
			continue;
		size_t j = i;
		while (j > 0) {
			int pc = utf8proc_get_property(cps[j - 1])
					 ->combining_class;
			if (pc <= cc)
				break;
			cps[j] = cps[j - 1];
			j--;
		}
		cps[j] = c;
	}
}

/* Normalizes the segment s[from..to) whose characters were validated or
 * replaced by the caller's decoding. */
static void segment(
	struct norm *n, const char *s, size_t from, size_t to, bool map)
{
	size_t cnt = 0;
	for (size_t i = from; i < to;) {
		int32_t cp;
		i += norm_decode(s + i, to - i, &cp);
		if (is_space(cp)) {
			push_cp(n, &cnt, ' ');
			continue;
		}
		if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CC)
			continue;
		decompose(n, &cnt, lump_quote(cp));
	}
	canonical_order(n->cps, cnt);
	size_t w = 0;
	bool strip = false;
	for (size_t i = 0; i < cnt; i++) {
		int32_t cp = n->cps[i];
		if (is_mark_category(utf8proc_category(cp))) {
			if (strip)
				continue;
		} else {
			strip = is_lgc_letter(cp);
		}
		n->cps[w++] = cp;
	}
	utf8proc_ssize_t m = utf8proc_normalize_utf32(n->cps,
		(utf8proc_ssize_t)w, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	for (utf8proc_ssize_t i = 0; i < m; i++) {
		utf8proc_uint8_t enc[4];
		int32_t cp = n->cps[i];
		if (is_space(cp))
			cp = ' ';
		utf8proc_ssize_t k = utf8proc_encode_char(cp, enc);
		emit(n, (const char *)enc, (size_t)k, from, to, map);
	}
}

/* The end of the segment that starts at i. */
static size_t segment_end(const char *s, size_t len, size_t i)
{
	int32_t cp;
	i += norm_decode(s + i, len - i, &cp);
	while (i < len && (unsigned char)s[i] >= 0x80) {
		size_t k = norm_decode(s + i, len - i, &cp);
		if (!is_continuation(cp))
			break;
		i += k;
	}
	return i;
}

/* Lower-cases the ASCII bytes s[i..j) straight into the output. */
static void ascii_run(
	struct norm *n, const char *s, size_t i, size_t j, bool map)
{
	reserve(n, j - i, map);
	char *o = n->out.data;
	size_t len = n->out.len;
	for (; i < j; i++) {
		char c = ascii_fold((unsigned char)s[i]);
		if (c == 0)
			continue;
		if (c == ' ' && (len == 0 || o[len - 1] == ' '))
			continue;
		if (map) {
			n->src_start[len] = i;
			n->src_end[len] = i + 1;
		}
		o[len++] = c;
	}
	n->out.len = len;
}

static const char *normalize(
	struct norm *n, const char *s, size_t len, bool map, bool fast)
{
	buf_clear(&n->out);
	reserve(n, len, map);
	size_t i = 0;
	while (i < len) {
		if (fast) {
			size_t j = i;
			while (j < len && (unsigned char)s[j] < 0x80)
				j++;
			/* The last ASCII byte may be the base of a mark. */
			size_t stop = j < len && j > i ? j - 1 : j;
			if (stop > i) {
				ascii_run(n, s, i, stop, map);
				i = stop;
				continue;
			}
		}
		size_t e = segment_end(s, len, i);
		segment(n, s, i, e, map);
		i = e;
	}
	if (n->out.len > 0 && n->out.data[n->out.len - 1] == ' ')
		n->out.len--;
	n->out.data[n->out.len] = '\0';
	return n->out.data;
}

const char *norm_text(struct norm *n, const char *s, size_t len, bool map)
{
	return normalize(n, s, len, map, true);
}

const char *norm_text_slow(struct norm *n, const char *s, size_t len)
{
	return normalize(n, s, len, false, false);
}

static size_t char_width(int32_t cp)
{
	int w = utf8proc_charwidth(cp);
	return w < 0 ? 0 : (size_t)w;
}

size_t norm_width(const char *s, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t k = norm_decode(s + i, len - i, &cp);
		w += cp == 0xFFFD && k == 1 ? 1 : char_width(cp);
		i += k;
	}
	return w;
}

size_t norm_fit(const char *s, size_t len, size_t cols)
{
	size_t w = 0;
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t k = norm_decode(s + i, len - i, &cp);
		size_t cw = cp == 0xFFFD && k == 1 ? 1 : char_width(cp);
		if (w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	return i;
}

/* --- character properties for other modules ---------------------------
 * mojibake repair, import and tests need a few properties of single code
 * points; they ask here so that utf8proc stays behind this module. */

/* The enum mirrors utf8proc's category numbering. */
_Static_assert((int)NORM_CAT_LU == (int)UTF8PROC_CATEGORY_LU &&
		(int)NORM_CAT_MN == (int)UTF8PROC_CATEGORY_MN &&
		(int)NORM_CAT_ND == (int)UTF8PROC_CATEGORY_ND &&
		(int)NORM_CAT_PC == (int)UTF8PROC_CATEGORY_PC &&
		(int)NORM_CAT_SO == (int)UTF8PROC_CATEGORY_SO &&
		(int)NORM_CAT_ZS == (int)UTF8PROC_CATEGORY_ZS &&
		(int)NORM_CAT_CO == (int)UTF8PROC_CATEGORY_CO,
	"enum norm_category follows utf8proc_category_t");

enum norm_category norm_category(int32_t cp)
{
	if (cp < 0 || cp > 0x10FFFF)
		return NORM_CAT_CN;
	return (enum norm_category)utf8proc_category(cp);
}

bool norm_is_pictographic(int32_t cp)
{
	if (cp <= 0 || cp > 0x10FFFF)
		return false;
	return utf8proc_get_property(cp)->boundclass ==
		UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC;
}

size_t norm_encode(int32_t cp, char out[4])
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
	memcpy(out, tmp, (size_t)n);
	return (size_t)n;
}

size_t norm_decode_strict(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t r = utf8proc_iterate(
		(const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
	if (r <= 0)
		return 0;
	*cp = c;
	return (size_t)r;
}

bool norm_is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

bool norm_is_cjk_punct(int32_t cp)
{
	return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

bool norm_has_han(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t r = norm_decode_strict(s + i, len - i, &cp);
		if (r == 0)
			return false;
		if (norm_is_han(cp))
			return true;
		i += r;
	}
	return false;
}
