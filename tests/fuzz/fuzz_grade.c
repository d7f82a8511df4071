/* fuzz_grade: normalize, tokenize and grade arbitrary bytes as an answer
 * to a question of the built-in bank (the first two bytes choose it). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "bank.h"
#include "fuzz.h"
#include "grade.h"

/* Loaded once: grading, not loading, is what this target drives. */
static struct quiz_bank bank;
static struct grade_ctx ctx;

/* Frees them at exit, so that leak checkers see only real leaks. */
static void release(void)
{
	grade_ctx_free(&ctx);
	bank_free(&bank);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		bank_init(&bank);
		if (!bank_load_builtin(&bank, NULL))
			abort();
		grade_ctx_init(&ctx, &bank);
		atexit(release);
		ready = 1;
	}
	if (size < 2 || bank.n_questions == 0)
		return 0;
	size_t pick = ((size_t)data[0] << 8 | data[1]) % bank.n_questions;
	struct grade_result r;
	grade_answer(&ctx, &bank.questions[pick], (const char *)data + 2,
		size - 2, &r);
	if (r.score < 0 || r.score > 1)
		abort();
	grade_result_free(&r);
	return 0;
}
