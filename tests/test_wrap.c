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
	{"a mark spans the spaces inside a line", "a bc d", 20, 0, {{0, 4}}, 1,
		"[a bc] d\n"},
	{"a mark crossing a break is split, the space dropped",
		"the quick brown fox", 10, 0, {{4, 15}}, 1,
		"the [quick]\n[brown] fox\n"},
	{"a mark crossing a cut word", "abcdefghijklmnop", 10, 1, {{8, 12}}, 1,
		" abcdefgh[ij]\n [kl]mnop\n"},
	{"overlapping and unsorted marks join", "one two three", 20, 0,
		{{8, 13}, {0, 3}, {2, 5}}, 3, "[one t]wo [three]\n"},
	{"a mark crossing a cjk break", "中文字符测试", 10, 0, {{9, 18}}, 1,
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
			bool marked;
			size_t to = wrap_marked_run(c->marks, c->n_marks, at,
				lines[i].end, &marked);
			if (marked)
				buf_addc(&out, '[');
			buf_add(&out, c->text + at, to - at);
			if (marked)
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

int main(void)
{
	RUN(test_cases);
	RUN(test_lines_cover_the_text_in_order);
	return check_done();
}
