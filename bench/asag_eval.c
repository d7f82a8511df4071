/* asag_eval: the grader's agreement with human grades, computed in
 * process for quick tuning. Reads an ASAG TSV (question_id, question,
 * reference_answer, student_answer, score), grades every answer against a
 * keyword-less question built from its reference answer, and prints
 * Pearson r, Spearman rho and ROC-AUC for quiz and for plain content-word
 * overlap on the same rows. bench/asag.sh measures the same through
 * `quiz grade --batch`; both must agree.
 *
 * usage: asag_eval FILE.tsv [--dump] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "grade.h"
#include "metrics.h"
#include "norm.h"
#include "stopwords.h"
#include "util.h"

struct row {
	size_t q;
	char *answer;
	double human;
};

static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++) {
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	}
	return n;
}

static int col(char **h, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(h[i], name) == 0)
			return (int)i;
	}
	fprintf(stderr, "asag_eval: no column %s\n", name);
	exit(2);
}

/* The baseline of the benchmark README: share of the reference's distinct
 * content words (lower-cased, stop words removed, crude suffix stripping)
 * present in the answer. */
static size_t crude_words(const char *s, char words[][32], size_t max)
{
	size_t n = 0;
	char w[32];
	size_t k = 0;
	for (const char *p = s;; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (alnum && k < 31) {
			w[k++] = c;
			continue;
		}
		if (alnum)
			continue;
		if (k > 0 && !stopwords_en(w, k) && strncmp(w, "not", k) != 0) {
			w[k] = '\0';
			static const char *const suf[] = {"ing", "ed", "es", "s", "ly"};
			for (size_t i = 0; i < 5; i++) {
				size_t sl = strlen(suf[i]);
				if (k > sl + 2 && strcmp(w + k - sl, suf[i]) == 0) {
					w[k - sl] = '\0';
					break;
				}
			}
			bool dup = false;
			for (size_t i = 0; i < n; i++)
				dup |= strcmp(words[i], w) == 0;
			if (!dup && n < max)
				strcpy(words[n++], w);
		}
		k = 0;
		if (!*p)
			break;
	}
	return n;
}

static double overlap(const char *ref, const char *ans)
{
	static char rw[512][32];
	static char aw[2048][32];
	size_t nr = crude_words(ref, rw, 512);
	size_t na = crude_words(ans, aw, 2048);
	if (nr == 0)
		return 0;
	size_t hit = 0;
	for (size_t i = 0; i < nr; i++) {
		for (size_t j = 0; j < na; j++) {
			if (strcmp(rw[i], aw[j]) == 0) {
				hit++;
				break;
			}
		}
	}
	return (double)hit / (double)nr;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: asag_eval FILE.tsv [--dump]\n", stderr);
		return 2;
	}
	bool dump = argc > 2 && strcmp(argv[2], "--dump") == 0;
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	struct quiz_bank bank;
	memset(&bank, 0, sizeof(bank));
	struct row *rows = NULL;
	size_t n_rows = 0;
	size_t cap_rows = 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t got;
	char *h[16];
	size_t nh = 0;
	int cq = 0, cqt = 0, cref = 0, cans = 0, cs = 0;
	char *header = NULL;
	while ((got = getline(&line, &lcap, f)) > 0) {
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (!header) {
			header = xstrdup(line);
			nh = split_tabs(header, h, 16);
			cq = col(h, nh, "question_id");
			cqt = col(h, nh, "question");
			cref = col(h, nh, "reference_answer");
			cans = col(h, nh, "student_answer");
			cs = col(h, nh, "score");
			continue;
		}
		char *fl[16];
		size_t nf = split_tabs(line, fl, 16);
		if (nf < nh)
			continue;
		size_t qi = bank.n_questions;
		for (size_t i = 0; i < bank.n_questions; i++) {
			if (strcmp(bank.questions[i].id, fl[cq]) == 0)
				qi = i;
		}
		if (qi == bank.n_questions) {
			xgrow((void **)&bank.questions, &bank.cap_questions,
				bank.n_questions + 1, sizeof(*bank.questions));
			struct quiz_question *q = &bank.questions[bank.n_questions++];
			memset(q, 0, sizeof(*q));
			q->id = xstrdup(fl[cq]);
			q->question = xstrdup(fl[cqt]);
			q->answer = xstrdup(fl[cref]);
			q->chapter = xstrdup("");
			q->lang = xstrdup("en");
		}
		xgrow((void **)&rows, &cap_rows, n_rows + 1, sizeof(*rows));
		rows[n_rows].q = qi;
		rows[n_rows].answer = xstrdup(fl[cans]);
		rows[n_rows].human = atof(fl[cs]);
		n_rows++;
	}
	fclose(f);
	free(line);
	free(header);

	struct grade_ctx ctx;
	grade_ctx_init(&ctx, &bank);
	double *hum = xmalloc(n_rows * sizeof(double));
	double *qs = xmalloc(n_rows * sizeof(double));
	double *ov = xmalloc(n_rows * sizeof(double));
	for (size_t i = 0; i < n_rows; i++) {
		const struct quiz_question *q = &bank.questions[rows[i].q];
		struct grade_result r;
		grade_answer(&ctx, q, rows[i].answer, strlen(rows[i].answer), &r);
		hum[i] = rows[i].human;
		qs[i] = r.score;
		ov[i] = overlap(q->answer, rows[i].answer);
		if (dump)
			printf("%s\t%.3f\t%.3f\t%.3f\t%s\n", q->id, hum[i], qs[i],
				ov[i], rows[i].answer);
		grade_result_free(&r);
	}
	printf("%-20s rows %zu  pearson %.3f  spearman %.3f  auc %.3f\n",
		"quiz", n_rows, metrics_pearson(qs, hum, n_rows),
		metrics_spearman(qs, hum, n_rows), metrics_auc(qs, hum, n_rows));
	printf("%-20s rows %zu  pearson %.3f  spearman %.3f  auc %.3f\n",
		"overlap", n_rows, metrics_pearson(ov, hum, n_rows),
		metrics_spearman(ov, hum, n_rows), metrics_auc(ov, hum, n_rows));
	grade_ctx_free(&ctx);
	for (size_t i = 0; i < n_rows; i++)
		free(rows[i].answer);
	free(rows);
	for (size_t i = 0; i < bank.n_questions; i++) {
		free(bank.questions[i].id);
		free(bank.questions[i].question);
		free(bank.questions[i].answer);
		free(bank.questions[i].chapter);
		free(bank.questions[i].lang);
	}
	free(bank.questions);
	free(hum);
	free(qs);
	free(ov);
	return 0;
}
