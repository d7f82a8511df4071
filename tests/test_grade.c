/* Unit tests of the grader: the properties every question of a bank must
 * have (checked on the built-in bank and on the fixture bank
 * tests/data/grade/bank.json), key-point details, spans, and verdicts.
 * QUIZ_SRC names the source tree. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "check.h"
#include "grade.h"
#include "tunables.h"
#include "util.h"

static double grade_text(const struct grade_ctx *ctx,
	const struct quiz_question *q, const char *text)
{
	struct grade_result r;
	grade_answer(ctx, q, text, strlen(text), &r);
	double s = r.score;
	grade_result_free(&r);
	return s;
}

/* ASCII letters upper-cased. */
static char *upper(const char *s)
{
	char *u = xstrdup(s);
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

/* Printable ASCII as its full-width form (U+FF01..U+FF5E, U+3000). */
static char *fullwidth(const char *s)
{
	struct buf b;
	buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned cp = *p;
		if (cp == ' ')
			cp = 0x3000;
		else if (cp > 0x20 && cp < 0x7f)
			cp = cp - 0x21 + 0xFF01;
		else {
			buf_addc(&b, (char)*p);
			continue;
		}
		char enc[3] = {(char)(0xE0 | (cp >> 12)),
			(char)(0x80 | ((cp >> 6) & 0x3F)),
			(char)(0x80 | (cp & 0x3F))};
		buf_add(&b, enc, 3);
	}
	buf_adds(&b, "");
	return buf_steal(&b);
}

/* Vowels accented: precomposed for a and e, combining marks for the
 * others, so both forms are covered. */
static char *accented(const char *s)
{
	struct buf b;
	buf_init(&b);
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case 'a':
			buf_adds(&b, "\xc3\xa1"); /* á */
			break;
		case 'e':
			buf_adds(&b, "\xc3\xa8"); /* è */
			break;
		case 'o':
		case 'u':
			buf_addc(&b, *p);
			buf_adds(&b,
				"\xcc\x88"); /* U+0308 combining diaeresis */
			break;
		default:
			buf_addc(&b, *p);
		}
	}
	buf_adds(&b, "");
	return buf_steal(&b);
}

/* Two middle letters swapped in every word of 7 or more letters. */
static char *transposed(const char *s)
{
	char *t = xstrdup(s);
	size_t i = 0;
	size_t n = strlen(t);
	while (i < n) {
		size_t j = i;
		while (j < n && isalpha((unsigned char)t[j]))
			j++;
		if (j - i >= 7) {
			size_t m = i + (j - i) / 2;
			char c = t[m];
			t[m] = t[m + 1];
			t[m + 1] = c;
		}
		i = j > i ? j : i + 1;
	}
	return t;
}

static bool is_ascii_text(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s >= 0x80)
			return false;
	}
	return true;
}

/* Chinese answer with its punctuation removed and a space between
 * characters (Latin words, such as "RAG", stay whole). */
static char *spaced_cjk(const char *s)
{
	struct buf b;
	buf_init(&b);
	const unsigned char *p = (const unsigned char *)s;
	bool gap = false;
	while (*p) {
		size_t k = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		bool punct = false;
		if (k == 1)
			punct = !isalnum(*p);
		else if (k == 3) {
			unsigned cp = ((p[0] & 0x0Fu) << 12) |
				((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
			punct = (cp >= 0x3000 && cp <= 0x303F) ||
				(cp >= 0xFF00 && cp <= 0xFF0F) ||
				(cp >= 0xFF1A && cp <= 0xFF20);
		}
		if (k == 1 && isspace(*p))
			gap = true;
		else if (!punct) {
			bool latin = k == 1 && !gap && b.len && isalnum(*p) &&
				isalnum((unsigned char)b.data[b.len - 1]);
			if (b.len && !latin)
				buf_addc(&b, ' ');
			buf_add(&b, (const char *)p, k);
			gap = false;
		}
		p += k;
	}
	buf_adds(&b, "");
	return buf_steal(&b);
}

static bool same_chapter(
	const struct quiz_question *a, const struct quiz_question *b)
{
	return strcmp(a->chapter, b->chapter) == 0;
}

/* Whether two questions share a topic tag ("summary" and "behavioral" name
 * a form, not a topic): another chapter's answer on the same topic may
 * rightly earn some of the points. */
static bool related(
	const struct quiz_question *a, const struct quiz_question *b)
{
	for (size_t i = 0; i < a->n_tags; i++) {
		if (strcmp(a->tags[i], "summary") == 0 ||
			strcmp(a->tags[i], "behavioral") == 0)
			continue;
		for (size_t k = 0; k < b->n_tags; k++)
			if (strcmp(a->tags[i], b->tags[k]) == 0)
				return true;
	}
	return false;
}

static bool gradable(const struct quiz_question *q)
{
	return q->answer[0] != '\0';
}

/* Largest share of (question, model answer of another chapter on an
 * unrelated topic) pairs of the built-in bank allowed above 0.3. Pairs
 * that share a topic tag are left out: chapters share topics (latency,
 * bias, RAG appear in several books) and such an answer rightly earns
 * some points. The aim is none; with 3-7 curated key points one shared
 * point is already a good part of an answer, so a few percent of the
 * unrelated pairs exceed it (bench/README.md counts them). The fixture
 * bank is held to the strict bound. */
#define OTHER_CHAPTER_SHARE_MAX 0.03

/* What every question of a bank must satisfy: its model answer scores at
 * least 0.9, unchanged by case, width and accents and little changed by
 * typos or spaced CJK; the empty answer scores 0; other chapters' answers
 * stay at or under 0.3. other_max: the share of other-chapter answers that
 * may score over 0.3. */
static void check_bank_properties(
	const struct quiz_bank *bank, const char *name, double other_max)
{
	size_t pairs = 0;
	size_t over = 0;
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, bank);
	for (size_t i = 0; i < bank->n_questions; i++) {
		const struct quiz_question *q = &bank->questions[i];
		if (!gradable(q))
			continue;
		double own = grade_text(&ctx, q, q->answer);
		if (own < 0.9)
			fprintf(stderr, "%s: %s: model answer %.3f\n", name,
				q->id, own);
		CHECK(own >= 0.9);
		CHECK_NEAR(grade_text(&ctx, q, ""), 0.0, 1e-9);

		char *u = upper(q->answer);
		char *f = fullwidth(q->answer);
		char *a = accented(q->answer);
		CHECK_NEAR(grade_text(&ctx, q, u), own, 0.02);
		CHECK_NEAR(grade_text(&ctx, q, f), own, 0.02);
		CHECK_NEAR(grade_text(&ctx, q, a), own, 0.02);
		free(u);
		free(f);
		free(a);

		if (is_ascii_text(q->answer)) {
			char *t = transposed(q->answer);
			double ts = grade_text(&ctx, q, t);
			if (ts < 0.75 * own)
				fprintf(stderr,
					"%s: %s: transposed %.3f of %.3f\n",
					name, q->id, ts, own);
			CHECK(ts >= 0.75 * own);
			free(t);
		}
		if (strcmp(q->lang, "zh") == 0) {
			char *z = spaced_cjk(q->answer);
			double zs = grade_text(&ctx, q, z);
			if (zs < 0.8)
				fprintf(stderr, "%s: %s: spaced %.3f\n", name,
					q->id, zs);
			CHECK(zs >= 0.8);
			free(z);
		}
		for (size_t j = 0; j < bank->n_questions; j++) {
			const struct quiz_question *o = &bank->questions[j];
			if (same_chapter(q, o) || related(q, o) || !gradable(o))
				continue;
			double os = grade_text(&ctx, q, o->answer);
			pairs++;
			if (os <= 0.3)
				continue;
			over++;
			if (other_max == 0.0)
				fprintf(stderr,
					"%s: %s answered with %s: %.3f\n", name,
					q->id, o->id, os);
		}
	}
	double share = pairs ? (double)over / (double)pairs : 0.0;
	fprintf(stderr,
		"%s: %zu of %zu unrelated other-chapter answers over 0.3\n",
		name, over, pairs);
	CHECK(share <= other_max);
	grade_ctx_free(&ctx);
}

static const char *src_dir(void)
{
	const char *s = getenv("QUIZ_SRC");
	return s ? s : ".";
}

static void load_file(struct quiz_bank *bank, const char *rel)
{
	char *path = xasprintf("%s/%s", src_dir(), rel);
	bank_init(bank);
	bool ok = bank_load_path(bank, path, NULL);
	CHECK(ok);
	free(path);
}

static void properties_hold_on_builtin_bank(void)
{
	struct quiz_bank bank;
	bank_init(&bank);
	CHECK(bank_load_builtin(&bank, NULL));
	CHECK(bank.n_questions > 0);
	check_bank_properties(&bank, "built-in", OTHER_CHAPTER_SHARE_MAX);
	bank_free(&bank);
}

static void properties_hold_on_fixture_bank(void)
{
	struct quiz_bank bank;
	load_file(&bank, "tests/data/grade/bank.json");
	CHECK(bank.n_questions >= 8);
	check_bank_properties(&bank, "fixture", 0.0);
	bank_free(&bank);
}

static const struct grade_point *point(
	const struct grade_result *r, const char *term)
{
	for (size_t i = 0; i < r->n_points; i++) {
		if (strcmp(r->points[i].term, term) == 0)
			return &r->points[i];
	}
	return NULL;
}

static void required_point_missed_caps_score(void)
{
	struct quiz_bank bank;
	load_file(&bank, "tests/data/grade/bank.json");
	const struct quiz_question *q = bank_find(&bank, "mlsd-1.2-q1");
	CHECK(q != NULL);
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, &bank);
	struct grade_result r;
	const char *a = "It shapes the user experience; the mean latency is "
			"misleading and outliers hurt reliability.";
	grade_answer(&ctx, q, a, strlen(a), &r);
	CHECK(r.coverage > 0.8);
	CHECK_NEAR(r.score, GRADE_REQUIRED_CAP, 1e-9);
	CHECK(!point(&r, "percentiles")->matched);
	CHECK_INT(r.n_matched, 4);
	CHECK_INT(r.n_points, 5);
	grade_result_free(&r);
	/* An alias satisfies the required point: no cap. (A list of the
	 * points scores less than sentences saying them with the model
	 * answer's other words; GRADE_KEYPOINT_SHARE.) */
	a = "user experience; mean latency misleading; outliers; reliability; "
	    "watch p99";
	grade_answer(&ctx, q, a, strlen(a), &r);
	CHECK(point(&r, "percentiles")->matched);
	CHECK(r.score >= PASS_THRESHOLD_DEFAULT);
	CHECK(r.score > GRADE_REQUIRED_CAP + 0.2);
	grade_result_free(&r);
	grade_ctx_free(&ctx);
	bank_free(&bank);
}

static void acronym_matches_expansion(void)
{
	struct quiz_bank bank;
	load_file(&bank, "tests/data/grade/bank.json");
	const struct quiz_question *q = bank_find(&bank, "aie-8.1-q4");
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, &bank);
	struct grade_result r;
	const char *a =
		"Retrieval-augmented generation puts retrieved documents "
		"into the prompt.";
	grade_answer(&ctx, q, a, strlen(a), &r);
	CHECK(point(&r, "RAG")->matched);
	CHECK(point(&r, "prompt")->matched);
	grade_result_free(&r);
	grade_ctx_free(&ctx);
	bank_free(&bank);
}

static void derived_points_come_from_model_answer(void)
{
	struct quiz_bank bank;
	load_file(&bank, "tests/data/grade/bank.json");
	const struct quiz_question *q = bank_find(&bank, "mlsd-1.2-q3");
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, &bank);
	struct grade_result r;
	grade_answer(&ctx, q, "", 0, &r);
	CHECK(r.n_points >= 6);
	CHECK(point(&r, "latency") != NULL);
	CHECK(point(&r, "efficiency") != NULL);
	CHECK(point(&r, "the") == NULL);
	CHECK(point(&r, "but") == NULL);
	CHECK_INT(r.n_matched, 0);
	CHECK_INT(r.verdict, GRADE_INCORRECT);
	grade_result_free(&r);
	const char *a =
		"Batching raises efficiency but adds latency: the system "
		"waits for enough queries.";
	grade_answer(&ctx, q, a, strlen(a), &r);
	CHECK(point(&r, "latency")->matched);
	CHECK(r.score >= PASS_THRESHOLD_DEFAULT);
	grade_result_free(&r);
	grade_ctx_free(&ctx);
	bank_free(&bank);
}

static void negated_answer_scores_lower(void)
{
	struct quiz_bank bank;
	load_file(&bank, "tests/data/grade/bank.json");
	const struct quiz_question *q = bank_find(&bank, "mlsd-1.2-q3");
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, &bank);
	double yes = grade_text(&ctx, q, "higher latency, better efficiency");
	double no = grade_text(&ctx, q, "no latency, no efficiency");
	CHECK(no < yes);
	grade_ctx_free(&ctx);
	bank_free(&bank);
}

static void each_answer_word_credits_one_point(void)
{
	struct quiz_bank bank;
	load_file(&bank, "tests/data/grade/bank.json");
	const struct quiz_question *q = bank_find(&bank, "aie-8.1-q1");
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, &bank);
	struct grade_result r;
	/* One "model" cannot be both "model-centric" and "model size". */
	const char *a = "model centric";
	grade_answer(&ctx, q, a, strlen(a), &r);
	CHECK(point(&r, "model-centric")->matched);
	CHECK(point(&r, "model size")->credit == 0.0);
	grade_result_free(&r);
	grade_ctx_free(&ctx);
	bank_free(&bank);
}

static void spans_cover_matched_words(void)
{
	struct quiz_bank bank;
	load_file(&bank, "tests/data/grade/bank.json");
	const struct quiz_question *q = bank_find(&bank, "mlsd-1.2-q1");
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, &bank);
	struct grade_result r;
	const char *a = "outliers and p95";
	grade_answer(&ctx, q, a, strlen(a), &r);
	struct grade_span *sp;
	size_t n = grade_spans(&ctx, q, &r, &sp);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK(strncmp(q->answer + sp[0].start, "percentiles",
			      sp[0].end - sp[0].start) == 0);
		CHECK(strncmp(q->answer + sp[1].start, "outliers",
			      sp[1].end - sp[1].start) == 0);
		CHECK(sp[0].start < sp[1].start);
	}
	free(sp);
	grade_result_free(&r);
	/* Spans point into the original bytes, also behind multibyte text. */
	const struct quiz_question *z = bank_find(&bank, "mlsd-1.1-q1-zh");
	const char *za = "泛化";
	grade_answer(&ctx, z, za, strlen(za), &r);
	n = grade_spans(&ctx, z, &r, &sp);
	CHECK(n >= 1);
	if (n >= 1) {
		size_t len = sp[0].end - sp[0].start;
		CHECK(len == 3);
		CHECK(strncmp(z->answer + sp[0].start, "泛", 3) == 0);
	}
	free(sp);
	grade_result_free(&r);
	grade_ctx_free(&ctx);
	bank_free(&bank);
}

static void question_outside_bank_is_graded(void)
{
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, NULL);
	struct quiz_keyword kw[2] = {
		{.term = (char *)"gradient descent", .weight = 1},
		{.term = (char *)"learning rate", .weight = 1},
	};
	struct quiz_question q = {
		.id = (char *)"x",
		.chapter = (char *)"",
		.lang = (char *)"en",
		.question = (char *)"How are networks trained?",
		.answer = (char *)"",
		.keywords = kw,
		.n_keywords = 2,
	};
	CHECK_NEAR(
		grade_text(&ctx, &q, "gradient descent with a learning rate"),
		1.0, 1e-9);
	CHECK_NEAR(grade_text(&ctx, &q, "gradient descent"),
		grade_calibrate(0.5), 1e-9);
	grade_ctx_free(&ctx);
}

static void verdicts_and_ratings(void)
{
	CHECK_STR(grade_verdict_name(GRADE_CORRECT), "correct");
	CHECK_STR(grade_verdict_name(GRADE_PARTIAL), "partial");
	CHECK_STR(grade_verdict_name(GRADE_INCORRECT), "incorrect");
	CHECK_INT(grade_verdict_for(
			  PASS_THRESHOLD_DEFAULT, PASS_THRESHOLD_DEFAULT),
		GRADE_CORRECT);
	CHECK_INT(grade_verdict_for(
			  GRADE_PARTIAL_THRESHOLD, PASS_THRESHOLD_DEFAULT),
		GRADE_PARTIAL);
	CHECK_INT(grade_verdict_for(0.0, PASS_THRESHOLD_DEFAULT),
		GRADE_INCORRECT);
	CHECK_INT(grade_verdict_for(0.5, 0.4), GRADE_CORRECT);
	CHECK_INT(grade_suggest_rating(0.0), RATING_AGAIN);
	CHECK_INT(grade_suggest_rating(PASS_THRESHOLD_DEFAULT - 0.01),
		RATING_HARD);
	CHECK_INT(grade_suggest_rating(PASS_THRESHOLD_DEFAULT), RATING_GOOD);
	CHECK_INT(grade_suggest_rating(1.0), RATING_EASY);
	enum grade_rating r;
	for (int i = 0; i < RATING_COUNT; i++) {
		CHECK(grade_rating_parse(
			grade_rating_name((enum grade_rating)i), &r));
		CHECK_INT(r, i);
	}
	CHECK(!grade_rating_parse("great", &r));
}

int main(void)
{
	RUN(properties_hold_on_builtin_bank);
	RUN(properties_hold_on_fixture_bank);
	RUN(required_point_missed_caps_score);
	RUN(acronym_matches_expansion);
	RUN(derived_points_come_from_model_answer);
	RUN(negated_answer_scores_lower);
	RUN(each_answer_word_credits_one_point);
	RUN(spans_cover_matched_words);
	RUN(question_outside_bank_is_graded);
	RUN(verdicts_and_ratings);
	return check_done();
}
