/* lint: what `quiz check` says of a question's key points and
 * misconceptions, judged by the grader itself: duplicate or nested points,
 * points too long or only restating the question, misconceptions the
 * model answer makes. */
#include "grade.h"

#include <stdlib.h>
#include <string.h>

#include "keypoints.h"
#include "tunables.h"

static size_t form_ids(const struct form *f, uint32_t *ids)
{
	size_t n = 0;
	for (size_t i = 0; i < f->na; i++) {
		const struct token *t = &f->toks.v[f->a[i]];
		if (!(t->flags & TOKEN_STOP))
			ids[n++] = t->id;
	}
	return n;
}

/* Whether a[0..na) stands in b[0..nb) as a run. */
static bool ids_within(
	const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	if (na == 0 || na > nb)
		return false;
	for (size_t s = 0; s + na <= nb; s++) {
		if (memcmp(a, b + s, na * sizeof(*a)) == 0)
			return true;
	}
	return false;
}

/* Words of a term as a reader counts them: separated by spaces
 * ("real-time" is one), two Chinese characters making about one. */
static size_t words_of(const char *text)
{
	size_t n = 0;
	size_t cjk = 0;
	bool in_word = false;
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		if (*c == ' ') {
			in_word = false;
			continue;
		}
		/* Han, Kana and Hangul start with lead bytes E3..ED. */
		if (*c >= 0xE3 && *c <= 0xED) {
			cjk++;
			in_word = false;
			continue;
		}
		if (*c >= 0x80 && *c < 0xC0)
			continue;
		if (!in_word)
			n++;
		in_word = true;
	}
	return n + (cjk + 1) / 2;
}

void grade_lint(const struct grade_ctx *ctx, const struct quiz_question *q,
	void (*report)(void *arg, const char *msg), void *arg)
{
	struct priv *p = grade_priv(ctx);
	const struct prep *pr = grade_prep(p, ctx, q);
	struct buf msg;
	buf_init(&msg);
	if (q->n_keywords > 0) {
		size_t cap = pr->max_tokens + 1;
		uint32_t *a = xcalloc(cap, sizeof(*a));
		uint32_t *b = xcalloc(cap, sizeof(*b));
		struct token_list ql;
		token_list_init(&ql);
		const char *t = norm_text(
			&p->norm, q->question, strlen(q->question), false);
		token_split(&p->tc, t, p->norm.out.len, &ql);
		for (size_t i = 0; i < pr->n; i++) {
			const struct point *x = &pr->points[i];
			size_t na = form_ids(&x->forms[0], a);
			for (size_t j = 0; j < pr->n; j++) {
				const struct point *y = &pr->points[j];
				size_t nb = form_ids(&y->forms[0], b);
				bool same = na == nb && j < i &&
					memcmp(a, b, na * sizeof(*a)) == 0 &&
					x->subject == y->subject &&
					x->forms[0].anti == y->forms[0].anti;
				bool nested = na < nb &&
					x->subject == y->subject &&
					ids_within(a, na, b, nb);
				if (!same && !nested)
					continue;
				buf_clear(&msg);
				buf_printf(&msg,
					"key point \"%s\" of \"%s\" %s \"%s\"",
					x->term, q->id,
					same ? "repeats" : "is part of",
					y->term);
				report(arg, msg.data);
			}
			if (words_of(x->term) > GRADE_POINT_WORDS_MAX) {
				buf_clear(&msg);
				buf_printf(&msg,
					"key point \"%s\" of \"%s\" has more "
					"than %d words",
					x->term, q->id, GRADE_POINT_WORDS_MAX);
				report(arg, msg.data);
			}
			/* Every content word (and the subject's) from the
			 * question: the point only restates it. */
			bool all = na > 0;
			for (size_t k = 0; k < na && all; k++)
				all = keypoints_has_id(&ql, a[k]);
			if (all && x->subject != SIZE_MAX) {
				const struct subject *sj =
					&pr->subjects[x->subject];
				size_t ns = form_ids(&sj->forms[0], b);
				for (size_t k = 0; k < ns && all; k++)
					all = keypoints_has_id(&ql, b[k]);
			}
			if (all) {
				buf_clear(&msg);
				buf_printf(&msg,
					"key point \"%s\" of \"%s\" only "
					"repeats the question",
					x->term, q->id);
				report(arg, msg.data);
			}
		}
		token_list_free(&ql);
		free(a);
		free(b);
	}
	if (pr->n_mis > 0 && q->answer[0]) {
		struct grade_result r;
		grade_answer(ctx, q, q->answer, strlen(q->answer), &r);
		for (size_t k = 0; k < r.n_claims; k++) {
			buf_clear(&msg);
			buf_printf(&msg,
				"misconception \"%s\" of \"%s\" is made by "
				"its own model answer",
				r.claims[k].claim, q->id);
			report(arg, msg.data);
		}
		grade_result_free(&r);
	}
	buf_free(&msg);
}
