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

#include "match.h"
#include "norm.h"
#include "token.h"
#include "tunables.h"
#include "util.h"

/* One way to say a key point: its term or one alias. */
struct form {
	char *text; /* normalized; the tokens refer to it */
	struct token_list toks;
	uint32_t *a; /* the primary tokens, in order */
	size_t na;
	uint32_t *b; /* compounds joined (nb == 0: none) */
	size_t nb;
	bool acronym; /* written in capitals: may match its expansion */
	bool anti; /* says the opposite of its key words: an odd
		    * number of negators and antonyms */
};

struct point {
	const char *term; /* the bank's term, or owned */
	char *owned;
	double weight;
	bool required;
	bool negated; /* stands negated in the model answer */
	bool shared; /* CJK only: its characters may also count for
		      * other points, as overlapping bigrams must */
	struct form *forms;
	size_t n_forms;
};

struct prep {
	const struct quiz_question *q;
	struct point *points;
	size_t n;
	size_t max_tokens; /* longest form */
	uint32_t *topic; /* sorted key ids of the question, the model
			  * answer and the key points */
	size_t n_topic;
};

struct priv {
	struct token_ctx tc;
	uint32_t *df; /* model answers holding each key id (index) */
	size_t n_df; /* ids counted */
	size_t n_docs;
	struct norm norm;
	struct token_list ans;
	struct prep *bank_preps; /* one per bank question, prepared lazily */
	bool *bank_ready;
	struct prep *extra; /* questions not in the bank */
	size_t n_extra;
	size_t cap_extra;
	bool *used;
	size_t used_cap;
	size_t *hits;
	size_t *scratch;
	size_t *best;
	size_t *first; /* a contradicting match, kept aside */
	size_t hits_cap;
	bool *mask; /* used, plus a contradicting match */
	bool *hit; /* positions some point matched on its own */
	double *cred;
	size_t *order;
	size_t *words; /* answer words each point matched alone */
	size_t points_cap;
};

static struct priv *priv_of(const struct grade_ctx *ctx)
{
	return ctx->priv;
}

/* Capitals only (digits allowed), 2 to MATCH_ACRONYM_MAX letters. */
static bool is_acronym(const char *s)
{
	size_t letters = 0;
	size_t n = 0;
	for (; s[n]; n++) {
		if (s[n] >= 'A' && s[n] <= 'Z')
			letters++;
		else if (s[n] < '0' || s[n] > '9')
			return false;
	}
	return letters >= MATCH_ACRONYM_MIN && n <= MATCH_ACRONYM_MAX;
}

static void form_build(
	struct priv *p, const char *raw, size_t len, struct form *f)
{
	memset(f, 0, sizeof(*f));
	const char *t = norm_text(&p->norm, raw, len, false);
	f->text = xstrndup(t, p->norm.out.len);
	token_list_init(&f->toks);
	token_split(&p->tc, f->text, strlen(f->text), &f->toks);
	const struct token_list *l = &f->toks;
	f->a = xcalloc(l->n + 1, sizeof(*f->a));
	f->b = xcalloc(l->n + 1, sizeof(*f->b));
	bool joined = false;
	bool only_neg = true;
	for (size_t i = 0; i < l->n; i++) {
		const struct token *k = &l->v[i];
		if (!(k->flags & TOKEN_ALT) &&
			(k->flags & (TOKEN_NEG | TOKEN_ANTI)))
			f->anti = !f->anti;
		if (!(k->flags & (TOKEN_ALT | TOKEN_NEG)) ||
			k->kind == TOKEN_CJK)
			only_neg = false;
	}
	/* Negators set the polarity; they are not words to find, unless
	 * they are all the term says. */
	unsigned skip = only_neg ? 0 : TOKEN_NEG;
	if (only_neg)
		f->anti = false;
	if (l->n > 0 && l->v[0].kind == TOKEN_CJK) {
		/* 无规 is a bigram to find, not a negation of 规. */
		skip = 0;
		f->anti = false;
	}
	uint32_t skip_until = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct token *k = &l->v[i];
		if (k->flags & skip)
			continue;
		if (!(k->flags & TOKEN_ALT))
			f->a[f->na++] = (uint32_t)i;
		if ((k->flags & TOKEN_ALT) && k->kind != TOKEN_CJK) {
			f->b[f->nb++] = (uint32_t)i;
			skip_until = k->pos + k->span;
			joined = true;
		} else if (!(k->flags & TOKEN_ALT) && k->pos >= skip_until) {
			f->b[f->nb++] = (uint32_t)i;
		}
	}
	if (!joined)
		f->nb = 0;
	char *r = xstrndup(raw, len);
	f->acronym = is_acronym(r);
	free(r);
}

static void form_free(struct form *f)
{
	free(f->text);
	token_list_free(&f->toks);
	free(f->a);
	free(f->b);
}

static void prep_free(struct prep *pr)
{
	for (size_t i = 0; i < pr->n; i++) {
		struct point *pt = &pr->points[i];
		for (size_t j = 0; j < pt->n_forms; j++)
			form_free(&pt->forms[j]);
		free(pt->forms);
		free(pt->owned);
	}
	free(pr->points);
	free(pr->topic);
	memset(pr, 0, sizeof(*pr));
}

static struct point *add_point(struct prep *pr, size_t *cap)
{
	xgrow((void **)&pr->points, cap, pr->n + 1, sizeof(*pr->points));
	struct point *pt = &pr->points[pr->n++];
	memset(pt, 0, sizeof(*pt));
	return pt;
}

/* Rarer words say more: (log((N + 1) / (df + 0.5))) ^ power, with df the
 * number of model answers of the bank holding the key; 1 when power is 0
 * or the bank has no statistics. */
static double idf_weight(const struct priv *p, uint32_t id, double power)
{
	if (power == 0.0 || p->n_docs == 0)
		return 1.0;
	double df = id < p->n_df ? (double)p->df[id] : 0.0;
	double idf = log(((double)p->n_docs + 1.0) / (df + 0.5));
	return idf > 0.0 ? pow(idf, power) : 0.0;
}

/* The mean idf weight of a term's content words. */
static double form_idf(const struct priv *p, const struct form *f, double power)
{
	double sum = 0.0;
	size_t n = 0;
	for (size_t i = 0; i < f->na; i++) {
		const struct token *t = &f->toks.v[f->a[i]];
		if (t->flags & TOKEN_STOP)
			continue;
		sum += idf_weight(p, t->id, power);
		n++;
	}
	return n ? sum / (double)n : 1.0;
}

static void prep_keywords(
	struct priv *p, const struct quiz_question *q, struct prep *pr)
{
	size_t cap = 0;
	for (size_t i = 0; i < q->n_keywords; i++) {
		const struct quiz_keyword *kw = &q->keywords[i];
		struct point *pt = add_point(pr, &cap);
		pt->term = kw->term;
		pt->weight =
			kw->weight > 0 ? kw->weight : KEYWORD_WEIGHT_DEFAULT;
		pt->required = kw->required;
		pt->n_forms = 1 + kw->n_aliases;
		pt->forms = xcalloc(pt->n_forms, sizeof(*pt->forms));
		form_build(p, kw->term, strlen(kw->term), &pt->forms[0]);
		for (size_t j = 0; j < kw->n_aliases; j++)
			form_build(p, kw->aliases[j], strlen(kw->aliases[j]),
				&pt->forms[1 + j]);
		pt->weight *=
			form_idf(p, &pt->forms[0], GRADE_KEYWORD_IDF_POWER);
	}
}

static bool has_key(const struct token_list *l, const char *key, size_t n)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].key_len == n &&
			memcmp(token_key(l, &l->v[i]), key, n) == 0)
			return true;
	}
	return false;
}

/* Whether token t of the model answer is a key point of its own. */
static bool derivable(const struct token *t)
{
	if (t->flags & TOKEN_STOP)
		return false;
	if ((t->flags & TOKEN_NEG) && !GRADE_DERIVE_NEGATORS)
		return false;
	/* CJK: bigrams, not characters. */
	if (t->kind == TOKEN_CJK)
		return (t->flags & TOKEN_ALT) != 0;
	if (t->kind == TOKEN_WORD && !(t->flags & TOKEN_ALT))
		return t->chars >= GRADE_DERIVED_MIN_CHARS;
	return true;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a;
	uint32_t y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Counts, for every key, the model answers that contain it. */
static void df_build(struct priv *p, const struct quiz_bank *bank)
{
	struct token_list l;
	token_list_init(&l);
	uint32_t *ids = NULL;
	size_t ids_cap = 0;
	size_t df_cap = 0;
	for (size_t i = 0; i < bank->n_questions; i++) {
		const char *a = bank->questions[i].answer;
		if (!a || !*a)
			continue;
		p->n_docs++;
		const char *t = norm_text(&p->norm, a, strlen(a), false);
		token_split(&p->tc, t, p->norm.out.len, &l);
		xgrow((void **)&ids, &ids_cap, l.n + 1, sizeof(*ids));
		for (size_t j = 0; j < l.n; j++)
			ids[j] = l.v[j].id;
		qsort(ids, l.n, sizeof(*ids), cmp_u32);
		for (size_t j = 0; j < l.n; j++) {
			if (j > 0 && ids[j] == ids[j - 1])
				continue;
			if (ids[j] >= p->n_df) {
				size_t old = df_cap;
				xgrow((void **)&p->df, &df_cap,
					(size_t)ids[j] + 1, sizeof(*p->df));
				memset(p->df + old, 0,
					(df_cap - old) * sizeof(*p->df));
				p->n_df = df_cap;
			}
			p->df[ids[j]]++;
		}
	}
	free(ids);
	token_list_free(&l);
}

/* Key points from a model answer: its content words (a hyphenated
 * compound as one point), numbers and codes, and for CJK the bigrams of
 * content characters; each distinct key once. */
static void prep_derive(
	struct priv *p, const struct quiz_question *q, struct prep *pr)
{
	struct token_list ql;
	struct token_list al;
	token_list_init(&ql);
	token_list_init(&al);
	const char *qt =
		norm_text(&p->norm, q->question, strlen(q->question), false);
	char *qtext = xstrndup(qt, p->norm.out.len);
	token_split(&p->tc, qtext, strlen(qtext), &ql);
	const char *at =
		norm_text(&p->norm, q->answer, strlen(q->answer), false);
	char *atext = xstrndup(at, p->norm.out.len);
	token_split(&p->tc, atext, strlen(atext), &al);

	struct token_list seen;
	token_list_init(&seen);
	size_t cap = 0;
	uint32_t skip_until = 0;
	for (size_t i = 0; i < al.n && pr->n < GRADE_DERIVED_MAX; i++) {
		const struct token *t = &al.v[i];
		bool compound = (t->flags & TOKEN_ALT) && t->kind != TOKEN_CJK;
		if (!compound && !(t->flags & TOKEN_ALT) && t->pos < skip_until)
			continue;
		if (compound)
			skip_until = t->pos + t->span;
		if (!derivable(t))
			continue;
		const char *key = token_key(&al, t);
		if (has_key(&seen, key, t->key_len))
			continue;
		/* Remember the key: a one-token list used as a set. */
		xgrow((void **)&seen.v, &seen.cap, seen.n + 1, sizeof(*seen.v));
		struct token *s = &seen.v[seen.n++];
		*s = *t;
		s->key = (uint32_t)seen.keys.len;
		buf_add(&seen.keys, key, t->key_len);
		buf_addc(&seen.keys, '\0');

		struct point *pt = add_point(pr, &cap);
		pt->owned = xstrndup(atext + t->off, t->len);
		pt->term = pt->owned;
		pt->weight = has_key(&ql, key, t->key_len)
			? GRADE_QUESTION_WORD_WEIGHT
			: 1.0;
		pt->weight *= idf_weight(p, t->id, GRADE_IDF_POWER);
		pt->negated = match_negated(&al, i);
		pt->n_forms = 1;
		pt->forms = xcalloc(1, sizeof(*pt->forms));
		form_build(p, pt->owned, t->len, &pt->forms[0]);
	}
	token_list_free(&seen);
	token_list_free(&ql);
	token_list_free(&al);
	free(qtext);
	free(atext);
}

static void topic_add(struct prep *pr, size_t *cap, const struct token_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		xgrow((void **)&pr->topic, cap, pr->n_topic + 1,
			sizeof(*pr->topic));
		pr->topic[pr->n_topic++] = l->v[i].id;
	}
}

/* The words a question is about: those of the question, its model answer
 * and its key points. */
static void prep_topic(
	struct priv *p, const struct quiz_question *q, struct prep *pr)
{
	size_t cap = 0;
	struct token_list l;
	token_list_init(&l);
	const char *texts[2] = {q->question, q->answer};
	for (int i = 0; i < 2; i++) {
		const char *t =
			norm_text(&p->norm, texts[i], strlen(texts[i]), false);
		token_split(&p->tc, t, p->norm.out.len, &l);
		topic_add(pr, &cap, &l);
	}
	token_list_free(&l);
	for (size_t i = 0; i < pr->n; i++) {
		for (size_t j = 0; j < pr->points[i].n_forms; j++)
			topic_add(pr, &cap, &pr->points[i].forms[j].toks);
	}
	if (pr->n_topic)
		qsort(pr->topic, pr->n_topic, sizeof(*pr->topic), cmp_u32);
}

/* The share of the answer's content words that belong to the question's
 * topic or matched a key point (misspelt ones do), 1 for an answer without
 * content words. */
static double focus(
	const struct prep *pr, const struct token_list *al, const bool *hit)
{
	size_t content = 0;
	size_t on_topic = 0;
	for (size_t i = 0; i < al->n; i++) {
		const struct token *t = &al->v[i];
		if (t->flags & (TOKEN_STOP | TOKEN_ALT))
			continue;
		content++;
		if (hit[t->pos] ||
			bsearch(&t->id, pr->topic, pr->n_topic,
				sizeof(*pr->topic), cmp_u32))
			on_topic++;
	}
	return content ? (double)on_topic / (double)content : 1.0;
}

static void prep_build(
	struct priv *p, const struct quiz_question *q, struct prep *pr)
{
	memset(pr, 0, sizeof(*pr));
	pr->q = q;
	if (q->n_keywords > 0)
		prep_keywords(p, q, pr);
	else
		prep_derive(p, q, pr);
	prep_topic(p, q, pr);
	for (size_t i = 0; i < pr->n; i++) {
		struct point *pt = &pr->points[i];
		pt->shared = true;
		for (size_t j = 0; j < pt->n_forms; j++) {
			const struct token_list *l = &pt->forms[j].toks;
			if (l->n > pr->max_tokens)
				pr->max_tokens = l->n;
			for (size_t k = 0; k < l->n; k++) {
				if (l->v[k].kind != TOKEN_CJK)
					pt->shared = false;
			}
		}
	}
}

static const struct prep *prep_get(struct priv *p, const struct grade_ctx *ctx,
	const struct quiz_question *q)
{
	const struct quiz_bank *bank = ctx->bank;
	if (bank && bank->n_questions && q >= bank->questions &&
		q < bank->questions + bank->n_questions) {
		size_t i = (size_t)(q - bank->questions);
		if (!p->bank_ready[i]) {
			prep_build(p, q, &p->bank_preps[i]);
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
	prep_build(p, q, pr);
	return pr;
}

void grade_ctx_init(struct grade_ctx *ctx, const struct quiz_bank *bank)
{
	struct priv *p = xcalloc(1, sizeof(*p));
	token_ctx_init(&p->tc);
	norm_init(&p->norm);
	token_list_init(&p->ans);
	size_t n = bank ? bank->n_questions : 0;
	p->bank_preps = xcalloc(n + 1, sizeof(*p->bank_preps));
	p->bank_ready = xcalloc(n + 1, sizeof(*p->bank_ready));
	ctx->bank = bank;
	ctx->priv = p;
	if (bank && (GRADE_IDF_POWER != 0.0 || GRADE_KEYWORD_IDF_POWER != 0.0))
		df_build(p, bank);
}

void grade_ctx_free(struct grade_ctx *ctx)
{
	struct priv *p = ctx->priv;
	if (!p)
		return;
	size_t n = ctx->bank ? ctx->bank->n_questions : 0;
	for (size_t i = 0; i < n; i++) {
		if (p->bank_ready[i])
			prep_free(&p->bank_preps[i]);
	}
	for (size_t i = 0; i < p->n_extra; i++)
		prep_free(&p->extra[i]);
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
	free(p->first);
	free(p->mask);
	free(p->hit);
	free(p->cred);
	free(p->order);
	free(p->words);
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
		p->first = xrealloc(p->first, need * sizeof(*p->first));
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
		p->points_cap = pr->n;
	}
}

/* Whether the matched tokens p->best[0..n) say the opposite of the point:
 * negated or antonym in the answer where the model answer is not, or the
 * other way round. */
static bool contradicts(const struct priv *p, const struct point *pt,
	const struct form *fm, const struct token_list *al, size_t n)
{
	size_t first = SIZE_MAX;
	bool anti = false;
	for (size_t i = 0; i < n; i++) {
		if (p->best[i] == SIZE_MAX)
			continue;
		if (p->best[i] < first)
			first = p->best[i];
		if (al->v[p->best[i]].flags & TOKEN_ANTI)
			anti = !anti;
	}
	bool said = first != SIZE_MAX && (match_negated(al, first) != anti);
	return said != (pt->negated != fm->anti);
}

/* Best credit of one point against the answer al, skipping positions in
 * used (may be NULL); its matched answer tokens go to p->best
 * (SIZE_MAX-padded), *n_best of them; *form receives the form matched. */
static double point_search(struct priv *p, const struct point *pt,
	const struct token_list *al, const bool *used, size_t *n_best,
	const struct form **form)
{
	double best = 0.0;
	*n_best = 0;
	*form = NULL;
	for (size_t f = 0; f < pt->n_forms && best < 1.0; f++) {
		const struct form *fm = &pt->forms[f];
		for (int v = 0; v < 2; v++) {
			struct match_phrase ph = {&fm->toks, v ? fm->b : fm->a,
				v ? fm->nb : fm->na};
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
			}
			if (best >= 1.0)
				break;
			if (v == 0 && ph.n >= MATCH_ACRONYM_MIN) {
				size_t s =
					match_acronym_of_phrase(al, used, &ph);
				if (s != SIZE_MAX) {
					best = 1.0;
					*form = fm;
					p->best[0] = s;
					*n_best = 1;
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
					break;
				}
			}
		}
	}
	return best;
}

/* point_search, then the polarity check: a match that contradicts the
 * point gets GRADE_NEG_FACTOR of its credit, unless another occurrence in
 * the answer agrees with it ("not X ... X" is looked at twice). */
static double point_match(struct priv *p, const struct point *pt,
	const struct token_list *al, const bool *used, size_t *n_best)
{
	const struct form *fm;
	double best = point_search(p, pt, al, used, n_best, &fm);
	/* A CJK bigram is a word: half of it is no match. */
	if (pt->shared && best < 1.0)
		return 0.0;
	/* Polarity is a matter of words: a CJK character is not one. */
	if (best <= 0.0 || !fm || pt->shared ||
		!contradicts(p, pt, fm, al, *n_best))
		return best;
	/* Hide the contradicting occurrence and look again. */
	bool *mask = p->mask;
	if (used)
		memcpy(mask, used, (al->n_pos + 1) * sizeof(*mask));
	else
		memset(mask, 0, (al->n_pos + 1) * sizeof(*mask));
	size_t n_first = *n_best;
	memcpy(p->first, p->best, n_first * sizeof(*p->first));
	for (size_t i = 0; i < n_first; i++) {
		if (p->first[i] == SIZE_MAX)
			continue;
		const struct token *t = &al->v[p->first[i]];
		for (uint32_t k = 0; k < t->span; k++)
			mask[t->pos + k] = true;
	}
	const struct form *fm2;
	double again = point_search(p, pt, al, mask, n_best, &fm2);
	if (again > 0.0 && fm2 && !contradicts(p, pt, fm2, al, *n_best))
		return again;
	memcpy(p->best, p->first, n_first * sizeof(*p->best));
	*n_best = n_first;
	return best * GRADE_NEG_FACTOR;
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

/* The greedy assignment's order: points that matched more words first (a
 * phrase needs its words where a single word can often be found again),
 * then the best-matching and heaviest. */
static bool goes_before(
	const struct priv *p, const struct point *points, size_t a, size_t b)
{
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

void grade_answer(const struct grade_ctx *ctx, const struct quiz_question *q,
	const char *answer, size_t len, struct grade_result *out)
{
	struct priv *p = priv_of(ctx);
	memset(out, 0, sizeof(*out));
	const struct prep *pr = prep_get(p, ctx, q);
	const char *text = norm_text(&p->norm, answer, len, false);
	struct token_list *al = &p->ans;
	token_split(&p->tc, text, p->norm.out.len, al);
	reserve_scratch(p, pr, al->n_pos);

	out->n_points = pr->n;
	out->points = xcalloc(pr->n + 1, sizeof(*out->points));
	size_t n_best;
	/* First every point on its own; when no two points claimed the same
	 * answer position, that is already the assignment. */
	memset(p->used, 0, (al->n_pos + 1) * sizeof(*p->used));
	bool overlap = false;
	for (size_t i = 0; i < pr->n; i++) {
		p->cred[i] = point_match(p, &pr->points[i], al, NULL, &n_best);
		p->order[i] = i;
		p->words[i] = 0;
		for (size_t k = 0; k < n_best; k++)
			p->words[i] += p->best[k] != SIZE_MAX;
		if (p->cred[i] > 0.0 && !pr->points[i].shared)
			overlap |= mark_used(p, al, n_best);
	}
	if (overlap)
		sort_order(p, p->order, pr->n, pr->points);
	memcpy(p->hit, p->used, (al->n_pos + 1) * sizeof(*p->hit));
	memset(p->used, 0, (al->n_pos + 1) * sizeof(*p->used));
	double got = 0.0;
	double total = 0.0;
	bool missed_required = false;
	for (size_t r = 0; r < pr->n; r++) {
		size_t i = p->order[r];
		const struct point *pt = &pr->points[i];
		double c = 0.0;
		if (p->cred[i] > 0.0 && (pt->shared || !overlap)) {
			c = p->cred[i];
		} else if (p->cred[i] > 0.0) {
			c = point_match(p, pt, al, p->used, &n_best);
			mark_used(p, al, n_best);
		}
		struct grade_point *gp = &out->points[i];
		gp->term = pt->term;
		gp->weight = pt->weight;
		gp->required = pt->required;
		gp->credit = c;
		gp->matched = c >= GRADE_MATCHED_BAR;
		if (gp->matched)
			out->n_matched++;
		else if (pt->required)
			missed_required = true;
		got += pt->weight * c;
		total += pt->weight;
	}
	out->coverage = total > 0.0 ? got / total : 0.0;
	double score = grade_calibrate(out->coverage);
	/* An answer about something else (most of its words foreign to the
	 * question) is not helped by the few key words it shares. */
	double f = focus(pr, al, p->hit);
	if (GRADE_FOCUS_MIN > 0.0 && f < GRADE_FOCUS_MIN)
		score *= f / GRADE_FOCUS_MIN;
	if (missed_required && score > GRADE_REQUIRED_CAP)
		score = GRADE_REQUIRED_CAP;
	if (score > 1.0)
		score = 1.0;
	out->score = score;
	out->verdict = grade_verdict_for(score, PASS_THRESHOLD_DEFAULT);
}

void grade_result_free(struct grade_result *r)
{
	free(r->points);
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
	struct priv *p = priv_of(ctx);
	*out = NULL;
	const struct prep *pr = prep_get(p, ctx, q);
	if (pr->n != r->n_points)
		return 0;
	size_t alen = strlen(q->answer);
	norm_text(&p->norm, q->answer, alen, true);
	struct token_list *al = &p->ans;
	token_split(&p->tc, p->norm.out.data, p->norm.out.len, al);
	reserve_scratch(p, pr, al->n_pos);
	struct grade_span *v = NULL;
	size_t n = 0;
	size_t cap = 0;
	for (size_t i = 0; i < pr->n; i++) {
		if (!r->points[i].matched)
			continue;
		size_t n_best;
		double c = point_match(p, &pr->points[i], al, NULL, &n_best);
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
