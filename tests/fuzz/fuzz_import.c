/* fuzz_import: Markdown notes through mojibake repair and the importer,
 * then written out as bank JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "import.h"
#include "rules.h"

/* Parsed once: the rules are fixed data, and parsing them per input made
 * this target run at a few executions a second. */
static struct import_rules rules;

static void release(void)
{
	rules_free(&rules);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		rules_init(&rules);
		if (!rules_load_builtin(&rules))
			abort();
		atexit(release);
		ready = 1;
	}
	struct import_state st;
	import_init_with(&st, &rules, NULL, NULL);
	import_text(&st, "fuzz.md", (const char *)data, size);
	FILE *sink = fopen("/dev/null", "w");
	if (sink) {
		import_write(&st, sink);
		fclose(sink);
	}
	import_free(&st);
	return 0;
}
