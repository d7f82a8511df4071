/* asag: the grader's agreement with human grades on the ASAG development
 * sets (../shared/benchmarks/asag, see bench/README.md).
 *
 *   asag bank FILE.tsv          bank JSON: one keyword-less question per
 *                               question_id, its reference as the answer
 *   asag answers FILE.tsv       CSV id,answer for `quiz grade --batch`
 *   asag metrics FILE.tsv SCORES.csv
 *                               Pearson r, Spearman rho and ROC-AUC of the
 *                               batch scores against the human scores, next
 *                               to plain content-word overlap on the rows
 *   asag cv FILE.tsv pearson|auc
 *                               question-grouped 5-fold cross-validation
 *                               of the score formula's constants
 *   asag eval FILE.tsv [--dump] the same in process (for quick tuning);
 *                               --dump lists question id, human score,
 *                               quiz score, coverage and answer per row
 *
 * The TSV columns are found by name: question_id, question,
 * reference_answer, student_answer, score. Fields may be quoted CSV-style. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "csvio.h"
#include "grade.h"
#include "json.h"
#include "metrics.h"
#include "tunables.h"
#include "util.h"

enum { COL_QID, COL_QUESTION, COL_REF, COL_ANSWER, COL_SCORE, N_COLS };
static const char *const col_names[N_COLS] = {
	"question_id",
	"question",
	"reference_answer",
	"student_answer",
	"score",
};

struct row {
	char *qid;
	char *question;
	char *ref;
	char *answer;
	double human;
};

struct rows {
	struct row *v;
	size_t n;
	size_t cap;
	size_t col[N_COLS];
	bool header;
};

static bool tsv_record(
	void *arg, long line, char **f, const size_t *lens, size_t n)
{
	struct rows *rs = arg;
	if (!rs->header) {
		if (!metrics_columns(f, n, col_names, N_COLS, rs->col, line))
			return false;
		rs->header = true;
		return true;
	}
	if (!metrics_row_complete(rs->col, N_COLS, n))
		return true;
	xgrow((void **)&rs->v, &rs->cap, rs->n + 1, sizeof(*rs->v));
	struct row *r = &rs->v[rs->n++];
	r->qid = xstrdup(f[rs->col[COL_QID]]);
	r->question = xstrdup(f[rs->col[COL_QUESTION]]);
	r->ref = xstrdup(f[rs->col[COL_REF]]);
	r->answer = xstrdup(f[rs->col[COL_ANSWER]]);
	r->human = atof(f[rs->col[COL_SCORE]]);
	(void)lens;
	return true;
}

static void read_rows(const char *path, struct rows *rs)
{
	memset(rs, 0, sizeof(*rs));
	metrics_read_rows(path, true, tsv_record, rs);
}

static void free_rows(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].qid);
		free(rs->v[i].question);
		free(rs->v[i].ref);
		free(rs->v[i].answer);
	}
	free(rs->v);
}

/* Index of the first row of each question: the bank's order. */
static bool first_of_question(const struct rows *rs, size_t i)
{
	for (size_t j = 0; j < i; j++) {
		if (strcmp(rs->v[j].qid, rs->v[i].qid) == 0)
			return false;
	}
	return true;
}

static void write_bank(const struct rows *rs)
{
	struct json *root = json_new_object();
	struct json *qs = json_set_array(root, "questions");
	for (size_t i = 0; i < rs->n; i++) {
		if (!first_of_question(rs, i))
			continue;
		struct json *q = json_push_object(qs);
		json_set_str(q, "id", rs->v[i].qid);
		json_set_str(q, "question", rs->v[i].question);
		json_set_str(q, "answer", rs->v[i].ref);
	}
	json_print(stdout, root, true);
	json_free(root);
}

static void write_answers(const struct rows *rs)
{
	const char *head[] = {"id", "answer"};
	csvio_write_record(stdout, head, 2, false);
	for (size_t i = 0; i < rs->n; i++) {
		const char *row[] = {rs->v[i].qid, rs->v[i].answer};
		csvio_write_record(stdout, row, 2, false);
	}
}

static void report(const char *what, const double *x, const double *y, size_t n)
{
	printf("%-8s rows %5zu  pearson %.3f  spearman %.3f  auc %.3f\n", what,
		n, metrics_pearson(x, y, n), metrics_spearman(x, y, n),
		metrics_auc(x, y, n));
}

static void report_pair(const struct rows *rs, const double *quiz)
{
	double *hum = xmalloc((rs->n + 1) * sizeof(double));
	double *ov = xmalloc((rs->n + 1) * sizeof(double));
	struct metrics_words rw = {0};
	struct metrics_words aw = {0};
	for (size_t i = 0; i < rs->n; i++) {
		hum[i] = rs->v[i].human;
		ov[i] = metrics_overlap(
			rs->v[i].ref, rs->v[i].answer, &rw, &aw);
	}
	report("quiz", quiz, hum, rs->n);
	report("overlap", ov, hum, rs->n);
	metrics_words_free(&rw);
	metrics_words_free(&aw);
	free(hum);
	free(ov);
}

struct scores {
	double *v;
	size_t n;
	size_t cap;
	size_t col;
	bool header;
};

static bool score_record(
	void *arg, long line, char **f, const size_t *lens, size_t n)
{
	struct scores *s = arg;
	(void)lens;
	if (!s->header) {
		if (!csvio_find_column(f, n, "score", &s->col)) {
			quiz_warn("line %ld: no score column", line);
			return false;
		}
		s->header = true;
		return true;
	}
	xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = s->col < n ? atof(f[s->col]) : 0.0;
	return true;
}

static int metrics(const struct rows *rs, const char *path)
{
	struct scores s = {0};
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 2;
	}
	bool ok = csvio_read(f, path, false, score_record, &s);
	fclose(f);
	if (!ok || s.n != rs->n) {
		quiz_warn("%s: %zu scores for %zu rows", path, s.n, rs->n);
		free(s.v);
		return 2;
	}
	report_pair(rs, s.v);
	free(s.v);
	return 0;
}

/* Grades in process: a bank built like write_bank's. */
/* What the score is computed from, for re-scoring with other constants. */
struct feat {
	double coverage;
	size_t matched;
	size_t points;
	bool missed_required;
	size_t wrong;
	size_t fold;
};

/* The constants of grade.c's score formula that were chosen on these sets
 * (include/tunables.h). */
struct params {
	double gamma;
	double ramp;
	double few_share;
};

/* grade_answer's score formula with other constants (the defaults must
 * give grade_answer's own score: checked in cv). */
static double rescore(const struct feat *f, const struct params *pm)
{
	double c = f->coverage;
	double s = c <= 0.0 ? 0.0 : c >= 1.0 ? 1.0 : pow(c, pm->gamma);
	if (c > 0.0 && c < pm->ramp)
		s *= c / pm->ramp;
	return metrics_caps(s, f->matched, f->points, pm->few_share, 0.0,
		f->missed_required, f->wrong);
}

/* The set's figure of merit: Pearson r (mohler's 0-5 grades) or ROC-AUC
 * (beetle's correct / not). */
static double merit(const double *x, const double *y, size_t n, bool auc)
{
	return auc ? metrics_auc(x, y, n) : metrics_pearson(x, y, n);
}

#define CV_FOLDS 5

/* Question-grouped 5-fold cross-validation of the score formula's
 * constants: for each fold, the grid point best on the other four folds
 * scores the held-out one; the held-out scores are pooled. */
static void cross_validate(const struct rows *rs, const struct feat *ft,
	const double *quiz, bool auc)
{
	static const double gammas[] = {0.3, 0.4, 0.5, 0.6, 0.7, 1.0};
	static const double ramps[] = {0.0, 0.1, 0.2, 0.3, 0.4};
	static const double fews[] = {0.0, 0.15, 0.25, 0.35};
	size_t n = rs->n;
	double *x = xmalloc((n + 1) * sizeof(double));
	double *y = xmalloc((n + 1) * sizeof(double));
	double *held = xmalloc((n + 1) * sizeof(double));
	struct params def = {
		GRADE_SCORE_GAMMA, GRADE_SCORE_RAMP, GRADE_FEW_POINTS_SHARE};
	double drift = 0.0;
	for (size_t i = 0; i < n; i++) {
		double d = fabs(rescore(&ft[i], &def) - quiz[i]);
		drift = d > drift ? d : drift;
	}
	printf("cv: re-scoring with the defaults differs by at most %.1e\n",
		drift);
	for (size_t fold = 0; fold < CV_FOLDS; fold++) {
		double best = -1.0;
		struct params pick = def;
		for (size_t g = 0; g < sizeof gammas / sizeof *gammas; g++)
			for (size_t r = 0; r < sizeof ramps / sizeof *ramps;
				r++)
				for (size_t w = 0;
					w < sizeof fews / sizeof *fews; w++) {
					struct params pm = {
						gammas[g], ramps[r], fews[w]};
					size_t m = 0;
					for (size_t i = 0; i < n; i++) {
						if (ft[i].fold == fold)
							continue;
						x[m] = rescore(&ft[i], &pm);
						y[m++] = rs->v[i].human;
					}
					double v = merit(x, y, m, auc);
					if (v > best + 1e-12) {
						best = v;
						pick = pm;
					}
				}
		for (size_t i = 0; i < n; i++) {
			if (ft[i].fold == fold)
				held[i] = rescore(&ft[i], &pick);
		}
		printf("cv: fold %zu: gamma %.2f ramp %.2f few %.2f (train "
		       "%.3f)\n",
			fold + 1, pick.gamma, pick.ramp, pick.few_share, best);
	}
	for (size_t i = 0; i < n; i++)
		y[i] = rs->v[i].human;
	printf("cv: in-sample %s %.3f, cross-validated %.3f\n",
		auc ? "auc" : "pearson", merit(quiz, y, n, auc),
		merit(held, y, n, auc));
	free(x);
	free(y);
	free(held);
}

static int eval(const struct rows *rs, bool dump, int cv)
{
	struct quiz_bank bank;
	memset(&bank, 0, sizeof(bank));
	size_t *qof = xmalloc((rs->n + 1) * sizeof(size_t));
	for (size_t i = 0; i < rs->n; i++) {
		size_t qi = bank.n_questions;
		for (size_t j = 0; j < bank.n_questions; j++) {
			if (strcmp(bank.questions[j].id, rs->v[i].qid) == 0)
				qi = j;
		}
		qof[i] = qi;
		if (qi < bank.n_questions)
			continue;
		xgrow((void **)&bank.questions, &bank.cap_questions, qi + 1,
			sizeof(*bank.questions));
		struct quiz_question *q = &bank.questions[bank.n_questions++];
		memset(q, 0, sizeof(*q));
		q->id = rs->v[i].qid;
		q->question = rs->v[i].question;
		q->answer = rs->v[i].ref;
		q->chapter = (char *)"";
		q->lang = (char *)"en";
	}
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, &bank);
	double *quiz = xmalloc((rs->n + 1) * sizeof(double));
	struct feat *ft = xcalloc(rs->n + 1, sizeof(*ft));
	for (size_t i = 0; i < rs->n; i++) {
		struct grade_result r;
		const struct row *row = &rs->v[i];
		grade_answer(&ctx, &bank.questions[qof[i]], row->answer,
			strlen(row->answer), &r);
		quiz[i] = r.score;
		ft[i].coverage = r.coverage;
		ft[i].matched = r.n_matched;
		ft[i].points = r.n_points;
		ft[i].wrong = r.n_claims;
		ft[i].fold = qof[i] % CV_FOLDS;
		for (size_t k = 0; k < r.n_points; k++) {
			const struct grade_point *gp = &r.points[k];
			ft[i].missed_required |= gp->required && !gp->matched;
			ft[i].wrong += gp->reversed || gp->swapped;
		}
		if (dump)
			printf("%s\t%.3f\t%.3f\t%.4f\t%s\n", row->qid,
				row->human, r.score, r.coverage, row->answer);
		grade_result_free(&r);
	}
	report_pair(rs, quiz);
	if (cv >= 0)
		cross_validate(rs, ft, quiz, cv == 1);
	free(ft);
	grade_ctx_free(&ctx);
	free(quiz);
	free(qof);
	free(bank.questions);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: asag bank|answers|eval FILE.tsv\n"
		      "       asag cv FILE.tsv pearson|auc\n"
		      "       asag metrics FILE.tsv SCORES.csv\n",
			stderr);
		return 2;
	}
	struct rows rs;
	read_rows(argv[2], &rs);
	int status = 0;
	if (strcmp(argv[1], "bank") == 0)
		write_bank(&rs);
	else if (strcmp(argv[1], "answers") == 0)
		write_answers(&rs);
	else if (strcmp(argv[1], "metrics") == 0 && argc > 3)
		status = metrics(&rs, argv[3]);
	else if (strcmp(argv[1], "eval") == 0)
		status = eval(
			&rs, argc > 3 && strcmp(argv[3], "--dump") == 0, -1);
	else if (strcmp(argv[1], "cv") == 0 && argc > 3)
		status = eval(&rs, false, strcmp(argv[3], "auc") == 0);
	else
		status = 2;
	free_rows(&rs);
	return status;
}
