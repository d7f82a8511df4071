/* fuzz: the libFuzzer entry point every target defines. Built with
 * -fsanitize=fuzzer (libFuzzer, or AFL++'s afl-clang-fast with the same
 * flag), or with driver.c, which runs it once on each file named on the
 * command line: meson test replays the checked-in corpus that way. */
#ifndef QUIZ_FUZZ_H
#define QUIZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
