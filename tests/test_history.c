/* test_history: history rows, locking under concurrent appends, tolerant
 * reading, and the weakness order that drills use. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "history.h"
#include "tunables.h"
#include "util.h"

static char tmpdir[] = "/tmp/quiz-test-history-XXXXXX";
static const char *data_dir; /* tests/data/history */

static char *tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static struct history_entry entry(const char *id, double score)
{
	struct history_entry e = {
		.time = 1795000000, /* 2026-11-18T11:06:40Z */
		.id = id,
		.score = score,
		.verdict = GRADE_PARTIAL,
		.rating = RATING_GOOD,
		.hints = 1,
		.seconds = 12.25,
		.mode = "ask",
	};
	return e;
}

struct collected {
	struct history_entry rows[64];
	char ids[64][64];
	char modes[64][16];
	char hashes[64][20];
	char banks[64][32];
	char missed[64][128];
	size_t n;
};

static bool collect(void *ctx, const struct history_entry *e)
{
	struct collected *c = ctx;
	if (c->n < 64) {
		c->rows[c->n] = *e;
		snprintf(c->ids[c->n], sizeof c->ids[0], "%s", e->id);
		snprintf(c->modes[c->n], sizeof c->modes[0], "%s", e->mode);
		snprintf(c->hashes[c->n], sizeof c->hashes[0], "%s", e->hash);
		snprintf(c->banks[c->n], sizeof c->banks[0], "%s", e->bank);
		snprintf(c->missed[c->n], sizeof c->missed[0], "%s", e->missed);
		c->n++;
	}
	return true;
}

static void test_format(void)
{
	struct history_entry e = entry("aie-8.1-q1", 0.8333);
	char *row = history_format(&e);
	CHECK_STR(row,
		"2026-11-18T11:06:40Z,aie-8.1-q1,0.833,partial,good,1,"
		"12.2,ask,,,\n");
	free(row);
	/* An id that needs quoting stays one field. */
	e.id = "a,\"b\"";
	e.score = 1.5; /* clamped */
	row = history_format(&e);
	CHECK_STR(row,
		"2026-11-18T11:06:40Z,\"a,\"\"b\"\"\",1.000,partial,"
		"good,1,12.2,ask,,,\n");
	free(row);
}

/* Answers to questions without key points have no score or verdict; they
 * read back as NAN and do not move the weakness. */
static void test_unscored_rows(void)
{
	struct history_entry e = entry("b-1", NAN);
	char *row = history_format(&e);
	CHECK_STR(row, "2026-11-18T11:06:40Z,b-1,,,good,1,12.2,ask,,,\n");
	free(row);
	char *path = tmp_path("unscored.csv");
	CHECK(history_append(path, &e));
	e = entry("b-1", 0.25);
	CHECK(history_append(path, &e));
	struct collected c = {.n = 0};
	size_t bad = 0;
	CHECK(history_read(path, collect, &c, &bad));
	CHECK_INT(bad, 0);
	CHECK_INT(c.n, 2);
	CHECK(isnan(c.rows[0].score));
	CHECK_NEAR(c.rows[1].score, 0.25, 1e-9);
	const char *json =
		"{\"questions\":[{\"id\":\"b-1\",\"question\":\"?\"}]}";
	struct quiz_bank bank;
	bank_init(&bank);
	CHECK(bank_load_text(&bank, "t.json", json, strlen(json), NULL));
	double weak[1];
	CHECK_INT(history_weakness(path, &bank, weak), 1);
	CHECK_NEAR(weak[0], 0.25, 1e-9);
	bank_free(&bank);
	free(path);
}

static void test_append_and_read(void)
{
	char *path = tmp_path("deep/er/history.csv");
	struct history_entry e = entry("q1", 0.5);
	CHECK(history_append(path, &e));
	e.id = "q,2";
	e.mode = "drill";
	e.rating = RATING_AGAIN;
	e.verdict = GRADE_INCORRECT;
	e.hints = 0;
	CHECK(history_append(path, &e));
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	struct buf text;
	buf_init(&text);
	CHECK(read_file(path, &text));
	CHECK(str_starts(text.data,
		"time,id,score,verdict,rating,hints,seconds,mode,hash,"
		"bank,missed\n"));
	buf_free(&text);

	struct collected c = {.n = 0};
	size_t bad = 99;
	CHECK(history_read(path, collect, &c, &bad));
	CHECK_INT(bad, 0);
	CHECK_INT(c.n, 2);
	CHECK_STR(c.ids[0], "q1");
	CHECK_STR(c.ids[1], "q,2");
	CHECK_STR(c.modes[1], "drill");
	CHECK_INT(c.rows[0].time, 1795000000);
	CHECK_NEAR(c.rows[0].score, 0.5, 1e-9);
	CHECK_NEAR(c.rows[0].seconds, 12.2, 0.051);
	CHECK_INT(c.rows[0].hints, 1);
	CHECK_INT(c.rows[0].rating, RATING_GOOD);
	CHECK_INT(c.rows[1].rating, RATING_AGAIN);
	CHECK_INT(c.rows[1].verdict, GRADE_INCORRECT);
	free(path);
}

static void test_missing_file_is_empty(void)
{
	char *path = tmp_path("none/history.csv");
	struct collected c = {.n = 0};
	CHECK(history_read(path, collect, &c, NULL));
	CHECK_INT(c.n, 0);
	free(path);
}

static void test_unwritable_is_a_warning(void)
{
	/* A directory where the file should be. */
	char *path = tmp_path("isdir");
	CHECK(mkdir(path, 0700) == 0);
	struct history_entry e = entry("q1", 0.5);
	CHECK(!history_append(path, &e));
	free(path);
}

/* Regression: a history whose last row had no newline (a crash, a hand
 * edit) got the next row glued to it, and both were skipped on reading. */
static void test_missing_final_newline_loses_rows(void)
{
	char *path = tmp_path("no-final-newline.csv");
	FILE *f = fopen(path, "w");
	fputs("time,id,score,verdict,rating,hints,seconds,mode\n"
	      "2026-11-18T11:06:40Z,a,1.000,correct,easy,0,1.0,ask",
		f);
	fclose(f);
	struct history_entry e = entry("b", 0.5);
	CHECK(history_append(path, &e));
	struct collected c = {.n = 0};
	size_t bad = 0;
	CHECK(history_read(path, collect, &c, &bad));
	CHECK_INT(c.n, 2);
	CHECK_STR(c.ids[0], "a");
	CHECK_STR(c.ids[1], "b");
	CHECK_INT(bad, 0);
	free(path);
}

/* Regression: a FIFO as the history file hung quiz for ever, on reading
 * and on appending. Only regular files are opened. */
static void test_fifo_history_hangs(void)
{
	char *path = tmp_path("fifo.csv");
	CHECK(mkfifo(path, 0600) == 0);
	struct history_entry e = entry("q1", 0.5);
	CHECK(!history_append(path, &e));
	struct collected c = {.n = 0};
	CHECK(!history_read(path, collect, &c, NULL));
	CHECK_INT(c.n, 0);
	free(path);
}

/* A self-grade that differs from the suggestion follows its answer as a
 * "rating" row; reading folds it in, so each answer is one entry. An
 * amendment cut off from its answer by another row is dropped. */
static void test_rating_amends_answer(void)
{
	char *path = tmp_path("amended.csv");
	struct history_entry a = entry("a", 0.8);
	a.rating = RATING_EASY;
	CHECK(history_append(path, &a));
	struct history_entry fix = a;
	fix.rating = RATING_HARD;
	fix.mode = HISTORY_MODE_RATING;
	CHECK(history_append(path, &fix));
	struct history_entry b = entry("b", 0.4);
	CHECK(history_append(path, &b));
	struct history_entry stray = entry("a", 0.8);
	stray.mode = HISTORY_MODE_RATING;
	CHECK(history_append(path, &stray));
	struct collected c = {.n = 0};
	size_t bad = 0;
	CHECK(history_read(path, collect, &c, &bad));
	CHECK_INT(c.n, 2);
	CHECK_STR(c.ids[0], "a");
	CHECK_INT(c.rows[0].rating, RATING_HARD);
	CHECK_STR(c.modes[0], "ask");
	CHECK_STR(c.ids[1], "b");
	CHECK_INT(bad, 0);
	free(path);
}

static void test_bad_rows_skipped(void)
{
	char *path = tmp_path("damaged.csv");
	FILE *f = fopen(path, "w");
	fputs("time,id,score,verdict,rating,hints,seconds,mode\n"
	      "2026-11-18T11:06:40Z,a,0.100,partial,good,0,1.0,ask\n"
	      "2026-11-18T11:06:40Z,\"unterminated,0.1,partial,good,0,1,ask\n"
	      "2026-11-18T11:06:40Z,x\"y,0.1,partial,good,0,1,ask\n"
	      "too,few\n"
	      "2026-11-18T11:06:40Z,b,2.5,partial,good,0,1.0,ask\n"
	      "2026-11-18T11:06:40Z,b,0.5,maybe,good,0,1.0,ask\n"
	      "2026-11-18T11:06:40Z,b,0.5,partial,great,0,1.0,ask\n"
	      "2026-11-18T11:06:40Z,b,,partial,good,0,1.0,ask\n"
	      "yesterday,b,0.5,partial,good,0,1.0,ask\n"
	      "\n"
	      "2026-11-18T11:06:40Z,c,0.900,correct,easy,0,2.0,drill\r\n"
	      "2026-11-18T11:06:40Z,d,0.4",
		f);
	fclose(f);
	struct collected c = {.n = 0};
	size_t bad = 0;
	CHECK(history_read(path, collect, &c, &bad));
	CHECK_INT(c.n, 2);
	CHECK_STR(c.ids[0], "a");
	CHECK_STR(c.ids[1], "c");
	CHECK_INT(bad, 9);
	free(path);
}

/* Several processes append at once: every row arrives whole, exactly one
 * header is written. */
static void test_concurrent_appends(void)
{
	enum { PROCS = 8, ROWS = 150 };
	char *path = tmp_path("concurrent/history.csv");
	pid_t pids[PROCS];
	for (int i = 0; i < PROCS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			char id[64];
			/* Long ids make torn rows likelier if locking broke. */
			snprintf(id, sizeof id, "proc-%d-%040d", i, 0);
			struct history_entry e = entry(id, 0.25);
			bool ok = true;
			for (int k = 0; k < ROWS; k++)
				ok = history_append(path, &e) && ok;
			/* The child's copy: memcheck counts it lost at _exit.
			 */
			free(path);
			_exit(ok ? 0 : 1);
		}
	}
	for (int i = 0; i < PROCS; i++) {
		int status = -1;
		waitpid(pids[i], &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	struct buf text;
	buf_init(&text);
	CHECK(read_file(path, &text));
	size_t lines = 0;
	size_t headers = 0;
	for (char *l = text.data; l && *l;) {
		char *nl = strchr(l, '\n');
		CHECK(nl != NULL);
		if (!nl)
			break;
		lines++;
		headers += str_starts(l, "time,id,");
		if (!str_starts(l, "time,id,"))
			CHECK(nl - l ==
				(long)strlen(
					"2026-11-18T11:06:40Z,"
					"proc-0-"
					"000000000000000000000000000000000"
					"0000000,"
					"0.250,partial,good,1,12.2,ask,,,"));
		l = nl + 1;
	}
	CHECK_INT(headers, 1);
	CHECK_INT(lines, PROCS * ROWS + 1);
	buf_free(&text);
	free(path);
}

static void test_weakness(void)
{
	const char *json =
		"{\"questions\":["
		"{\"id\":\"q1\",\"question\":\"?\",\"answer\":\"a\"},"
		"{\"id\":\"q2\",\"question\":\"?\",\"answer\":\"a\"},"
		"{\"id\":\"q3\",\"question\":\"?\",\"answer\":\"a\"}]}";
	struct quiz_bank bank;
	bank_init(&bank);
	CHECK(bank_load_text(&bank, "t.json", json, strlen(json), NULL));
	char *path = tmp_path("weak.csv");
	const double q2[] = {0.0, 0.0, 0.9, 0.6, 0.3};
	for (size_t i = 0; i < sizeof q2 / sizeof q2[0]; i++) {
		struct history_entry e = entry("q2", q2[i]);
		CHECK(history_append(path, &e));
	}
	struct history_entry e = entry("q1", 0.2);
	CHECK(history_append(path, &e));
	e = entry("gone", 0.0); /* not in the bank: ignored */
	CHECK(history_append(path, &e));
	double weak[3];
	CHECK_INT(history_weakness(path, &bank, weak), 2);
	CHECK_NEAR(weak[0], 0.2, 1e-9);
	/* Only the last HISTORY_RECENT scores count. */
	double sum = 0;
	for (size_t i = 5 - HISTORY_RECENT; i < 5; i++)
		sum += q2[i];
	CHECK_NEAR(weak[1], sum / HISTORY_RECENT, 1e-9);
	CHECK_NEAR(weak[2], HISTORY_UNSEEN_WEAKNESS, 1e-9);
	/* No history at all: everyone is unseen. */
	char *none = tmp_path("no-such.csv");
	CHECK_INT(history_weakness(none, &bank, weak), 0);
	CHECK_NEAR(weak[0], HISTORY_UNSEEN_WEAKNESS, 1e-9);
	free(none);
	free(path);
	bank_free(&bank);
}

/* The first version's files (eight columns, tests/data/history/v1.csv as
 * that version wrote it) still read: rows without hash, bank or missed
 * points, the self-grade amendment folded in. */
static void test_old_format_reads(void)
{
	char *path = xasprintf("%s/v1.csv", data_dir);
	struct collected c = {.n = 0};
	size_t bad = 99;
	CHECK(history_read(path, collect, &c, &bad));
	CHECK_INT(bad, 0);
	CHECK_INT(c.n, 4);
	CHECK_STR(c.ids[0], "mlsd-1.2-q1");
	CHECK_STR(c.ids[1], "aie-8.1-q1");
	CHECK_INT(c.rows[1].rating, RATING_HARD);
	CHECK_STR(c.modes[2], "drill");
	CHECK(isnan(c.rows[3].score));
	CHECK_STR(c.hashes[0], "");
	CHECK_STR(c.banks[2], "");
	CHECK_STR(c.missed[1], "");
	free(path);
}

/* Appending to a first-version file never rewrites it: its bytes stay,
 * and the new row has its eight columns, so the file stays one table. */
static void test_old_format_append_keeps_columns(void)
{
	char *src = xasprintf("%s/v1.csv", data_dir);
	struct buf old;
	buf_init(&old);
	CHECK(read_file(src, &old));
	char *path = tmp_path("v1-append.csv");
	FILE *f = fopen(path, "w");
	fwrite(old.data, 1, old.len, f);
	fclose(f);
	struct history_entry e = entry("new-1", 0.5);
	e.hash = "0123456789abcdef";
	e.bank = "b.json";
	e.missed = "x; y";
	CHECK(history_append(path, &e));
	struct buf now;
	buf_init(&now);
	CHECK(read_file(path, &now));
	CHECK(now.len > old.len && memcmp(now.data, old.data, old.len) == 0);
	CHECK_STR(now.data + old.len,
		"2026-11-18T11:06:40Z,new-1,0.500,partial,good,1,12.2,ask\n");
	struct collected c = {.n = 0};
	size_t bad = 99;
	CHECK(history_read(path, collect, &c, &bad));
	CHECK_INT(bad, 0);
	CHECK_INT(c.n, 5);
	CHECK_STR(c.ids[4], "new-1");
	buf_free(&now);
	buf_free(&old);
	free(path);
	free(src);
}

/* hash, bank and missed are written and read back, quoted as needed. */
static void test_new_columns_round_trip(void)
{
	char *path = tmp_path("v2.csv");
	struct history_entry e = entry("q1", 0.5);
	e.hash = "00ff00ff00ff00ff";
	e.bank = "my, \"bank\".json";
	e.missed = "KV cache; p99 latency";
	CHECK(history_append(path, &e));
	struct collected c = {.n = 0};
	size_t bad = 99;
	CHECK(history_read(path, collect, &c, &bad));
	CHECK_INT(bad, 0);
	CHECK_INT(c.n, 1);
	CHECK_STR(c.hashes[0], "00ff00ff00ff00ff");
	CHECK_STR(c.banks[0], "my, \"bank\".json");
	CHECK_STR(c.missed[0], "KV cache; p99 latency");
	free(path);
}

static void load_bank(struct quiz_bank *bank, const char *json)
{
	bank_init(bank);
	CHECK(bank_load_text(bank, "dir/t.json", json, strlen(json), NULL));
}

/* The hash follows the question, model answer and key points, and
 * nothing else (tags, chapter). */
static void test_hash(void)
{
	struct quiz_bank a;
	struct quiz_bank b;
	load_bank(&a,
		"{\"questions\":[{\"id\":\"q\",\"question\":\"Why?\","
		"\"answer\":\"Because.\",\"keywords\":[\"because\"]},"
		"{\"id\":\"r\",\"question\":\"Why?\",\"answer\":"
		"\"Because.\",\"keywords\":[\"because\"],\"tags\":[\"t\"],"
		"\"chapter\":\"c-1\"},"
		"{\"id\":\"s\",\"question\":\"Why?\",\"answer\":"
		"\"Because!\",\"keywords\":[\"because\"]},"
		"{\"id\":\"t\",\"question\":\"Why?\",\"answer\":"
		"\"Because.\",\"keywords\":[{\"term\":\"because\","
		"\"required\":true}]}]}");
	load_bank(&b, "{\"questions\":[]}");
	char h[4][HISTORY_HASH_LEN + 1];
	for (size_t i = 0; i < 4; i++)
		history_hash(&a.questions[i], h[i]);
	CHECK_INT(strlen(h[0]), HISTORY_HASH_LEN);
	CHECK_INT(strspn(h[0], "0123456789abcdef"), HISTORY_HASH_LEN);
	CHECK_STR(h[0], h[1]);
	CHECK(strcmp(h[0], h[2]) != 0);
	CHECK(strcmp(h[0], h[3]) != 0);
	bank_free(&a);
	bank_free(&b);
}

/* history_record_answer writes the hash, the bank's file name and the
 * missed key points, whole terms within HISTORY_MISSED_MAX bytes. */
static void test_record_answer(void)
{
	char *data = tmp_path("answer-xdg");
	setenv("XDG_DATA_HOME", data, 1);
	struct quiz_bank bank;
	load_bank(&bank,
		"{\"questions\":[{\"id\":\"q\",\"question\":\"Why?\","
		"\"answer\":\"a b c\",\"keywords\":[\"a\",\"b\",\"c\"]}]}");
	char long_term[HISTORY_MISSED_MAX];
	memset(long_term, 'z', sizeof long_term - 1);
	long_term[sizeof long_term - 1] = '\0';
	struct grade_point points[] = {
		{.term = "alpha", .matched = false},
		{.term = "beta", .matched = true},
		{.term = "gamma", .matched = false},
		{.term = long_term, .matched = false},
	};
	struct grade_result r = {.points = points, .n_points = 4};
	struct history_entry e = entry("q", 0.3);
	CHECK(history_record_answer(&e, &bank.questions[0], &r));
	CHECK(e.hash == NULL && e.missed == NULL);
	char *path = history_path();
	struct collected c = {.n = 0};
	CHECK(history_read(path, collect, &c, NULL));
	CHECK_INT(c.n, 1);
	char h[HISTORY_HASH_LEN + 1];
	history_hash(&bank.questions[0], h);
	CHECK_STR(c.hashes[0], h);
	CHECK_STR(c.banks[0], "t.json");
	CHECK_STR(c.missed[0], "alpha; gamma");
	free(path);
	bank_free(&bank);
	free(data);
}

static void test_record_uses_xdg(void)
{
	char *data = tmp_path("xdg");
	setenv("XDG_DATA_HOME", data, 1);
	char *path = history_path();
	char *want = xasprintf("%s/quiz/history.csv", data);
	CHECK_STR(path, want);
	struct history_entry e = entry("q9", 1.0);
	CHECK(history_record(&e));
	struct collected c = {.n = 0};
	CHECK(history_read(path, collect, &c, NULL));
	CHECK_INT(c.n, 1);
	/* Relative XDG_DATA_HOME is ignored, as the spec says. */
	setenv("XDG_DATA_HOME", "relative", 1);
	setenv("HOME", "/home/someone", 1);
	char *home = history_path();
	CHECK_STR(home, "/home/someone/.local/share/quiz/history.csv");
	free(home);
	free(want);
	free(path);
	free(data);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_history DATA_DIR\n");
		return 2;
	}
	data_dir = argv[1];
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_format);
	RUN(test_append_and_read);
	RUN(test_unscored_rows);
	RUN(test_missing_file_is_empty);
	RUN(test_unwritable_is_a_warning);
	RUN(test_bad_rows_skipped);
	RUN(test_missing_final_newline_loses_rows);
	RUN(test_fifo_history_hangs);
	RUN(test_rating_amends_answer);
	RUN(test_concurrent_appends);
	RUN(test_weakness);
	RUN(test_old_format_reads);
	RUN(test_old_format_append_keeps_columns);
	RUN(test_new_columns_round_trip);
	RUN(test_hash);
	RUN(test_record_answer);
	RUN(test_record_uses_xdg);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return check_done();
}
