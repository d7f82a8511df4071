/* match: comparisons between answer tokens and key-point tokens. Pure
 * functions over token lists; every buffer is the caller's. */
#include "match.h"

#include <string.h>

#include "tunables.h"

int match_typo_budget(size_t n)
{
	if (n >= MATCH_TYPO_MIN2)
		return 2;
	if (n >= MATCH_TYPO_MIN1)
		return 1;
	return 0;
}

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;
	return m < c ? m : c;
}

/* The distance of a and b when it is at most 1, else 2, without the
 * table: after the first difference the rest must agree, past one
 * substitution, insertion or swap of neighbours. Most comparisons are of
 * words under MATCH_TYPO_MIN2 letters. */
static int distance_upto1(const char *a, size_t na, const char *b, size_t nb)
{
	if (na < nb) {
		const char *t = a;
		a = b;
		b = t;
		size_t tn = na;
		na = nb;
		nb = tn;
	}
	size_t i = 0;
	while (i < nb && a[i] == b[i])
		i++;
	if (i == nb)
		return na == nb ? 0 : (na - nb == 1 ? 1 : 2);
	if (na != nb)
		return memcmp(a + i + 1, b + i, nb - i) == 0 ? 1 : 2;
	if (memcmp(a + i + 1, b + i + 1, nb - i - 1) == 0)
		return 1;
	if (i + 1 < nb && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		memcmp(a + i + 2, b + i + 2, nb - i - 2) == 0)
		return 1;
	return 2;
}

int match_distance(const char *a, size_t na, const char *b, size_t nb, int max)
{
	size_t diff = na > nb ? na - nb : nb - na;
	if (diff > (size_t)max)
		return max + 1;
	if (na > MATCH_WORD_MAX || nb > MATCH_WORD_MAX)
		return na == nb && memcmp(a, b, na) == 0 ? 0 : max + 1;
	if (max == 1)
		return distance_upto1(a, na, b, nb);
	int rows[3][MATCH_WORD_MAX + 1];
	int *pp = rows[0]; /* row i-2 */
	int *p = rows[1]; /* row i-1 */
	int *c = rows[2]; /* row i */
	for (size_t j = 0; j <= nb; j++)
		p[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		c[0] = (int)i;
		int row_min = c[0];
		for (size_t j = 1; j <= nb; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int v = min3(p[j] + 1, c[j - 1] + 1, p[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
				a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > max)
			return max + 1;
		int *t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[nb] > max ? max + 1 : p[nb];
}

double match_token(const struct token_list *al, const struct token *a,
	const struct token_list *kl, const struct token *k)
{
	if (a->id == k->id)
		return 1.0;
	if (a->kind != TOKEN_WORD || k->kind != TOKEN_WORD)
		return 0.0;
	const char *ak = token_key(al, a);
	const char *kk = token_key(kl, k);
	size_t chars = a->chars < k->chars ? a->chars : k->chars;
	int budget = match_typo_budget(chars);
	/* Typos rarely hit the first letter; requiring it keeps distinct
	 * words such as "bound" and "found" apart. */
	if (budget == 0)
		return 0.0;
	int d = ak[0] == kk[0]
		? match_distance(ak, a->key_len, kk, k->key_len, budget)
		: budget + 1;
	if (d <= budget)
		return MATCH_TYPO_CREDIT;
	/* An opposite is keyed by the word it negates ("inefficient" by
	 * "efficient"): its misspellings are found by the surface. */
	if (token_surface(al, a)[0] != token_surface(kl, k)[0])
		return 0.0;
	/* A typo can throw the stemmer off ("reliabilty" keeps its tail):
	 * compare the words as written too. */
	d = match_distance(token_surface(al, a), a->len, token_surface(kl, k),
		k->len, budget);
	return d <= budget ? MATCH_TYPO_CREDIT : 0.0;
}

static bool span_used(const bool *used, const struct token *t)
{
	if (!used)
		return false;
	for (uint32_t i = 0; i < t->span; i++) {
		if (used[t->pos + i])
			return true;
	}
	return false;
}

/* Whether answer token t starts a new clause: it, or the first part of
 * the compound it joins, follows clause punctuation. */
static bool crosses_clause(const struct token_list *al, size_t t)
{
	const struct token *b = &al->v[t];
	if (b->flags & TOKEN_BREAK)
		return true;
	return (b->flags & TOKEN_ALT) && t + 1 < al->n &&
		(al->v[t + 1].flags & TOKEN_BREAK) &&
		al->v[t + 1].pos == b->pos;
}

/* Whether phrase token k counts: stop words do not, unless the phrase is
 * made of nothing else. */
static bool counts(const struct token *k, bool all_stop)
{
	return all_stop || !(k->flags & TOKEN_STOP);
}

/* match_token behind the checks that settle most pairs without it: this
 * runs for every answer token against every key-point token. */
static inline double credit(const struct token_list *al, const struct token *a,
	const struct token_list *kl, const struct token *k)
{
	if ((a->flags & TOKEN_STOP) && !(k->flags & TOKEN_STOP))
		return 0.0;
	if (a->id == k->id)
		return 1.0;
	if (a->kind != TOKEN_WORD || k->kind != TOKEN_WORD ||
		a->chars < MATCH_TYPO_MIN1 || k->chars < MATCH_TYPO_MIN1)
		return 0.0;
	if (token_key(al, a)[0] != token_key(kl, k)[0] &&
		token_surface(al, a)[0] != token_surface(kl, k)[0])
		return 0.0;
	return match_token(al, a, kl, k);
}

/* A one-word phrase through the answer's index (token_split's ids and
 * typo candidates): the first unused exact occurrence, else the first
 * unused typo; only the candidates that share a first letter are compared
 * in full. */
static double one_word(const struct token_list *al, const bool *used,
	const struct token *k, const struct token_list *kl, size_t *hits,
	bool exact)
{
	bool k_stop = (k->flags & TOKEN_STOP) != 0;
	for (size_t s = 0; s < al->n; s++) {
		if (al->ids[s] != k->id)
			continue;
		const struct token *a = &al->v[s];
		if (((a->flags & TOKEN_STOP) && !k_stop) || span_used(used, a))
			continue;
		hits[0] = s;
		return 1.0;
	}
	if (exact || k->kind != TOKEN_WORD || k->chars < MATCH_TYPO_MIN1)
		return 0.0;
	char key0 = token_key(kl, k)[0];
	char surface0 = token_surface(kl, k)[0];
	for (size_t r = 0; r < al->n_typo; r++) {
		const struct token_typo *y = &al->typo[r];
		if (y->key0 != key0 && y->surface0 != surface0)
			continue;
		const struct token *a = &al->v[y->index];
		double c = credit(al, a, kl, k);
		if (c > 0.0 && !span_used(used, a)) {
			hits[0] = y->index;
			return c;
		}
	}
	return 0.0;
}

static double phrase_credit(const struct match_phrase *ph,
	const struct token_list *al, const struct token *a, size_t j)
{
	const struct token *k = &ph->kl->v[ph->idx[j]];
	return ph->exact ? (a->id == k->id) : credit(al, a, ph->kl, k);
}

/* Whether phrase word j has a match within the window after answer token
 * t, in its clause. */
static bool followed(const struct token_list *al, const bool *used,
	const struct match_phrase *ph, size_t j, size_t t)
{
	uint32_t end = al->v[t].pos + al->v[t].span;
	for (size_t u = t + 1; u < al->n; u++) {
		const struct token *b = &al->v[u];
		if (b->pos < end)
			continue;
		if (b->pos - end > MATCH_PHRASE_WINDOW || crosses_clause(al, u))
			return false;
		if (!span_used(used, b) && phrase_credit(ph, al, b, j) > 0.0)
			return true;
	}
	return false;
}

/* Of the answer tokens from t on that match phrase word j within the
 * window, the last one after which the next phrase word still follows:
 * in "batching reduces latency and increases throughput", "batching
 * increases throughput" is said by "increases", the word next to
 * "throughput", not by "reduces". *c receives its credit. */
static size_t nearest_to_next(const struct token_list *al, const bool *used,
	const struct match_phrase *ph, size_t j, size_t t, uint32_t end,
	uint32_t window, bool kbreak, double *c)
{
	size_t jn = j + 1;
	while (jn < ph->n && (ph->kl->v[ph->idx[jn]].flags & TOKEN_STOP))
		jn++;
	if (jn >= ph->n || window == 0)
		return t;
	size_t pick = t;
	for (size_t u = t + 1; u < al->n; u++) {
		const struct token *b = &al->v[u];
		if (b->pos <= al->v[t].pos)
			continue;
		if (b->pos - end > window || (crosses_clause(al, u) && !kbreak))
			break;
		if (span_used(used, b))
			continue;
		double cu = phrase_credit(ph, al, b, j);
		if (cu >= *c && followed(al, used, ph, jn, u)) {
			pick = u;
			*c = cu;
		}
	}
	return pick;
}

double match_phrase(const struct token_list *al, const bool *used,
	const struct match_phrase *ph, size_t *hits, size_t *scratch)
{
	size_t m = ph->n;
	const struct token_list *kl = ph->kl;
	bool all_stop = true;
	size_t denom = 0;
	for (size_t j = 0; j < m; j++) {
		hits[j] = SIZE_MAX;
		if (!(kl->v[ph->idx[j]].flags & TOKEN_STOP))
			all_stop = false;
	}
	for (size_t j = 0; j < m; j++) {
		if (counts(&kl->v[ph->idx[j]], all_stop))
			denom++;
	}
	if (denom == 0)
		return 0.0;
	if (m == 1)
		return one_word(
			al, used, &kl->v[ph->idx[0]], kl, hits, ph->exact);
	double best = 0.0;
	size_t best_words = 0;
	uint32_t best_span = UINT32_MAX;
	for (size_t s = 0; s < al->n; s++) {
		const struct token *a = &al->v[s];
		if (span_used(used, a))
			continue;
		size_t j0 = 0;
		double c = 0.0;
		for (; j0 < m; j0++) {
			const struct token *k = &kl->v[ph->idx[j0]];
			if (!counts(k, all_stop))
				continue;
			c = ph->exact ? (a->id == k->id) : credit(al, a, kl, k);
			if (c > 0.0)
				break;
		}
		if (j0 == m)
			continue;
		for (size_t j = 0; j < m; j++)
			scratch[j] = SIZE_MAX;
		scratch[j0] = s;
		double total = c;
		uint32_t end = a->pos + a->span;
		size_t next = s + 1;
		size_t last = j0; /* the last phrase word that counts */
		for (size_t j = j0 + 1; j < m; j++) {
			const struct token *k = &kl->v[ph->idx[j]];
			if (!counts(k, all_stop))
				continue;
			uint32_t window = ph->glued && ph->glued[j]
				? 0
				: MATCH_PHRASE_WINDOW;
			/* A clause boundary the phrase has too ("see, hear,
			 * read") may be crossed. */
			bool kbreak = false;
			for (uint32_t x = ph->idx[last] + 1; x <= ph->idx[j];
				x++)
				kbreak |= (kl->v[x].flags & TOKEN_BREAK) != 0;
			last = j;
			for (size_t t = next; t < al->n; t++) {
				const struct token *b = &al->v[t];
				if (b->pos < end)
					continue;
				if (b->pos - end > window ||
					(crosses_clause(al, t) && !kbreak))
					break;
				if (span_used(used, b))
					continue;
				double cb = ph->exact ? (b->id == k->id)
						      : credit(al, b, kl, k);
				if (cb > 0.0) {
					t = nearest_to_next(al, used, ph, j, t,
						end, window, kbreak, &cb);
					b = &al->v[t];
					scratch[j] = t;
					total += cb;
					end = b->pos + b->span;
					next = t + 1;
					break;
				}
			}
			/* A compound's parts stand together or not at all. */
			if (scratch[j] == SIZE_MAX && window == 0)
				break;
		}
		uint32_t span = end - a->pos;
		if (total > best || (total == best && span < best_span)) {
			best = total;
			best_span = span;
			best_words = 0;
			for (size_t j = 0; j < m; j++)
				best_words += scratch[j] != SIZE_MAX;
			memcpy(hits, scratch, m * sizeof(*hits));
			if (best >= (double)denom && span <= best_words)
				break;
		}
	}
	/* One word of a phrase is not part of its meaning: it is most often
	 * the generic one ("data" of "data quality"). Partial credit starts at
	 * MATCH_PARTIAL_MIN words. */
	if (best < (double)denom && best_words < MATCH_PARTIAL_MIN)
		return 0.0;
	return best / (double)denom;
}

static bool is_ascii_letter(char c)
{
	return c >= 'a' && c <= 'z';
}

size_t match_acronym_of_phrase(const struct token_list *al, const bool *used,
	const struct match_phrase *ph)
{
	char ini[MATCH_ACRONYM_MAX + 1];
	size_t n = 0;
	for (size_t j = 0; j < ph->n; j++) {
		const struct token *k = &ph->kl->v[ph->idx[j]];
		if (k->kind != TOKEN_WORD || n == MATCH_ACRONYM_MAX)
			return SIZE_MAX;
		char c = token_surface(ph->kl, k)[0];
		if (!is_ascii_letter(c))
			return SIZE_MAX;
		ini[n++] = c;
	}
	if (n < MATCH_ACRONYM_MIN)
		return SIZE_MAX;
	for (size_t s = 0; s < al->n; s++) {
		const struct token *a = &al->v[s];
		/* a stop word is a word, not initials: "it is" is no
		 * Inception Score */
		if (a->kind != TOKEN_WORD ||
			(a->flags & (TOKEN_ALT | TOKEN_STOP)) || a->len != n)
			continue;
		if (memcmp(token_surface(al, a), ini, n) == 0 &&
			!span_used(used, a))
			return s;
	}
	return SIZE_MAX;
}

size_t match_expansion_of_acronym(const struct token_list *al, const bool *used,
	const struct match_phrase *ph, size_t *hits)
{
	if (ph->n != 1)
		return 0;
	const struct token *k = &ph->kl->v[ph->idx[0]];
	const char *acr = token_surface(ph->kl, k);
	size_t n = k->len;
	if (k->kind != TOKEN_WORD || n < MATCH_ACRONYM_MIN ||
		n > MATCH_ACRONYM_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_ascii_letter(acr[i]))
			return 0;
	}
	for (size_t s = 0; s < al->n; s++) {
		size_t got = 0;
		size_t t = s;
		while (t < al->n && got < n) {
			const struct token *a = &al->v[t];
			t++;
			if (a->flags & TOKEN_ALT)
				continue;
			char c = token_surface(al, a)[0];
			bool stop = a->flags & TOKEN_STOP;
			if (a->kind != TOKEN_WORD || span_used(used, a) ||
				(got == 0 && stop))
				break;
			if (c == acr[got]) {
				hits[got++] = t - 1;
				continue;
			}
			if (!stop)
				break;
		}
		if (got == n)
			return n;
	}
	return 0;
}

bool match_negated(const struct token_list *l, size_t index)
{
	for (size_t t = index; t > 0; t--) {
		if (l->v[t].flags & TOKEN_BREAK)
			return false;
		const struct token *p = &l->v[t - 1];
		if (p->flags & TOKEN_ALT)
			continue;
		if (p->flags & TOKEN_NEG)
			return true;
		if (p->flags & TOKEN_CONJ)
			return false;
		/* Single letters name things (bulbs B and C): they do not end
		 * the scope of "neither B nor C is closed". */
		bool letter = p->kind == TOKEN_WORD && p->chars == 1;
		if (!(p->flags & TOKEN_STOP) && !letter)
			return false;
	}
	return false;
}
