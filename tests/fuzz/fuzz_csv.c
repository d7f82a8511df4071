/* fuzz_csv: CSV and TSV records as batch grading reads them, and the
 * history reader over the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csvio.h"
#include "fuzz.h"
#include "history.h"

static bool on_record(void *ctx, long line, char **fields, const size_t *lens,
	size_t n_fields)
{
	size_t *total = ctx;
	(void)line;
	for (size_t i = 0; i < n_fields; i++)
		*total += lens[i] + (fields[i][0] != '\0');
	return true;
}

static bool on_row(void *ctx, const struct history_entry *e)
{
	(*(size_t *)ctx) += e->hints;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t total = 0;
	for (int tab = 0; tab < 2; tab++) {
		FILE *f = fmemopen((void *)data, size ? size : 1, "r");
		if (!f)
			return 0;
		if (size == 0)
			fgetc(f);
		csvio_read(f, "fuzz.csv", tab, on_record, &total);
		fclose(f);
	}
	history_parse("fuzz.csv", (const char *)data, size, on_row, &total);
	return 0;
}
