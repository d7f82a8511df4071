/* Unit tests of wrap: line breaks as data. Each case gives text, terminal
 * width, indent and marks, and the lines expected, drawn with the indent
 * as spaces and each marked run in [brackets]. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "norm.h"
#include "tunables.h"
#include "util.h"
#include "wrap.h"

#define MARKS_MAX 3

struct wrap_case {
	const char *name;
	const char *text;
	int width;
	int indent;
	struct wrap_mark marks[MARKS_MAX];
	size_t n_marks;
	const char *want;
};

static const struct wrap_case cases[] = {
	{"ascii breaks at spaces",
		"the quick brown fox jumps over the lazy dog", 20, 0, {{0}}, 0,
		"the quick brown fox\njumps over the lazy\ndog\n"},
	{"indent takes columns from the text",
		"the quick brown fox jumps over the lazy dog", 24, 4, {{0}}, 0,
		"    the quick brown fox\n    jumps over the lazy\n    dog\n"},
	{"spaces at a break are dropped", "aaaa    bbbbbb", 10, 0, {{0}}, 0,
		"aaaa\nbbbbbb\n"},
	{"spaces inside a line are kept", "a  b", 20, 0, {{0}}, 0, "a  b\n"},
	{"a word that fits is never broken", "aaaaaaaaa bbbbbbbbbb", 10, 0,
		{{0}}, 0, "aaaaaaaaa\nbbbbbbbbbb\n"},
	{"a word longer than the width is cut", "ab abcdefghijklmnop", 10, 0,
		{{0}}, 0, "ab\nabcdefghij\nklmnop\n"},
	{"cjk counts two columns and breaks anywhere", "中文字符测试一下", 10,
		0, {{0}}, 0, "中文字符测\n试一下\n"},
	{"cjk closing punctuation stays with what it closes", "中文字符测。试",
		10, 0, {{0}}, 0, "中文字符\n测。试\n"},
	{"a wide character needs no space to break before", "abcdefghi中", 10,
		0, {{0}}, 0, "abcdefghi\n中\n"},
	{"cjk after a space", "use 中文 here", 10, 2, {{0}}, 0,
		"  use 中文\n  here\n"},
	{"list items hang under their own indent",
		"Intro:\n  - first item wraps here nicely", 20, 2, {{0}}, 0,
		"  Intro:\n    - first item\n    wraps here\n    nicely\n"},
	{"a deep indent is not kept", "          x", 20, 0, {{0}}, 0, "x\n"},
	{"empty paragraphs are empty lines, without indent", "ab\n\ncd\n", 20,
		2, {{0}}, 0, "  ab\n\n  cd\n\n"},
	{"empty text is one empty line", "", 20, 2, {{0}}, 0, "\n"},
	{"too narrow: the text still gets half the minimum", "aaaa bbbb cc",
		WRAP_WIDTH_MIN / 2 + 2, 8, {{0}}, 0,
		"        aaaa bbbb\n        cc\n"},
	{"a mark spans the spaces inside a line", "a bc d", 20, 0, {{0, 4, 0}},
		1, "[a bc] d\n"},
	{"a mark crossing a break is split, the space dropped",
		"the quick brown fox", 10, 0, {{4, 15, 0}}, 1,
		"the [quick]\n[brown] fox\n"},
	{"a mark crossing a cut word", "abcdefghijklmnop", 10, 1, {{8, 12, 0}},
		1, " abcdefgh[ij]\n [kl]mnop\n"},
	{"overlapping and unsorted marks join", "one two three", 20, 0,
		{{8, 13, 0}, {0, 3, 0}, {2, 5, 0}}, 3, "[one t]wo [three]\n"},
	{"a mark crossing a cjk break", "中文字符测试", 10, 0, {{9, 18, 0}}, 1,
		"中文字[符测]\n[试]\n"},
};

/* The lines as text: indent, then text with marked runs in brackets. */
static char *draw(const struct wrap_case *c)
{
	struct wrap_line *lines;
	size_t n = wrap_lines(c->text, c->width, c->indent, &lines);
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < lines[i].indent; k++)
			buf_addc(&out, ' ');
		for (size_t at = lines[i].start; at < lines[i].end;) {
			int style;
			size_t to = wrap_marked_run(
				c->marks, c->n_marks, at, lines[i].end, &style);
			if (style >= 0)
				buf_addc(&out, '[');
			buf_add(&out, c->text + at, to - at);
			if (style >= 0)
				buf_addc(&out, ']');
			at = to;
		}
		buf_addc(&out, '\n');
	}
	free(lines);
	return buf_steal(&out);
}

static void test_cases(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = draw(&cases[i]);
		if (strcmp(got, cases[i].want) != 0)
			fprintf(stderr, "case \"%s\":\n", cases[i].name);
		CHECK_STR(got, cases[i].want);
		free(got);
	}
}

/* Every byte but the spaces at breaks is on some line, once, in order,
 * and with no word longer than a line, no line is wider than the width. */
static void test_lines_cover_the_text_in_order(void)
{
	const char *text = "Mutex 与 semaphore 的区别：互斥锁只能由持有者释放，"
			   "信号量可以由其他线程 signal。 A long tail of "
			   "ordinary English words follows here.";
	for (int width = WRAP_WIDTH_MIN / 2; width <= 40; width++) {
		struct wrap_line *lines;
		size_t n = wrap_lines(text, width, 0, &lines);
		size_t at = 0;
		for (size_t i = 0; i < n; i++) {
			while (text[at] == ' ' && at < lines[i].start)
				at++;
			CHECK_INT(lines[i].start, at);
			CHECK(lines[i].end >= lines[i].start);
			CHECK(norm_width(text + lines[i].start,
				      lines[i].end - lines[i].start) <=
				(size_t)width);
			at = lines[i].end;
		}
		CHECK_INT(at, strlen(text));
		free(lines);
	}
}

/* Without colour, matched and missed points read as [+...] and [-...];
 * a style without brackets keeps its mark, moved to the new text. */
static void test_bracket(void)
{
	static const char *const open[] = {"[+", "[-", NULL};
	const char *text = "watch p99 and outliers, now";
	struct wrap_mark marks[] = {{6, 9, 0}, {14, 22, 1}, {24, 27, 2}};
	struct wrap_mark *kept;
	size_t n_kept;
	char *got = wrap_bracket(text, marks, 3, open, 3, "]", &kept, &n_kept);
	CHECK_STR(got, "watch [+p99] and [-outliers], now");
	CHECK(n_kept == 1);
	CHECK(kept[0].style == 2);
	CHECK(strncmp(got + kept[0].start, "now", 3) == 0);
	CHECK(kept[0].end - kept[0].start == 3);
	free(kept);
	free(got);
}

/* Two marks of different styles side by side are two runs. */
static void test_adjacent_styles(void)
{
	struct wrap_mark marks[] = {{0, 3, 0}, {3, 6, 1}};
	int style;
	CHECK(wrap_marked_run(marks, 2, 0, 8, &style) == 3 && style == 0);
	CHECK(wrap_marked_run(marks, 2, 3, 8, &style) == 6 && style == 1);
	CHECK(wrap_marked_run(marks, 2, 6, 8, &style) == 8 && style == -1);
}

int main(void)
{
	RUN(test_cases);
	RUN(test_bracket);
	RUN(test_adjacent_styles);
	RUN(test_lines_cover_the_text_in_order);
	return check_done();
}
