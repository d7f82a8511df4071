#!/bin/bash
# Each library is wrapped by exactly one module: utf8proc by norm.c, cJSON
# by the bank module's files (bank files), rules.c (import rules, part of
# the bank layer) and json.c (output), libcsv by csvio.c. A stray include
# elsewhere fails this test. Prints "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
rule() {
	local header=$1
	shift
	local bad
	bad=$(grep -l "#include <$header>" "$top"/src/*.c "$top"/include/*.h |
		xargs -r -n1 basename | grep -vxF -f <(printf '%s\n' "$@"))
	if [ -z "$bad" ]; then
		passed=$((passed + 1))
	else
		echo "<$header> included outside $*: $bad" >&2
		failed=$((failed + 1))
	fi
}
rule utf8proc.h norm.c
rule cjson/cJSON.h bank.c bankwrite.c curation.c jsonpos.c loader.c rules.c json.c
rule csv.h csvio.c
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
