/* test_progress: what the history makes of each question (schedule,
 * changed flag, missed key points), the due/new/weak selection, the
 * statistics and the plan for an interview date. Times are fixed; TZ is
 * UTC (set in main) so that local days are UTC days. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "progress.h"
#include "tunables.h"
#include "util.h"

/* 2026-11-18T12:00:00Z */
#define T0 ((time_t)1795003200)
#define DAY ((time_t)86400)

static const char *const bank_json =
	"{\"questions\":["
	"{\"id\":\"a-1\",\"chapter\":\"a-1\",\"tags\":[\"x\"],"
	"\"question\":\"?\",\"answer\":\"kv cache and batching\","
	"\"keywords\":[\"kv cache\",\"batching\"]},"
	"{\"id\":\"a-2\",\"chapter\":\"a-1\",\"tags\":[\"x\",\"y\"],"
	"\"question\":\"?\",\"answer\":\"b\",\"keywords\":[\"b\"]},"
	"{\"id\":\"b-1\",\"chapter\":\"b\",\"question\":\"?\","
	"\"answer\":\"c\",\"keywords\":[\"c\"]},"
	"{\"id\":\"b-2\",\"chapter\":\"b\",\"question\":\"?\","
	"\"answer\":\"d\",\"keywords\":[\"d\"]}]}";

static void load(struct quiz_bank *bank)
{
	bank_init(bank);
	CHECK(bank_load_text(
		bank, "t.json", bank_json, strlen(bank_json), NULL));
}

/* An answer to bank question i with the question's current hash. */
static void answer(struct progress *p, size_t i, time_t t, double score,
	enum grade_rating r, const char *missed)
{
	struct history_entry e = {
		.time = t,
		.id = p->bank->questions[i].id,
		.score = score,
		.verdict = GRADE_PARTIAL,
		.rating = r,
		.seconds = 60,
		.mode = "ask",
		.hash = p->items[i].hash,
		.missed = missed,
	};
	progress_add(p, &e);
}

static void test_changed_follows_hash(void)
{
	struct quiz_bank bank;
	load(&bank);
	struct progress p;
	progress_init(&p, &bank);
	answer(&p, 0, T0, 0.5, RATING_GOOD, "");
	CHECK(!p.items[0].changed);
	struct history_entry e = {.time = T0 + 10,
		.id = "a-2",
		.score = 0.5,
		.rating = RATING_GOOD,
		.mode = "ask",
		.hash = "0000000000000000"};
	progress_add(&p, &e);
	CHECK(p.items[1].changed);
	CHECK_INT(p.items[1].card.reps, 1); /* progress follows the id */
	/* A first-version row knows no hash: not flagged. */
	e.id = "b-1";
	e.hash = "";
	progress_add(&p, &e);
	CHECK(!p.items[2].changed);
	/* Rows of questions no longer in the bank are counted apart. */
	e.id = "gone";
	progress_add(&p, &e);
	CHECK_INT(p.rows, 4);
	CHECK_INT(p.unknown, 1);
	progress_free(&p);
	bank_free(&bank);
}

static void test_selection(void)
{
	struct quiz_bank bank;
	load(&bank);
	struct progress p;
	progress_init(&p, &bank);
	answer(&p, 0, T0, 0.0, RATING_AGAIN, ""); /* due at once */
	answer(&p, 1, T0, 1.0, RATING_EASY, ""); /* not due for days */
	answer(&p, 2, T0 - 30 * DAY, 0.7, RATING_GOOD, ""); /* overdue */
	bool keep[4];
	double prio[4];
	time_t now = T0 + 60;
	progress_order(&p, PROGRESS_DUE, now, keep, prio);
	CHECK(keep[0] && !keep[1] && keep[2] && !keep[3]);
	progress_order(&p, PROGRESS_NEW, now, keep, prio);
	CHECK(!keep[0] && !keep[1] && !keep[2] && keep[3]);
	progress_order(&p, PROGRESS_DUE | PROGRESS_NEW, now, keep, prio);
	CHECK(keep[0] && !keep[1] && keep[2] && keep[3]);
	/* Default: everything, due first (lowest recall first), new, rest. */
	progress_order(&p, 0, now, keep, prio);
	CHECK(keep[0] && keep[1] && keep[2] && keep[3]);
	CHECK(prio[2] < prio[0]); /* 30 days overdue recalls less */
	CHECK(prio[0] < prio[3] && prio[3] < prio[1]);
	/* Weak: answered ones by recall, lowest first. */
	progress_order(&p, PROGRESS_WEAK, now, keep, prio);
	CHECK(keep[0] && keep[1] && keep[2] && !keep[3]);
	CHECK(prio[2] < prio[1]);
	progress_free(&p);
	bank_free(&bank);
}

static void test_report(void)
{
	struct quiz_bank bank;
	load(&bank);
	struct progress p;
	progress_init(&p, &bank);
	/* a-1 answered 5 times on 3 consecutive days, missing "kv cache" in
	 * 4; a first-version row (no hash) does not count for missed. */
	answer(&p, 0, T0 - 2 * DAY, 0.2, RATING_AGAIN, "kv cache; batching");
	answer(&p, 0, T0 - DAY, 0.5, RATING_HARD, "kv cache");
	answer(&p, 0, T0 - DAY + 60, 0.5, RATING_AGAIN, "kv cache");
	answer(&p, 0, T0, 0.6, RATING_GOOD, "kv cache");
	answer(&p, 0, T0 + 60, 1.0, RATING_EASY, "");
	struct history_entry old = {.time = T0 + 120,
		.id = "a-2",
		.score = 0.3,
		.rating = RATING_HARD,
		.seconds = 30,
		.mode = "ask",
		.hash = "",
		.missed = ""};
	progress_add(&p, &old);
	size_t idx[] = {0, 1, 2, 3};
	struct progress_report r;
	progress_report(&p, idx, 4, T0 + 600, &r);
	CHECK_INT(r.total.questions, 4);
	CHECK_INT(r.total.answered, 2);
	CHECK_INT(r.total.answers, 6);
	CHECK_NEAR(r.total.score_sum / (double)r.total.scored,
		(0.2 + 0.5 + 0.5 + 0.6 + 1.0 + 0.3) / 6, 1e-9);
	/* Reviews after the first: 4 of a-1 (one "again"), none of a-2. */
	CHECK_INT(r.total.reviews, 4);
	CHECK_INT(r.total.recalled, 3);
	CHECK_INT(r.n_chapters, 2);
	CHECK_STR(r.chapters[0].name, "a-1");
	CHECK_INT(r.chapters[0].answered, 2);
	CHECK_STR(r.chapters[1].name, "b");
	CHECK_INT(r.chapters[1].answered, 0);
	CHECK_NEAR(r.chapters[1].mastery, 0, 1e-12);
	CHECK(r.chapters[0].mastery > 0 && r.chapters[0].mastery <= 1);
	CHECK_INT(r.n_tags, 2);
	CHECK_STR(r.tags[0].name, "x");
	CHECK_INT(r.tags[0].questions, 2);
	CHECK_STR(r.tags[1].name, "y");
	CHECK_INT(r.tags[1].questions, 1);
	/* "missed 'kv cache' in 4 of 5 answers" comes first. */
	CHECK(r.n_missed == 2);
	if (r.n_missed == 2) {
		CHECK_STR(r.missed[0].term, "kv cache");
		CHECK_INT(r.missed[0].count, 4);
		CHECK_INT(r.missed[0].graded, 5);
		CHECK_STR(r.missed[1].term, "batching");
		CHECK_INT(r.missed[1].count, 1);
	}
	CHECK_INT(r.streak, 3);
	CHECK_NEAR(r.seconds, 5 * 60 + 30, 1e-9);
	progress_report_free(&r);
	/* Two days later without an answer, the streak is over. */
	progress_report(&p, idx, 4, T0 + 2 * DAY, &r);
	CHECK_INT(r.streak, 0);
	progress_report_free(&r);
	progress_free(&p);
	bank_free(&bank);
}

static void test_plan(void)
{
	struct quiz_bank bank;
	load(&bank);
	struct progress p;
	progress_init(&p, &bank);
	answer(&p, 0, T0, 0.0, RATING_AGAIN, ""); /* due now */
	answer(&p, 1, T0, 1.0, RATING_GOOD, ""); /* due in a few days */
	long today = progress_local_day(T0 + 60);
	size_t idx[] = {0, 1, 2, 3};
	struct progress_plan plan;
	/* Interview in 10 days: a-2 falls due before it. */
	progress_plan(&p, idx, 4, T0 + 60, today + 10, &plan);
	CHECK_INT(plan.days, 10);
	CHECK_INT(plan.fresh, 2);
	CHECK_INT(plan.weak, 2);
	CHECK_INT(plan.per_day, 1);
	CHECK_INT(plan.n_today, 1);
	CHECK_INT(plan.today[0], 0); /* what is due now first */
	progress_plan_free(&plan);
	/* Interview tomorrow: one day left, a-2 not due by then; today
	 * takes everything else: due now, then new in selection order. */
	progress_plan(&p, idx, 4, T0 + 60, today + 1, &plan);
	CHECK_INT(plan.days, 1);
	CHECK_INT(plan.fresh, 2);
	CHECK_INT(plan.weak, 1);
	CHECK_INT(plan.per_day, 3);
	CHECK_INT(plan.n_today, 3);
	CHECK_INT(plan.today[0], 0);
	CHECK_INT(plan.today[1], 2);
	CHECK_INT(plan.today[2], 3);
	progress_plan_free(&plan);
	/* Interview today still plans one day. */
	progress_plan(&p, idx, 4, T0 + 60, today, &plan);
	CHECK_INT(plan.days, 1);
	progress_plan_free(&plan);
	progress_free(&p);
	bank_free(&bank);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	RUN(test_changed_follows_hash);
	RUN(test_selection);
	RUN(test_report);
	RUN(test_plan);
	return check_done();
}
