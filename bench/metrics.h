/* metrics: agreement between scores and human grades for the benchmarks:
 * Pearson r, Spearman rho (average ranks for ties), ROC-AUC (ties count
 * half). */
#ifndef QUIZ_BENCH_METRICS_H
#define QUIZ_BENCH_METRICS_H

#include <stddef.h>

double metrics_pearson(const double *x, const double *y, size_t n);
double metrics_spearman(const double *x, const double *y, size_t n);
/* AUC of score x for the positive labels y > 0.5. */
double metrics_auc(const double *x, const double *y, size_t n);

#endif
