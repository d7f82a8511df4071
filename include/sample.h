/* sample: seeded, deterministic selection of questions. `list` and the
 * interactive commands share it so `list` shows exactly what a session with
 * the same filters and seed would ask, in the same order. */
#ifndef QUIZ_SAMPLE_H
#define QUIZ_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bank.h"
#include "filter.h"

/* xoshiro256** seeded through splitmix64: small, fast, and the same stream
 * on every platform, unlike rand(). */
struct rng {
	uint64_t s[4];
};
void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n) without modulo bias; n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);

struct sample_opts {
	size_t count; /* 0 = all that match */
	bool shuffle; /* false: bank order */
	uint64_t seed; /* used when shuffle */
	/* Optional, one per bank question: lower is asked first (e.g. weakness
	 * from history). Ties keep the shuffled order. NULL = no priority. */
	const double *priority;
	/* Optional, one per bank question: false leaves it out (progress
	 * selections such as --due). NULL = keep all that match. */
	const bool *keep;
};

/* Fills *out (caller frees) with indices into bank->questions of the
 * selected questions, in asking order; returns how many. */
size_t sample_select(const struct quiz_bank *bank, const struct quiz_filter *f,
	const struct sample_opts *opts, size_t **out);

/* A seed for sessions run without --seed (time and pid mixed). */
uint64_t sample_fresh_seed(void);

#endif
