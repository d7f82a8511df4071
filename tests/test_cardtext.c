/* test_cardtext: a flashcard field's text: Anki's HTML to text, plain
 * fields kept, cloze deletions found and rendered. */
#include <stdlib.h>

#include "cardtext.h"
#include "check.h"

static void check_html(const char *in, const char *want)
{
	char *got = cardtext_html(in);
	CHECK_STR(got, want);
	free(got);
}

static void html_reduced_to_text(void)
{
	check_html("a &amp; b<br>c<div>d</div><ul><li>x</li><li>y</li></ul>",
		"a & b\nc\nd\n- x\n- y");
	check_html("<ol><li>one</li><li>two</li></ol>", "1. one\n2. two");
	check_html("&lt;tag&gt; &quot;q&quot; &#39;s &nbsp;end [sound:a.mp3]",
		"<tag> \"q\" 's end");
}

static void plain_fields_kept(void)
{
	char *got = cardtext_plain("a &amp; <b>b</b>\r\n");
	CHECK_STR(got, "a &amp; <b>b</b>");
	free(got);
}

static void cloze_rendered_per_number(void)
{
	const char *note = "Paris is the {{c1::capital::city}} of "
			   "{{c2::France}}.";
	char *all = cardtext_cloze(note, 0);
	char *one = cardtext_cloze(note, 1);
	char *two = cardtext_cloze(note, 2);
	CHECK_STR(all, "Paris is the capital of France.");
	CHECK_STR(one, "Paris is the [city] of France.");
	CHECK_STR(two, "Paris is the capital of [...].");
	free(all);
	free(one);
	free(two);
	struct cloze c;
	CHECK(cardtext_next_cloze(note, &c));
	CHECK_INT(c.number, 1);
	CHECK(c.hint != NULL && c.hint_len == 4);
	CHECK(cardtext_next_cloze(c.end, &c));
	CHECK_INT(c.number, 2);
	CHECK(c.hint == NULL);
	CHECK(!cardtext_next_cloze(c.end, &c));
}

int main(void)
{
	RUN(html_reduced_to_text);
	RUN(plain_fields_kept);
	RUN(cloze_rendered_per_number);
	return check_done();
}
