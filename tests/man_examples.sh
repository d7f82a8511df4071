#!/bin/bash
# Every EXAMPLES entry of quiz(1) runs against the built-in bank (issue 12):
# each command line (.Dl $ ..., and the lines of .Bd -literal blocks) is
# run by sh in a directory holding the files the examples name, with
# `quiz` on PATH and empty standard input, and must exit 0 (a grade
# below the pass mark may exit 1) with no usage error. Needs jq for the
# examples that pipe to it (skipped without it). Prints "N passed, N failed".
set -u
: "${QUIZ:?set QUIZ to the quiz binary}"
command -v jq >/dev/null || exit 77
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/work"
ln -s "$QUIZ" "$tmp/bin/quiz"
export PATH="$tmp/bin:$PATH" XDG_DATA_HOME="$tmp/data" QUIZ_CONFIG=/dev/null
export LC_ALL=C.UTF-8
unset QUIZ_BANK
cd "$tmp/work" || exit 99
# The files the examples read.
printf 'Latency matters to users; watch p99 rather than the mean.\n\n' >answers.txt
printf 'Data-centric AI improves the data; model-centric the model.\n' >answer.txt
printf 'id,answer\naie-8.1-q1,"data quality, model architecture"\n' >answers.csv
"$QUIZ" export --chapter aie-8 --format json >mybank.json
cp "$top/tests/data/cards/anki-basic.csv" deck.txt
passed=0
failed=0
while IFS= read -r cmd; do
	sh -c "$cmd" </dev/null >"$tmp/out" 2>"$tmp/err"
	status=$?
	case $cmd in *"quiz grade "*) ok_status="0 1" ;; *) ok_status=0 ;; esac
	if [[ " $ok_status " == *" $status "* ]] && ! grep -q "Try 'quiz --help'" "$tmp/err"; then
		passed=$((passed + 1))
	else
		echo "FAIL (exit $status): $cmd" >&2
		head -5 "$tmp/err" >&2
		failed=$((failed + 1))
	fi
done < <(sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$top/man/quiz.1" |
	awk '/^\.Bd -literal/ { lit = 1; next } /^\.Ed/ { lit = 0; next }
		lit { print; next } /^\.Dl \$ / { sub(/^\.Dl \$ /, ""); print }' |
	sed 's/\\(dq/"/g; s/\\e/\\/g')
[ $((passed + failed)) -ge 10 ] || { echo "FAIL: only $((passed + failed)) examples found" >&2; failed=$((failed + 1)); }
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
