/* Unit tests of match: bounded Damerau distance, typo budget, phrases in
 * order within a window, acronyms, negation scope; and, in the style of
 * fzy's test_match.c, which of two answers a key point prefers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "match.h"
#include "norm.h"
#include "token.h"
#include "tunables.h"

struct side {
	struct norm n;
	char *text;
	struct token_list l;
	uint32_t idx[64];
	size_t n_idx;
};

static struct token_ctx tc_for_tests(void)
{
	struct token_ctx tc;
	token_ctx_init(&tc);
	return tc;
}

static void side_init(struct side *s, struct token_ctx *tc, const char *raw)
{
	norm_init(&s->n);
	const char *t = norm_text(&s->n, raw, strlen(raw), false);
	s->text = strdup(t);
	token_list_init(&s->l);
	token_split(tc, s->text, strlen(s->text), &s->l);
	s->n_idx = 0;
	for (size_t i = 0; i < s->l.n && s->n_idx < 64; i++) {
		if (!(s->l.v[i].flags & TOKEN_ALT))
			s->idx[s->n_idx++] = (uint32_t)i;
	}
}

static void side_free(struct side *s)
{
	token_list_free(&s->l);
	norm_free(&s->n);
	free(s->text);
}

/* Credit of key point kp (a phrase) in answer. */
static double phrase_credit(const char *kp, const char *answer)
{
	struct token_ctx tc = tc_for_tests();
	struct side k;
	struct side a;
	side_init(&k, &tc, kp);
	side_init(&a, &tc, answer);
	struct match_phrase ph = {&k.l, k.idx, k.n_idx, NULL, false};
	size_t hits[64];
	size_t scratch[64];
	double c = match_phrase(&a.l, NULL, &ph, hits, scratch);
	side_free(&k);
	side_free(&a);
	token_ctx_free(&tc);
	return c;
}

static bool prefers(const char *kp, const char *better, const char *worse)
{
	return phrase_credit(kp, better) > phrase_credit(kp, worse);
}

static void distance_counts_transpositions_once(void)
{
	CHECK_INT(match_distance("latency", 7, "latency", 7, 2), 0);
	CHECK_INT(match_distance("latency", 7, "latnecy", 7, 2), 1);
	CHECK_INT(match_distance("latency", 7, "lantecy", 7, 2), 2);
	CHECK_INT(match_distance("abc", 3, "abcd", 4, 2), 1);
	CHECK_INT(match_distance("abc", 3, "xyz", 3, 1), 2); /* max + 1 */
	CHECK_INT(match_distance("abcdef", 6, "ab", 2, 2), 3);
	CHECK_INT(match_distance("", 0, "ab", 2, 2), 2);
}

/* The one-typo budget has a path of its own (no table): it must agree with
 * the table on every pair of short words over a small alphabet, where
 * swaps, repeats and near misses are frequent. */
static void one_typo_path_agrees_with_the_table(void)
{
	uint32_t seed = 12345;
	size_t disagree = 0;
	for (int n = 0; n < 200000; n++) {
		char a[8];
		char b[8];
		seed = seed * 1103515245u + 12345u;
		size_t na = (seed >> 16) % 7;
		seed = seed * 1103515245u + 12345u;
		size_t nb = (seed >> 16) % 7;
		for (size_t i = 0; i < na; i++) {
			seed = seed * 1103515245u + 12345u;
			a[i] = (char)('a' + (seed >> 16) % 3);
		}
		for (size_t i = 0; i < nb; i++) {
			seed = seed * 1103515245u + 12345u;
			b[i] = (char)('a' + (seed >> 16) % 3);
		}
		int full = match_distance(a, na, b, nb, 2);
		int one = match_distance(a, na, b, nb, 1);
		if (one != (full > 1 ? 2 : full))
			disagree++;
	}
	CHECK_INT(disagree, 0);
	CHECK_INT(match_distance("ab", 2, "ba", 2, 1), 1);
	CHECK_INT(match_distance("abc", 3, "ac", 2, 1), 1);
	CHECK_INT(match_distance("abc", 3, "bca", 3, 1), 2);
}

static void budget_grows_with_length(void)
{
	CHECK_INT(match_typo_budget(3), 0);
	CHECK_INT(match_typo_budget(MATCH_TYPO_MIN1 - 1), 0);
	CHECK_INT(match_typo_budget(MATCH_TYPO_MIN1), 1);
	CHECK_INT(match_typo_budget(MATCH_TYPO_MIN2 - 1), 1);
	CHECK_INT(match_typo_budget(MATCH_TYPO_MIN2), 2);
	CHECK_INT(match_typo_budget(40), MATCH_TYPO_MAX);
}

static void typos_cost_a_little(void)
{
	CHECK_NEAR(phrase_credit("reliability", "reliability"), 1.0, 1e-9);
	CHECK_NEAR(phrase_credit("reliability", "relaibility"),
		MATCH_TYPO_CREDIT, 1e-9);
	CHECK_NEAR(phrase_credit("reliability", "reliabilty"),
		MATCH_TYPO_CREDIT, 1e-9);
	CHECK_NEAR(phrase_credit("cat", "cta"), 0.0, 1e-9); /* short: exact */
	CHECK_NEAR(phrase_credit("bound", "found"), 0.0, 1e-9);
	CHECK_NEAR(phrase_credit("p99", "p98"), 0.0, 1e-9); /* code: exact */
	CHECK_NEAR(
		phrase_credit("2048", "2049"), 0.0, 1e-9); /* numbers: exact */
}

static void phrases_match_in_order_within_window(void)
{
	CHECK_NEAR(phrase_credit("user experience", "the user experience"), 1.0,
		1e-9);
	CHECK_NEAR(phrase_credit("mean latency misleading",
			   "mean latency can be misleading"),
		1.0, 1e-9);
	CHECK_NEAR(phrase_credit("mean latency misleading",
			   "the latency is misleading"),
		2.0 / 3, 1e-9);
	/* One word of a phrase is no part of it (MATCH_PARTIAL_MIN). */
	CHECK_NEAR(
		phrase_credit("mean latency misleading", "latency"), 0.0, 1e-9);
	CHECK_NEAR(
		phrase_credit("user experience",
			"user data, then after a long while some experience"),
		0.0, 1e-9);
	CHECK_NEAR(phrase_credit("user experience", "nothing here"), 0.0, 1e-9);
	/* Stop words of the phrase are not required. */
	CHECK_NEAR(phrase_credit("easy to debug", "easy debugging"), 1.0, 1e-9);
	/* Compounds: parts, joined, spaced. */
	CHECK_NEAR(phrase_credit("dataset", "data-set"), 1.0, 1e-9);
	CHECK_NEAR(phrase_credit("model-centric", "model centric"), 1.0, 1e-9);
	/* CJK phrases match without spaces or with them. */
	CHECK_NEAR(phrase_credit("手写规则", "手 写 规 则"), 1.0, 1e-9);
	CHECK_NEAR(phrase_credit("手写规则", "用手写的规则"), 1.0, 1e-9);
}

static void used_positions_are_skipped(void)
{
	struct token_ctx tc = tc_for_tests();
	struct side k;
	struct side a;
	side_init(&k, &tc, "latency");
	side_init(&a, &tc, "latency and latency");
	bool used[8] = {true, false, false};
	struct match_phrase ph = {&k.l, k.idx, k.n_idx, NULL, false};
	size_t hits[4];
	size_t scratch[4];
	CHECK_NEAR(match_phrase(&a.l, used, &ph, hits, scratch), 1.0, 1e-9);
	CHECK_INT(a.l.v[hits[0]].pos, 2);
	used[2] = true;
	CHECK_NEAR(match_phrase(&a.l, used, &ph, hits, scratch), 0.0, 1e-9);
	side_free(&k);
	side_free(&a);
	token_ctx_free(&tc);
}

static void acronyms_match_expansions(void)
{
	struct token_ctx tc = tc_for_tests();
	struct side k;
	struct side a;
	size_t hits[MATCH_ACRONYM_MAX];
	side_init(&k, &tc, "retrieval-augmented generation");
	side_init(&a, &tc, "we use RAG here");
	struct match_phrase ph = {&k.l, k.idx, k.n_idx, NULL, false};
	size_t s = match_acronym_of_phrase(&a.l, NULL, &ph);
	CHECK(s != SIZE_MAX);
	side_free(&k);
	side_free(&a);

	side_init(&k, &tc, "RAG");
	side_init(&a, &tc, "so retrieval augmented generation helps");
	struct match_phrase ph2 = {&k.l, k.idx, k.n_idx, NULL, false};
	CHECK_INT(match_expansion_of_acronym(&a.l, NULL, &ph2, hits), 3);
	side_free(&a);
	side_init(&a, &tc, "mixture of experts");
	side_free(&k);
	side_init(&k, &tc, "MoE");
	struct match_phrase ph3 = {&k.l, k.idx, k.n_idx, NULL, false};
	CHECK_INT(match_expansion_of_acronym(&a.l, NULL, &ph3, hits), 3);
	side_free(&a);
	side_init(&a, &tc, "random access generator");
	struct match_phrase ph4 = {&k.l, k.idx, k.n_idx, NULL, false};
	CHECK_INT(match_expansion_of_acronym(&a.l, NULL, &ph4, hits), 0);
	side_free(&a);
	side_free(&k);
	token_ctx_free(&tc);
}

static bool negated_at(const char *text, const char *key)
{
	struct token_ctx tc = tc_for_tests();
	struct side a;
	side_init(&a, &tc, text);
	bool r = false;
	for (size_t i = 0; i < a.l.n; i++) {
		if (strcmp(token_key(&a.l, &a.l.v[i]), key) == 0) {
			r = match_negated(&a.l, i);
			break;
		}
	}
	side_free(&a);
	token_ctx_free(&tc);
	return r;
}

static void negation_reaches_the_next_word_only(void)
{
	CHECK(negated_at("there is no closed path", "close"));
	CHECK(!negated_at("there is no closed path", "path"));
	CHECK(negated_at("A and C are not in the same path", "same"));
	CHECK(negated_at("neither B nor C is in a closed path", "close"));
	CHECK(!negated_at("not fast, but accurate", "accur"));
	CHECK(!negated_at("not fast. accurate", "accur"));
	CHECK(!negated_at("the same path", "same"));
}

/* fzy-style ordering tests: which answer a key point prefers. */
static void prefers_exact_over_typo(void)
{
	CHECK(prefers("percentiles", "percentiles", "percnetiles"));
}

static void prefers_typo_over_nothing(void)
{
	CHECK(prefers("percentiles", "percnetiles", "averages"));
}

static void prefers_whole_phrase_over_part(void)
{
	CHECK(prefers("mean latency misleading", "mean latency misleads",
		"latency misleads"));
}

static void prefers_in_order_over_reversed(void)
{
	CHECK(prefers("user experience", "user experience",
		"experience of the user"));
}

static void prefers_close_words_over_scattered(void)
{
	CHECK(prefers("data quality", "data quality matters",
		"data is what we have and after much thought we check "
		"quality"));
}

static void prefers_stem_match_over_unrelated(void)
{
	CHECK(prefers(
		"retrain models", "retraining the model", "reuse a table"));
}

int main(void)
{
	RUN(distance_counts_transpositions_once);
	RUN(one_typo_path_agrees_with_the_table);
	RUN(budget_grows_with_length);
	RUN(typos_cost_a_little);
	RUN(phrases_match_in_order_within_window);
	RUN(used_positions_are_skipped);
	RUN(acronyms_match_expansions);
	RUN(negation_reaches_the_next_word_only);
	RUN(prefers_exact_over_typo);
	RUN(prefers_typo_over_nothing);
	RUN(prefers_whole_phrase_over_part);
	RUN(prefers_in_order_over_reversed);
	RUN(prefers_close_words_over_scattered);
	RUN(prefers_stem_match_over_unrelated);
	return check_done();
}
