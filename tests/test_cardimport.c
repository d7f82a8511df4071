/* Unit tests of the card importer: Anki headers, header rows, HTML, cloze,
 * decks, ids and the key-point cell. */
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "cardimport.h"
#include "check.h"
#include "util.h"

static size_t import(struct quiz_bank *b, const char *name, const char *text)
{
	bank_init(b);
	return cardimport_text(b, name, text, strlen(text), NULL);
}

static void anki_comma_columns_front_back_tags(void)
{
	struct quiz_bank b;
	CHECK_INT(import(&b, "a.csv",
			  "#separator:Comma\n#html:true\n"
			  "#columns:Front,Back,Tags\n"
			  "What is X?,\"It is <b>Y</b>,<br>not Z.\",ml "
			  "basics\n"),
		1);
	CHECK_STR(b.questions[0].question, "What is X?");
	CHECK_STR(b.questions[0].answer, "It is Y,\nnot Z.");
	CHECK_INT(b.questions[0].n_tags, 2);
	CHECK_STR(b.questions[0].tags[1], "basics");
	CHECK_INT(b.questions[0].sources[0].line, 4);
	bank_free(&b);
}

static void separators_by_name_and_character(void)
{
	static const char *const files[] = {
		"#separator:Semicolon\nq;a\n",
		"#separator:Pipe\nq|a\n",
		"#separator:tab\nq\ta\n",
		"#separator:Colon\nq:a\n",
		"#separator:Space\nq a\n",
		"#separator:^\nq^a\n",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct quiz_bank b;
		CHECK_INT(import(&b, "s.txt", files[i]), 1);
		if (b.n_questions) {
			CHECK_STR(b.questions[0].question, "q");
			CHECK_STR(b.questions[0].answer, "a");
		}
		bank_free(&b);
	}
}

static void header_row_in_any_order(void)
{
	struct quiz_bank b;
	CHECK_INT(import(&b, "h.csv",
			  "\xEF\xBB\xBF"
			  "tags,Chapter,answer,keywords,question\r\n"
			  "a;b,My Deck,\"x < y\r\nsecond\",x | ex; !y *2,"
			  "Why?\r\n"),
		1);
	const struct quiz_question *q = &b.questions[0];
	CHECK_STR(q->question, "Why?");
	/* A plain CSV is text: "x < y" is no tag. */
	CHECK_STR(q->answer, "x < y\nsecond");
	CHECK_STR(q->chapter, "my-deck");
	CHECK_INT(q->n_tags, 2);
	CHECK_INT(q->n_keywords, 2);
	CHECK_STR(q->keywords[0].term, "x");
	CHECK_INT(q->keywords[0].n_aliases, 1);
	CHECK_STR(q->keywords[0].aliases[0], "ex");
	CHECK(q->keywords[1].required);
	CHECK_NEAR(q->keywords[1].weight, 2, 1e-9);
	bank_free(&b);
}

static void html_lists_entities_and_sound(void)
{
	struct quiz_bank b;
	CHECK_INT(import(&b, "h.txt",
			  "#separator:tab\n#html:true\n"
			  "<div>Name&nbsp;two</div><div>things</div>\t"
			  "<ol><li>one &amp; &#955;</li><li>two</li></ol>"
			  "<ul><li>dot</li></ul>[sound:x.mp3]<!-- c -->"
			  "<script>bad()</script>  end\n"),
		1);
	CHECK_STR(b.questions[0].question, "Name two\nthings");
	CHECK_STR(
		b.questions[0].answer, "1. one & \xCE\xBB\n2. two\n- dot\nend");
	bank_free(&b);
}

static void cloze_one_question_per_number(void)
{
	struct quiz_bank b;
	CHECK_INT(import(&b, "c.txt",
			  "#separator:tab\n#html:true\n"
			  "#columns:Text\tBack Extra\n"
			  "{{c1::Paris::city}} is in {{c2::France}}, "
			  "{{c1::Paris}} again\tExtra\n"),
		2);
	CHECK(strstr(b.questions[0].id, "-c1") != NULL);
	CHECK_STR(b.questions[0].question, "[city] is in France, [...] again");
	CHECK_STR(b.questions[0].answer,
		"Paris is in France, Paris again\n\nExtra");
	CHECK_INT(b.questions[0].n_keywords, 2);
	CHECK_STR(b.questions[0].keywords[0].term, "Paris");
	CHECK_STR(b.questions[1].question, "Paris is in [...], Paris again");
	CHECK_STR(b.questions[1].keywords[0].term, "France");
	CHECK(strstr(b.questions[1].id, "-c2") != NULL);
	bank_free(&b);
}

static void decks_become_chapters(void)
{
	struct quiz_bank b;
	CHECK_INT(import(&b, "d.txt",
			  "#separator:tab\n#deck column:3\n"
			  "q1\ta\tML Systems::Ch 3: Data\n"
			  "q2\ta\taie-8.1\n"),
		2);
	CHECK_STR(b.questions[0].chapter, "ml-systems.ch-3-data");
	CHECK_STR(bank_chapter_title(&b, "ml-systems.ch-3-data"),
		"ML Systems::Ch 3: Data");
	/* A deck already named as an id gets no title. */
	CHECK_STR(b.questions[1].chapter, "aie-8.1");
	CHECK_INT(b.n_chapters, 1);
	bank_free(&b);
}

static void ids_guid_else_hash_stable(void)
{
	struct quiz_bank b1;
	struct quiz_bank b2;
	CHECK_INT(import(&b1, "i.txt",
			  "#separator:tab\n#guid column:3\n"
			  "q\ta\tG1\nsame\ta\t\nsame\tb\t\n"),
		3);
	CHECK_INT(import(&b2, "j.csv", "other,x\nsame,changed answer\n"), 2);
	CHECK_STR(b1.questions[0].id, "G1");
	/* The hash is of the question: an edited answer keeps the id. */
	CHECK_STR(b1.questions[1].id, b2.questions[1].id);
	CHECK(str_starts(b1.questions[1].id, "card-"));
	/* A repeated question gets the next free id, not a duplicate. */
	CHECK(strcmp(b1.questions[1].id, b1.questions[2].id) != 0);
	CHECK(bank_validate(&b1, NULL));
	bank_free(&b1);
	bank_free(&b2);
}

static void bad_rows_skipped_others_kept(void)
{
	struct quiz_bank b;
	/* Line 2: no answer; line 3: a stray quote (CSV syntax); line 4:
	 * invalid UTF-8; line 5: fine. */
	CHECK_INT(import(&b, "bad.csv",
			  "question,answer\nno answer,\na \"b\" c,d\n"
			  "\xFF,x\nfine,yes\n"),
		1);
	CHECK_STR(b.questions[0].question, "fine");
	CHECK_INT(b.questions[0].sources[0].line, 5);
	bank_free(&b);
}

static void nothing_is_zero(void)
{
	struct quiz_bank b;
	CHECK_INT(import(&b, "e.csv", ""), 0);
	bank_free(&b);
	CHECK_INT(import(&b, "e.csv", "#separator:Comma\n#html:false\n"), 0);
	bank_free(&b);
	CHECK_INT(import(&b, "e.csv", "question,answer\n"), 0);
	bank_free(&b);
}

static void keywords_cell_round_trip(void)
{
	char *a1[] = {"alias; one", "a|b"};
	struct quiz_keyword k[] = {
		{.term = "!bang * star\\", .weight = 1},
		{.term = "plain",
			.aliases = a1,
			.n_aliases = 2,
			.weight = 0.25,
			.required = true},
	};
	struct buf b;
	buf_init(&b);
	cardimport_format_keywords(&b, k, 2);
	CHECK_STR(b.data,
		"\\!bang \\* star\\\\; !plain | alias\\; one | "
		"a\\|b *0.25");
	struct quiz_keyword *out = NULL;
	size_t n = 0;
	const char *why = NULL;
	CHECK(cardimport_parse_keywords(b.data, &out, &n, &why));
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(out[0].term, "!bang * star\\");
		CHECK(!out[0].required);
		CHECK_NEAR(out[0].weight, 1, 0);
		CHECK_STR(out[1].term, "plain");
		CHECK_STR(out[1].aliases[0], "alias; one");
		CHECK_STR(out[1].aliases[1], "a|b");
		CHECK(out[1].required);
		CHECK_NEAR(out[1].weight, 0.25, 1e-12);
	}
	for (size_t i = 0; i < n; i++) {
		free(out[i].term);
		for (size_t a = 0; a < out[i].n_aliases; a++)
			free(out[i].aliases[a]);
		free(out[i].aliases);
	}
	free(out);
	buf_free(&b);
	CHECK(!cardimport_parse_keywords("x *0", &out, &n, &why));
	CHECK(!cardimport_parse_keywords("x | ", &out, &n, &why));
}

static void recognises_cards_by_name_or_header(void)
{
	CHECK(cardimport_is_cards("deck.CSV", "", 0));
	CHECK(cardimport_is_cards("deck.tsv", "", 0));
	CHECK(cardimport_is_cards("notes.txt", "", 0));
	CHECK(cardimport_is_cards("export", "\xEF\xBB\xBF#separator:tab", 14));
	CHECK(!cardimport_is_cards("notes.md", "# Notes", 7));
	CHECK(!cardimport_is_cards("-", "", 0));
}

int main(void)
{
	RUN(anki_comma_columns_front_back_tags);
	RUN(separators_by_name_and_character);
	RUN(header_row_in_any_order);
	RUN(html_lists_entities_and_sound);
	RUN(cloze_one_question_per_number);
	RUN(decks_become_chapters);
	RUN(ids_guid_else_hash_stable);
	RUN(bad_rows_skipped_others_kept);
	RUN(nothing_is_zero);
	RUN(keywords_cell_round_trip);
	RUN(recognises_cards_by_name_or_header);
	return check_done();
}
