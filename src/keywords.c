/* keywords: key points generated from a Markdown answer: bold spans,
 * list-item heads, table first columns, acronyms with their expansions
 * as aliases, then the most frequent content words (lexicon.h) or, for
 * Chinese, the heads of its lines. */
#include "keywords.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "norm.h"
#include "lexicon.h"
#include "tunables.h"
#include "util.h"

struct kwlist {
	const struct import_rules *rules; /* or NULL */
	struct quiz_keyword *kw;
	size_t n;
	size_t cap;
};

/* Bold spans and list heads that are scaffolding in any notes, not key
 * points (rules add the ones particular documents use). */
static const char *const generic_stoplist[] = {
	"answer",
	"example",
	"examples",
	"solution",
	"note",
	"pros",
	"cons",
	"a",
	"q",
};

static bool stopped(const struct kwlist *l, const char *term)
{
	for (size_t i = 0;
		i < sizeof generic_stoplist / sizeof *generic_stoplist; i++)
		if (strcasecmp(term, generic_stoplist[i]) == 0)
			return true;
	return l->rules && rules_has(&l->rules->keyword_stoplist, term);
}

static struct quiz_keyword *kw_find(struct kwlist *l, const char *term)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->kw[i].term, term) == 0)
			return &l->kw[i];
	return NULL;
}

void keywords_add_alias(struct quiz_keyword *k, const char *alias)
{
	for (size_t i = 0; i < k->n_aliases; i++)
		if (strcasecmp(k->aliases[i], alias) == 0)
			return;
	k->aliases =
		xrealloc(k->aliases, (k->n_aliases + 1) * sizeof *k->aliases);
	k->aliases[k->n_aliases++] = xstrdup(alias);
}

/* Adds a candidate keyword (raw Markdown text); a repeated term keeps the
 * larger weight. */
static void kw_add(struct kwlist *l, const char *raw, size_t n, double weight)
{
	char *c = markdown_inline(raw, n);
	char *t = markdown_trim_dup(c);
	free(c);
	size_t tl = strlen(t);
	while (tl &&
		(t[tl - 1] == ':' || t[tl - 1] == '.' || t[tl - 1] == ',' ||
			t[tl - 1] == ';'))
		t[--tl] = '\0';
	if (tl < 2 || tl > IMPORT_KEYWORD_TERM_MAX || stopped(l, t) ||
		strstr(t, "Challenge") == t || strstr(t, "→")) {
		free(t);
		return;
	}
	struct quiz_keyword *k = kw_find(l, t);
	if (k) {
		if (weight > k->weight)
			k->weight = weight;
		free(t);
		return;
	}
	xgrow((void **)&l->kw, &l->cap, l->n + 1, sizeof *l->kw);
	k = &l->kw[l->n++];
	memset(k, 0, sizeof *k);
	k->term = t;
	k->weight = weight;
}

/* "ABC (Expansion Of Words)" or "Expansion Of Words (ABC)": the acronym
 * as the term and the expansion, lower-cased, as its alias. */
static void kw_acronyms(struct kwlist *l, const char *text)
{
	for (const char *p = strchr(text, '('); p; p = strchr(p + 1, '(')) {
		const char *close = strchr(p, ')');
		if (!close)
			break;
		char *inside = xstrndup(p + 1, (size_t)(close - p - 1));
		/* word before the parenthesis */
		const char *we = p;
		while (we > text && we[-1] == ' ')
			we--;
		const char *ws = we;
		while (ws > text &&
			(isalnum((unsigned char)ws[-1]) || ws[-1] == '-'))
			ws--;
		char *before = xstrndup(ws, (size_t)(we - ws));
		bool before_acr = strlen(before) >= 2 && strlen(before) <= 6;
		for (const char *q = before; *q && before_acr; q++)
			if (!isupper((unsigned char)*q) &&
				!isdigit((unsigned char)*q))
				before_acr = false;
		bool inside_acr = strlen(inside) >= 2 && strlen(inside) <= 6;
		for (const char *q = inside; *q && inside_acr; q++)
			if (!isupper((unsigned char)*q) &&
				!isdigit((unsigned char)*q))
				inside_acr = false;
		if (before_acr && strchr(inside, ' ') &&
			strlen(inside) <= IMPORT_KEYWORD_TERM_MAX &&
			!strchr(inside, ',')) {
			char *exp = markdown_inline(inside, strlen(inside));
			for (char *c = exp; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			kw_add(l, before, strlen(before), 1.5);
			struct quiz_keyword *k = kw_find(l, before);
			if (k)
				keywords_add_alias(k, exp);
			free(exp);
		} else if (inside_acr) {
			/* expansion: up to 5 capitalised words before */
			const char *s = we;
			int words = 0;
			const char *cand = we;
			while (s > text && words < 5) {
				const char *e = s;
				while (e > text && e[-1] == ' ')
					e--;
				const char *b = e;
				while (b > text &&
					!isspace((unsigned char)b[-1]) &&
					b[-1] != '*' && b[-1] != '(')
					b--;
				if (b == e || !isupper((unsigned char)*b))
					break;
				cand = b;
				s = b;
				words++;
			}
			if (words >= 2) {
				char *exp = xstrndup(cand, (size_t)(we - cand));
				char *ce = markdown_inline(exp, strlen(exp));
				for (char *c = ce; *c; c++)
					*c = (char)tolower((unsigned char)*c);
				kw_add(l, inside, strlen(inside), 1.5);
				struct quiz_keyword *k = kw_find(l, inside);
				if (k)
					keywords_add_alias(k, ce);
				free(ce);
				free(exp);
			}
		}
		free(before);
		free(inside);
	}
}

/* The stop-word list compares lower case. */
static bool content_stop(const char *w)
{
	size_t n = strlen(w);
	char *lower = xstrndup(w, n);
	for (char *c = lower; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	bool stop = lexicon_stop_content(lower, n);
	free(lower);
	return stop;
}

/* Fills up to the minimum with the answer's most frequent content words
 * (ASCII words of 5+ letters), or for Chinese the phrase heads of its
 * lines. */
static void kw_fill(struct kwlist *l, const char *clean)
{
	if (l->n >= IMPORT_KEYWORDS_MIN)
		return;
	if (norm_has_han(clean)) {
		/* Chinese: the heads of the lines first, then the other
		 * segments between separators. */
		static const char *const seps[] = {"（", "）", "：", "，", "、",
			"。", "；", "(", ")", ":", ",", " → ", "→"};
		for (int pass = 0; pass < 2; pass++) {
			const char *p = clean;
			while (*p && l->n < IMPORT_KEYWORDS_MAX) {
				const char *nl = strchr(p, '\n');
				const char *eol = nl ? nl : p + strlen(p);
				int seg = 0;
				const char *s = p;
				if (s[0] == '-' && s[1] == ' ')
					s += 2;
				while (isdigit((unsigned char)*s))
					s++;
				if (s > p && *s == '.' && s[1] == ' ')
					s += 2;
				else if (s > p && s[-1] != ' ' && s[0] != ' ')
					s = p;
				while (s < eol && l->n < IMPORT_KEYWORDS_MAX) {
					const char *cut = eol;
					size_t sl = 0;
					for (size_t i = 0;
						i < sizeof seps / sizeof *seps;
						i++) {
						const char *f =
							strstr(s, seps[i]);
						if (f && f < cut) {
							cut = f;
							sl = strlen(seps[i]);
						}
					}
					size_t len = (size_t)(cut - s);
					if ((pass == 0) == (seg == 0) &&
						len >= 4 && len <= 30)
						kw_add(l, s, len, 1.0);
					seg++;
					s = cut + sl;
					if (sl == 0)
						break;
				}
				p = nl ? nl + 1 : eol;
			}
			if (l->n >= IMPORT_KEYWORDS_MIN)
				break;
		}
		return;
	}
	struct word {
		char *w;
		int count;
	} *words = NULL;
	size_t nw = 0;
	size_t cap = 0;
	/* a word right after a negation ("not enough", "can't access") is
	 * not a point the answer makes */
	static const char *const negations[] = {
		"not", "no", "never", "cannot", "without", "nor", "t"};
	bool negated = false;
	for (const char *p = clean; *p;) {
		if (!isalpha((unsigned char)*p)) {
			p++;
			continue;
		}
		const char *s = p;
		while (isalnum((unsigned char)*p) || *p == '-')
			p++;
		size_t len = (size_t)(p - s);
		bool after_negation = negated;
		negated = false;
		for (size_t k = 0; k < sizeof negations / sizeof *negations;
			k++)
			if (strlen(negations[k]) == len &&
				strncasecmp(s, negations[k], len) == 0)
				negated = true;
		if (len < 5 || len > 30 || after_negation)
			continue;
		char *w = xstrndup(s, len);
		if (content_stop(w)) {
			free(w);
			continue;
		}
		size_t i;
		for (i = 0; i < nw; i++)
			if (strcasecmp(words[i].w, w) == 0)
				break;
		if (i < nw) {
			words[i].count++;
			free(w);
		} else {
			xgrow((void **)&words, &cap, nw + 1, sizeof *words);
			words[nw].w = w;
			words[nw].count = 1;
			nw++;
		}
	}
	while (l->n < IMPORT_KEYWORDS_MIN && nw) {
		size_t best = 0;
		for (size_t i = 1; i < nw; i++)
			if (words[i].count > words[best].count)
				best = i;
		if (words[best].count < 0)
			break;
		bool inside = false;
		for (size_t i = 0; i < l->n; i++)
			if (markdown_find_ci(l->kw[i].term, words[best].w))
				inside = true;
		if (!inside)
			kw_add(l, words[best].w, strlen(words[best].w), 1.0);
		words[best].count = -1;
		bool any = false;
		for (size_t i = 0; i < nw; i++)
			if (words[i].count >= 0)
				any = true;
		if (!any)
			break;
	}
	for (size_t i = 0; i < nw; i++)
		free(words[i].w);
	free(words);
}

static void kw_clear(struct quiz_keyword *k)
{
	free(k->term);
	for (size_t j = 0; j < k->n_aliases; j++)
		free(k->aliases[j]);
	free(k->aliases);
}

void keywords_free(struct quiz_keyword *kw, size_t n)
{
	for (size_t i = 0; i < n; i++)
		kw_clear(&kw[i]);
	free(kw);
}

size_t keywords_generate(const char *md, const struct import_rules *rules,
	struct quiz_keyword **out)
{
	struct kwlist l = {0};
	l.rules = rules;
	const char *p = md;
	bool header_row = true;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *s = p;
		size_t sl = n;
		markdown_trim(&s, &sl);
		if (sl && *s == '>') {
			s++;
			sl--;
			markdown_trim(&s, &sl);
		}
		if (sl && *s == '|') {
			char *row = xstrndup(s, sl);
			if (!markdown_is_table_sep(row)) {
				char **cells;
				size_t nc = markdown_table_cells(row, &cells);
				if (!header_row && nc > 1)
					kw_add(&l, cells[0], strlen(cells[0]),
						2.0);
				markdown_free_cells(cells, nc);
				header_row = false;
			}
			free(row);
		} else {
			header_row = true;
		}
		/* list-item head: "- **Head**: rest", "1. Head → rest" */
		size_t k = 0;
		bool item = false;
		if (sl > 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') {
			k = 2;
			item = true;
		} else if (sl > 3 && isdigit((unsigned char)s[0])) {
			size_t d = 0;
			while (d < sl && isdigit((unsigned char)s[d]))
				d++;
			if (d + 1 < sl && s[d] == '.' && s[d + 1] == ' ') {
				k = d + 2;
				item = true;
			}
		}
		if (item) {
			static const char *const seps[] = {
				"**:", ":", " → ", "：", " - ", " — "};
			const char *body = s + k;
			size_t bl = sl - k;
			size_t cut = bl;
			for (size_t i = 0; i < sizeof seps / sizeof *seps;
				i++) {
				const char *f = strstr(body, seps[i]);
				if (f && (size_t)(f - body) < cut)
					cut = (size_t)(f - body);
			}
			if (cut < bl && cut > 0)
				kw_add(&l, body, cut, 2.0);
		}
		/* bold spans */
		for (size_t i = 0; i + 1 < sl; i++) {
			if (s[i] != '*' || s[i + 1] != '*')
				continue;
			const char *b = s + i + 2;
			const char *e = strstr(b, "**");
			if (!e || e > s + sl)
				break;
			kw_add(&l, b, (size_t)(e - b), 1.0);
			i = (size_t)(e - s) + 1;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	kw_acronyms(&l, md);
	char *clean = markdown_text(
		md, strlen(md), rules ? &rules->residue_lines : NULL);
	/* a keyword must occur in the answer as shown */
	for (size_t i = 0; i < l.n;) {
		if (!markdown_find_ci(clean, l.kw[i].term)) {
			kw_clear(&l.kw[i]);
			memmove(&l.kw[i], &l.kw[i + 1],
				(l.n - i - 1) * sizeof *l.kw);
			l.n--;
			continue;
		}
		i++;
	}
	kw_fill(&l, clean);
	free(clean);
	/* Keep the most weighted first, then document order; cap. */
	for (size_t i = 1; i < l.n; i++) {
		struct quiz_keyword k = l.kw[i];
		size_t j = i;
		while (j > 0 && l.kw[j - 1].weight < k.weight) {
			l.kw[j] = l.kw[j - 1];
			j--;
		}
		l.kw[j] = k;
	}
	for (size_t i = IMPORT_KEYWORDS_MAX; i < l.n; i++)
		kw_clear(&l.kw[i]);
	if (l.n > IMPORT_KEYWORDS_MAX)
		l.n = IMPORT_KEYWORDS_MAX;
	*out = l.kw;
	return l.n;
}
