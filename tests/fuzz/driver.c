/* driver: runs a fuzz target once on each file named on the command line,
 * and on each file of each directory named (the replay of a corpus without
 * libFuzzer). Exit 0 when every input ran; a finding crashes, as under the
 * fuzzer. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs one input; false when it cannot be read. */
static bool run_file(const char *path)
{
	struct buf b;
	buf_init(&b);
	if (!read_file(path, &b)) {
		buf_free(&b);
		return false;
	}
	/* An exact-size copy, so that ASan sees a read past the end. */
	char *copy = xmalloc(b.len);
	if (b.len)
		memcpy(copy, b.data, b.len);
	LLVMFuzzerTestOneInput((const uint8_t *)copy, b.len);
	free(copy);
	buf_free(&b);
	return true;
}

/* Runs every file of dir in name order; the number run, or -1. */
static long run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		perror(dir);
		return -1;
	}
	char **names = NULL;
	size_t n = 0;
	size_t cap = 0;
	const struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	long ran = 0;
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		if (run_file(names[i]))
			ran++;
		else
			ok = false;
		free(names[i]);
	}
	free(names);
	return ok ? ran : -1;
}

int main(int argc, char **argv)
{
	int status = 0;
	long total = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		long ran;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			ran = run_dir(argv[i]);
		else
			ran = run_file(argv[i]) ? 1 : -1;
		if (ran < 0)
			status = 2;
		else
			total += ran;
	}
	printf("%ld inputs\n", total);
	return status;
}
