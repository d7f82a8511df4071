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

#include "lexicon.h"
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
	bool *glued; /* per token of a: part of a compound with the one
		      * before */
	size_t subject; /* an alias's own subject ("OLAP: ..."), SIZE_MAX:
			 * the point's */
	bool acronym; /* written in capitals: may match its expansion */
	bool anti; /* says the opposite of its key words: an odd
		    * number of negators and antonyms */
	bool any_order; /* a key point's two words that say the same in
			 * either order (see any_order) */
};

struct point {
	const char *term; /* the bank's term, or owned */
	char *owned;
	double weight;
	bool required;
	bool negated; /* stands negated in the model answer */
	bool shared; /* CJK only: its characters may also count for
		      * other points, as overlapping bigrams must */
	bool claim; /* a bank point or misconception: polarity over the
		     * clause, not only the next word */
	size_t subject; /* "SUBJECT: CLAIM": index into prep's subjects,
			 * SIZE_MAX when the point has none */
	const char *correction; /* misconceptions: what is right */
	struct form *forms;
	size_t n_forms;
};

/* The subject of "SUBJECT: CLAIM" points, and the ways to say it. */
struct subject {
	char *text;
	struct form *forms;
	size_t n_forms;
};

/* Where a subject is named in the answer (positions first..last). */
struct mention {
	uint32_t first;
	uint32_t last;
	size_t subject;
};

/* What a match says, compared with the point. */
enum said {
	SAID_SAME,
	SAID_OPPOSITE, /* negated or reversed in direction */
	SAID_OTHER_SUBJECT, /* of another subject of the question */
	SAID_NO_SUBJECT, /* no subject in its sentence */
};

struct prep {
	const struct quiz_question *q;
	struct point *points;
	size_t n;
	struct point *mis; /* misconceptions */
	size_t n_mis;
	struct subject *subjects;
	size_t n_subjects;
	size_t subj_cap;
	size_t max_tokens; /* longest form */
	struct point *model; /* the model answer's derived points, for a
			      * question with key points of its own */
	size_t n_model;
	bool model_cjk; /* most of them are CJK */
	uint32_t *topic; /* sorted key ids of the question, the model
			  * answer and the key points */
	size_t n_topic;
};

struct priv {
	struct token_ctx tc;
	uint32_t *df; /* model answers holding each key id (index) */
	size_t n_df; /* ids counted */
	size_t n_docs;
	/* The bank whose answers are still to count: df is needed only for
	 * the bank's own key points (prep_keywords), so it is counted when
	 * the first question that has them is prepared; NULL once counted. */
	const struct quiz_bank *df_bank;
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
	const uint32_t *best_idx; /* the form's tokens p->best matched, NULL
				   * for an acronym */
	size_t *keep; /* the best form's match, kept aside */
	size_t *alt; /* an in-order match, kept while another order is tried */
	struct buf lines; /* an answer with its line ends marked */
	size_t hits_cap;
	bool *mask; /* used, plus a contradicting match */
	bool *hit; /* positions some point matched on its own */
	double *cred;
	size_t *order;
	size_t *words; /* answer words each point matched alone */
	enum said *said; /* how each point's rejected match said it */
	size_t points_cap;
	struct mention *mentions; /* subjects named in the answer */
	size_t n_mentions;
	size_t mentions_cap;
	uint32_t *sentence; /* sentence number of each answer position */
	size_t sentence_cap;
};

static struct priv *priv_of(const struct grade_ctx *ctx)
{
	return ctx->priv;
}

/* norm_text of an answer whose line ends end sentences: list items and
 * table rows are claims of their own, with or without a full stop. A line
 * end becomes ';' (one byte for one, so spans map back unchanged). */
static const char *norm_lines(
	struct priv *p, const char *s, size_t len, bool spans)
{
	buf_clear(&p->lines);
	buf_add(&p->lines, s, len);
	for (size_t i = 0; i < len; i++) {
		if (p->lines.data[i] == '\n')
			p->lines.data[i] = ';';
	}
	return norm_text(&p->norm, p->lines.data, len, spans);
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
	f->subject = SIZE_MAX;
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
	f->glued = xcalloc(f->na + 1, sizeof(*f->glued));
	for (size_t i = 1; i < f->na; i++) {
		uint32_t prev = l->v[f->a[i - 1]].pos;
		uint32_t cur = l->v[f->a[i]].pos;
		for (size_t j = 0; j < l->n && !f->glued[i]; j++) {
			const struct token *k = &l->v[j];
			f->glued[i] = (k->flags & TOKEN_ALT) &&
				k->kind != TOKEN_CJK && k->pos <= prev &&
				k->pos + k->span > cur;
		}
	}
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
	free(f->glued);
}

static void points_free(struct point *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct point *pt = &v[i];
		for (size_t j = 0; j < pt->n_forms; j++)
			form_free(&pt->forms[j]);
		free(pt->forms);
		free(pt->owned);
	}
	free(v);
}

static void prep_free(struct prep *pr)
{
	points_free(pr->points, pr->n);
	points_free(pr->mis, pr->n_mis);
	points_free(pr->model, pr->n_model);
	for (size_t i = 0; i < pr->n_subjects; i++) {
		struct subject *sj = &pr->subjects[i];
		for (size_t j = 0; j < sj->n_forms; j++)
			form_free(&sj->forms[j]);
		free(sj->forms);
		free(sj->text);
	}
	free(pr->subjects);
	free(pr->topic);
	memset(pr, 0, sizeof(*pr));
}

static struct point *add_point(struct prep *pr, size_t *cap)
{
	xgrow((void **)&pr->points, cap, pr->n + 1, sizeof(*pr->points));
	struct point *pt = &pr->points[pr->n++];
	memset(pt, 0, sizeof(*pt));
	pt->subject = SIZE_MAX;
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

/* A growing list of forms. */
struct forms {
	struct form *v;
	size_t n;
	size_t cap;
};

static void forms_add(
	struct priv *p, struct forms *fs, const char *raw, size_t len)
{
	for (size_t i = 0; i < fs->n; i++) {
		const char *t = fs->v[i].text;
		const char *n = norm_text(&p->norm, raw, len, false);
		if (strlen(t) == p->norm.out.len &&
			memcmp(t, n, p->norm.out.len) == 0)
			return;
	}
	xgrow((void **)&fs->v, &fs->cap, fs->n + 1, sizeof(*fs->v));
	form_build(p, raw, len, &fs->v[fs->n++]);
}

static bool ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Where phrase m stands in text as whole words (CJK: anywhere); NULL if
 * it does not. */
static const char *find_phrase(const char *text, const char *m)
{
	size_t n = strlen(m);
	bool latin = ascii_alnum(m[0]);
	for (const char *h = strstr(text, m); h; h = strstr(h + 1, m)) {
		if (!latin)
			return h;
		bool left = h == text || !ascii_alnum(h[-1]);
		bool right = !ascii_alnum(h[n]);
		if (left && right)
			return h;
	}
	return NULL;
}

/* Adds raw and, for each paraphrase class one of whose phrases raw holds
 * (the longest one found), raw with each other phrase of the class in its
 * place: "low latency" is also "low response time". */
static void forms_add_paraphrased(
	struct priv *p, struct forms *fs, const char *raw)
{
	forms_add(p, fs, raw, strlen(raw));
	const char *t = norm_text(&p->norm, raw, strlen(raw), false);
	char *text = xstrndup(t, p->norm.out.len);
	const char *const(*cls)[LEXICON_CLASS_MAX + 1];
	size_t n_cls = lexicon_paraphrases(&cls);
	for (size_t c = 0; c < n_cls; c++) {
		const char *hit = NULL;
		size_t hit_len = 0;
		for (size_t m = 0; cls[c][m]; m++) {
			const char *h = find_phrase(text, cls[c][m]);
			if (h && strlen(cls[c][m]) > hit_len) {
				hit = h;
				hit_len = strlen(cls[c][m]);
			}
		}
		if (!hit)
			continue;
		for (size_t m = 0; cls[c][m]; m++) {
			if (strlen(cls[c][m]) == hit_len &&
				memcmp(cls[c][m], hit, hit_len) == 0)
				continue;
			struct buf b;
			buf_init(&b);
			buf_add(&b, text, (size_t)(hit - text));
			buf_adds(&b, cls[c][m]);
			buf_adds(&b, hit + hit_len);
			forms_add(p, fs, b.data, b.len);
			buf_free(&b);
		}
	}
	free(text);
}

/* "SUBJECT: CLAIM" -> the subject's length (its text is raw[0..len)) and
 * *claim; 0 when raw has no subject. */
static size_t split_role(const char *raw, const char **claim)
{
	const char *c = strstr(raw, ": ");
	if (!c || c == raw)
		return 0;
	*claim = c + 2;
	while (**claim == ' ')
		(*claim)++;
	return **claim ? (size_t)(c - raw) : 0;
}

/* The index of the subject named text (len bytes), added if new. */
static size_t subject_of(struct priv *p, struct prep *pr, size_t *cap,
	const char *text, size_t len)
{
	/* Compared normalized: "Monitoring" and "monitoring" are one. */
	const char *nt = norm_text(&p->norm, text, len, false);
	for (size_t i = 0; i < pr->n_subjects; i++) {
		const char *f = pr->subjects[i].forms[0].text;
		if (strlen(f) == p->norm.out.len &&
			memcmp(f, nt, p->norm.out.len) == 0)
			return i;
	}
	xgrow((void **)&pr->subjects, cap, pr->n_subjects + 1,
		sizeof(*pr->subjects));
	struct subject *sj = &pr->subjects[pr->n_subjects];
	memset(sj, 0, sizeof(*sj));
	sj->text = xstrndup(text, len);
	struct forms fs = {0};
	forms_add_paraphrased(p, &fs, sj->text);
	sj->forms = fs.v;
	sj->n_forms = fs.n;
	return pr->n_subjects++;
}

/* A claim point (a key point or a misconception) from its term and
 * aliases; a term "SUBJECT: CLAIM" gives the point a subject, which
 * aliases without one of their own share. */
static void claim_build(struct priv *p, struct prep *pr, size_t *subj_cap,
	struct point *pt, const char *term, char *const *aliases,
	size_t n_aliases)
{
	pt->claim = true;
	pt->subject = SIZE_MAX;
	struct forms fs = {0};
	const char *claim;
	size_t sl = split_role(term, &claim);
	if (sl) {
		pt->subject = subject_of(p, pr, subj_cap, term, sl);
		forms_add_paraphrased(p, &fs, claim);
	} else {
		forms_add_paraphrased(p, &fs, term);
	}
	for (size_t j = 0; j < n_aliases; j++) {
		const char *al = aliases[j];
		size_t asl = split_role(al, &claim);
		size_t from = fs.n;
		forms_add_paraphrased(p, &fs, asl ? claim : al);
		/* An alias may name its own subject: "OLAP: row storage" as
		 * another wording of "OLTP: columnar storage". */
		size_t sj =
			asl ? subject_of(p, pr, subj_cap, al, asl) : SIZE_MAX;
		for (size_t k = from; k < fs.n; k++)
			fs.v[k].subject = sj;
	}
	pt->forms = fs.v;
	pt->n_forms = fs.n;
}

/* Whether a key point's form may be found with its words in the other
 * order: two content words and nothing that relates them ("data quality"
 * is "the quality of the data", "response time" "the time to respond"),
 * no negator, opposite or kept function word ("load before transform" is
 * not "transform before load"), no compound, acronym or CJK (their order
 * is their meaning, or their characters overlap). Misconceptions never:
 * a wrong claim is made only as the bank words it. */
static bool any_order(const struct form *fm)
{
	const struct token_list *l = &fm->toks;
	size_t content = 0;
	if (fm->acronym || fm->nb > 0)
		return false;
	for (size_t i = 0; i < fm->na; i++) {
		const struct token *k = &l->v[fm->a[i]];
		if (k->flags & TOKEN_STOP)
			continue;
		if ((fm->glued && fm->glued[i]) || k->kind != TOKEN_WORD ||
			(k->flags & (TOKEN_NEG | TOKEN_ANTI)) ||
			lexicon_stop_content(l->text + k->off, k->len))
			return false;
		content++;
	}
	return content == 2;
}

static void prep_keywords(
	struct priv *p, const struct quiz_question *q, struct prep *pr)
{
	size_t cap = 0;
	size_t subj_cap = 0;
	for (size_t i = 0; i < q->n_keywords; i++) {
		const struct quiz_keyword *kw = &q->keywords[i];
		struct point *pt = add_point(pr, &cap);
		pt->term = kw->term;
		pt->weight =
			kw->weight > 0 ? kw->weight : KEYWORD_WEIGHT_DEFAULT;
		pt->required = kw->required;
		claim_build(p, pr, &subj_cap, pt, kw->term, kw->aliases,
			kw->n_aliases);
		for (size_t f = 0; f < pt->n_forms; f++)
			pt->forms[f].any_order = any_order(&pt->forms[f]);
		pt->weight *=
			form_idf(p, &pt->forms[0], GRADE_KEYWORD_IDF_POWER);
	}
	pr->subj_cap = subj_cap;
}

/* The question's misconceptions: matched like key points. */
static void prep_misconceptions(
	struct priv *p, const struct quiz_question *q, struct prep *pr)
{
	size_t cap = 0;
	size_t subj_cap = pr->subj_cap;
	for (size_t i = 0; i < q->n_misconceptions; i++) {
		const struct quiz_misconception *m = &q->misconceptions[i];
		xgrow((void **)&pr->mis, &cap, pr->n_mis + 1, sizeof(*pr->mis));
		struct point *pt = &pr->mis[pr->n_mis++];
		memset(pt, 0, sizeof(*pt));
		pt->term = m->claim;
		pt->weight = 1.0;
		pt->correction = m->correction;
		claim_build(p, pr, &subj_cap, pt, m->claim, m->aliases,
			m->n_aliases);
	}
}

static bool has_id(const struct token_list *l, uint32_t id)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].id == id)
			return true;
	}
	return false;
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
	/* A negator sets the polarity of the word it negates. */
	if (t->flags & TOKEN_NEG)
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
	/* The last answer (its number + 1) that counted an id: each id
	 * counts once per answer without sorting the answer's ids. */
	uint32_t *seen = NULL;
	size_t df_cap = 0;
	for (size_t i = 0; i < bank->n_questions; i++) {
		const char *a = bank->questions[i].answer;
		if (!a || !*a)
			continue;
		p->n_docs++;
		const char *t = norm_text(&p->norm, a, strlen(a), false);
		token_split(&p->tc, t, p->norm.out.len, &l);
		for (size_t j = 0; j < l.n; j++) {
			uint32_t id = l.v[j].id;
			if (id >= p->n_df) {
				size_t old = df_cap;
				xgrow((void **)&p->df, &df_cap, (size_t)id + 1,
					sizeof(*p->df));
				memset(p->df + old, 0,
					(df_cap - old) * sizeof(*p->df));
				seen = xrealloc(seen, df_cap * sizeof(*seen));
				memset(seen + old, 0,
					(df_cap - old) * sizeof(*seen));
				p->n_df = df_cap;
			}
			if (seen[id] == p->n_docs)
				continue;
			seen[id] = (uint32_t)p->n_docs;
			p->df[id]++;
		}
	}
	free(seen);
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

static void forms_measure(
	struct prep *pr, const struct form *forms, size_t n, bool *cjk_only)
{
	for (size_t j = 0; j < n; j++) {
		const struct token_list *l = &forms[j].toks;
		if (l->n > pr->max_tokens)
			pr->max_tokens = l->n;
		for (size_t k = 0; k < l->n; k++) {
			if (l->v[k].kind != TOKEN_CJK)
				*cjk_only = false;
		}
	}
}

static void prep_build(
	struct priv *p, const struct quiz_question *q, struct prep *pr)
{
	memset(pr, 0, sizeof(*pr));
	pr->q = q;
	/* Before anything else uses p->norm, which counting reuses. */
	if (q->n_keywords > 0 && p->df_bank) {
		df_build(p, p->df_bank);
		p->df_bank = NULL;
	}
	if (q->n_keywords > 0) {
		prep_keywords(p, q, pr);
		/* The model answer's words, beside the key points. */
		struct prep m;
		memset(&m, 0, sizeof(m));
		m.q = q;
		if (q->answer && *q->answer)
			prep_derive(p, q, &m);
		pr->model = m.points;
		pr->n_model = m.n;
	} else {
		prep_derive(p, q, pr);
	}
	prep_misconceptions(p, q, pr);
	prep_topic(p, q, pr);
	for (size_t i = 0; i < pr->n + pr->n_mis; i++) {
		struct point *pt =
			i < pr->n ? &pr->points[i] : &pr->mis[i - pr->n];
		pt->shared = true;
		forms_measure(pr, pt->forms, pt->n_forms, &pt->shared);
	}
	size_t n_cjk = 0;
	for (size_t i = 0; i < pr->n_model; i++) {
		struct point *pt = &pr->model[i];
		pt->shared = true;
		forms_measure(pr, pt->forms, pt->n_forms, &pt->shared);
		n_cjk += pt->shared;
	}
	pr->model_cjk = 2 * n_cjk > pr->n_model;
	for (size_t i = 0; i < pr->n_subjects; i++) {
		bool cjk = true;
		forms_measure(pr, pr->subjects[i].forms,
			pr->subjects[i].n_forms, &cjk);
	}
}

static void prep_polarity(struct priv *p, struct prep *pr);

static const struct prep *prep_get(struct priv *p, const struct grade_ctx *ctx,
	const struct quiz_question *q)
{
	const struct quiz_bank *bank = ctx->bank;
	if (bank && bank->n_questions && q >= bank->questions &&
		q < bank->questions + bank->n_questions) {
		size_t i = (size_t)(q - bank->questions);
		if (!p->bank_ready[i]) {
			prep_build(p, q, &p->bank_preps[i]);
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
	prep_build(p, q, pr);
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
			if (v == 0 && ph.n >= MATCH_ACRONYM_MIN) {
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

/* A key point the model answer itself states negated ("LLMs alone can't
 * take actions" for the point "actions") is said the same way by an
 * answer that negates it: the polarity to compare with is the model
 * answer's. Misconceptions keep their own. */
static void prep_polarity(struct priv *p, struct prep *pr)
{
	const char *a = pr->q->answer;
	if (!a || !*a || pr->n == 0)
		return;
	const char *t = norm_lines(p, a, strlen(a), false);
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
	struct priv *p = priv_of(ctx);
	memset(out, 0, sizeof(*out));
	const struct prep *pr = prep_get(p, ctx, q);
	const char *text = norm_lines(p, answer, len, false);
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
	struct priv *p = priv_of(ctx);
	*out = NULL;
	const struct prep *pr = prep_get(p, ctx, q);
	if (pr->n != r->n_points)
		return 0;
	size_t alen = strlen(q->answer);
	norm_lines(p, q->answer, alen, true);
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
	struct priv *p = priv_of(ctx);
	const struct prep *pr = prep_get(p, ctx, q);
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
				all = has_id(&ql, a[k]);
			if (all && x->subject != SIZE_MAX) {
				const struct subject *sj =
					&pr->subjects[x->subject];
				size_t ns = form_ids(&sj->forms[0], b);
				for (size_t k = 0; k < ns && all; k++)
					all = has_id(&ql, b[k]);
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
