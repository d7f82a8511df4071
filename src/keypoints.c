/* keypoints: preparing a question's key points for matching: the ways to
 * say each (term, aliases, paraphrases, acronyms), "SUBJECT: CLAIM"
 * subjects, misconceptions, the points derived from a model answer, and
 * the document frequencies that weigh them. Matching and scoring are in
 * grade.c. */
#include "keypoints.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "match.h"
#include "tunables.h"

/* norm_text of an answer whose line ends end sentences: list items and
 * table rows are claims of their own, with or without a full stop. A line
 * end becomes ';' (one byte for one, so spans map back unchanged). */
const char *keypoints_norm_lines(
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

void keypoints_free(struct prep *pr)
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
			size_t before = fs->n;
			forms_add(p, fs, b.data, b.len);
			if (fs->n > before)
				fs->v[before].paraphrased = true;
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

bool keypoints_has_id(const struct token_list *l, uint32_t id)
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
/* Counts in how many of the bank's model answers each key id stands. */
static void keypoints_count_df(struct priv *p, const struct quiz_bank *bank)
{
	struct token_list l;
	token_list_init(&l);
	/* The last answer (its number + 1) that counted an id: each id
	 * counts once per answer without sorting the answer's ids. It
	 * covers every id counted so far, as df does. */
	size_t df_cap = p->n_df;
	uint32_t *seen = xcalloc(df_cap ? df_cap : 1, sizeof(*seen));
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

/* Whether form f's initials, in lower case, are written as a word in
 * text: "cd" in "... ci/cd ...". */
static bool initials_written(const struct form *f, const char *text)
{
	char ini[MATCH_ACRONYM_MAX + 1];
	for (size_t j = 0; j < f->na; j++) {
		const struct token *k = &f->toks.v[f->a[j]];
		ini[j] = token_surface(&f->toks, k)[0];
	}
	ini[f->na] = '\0';
	return find_phrase(text, ini) != NULL;
}

/* Which forms' initials may stand for them in an answer: those of three
 * to MATCH_ACRONYM_MAX words as written in the bank (a lexicon paraphrase
 * is no source: "tail delay" gives no "TD"). Two letters match by chance
 * too often ("ai" for adversarial inputs; in a long answer of random
 * bytes, some two-letter word surely), so a two-word form's initials
 * count only when the question or its model answer writes them. */
static void mark_initials(struct priv *p, const struct quiz_question *q,
	struct form *forms, size_t n, struct buf *written)
{
	for (size_t j = 0; j < n; j++) {
		struct form *f = &forms[j];
		if (f->paraphrased || f->na < MATCH_ACRONYM_MIN ||
			f->na > MATCH_ACRONYM_MAX)
			continue;
		if (f->na > MATCH_ACRONYM_MIN) {
			f->initials = true;
			continue;
		}
		if (!written->len) {
			const char *texts[2] = {q->question, q->answer};
			for (int t = 0; t < 2; t++) {
				if (!texts[t])
					continue;
				buf_adds(written,
					norm_text(&p->norm, texts[t],
						strlen(texts[t]), false));
				buf_addc(written, ' ');
			}
		}
		f->initials = initials_written(f, written->data);
	}
}

void keypoints_build(
	struct priv *p, const struct quiz_question *q, struct prep *pr)
{
	memset(pr, 0, sizeof(*pr));
	pr->q = q;
	/* Before anything else uses p->norm, which counting reuses. */
	if (q->n_keywords > 0 && p->df_bank) {
		keypoints_count_df(p, p->df_bank);
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
	/* The forms are final: measure them and mark their initials. */
	struct buf written;
	buf_init(&written);
	for (size_t i = 0; i < pr->n + pr->n_mis; i++) {
		struct point *pt =
			i < pr->n ? &pr->points[i] : &pr->mis[i - pr->n];
		pt->shared = true;
		forms_measure(pr, pt->forms, pt->n_forms, &pt->shared);
		mark_initials(p, q, pt->forms, pt->n_forms, &written);
	}
	size_t n_cjk = 0;
	for (size_t i = 0; i < pr->n_model; i++) {
		struct point *pt = &pr->model[i];
		pt->shared = true;
		forms_measure(pr, pt->forms, pt->n_forms, &pt->shared);
		mark_initials(p, q, pt->forms, pt->n_forms, &written);
		n_cjk += pt->shared;
	}
	pr->model_cjk = 2 * n_cjk > pr->n_model;
	for (size_t i = 0; i < pr->n_subjects; i++) {
		bool cjk = true;
		forms_measure(pr, pr->subjects[i].forms,
			pr->subjects[i].n_forms, &cjk);
		mark_initials(p, q, pr->subjects[i].forms,
			pr->subjects[i].n_forms, &written);
	}
	buf_free(&written);
}
