/* test_sched: FSRS against golden vectors from ts-fsrs (written by
 * tools/fsrs-golden.mjs), and the properties the rest of quiz relies on. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sched.h"
#include "tunables.h"
#include "util.h"

static const char *golden_path;

/* Each golden line is one review of a sequence; a new sequence number
 * starts a new card. Stability and difficulty must agree to 1e-6, the due
 * time and interval exactly. */
static void test_golden(void)
{
	FILE *f = fopen(golden_path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	struct sched_params p;
	sched_params_default(&p);
	struct sched_card c;
	sched_card_init(&c);
	char line[256];
	long seq = -1;
	size_t n = 0;
	size_t sequences = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#')
			continue;
		long s;
		long long when;
		long long due;
		long interval;
		char rating[16];
		double stab;
		double diff;
		CHECK(sscanf(line, "%ld %lld %15s %lf %lf %lld %ld", &s, &when,
			      rating, &stab, &diff, &due, &interval) == 7);
		enum grade_rating r;
		CHECK(grade_rating_parse(rating, &r));
		if (s != seq) {
			sched_card_init(&c);
			seq = s;
			sequences++;
		}
		sched_review(&p, &c, (time_t)when, r);
		if (fabs(c.stability - stab) > 1e-6 ||
			fabs(c.difficulty - diff) > 1e-6 ||
			(long long)c.due != due || c.interval != interval)
			fprintf(stderr, "golden sequence %ld, review at %lld\n",
				s, when);
		CHECK_NEAR(c.stability, stab, 1e-6);
		CHECK_NEAR(c.difficulty, diff, 1e-6);
		CHECK_INT(c.due, due);
		CHECK_INT(c.interval, interval);
		n++;
	}
	fclose(f);
	/* The file must not silently shrink to nothing. */
	CHECK(sequences >= 40);
	CHECK(n >= 200);
}

/* A question answered well is not due again at once; one answered with
 * "no idea" (again) is due at once, and no longer once recalled. */
static void test_good_answer_not_due_at_once(void)
{
	struct sched_params p;
	sched_params_default(&p);
	time_t t0 = 1795000000;
	struct sched_card good;
	struct sched_card bad;
	sched_card_init(&good);
	sched_card_init(&bad);
	CHECK(!sched_is_due(&good, t0)); /* new is not due */
	sched_review(&p, &good, t0, RATING_EASY);
	sched_review(&p, &bad, t0, RATING_AGAIN);
	CHECK(!sched_is_due(&good, t0 + 60));
	CHECK(!sched_is_due(&good, t0 + 86400));
	CHECK(sched_is_due(&bad, t0));
	CHECK(sched_is_due(&bad, t0 + 60));
	CHECK(good.due > bad.due);
	struct sched_card relearnt = bad;
	sched_review(&p, &relearnt, t0 + 120, RATING_GOOD);
	CHECK(!sched_is_due(&relearnt, t0 + 180));
	CHECK(sched_retrievability(&p, &good, t0 + 3 * 86400) >
		sched_retrievability(&p, &bad, t0 + 3 * 86400));
}

/* At its own due interval recall is about the requested retention. */
static void test_retention_at_due(void)
{
	struct sched_params p;
	sched_params_default(&p);
	struct sched_card c;
	sched_card_init(&c);
	time_t t = 1795000000;
	for (int i = 0; i < 4; i++) {
		sched_review(&p, &c, t, RATING_GOOD);
		t = c.due;
	}
	double r = sched_retrievability(&p, &c, c.due);
	CHECK_NEAR(r, SCHED_RETENTION, 0.02);
	CHECK_NEAR(sched_retrievability(&p, &c, c.last_review), 1.0, 1e-9);
}

/* A clock set back does not make elapsed time negative. */
static void test_review_in_the_past(void)
{
	struct sched_params p;
	sched_params_default(&p);
	struct sched_card c;
	sched_card_init(&c);
	sched_review(&p, &c, 1795000000, RATING_GOOD);
	sched_review(&p, &c, 1795000000 - 5 * 86400, RATING_GOOD);
	CHECK(c.stability > 0 && isfinite(c.stability));
	CHECK(c.difficulty >= 1 && c.difficulty <= 10);
	CHECK_INT(c.reps, 2);
}

static void test_day(void)
{
	CHECK_INT(sched_day(0), 0);
	CHECK_INT(sched_day(86399), 0);
	CHECK_INT(sched_day(86400), 1);
	CHECK_INT(sched_day(-1), -1);
	CHECK_INT(sched_civil_day(1970, 1, 1), 0);
	CHECK_INT(sched_civil_day(2026, 11, 18), 1795000000 / 86400);
	CHECK_INT(
		sched_civil_day(2024, 3, 1) - sched_civil_day(2024, 2, 28), 2);
}

/* Bug: sscanf's %d took " 2030-1-01", "+999-+1-+1" and, in history rows,
 * "2024-02-31" (read as 2 March). */
static void loose_dates_are_refused(void)
{
	long day = -7;
	const char *bad[] = {" 2030-1-01", "2030-1-01", "+999-+1-+1",
		"-001-01-01", "2024-02-30", "2023-02-29", "2024-13-01",
		"2024-00-10", "2024-01-00", "2024-1-1", "2024/01/01",
		"20240101", "", "2024-01-0"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		CHECK(!sched_parse_date(bad[i], &day));
	CHECK_INT(day, -7);
	CHECK(sched_parse_date("2024-02-29", &day));
	CHECK_INT(day, sched_civil_day(2024, 2, 29));
	CHECK(sched_parse_date("1970-01-01T00:00:00Z", &day));
	CHECK_INT(day, 0);
	time_t t = 7;
	CHECK(!sched_parse_utc(" 2024-+3-+5T+1:+2:+3Z", &t));
	CHECK(!sched_parse_utc("2024-02-31T00:00:00Z", &t));
	CHECK(!sched_parse_utc("2024-02-01T24:00:00Z", &t));
	CHECK(!sched_parse_utc("2024-02-01T00:00:00", &t));
	CHECK(!sched_parse_utc("2024-02-01T00:00:00Zx", &t));
	CHECK_INT(t, 7);
	CHECK(sched_parse_utc("1970-01-02T01:02:03Z", &t));
	CHECK_INT(t, 86400 + 3723);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_sched GOLDEN\n");
		return 2;
	}
	golden_path = argv[1];
	RUN(test_golden);
	RUN(test_good_answer_not_due_at_once);
	RUN(test_retention_at_due);
	RUN(test_review_in_the_past);
	RUN(test_day);
	RUN(loose_dates_are_refused);
	return check_done();
}
