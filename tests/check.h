/* check.h: a tiny unit-test harness. Each test file defines test functions
 * and a main() that runs them with RUN(); CHECK* record failures without
 * stopping, and check_done() prints "N passed, N failed" and returns the
 * exit status meson expects. */
#ifndef QUIZ_CHECK_H
#define QUIZ_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_passed;
static int check_failed;

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, \
				__LINE__, #cond); \
			check_failures++; \
		} \
	} while (0)

#define CHECK_STR(a, b) \
	do { \
		const char *check_a_ = (a); \
		const char *check_b_ = (b); \
		if (!check_a_ || !check_b_ || \
			strcmp(check_a_, check_b_) != 0) { \
			fprintf(stderr, \
				"%s:%d: %s == \"%s\", expected \"%s\"\n", \
				__FILE__, __LINE__, #a, \
				check_a_ ? check_a_ : "(null)", \
				check_b_ ? check_b_ : "(null)"); \
			check_failures++; \
		} \
	} while (0)

#define CHECK_INT(a, b) \
	do { \
		long long check_a_ = (long long)(a); \
		long long check_b_ = (long long)(b); \
		if (check_a_ != check_b_) { \
			fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", \
				__FILE__, __LINE__, #a, check_a_, check_b_); \
			check_failures++; \
		} \
	} while (0)

#define CHECK_NEAR(a, b, eps) \
	do { \
		double check_a_ = (double)(a); \
		double check_b_ = (double)(b); \
		if (!(fabs(check_a_ - check_b_) <= (eps))) { \
			fprintf(stderr, \
				"%s:%d: %s == %g, expected %g +- %g\n", \
				__FILE__, __LINE__, #a, check_a_, check_b_, \
				(double)(eps)); \
			check_failures++; \
		} \
	} while (0)

#define RUN(test) \
	do { \
		int check_before_ = check_failures; \
		test(); \
		if (check_failures == check_before_) { \
			check_passed++; \
		} else { \
			check_failed++; \
			fprintf(stderr, "FAIL %s\n", #test); \
		} \
	} while (0)

static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
