/* metrics: correlation and ROC-AUC for bench/asag. */
#include "metrics.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "tunables.h"
#include "util.h"

double metrics_pearson(const double *x, const double *y, size_t n)
{
	double mx = 0;
	double my = 0;
	for (size_t i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	double sxy = 0;
	double sxx = 0;
	double syy = 0;
	for (size_t i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
		syy += (y[i] - my) * (y[i] - my);
	}
	if (sxx == 0 || syy == 0)
		return 0;
	return sxy / sqrt(sxx * syy);
}

struct ranked {
	double v;
	size_t i;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a;
	const struct ranked *y = b;
	return (x->v > y->v) - (x->v < y->v);
}

/* Average ranks (1-based) of v. */
static double *ranks(const double *v, size_t n)
{
	struct ranked *r = xmalloc(n * sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		r[i].v = v[i];
		r[i].i = i;
	}
	qsort(r, n, sizeof(*r), cmp_ranked);
	double *out = xmalloc(n * sizeof(*out));
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j + 1 < n && r[j + 1].v == r[i].v)
			j++;
		double avg = ((double)i + (double)j) / 2.0 + 1.0;
		for (size_t k = i; k <= j; k++)
			out[r[k].i] = avg;
		i = j + 1;
	}
	free(r);
	return out;
}

double metrics_spearman(const double *x, const double *y, size_t n)
{
	double *rx = ranks(x, n);
	double *ry = ranks(y, n);
	double r = metrics_pearson(rx, ry, n);
	free(rx);
	free(ry);
	return r;
}

double metrics_auc(const double *x, const double *y, size_t n)
{
	double *rx = ranks(x, n);
	double pos = 0;
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (y[i] > 0.5) {
			pos++;
			sum += rx[i];
		}
	}
	free(rx);
	double neg = (double)n - pos;
	if (pos == 0 || neg == 0)
		return 0.5;
	return (sum - pos * (pos + 1) / 2.0) / (pos * neg);
}

static void crude_words(const char *s, struct metrics_words *out)
{
	out->n = 0;
	char w[32];
	size_t k = 0;
	for (const char *p = s;; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (alnum) {
			if (k < sizeof(w) - 1)
				w[k++] = c;
			continue;
		}
		if (k > 0 && !lexicon_stop_en(w, k)) {
			w[k] = '\0';
			static const char *const suf[] = {
				"ing", "ed", "es", "s", "ly"};
			for (size_t i = 0; i < sizeof(suf) / sizeof(suf[0]);
				i++) {
				size_t sl = strlen(suf[i]);
				if (k > sl + 2 &&
					strcmp(w + k - sl, suf[i]) == 0) {
					w[k - sl] = '\0';
					break;
				}
			}
			bool dup = false;
			for (size_t i = 0; i < out->n && !dup; i++)
				dup = strcmp(out->w[i], w) == 0;
			if (!dup) {
				xgrow((void **)&out->w, &out->cap, out->n + 1,
					sizeof(*out->w));
				strcpy(out->w[out->n++], w);
			}
		}
		k = 0;
		if (!*p)
			break;
	}
}

double metrics_overlap(const char *ref, const char *ans,
	struct metrics_words *rw, struct metrics_words *aw)
{
	crude_words(ref, rw);
	crude_words(ans, aw);
	if (rw->n == 0)
		return 0;
	size_t hit = 0;
	for (size_t i = 0; i < rw->n; i++) {
		for (size_t j = 0; j < aw->n; j++) {
			if (strcmp(rw->w[i], aw->w[j]) == 0) {
				hit++;
				break;
			}
		}
	}
	return (double)hit / (double)rw->n;
}

void metrics_words_free(struct metrics_words *w)
{
	free(w->w);
	memset(w, 0, sizeof(*w));
}

double metrics_caps(double s, size_t matched, size_t points, double few_share,
	double model_score, bool missed_required, size_t wrong)
{
	double few = few_share * (double)points;
	if ((double)matched <= (few > 1.0 ? few : 1.0) &&
		points >= GRADE_FEW_POINTS_MIN && s > GRADE_FEW_POINTS_CAP &&
		model_score < PASS_THRESHOLD_DEFAULT)
		s = GRADE_FEW_POINTS_CAP;
	if (missed_required && s > GRADE_REQUIRED_CAP)
		s = GRADE_REQUIRED_CAP;
	for (size_t k = 0; k < wrong; k++)
		s *= 1.0 - GRADE_WRONG_CLAIM_COST;
	return s > 1.0 ? 1.0 : s;
}

void metrics_read_rows(
	const char *path, bool tsv, csvio_record_fn fn, void *ctx)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(2);
	}
	if (!csvio_read(f, path, tsv, fn, ctx))
		exit(2);
	fclose(f);
}

bool metrics_columns(char *const *f, size_t n, const char *const *names,
	size_t n_names, size_t *col, long line)
{
	for (size_t c = 0; c < n_names; c++) {
		if (!csvio_find_column(f, n, names[c], &col[c])) {
			quiz_warn("line %ld: no column %s", line, names[c]);
			return false;
		}
	}
	return true;
}

bool metrics_row_complete(const size_t *col, size_t n_cols, size_t n)
{
	for (size_t c = 0; c < n_cols; c++)
		if (col[c] >= n)
			return false;
	return true;
}
