#!/bin/bash
# Every long option in src/cli.c's table must be documented in man/quiz.1
# and mentioned in `quiz --help` (regression guard in the style of curl's
# test 1139). Prints "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
help=$("$QUIZ" --help)
passed=0
failed=0
for opt in $(sed -n 's/^\t{"\([a-z-]*\)", \(required\|no\)_argument.*/\1/p' "$top/src/cli.c"); do
	if grep -q -- "^\.\(It\|Op\).*Fl -$opt\b" "$top/man/quiz.1" ||
		grep -q -- "Fl -$opt\b" "$top/man/quiz.1"; then
		passed=$((passed + 1))
	else
		echo "--$opt is not in man/quiz.1" >&2
		failed=$((failed + 1))
	fi
done
for cmd in $(sed -n 's/^\t{"\([a-z]*\)", cmd_.*/\1/p' "$top/src/cli.c"); do
	if grep -q -- "^\.It Cm $cmd\b" "$top/man/quiz.1" &&
		printf '%s\n' "$help" | grep -q "quiz $cmd"; then
		passed=$((passed + 1))
	else
		echo "command $cmd is not in man/quiz.1 (.It Cm $cmd) or --help" >&2
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
