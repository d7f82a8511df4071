/* progress: per-question state folded from the history, and the
 * selection, statistics and plan built on it. */
#include "progress.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "util.h"

static int cmp_key(const void *a, const void *b)
{
	const struct progress_key *x = a;
	const struct progress_key *y = b;
	return strcmp(x->id, y->id);
}

void progress_init(struct progress *p, const struct quiz_bank *bank)
{
	memset(p, 0, sizeof *p);
	p->bank = bank;
	sched_params_default(&p->params);
	size_t n = bank->n_questions;
	p->items = xcalloc(n ? n : 1, sizeof *p->items);
	p->by_id = xcalloc(n ? n : 1, sizeof *p->by_id);
	for (size_t i = 0; i < n; i++) {
		struct progress_item *it = &p->items[i];
		sched_card_init(&it->card);
		it->last_score = NAN;
		p->by_id[i] = (struct progress_key){bank->questions[i].id, i};
	}
	qsort(p->by_id, n, sizeof *p->by_id, cmp_key);
}

void progress_free(struct progress *p)
{
	for (size_t i = 0; i < p->bank->n_questions; i++) {
		struct progress_item *it = &p->items[i];
		for (size_t k = 0; k < it->n_misses; k++)
			free(it->misses[k].term);
		free(it->misses);
	}
	free(p->items);
	free(p->by_id);
	free(p->days);
	memset(p, 0, sizeof *p);
}

static long find_index(const struct progress *p, const char *id)
{
	struct progress_key key = {id, 0};
	const struct progress_key *hit = p->bank->n_questions
		? bsearch(&key, p->by_id, p->bank->n_questions,
			  sizeof *p->by_id, cmp_key)
		: NULL;
	return hit ? (long)hit->index : -1;
}

const struct progress_item *progress_find(
	const struct progress *p, const char *id)
{
	long i = find_index(p, id);
	return i < 0 ? NULL : &p->items[i];
}

long progress_local_day(time_t t)
{
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return sched_day(t);
	return sched_civil_day(
		tm.tm_year + 1900L, tm.tm_mon + 1L, (long)tm.tm_mday);
}

time_t progress_day_start(long day)
{
	/* mktime normalizes the day of the month, so day 1 of January
	 * 1970 plus `day` days is that local date. */
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 70;
	tm.tm_mday = 1 + (int)day;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static void add_day(struct progress *p, long day)
{
	size_t lo = 0;
	size_t hi = p->n_days;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->days[mid] == day)
			return;
		if (p->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (p->n_days == p->cap_days) {
		p->cap_days = p->cap_days ? 2 * p->cap_days : 64;
		p->days = xrealloc(p->days, p->cap_days * sizeof *p->days);
	}
	memmove(p->days + lo + 1, p->days + lo,
		(p->n_days - lo) * sizeof *p->days);
	p->days[lo] = day;
	p->n_days++;
}

static void add_miss(void *ctx, const char *term, size_t len)
{
	struct progress_item *it = ctx;
	for (size_t k = 0; k < it->n_misses; k++) {
		if (strlen(it->misses[k].term) == len &&
			memcmp(it->misses[k].term, term, len) == 0) {
			it->misses[k].count++;
			return;
		}
	}
	it->misses =
		xrealloc(it->misses, (it->n_misses + 1) * sizeof *it->misses);
	it->misses[it->n_misses].term = xstrndup(term, len);
	it->misses[it->n_misses].count = 1;
	it->n_misses++;
}

/* The missed column counts only for answers to the question as it is
 * now: a point missed before the key points changed may not exist. */
static void add_missed(struct progress_item *it, const struct history_entry *e)
{
	if (isnan(e->score) || !e->hash || strcmp(e->hash, it->hash) != 0)
		return;
	it->graded++;
	history_missed_each(e->missed, add_miss, it);
}

/* A question's hash is computed when the history first names it: hashing
 * every question of a big bank cost more than listing it. */
static void item_hash(struct progress *p, long i)
{
	if (!p->items[i].hash[0])
		history_hash(&p->bank->questions[i], p->items[i].hash);
}

void progress_add(struct progress *p, const struct history_entry *e)
{
	p->rows++;
	p->seconds += e->seconds;
	add_day(p, progress_local_day(e->time));
	long i = find_index(p, e->id);
	if (i < 0) {
		p->unknown++;
		return;
	}
	item_hash(p, i);
	struct progress_item *it = &p->items[i];
	if (it->card.reps > 0) {
		it->reviews++;
		it->recalled += e->rating != RATING_AGAIN;
	}
	sched_review(&p->params, &it->card, e->time, e->rating);
	it->seconds += e->seconds;
	if (!isnan(e->score)) {
		it->scored++;
		it->score_sum += e->score;
		it->last_score = e->score;
	}
	snprintf(it->last_hash, sizeof it->last_hash, "%s",
		e->hash ? e->hash : "");
	it->changed = it->last_hash[0] && strcmp(it->last_hash, it->hash);
	add_missed(it, e);
}

static bool on_row(void *ctx, const struct history_entry *e)
{
	progress_add(ctx, e);
	return true;
}

bool progress_load(struct progress *p, const char *path)
{
	if (!path)
		return true;
	size_t bad = 0;
	bool ok = history_read(path, on_row, p, &bad);
	if (bad > 0)
		quiz_warn("%s: skipped %zu damaged row%s", path, bad,
			bad == 1 ? "" : "s");
	return ok;
}

/* ---- selection ---------------------------------------------------------- */

void progress_order(const struct progress *p, unsigned classes, time_t now,
	bool *keep, double *priority)
{
	for (size_t i = 0; i < p->bank->n_questions; i++) {
		const struct sched_card *c = &p->items[i].card;
		bool seen = c->reps > 0;
		bool due = sched_is_due(c, now);
		double recall = sched_retrievability(&p->params, c, now);
		keep[i] = classes == 0 || ((classes & PROGRESS_DUE) && due) ||
			((classes & PROGRESS_NEW) && !seen) ||
			((classes & PROGRESS_WEAK) && seen);
		/* Recall is in [0, 1]: due first, then new, then the rest. */
		if (classes & PROGRESS_WEAK)
			priority[i] = seen ? recall : 2;
		else
			priority[i] = due ? recall : !seen ? 2 : 3;
	}
}

/* ---- statistics ------------------------------------------------------- */

static void add_to_stats(struct progress_stats *s, const struct progress *p,
	size_t i, time_t now, time_t day_end)
{
	const struct progress_item *it = &p->items[i];
	s->questions++;
	s->answers += it->card.reps;
	s->answered += it->card.reps > 0;
	s->scored += it->scored;
	s->score_sum += it->score_sum;
	s->reviews += it->reviews;
	s->recalled += it->recalled;
	s->due_now += sched_is_due(&it->card, now);
	s->due_today += sched_is_due(&it->card, now) ||
		(it->card.reps > 0 && it->card.due < day_end);
	s->changed += it->changed;
	s->seconds += it->seconds;
	if (it->card.reps > 0)
		s->mastery += sched_retrievability(&p->params, &it->card, now);
}

static struct progress_stats *stats_for(
	struct progress_stats **arr, size_t *n, const char *name)
{
	for (size_t k = 0; k < *n; k++)
		if (strcmp((*arr)[k].name, name) == 0)
			return &(*arr)[k];
	*arr = xrealloc(*arr, (*n + 1) * sizeof **arr);
	struct progress_stats *s = &(*arr)[(*n)++];
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	return s;
}

static int cmp_stats(const void *a, const void *b)
{
	const struct progress_stats *x = a;
	const struct progress_stats *y = b;
	return strcmp(x->name, y->name);
}

/* Mastery is summed while adding; the mean is taken at the end. */
static void finish_stats(struct progress_stats *s)
{
	s->mastery = s->questions ? s->mastery / (double)s->questions : 0;
}

static int cmp_missed(const void *a, const void *b)
{
	const struct progress_missed *x = a;
	const struct progress_missed *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	/* The same count out of fewer answers is missed more often. */
	if (x->graded != y->graded)
		return x->graded < y->graded ? -1 : 1;
	int c = strcmp(x->q->id, y->q->id);
	return c ? c : strcmp(x->term, y->term);
}

/* Consecutive days with an answer ending today, or yesterday when
 * nothing has been answered yet today (the streak is not lost yet). */
static size_t streak(const struct progress *p, long today)
{
	if (p->n_days == 0)
		return 0;
	size_t k = p->n_days;
	long day = p->days[k - 1];
	if (day > today || day < today - 1)
		return 0;
	size_t n = 0;
	while (k > 0 && p->days[k - 1] == day) {
		n++;
		k--;
		day--;
	}
	return n;
}

void progress_report(const struct progress *p, const size_t *idx, size_t n,
	time_t now, struct progress_report *out)
{
	memset(out, 0, sizeof *out);
	out->total.name = xstrdup("");
	long today = progress_local_day(now);
	time_t day_end = progress_day_start(today + 1);
	for (size_t j = 0; j < n; j++) {
		size_t i = idx[j];
		const struct quiz_question *q = &p->bank->questions[i];
		add_to_stats(&out->total, p, i, now, day_end);
		add_to_stats(
			stats_for(&out->chapters, &out->n_chapters, q->chapter),
			p, i, now, day_end);
		for (size_t t = 0; t < q->n_tags; t++)
			add_to_stats(
				stats_for(&out->tags, &out->n_tags, q->tags[t]),
				p, i, now, day_end);
		const struct progress_item *it = &p->items[i];
		for (size_t k = 0; k < it->n_misses; k++) {
			out->missed = xrealloc(out->missed,
				(out->n_missed + 1) * sizeof *out->missed);
			out->missed[out->n_missed++] =
				(struct progress_missed){q, it->misses[k].term,
					it->misses[k].count, it->graded};
		}
	}
	finish_stats(&out->total);
	for (size_t k = 0; k < out->n_chapters; k++)
		finish_stats(&out->chapters[k]);
	for (size_t k = 0; k < out->n_tags; k++)
		finish_stats(&out->tags[k]);
	if (out->n_chapters > 1)
		qsort(out->chapters, out->n_chapters, sizeof *out->chapters,
			cmp_stats);
	if (out->n_tags > 1)
		qsort(out->tags, out->n_tags, sizeof *out->tags, cmp_stats);
	if (out->n_missed > 1)
		qsort(out->missed, out->n_missed, sizeof *out->missed,
			cmp_missed);
	out->streak = streak(p, today);
	out->seconds = out->total.seconds;
}

void progress_report_free(struct progress_report *r)
{
	free(r->total.name);
	for (size_t k = 0; k < r->n_chapters; k++)
		free(r->chapters[k].name);
	for (size_t k = 0; k < r->n_tags; k++)
		free(r->tags[k].name);
	free(r->chapters);
	free(r->tags);
	free(r->missed);
	memset(r, 0, sizeof *r);
}

/* ---- plan --------------------------------------------------------------- */

struct planned {
	size_t index;
	size_t order; /* position in the selection */
	int group; /* 0 due now, 1 due before the interview, 2 new */
	double key; /* recall now (group 0) or due time (group 1) */
};

static int cmp_planned(const void *a, const void *b)
{
	const struct planned *x = a;
	const struct planned *y = b;
	if (x->group != y->group)
		return x->group - y->group;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

void progress_plan(const struct progress *p, const size_t *idx, size_t n,
	time_t now, long by_day, struct progress_plan *out)
{
	memset(out, 0, sizeof *out);
	long today = progress_local_day(now);
	out->days = by_day > today ? by_day - today : 1;
	out->selected = n;
	time_t interview = progress_day_start(by_day);
	struct planned *work = xcalloc(n ? n : 1, sizeof *work);
	size_t n_work = 0;
	for (size_t j = 0; j < n; j++) {
		const struct sched_card *c = &p->items[idx[j]].card;
		struct planned w = {idx[j], j, 2, 0};
		if (c->reps == 0) {
			out->fresh++;
		} else if (sched_is_due(c, now)) {
			out->weak++;
			w.group = 0;
			w.key = sched_retrievability(&p->params, c, now);
		} else if (c->due < interview) {
			out->weak++;
			w.group = 1;
			w.key = (double)c->due;
		} else {
			continue;
		}
		work[n_work++] = w;
	}
	size_t total = out->fresh + out->weak;
	out->per_day = (total + (size_t)out->days - 1) / (size_t)out->days;
	qsort(work, n_work, sizeof *work, cmp_planned);
	out->n_today = out->per_day < n_work ? out->per_day : n_work;
	out->today =
		xcalloc(out->n_today ? out->n_today : 1, sizeof *out->today);
	for (size_t k = 0; k < out->n_today; k++)
		out->today[k] = work[k].index;
	free(work);
}

void progress_plan_free(struct progress_plan *plan)
{
	free(plan->today);
	memset(plan, 0, sizeof *plan);
}
