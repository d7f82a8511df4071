/* interview: the grader against an interviewer's grades on the built-in
 * bank's own questions (../shared/benchmarks/interview/dev.csv, see
 * bench/README.md).
 *
 *   interview answers DEV.csv          CSV id,answer for `quiz grade --batch`
 *   interview metrics DEV.csv OUT.csv  the figures for the batch output
 *   interview cv DEV.csv               question-grouped 5-fold CV of
 *                                      GRADE_KEYPOINT_SHARE
 *   interview features DEV.csv         per row: what the score is made of
 *   interview eval DEV.csv [--dump]    the same in process; --dump lists
 *                                      id, set, grade, score and matched
 *                                      points per row
 *
 * Figures: Spearman rho against the grade; the pass rate of answers graded
 * >= 4 and of those graded <= 1; the share of questions (having both) where
 * the W answer scores at least as high as the S answer; the mean score and
 * pass rate per answer kind (S T P W O X). Plain content-word overlap with
 * the model answer (bench/metrics.c) is the baseline row; it has no pass
 * mark, so only its ranking figures and means are printed. Model answers
 * come from the bank built into the binary. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "csvio.h"
#include "grade.h"
#include "metrics.h"
#include "tunables.h"
#include "util.h"

enum { COL_QID, COL_SET, COL_GRADE, COL_ANSWER, N_COLS };
static const char *const col_names[N_COLS] = {
	"question_id",
	"set",
	"grade",
	"answer",
};

static const char kinds[] = "STPWOX";

struct row {
	char *qid;
	char set;
	double grade;
	char *answer;
	double score;
	bool pass;
};

struct rows {
	struct row *v;
	size_t n;
	size_t cap;
	size_t col[N_COLS];
	bool header;
};

static bool dev_record(
	void *arg, long line, char **f, const size_t *lens, size_t n)
{
	struct rows *rs = arg;
	(void)lens;
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
	memset(r, 0, sizeof(*r));
	r->qid = xstrdup(f[rs->col[COL_QID]]);
	r->set = f[rs->col[COL_SET]][0];
	r->grade = atof(f[rs->col[COL_GRADE]]);
	r->answer = xstrdup(f[rs->col[COL_ANSWER]]);
	return true;
}

static void read_rows(const char *path, struct rows *rs)
{
	memset(rs, 0, sizeof(*rs));
	metrics_read_rows(path, false, dev_record, rs);
}

static void free_rows(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].qid);
		free(rs->v[i].answer);
	}
	free(rs->v);
}

/* The share of questions with both an S and a W answer where W >= S;
 * *n_q receives their number. */
static double w_ge_s(const struct rows *rs, const double *score, size_t *n_q)
{
	size_t both = 0;
	size_t bad = 0;
	for (size_t i = 0; i < rs->n; i++) {
		if (rs->v[i].set != 'S')
			continue;
		for (size_t j = 0; j < rs->n; j++) {
			if (rs->v[j].set != 'W' ||
				strcmp(rs->v[j].qid, rs->v[i].qid) != 0)
				continue;
			both++;
			bad += score[j] >= score[i];
			break;
		}
	}
	*n_q = both;
	return both ? (double)bad / (double)both : 0.0;
}

static double pass_rate(const struct rows *rs, double lo, double hi)
{
	size_t n = 0;
	size_t pass = 0;
	for (size_t i = 0; i < rs->n; i++) {
		if (rs->v[i].grade < lo || rs->v[i].grade > hi)
			continue;
		n++;
		pass += rs->v[i].pass;
	}
	return n ? 100.0 * (double)pass / (double)n : 0.0;
}

static void report(const struct rows *rs, const struct quiz_bank *bank)
{
	size_t n = rs->n;
	double *grade = xmalloc((n + 1) * sizeof(double));
	double *quiz = xmalloc((n + 1) * sizeof(double));
	double *ov = xmalloc((n + 1) * sizeof(double));
	struct metrics_words rw = {0};
	struct metrics_words aw = {0};
	for (size_t i = 0; i < n; i++) {
		grade[i] = rs->v[i].grade;
		quiz[i] = rs->v[i].score;
		const struct quiz_question *q = bank_find(bank, rs->v[i].qid);
		ov[i] = q
			? metrics_overlap(q->answer, rs->v[i].answer, &rw, &aw)
			: 0.0;
	}
	size_t nq;
	double wq = w_ge_s(rs, quiz, &nq);
	double wo = w_ge_s(rs, ov, &nq);
	printf("method   rows  spearman  pass(grade>=4)  pass(grade<=1)  "
	       "W>=S (of %zu questions)\n",
		nq);
	printf("quiz    %5zu  %8.3f  %13.0f%%  %13.0f%%  %5.0f%%\n", n,
		metrics_spearman(quiz, grade, n), pass_rate(rs, 4, 5),
		pass_rate(rs, 0, 1), 100.0 * wq);
	printf("overlap %5zu  %8.3f  %14s  %14s  %5.0f%%\n", n,
		metrics_spearman(ov, grade, n), "-", "-", 100.0 * wo);
	printf("set  rows  mean grade  quiz mean  quiz pass  overlap mean\n");
	for (const char *k = kinds; *k; k++) {
		size_t m = 0;
		size_t pass = 0;
		double sg = 0, sq = 0, so = 0;
		for (size_t i = 0; i < n; i++) {
			if (rs->v[i].set != *k)
				continue;
			m++;
			pass += rs->v[i].pass;
			sg += grade[i];
			sq += quiz[i];
			so += ov[i];
		}
		if (m == 0)
			continue;
		double d = (double)m;
		printf("%c    %4zu  %10.2f  %9.2f  %8.0f%%  %12.2f\n", *k, m,
			sg / d, sq / d, 100.0 * (double)pass / d, so / d);
	}
	metrics_words_free(&rw);
	metrics_words_free(&aw);
	free(grade);
	free(quiz);
	free(ov);
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

/* Reads the batch output (id,score,verdict,...) in row order: the pass
 * is the verdict, so that a score rounded to 0.600 is not taken for a
 * pass it missed. */
struct batch {
	struct rows *rs;
	size_t next;
	size_t col_score;
	size_t col_verdict;
	bool header;
};

static bool batch_record(
	void *arg, long line, char **f, const size_t *lens, size_t n)
{
	struct batch *b = arg;
	(void)lens;
	if (!b->header) {
		b->col_score = b->col_verdict = SIZE_MAX;
		for (size_t i = 0; i < n; i++) {
			if (strcmp(f[i], "score") == 0)
				b->col_score = i;
			if (strcmp(f[i], "verdict") == 0)
				b->col_verdict = i;
		}
		if (b->col_score == SIZE_MAX || b->col_verdict == SIZE_MAX) {
			quiz_warn("line %ld: no score or verdict column", line);
			return false;
		}
		b->header = true;
		return true;
	}
	if (b->next >= b->rs->n || b->col_verdict >= n) {
		quiz_warn("line %ld: more rows than the dev file", line);
		return false;
	}
	struct row *r = &b->rs->v[b->next++];
	r->score = atof(f[b->col_score]);
	r->pass = strcmp(f[b->col_verdict], "correct") == 0;
	return true;
}

static int metrics(
	struct rows *rs, const char *path, const struct quiz_bank *bank)
{
	struct batch b = {rs, 0, 0, 0, false};
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 2;
	}
	bool ok = csvio_read(f, path, false, batch_record, &b);
	fclose(f);
	if (!ok || b.next != rs->n) {
		quiz_warn("%s: %zu scores for %zu rows", path, b.next, rs->n);
		return 2;
	}
	report(rs, bank);
	return 0;
}

static int eval(struct rows *rs, const struct quiz_bank *bank, bool dump)
{
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, bank);
	for (size_t i = 0; i < rs->n; i++) {
		struct row *row = &rs->v[i];
		const struct quiz_question *q = bank_find(bank, row->qid);
		if (!q) {
			quiz_warn("unknown question id '%s'", row->qid);
			grade_ctx_free(&ctx);
			return 2;
		}
		struct grade_result r;
		grade_answer(&ctx, q, row->answer, strlen(row->answer), &r);
		row->score = r.score;
		row->pass = r.verdict == GRADE_CORRECT;
		if (dump) {
			printf("%s\t%c\t%.0f\t%.3f\t", row->qid, row->set,
				row->grade, r.score);
			for (size_t k = 0; k < r.n_points; k++) {
				if (r.points[k].matched)
					printf("[%s]", r.points[k].term);
			}
			putchar('\n');
		}
		grade_result_free(&r);
	}
	grade_ctx_free(&ctx);
	report(rs, bank);
	return 0;
}

/* One row per answer for trying score combinations outside the grader:
 * id, set, grade, the score, coverage, matched points, point count and
 * wrong claims with the bank's key points, then the score and coverage
 * with the key points derived from the model answer (the question's
 * keywords and misconceptions left out). */
static int features(struct rows *rs, const struct quiz_bank *bank)
{
	struct quiz_bank plain = *bank;
	plain.questions = xmalloc(bank->n_questions * sizeof(*plain.questions));
	memcpy(plain.questions, bank->questions,
		bank->n_questions * sizeof(*plain.questions));
	for (size_t i = 0; i < plain.n_questions; i++) {
		plain.questions[i].n_keywords = 0;
		plain.questions[i].n_misconceptions = 0;
	}
	struct grade_ctx ctx;
	struct grade_ctx pctx;
	grade_ctx_init(&ctx, bank);
	grade_ctx_init(&pctx, &plain);
	puts("qid\tset\tgrade\tscore\tcov\tmatched\tpoints\twrong\t"
	     "req\tmscore\tmcov\tmpoints");
	for (size_t i = 0; i < rs->n; i++) {
		struct row *row = &rs->v[i];
		const struct quiz_question *q = bank_find(bank, row->qid);
		if (!q)
			continue;
		const struct quiz_question *pq =
			&plain.questions[q - bank->questions];
		struct grade_result r;
		struct grade_result m;
		grade_answer(&ctx, q, row->answer, strlen(row->answer), &r);
		grade_answer(&pctx, pq, row->answer, strlen(row->answer), &m);
		bool req = false;
		for (size_t k = 0; k < r.n_points; k++)
			req |= r.points[k].required && !r.points[k].matched;
		printf("%s\t%c\t%.0f\t%.4f\t%.4f\t%zu\t%zu\t%zu\t%d\t%.4f\t"
		       "%.4f\t%zu\n",
			row->qid, row->set, row->grade, r.score, r.coverage,
			r.n_matched, r.n_points, grade_claim_count(&r), req,
			m.score, m.coverage, m.n_points);
		grade_result_free(&r);
		grade_result_free(&m);
	}
	grade_ctx_free(&ctx);
	grade_ctx_free(&pctx);
	free(plain.questions);
	return 0;
}

/* What grade_answer's score is made of, for re-scoring with another
 * GRADE_KEYPOINT_SHARE. */
struct feat {
	double coverage;
	double model; /* negative: not blended */
	size_t matched;
	size_t points;
	bool missed_required;
	size_t wrong;
	size_t fold;
};

/* grade_answer's score formula with key-point share w (the default must
 * give grade_answer's own score: checked in cv). */
static double rescore(const struct feat *f, double w)
{
	double c = f->coverage;
	if (f->model >= 0.0)
		c = w * c + (1.0 - w) * f->model;
	return metrics_caps(grade_calibrate(c), f->matched, f->points,
		GRADE_FEW_POINTS_SHARE, grade_calibrate(f->model),
		f->missed_required, f->wrong);
}

#define CV_FOLDS 5

/* Question-grouped 5-fold cross-validation of GRADE_KEYPOINT_SHARE: the
 * questions are numbered in order of first appearance and split by
 * number mod 5; for each fold the share best (Spearman) on the other four
 * scores the held-out one; the held-out scores are pooled. */
static int cross_validate(struct rows *rs, const struct quiz_bank *bank)
{
	size_t n = rs->n;
	struct feat *ft = xcalloc(n + 1, sizeof(*ft));
	double *x = xmalloc((n + 1) * sizeof(double));
	double *y = xmalloc((n + 1) * sizeof(double));
	double *held = xmalloc((n + 1) * sizeof(double));
	double *quiz = xmalloc((n + 1) * sizeof(double));
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, bank);
	size_t n_q = 0;
	double drift = 0.0;
	for (size_t i = 0; i < n; i++) {
		struct row *row = &rs->v[i];
		const struct quiz_question *q = bank_find(bank, row->qid);
		if (!q) {
			quiz_warn("unknown question id '%s'", row->qid);
			return 2;
		}
		size_t j = 0;
		while (j < i && strcmp(rs->v[j].qid, row->qid) != 0)
			j++;
		ft[i].fold = j < i ? ft[j].fold : n_q++ % CV_FOLDS;
		struct grade_result r;
		grade_answer(&ctx, q, row->answer, strlen(row->answer), &r);
		ft[i].coverage = r.coverage;
		ft[i].model = r.model_coverage;
		ft[i].matched = r.n_matched;
		ft[i].points = r.n_points;
		for (size_t k = 0; k < r.n_points; k++)
			ft[i].missed_required |=
				r.points[k].required && !r.points[k].matched;
		ft[i].wrong = grade_claim_count(&r);
		quiz[i] = r.score;
		double d =
			fabs(rescore(&ft[i], GRADE_KEYPOINT_SHARE) - r.score);
		drift = d > drift ? d : drift;
		grade_result_free(&r);
	}
	grade_ctx_free(&ctx);
	printf("cv: re-scoring with the default differs by at most %.1e\n",
		drift);
	for (size_t fold = 0; fold < CV_FOLDS; fold++) {
		double best = -2.0;
		double pick = GRADE_KEYPOINT_SHARE;
		for (int g = 0; g <= 10; g++) {
			double w = g / 10.0;
			size_t m = 0;
			for (size_t i = 0; i < n; i++) {
				if (ft[i].fold == fold)
					continue;
				x[m] = rescore(&ft[i], w);
				y[m++] = rs->v[i].grade;
			}
			double v = metrics_spearman(x, y, m);
			if (v > best + 1e-12) {
				best = v;
				pick = w;
			}
		}
		for (size_t i = 0; i < n; i++) {
			if (ft[i].fold == fold)
				held[i] = rescore(&ft[i], pick);
		}
		printf("cv: fold %zu: key-point share %.1f (train %.3f)\n",
			fold + 1, pick, best);
	}
	for (size_t i = 0; i < n; i++)
		y[i] = rs->v[i].grade;
	printf("cv: in-sample spearman %.3f, cross-validated %.3f\n",
		metrics_spearman(quiz, y, n), metrics_spearman(held, y, n));
	for (int g = 0; g <= 10; g++) {
		for (size_t i = 0; i < n; i++)
			x[i] = rescore(&ft[i], g / 10.0);
		printf("cv: share %.1f: spearman %.3f\n", g / 10.0,
			metrics_spearman(x, y, n));
	}
	free(ft);
	free(x);
	free(y);
	free(held);
	free(quiz);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: interview answers|eval|cv|features DEV.csv "
		      "[--dump]\n"
		      "       interview metrics DEV.csv OUT.csv\n",
			stderr);
		return 2;
	}
	struct rows rs;
	read_rows(argv[2], &rs);
	struct quiz_bank bank;
	bank_init(&bank);
	if (!bank_load_builtin(&bank, NULL))
		return 2;
	int status = 0;
	if (strcmp(argv[1], "answers") == 0)
		write_answers(&rs);
	else if (strcmp(argv[1], "metrics") == 0 && argc > 3)
		status = metrics(&rs, argv[3], &bank);
	else if (strcmp(argv[1], "cv") == 0)
		status = cross_validate(&rs, &bank);
	else if (strcmp(argv[1], "features") == 0)
		status = features(&rs, &bank);
	else if (strcmp(argv[1], "eval") == 0)
		status = eval(
			&rs, &bank, argc > 3 && !strcmp(argv[3], "--dump"));
	else
		status = 2;
	bank_free(&bank);
	free_rows(&rs);
	return status;
}
