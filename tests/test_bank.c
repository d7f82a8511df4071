/* Unit tests of the bank loader, validator and writer. */
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "check.h"
#include "util.h"

struct seen {
	char msgs[16][256];
	long lines[16];
	long cols[16];
	int n;
};

static void collect(void *ctx, enum bank_severity sev, const char *file,
	long line, long col, const char *msg)
{
	struct seen *s = ctx;
	(void)sev;
	(void)file;
	if (s->n < 16) {
		snprintf(s->msgs[s->n], sizeof s->msgs[0], "%s", msg);
		s->lines[s->n] = line;
		s->cols[s->n] = col;
	}
	s->n++;
}

static bool load(
	struct quiz_bank *b, const char *text, struct seen *s, bool lint)
{
	struct bank_diag d = {.report = collect, .ctx = s, .lint = lint};
	memset(s, 0, sizeof *s);
	bool ok = bank_load_text(b, "t.json", text, strlen(text), &d);
	return bank_validate(b, &d) && ok;
}

static void defaults_for_minimal_bank(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	CHECK(load(&b,
		"{\"questions\":[{\"id\":\"x\",\"question\":\"Q?\","
		"\"answer\":\"A.\"}]}",
		&s, false));
	CHECK_INT(b.n_questions, 1);
	const struct quiz_question *q = bank_find(&b, "x");
	CHECK(q != NULL);
	if (q) {
		CHECK_STR(q->chapter, "");
		CHECK_STR(q->lang, "en");
		CHECK_INT(q->kind, QUIZ_KIND_INTERVIEW);
		CHECK_INT(q->n_tags, 0);
		CHECK_INT(q->n_keywords, 0);
		CHECK_INT(q->bank_line, 1);
		CHECK_INT(q->bank_col, 15);
	}
	CHECK(bank_find(&b, "y") == NULL);
	bank_free(&b);
}

static void keywords_in_both_forms(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	CHECK(load(&b,
		"{\"questions\":[{\"id\":\"k\",\"question\":\"Q\","
		"\"keywords\":[\"plain\",{\"term\":\"rag\",\"weight\":2,"
		"\"aliases\":[\"retrieval-augmented generation\"],"
		"\"required\":true}]}]}",
		&s, false));
	const struct quiz_question *q = bank_find(&b, "k");
	CHECK(q && q->n_keywords == 2);
	if (q && q->n_keywords == 2) {
		CHECK_STR(q->keywords[0].term, "plain");
		CHECK_NEAR(q->keywords[0].weight, KEYWORD_WEIGHT_DEFAULT, 0);
		CHECK(!q->keywords[0].required);
		CHECK_STR(q->keywords[1].term, "rag");
		CHECK_NEAR(q->keywords[1].weight, 2, 0);
		CHECK(q->keywords[1].required);
		CHECK_INT(q->keywords[1].n_aliases, 1);
	}
	bank_free(&b);
}

static void every_problem_is_reported_with_position(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	CHECK(!load(&b,
		"{\"questions\":[\n{\"question\":\"Q\"},\n"
		"{\"id\":\"a\",\"question\":\"Q\",\"kind\":\"essay\"}]}",
		&s, false));
	CHECK_INT(s.n, 2);
	CHECK_STR(s.msgs[0], "missing required \"id\"");
	CHECK_INT(s.lines[0], 2);
	CHECK_INT(s.cols[0], 1);
	CHECK_INT(s.lines[1], 3);
	CHECK_INT(s.cols[1], 33);
	/* Nothing of a broken text is added. */
	CHECK_INT(b.n_questions, 0);
	bank_free(&b);
}

static void syntax_error_position(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	CHECK(!load(
		&b, "{\"questions\": [\n  {\"id\": \"a\",, }]}", &s, false));
	CHECK_INT(s.n, 1);
	CHECK_INT(s.lines[0], 2);
	CHECK_INT(s.cols[0], 15);
	bank_free(&b);
}

static void duplicate_ids_across_texts(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	const char *t = "{\"questions\":[{\"id\":\"a\",\"question\":\"Q\"}]}";
	CHECK(load(&b, t, &s, false));
	CHECK(!load(&b, t, &s, false));
	CHECK_INT(s.n, 1);
	CHECK(strstr(s.msgs[0], "duplicate id \"a\"") != NULL);
	bank_free(&b);
}

static void invalid_utf8_and_control_characters(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	CHECK(!load(&b,
		"{\"questions\":[{\"id\":\"a\",\"question\":"
		"\"\xc3\x28\"}]}",
		&s, false));
	CHECK(!load(&b,
		"{\"questions\":[{\"id\":\"a\",\"question\":"
		"\"\\u0007\"}]}",
		&s, false));
	CHECK(!load(&b,
		"{\"questions\":[{\"id\":\"a\",\"question\":"
		"\"\xed\xa0\x80\"}]}",
		&s, false)); /* a UTF-8 surrogate */
	CHECK(load(&b,
		"{\"questions\":[{\"id\":\"a\",\"question\":"
		"\"line\\nnext\\t\xe4\xb8\xad\"}]}",
		&s, false));
	bank_free(&b);
}

static void lint_warns_only_when_asked(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	const char *t = "{\"questions\":[{\"id\":\"a\",\"question\":\"Q\","
			"\"extra\":1}]}";
	CHECK(load(&b, t, &s, false));
	CHECK_INT(s.n, 0);
	bank_free(&b);
	bank_init(&b);
	CHECK(load(&b, t, &s, true));
	CHECK_INT(s.n, 2); /* unknown key, no model answer */
	bank_free(&b);
}

static void write_then_load_round_trips(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	CHECK(load(&b,
		"{\"chapters\":[{\"id\":\"c-1\",\"title\":\"T\"}],"
		"\"questions\":[{\"id\":\"k\",\"chapter\":\"c-1\",\"kind\":"
		"\"concept\",\"lang\":\"zh\",\"tags\":[\"x\"],\"question\":"
		"\"Q\\n2\",\"answer\":\"A\",\"keywords\":[\"p\",{\"term\":"
		"\"r\","
		"\"weight\":3,\"required\":true}],\"source\":[{\"file\":\"f\","
		"\"line\":3},{\"file\":\"g\"}]}]}",
		&s, false));
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	const struct quiz_question *q = &b.questions[0];
	CHECK(bank_write_json(f, &q, 1, b.chapters, b.n_chapters, true));
	fclose(f);
	struct quiz_bank c;
	bank_init(&c);
	CHECK(load(&c, text, &s, true));
	CHECK_INT(s.n, 0);
	const struct quiz_question *r = bank_find(&c, "k");
	CHECK(r != NULL);
	if (r) {
		CHECK_STR(r->chapter, "c-1");
		CHECK_INT(r->kind, QUIZ_KIND_CONCEPT);
		CHECK_STR(r->lang, "zh");
		CHECK_STR(r->question, "Q\n2");
		CHECK_INT(r->n_keywords, 2);
		CHECK_INT(r->n_sources, 2);
		CHECK_INT(r->sources[0].line, 3);
		CHECK_STR(r->sources[1].file, "g");
		CHECK(r->n_keywords == 2 && r->keywords[1].required);
	}
	CHECK_STR(bank_chapter_title(&c, "c-1"), "T");
	CHECK_STR(bank_chapter_title(&c, "c-2"), "");
	free(text);
	bank_free(&c);
	bank_free(&b);
}

static void builtin_bank_loads_cleanly(void)
{
	struct quiz_bank b;
	bank_init(&b);
	struct bank_diag d = {0};
	CHECK(bank_load_builtin(&b, &d));
	CHECK(bank_validate(&b, &d));
	CHECK_INT(d.n_errors, 0);
	CHECK(b.n_questions > 0);
	bank_free(&b);
}

static void kind_names_round_trip(void)
{
	for (int k = 0; k < QUIZ_KIND_COUNT; k++) {
		enum quiz_kind back;
		CHECK(bank_kind_parse(
			bank_kind_name((enum quiz_kind)k), &back));
		CHECK_INT(back, k);
	}
	enum quiz_kind unused;
	CHECK(!bank_kind_parse("essay", &unused));
	CHECK(bank_kind_name(QUIZ_KIND_COUNT) == NULL);
}

static void curation_is_validated_like_a_bank(void)
{
	const char *good =
		"{\"chapters\": {\"aie-8.1\": \"Data\"},\n"
		"\"questions\": {\"q1\": {\"question\": \"Q?\", \"kind\": "
		"\"concept\", \"add_tags\": [\"a\"], \"keywords\": [\"k\", "
		"{\"term\": \"t\", \"weight\": 2, \"required\": true}]}}}";
	struct quiz_curation c;
	struct seen s = {0};
	struct bank_diag d = {.report = collect, .ctx = &s};
	bank_curation_init(&c);
	CHECK(bank_load_curation(&c, "c.json", good, strlen(good), &d));
	CHECK_INT(c.n_chapters, 1);
	CHECK_INT(c.n_patches, 1);
	if (c.n_patches == 1) {
		const struct quiz_patch *p = &c.patches[0];
		CHECK_STR(p->id, "q1");
		CHECK_STR(p->question, "Q?");
		CHECK(p->answer == NULL);
		CHECK(p->has_kind && p->kind == QUIZ_KIND_CONCEPT);
		CHECK(!p->has_tags);
		CHECK_INT(p->n_add_tags, 1);
		CHECK(p->has_keywords && p->n_keywords == 2);
		CHECK_INT(p->line, 2);
	}
	bank_curation_free(&c);

	const char *bad = "{\"chapters\": {\"x\": 3},\n\"questions\": "
			  "{\"q\": {\"kind\": \"essay\", \"keywords\": "
			  "[{\"weight\": 1}]}}}";
	memset(&s, 0, sizeof s);
	CHECK(!bank_load_curation(&c, "c.json", bad, strlen(bad), &d));
	CHECK_INT(s.n, 3);
	CHECK_INT(c.n_patches, 0);
	bank_curation_free(&c);
}

/* Issue 13: a keyword object with aliases but no term leaked its aliases
 * (LeakSanitizer in the sanitizer build). */
static void keyword_without_term_leaks_aliases(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	CHECK(!load(&b,
		"{\"questions\":[{\"id\":\"x\",\"question\":\"Q\","
		"\"keywords\":[{\"aliases\":[\"foo\",\"bar\"]}]}]}",
		&s, false));
	CHECK_INT(s.n, 1);
	CHECK_STR(s.msgs[0], "missing required \"term\"");
	CHECK_INT(b.n_questions, 0);
	bank_free(&b);
}

static const char misconception_bank[] =
	"{\"questions\":[{\"id\":\"m\",\"question\":\"Q\",\"answer\":\"A\","
	"\"misconceptions\":[\"batching lowers latency\",{\"claim\":\"ELT "
	"transforms first\",\"aliases\":[\"transform before load\"],"
	"\"correction\":\"ELT loads first\"},{\"claim\":\"c\"}]}]}";

static void misconceptions_in_both_forms(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	CHECK(load(&b, misconception_bank, &s, true));
	CHECK_INT(s.n, 0);
	const struct quiz_question *q = bank_find(&b, "m");
	CHECK(q != NULL && q->n_misconceptions == 3);
	if (q && q->n_misconceptions == 3) {
		const struct quiz_misconception *m = q->misconceptions;
		CHECK_STR(m[0].claim, "batching lowers latency");
		CHECK_INT(m[0].n_aliases, 0);
		CHECK(m[0].correction == NULL);
		CHECK_STR(m[1].claim, "ELT transforms first");
		CHECK(m[1].n_aliases == 1 &&
			strcmp(m[1].aliases[0], "transform before load") == 0);
		CHECK_STR(m[1].correction, "ELT loads first");
		CHECK(m[2].correction == NULL);
	}
	bank_free(&b);
}

static void misconceptions_round_trip_and_copy(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	CHECK(load(&b, misconception_bank, &s, false));
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	CHECK(bank_write_question_json(f, &b.questions[0], false));
	fclose(f);
	/* A claim with nothing else is written as a plain string. */
	CHECK(strstr(text,
		      "\"misconceptions\":[\"batching lowers latency\","
		      "{\"claim\":\"ELT transforms first\"") != NULL);
	CHECK(strstr(text, "\"c\"]") != NULL);
	struct quiz_bank c;
	bank_init(&c);
	char *wrapped = xasprintf("{\"questions\":[%s]}", text);
	CHECK(load(&c, wrapped, &s, true));
	CHECK_INT(s.n, 0);
	bank_add_question(&c, &b.questions[0]);
	for (size_t i = 0; i < c.n_questions; i++) {
		const struct quiz_question *r = &c.questions[i];
		CHECK(r->n_misconceptions == 3 &&
			r->misconceptions[1].n_aliases == 1);
		if (r->n_misconceptions == 3)
			CHECK_STR(r->misconceptions[1].correction,
				"ELT loads first");
	}
	/* Replacing frees what was there (the sanitizer build checks). */
	bank_set_misconceptions(&c.questions[0], NULL, 0);
	CHECK_INT(c.questions[0].n_misconceptions, 0);
	bank_set_misconceptions(
		&c.questions[0], b.questions[0].misconceptions, 1);
	CHECK(c.questions[0].n_misconceptions == 1 &&
		c.questions[0].misconceptions[0].claim !=
			b.questions[0].misconceptions[0].claim);
	free(text);
	text = NULL;
	f = open_memstream(&text, &len);
	bank_set_misconceptions(&c.questions[1], NULL, 0);
	CHECK(bank_write_question_json(f, &c.questions[1], false));
	fclose(f);
	CHECK(strstr(text, "misconceptions") == NULL);
	free(text);
	free(wrapped);
	bank_free(&c);
	bank_free(&b);
}

static void misconception_problems_have_positions(void)
{
	struct quiz_bank b;
	struct seen s;
	bank_init(&b);
	CHECK(!load(&b,
		"{\"questions\":[{\"id\":\"m\",\"question\":\"Q\",\n"
		"\"misconceptions\":[\"\",{\"claim\":\"c\",\"aliases\":[\"a\"],"
		"\"correction\":3},\n{\"aliases\":[\"x\"],\"why\":1}, 4]}]}",
		&s, true));
	CHECK_INT(s.n, 5);
	CHECK_STR(s.msgs[0], "misconception is empty");
	CHECK_INT(s.lines[0], 2);
	CHECK_INT(s.cols[0], 19);
	CHECK_STR(s.msgs[1], "\"correction\" must be a string");
	CHECK_STR(s.msgs[2], "unknown key \"why\" in misconception (ignored)");
	CHECK_INT(s.lines[2], 3);
	CHECK_STR(s.msgs[3], "missing required \"claim\"");
	CHECK_INT(s.cols[3], 1);
	CHECK_STR(s.msgs[4], "a misconception must be a string or an object");
	CHECK_INT(b.n_questions, 0);
	bank_free(&b);
}

static void curation_replaces_misconceptions(void)
{
	const char *text =
		"{\"questions\": {\"a\": {\"misconceptions\": [\"x\", "
		"{\"claim\": \"y\", \"correction\": \"z\"}]},\n"
		"\"b\": {\"misconceptions\": []}, \"c\": {\"kind\": "
		"\"concept\"}}}";
	struct quiz_curation c;
	struct seen s = {0};
	struct bank_diag d = {.report = collect, .ctx = &s};
	bank_curation_init(&c);
	CHECK(bank_load_curation(&c, "c.json", text, strlen(text), &d));
	CHECK_INT(s.n, 0);
	CHECK_INT(c.n_patches, 3);
	if (c.n_patches == 3) {
		CHECK(c.patches[0].has_misconceptions &&
			c.patches[0].n_misconceptions == 2);
		if (c.patches[0].n_misconceptions == 2)
			CHECK_STR(
				c.patches[0].misconceptions[1].correction, "z");
		/* An empty list given clears the imported ones. */
		CHECK(c.patches[1].has_misconceptions &&
			c.patches[1].n_misconceptions == 0);
		CHECK(!c.patches[2].has_misconceptions);
	}
	bank_curation_free(&c);
}

int main(void)
{
	RUN(curation_is_validated_like_a_bank);
	RUN(defaults_for_minimal_bank);
	RUN(keywords_in_both_forms);
	RUN(every_problem_is_reported_with_position);
	RUN(syntax_error_position);
	RUN(duplicate_ids_across_texts);
	RUN(invalid_utf8_and_control_characters);
	RUN(lint_warns_only_when_asked);
	RUN(write_then_load_round_trips);
	RUN(builtin_bank_loads_cleanly);
	RUN(kind_names_round_trip);
	RUN(keyword_without_term_leaks_aliases);
	RUN(misconceptions_in_both_forms);
	RUN(misconceptions_round_trip_and_copy);
	RUN(misconception_problems_have_positions);
	RUN(curation_replaces_misconceptions);
	return check_done();
}
