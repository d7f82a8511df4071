#!/bin/bash
# `quiz list | head -1` and `quiz import | head -1` must end quietly: no
# message, exit 0, even when the output is far larger than the pipe buffer
# (regression guard for EPIPE).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk 'BEGIN {
	printf "{\"questions\":[";
	for (i = 0; i < 20000; i++)
		printf "%s{\"id\":\"q%d\",\"question\":\"Question number %d of a large bank?\",\"answer\":\"Answer %d.\"}", (i ? "," : ""), i, i, i;
	print "]}";
}' >"$tmp/big.json"
passed=0
failed=0
for fmt in text json ndjson csv ids; do
	"$QUIZ" --bank "$tmp/big.json" list --format "$fmt" 2>"$tmp/err" | head -1 >/dev/null
	status=${PIPESTATUS[0]}
	if [ "$status" = 0 ] && [ ! -s "$tmp/err" ]; then
		passed=$((passed + 1))
	else
		echo "list --format $fmt | head -1: exit $status, stderr: $(cat "$tmp/err")" >&2
		failed=$((failed + 1))
	fi
done
# import ... | head -1 said "cannot write the bank to stdout" and exited 2.
awk 'BEGIN {
	print "# MLSD\n## ch1.1";
	for (i = 1; i <= 3000; i++)
		printf "### Q%d: What is topic number %d?\nAnswer: topic %d is about serving.\n", i, i, i;
}' >"$tmp/big.md"
"$QUIZ" import "$tmp/big.md" 2>"$tmp/err" | head -1 >/dev/null
status=${PIPESTATUS[0]}
if [ "$status" = 0 ] && [ ! -s "$tmp/err" ]; then
	passed=$((passed + 1))
else
	echo "import | head -1: exit $status, stderr: $(cat "$tmp/err")" >&2
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
