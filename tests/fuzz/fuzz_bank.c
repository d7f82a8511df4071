/* fuzz_bank: the bank loader and validator on arbitrary bytes, as bank
 * JSON and as a curation file. Diagnostics are collected, not printed. */
#include <stddef.h>
#include <stdint.h>

#include "bank.h"
#include "fuzz.h"

static void count(void *ctx, enum bank_severity sev, const char *file,
	long line, long col, const char *msg)
{
	(void)sev;
	(void)file;
	(void)line;
	(void)col;
	(void)msg;
	(*(size_t *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	struct bank_diag diag = {.report = count, .ctx = &n, .lint = true};
	struct quiz_bank bank;
	bank_init(&bank);
	if (bank_load_text(&bank, "fuzz.json", (const char *)data, size, &diag))
		bank_validate(&bank, &diag);
	bank_free(&bank);
	struct quiz_curation c;
	bank_curation_init(&c);
	bank_load_curation(&c, "fuzz.json", (const char *)data, size, &diag);
	bank_curation_free(&c);
	return 0;
}
