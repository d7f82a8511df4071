/* sched: FSRS-6, ported from ts-fsrs 5.x (src/algorithm.ts and
 * src/impl/long_term_scheduler.ts) with enable_short_term = false and no
 * fuzz. The reference rounds most intermediate values to 8 decimals; so do
 * we, in the same places, so that the golden vectors agree to far better
 * than their 1e-6 tolerance. */
#include "sched.h"

#include <math.h>
#include <string.h>

#include "tunables.h"

/* FSRS-6 defaults (ts-fsrs default_w; w[20] is the decay). */
static const double fsrs6_default_w[SCHED_N_WEIGHTS] = {
	0.212,
	1.2931,
	2.3065,
	8.2956,
	6.4133,
	0.8334,
	3.0194,
	0.001,
	1.8722,
	0.1666,
	0.796,
	1.4835,
	0.0614,
	0.2629,
	1.6483,
	0.6014,
	1.8729,
	0.5425,
	0.0912,
	0.0658,
	0.1542,
};

/* Stability bounds of the reference (S_MIN, S_MAX). */
#define S_MIN 0.001
#define S_MAX 36500.0

void sched_params_default(struct sched_params *p)
{
	memcpy(p->w, fsrs6_default_w, sizeof p->w);
	p->retention = SCHED_RETENTION;
	p->max_interval = SCHED_MAX_INTERVAL;
}

void sched_card_init(struct sched_card *c)
{
	memset(c, 0, sizeof *c);
}

/* JavaScript's Math.round (halves go up) to 8 decimals, as roundTo(x, 8). */
static double round8(double x)
{
	return floor(x * 1e8 + 0.5) / 1e8;
}

static double clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* decay = -w20; factor = 0.9^(1/decay) - 1, so that R(S, S) = 0.9. */
static double decay_of(const struct sched_params *p)
{
	return -p->w[20];
}

static double factor_of(const struct sched_params *p)
{
	return round8(exp(log(0.9) / decay_of(p)) - 1.0);
}

static double forgetting_curve(
	const struct sched_params *p, double elapsed, double s)
{
	return round8(pow(1 + factor_of(p) * elapsed / s, decay_of(p)));
}

/* Ratings as FSRS numbers them: again 1 ... easy 4. */
static int grade_of(enum grade_rating r)
{
	return (int)r + 1;
}

static double init_stability(const struct sched_params *p, int g)
{
	return fmax(p->w[g - 1], 0.1);
}

static double init_difficulty(const struct sched_params *p, int g)
{
	return round8(p->w[4] - exp((g - 1) * p->w[5]) + 1);
}

static double next_difficulty(const struct sched_params *p, double d, int g)
{
	double delta = -p->w[6] * (g - 3);
	double next = d + round8(delta * (10 - d) / 9);
	double reverted =
		round8(p->w[7] * init_difficulty(p, 4) + (1 - p->w[7]) * next);
	return clampd(reverted, 1, 10);
}

static double next_recall_stability(
	const struct sched_params *p, double d, double s, double r, int g)
{
	const double *w = p->w;
	double hard = g == 2 ? w[15] : 1;
	double easy = g == 4 ? w[16] : 1;
	double inc = exp(w[8]) * (11 - d) * pow(s, -w[9]) *
		(exp((1 - r) * w[10]) - 1) * hard * easy;
	return round8(clampd(s * (1 + inc), S_MIN, S_MAX));
}

static double next_forget_stability(
	const struct sched_params *p, double d, double s, double r)
{
	const double *w = p->w;
	double f = w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) *
		exp((1 - r) * w[14]);
	double after = round8(clampd(f, S_MIN, S_MAX));
	/* Without short-term steps a lapse never raises stability. */
	return fmin(fmax(round8(s), S_MIN), after);
}

struct memory {
	double s;
	double d;
};

/* The state after rating g, elapsed days after the last review, with
 * recall probability r then. */
static struct memory next_state(const struct sched_params *p,
	const struct sched_card *c, int g, double r)
{
	struct memory m;
	if (c->reps == 0) {
		m.d = clampd(init_difficulty(p, g), 1, 10);
		m.s = init_stability(p, g);
		return m;
	}
	if (g == 1)
		m.s = next_forget_stability(p, c->difficulty, c->stability, r);
	else
		m.s = next_recall_stability(
			p, c->difficulty, c->stability, r, g);
	m.d = next_difficulty(p, c->difficulty, g);
	return m;
}

static long next_interval(const struct sched_params *p, double s)
{
	double modifier =
		round8((pow(p->retention, 1 / decay_of(p)) - 1) / factor_of(p));
	/* JavaScript rounds halves up, C's round() away from zero: the
	 * same for positive numbers. */
	double ivl = fmax(1, round(s * modifier));
	return ivl > (double)p->max_interval ? p->max_interval : (long)ivl;
}

long sched_day(time_t t)
{
	long long s = (long long)t;
	long long day = s / 86400;
	if (s % 86400 < 0)
		day--;
	return (long)day;
}

long sched_civil_day(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The number of the digits s[0..n), or -1 when one is not a digit. */
static long digits(const char *s, int n)
{
	long v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool sched_parse_date(const char *s, long *day)
{
	if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	long y = digits(s, 4);
	long m = digits(s + 5, 2);
	long d = digits(s + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1)
		return false;
	long first = sched_civil_day(y, m, 1);
	long next = m == 12 ? sched_civil_day(y + 1, 1, 1)
			    : sched_civil_day(y, m + 1, 1);
	if (first + d - 1 >= next) /* 31 February */
		return false;
	*day = first + d - 1;
	return true;
}

bool sched_parse_utc(const char *s, time_t *out)
{
	long days;
	if (!sched_parse_date(s, &days) || strlen(s) != 20 || s[10] != 'T' ||
		s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return false;
	long h = digits(s + 11, 2);
	long m = digits(s + 14, 2);
	long sec = digits(s + 17, 2);
	if (h < 0 || m < 0 || sec < 0 || h > 23 || m > 59 || sec > 60)
		return false;
	*out = (time_t)days * 86400 + h * 3600 + m * 60 + sec;
	return true;
}

static long elapsed_days(const struct sched_card *c, time_t when)
{
	if (c->reps == 0)
		return 0;
	long days = sched_day(when) - sched_day(c->last_review);
	return days < 0 ? 0 : days;
}

void sched_review(const struct sched_params *p, struct sched_card *c,
	time_t when, enum grade_rating rating)
{
	long t = elapsed_days(c, when);
	double r = c->reps ? forgetting_curve(p, (double)t, c->stability) : 0;
	/* The long-term scheduler computes all four outcomes and keeps their
	 * intervals strictly increasing from again to easy. */
	struct memory m[4];
	long ivl[4];
	for (int g = 1; g <= 4; g++) {
		m[g - 1] = next_state(p, c, g, r);
		ivl[g - 1] = next_interval(p, m[g - 1].s);
	}
	if (ivl[1] < ivl[0])
		ivl[0] = ivl[1];
	for (int k = 1; k < 4; k++)
		if (ivl[k] < ivl[k - 1] + 1)
			ivl[k] = ivl[k - 1] + 1;
	int g = grade_of(rating);
	if (c->reps > 0 && g == 1)
		c->lapses++;
	c->reps++;
	c->stability = m[g - 1].s;
	c->difficulty = m[g - 1].d;
	c->last_review = when;
	c->interval = ivl[g - 1];
	c->due = when + (time_t)ivl[g - 1] * 86400;
	c->last_rating = rating;
}

double sched_retrievability(
	const struct sched_params *p, const struct sched_card *c, time_t now)
{
	if (c->reps == 0)
		return 1;
	return forgetting_curve(p, (double)elapsed_days(c, now), c->stability);
}

bool sched_is_due(const struct sched_card *c, time_t now)
{
	return c->reps > 0 && (c->last_rating == RATING_AGAIN || c->due <= now);
}
