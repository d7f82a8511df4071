#!/bin/bash
# The C sources follow the checked-in .clang-format. Skipped (77) when
# clang-format is not installed. Prints "N passed, N failed".
set -u
command -v clang-format >/dev/null || exit 77
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
for f in "$top"/src/*.c "$top"/include/*.h "$top"/tests/*.c "$top"/tests/check.h "$top"/tools/*.c; do
	if clang-format "$f" | cmp -s - "$f"; then
		passed=$((passed + 1))
	else
		echo "not formatted: ${f#"$top"/} (clang-format -i it)" >&2
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
