/* Unit tests of util: strings made visible before they reach a terminal,
 * and the capped readers. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"

static char *visible(const char *s, size_t n, bool keep_lines)
{
	struct buf b;
	buf_init(&b);
	buf_add_visible(&b, s, n, keep_lines);
	return buf_steal(&b);
}

/* Issue 13, "escape sequences reach the terminal": an OSC title change. */
static void escape_sequences_become_visible(void)
{
	const char *osc = "\x1b]0;pwned\x07"
			  "evil";
	char *v = visible(osc, strlen(osc), false);
	CHECK_STR(v, "\\x1b]0;pwned\\x07evil");
	CHECK(!str_is_visible(osc, strlen(osc), true));
	/* Made visible once, it stays the same. */
	char *again = visible(v, strlen(v), false);
	CHECK_STR(again, v);
	CHECK(str_is_visible(v, strlen(v), false));
	free(again);
	free(v);
}

static void c1_controls_and_bad_bytes_become_visible(void)
{
	/* U+009B is CSI for terminals that take C1 controls in UTF-8; a lone
	 * 0x9B byte is CSI for those that read Latin-1. */
	const char s[] = "a\xc2\x9b"
			 "b\x9b"
			 "c\x7f";
	char *v = visible(s, sizeof s - 1, false);
	CHECK_STR(v, "a\\u009bb\\x9bc\\x7f");
	free(v);
	const char nul[] = "a\0b";
	v = visible(nul, 3, false);
	CHECK_STR(v, "a\\x00b");
	free(v);
}

static void text_keeps_lines_and_letters(void)
{
	const char *s = "tab\there\nnext line: caf\xc3\xa9 \xe6\x97\xa5 \\n";
	char *v = visible(s, strlen(s), true);
	CHECK_STR(v, s);
	CHECK(str_is_visible(s, strlen(s), true));
	free(v);
	v = visible(s, strlen(s), false);
	CHECK_STR(
		v, "tab\\x09here\\x0anext line: caf\xc3\xa9 \xe6\x97\xa5 \\n");
	free(v);
}

/* Bug: " -1" passed as QUIZ_MAX_BANK_BYTES or --seed was read as the
 * largest number (strtoull skips the space and negates). */
static void u64_with_space_and_sign_is_refused(void)
{
	unsigned long long v = 7;
	CHECK(!parse_u64(" -1", &v));
	CHECK(!parse_u64(" 5", &v));
	CHECK(!parse_u64("+5", &v));
	CHECK(!parse_u64("-0", &v));
	CHECK(!parse_u64("", &v));
	CHECK(!parse_u64("5x", &v));
	CHECK(!parse_u64("99999999999999999999999", &v));
	CHECK(v == 7);
	CHECK(parse_u64("18446744073709551615", &v));
	CHECK(v == 18446744073709551615ULL);
	CHECK(parse_u64("0", &v) && v == 0);
}

int main(void)
{
	RUN(escape_sequences_become_visible);
	RUN(c1_controls_and_bad_bytes_become_visible);
	RUN(text_keeps_lines_and_letters);
	RUN(u64_with_space_and_sign_is_refused);
	return check_done();
}
