/* The built-in bank compiled into C data (tools/bankc.c) is what the loader
 * makes of questions/NAME.json: every field of every question, its
 * position for diagnostics and the chapter titles, against the embedded
 * JSON text and against the files in the source tree (QUIZ_SRC). */
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "builtin.h"
#include "check.h"
#include "util.h"

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_strs(char *const *a, char *const *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!same_str(a[i], b[i]))
			return false;
	return true;
}

/* Every field but bank_file (and borrowed), which differ by design. */
static void check_same(
	const struct quiz_question *a, const struct quiz_question *b)
{
	CHECK_STR(a->id, b->id);
	CHECK_STR(a->chapter, b->chapter);
	CHECK_INT(a->kind, b->kind);
	CHECK_STR(a->lang, b->lang);
	CHECK_INT(a->n_tags, b->n_tags);
	if (a->n_tags == b->n_tags)
		CHECK(same_strs(a->tags, b->tags, a->n_tags));
	CHECK_STR(a->question, b->question);
	CHECK_STR(a->answer, b->answer);
	CHECK(same_str(a->corrected, b->corrected));
	CHECK_INT(a->n_keywords, b->n_keywords);
	for (size_t k = 0; k < a->n_keywords && k < b->n_keywords; k++) {
		const struct quiz_keyword *x = &a->keywords[k];
		const struct quiz_keyword *y = &b->keywords[k];
		CHECK_STR(x->term, y->term);
		CHECK(x->weight == y->weight);
		CHECK(x->required == y->required);
		CHECK_INT(x->n_aliases, y->n_aliases);
		if (x->n_aliases == y->n_aliases)
			CHECK(same_strs(x->aliases, y->aliases, x->n_aliases));
	}
	CHECK_INT(a->n_misconceptions, b->n_misconceptions);
	for (size_t k = 0; k < a->n_misconceptions && k < b->n_misconceptions;
		k++) {
		const struct quiz_misconception *x = &a->misconceptions[k];
		const struct quiz_misconception *y = &b->misconceptions[k];
		CHECK_STR(x->claim, y->claim);
		CHECK(same_str(x->correction, y->correction));
		CHECK_INT(x->n_aliases, y->n_aliases);
		if (x->n_aliases == y->n_aliases)
			CHECK(same_strs(x->aliases, y->aliases, x->n_aliases));
	}
	CHECK_INT(a->n_sources, b->n_sources);
	for (size_t k = 0; k < a->n_sources && k < b->n_sources; k++) {
		CHECK_STR(a->sources[k].file, b->sources[k].file);
		CHECK_INT(a->sources[k].line, b->sources[k].line);
	}
	CHECK_INT(a->bank_line, b->bank_line);
	CHECK_INT(a->bank_col, b->bank_col);
}

static void check_banks(
	const struct quiz_bank *a, const struct quiz_bank *b, bool same_files)
{
	CHECK(a->n_questions > 0);
	CHECK_INT(a->n_questions, b->n_questions);
	for (size_t i = 0; i < a->n_questions && i < b->n_questions; i++) {
		check_same(&a->questions[i], &b->questions[i]);
		if (same_files)
			CHECK_STR(a->questions[i].bank_file,
				b->questions[i].bank_file);
	}
	CHECK_INT(a->n_chapters, b->n_chapters);
	for (size_t i = 0; i < a->n_chapters && i < b->n_chapters; i++) {
		CHECK_STR(a->chapters[i].id, b->chapters[i].id);
		CHECK_STR(a->chapters[i].title, b->chapters[i].title);
	}
}

static void test_compiled_is_the_embedded_json(void)
{
	struct quiz_bank compiled;
	struct quiz_bank parsed;
	bank_init(&compiled);
	bank_init(&parsed);
	CHECK(bank_load_builtin(&compiled, NULL));
	CHECK(bank_load_builtin_json(&parsed, NULL));
	check_banks(&compiled, &parsed, true);
	CHECK(compiled.n_questions && compiled.questions[0].borrowed);
	CHECK(parsed.n_questions && !parsed.questions[0].borrowed);
	bank_free(&compiled);
	bank_free(&parsed);
}

static void test_compiled_is_the_source_files(void)
{
	const char *src = getenv("QUIZ_SRC");
	CHECK(src != NULL);
	if (!src)
		return;
	struct quiz_bank compiled;
	struct quiz_bank files;
	bank_init(&compiled);
	bank_init(&files);
	CHECK(bank_load_builtin(&compiled, NULL));
	for (size_t i = 0; i < builtin_count; i++) {
		char *path = xasprintf("%s/%s", src, builtin_files[i].name);
		CHECK(bank_load_path(&files, path, NULL));
		free(path);
	}
	check_banks(&compiled, &files, false);
	bank_free(&compiled);
	bank_free(&files);
}

/* A lint load (quiz check) parses, so its diagnostics have positions. */
static void test_lint_load_parses(void)
{
	struct quiz_bank b;
	struct bank_diag d = {.lint = true};
	bank_init(&b);
	CHECK(bank_load_builtin(&b, &d));
	CHECK(b.n_questions && !b.questions[0].borrowed);
	CHECK_INT(d.n_errors, 0);
	bank_free(&b);
}

/* A copy of a borrowed question is the copier's own. */
static void test_copy_of_borrowed_is_owned(void)
{
	struct quiz_bank b;
	struct quiz_bank c;
	bank_init(&b);
	bank_init(&c);
	CHECK(bank_load_builtin(&b, NULL));
	bank_add_question(&c, &b.questions[0]);
	CHECK(!c.questions[0].borrowed);
	CHECK(c.questions[0].id != b.questions[0].id);
	bank_free(&b);
	bank_set_misconceptions(&c.questions[0], NULL, 0);
	bank_free(&c);
}

/* bank_find through the index finds what the scan finds: every id, the
 * first of two questions with one id, and nothing for an unknown id; a
 * question appended after indexing is still found. */
static void test_index_finds_what_the_scan_finds(void)
{
	struct quiz_bank b;
	bank_init(&b);
	CHECK(bank_load_builtin(&b, NULL));
	struct quiz_question twin = b.questions[3]; /* b.questions moves */
	bank_add_question(&b, &twin);
	bank_index(&b);
	for (size_t i = 0; i < b.n_questions; i++)
		CHECK(bank_find(&b, b.questions[i].id) ==
			&b.questions[i < b.n_questions - 1 ? i : 3]);
	CHECK(bank_find(&b, "no-such-id") == NULL);
	struct quiz_question q = b.questions[0];
	q.id = (char *)"appended-after-index";
	bank_add_question(&b, &q);
	CHECK(bank_find(&b, "appended-after-index") ==
		&b.questions[b.n_questions - 1]);
	bank_free(&b);
}

int main(void)
{
	RUN(test_index_finds_what_the_scan_finds);
	RUN(test_compiled_is_the_embedded_json);
	RUN(test_compiled_is_the_source_files);
	RUN(test_lint_load_parses);
	RUN(test_copy_of_borrowed_is_owned);
	return check_done();
}
