/* grade_table: runs the data-driven grading tables tests/grade/NAME.test.
 * Each file holds cases:
 *
 *   [name]                         starts a case (a fresh question)
 *   question: text                 the question (optional)
 *   model: text                    the model answer (optional)
 *   keyword: term | alias ... ; weight W ; required
 *                                  a key point (repeatable; none: derived;
 *                                  before the case's first answer)
 *   answer: text                   an answer to grade (repeatable)
 *   score: LOW HIGH                the range its score must fall in
 *   matched: N                     optional: how many points it matched
 *   misconception: claim | alias ... ; correction
 *                                  a misconception (repeatable; before the
 *                                  case's first answer)
 *   claims: N                      how many misconceptions it makes
 *   reversed: N                    how many points it says the other way
 *                                  round (negated, opposite direction)
 *   swapped: N                     how many it says of another subject
 *
 * '#' starts a comment line. Prints every failure as file:line and ends
 * with "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "grade.h"
#include "util.h"

struct table_case {
	struct quiz_question q;
	struct quiz_keyword kw[32];
	size_t n_kw;
	struct quiz_misconception mc[16];
	size_t n_mc;
	struct grade_result r;
	bool graded;
	long answer_line;
};

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 &&
		(s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
			s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static void case_free(struct table_case *c)
{
	free(c->q.question);
	free(c->q.answer);
	for (size_t i = 0; i < c->n_kw; i++) {
		free(c->kw[i].term);
		for (size_t j = 0; j < c->kw[i].n_aliases; j++)
			free(c->kw[i].aliases[j]);
		free(c->kw[i].aliases);
	}
	for (size_t i = 0; i < c->n_mc; i++) {
		free(c->mc[i].claim);
		free(c->mc[i].correction);
		for (size_t j = 0; j < c->mc[i].n_aliases; j++)
			free(c->mc[i].aliases[j]);
		free(c->mc[i].aliases);
	}
	if (c->graded)
		grade_result_free(&c->r);
}

static void case_clear(struct table_case *c)
{
	memset(c, 0, sizeof(*c));
	c->q.id = (char *)"case";
	c->q.chapter = (char *)"";
	c->q.lang = (char *)"en";
	c->q.question = xstrdup("");
	c->q.answer = xstrdup("");
}

/* "term | alias | alias ; weight 2 ; required" */
static bool parse_keyword(char *s, struct quiz_keyword *kw)
{
	memset(kw, 0, sizeof(*kw));
	kw->weight = KEYWORD_WEIGHT_DEFAULT;
	char *opts = strchr(s, ';');
	if (opts)
		*opts++ = '\0';
	char *save = NULL;
	for (char *p = strtok_r(s, "|", &save); p;
		p = strtok_r(NULL, "|", &save)) {
		char *t = trim(p);
		if (!kw->term) {
			kw->term = xstrdup(t);
			continue;
		}
		kw->aliases = xrealloc(kw->aliases,
			(kw->n_aliases + 1) * sizeof(*kw->aliases));
		kw->aliases[kw->n_aliases++] = xstrdup(t);
	}
	while (opts) {
		char *next = strchr(opts, ';');
		if (next)
			*next++ = '\0';
		char *o = trim(opts);
		if (strcmp(o, "required") == 0)
			kw->required = true;
		else if (strncmp(o, "weight ", 7) == 0)
			kw->weight = atof(o + 7);
		else
			return false;
		opts = next;
	}
	return kw->term != NULL;
}

/* "claim | alias ... ; correction" */
static bool parse_misconception(char *s, struct quiz_misconception *m)
{
	memset(m, 0, sizeof(*m));
	char *corr = strchr(s, ';');
	if (corr) {
		*corr++ = '\0';
		m->correction = xstrdup(trim(corr));
	}
	char *save = NULL;
	for (char *p = strtok_r(s, "|", &save); p;
		p = strtok_r(NULL, "|", &save)) {
		char *t = trim(p);
		if (!m->claim) {
			m->claim = xstrdup(t);
			continue;
		}
		m->aliases = xrealloc(
			m->aliases, (m->n_aliases + 1) * sizeof(*m->aliases));
		m->aliases[m->n_aliases++] = xstrdup(t);
	}
	return m->claim != NULL;
}

/* How many points of r are reversed (or swapped). */
static size_t count_said(const struct grade_result *r, bool swapped)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_points; i++)
		n += swapped ? r->points[i].swapped : r->points[i].reversed;
	return n;
}

static void expect_count(const char *path, long line, const char *what,
	size_t got, const char *val, int *passed, int *failed)
{
	size_t want = (size_t)atol(val);
	if (got == want) {
		(*passed)++;
		return;
	}
	fprintf(stderr, "%s:%ld: %s %zu, expected %zu\n", path, line, what, got,
		want);
	(*failed)++;
}

static int run_file(const char *path, int *passed, int *failed)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 1;
	}
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, NULL);
	struct table_case *c = xcalloc(1, sizeof(*c));
	case_clear(c);
	char *line = NULL;
	size_t cap = 0;
	long ln = 0;
	int status = 0;
	/* Each case gets its own question object: the context caches key
	 * points per question, so reuse would keep stale ones. */
	struct table_case **old = NULL;
	size_t n_old = 0;
	while (getline(&line, &cap, f) > 0) {
		ln++;
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;
		if (*s == '[') {
			old = xrealloc(old, (n_old + 1) * sizeof(*old));
			old[n_old++] = c;
			c = xcalloc(1, sizeof(*c));
			case_clear(c);
			continue;
		}
		char *colon = strchr(s, ':');
		if (!colon) {
			fprintf(stderr, "%s:%ld: no 'key:'\n", path, ln);
			status = 1;
			continue;
		}
		*colon = '\0';
		char *val = trim(colon + 1);
		if (strcmp(s, "question") == 0) {
			free(c->q.question);
			c->q.question = xstrdup(val);
		} else if (strcmp(s, "model") == 0) {
			free(c->q.answer);
			c->q.answer = xstrdup(val);
		} else if (strcmp(s, "lang") == 0) {
			c->q.lang = strcmp(val, "zh") == 0 ? (char *)"zh"
							   : (char *)"en";
		} else if (strcmp(s, "keyword") == 0 && c->graded) {
			fprintf(stderr, "%s:%ld: keyword after an answer\n",
				path, ln);
			status = 1;
		} else if (strcmp(s, "keyword") == 0 && c->n_kw < 32) {
			if (!parse_keyword(val, &c->kw[c->n_kw])) {
				fprintf(stderr, "%s:%ld: bad keyword\n", path,
					ln);
				status = 1;
				continue;
			}
			c->n_kw++;
			c->q.keywords = c->kw;
			c->q.n_keywords = c->n_kw;
		} else if (strcmp(s, "misconception") == 0 && !c->graded &&
			c->n_mc < 16) {
			if (!parse_misconception(val, &c->mc[c->n_mc])) {
				fprintf(stderr, "%s:%ld: bad misconception\n",
					path, ln);
				status = 1;
				continue;
			}
			c->n_mc++;
			c->q.misconceptions = c->mc;
			c->q.n_misconceptions = c->n_mc;
		} else if (strcmp(s, "claims") == 0 && c->graded) {
			expect_count(path, c->answer_line,
				"misconceptions made", c->r.n_claims, val,
				passed, failed);
		} else if (strcmp(s, "reversed") == 0 && c->graded) {
			expect_count(path, c->answer_line, "points reversed",
				count_said(&c->r, false), val, passed, failed);
		} else if (strcmp(s, "swapped") == 0 && c->graded) {
			expect_count(path, c->answer_line, "points swapped",
				count_said(&c->r, true), val, passed, failed);
		} else if (strcmp(s, "answer") == 0) {
			if (c->graded)
				grade_result_free(&c->r);
			grade_answer(&ctx, &c->q, val, strlen(val), &c->r);
			c->graded = true;
			c->answer_line = ln;
		} else if (strcmp(s, "score") == 0 && c->graded) {
			double lo = 0;
			double hi = 0;
			if (sscanf(val, "%lf %lf", &lo, &hi) != 2) {
				fprintf(stderr,
					"%s:%ld: score needs LOW HIGH\n", path,
					ln);
				status = 1;
				continue;
			}
			if (c->r.score >= lo - 1e-9 &&
				c->r.score <= hi + 1e-9) {
				(*passed)++;
			} else {
				fprintf(stderr,
					"%s:%ld: score %.3f not in [%g, %g]\n",
					path, c->answer_line, c->r.score, lo,
					hi);
				(*failed)++;
			}
		} else if (strcmp(s, "matched") == 0 && c->graded) {
			size_t want = (size_t)atol(val);
			if (c->r.n_matched == want) {
				(*passed)++;
			} else {
				fprintf(stderr,
					"%s:%ld: matched %zu of %zu, expected "
					"%zu\n",
					path, c->answer_line, c->r.n_matched,
					c->r.n_points, want);
				(*failed)++;
			}
		} else {
			fprintf(stderr, "%s:%ld: unknown key '%s'\n", path, ln,
				s);
			status = 1;
		}
	}
	free(line);
	fclose(f);
	grade_ctx_free(&ctx);
	for (size_t i = 0; i < n_old; i++) {
		case_free(old[i]);
		free(old[i]);
	}
	free(old);
	case_free(c);
	free(c);
	return status;
}

int main(int argc, char **argv)
{
	int passed = 0;
	int failed = 0;
	int status = 0;
	for (int i = 1; i < argc; i++)
		status |= run_file(argv[i], &passed, &failed);
	printf("%d passed, %d failed\n", passed, failed);
	return status || failed || passed == 0;
}
