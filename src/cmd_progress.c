/* cmd_progress: `quiz stats`, `quiz history` and `quiz plan`, the
 * commands that read the history back. The numbers come from progress;
 * this file only selects and prints. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "csvio.h"
#include "history.h"
#include "json.h"
#include "output.h"
#include "progress.h"
#include "tunables.h"
#include "util.h"

/* Loads the bank and the history, and selects with the filters (in bank
 * order). false after a message. */
static bool load(
	struct cli *cli, struct progress *prog, size_t **idx, size_t *n)
{
	if (!cli_load_bank(cli))
		return false;
	progress_init(prog, &cli->bank);
	char *path = history_path();
	if (!path)
		quiz_warn("no history: set HOME or XDG_DATA_HOME");
	progress_load(prog, path);
	free(path);
	*n = cli_select(cli, false, 0, NULL, NULL, idx);
	return true;
}

/* ---- stats ------------------------------------------------------------ */

static double ratio(double a, size_t b)
{
	return b ? a / (double)b : NAN;
}

/* "61%" or "-" when there is nothing to say. */
static void put_percent(FILE *out, double x, int width)
{
	char s[16];
	if (isnan(x))
		snprintf(s, sizeof s, "-");
	else
		snprintf(s, sizeof s, "%d%%", (int)floor(x * 100 + 1e-9));
	fprintf(out, "%*s", width, s);
}

static void put_bar(FILE *out, double x)
{
	int filled = (int)floor(x * STATS_BAR_WIDTH + 0.5);
	putc('[', out);
	for (int i = 0; i < STATS_BAR_WIDTH; i++)
		putc(i < filled ? '#' : '.', out);
	putc(']', out);
}

static void put_duration(FILE *out, double seconds)
{
	long m = (long)(seconds / 60 + 0.5);
	if (m >= 60)
		fprintf(out, "%ld h %02ld min", m / 60, m % 60);
	else
		fprintf(out, "%ld min", m);
}

static void stats_row(FILE *out, const struct progress_stats *s, int width)
{
	char answered[48];
	snprintf(answered, sizeof answered, "%zu/%zu", s->answered,
		s->questions);
	fprintf(out, "  %-*s %9s ", width, s->name, answered);
	put_percent(out, ratio(s->score_sum, s->scored), 5);
	put_percent(out, ratio((double)s->recalled, s->reviews), 10);
	fprintf(out, " %7zu %5zu  ", s->due_now, s->due_today);
	put_bar(out, s->mastery);
	putc(' ', out);
	put_percent(out, s->mastery, 4);
	if (s->changed)
		fprintf(out, "  %zu changed", s->changed);
	putc('\n', out);
}

/* Chapters or tags: the practised ones, and how many are not. */
static void stats_table(
	FILE *out, const char *title, const struct progress_stats *s, size_t n)
{
	int width = (int)strlen(title);
	size_t idle = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i].answered == 0) {
			idle++;
			continue;
		}
		if ((int)strlen(s[i].name) > width)
			width = (int)strlen(s[i].name);
	}
	if (idle == n) {
		fprintf(out, "\n%s: none practised yet (%zu)\n", title, n);
		return;
	}
	fprintf(out, "\n  %-*s %9s %5s %10s %7s %5s  %s\n", width, title,
		"answered", "mean", "retention", "due now", "today", "mastery");
	for (size_t i = 0; i < n; i++)
		if (s[i].answered > 0)
			stats_row(out, &s[i], width);
	if (idle)
		fprintf(out, "  (%zu more not practised yet)\n", idle);
}

static void stats_text(FILE *out, const struct progress_report *r)
{
	const struct progress_stats *t = &r->total;
	fprintf(out, "Answered %zu of %zu questions (%zu answer%s)",
		t->answered, t->questions, t->answers,
		t->answers == 1 ? "" : "s");
	fputs(", mean score ", out);
	put_percent(out, ratio(t->score_sum, t->scored), 0);
	fputs(", retention ", out);
	put_percent(out, ratio((double)t->recalled, t->reviews), 0);
	fprintf(out, ".\nDue now: %zu; due today: %zu.", t->due_now,
		t->due_today);
	if (t->changed)
		fprintf(out, " Changed since your last answer: %zu.",
			t->changed);
	fprintf(out, "\nStreak: %zu day%s. Time spent: ", r->streak,
		r->streak == 1 ? "" : "s");
	put_duration(out, r->seconds);
	fputs(".\nMastery ", out);
	put_bar(out, t->mastery);
	putc(' ', out);
	put_percent(out, t->mastery, 0);
	putc('\n', out);
	stats_table(out, "chapter", r->chapters, r->n_chapters);
	stats_table(out, "tag", r->tags, r->n_tags);
	if (r->n_missed)
		fputs("\nKey points missed most often:\n", out);
	for (size_t i = 0; i < r->n_missed && i < STATS_MISSED_MAX; i++) {
		const struct progress_missed *m = &r->missed[i];
		fprintf(out, "  %s: missed '%s' in %zu of %zu answer%s\n",
			m->q->id, m->term, m->count, m->graded,
			m->graded == 1 ? "" : "s");
	}
}

static void set_ratio(struct json *o, const char *key, double x)
{
	if (isnan(x))
		json_set_str(o, key, NULL);
	else
		json_set_num(o, key, x);
}

static void stats_json_fields(struct json *o, const struct progress_stats *s)
{
	json_set_int(o, "questions", (long long)s->questions);
	json_set_int(o, "answered", (long long)s->answered);
	json_set_int(o, "answers", (long long)s->answers);
	set_ratio(o, "mean_score", ratio(s->score_sum, s->scored));
	set_ratio(o, "retention", ratio((double)s->recalled, s->reviews));
	json_set_int(o, "due_now", (long long)s->due_now);
	json_set_int(o, "due_today", (long long)s->due_today);
	json_set_int(o, "changed", (long long)s->changed);
	json_set_num(o, "mastery", s->mastery);
	json_set_num(o, "seconds", s->seconds);
}

static void stats_json(FILE *out, const struct progress_report *r,
	const struct quiz_bank *bank)
{
	struct json *root = json_new_object();
	stats_json_fields(root, &r->total);
	json_set_int(root, "streak_days", (long long)r->streak);
	struct json *ch = json_set_array(root, "chapters");
	for (size_t i = 0; i < r->n_chapters; i++) {
		struct json *o = json_push_object(ch);
		json_set_str(o, "chapter", r->chapters[i].name);
		json_set_str(o, "title",
			bank_chapter_title(bank, r->chapters[i].name));
		stats_json_fields(o, &r->chapters[i]);
	}
	struct json *tags = json_set_array(root, "tags");
	for (size_t i = 0; i < r->n_tags; i++) {
		struct json *o = json_push_object(tags);
		json_set_str(o, "tag", r->tags[i].name);
		stats_json_fields(o, &r->tags[i]);
	}
	struct json *missed = json_set_array(root, "missed");
	for (size_t i = 0; i < r->n_missed && i < STATS_MISSED_MAX; i++) {
		struct json *o = json_push_object(missed);
		json_set_str(o, "id", r->missed[i].q->id);
		json_set_str(o, "term", r->missed[i].term);
		json_set_int(o, "missed", (long long)r->missed[i].count);
		json_set_int(o, "answers", (long long)r->missed[i].graded);
	}
	json_print(out, root, true);
	json_free(root);
}

static void csv_num(char *s, size_t n, double x)
{
	if (isnan(x))
		s[0] = '\0';
	else
		snprintf(s, n, "%.3f", x);
}

static void stats_csv_row(
	FILE *out, const char *group, const struct progress_stats *s)
{
	char v[10][32];
	snprintf(v[0], sizeof v[0], "%zu", s->questions);
	snprintf(v[1], sizeof v[1], "%zu", s->answered);
	snprintf(v[2], sizeof v[2], "%zu", s->answers);
	csv_num(v[3], sizeof v[3], ratio(s->score_sum, s->scored));
	csv_num(v[4], sizeof v[4], ratio((double)s->recalled, s->reviews));
	snprintf(v[5], sizeof v[5], "%zu", s->due_now);
	snprintf(v[6], sizeof v[6], "%zu", s->due_today);
	snprintf(v[7], sizeof v[7], "%zu", s->changed);
	csv_num(v[8], sizeof v[8], s->mastery);
	snprintf(v[9], sizeof v[9], "%.1f", s->seconds);
	const char *fields[] = {group, s->name, v[0], v[1], v[2], v[3], v[4],
		v[5], v[6], v[7], v[8], v[9]};
	csvio_write_record(
		out, fields, sizeof fields / sizeof fields[0], false);
}

static void stats_csv(FILE *out, const struct progress_report *r)
{
	static const char *const head[] = {"group", "name", "questions",
		"answered", "answers", "mean_score", "retention", "due_now",
		"due_today", "changed", "mastery", "seconds"};
	csvio_write_record(out, head, sizeof head / sizeof head[0], false);
	stats_csv_row(out, "total", &r->total);
	for (size_t i = 0; i < r->n_chapters; i++)
		stats_csv_row(out, "chapter", &r->chapters[i]);
	for (size_t i = 0; i < r->n_tags; i++)
		stats_csv_row(out, "tag", &r->tags[i]);
}

int cmd_stats(struct cli *cli)
{
	struct progress prog;
	size_t *idx = NULL;
	size_t n = 0;
	if (!load(cli, &prog, &idx, &n))
		return QUIZ_EXIT_ERROR;
	struct progress_report r;
	progress_report(&prog, idx, n, time(NULL), &r);
	if (cli->format == FORMAT_JSON)
		stats_json(stdout, &r, &cli->bank);
	else if (cli->format == FORMAT_CSV)
		stats_csv(stdout, &r);
	else
		stats_text(stdout, &r);
	progress_report_free(&r);
	progress_free(&prog);
	free(idx);
	return QUIZ_EXIT_OK;
}

/* ---- history ---------------------------------------------------------- */

struct history_out {
	struct cli *cli;
	bool filtered; /* filters given: only rows of matching questions */
	time_t since; /* rows before it are left out; 0: none */
	enum output_format format;
	struct json *arr; /* FORMAT_JSON */
	bool header_done; /* FORMAT_CSV: written with the first row, so that
			   * an unreadable history writes nothing */
	bool write_error;
};

static void history_header(struct history_out *h)
{
	if (h->format != FORMAT_CSV || h->header_done)
		return;
	char *header = history_format_header();
	fputs(header, stdout);
	free(header);
	h->header_done = true;
}

static void push_term(void *ctx, const char *term, size_t len)
{
	char *t = xstrndup(term, len);
	json_push_str(ctx, t);
	free(t);
}

static void entry_json(struct json *o, const struct history_entry *e)
{
	char *row = history_format(e);
	/* The time exactly as the CSV has it: the first field. */
	row[strcspn(row, ",")] = '\0';
	json_set_str(o, "time", row);
	free(row);
	json_set_str(o, "id", e->id);
	if (isnan(e->score)) {
		json_set_str(o, "score", NULL);
		json_set_str(o, "verdict", NULL);
	} else {
		json_set_num(o, "score", e->score);
		json_set_str(o, "verdict", grade_verdict_name(e->verdict));
	}
	json_set_str(o, "rating", grade_rating_name(e->rating));
	json_set_int(o, "hints", (long long)e->hints);
	json_set_num(o, "seconds", e->seconds);
	json_set_str(o, "mode", e->mode);
	json_set_str(o, "hash", e->hash && e->hash[0] ? e->hash : NULL);
	json_set_str(o, "bank", e->bank && e->bank[0] ? e->bank : NULL);
	history_missed_each(e->missed, push_term, json_set_array(o, "missed"));
}

static bool on_history_row(void *ctx, const struct history_entry *e)
{
	struct history_out *h = ctx;
	if (h->since && e->time < h->since)
		return true;
	if (h->filtered) {
		const struct quiz_question *q = bank_find(&h->cli->bank, e->id);
		if (!q || !filter_match(&h->cli->filter, q))
			return true;
	}
	if (h->format == FORMAT_CSV) {
		history_header(h);
		char *row = history_format(e);
		fputs(row, stdout);
		free(row);
	} else if (h->format == FORMAT_NDJSON) {
		struct json *o = json_new_object();
		entry_json(o, e);
		h->write_error |= !json_print(stdout, o, false);
		json_free(o);
	} else {
		entry_json(json_push_object(h->arr), e);
	}
	/* A reader that went away ends the listing. */
	return !ferror(stdout) && !h->write_error;
}

int cmd_history(struct cli *cli)
{
	const struct quiz_filter *f = &cli->filter;
	struct history_out h = {
		.cli = cli,
		.filtered =
			f->n_chapters || f->n_tags || f->n_langs || f->kinds,
		.since = cli->since ? progress_day_start(cli->since_day) : 0,
		.format = cli->format,
	};
	if (h.filtered && !cli_load_bank(cli))
		return QUIZ_EXIT_ERROR;
	char *path = history_path();
	if (!path) {
		quiz_warn("no history: set HOME or XDG_DATA_HOME");
		return QUIZ_EXIT_ERROR;
	}
	if (h.format == FORMAT_JSON)
		h.arr = json_new_array();
	size_t bad = 0;
	bool ok = history_read(path, on_history_row, &h, &bad);
	if (bad > 0)
		quiz_warn("%s: skipped %zu damaged row%s", path, bad,
			bad == 1 ? "" : "s");
	if (ok)
		history_header(&h);
	if (h.arr) {
		if (ok)
			json_print(stdout, h.arr, true);
		json_free(h.arr);
	}
	free(path);
	return ok ? QUIZ_EXIT_OK : QUIZ_EXIT_ERROR;
}

/* ---- plan ------------------------------------------------------------- */

static void plan_text(
	FILE *out, const struct cli *cli, const struct progress_plan *plan)
{
	fprintf(out, "Interview on %s: %ld day%s to prepare, today included.\n",
		cli->by, plan->days, plan->days == 1 ? "" : "s");
	fprintf(out,
		"Selected: %zu questions; new: %zu; answered and due again "
		"before then: %zu.\n",
		plan->selected, plan->fresh, plan->weak);
	if (plan->per_day == 0) {
		fputs("Nothing to do before then: every question is answered "
		      "and not due again in time.\n",
			out);
		return;
	}
	fprintf(out, "Pace: %zu question%s a day.\n\nToday:\n", plan->per_day,
		plan->per_day == 1 ? "" : "s");
	for (size_t i = 0; i < plan->n_today; i++) {
		const struct quiz_question *q =
			&cli->bank.questions[plan->today[i]];
		fprintf(out, "  %s\n", q->id);
	}
}

static void plan_json(
	FILE *out, const struct cli *cli, const struct progress_plan *plan)
{
	struct json *root = json_new_object();
	json_set_str(root, "by", cli->by);
	json_set_int(root, "days", plan->days);
	json_set_int(root, "selected", (long long)plan->selected);
	json_set_int(root, "new", (long long)plan->fresh);
	json_set_int(root, "due", (long long)plan->weak);
	json_set_int(root, "per_day", (long long)plan->per_day);
	struct json *today = json_set_array(root, "today");
	for (size_t i = 0; i < plan->n_today; i++)
		json_push_str(today, cli->bank.questions[plan->today[i]].id);
	json_print(out, root, true);
	json_free(root);
}

int cmd_plan(struct cli *cli)
{
	if (!cli->by)
		return cli_usage_error("plan needs --by DATE (YYYY-MM-DD), "
				       "the day of the interview");
	long today = progress_local_day(time(NULL));
	if (cli->by_day < today)
		return cli_usage_error(
			"--by %s is in the past: plan for a day to come",
			cli->by);
	struct progress prog;
	size_t *idx = NULL;
	size_t n = 0;
	if (!load(cli, &prog, &idx, &n))
		return QUIZ_EXIT_ERROR;
	struct progress_plan plan;
	progress_plan(&prog, idx, n, time(NULL), cli->by_day, &plan);
	if (cli->format == FORMAT_JSON) {
		plan_json(stdout, cli, &plan);
	} else if (cli->format == FORMAT_IDS) {
		for (size_t i = 0; i < plan.n_today; i++)
			printf("%s\n", cli->bank.questions[plan.today[i]].id);
	} else {
		plan_text(stdout, cli, &plan);
	}
	progress_plan_free(&plan);
	progress_free(&prog);
	free(idx);
	return QUIZ_EXIT_OK;
}
