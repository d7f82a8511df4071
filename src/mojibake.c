/* mojibake: reverses UTF-8 text that went through a Windows code page
 * (cp1254/cp1252) once too often, rebuilding the bytes the code page lost,
 * and fixes Mac Roman double-encoded Latin letters. See include/mojibake.h
 * for the damage model.
 *
 * Rebuilding: lead bytes survive the damage (every one is defined in the
 * code page), so a character that lost bytes shows up as a lead byte
 * followed by too few continuation bytes. The lost bytes are among eight
 * values and may sit in any continuation slot; every placement and value is
 * tried and the valid, assigned code points are scored: context rules
 * first (a variation selector before a keycap, a closing quote after an
 * opening one, a question mark ornament on a heading), then a prior on
 * characters (the ornaments notes use, Han characters by frequency, emoji). */
#include "mojibake.h"

#include <limits.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "cjk_common.h"
#include "norm.h"
#include "tunables.h"
#include "util.h"

static const unsigned char lost_bytes[] = {
	0x81,
	0x8D,
	0x8E,
	0x8F,
	0x90,
	0x9D,
	0x9E,
	0xAD,
};
#define N_LOST (sizeof lost_bytes / sizeof lost_bytes[0])

/* cp1254 0x80-0x9F; 0 where undefined. 0xA0-0xFF is Latin-1 but for the six
 * Turkish letters below. */
static const uint16_t cp1254_high[32] = {
	0x20AC,
	0,
	0x201A,
	0x0192,
	0x201E,
	0x2026,
	0x2020,
	0x2021,
	0x02C6,
	0x2030,
	0x0160,
	0x2039,
	0x0152,
	0,
	0,
	0,
	0,
	0x2018,
	0x2019,
	0x201C,
	0x201D,
	0x2022,
	0x2013,
	0x2014,
	0x02DC,
	0x2122,
	0x0161,
	0x203A,
	0x0153,
	0,
	0,
	0x0178,
};

struct byte_alias {
	uint32_t cp;
	unsigned char byte;
};

/* Characters other than cp1254's that also stand for a byte: cp1252's
 * letters where cp1254 has Turkish ones, and cp1252's 0x8E/0x9E. */
static const struct byte_alias cp1252_extra[] = {
	{0x00D0, 0xD0},
	{0x00DD, 0xDD},
	{0x00DE, 0xDE},
	{0x00F0, 0xF0},
	{0x00FD, 0xFD},
	{0x00FE, 0xFE},
	{0x017D, 0x8E},
	{0x017E, 0x9E},
};

/* Mac Roman 0x80-0xBF, the continuation bytes of its double encoding. */
static const uint16_t macroman_cont[64] = {
	0x00C4,
	0x00C5,
	0x00C7,
	0x00C9,
	0x00D1,
	0x00D6,
	0x00DC,
	0x00E1,
	0x00E0,
	0x00E2,
	0x00E4,
	0x00E3,
	0x00E5,
	0x00E7,
	0x00E9,
	0x00E8,
	0x00EA,
	0x00EB,
	0x00ED,
	0x00EC,
	0x00EE,
	0x00EF,
	0x00F1,
	0x00F3,
	0x00F2,
	0x00F4,
	0x00F6,
	0x00F5,
	0x00FA,
	0x00F9,
	0x00FB,
	0x00FC,
	0x2020,
	0x00B0,
	0x00A2,
	0x00A3,
	0x00A7,
	0x2022,
	0x00B6,
	0x00DF,
	0x00AE,
	0x00A9,
	0x2122,
	0x00B4,
	0x00A8,
	0x2260,
	0x00C6,
	0x00D8,
	0x221E,
	0x00B1,
	0x2264,
	0x2265,
	0x00A5,
	0x00B5,
	0x2202,
	0x2211,
	0x220F,
	0x03C0,
	0x222B,
	0x00AA,
	0x00BA,
	0x03A9,
	0x00E6,
	0x00F8,
};

/* Mac Roman 0xC2-0xC6: the lead bytes of Latin-1 and Latin Extended-A.
 * Only these are taken as leads: the other Mac Roman characters in the
 * lead range (quotes, dashes, guillemets) occur in clean text. */
static const uint16_t macroman_lead[5] = {
	0x00AC,
	0x221A,
	0x0192,
	0x2248,
	0x2206,
};

/* A prior on characters that rebuilt sequences stand for: the ornaments
 * and punctuation that notes written with chat assistants use most. */
struct char_prior {
	uint32_t cp;
	int bonus;
};

static const struct char_prior priors[] = {
	{0xFE0F, 60}, /* emoji presentation selector */
	{0x2753, 50}, /* ❓ */
	{0x274C, 50}, /* ❌ */
	{0x2B50, 50}, /* ⭐ */
	{0x1F3AF, 50}, /* 🎯 */
	{0x1F4DD, 45}, /* 📝 */
	{0x201D, 40}, /* ” */
	{0x2510, 40}, /* ┐ */
	{0x1F50D, 40}, /* 🔍 */
	{0x1F3A5, 40}, /* 🎥 */
	{0x2190, 30}, /* ← */
	{0x1F4CD, 20}, /* 📍 */
	{0x1F4C1, 20}, /* 📁 */
	{0x00ED, 10}, /* í */
};

bool mojibake_lost_byte(unsigned char b)
{
	for (size_t i = 0; i < N_LOST; i++)
		if (lost_bytes[i] == b)
			return true;
	return false;
}

/* The byte a character stands for in the code page, or -1. */
static int char_to_byte(uint32_t cp)
{
	if (cp < 0x80)
		return (int)cp;
	if (cp >= 0x80 && cp <= 0x9F)
		return (int)cp; /* decoders that map undefined bytes to C1 */
	if (cp >= 0xA0 && cp <= 0xFF) {
		switch (cp) {
		case 0xD0:
		case 0xDD:
		case 0xDE:
		case 0xF0:
		case 0xFD:
		case 0xFE:
			break; /* cp1252 letters, handled below */
		default:
			return (int)cp;
		}
	}
	switch (cp) {
	case 0x011E:
		return 0xD0;
	case 0x0130:
		return 0xDD;
	case 0x015E:
		return 0xDE;
	case 0x011F:
		return 0xF0;
	case 0x0131:
		return 0xFD;
	case 0x015F:
		return 0xFE;
	default:
		break;
	}
	for (int i = 0; i < 32; i++)
		if (cp1254_high[i] && cp1254_high[i] == cp)
			return 0x80 + i;
	for (size_t i = 0; i < sizeof cp1252_extra / sizeof cp1252_extra[0];
		i++)
		if (cp1252_extra[i].cp == cp)
			return cp1252_extra[i].byte;
	return -1;
}

/* The character the code page decodes a byte >= 0x80 to, 0 if undefined. */
static uint32_t byte_to_char(unsigned char b)
{
	if (b < 0xA0)
		return cp1254_high[b - 0x80];
	if (b == 0xAD)
		return 0; /* the soft hyphen the damage strips */
	switch (b) {
	case 0xD0:
		return 0x011E;
	case 0xDD:
		return 0x0130;
	case 0xDE:
		return 0x015E;
	case 0xF0:
		return 0x011F;
	case 0xFD:
		return 0x0131;
	case 0xFE:
		return 0x015F;
	default:
		return b;
	}
}

static void add_cp(struct buf *b, uint32_t cp)
{
	char tmp[4];
	buf_add(b, tmp, norm_encode((int32_t)cp, tmp));
}

/* Next code point of valid UTF-8 at s (len > 0); its length in *n. Invalid
 * bytes count as one byte standing for themselves (U+FFFD is never
 * produced: callers only pass valid UTF-8 or skip on -1). */
static int32_t next_cp(const char *s, size_t len, size_t *n)
{
	int32_t cp;
	size_t r = norm_decode_strict(s, len, &cp);
	if (r == 0) {
		*n = 1;
		return -1;
	}
	*n = r;
	return cp;
}

char *mojibake_damage(const char *text, size_t len)
{
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)text[i];
		if (b < 0x80) {
			buf_addc(&out, (char)b);
			continue;
		}
		uint32_t cp = byte_to_char(b);
		if (cp)
			add_cp(&out, cp);
	}
	return buf_steal(&out);
}

char *mojibake_key(const char *text, size_t len)
{
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)text[i];
		if (b >= 0x80 && mojibake_lost_byte(b))
			continue;
		buf_addc(&out, (char)b);
	}
	return buf_steal(&out);
}

static int utf8_len(unsigned char lead)
{
	if (lead >= 0xC2 && lead <= 0xDF)
		return 2;
	if (lead >= 0xE0 && lead <= 0xEF)
		return 3;
	if (lead >= 0xF0 && lead <= 0xF4)
		return 4;
	return 0;
}

static bool is_cont(unsigned char b)
{
	return b >= 0x80 && b <= 0xBF;
}

bool mojibake_detect(const char *text, size_t len)
{
	size_t pairs = 0;
	size_t foreign = 0;
	int prev = -1;
	for (size_t i = 0; i < len;) {
		size_t n;
		int32_t cp = next_cp(text + i, len - i, &n);
		i += n;
		if (cp < 0x80) {
			prev = -1;
			continue;
		}
		int b = char_to_byte((uint32_t)cp);
		if (b < 0) {
			foreign++;
			prev = -1;
			continue;
		}
		if (prev >= 0 && utf8_len((unsigned char)prev) &&
			is_cont((unsigned char)b))
			pairs++;
		prev = b;
	}
	/* Clean text in a Latin script has few lead+continuation pairs;
	 * double-encoded text has one per non-ASCII character. */
	return pairs >= MOJIBAKE_DETECT_MIN_PAIRS && pairs >= foreign;
}

/* One byte of the reversed text: reversed from a code-page character, or
 * part of a character that has no byte (kept as it is). */
struct rbyte {
	unsigned char b;
	bool reversed;
};

struct context {
	int32_t prev; /* last code point written, 0 at start */
	int32_t next; /* code point after the damaged one, 0 if unknown */
	int open_quotes; /* “ minus ” so far on this line */
	bool heading; /* the line is a Markdown heading or bold line */
};

static bool is_cjk_context(int32_t cp)
{
	return norm_is_han(cp) || norm_is_cjk_punct(cp);
}

static bool is_pictographic(int32_t cp)
{
	if (cp <= 0)
		return false;
	return norm_is_pictographic(cp);
}

/* How plausible cp is in this context; INT_MIN when impossible. */
static int score_char(int32_t cp, const struct context *cx)
{
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return INT_MIN;
	if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
		return INT_MIN;
	enum norm_category cat = norm_category(cp);
	if (cat == NORM_CAT_CN || cat == NORM_CAT_CO || cat == NORM_CAT_CS ||
		cat == NORM_CAT_CC)
		return INT_MIN;
	int s = 0;
	for (size_t i = 0; i < sizeof priors / sizeof priors[0]; i++)
		if ((int32_t)priors[i].cp == cp)
			s += priors[i].bonus;
	if (is_pictographic(cp)) {
		s += 30;
	} else if (norm_is_han(cp)) {
		if (cp >= CJK_TABLE_BASE && cp < CJK_TABLE_END) {
			unsigned off = (unsigned)(cp - CJK_TABLE_BASE);
			unsigned char byte = cjk_weight[off >> 1];
			int w = (off & 1) ? byte >> 4 : byte & 0x0F;
			s += w ? 10 + 3 * w : 0;
		} else {
			s -= 5; /* extension A: rare */
		}
		if (is_cjk_context(cx->prev) || is_cjk_context(cx->next))
			s += 10;
		else
			s -= 10;
	} else if (cat >= NORM_CAT_LU && cat <= NORM_CAT_LO) {
		s += cp <= 0xFF ? 20 : 15;
	} else if (cat == NORM_CAT_MN || cat == NORM_CAT_ME) {
		enum norm_category pc =
			cx->prev > 0 ? norm_category(cx->prev) : NORM_CAT_CN;
		if (pc >= NORM_CAT_LU && pc <= NORM_CAT_LO)
			s += 10;
	} else if (cat == NORM_CAT_CF) {
		s -= 20;
	} else if (cat >= NORM_CAT_PC && cat <= NORM_CAT_SO) {
		s += 5;
	}
	/* Context rules decide where they apply. */
	if (cp == 0xFE0F && cx->next == 0x20E3)
		s += 100;
	if (cp == 0xFE0F &&
		(is_pictographic(cx->prev) ||
			(cx->prev >= '0' && cx->prev <= '9') ||
			cx->prev == '#' || cx->prev == '*'))
		s += 40;
	if (cp >= 0xFE00 && cp <= 0xFE0E)
		s -= 10;
	if (cp >= 0x3000 && cp <= 0x3029 &&
		(is_cjk_context(cx->prev) || is_cjk_context(cx->next)))
		s += 30;
	if (cp == 0x201D)
		s += cx->open_quotes > 0 ? 100 : 10;
	if (cp == 0x2753 && cx->heading)
		s += 100;
	if (cp == 0x200D && is_pictographic(cx->prev) &&
		is_pictographic(cx->next))
		s += 100;
	if (cp >= 0x2500 && cp <= 0x257F &&
		((cx->prev >= 0x2500 && cx->prev <= 0x257F) ||
			(cx->next >= 0x2500 && cx->next <= 0x257F)))
		s += 20;
	return s;
}

/* Decodes a complete sequence; -1 if it is not valid UTF-8. */
static int32_t decode_seq(const unsigned char *seq, int n)
{
	int32_t cp;
	size_t r = norm_decode_strict((const char *)seq, (size_t)n, &cp);
	if (r != (size_t)n)
		return -1;
	return cp;
}

/* Code point starting at rb[i], for context; 0 if none decodes there. */
static int32_t peek_cp(const struct rbyte *rb, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	unsigned char seq[4];
	int len = rb[i].b < 0x80 ? 1 : utf8_len(rb[i].b);
	if (len == 0 || i + (size_t)len > n)
		return 0;
	for (int k = 0; k < len; k++) {
		if (k > 0 &&
			(!is_cont(rb[i + (size_t)k].b) ||
				rb[i + (size_t)k].reversed != rb[i].reversed))
			return 0;
		seq[k] = rb[i + (size_t)k].b;
	}
	int32_t cp = decode_seq(seq, len);
	return cp < 0 ? 0 : cp;
}

/* Best code point for a lead byte followed by `have` of its `need`
 * continuation bytes; -1 when no candidate is valid. */
static int32_t rebuild(unsigned char lead, const unsigned char *have,
	int n_have, int need, const struct context *cx)
{
	int missing = need - n_have;
	int32_t best = -1;
	int best_score = INT_MIN;
	/* mask: which of the `need` slots hold lost bytes. */
	for (unsigned mask = 0; mask < (1u << need); mask++) {
		if (__builtin_popcount(mask) != missing)
			continue;
		unsigned combos = 1;
		for (int k = 0; k < missing; k++)
			combos *= N_LOST;
		for (unsigned c = 0; c < combos; c++) {
			unsigned char seq[4];
			seq[0] = lead;
			unsigned cc = c;
			int h = 0;
			for (int slot = 0; slot < need; slot++) {
				if (mask & (1u << slot)) {
					seq[slot + 1] = lost_bytes[cc % N_LOST];
					cc /= N_LOST;
				} else {
					seq[slot + 1] = have[h++];
				}
			}
			int32_t cp = decode_seq(seq, need + 1);
			if (cp < 0)
				continue;
			int s = score_char(cp, cx);
			if (s > best_score) {
				best_score = s;
				best = cp;
			}
		}
	}
	return best;
}

/* Keeps the line state of the context up to date after writing cp. */
static void track(
	struct context *cx, struct buf *out, size_t *line_start, int32_t cp)
{
	cx->prev = cp;
	if (cp == '\n') {
		cx->open_quotes = 0;
		*line_start = out->len;
		cx->heading = false;
		return;
	}
	if (cp == 0x201C)
		cx->open_quotes++;
	else if (cp == 0x201D && cx->open_quotes > 0)
		cx->open_quotes--;
	if (out->len - *line_start <= 4) {
		const char *l = out->data + *line_start;
		cx->heading = l[0] == '#' || (l[0] == '*' && l[1] == '*');
	}
}

char *mojibake_repair(
	const char *text, size_t len, struct mojibake_stats *stats)
{
	struct mojibake_stats local = {0};
	struct mojibake_stats *st = stats ? stats : &local;
	/* 1. Map every character back to its byte. */
	struct rbyte *rb = xcalloc(len + 1, sizeof *rb);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		size_t cl;
		int32_t cp = next_cp(text + i, len - i, &cl);
		int b = cp >= 0 ? char_to_byte((uint32_t)cp) : -1;
		if (b >= 0) {
			rb[n].b = (unsigned char)b;
			rb[n].reversed = true;
			n++;
			if (cp >= 0x80)
				st->chars_reversed++;
		} else {
			for (size_t k = 0; k < cl; k++) {
				rb[n].b = (unsigned char)text[i + k];
				rb[n].reversed = false;
				n++;
			}
		}
		i += cl;
	}
	/* 2. Decode, rebuilding what was lost. */
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	struct context cx = {0};
	size_t line_start = 0;
	for (size_t i = 0; i < n;) {
		unsigned char b = rb[i].b;
		if (!rb[i].reversed || b < 0x80) {
			size_t cl = 1;
			if (!rb[i].reversed) {
				int l = utf8_len(b);
				cl = l > 0 && i + (size_t)l <= n ? (size_t)l
								 : 1;
			}
			int32_t cp = peek_cp(rb, n, i);
			for (size_t k = 0; k < cl; k++)
				buf_addc(&out, (char)rb[i + k].b);
			track(&cx, &out, &line_start, cp);
			i += cl;
			continue;
		}
		int need = utf8_len(b) - 1;
		if (need < 0) {
			/* A stray continuation byte: keep the character it came
			 * from rather than inventing a lead. */
			uint32_t cp = byte_to_char(b);
			if (cp)
				add_cp(&out, cp);
			track(&cx, &out, &line_start, (int32_t)cp);
			i++;
			continue;
		}
		unsigned char have[3];
		int n_have = 0;
		while (n_have < need && i + 1 + (size_t)n_have < n &&
			rb[i + 1 + (size_t)n_have].reversed &&
			is_cont(rb[i + 1 + (size_t)n_have].b)) {
			have[n_have] = rb[i + 1 + (size_t)n_have].b;
			n_have++;
		}
		size_t used = 1 + (size_t)n_have;
		if (n_have == need) {
			unsigned char seq[4];
			seq[0] = b;
			memcpy(seq + 1, have, (size_t)n_have);
			int32_t cp = decode_seq(seq, need + 1);
			if (cp >= 0) {
				buf_add(&out, (const char *)seq,
					(size_t)need + 1);
				track(&cx, &out, &line_start, cp);
				i += used;
				continue;
			}
		}
		cx.next = peek_cp(rb, n, i + used);
		int32_t cp = n_have < need ? rebuild(b, have, n_have, need, &cx)
					   : -1;
		if (cp >= 0) {
			add_cp(&out, (uint32_t)cp);
			st->seqs_rebuilt++;
			st->bytes_rebuilt += (size_t)(need - n_have);
		} else {
			st->seqs_unresolved++;
		}
		track(&cx, &out, &line_start, cp >= 0 ? cp : 0);
		i += used;
	}
	free(rb);
	return buf_steal(&out);
}

char *mojibake_fix_macroman(
	const char *text, size_t len, struct mojibake_stats *stats)
{
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	for (size_t i = 0; i < len;) {
		size_t n1;
		int32_t c1 = next_cp(text + i, len - i, &n1);
		int lead = -1;
		for (int k = 0; k < 5; k++)
			if (c1 == (int32_t)macroman_lead[k])
				lead = 0xC2 + k;
		if (lead >= 0 && i + n1 < len) {
			size_t n2;
			int32_t c2 = next_cp(text + i + n1, len - i - n1, &n2);
			for (int k = 0; k < 64; k++) {
				if (c2 != (int32_t)macroman_cont[k])
					continue;
				unsigned char seq[2] = {(unsigned char)lead,
					(unsigned char)(0x80 + k)};
				int32_t cp = decode_seq(seq, 2);
				enum norm_category cat = cp >= 0
					? norm_category(cp)
					: NORM_CAT_CN;
				if (cat < NORM_CAT_LU || cat > NORM_CAT_LO)
					break;
				buf_add(&out, (const char *)seq, 2);
				if (stats)
					stats->macroman_fixed++;
				i += n1 + n2;
				goto next;
			}
		}
		buf_add(&out, text + i, n1);
		i += n1;
	next:;
	}
	return buf_steal(&out);
}

char *mojibake_clean(const char *text, size_t len, struct mojibake_stats *stats)
{
	if (mojibake_detect(text, len))
		return mojibake_repair(text, len, stats);
	return mojibake_fix_macroman(text, len, stats);
}
