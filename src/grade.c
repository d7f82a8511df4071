/* grade: answer + key points -> score. Key points come from the bank
 * (term, aliases, weight, required) or, when a question has none, are
 * derived from its model answer (content words, compounds, CJK bigrams).
 * Each point is matched as a phrase (match.c); every answer position is
 * credited to one point, the best-matching points choosing first; the
 * weighted coverage is compressed into a score (doc/SCORING.md).
 *
 * Key points are prepared once per question and kept in the context;
 * grading an answer reuses the context's buffers, so a context must not be
 * shared between threads. */
#include "grade.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "keypoints.h"
#include "lexicon.h"
#include "match.h"
#include "norm.h"
#include "token.h"
#include "tunables.h"
#include "util.h"

struct priv *grade_priv(const struct grade_ctx *ctx)
{
	return ctx->priv;
}

static void prep_polarity(struct priv *p, struct prep *pr);

const struct prep *grade_prep(struct priv *p, const struct grade_ctx *ctx,
	const struct quiz_question *q)
{
	const struct quiz_bank *bank = ctx->bank;
	if (bank && bank->n_questions && q >= bank->questions &&
		q < bank->questions + bank->n_questions) {
		size_t i = (size_t)(q - bank->questions);
		if (!p->bank_ready[i]) {
			keypoints_build(p, q, &p->bank_preps[i]);
			prep_polarity(p, &p->bank_preps[i]);
			p->bank_ready[i] = true;
		}
		return &p->bank_preps[i];
	}
	for (size_t i = 0; i < p->n_extra; i++) {
		if (p->extra[i].q == q)
			return &p->extra[i];
	}
	xgrow((void **)&p->extra, &p->cap_extra, p->n_extra + 1,
		sizeof(*p->extra));
	struct prep *pr = &p->extra[p->n_extra++];
	keypoints_build(p, q, pr);
	prep_polarity(p, pr);
	return pr;
}

void grade_ctx_init(struct grade_ctx *ctx, const struct quiz_bank *bank)
{
	struct priv *p = xcalloc(1, sizeof(*p));
	token_ctx_init(&p->tc);
	norm_init(&p->norm);
	token_list_init(&p->ans);
	buf_init(&p->lines);
	size_t n = bank ? bank->n_questions : 0;
	p->bank_preps = xcalloc(n + 1, sizeof(*p->bank_preps));
	p->bank_ready = xcalloc(n + 1, sizeof(*p->bank_ready));
	ctx->bank = bank;
	ctx->priv = p;
	if (GRADE_KEYWORD_IDF_POWER != 0.0)
		p->df_bank = bank;
}

void grade_ctx_free(struct grade_ctx *ctx)
{
	struct priv *p = ctx->priv;
	if (!p)
		return;
	size_t n = ctx->bank ? ctx->bank->n_questions : 0;
	for (size_t i = 0; i < n; i++) {
		if (p->bank_ready[i])
			keypoints_free(&p->bank_preps[i]);
	}
	for (size_t i = 0; i < p->n_extra; i++)
		keypoints_free(&p->extra[i]);
	free(p->extra);
	free(p->df);
	free(p->bank_preps);
	free(p->bank_ready);
	token_ctx_free(&p->tc);
	norm_free(&p->norm);
	token_list_free(&p->ans);
	free(p->used);
	free(p->hits);
	free(p->scratch);
	free(p->best);
	free(p->keep);
	free(p->alt);
	buf_free(&p->lines);
	free(p->mask);
	free(p->hit);
	free(p->cred);
	free(p->order);
	free(p->words);
	free(p->said);
	free(p->mentions);
	free(p->sentence);
	free(p);
	ctx->priv = NULL;
}

static void reserve_scratch(struct priv *p, const struct prep *pr, size_t n_pos)
{
	size_t need = pr->max_tokens + MATCH_ACRONYM_MAX + 1;
	if (need > p->hits_cap) {
		p->hits = xrealloc(p->hits, need * sizeof(*p->hits));
		p->scratch = xrealloc(p->scratch, need * sizeof(*p->scratch));
		p->best = xrealloc(p->best, need * sizeof(*p->best));
		p->keep = xrealloc(p->keep, need * sizeof(*p->keep));
		p->alt = xrealloc(p->alt, need * sizeof(*p->alt));
		p->hits_cap = need;
	}
	size_t used_cap = p->used_cap;
	xgrow((void **)&p->used, &p->used_cap, n_pos + 1, sizeof(*p->used));
	if (p->used_cap != used_cap || !p->mask) {
		p->mask = xrealloc(p->mask, p->used_cap * sizeof(*p->mask));
		p->hit = xrealloc(p->hit, p->used_cap * sizeof(*p->hit));
	}
	if (pr->n > p->points_cap) {
		p->cred = xrealloc(p->cred, pr->n * sizeof(*p->cred));
		p->order = xrealloc(p->order, pr->n * sizeof(*p->order));
		p->words = xrealloc(p->words, pr->n * sizeof(*p->words));
		p->said = xrealloc(p->said, pr->n * sizeof(*p->said));
		p->points_cap = pr->n;
	}
}

/* The first and last answer positions of the matched tokens
 * p->best[0..n); false when there are none. */
static bool best_range(const struct priv *p, const struct token_list *al,
	size_t n, size_t *first, uint32_t *lo, uint32_t *hi)
{
	*first = SIZE_MAX;
	*lo = UINT32_MAX;
	*hi = 0;
	for (size_t i = 0; i < n; i++) {
		if (p->best[i] == SIZE_MAX)
			continue;
		const struct token *t = &al->v[p->best[i]];
		if (p->best[i] < *first)
			*first = p->best[i];
		if (t->pos < *lo)
			*lo = t->pos;
		if (t->pos + t->span - 1 > *hi)
			*hi = t->pos + t->span - 1;
	}
	return *first != SIZE_MAX;
}

static bool is_hit(const struct priv *p, size_t n, size_t index)
{
	for (size_t i = 0; i < n; i++) {
		if (p->best[i] == index)
			return true;
	}
	return false;
}

/* Whether answer token t is a misspelling of a negator of form fm
 * ("witohut" where the point says "without"). */
static bool misspelt_negator(
	const struct form *fm, const struct token_list *al, size_t t)
{
	const struct token_list *kl = &fm->toks;
	for (size_t j = 0; j < kl->n; j++) {
		if ((kl->v[j].flags & TOKEN_NEG) &&
			match_token(al, &al->v[t], kl, &kl->v[j]) > 0.0)
			return true;
	}
	return false;
}

/* The negators of the clause of a claim matched at p->best[0..n), from
 * the clause's start to its last matched word, flip its polarity: "does
 * not improve computational efficiency" denies "improves computational
 * efficiency" and "computational efficiency" alike. "not only" is no
 * negation. */
static bool clause_negated(const struct priv *p, const struct form *fm,
	const struct token_list *al, size_t n, size_t first, uint32_t hi)
{
	size_t start = first;
	while (start > 0 && !(al->v[start].flags & TOKEN_BREAK) &&
		!(al->v[start - 1].flags & TOKEN_CONJ))
		start--;
	bool neg = false;
	for (size_t t = start; t < al->n && al->v[t].pos <= hi; t++) {
		const struct token *k = &al->v[t];
		if ((k->flags & TOKEN_ALT) || is_hit(p, n, t))
			continue;
		if (!(k->flags & TOKEN_NEG) &&
			(!fm->anti || !misspelt_negator(fm, al, t)))
			continue;
		bool only = t + 1 < al->n &&
			strcmp(token_key(al, &al->v[t + 1]), "onli") == 0;
		if (!only)
			neg = !neg;
	}
	return neg;
}

/* The mention of a subject nearest the claim at positions lo..hi: the
 * nearest one named before it in its sentence, else the nearest after it;
 * SIZE_MAX when its sentence names none. */
static size_t claim_mention(const struct priv *p, uint32_t lo, uint32_t hi)
{
	uint32_t sent = p->sentence[lo];
	size_t before = SIZE_MAX;
	size_t after = SIZE_MAX;
	for (size_t i = 0; i < p->n_mentions; i++) {
		const struct mention *m = &p->mentions[i];
		if (p->sentence[m->first] != sent)
			continue;
		if (m->last < lo &&
			(before == SIZE_MAX ||
				m->last > p->mentions[before].last))
			before = i;
		if (m->first > hi &&
			(after == SIZE_MAX ||
				m->first < p->mentions[after].first))
			after = i;
	}
	return before != SIZE_MAX ? before : after;
}

/* Whether subject sj is named at the place of mention m (two subjects
 * may be named by the same words: "ETL pipeline" and "pipeline"). */
static bool named_there(const struct priv *p, size_t m, size_t sj)
{
	const struct mention *x = &p->mentions[m];
	for (size_t i = 0; i < p->n_mentions; i++) {
		const struct mention *y = &p->mentions[i];
		if (y->subject == sj && y->last == x->last)
			return true;
	}
	return false;
}

/* Whether a typo matched a's key with k's ("incraeses" for "increases"
 * keyed as the point's "reduces") rather than its surface ("ineffciient"
 * for "inefficient", keyed as "efficient"): the closer of the two. */
static bool keys_close(const struct token_list *al, const struct token *a,
	const struct token_list *kl, const struct token *k)
{
	size_t chars = a->chars < k->chars ? a->chars : k->chars;
	int budget = match_typo_budget(chars);
	int dk = match_distance(token_key(al, a), a->key_len, token_key(kl, k),
		k->key_len, budget);
	int ds = match_distance(token_surface(al, a), a->len,
		token_surface(kl, k), k->len, budget);
	return dk <= budget && dk < ds;
}

/* Whether the matched tokens p->best[0..n) hold an odd number of
 * opposites. A misspelt word says what the word it stands for says:
 * "ineffciient" is "inefficient". */
static bool hits_anti(const struct priv *p, const struct form *fm,
	const struct token_list *al, size_t n)
{
	bool anti = false;
	for (size_t i = 0; i < n; i++) {
		if (p->best[i] == SIZE_MAX)
			continue;
		const struct token *a = &al->v[p->best[i]];
		const struct token *k =
			p->best_idx ? &fm->toks.v[p->best_idx[i]] : NULL;
		unsigned flags =
			k && k->id != a->id && !keys_close(al, a, &fm->toks, k)
			? k->flags
			: a->flags;
		if (flags & TOKEN_ANTI)
			anti = !anti;
	}
	return anti;
}

/* How the matched tokens p->best[0..n) say the point: the same, the
 * opposite (negated, or an antonym, where the point is not, or the other
 * way round), or of another subject. */
static enum said judge(const struct priv *p, const struct point *pt,
	const struct form *fm, const struct token_list *al, size_t n)
{
	size_t first;
	uint32_t lo;
	uint32_t hi;
	if (!best_range(p, al, n, &first, &lo, &hi))
		return SAID_SAME;
	bool anti = hits_anti(p, fm, al, n);
	/* Chinese text is often unpunctuated: a negator there negates the
	 * word after it, not the rest of the answer. */
	bool clause = pt->claim && al->v[first].kind != TOKEN_CJK;
	bool neg = clause ? clause_negated(p, fm, al, n, first, hi)
			  : match_negated(al, first);
	if ((neg != anti) != (pt->negated != fm->anti))
		return SAID_OPPOSITE;
	size_t want = fm->subject != SIZE_MAX ? fm->subject : pt->subject;
	if (want == SIZE_MAX)
		return SAID_SAME;
	size_t m = claim_mention(p, lo, hi);
	if (m == SIZE_MAX)
		return SAID_NO_SUBJECT;
	return named_there(p, m, want) ? SAID_SAME : SAID_OTHER_SUBJECT;
}

/* Best credit of one point against the answer al, skipping positions in
 * used (may be NULL); its matched answer tokens go to p->best
 * (SIZE_MAX-padded), *n_best of them; *form receives the form matched. */
static double forms_search(struct priv *p, const struct form *forms,
	size_t n_forms, const struct token_list *al, const bool *used,
	size_t *n_best, const struct form **form)
{
	double best = 0.0;
	*n_best = 0;
	*form = NULL;
	for (size_t f = 0; f < n_forms && best < 1.0; f++) {
		const struct form *fm = &forms[f];
		for (int v = 0; v < 2; v++) {
			struct match_phrase ph = {&fm->toks, v ? fm->b : fm->a,
				v ? fm->nb : fm->na, v ? NULL : fm->glued,
				fm->acronym};
			if (ph.n == 0)
				continue;
			double c = match_phrase(
				al, used, &ph, p->hits, p->scratch);
			if (c > best) {
				best = c;
				*form = fm;
				memcpy(p->best, p->hits,
					ph.n * sizeof(*p->best));
				*n_best = ph.n;
				p->best_idx = ph.idx;
			}
			if (best >= 1.0)
				break;
			if (v == 0 && fm->initials) {
				size_t s =
					match_acronym_of_phrase(al, used, &ph);
				if (s != SIZE_MAX) {
					best = 1.0;
					*form = fm;
					p->best[0] = s;
					*n_best = 1;
					p->best_idx = NULL;
					break;
				}
			}
			if (v == 0 && fm->acronym) {
				size_t k = match_expansion_of_acronym(
					al, used, &ph, p->hits);
				if (k) {
					best = 1.0;
					*form = fm;
					memcpy(p->best, p->hits,
						k * sizeof(*p->best));
					*n_best = k;
					p->best_idx = NULL;
					break;
				}
			}
		}
	}
	return best;
}

/* Most occurrences of a point looked at before giving up on it. */
#define OCCURRENCES_MAX 8

/* forms_search, then what the match says: an occurrence that says the
 * point the other way round (negated, reversed, of another subject) earns
 * nothing, and the next one is looked at ("not X ... X"). *said receives
 * how the first rejected occurrence said it when no occurrence agrees. */
/* The best occurrence of one form that says what the point says, its
 * tokens in p->best; 0 when none does. *said and *said_credit receive how
 * its best occurrence said the point otherwise. */
/* A key point's two words said in one sentence in the other order ("the
 * quality of the data" for "data quality"; forms marked any_order): the
 * best sentence's share of them, each answer word used once, times
 * GRADE_UNORDERED_CREDIT; 0 with fewer than MATCH_PARTIAL_MIN found. The
 * tokens go to p->best when the credit beats floor. */
static double unordered_search(struct priv *p, const struct form *fm,
	const struct token_list *al, const bool *used, double floor,
	size_t *n_best)
{
	const struct token_list *kl = &fm->toks;
	if (!fm->any_order)
		return 0.0;
	size_t content = 2;
	double best = 0.0;
	size_t start = 0;
	while (start < al->n) {
		uint32_t sent = p->sentence[al->v[start].pos];
		size_t end = start;
		while (end < al->n && p->sentence[al->v[end].pos] == sent)
			end++;
		double sum = 0.0;
		size_t found = 0;
		for (size_t i = 0; i < fm->na; i++) {
			const struct token *k = &kl->v[fm->a[i]];
			p->hits[i] = SIZE_MAX;
			if (k->flags & TOKEN_STOP)
				continue;
			double kc = 0.0;
			for (size_t j = start; j < end; j++) {
				const struct token *a = &al->v[j];
				if ((a->flags & TOKEN_STOP) ||
					(used && used[a->pos]))
					continue;
				bool taken = false;
				for (size_t h = 0; h < i && !taken; h++)
					taken = p->hits[h] != SIZE_MAX &&
						al->v[p->hits[h]].pos == a->pos;
				double c =
					taken ? 0.0 : match_token(al, a, kl, k);
				if (c > kc) {
					kc = c;
					p->hits[i] = j;
				}
			}
			sum += kc;
			found += kc > 0.0;
		}
		double c = found >= MATCH_PARTIAL_MIN
			? GRADE_UNORDERED_CREDIT * sum / (double)content
			: 0.0;
		if (c > best && c > floor) {
			best = c;
			memcpy(p->best, p->hits, fm->na * sizeof(*p->best));
			*n_best = fm->na;
			p->best_idx = fm->a;
		}
		start = end;
	}
	return best;
}

static double form_match(struct priv *p, const struct point *pt,
	const struct form *form, const struct token_list *al, const bool *used,
	size_t *n_best, enum said *said, double *said_credit)
{
	const struct form *fm;
	double c = forms_search(p, form, 1, al, used, n_best, &fm);
	/* Words in another order count only when they say the point as
	 * the point says it: too loose to be taken for a wrong claim. */
	if (c < 1.0 && form->any_order) {
		size_t n_io = *n_best;
		const uint32_t *idx_io = p->best_idx;
		memcpy(p->alt, p->best, n_io * sizeof(*p->alt));
		size_t n_u = 0;
		double u = unordered_search(p, form, al, used, c, &n_u);
		if (u > c && judge(p, pt, form, al, n_u) == SAID_SAME) {
			*n_best = n_u;
			*said = SAID_SAME;
			*said_credit = 0.0;
			return u;
		}
		memcpy(p->best, p->alt, n_io * sizeof(*p->best));
		p->best_idx = idx_io;
	}
	*said = SAID_SAME;
	*said_credit = 0.0;
	if (c <= 0.0 || !fm)
		return 0.0;
	*said = judge(p, pt, fm, al, *n_best);
	if (*said == SAID_SAME)
		return c;
	*said_credit = c;
	bool *mask = p->mask;
	if (used)
		memcpy(mask, used, (al->n_pos + 1) * sizeof(*mask));
	else
		memset(mask, 0, (al->n_pos + 1) * sizeof(*mask));
	for (int k = 0; k < OCCURRENCES_MAX; k++) {
		for (size_t i = 0; i < *n_best; i++) {
			if (p->best[i] == SIZE_MAX)
				continue;
			const struct token *t = &al->v[p->best[i]];
			for (uint32_t s = 0; s < t->span; s++)
				mask[t->pos + s] = true;
		}
		double again = forms_search(p, form, 1, al, mask, n_best, &fm);
		if (again <= 0.0 || !fm)
			break;
		if (judge(p, pt, fm, al, *n_best) == SAID_SAME)
			return again;
	}
	*n_best = 0;
	return 0.0;
}

/* The best form of the point that says what it says: an occurrence that
 * says it the other way round (negated, reversed, of another subject)
 * earns nothing, and the next one is looked at ("not X ... X"). *said
 * receives how the best rejected occurrence said it when no form
 * agrees (SAID_SAME when that was not the whole point). */
static double point_match(struct priv *p, const struct point *pt,
	const struct token_list *al, const bool *used, size_t *n_best,
	enum said *said)
{
	*said = SAID_SAME;
	if (pt->shared) {
		const struct form *fm;
		double c = forms_search(
			p, pt->forms, pt->n_forms, al, used, n_best, &fm);
		/* A CJK bigram is a word: half of it is no match; and
		 * polarity is a matter of words, which a CJK character is
		 * not. */
		return c < 1.0 ? 0.0 : c;
	}
	double best = 0.0;
	size_t n_keep = 0;
	double worst_credit = 0.0;
	for (size_t f = 0; f < pt->n_forms && best < 1.0; f++) {
		size_t n;
		enum said s;
		double sc;
		double c =
			form_match(p, pt, &pt->forms[f], al, used, &n, &s, &sc);
		if (c > best) {
			best = c;
			n_keep = n;
			memcpy(p->keep, p->best, n * sizeof(*p->keep));
		}
		if (s != SAID_SAME && sc > worst_credit) {
			worst_credit = sc;
			*said = s;
		}
	}
	memcpy(p->best, p->keep, n_keep * sizeof(*p->best));
	*n_best = n_keep;
	if (best > 0.0 || worst_credit < GRADE_WHOLE_BAR)
		*said = SAID_SAME;
	return best;
}

/* Finds where the question's subjects are named in the answer, and
 * numbers the answer's sentences. */
static void find_mentions(
	struct priv *p, const struct prep *pr, const struct token_list *al)
{
	p->n_mentions = 0;
	xgrow((void **)&p->sentence, &p->sentence_cap, al->n_pos + 1,
		sizeof(*p->sentence));
	uint32_t sent = 0;
	for (size_t i = 0; i < al->n; i++) {
		const struct token *t = &al->v[i];
		if (t->flags & TOKEN_ALT)
			continue;
		if (t->flags & TOKEN_SENT)
			sent++;
		p->sentence[t->pos] = sent;
	}
	for (size_t sj = 0; sj < pr->n_subjects; sj++) {
		const struct subject *s = &pr->subjects[sj];
		memset(p->mask, 0, (al->n_pos + 1) * sizeof(*p->mask));
		for (int k = 0; k < OCCURRENCES_MAX * 4; k++) {
			size_t n;
			const struct form *fm;
			double c = forms_search(
				p, s->forms, s->n_forms, al, p->mask, &n, &fm);
			size_t first;
			uint32_t lo;
			uint32_t hi;
			if (c < GRADE_WHOLE_BAR ||
				!best_range(p, al, n, &first, &lo, &hi))
				break;
			for (uint32_t x = lo; x <= hi; x++)
				p->mask[x] = true;
			/* "Offline store" does not name "Online store". */
			if (hits_anti(p, fm, al, n) != fm->anti)
				continue;
			xgrow((void **)&p->mentions, &p->mentions_cap,
				p->n_mentions + 1, sizeof(*p->mentions));
			p->mentions[p->n_mentions++] =
				(struct mention){lo, hi, sj};
		}
	}
}

/* Marks the positions of p->best[0..n_best) used; true if one already
 * was. */
static bool mark_used(
	struct priv *p, const struct token_list *al, size_t n_best)
{
	bool clash = false;
	for (size_t i = 0; i < n_best; i++) {
		if (p->best[i] == SIZE_MAX)
			continue;
		const struct token *t = &al->v[p->best[i]];
		for (uint32_t k = 0; k < t->span; k++) {
			clash |= p->used[t->pos + k];
			p->used[t->pos + k] = true;
		}
	}
	return clash;
}

/* The greedy assignment's order: points matched whole first (a part of a
 * minor point must not take the words of a point said in full: "while
 * the model stays fixed" took "model" from "improve the model"), then
 * those that matched more words (a phrase needs its words where a single
 * word can often be found again), then the best-matching and heaviest. */
static bool goes_before(
	const struct priv *p, const struct point *points, size_t a, size_t b)
{
	bool wa = p->cred[a] >= GRADE_WHOLE_BAR;
	bool wb = p->cred[b] >= GRADE_WHOLE_BAR;
	if (wa != wb)
		return wa;
	if (p->words[a] != p->words[b])
		return p->words[a] > p->words[b];
	return p->cred[a] * points[a].weight > p->cred[b] * points[b].weight;
}

static void sort_order(const struct priv *p, size_t *order, size_t n,
	const struct point *points)
{
	/* Insertion sort: a question has a few dozen points at most, and it
	 * is stable, so ties keep the bank's order. */
	for (size_t i = 1; i < n; i++) {
		size_t x = order[i];
		size_t j = i;
		while (j > 0 && goes_before(p, points, x, order[j - 1])) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = x;
	}
}

double grade_calibrate(double coverage)
{
	if (coverage <= 0.0)
		return 0.0;
	if (coverage >= 1.0)
		return 1.0;
	double s = pow(coverage, GRADE_SCORE_GAMMA);
	if (coverage < GRADE_SCORE_RAMP)
		s *= coverage / GRADE_SCORE_RAMP;
	return s;
}

enum grade_verdict grade_verdict_for(double score, double pass)
{
	if (score >= pass)
		return GRADE_CORRECT;
	double partial =
		GRADE_PARTIAL_THRESHOLD < pass ? GRADE_PARTIAL_THRESHOLD : pass;
	return score >= partial && score > 0.0 ? GRADE_PARTIAL
					       : GRADE_INCORRECT;
}

/* A key point the model answer itself states negated ("LLMs alone can't
 * take actions" for the point "actions") is said the same way by an
 * answer that negates it: the polarity to compare with is the model
 * answer's. Misconceptions keep their own. */
static void prep_polarity(struct priv *p, struct prep *pr)
{
	const char *a = pr->q->answer;
	if (!a || !*a || pr->n == 0)
		return;
	const char *t = keypoints_norm_lines(p, a, strlen(a), false);
	char *text = xstrndup(t, p->norm.out.len);
	struct token_list ml;
	token_list_init(&ml);
	token_split(&p->tc, text, strlen(text), &ml);
	reserve_scratch(p, pr, ml.n_pos);
	find_mentions(p, pr, &ml);
	for (size_t i = 0; i < pr->n; i++) {
		struct point *pt = &pr->points[i];
		if (!pt->claim || pt->shared)
			continue;
		size_t n_best;
		enum said said;
		if (point_match(p, pt, &ml, NULL, &n_best, &said) <= 0.0 &&
			said == SAID_OPPOSITE)
			pt->negated = true;
	}
	token_list_free(&ml);
	free(text);
}

/* The misconceptions the answer makes, into out->claims. */
static void match_misconceptions(struct priv *p, const struct prep *pr,
	const struct token_list *al, struct grade_result *out)
{
	for (size_t i = 0; i < pr->n_mis; i++) {
		size_t n_best;
		enum said said;
		double c =
			point_match(p, &pr->mis[i], al, NULL, &n_best, &said);
		if (c < GRADE_WHOLE_BAR)
			continue;
		xgrow((void **)&out->claims, &out->claims_cap,
			out->n_claims + 1, sizeof(*out->claims));
		out->claims[out->n_claims++] = (struct grade_claim){
			pr->mis[i].term, pr->mis[i].correction};
	}
}

/* The weighted share of the model answer's derived points that the
 * answer says; negative when the question has none, or when the answer
 * is not written in the model answer's main script (an English answer to
 * a Chinese question, even one with English terms in it, has only the key
 * points' cross-language aliases to go by). */
static double model_coverage(
	struct priv *p, const struct prep *pr, const struct token_list *al)
{
	if (pr->n_model == 0)
		return -1.0;
	bool same = false;
	for (size_t i = 0; i < al->n && !same; i++)
		same = (al->v[i].kind == TOKEN_CJK) == pr->model_cjk;
	if (!same)
		return -1.0;
	double got = 0.0;
	double total = 0.0;
	for (size_t i = 0; i < pr->n_model; i++) {
		size_t n_best;
		enum said said;
		const struct point *pt = &pr->model[i];
		got += pt->weight *
			point_match(p, pt, al, NULL, &n_best, &said);
		total += pt->weight;
	}
	return total > 0.0 ? got / total : -1.0;
}

void grade_answer(const struct grade_ctx *ctx, const struct quiz_question *q,
	const char *answer, size_t len, struct grade_result *out)
{
	struct priv *p = grade_priv(ctx);
	memset(out, 0, sizeof(*out));
	const struct prep *pr = grade_prep(p, ctx, q);
	const char *text = keypoints_norm_lines(p, answer, len, false);
	struct token_list *al = &p->ans;
	token_split(&p->tc, text, p->norm.out.len, al);
	reserve_scratch(p, pr, al->n_pos);
	find_mentions(p, pr, al);

	out->n_points = pr->n;
	out->points = xcalloc(pr->n + 1, sizeof(*out->points));
	size_t n_best;
	/* First every point on its own; when no two points claimed the same
	 * answer position, that is already the assignment. */
	memset(p->used, 0, (al->n_pos + 1) * sizeof(*p->used));
	bool overlap = false;
	for (size_t i = 0; i < pr->n; i++) {
		p->cred[i] = point_match(
			p, &pr->points[i], al, NULL, &n_best, &p->said[i]);
		p->order[i] = i;
		p->words[i] = 0;
		for (size_t k = 0; k < n_best; k++)
			p->words[i] += p->best[k] != SIZE_MAX;
		if (p->cred[i] > 0.0 && !pr->points[i].shared)
			overlap |= mark_used(p, al, n_best);
	}
	if (overlap)
		sort_order(p, p->order, pr->n, pr->points);
	memset(p->used, 0, (al->n_pos + 1) * sizeof(*p->used));
	double got = 0.0;
	double total = 0.0;
	bool missed_required = false;
	size_t wrong = 0;
	for (size_t r = 0; r < pr->n; r++) {
		size_t i = p->order[r];
		const struct point *pt = &pr->points[i];
		double c = 0.0;
		if (p->cred[i] > 0.0 && (pt->shared || !overlap)) {
			c = p->cred[i];
		} else if (p->cred[i] > 0.0) {
			enum said said;
			c = point_match(p, pt, al, p->used, &n_best, &said);
			mark_used(p, al, n_best);
		}
		struct grade_point *gp = &out->points[i];
		gp->term = pt->term;
		gp->weight = pt->weight;
		gp->required = pt->required;
		gp->credit = c;
		gp->matched = c >= GRADE_MATCHED_BAR;
		if (!gp->matched && pt->claim) {
			gp->reversed = p->said[i] == SAID_OPPOSITE;
			gp->swapped = p->said[i] == SAID_OTHER_SUBJECT;
			wrong += gp->reversed || gp->swapped;
		}
		if (gp->matched)
			out->n_matched++;
		else if (pt->required)
			missed_required = true;
		got += pt->weight * c;
		total += pt->weight;
	}
	match_misconceptions(p, pr, al, out);
	wrong += out->n_claims;
	out->coverage = total > 0.0 ? got / total : 0.0;
	double mcov = model_coverage(p, pr, al);
	out->model_coverage = mcov;
	double cov = out->coverage;
	if (mcov >= 0.0)
		cov = GRADE_KEYPOINT_SHARE * cov +
			(1.0 - GRADE_KEYPOINT_SHARE) * mcov;
	double score = grade_calibrate(cov);
	/* A key point or two of many are words in common, not an answer;
	 * unless the answer says enough of the model answer's words to pass
	 * on them alone (the points in other words than theirs). */
	double few = GRADE_FEW_POINTS_SHARE * (double)pr->n;
	if ((double)out->n_matched <= (few > 1.0 ? few : 1.0) &&
		pr->n >= GRADE_FEW_POINTS_MIN && score > GRADE_FEW_POINTS_CAP &&
		grade_calibrate(mcov) < PASS_THRESHOLD_DEFAULT)
		score = GRADE_FEW_POINTS_CAP;
	if (missed_required && score > GRADE_REQUIRED_CAP)
		score = GRADE_REQUIRED_CAP;
	/* A wrong claim costs more than an omission. */
	for (size_t k = 0; k < wrong; k++)
		score *= 1.0 - GRADE_WRONG_CLAIM_COST;
	if (score > 1.0)
		score = 1.0;
	out->score = score;
	out->verdict = grade_verdict_for(score, PASS_THRESHOLD_DEFAULT);
}

void grade_result_free(struct grade_result *r)
{
	free(r->points);
	free(r->claims);
	memset(r, 0, sizeof(*r));
}

static int cmp_span(const void *a, const void *b)
{
	const struct grade_span *x = a;
	const struct grade_span *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return (x->point > y->point) - (x->point < y->point);
}

size_t grade_spans(const struct grade_ctx *ctx, const struct quiz_question *q,
	const struct grade_result *r, struct grade_span **out)
{
	struct priv *p = grade_priv(ctx);
	*out = NULL;
	const struct prep *pr = grade_prep(p, ctx, q);
	if (pr->n != r->n_points)
		return 0;
	size_t alen = strlen(q->answer);
	keypoints_norm_lines(p, q->answer, alen, true);
	struct token_list *al = &p->ans;
	token_split(&p->tc, p->norm.out.data, p->norm.out.len, al);
	reserve_scratch(p, pr, al->n_pos);
	find_mentions(p, pr, al);
	struct grade_span *v = NULL;
	size_t n = 0;
	size_t cap = 0;
	for (size_t i = 0; i < pr->n; i++) {
		if (!r->points[i].matched)
			continue;
		size_t n_best;
		enum said said;
		double c = point_match(
			p, &pr->points[i], al, NULL, &n_best, &said);
		if (c <= 0.0)
			continue;
		for (size_t k = 0; k < n_best; k++) {
			if (p->best[k] == SIZE_MAX)
				continue;
			const struct token *t = &al->v[p->best[k]];
			xgrow((void **)&v, &cap, n + 1, sizeof(*v));
			v[n].start = p->norm.src_start[t->off];
			v[n].end = p->norm.src_end[t->off + t->len - 1];
			v[n].point = i;
			n++;
		}
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_span);
	*out = v;
	return n;
}

const char *grade_verdict_name(enum grade_verdict v)
{
	switch (v) {
	case GRADE_INCORRECT:
		return "incorrect";
	case GRADE_PARTIAL:
		return "partial";
	case GRADE_CORRECT:
		return "correct";
	}
	return "incorrect";
}

enum grade_rating grade_suggest_rating(double score)
{
	if (score < GRADE_PARTIAL_THRESHOLD)
		return RATING_AGAIN;
	if (score < PASS_THRESHOLD_DEFAULT)
		return RATING_HARD;
	if (score < GRADE_EASY_THRESHOLD)
		return RATING_GOOD;
	return RATING_EASY;
}

static const char *const rating_names[RATING_COUNT] = {
	"again",
	"hard",
	"good",
	"easy",
};

const char *grade_rating_name(enum grade_rating r)
{
	return r >= 0 && r < RATING_COUNT ? rating_names[r] : "again";
}

bool grade_rating_parse(const char *s, enum grade_rating *out)
{
	for (int i = 0; i < RATING_COUNT; i++) {
		if (strcmp(s, rating_names[i]) == 0) {
			*out = (enum grade_rating)i;
			return true;
		}
	}
	return false;
}

int grade_percent(double score)
{
	return (int)floor(score * 100.0 + 1e-9);
}

size_t grade_claim_count(const struct grade_result *r)
{
	size_t n = r->n_claims;
	for (size_t i = 0; i < r->n_points; i++)
		n += r->points[i].reversed || r->points[i].swapped;
	return n;
}

void grade_claim_text(const struct grade_result *r, size_t k, struct buf *out)
{
	for (size_t i = 0; i < r->n_points; i++) {
		const struct grade_point *p = &r->points[i];
		if (!p->reversed && !p->swapped)
			continue;
		if (k-- > 0)
			continue;
		if (p->reversed)
			buf_printf(out,
				"Reversed: you said the opposite of \"%s\"",
				p->term);
		else
			buf_printf(out,
				"Swapped: you said \"%s\" of the wrong subject",
				p->term);
		return;
	}
	if (k >= r->n_claims)
		return;
	const struct grade_claim *c = &r->claims[k];
	buf_printf(out, "Careful: you said \"%s\"", c->claim);
	if (c->correction)
		buf_printf(out, "; the model answer says: %s", c->correction);
}

/* The content-word ids of a form, in order (stop words, negators and
 * joined compounds left out), into ids; returns their number. */
