/* speed: timing for bench/speed.sh.
 *
 *   speed norm FILE          normalizes every line of FILE with norm_text
 *                            (ASCII fast path), with norm_text_slow (every
 *                            character through utf8proc), and with plain
 *                            utf8proc_map(NFKC|CASEFOLD|...), and prints
 *                            MB/s of each and the fast path's speed-up
 *   speed normonly BANK CSV  what `quiz grade --batch CSV` does minus the
 *                            grading: loads the bank, reads the CSV through
 *                            csvio, normalizes each answer, writes a CSV
 *                            row per answer; the baseline of the batch timing
 *
 * (A bench tool, not part of quiz: it calls utf8proc_map itself to compare.) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "bank.h"
#include "csvio.h"
#include "norm.h"
#include "util.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct lines {
	char **v;
	size_t *len;
	size_t n;
	size_t cap;
	size_t bytes;
};

static void read_lines(const char *path, struct lines *ls)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(2);
	}
	memset(ls, 0, sizeof(*ls));
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	size_t lcap = 0;
	while ((got = getline(&line, &cap, f)) > 0) {
		xgrow((void **)&ls->v, &ls->cap, ls->n + 1, sizeof(*ls->v));
		xgrow((void **)&ls->len, &lcap, ls->n + 1, sizeof(*ls->len));
		ls->v[ls->n] = xstrndup(line, (size_t)got);
		ls->len[ls->n] = (size_t)got;
		ls->bytes += (size_t)got;
		ls->n++;
	}
	free(line);
	fclose(f);
}

static int bench_norm(const char *path)
{
	struct lines ls;
	read_lines(path, &ls);
	struct norm n;
	norm_init(&n);
	const int rounds = 20;
	size_t sink = 0;
	double t0 = now();
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < ls.n; i++)
			sink += strlen(
				norm_text(&n, ls.v[i], ls.len[i], false));
	}
	double fast = now() - t0;
	t0 = now();
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < ls.n; i++)
			sink += strlen(norm_text_slow(&n, ls.v[i], ls.len[i]));
	}
	double slow = now() - t0;
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
		UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
		UTF8PROC_LUMP | UTF8PROC_STRIPCC;
	t0 = now();
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < ls.n; i++) {
			utf8proc_uint8_t *out = NULL;
			utf8proc_ssize_t k = utf8proc_map(
				(const utf8proc_uint8_t *)ls.v[i],
				(utf8proc_ssize_t)ls.len[i], &out, opts);
			if (k > 0)
				sink += (size_t)k;
			free(out);
		}
	}
	double map = now() - t0;
	double mb = (double)ls.bytes * rounds / 1e6;
	printf("input: %zu lines, %.2f MB x %d rounds\n", ls.n,
		(double)ls.bytes / 1e6, rounds);
	printf("norm_text (fast path)    %8.1f MB/s\n", mb / fast);
	printf("norm_text_slow (utf8proc) %7.1f MB/s\n", mb / slow);
	printf("utf8proc_map NFKC|CASEFOLD %6.1f MB/s\n", mb / map);
	printf("fast path / utf8proc_map: %.1fx\n", map / fast);
	fprintf(stderr, "(checksum %zu)\n", sink);
	norm_free(&n);
	for (size_t i = 0; i < ls.n; i++)
		free(ls.v[i]);
	free(ls.v);
	free(ls.len);
	return 0;
}

struct normonly {
	struct norm n;
	bool header;
	size_t col_id;
	size_t col_answer;
};

static bool normonly_record(
	void *arg, long line, char **f, const size_t *lens, size_t nf)
{
	struct normonly *s = arg;
	if (!s->header) {
		if (!csvio_find_column(f, nf, "id", &s->col_id) ||
			!csvio_find_column(f, nf, "answer", &s->col_answer)) {
			quiz_warn("line %ld: no column id or answer", line);
			return false;
		}
		s->header = true;
		return true;
	}
	if (s->col_id >= nf || s->col_answer >= nf)
		return true;
	const char *t =
		norm_text(&s->n, f[s->col_answer], lens[s->col_answer], false);
	char len[32];
	snprintf(len, sizeof len, "%zu", strlen(t));
	const char *row[] = {f[s->col_id], len};
	csvio_write_record(stdout, row, 2, false);
	return true;
}

static int bench_normonly(const char *bank_path, const char *csv)
{
	struct quiz_bank bank;
	bank_init(&bank);
	if (!bank_load_path(&bank, bank_path, NULL))
		return 2;
	FILE *f = fopen(csv, "r");
	if (!f) {
		perror(csv);
		return 2;
	}
	struct normonly s = {0};
	norm_init(&s.n);
	bool ok = csvio_read(f, csv, false, normonly_record, &s);
	fclose(f);
	norm_free(&s.n);
	bank_free(&bank);
	return ok ? 0 : 2;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "norm") == 0)
		return bench_norm(argv[2]);
	if (argc == 4 && strcmp(argv[1], "normonly") == 0)
		return bench_normonly(argv[2], argv[3]);
	fputs("usage: speed norm FILE | speed normonly BANK CSV\n", stderr);
	return 2;
}
