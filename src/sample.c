/* sample: seeded selection and ordering of questions. The PRNG is
 * xoshiro256** seeded by splitmix64, so a seed gives the same questions in
 * the same order on every machine. */
#include "sample.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
	/* Rejection keeps every residue equally likely. */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t x;
	do {
		x = rng_next(r);
	} while (x >= limit);
	return x % n;
}

struct ranked {
	size_t index;
	size_t order; /* position after shuffling */
	double priority;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a;
	const struct ranked *y = b;
	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

size_t sample_select(const struct quiz_bank *bank, const struct quiz_filter *f,
	const struct sample_opts *opts, size_t **out)
{
	size_t *idx = xcalloc(bank->n_questions, sizeof *idx);
	size_t n = 0;
	for (size_t i = 0; i < bank->n_questions; i++)
		if ((!opts->keep || opts->keep[i]) &&
			filter_match(f, &bank->questions[i]))
			idx[n++] = i;
	if (opts->shuffle && n > 1) {
		struct rng r;
		rng_seed(&r, opts->seed);
		for (size_t i = n - 1; i > 0; i--) {
			size_t j = (size_t)rng_below(&r, (uint64_t)i + 1);
			size_t t = idx[i];
			idx[i] = idx[j];
			idx[j] = t;
		}
	}
	if (opts->priority && n > 1) {
		struct ranked *rk = xcalloc(n, sizeof *rk);
		for (size_t i = 0; i < n; i++)
			rk[i] = (struct ranked){
				idx[i], i, opts->priority[idx[i]]};
		qsort(rk, n, sizeof *rk, cmp_ranked);
		for (size_t i = 0; i < n; i++)
			idx[i] = rk[i].index;
		free(rk);
	}
	if (opts->count && opts->count < n)
		n = opts->count;
	*out = idx;
	return n;
}

uint64_t sample_fresh_seed(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t x = (uint64_t)ts.tv_sec * 1000000007u ^ (uint64_t)ts.tv_nsec ^
		((uint64_t)getpid() << 32);
	return splitmix64(&x) % 1000000000u;
}
