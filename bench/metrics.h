/* metrics: agreement between scores and human grades for the benchmarks:
 * Pearson r, Spearman rho (average ranks for ties), ROC-AUC (ties count
 * half), and the word-overlap baseline. */
#ifndef QUIZ_BENCH_METRICS_H
#define QUIZ_BENCH_METRICS_H

#include <stddef.h>

double metrics_pearson(const double *x, const double *y, size_t n);
double metrics_spearman(const double *x, const double *y, size_t n);
/* AUC of score x for the positive labels y > 0.5. */
double metrics_auc(const double *x, const double *y, size_t n);

/* The baseline of the benchmarks: the share of the reference's distinct
 * content words (lower-cased, English stop words removed, crude suffix
 * stripping) found in the answer. rw and aw are reused buffers
 * (zero-initialized; free with metrics_words_free). */
struct metrics_words {
	char (*w)[32];
	size_t n;
	size_t cap;
};
double metrics_overlap(const char *ref, const char *ans,
	struct metrics_words *rw, struct metrics_words *aw);
void metrics_words_free(struct metrics_words *w);

#endif
