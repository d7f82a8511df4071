/* driver: runs a fuzz target once on each file named on the command line
 * (the replay of a corpus without libFuzzer). Exit 0 when every input ran;
 * a finding crashes, as under the fuzzer. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "util.h"

int main(int argc, char **argv)
{
	int status = 0;
	for (int i = 1; i < argc; i++) {
		struct buf b;
		buf_init(&b);
		if (!read_file(argv[i], &b)) {
			status = 2;
			continue;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)(b.data ? b.data : ""),
			b.len);
		buf_free(&b);
	}
	printf("%d inputs\n", argc - 1);
	return status;
}
