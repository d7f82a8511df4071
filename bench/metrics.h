/* metrics: agreement between scores and human grades for the benchmarks:
 * Pearson r, Spearman rho (average ranks for ties), ROC-AUC (ties count
 * half), and the word-overlap baseline. */
#ifndef QUIZ_BENCH_METRICS_H
#define QUIZ_BENCH_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "csvio.h"

/* Reads the CSV (or, with tsv, TSV) file at path, a header line first,
 * through fn; exits with status 2 after reporting when it cannot. */
void metrics_read_rows(
	const char *path, bool tsv, csvio_record_fn fn, void *ctx);

/* From the header row f[0..n): the index of each of names[0..n_names) in
 * col; false after reporting (at line) one that is missing. */
bool metrics_columns(char *const *f, size_t n, const char *const *names,
	size_t n_names, size_t *col, long line);
/* Whether a row of n fields holds every column of col[0..n_cols). */
bool metrics_row_complete(const size_t *col, size_t n_cols, size_t n);

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

/* grade_answer's caps on a calibrated score s (include/tunables.h): at
 * most GRADE_FEW_POINTS_CAP for at most few_share of the points (or one)
 * of a question with GRADE_FEW_POINTS_MIN or more, unless model_score (the
 * calibrated model-answer coverage; 0 when not blended) passes on its own;
 * GRADE_REQUIRED_CAP when a required point is missed; then the
 * wrong-claim cost per wrong claim. The bench's re-scoring for
 * cross-validation. */
double metrics_caps(double s, size_t matched, size_t points, double few_share,
	double model_score, bool missed_required, size_t wrong);

#endif
