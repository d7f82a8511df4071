/* test_session: the session loop over FILE * pairs, compared with golden
 * transcripts in tests/data/session (CASE.in is typed, CASE.out is what
 * the user sees, CASE.md the Markdown report). Run with
 * QUIZ_UPDATE_GOLDEN=1 to rewrite the golden files after an intended
 * change, then read the diff. Also checks that piped and interactive
 * answers score the same and that graded answers reach the history. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "grade.h"
#include "history.h"
#include "prompt.h"
#include "report.h"
#include "session.h"
#include "tunables.h"
#include "util.h"

static const char *data_dir;
static struct quiz_bank bank;
static struct grade_ctx grader;
static bool update;

/* A clock that moves a fixed step each time it is read, so durations and
 * deadlines are deterministic. */
struct fake_clock {
	double t;
	double step;
};

static double fake_now(void *ctx)
{
	struct fake_clock *c = ctx;
	c->t += c->step;
	return c->t;
}

struct tcase {
	const char *name;
	enum session_mode mode;
	bool interactive;
	enum output_format format;
	bool quiet;
	double time_limit;
	double total_limit;
	int width;
	const char *ids[4];
	bool markdown;
	int status;
	bool color;
};

static const struct tcase cases[] = {
	/* Piped: the model answer over two lines, a partial one, a skip. */
	{"ask-piped", SESSION_ASK, false, FORMAT_TEXT, false, 0, 0, 72,
		{"t-1-q1", "t-1-q2", "t-2-q1"}, false, QUIZ_EXIT_OK, false},
	/* Prompts, a stray Enter, :hint, self-grades typed and taken, :show. */
	{"ask-interactive", SESSION_ASK, true, FORMAT_TEXT, false, 0, 0, 72,
		{"t-1-q1", "t-1-q2", "t-2-q1"}, false, QUIZ_EXIT_OK, false},
	/* :quit keeps what was answered. */
	{"ask-quit", SESSION_ASK, true, FORMAT_TEXT, false, 0, 0, 72,
		{"t-1-q2", "t-1-q1", "t-2-q1"}, false, QUIZ_EXIT_OK, false},
	/* Fewer answers than questions: the rest are not answered. */
	{"ask-eof", SESSION_ASK, false, FORMAT_TEXT, false, 0, 0, 72,
		{"t-1-q1", "t-1-q2", "t-2-q1"}, false, QUIZ_EXIT_OK, false},
	/* Chinese text wraps by columns at a narrow width. */
	{"ask-cjk-narrow", SESSION_ASK, false, FORMAT_TEXT, false, 0, 0, 30,
		{"t-2-q1"}, false, QUIZ_EXIT_OK, false},
	{"ask-ndjson", SESSION_ASK, false, FORMAT_NDJSON, true, 0, 0, 72,
		{"t-1-q1", "t-1-q2", "t-2-q1"}, false, QUIZ_EXIT_OK, false},
	/* Per-question limit: the second answer runs out of time; no hints. */
	{"drill-time", SESSION_DRILL, true, FORMAT_TEXT, false, 6, 0, 72,
		{"t-1-q1", "t-1-q2"}, true, QUIZ_EXIT_OK, false},
	/* The session budget ends the drill before the last question. */
	{"drill-total", SESSION_DRILL, false, FORMAT_TEXT, false, 0, 12, 72,
		{"t-1-q1", "t-1-q2", "t-2-q1"}, false, QUIZ_EXIT_OK, false},
	/* Highlighted matches survive wrapping; an overlong word is cut. */
	{"ask-color-narrow", SESSION_ASK, false, FORMAT_TEXT, false, 0, 0, 30,
		{"t-1-q1"}, false, QUIZ_EXIT_OK, true},
	/* A wrong claim: the Careful line, as quiz grade prints it. */
	{"ask-wrong-claim", SESSION_ASK, false, FORMAT_TEXT, false, 0, 0, 72,
		{"t-1-q2"}, false, QUIZ_EXIT_OK, false},
	{"drill-json", SESSION_DRILL, false, FORMAT_JSON, true, 60, 0, 72,
		{"t-1-q1", "t-1-q2"}, false, QUIZ_EXIT_OK, false},
};

static char *data_path(const char *name, const char *ext)
{
	return xasprintf("%s/%s%s", data_dir, name, ext);
}

static void compare_golden(const char *name, const char *ext, const char *got)
{
	char *path = data_path(name, ext);
	if (update) {
		FILE *f = fopen(path, "w");
		CHECK(f != NULL);
		if (f) {
			fputs(got, f);
			fclose(f);
		}
		free(path);
		return;
	}
	struct buf want;
	buf_init(&want);
	CHECK(read_file(path, &want));
	if (want.data && strcmp(want.data, got) != 0) {
		fprintf(stderr, "%s differs; got:\n%s\n", path, got);
		CHECK(false);
	}
	buf_free(&want);
	free(path);
}

static size_t pick(const struct tcase *c, const struct quiz_question **qs)
{
	size_t n = 0;
	for (; n < 4 && c->ids[n]; n++) {
		qs[n] = bank_find(&bank, c->ids[n]);
		CHECK(qs[n] != NULL);
	}
	return n;
}

static void run_case(const struct tcase *c)
{
	char *in_path = data_path(c->name, ".in");
	FILE *in = fopen(in_path, "r");
	CHECK(in != NULL);
	free(in_path);
	if (!in)
		return;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct prompt_config cfg = {
		.terminal = false,
		.interactive = c->interactive,
		.color = c->color,
		.utf8 = true,
		.width = c->width,
	};
	struct prompt p;
	prompt_init(&p, in, out, &cfg);
	struct session_opts o;
	session_opts_init(&o);
	o.mode = c->mode;
	o.format = c->format;
	o.quiet = c->quiet;
	o.data = out;
	o.time_limit = c->time_limit;
	o.total_limit = c->total_limit;
	o.record = false;
	struct fake_clock clk = {1000.0, 1.0};
	o.clock = fake_now;
	o.clock_ctx = &clk;
	const struct quiz_question *qs[4];
	size_t n = pick(c, qs);
	struct session s;
	int status = session_run(&s, &p, &grader, qs, n, &o);
	CHECK_INT(status, c->status);
	prompt_free(&p);
	fclose(out);
	compare_golden(c->name, ".out", text);
	free(text);
	if (c->markdown) {
		char *md = NULL;
		size_t md_len = 0;
		FILE *f = open_memstream(&md, &md_len);
		s.started = 1795000000;
		report_write_markdown(&s, f, &o);
		fclose(f);
		compare_golden(c->name, ".md", md);
		free(md);
	}
	session_free(&s);
	fclose(in);
}

static void test_golden(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int before = check_failures;
		run_case(&cases[i]);
		if (check_failures != before)
			fprintf(stderr, "case %s failed\n", cases[i].name);
	}
}

/* Runs one answer through a session and returns the item's score. */
static double score_of(const char *typed, bool interactive, unsigned *hints)
{
	FILE *in = fmemopen((void *)typed, strlen(typed), "r");
	FILE *out = fopen("/dev/null", "w");
	struct prompt_config cfg = {false, interactive, false, true, 80};
	struct prompt p;
	prompt_init(&p, in, out, &cfg);
	struct session_opts o;
	session_opts_init(&o);
	o.record = false;
	o.data = out;
	const struct quiz_question *q = bank_find(&bank, "t-1-q1");
	struct session s;
	session_run(&s, &p, &grader, &q, 1, &o);
	double score =
		s.items[0].status == ITEM_ANSWERED ? s.items[0].score : -1;
	if (hints)
		*hints = s.items[0].hints;
	session_free(&s);
	prompt_free(&p);
	fclose(in);
	fclose(out);
	return score;
}

static void test_piped_scores_like_interactive(void)
{
	const char *answer =
		"Latency shapes the user experience.\n"
		"Use p99, not the mean latency, which is misleading.\n\n";
	char *typed = xasprintf("%s\n", answer); /* + Enter for self-grade */
	double piped = score_of(answer, false, NULL);
	double inter = score_of(typed, true, NULL);
	CHECK(piped > 0);
	CHECK_NEAR(piped, inter, 1e-12);
	free(typed);
}

static void test_model_answer_scores_high(void)
{
	const struct quiz_question *q = bank_find(&bank, "t-1-q1");
	char *typed = xasprintf("%s\n\n", q->answer);
	/* Split over two lines, as a person would type it. */
	char *dot = strstr(typed, ". ");
	CHECK(dot != NULL);
	if (dot)
		dot[1] = '\n';
	CHECK(score_of(typed, false, NULL) >= 0.9);
	free(typed);
}

static void test_hint_lowers_score(void)
{
	const char *plain = "user experience\n\n";
	const char *hinted = ":hint\nuser experience\n\n";
	unsigned hints = 0;
	double a = score_of(plain, false, NULL);
	double b = score_of(hinted, false, &hints);
	CHECK_INT(hints, 1);
	CHECK_NEAR(b, a - HINT_PENALTY > 0 ? a - HINT_PENALTY : 0, 1e-9);
}

/* Every graded answer reaches history_record; skips do not. */
static void test_history_rows(void)
{
	char dir[] = "/tmp/quiz-test-session-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	setenv("XDG_DATA_HOME", dir, 1);
	const char *typed = "user experience\n\n:skip\nperiodically\n\n";
	FILE *in = fmemopen((void *)typed, strlen(typed), "r");
	FILE *out = fopen("/dev/null", "w");
	struct prompt_config cfg = {false, false, false, true, 80};
	struct prompt p;
	prompt_init(&p, in, out, &cfg);
	struct session_opts o;
	session_opts_init(&o);
	o.mode = SESSION_DRILL;
	o.data = out;
	const struct quiz_question *qs[3] = {
		bank_find(&bank, "t-1-q1"),
		bank_find(&bank, "t-2-q1"),
		bank_find(&bank, "t-1-q2"),
	};
	struct session s;
	session_run(&s, &p, &grader, qs, 3, &o);
	char *path = history_path();
	struct buf text;
	buf_init(&text);
	CHECK(read_file(path, &text));
	size_t rows = 0;
	for (const char *c = text.data; c && *c; c++)
		rows += *c == '\n';
	CHECK_INT(rows, 3); /* header + two graded answers */
	CHECK(text.data && strstr(text.data, ",t-1-q1,") != NULL);
	CHECK(text.data && strstr(text.data, ",t-2-q1,") == NULL);
	CHECK(text.data && strstr(text.data, ",drill,") != NULL);
	buf_free(&text);
	free(path);
	session_free(&s);
	prompt_free(&p);
	fclose(in);
	fclose(out);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_session DATA_DIR\n");
		return 2;
	}
	data_dir = argv[1];
	update = getenv("QUIZ_UPDATE_GOLDEN") != NULL;
	/* The history goes nowhere real unless a test sets it. */
	setenv("XDG_DATA_HOME", "/nonexistent-quiz-test", 1);
	char *bank_path = data_path("bank", ".json");
	bank_init(&bank);
	if (!bank_load_path(&bank, bank_path, NULL)) {
		fprintf(stderr, "cannot load %s\n", bank_path);
		return 1;
	}
	free(bank_path);
	grade_ctx_init(&grader, &bank);
	RUN(test_golden);
	RUN(test_piped_scores_like_interactive);
	RUN(test_model_answer_scores_high);
	RUN(test_hint_lowers_score);
	RUN(test_history_rows);
	grade_ctx_free(&grader);
	bank_free(&bank);
	return check_done();
}
