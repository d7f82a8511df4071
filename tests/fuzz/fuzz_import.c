/* fuzz_import: Markdown notes through mojibake repair and the importer,
 * then written out as bank JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_state st;
	import_init(&st, NULL, NULL);
	import_text(&st, "fuzz.md", (const char *)data, size);
	FILE *sink = fopen("/dev/null", "w");
	if (sink) {
		import_write(&st, sink);
		fclose(sink);
	}
	import_free(&st);
	return 0;
}
