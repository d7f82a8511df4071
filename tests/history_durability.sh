#!/bin/bash
# The history keeps every row whole under concurrency and crashes (issue
# 11, "Done when"): after a piped session, 40 concurrent
# `quiz grade ID ... --record` runs and 30 writers killed with SIGKILL,
# the history parses with exactly the expected rows; an unwritable
# history is a warning and the session goes on. Prints "N passed, N failed".
set -u
: "${QUIZ:?set QUIZ to the quiz binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" LC_ALL=C.UTF-8
unset QUIZ_BANK
bank="$(dirname "$0")/data/bank/fixture.json"
h="$XDG_DATA_HOME/quiz/history.csv"
. "$(dirname "$0")/check.sh"
# Data rows that are whole: 11 fields as quiz writes them.
row='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z,[^,]+,[0-9.]*,[a-z]*,[a-z]+,[0-9]+,[0-9.]+,[a-z]+,[0-9a-f]{16},fixture\.json,'
rows() { grep -cE "$row" "$h"; }
# `quiz history` must read back every line but the header, none damaged.
reads_back() {
	local n
	n=$("$QUIZ" history --format csv 2>"$tmp/err" | tail -n +2 | wc -l)
	[ "$n" = "$(($(wc -l <"$h") - 1))" ] && [ ! -s "$tmp/err" ]
}

# A piped session: two answers, two rows.
printf 'user experience and p99\n\nI do not know\n\n' |
	"$QUIZ" --bank "$bank" --chapter mlsd-1.2 --chapter aie-8.1 --count 2 --seed 1 >/dev/null
check "piped session recorded two rows" '[ "$(rows)" = 2 ]'

# 40 concurrent graders: exactly 40 more rows, one header.
for i in $(seq 40); do
	"$QUIZ" --bank "$bank" grade aie-8.1-q1 "answer $i: model-centric and data-centric" --record >/dev/null &
done
wait
check "40 concurrent writers: 42 rows" '[ "$(rows)" = 42 ]'
check "one header" '[ "$(grep -c "^time,id," "$h")" = 1 ]'
check "every line is a whole row" '[ "$(($(rows) + 1))" = "$(wc -l <"$h")" ]'
check "quiz history reads them all back" reads_back

# 30 writers killed with SIGKILL at random moments: each leaves its row
# whole or nothing.
pids=()
for i in $(seq 30); do
	"$QUIZ" --bank "$bank" grade mlsd-1.2-q1 "killed writer $i, p99 latency" --record >/dev/null 2>&1 &
	pids+=($!)
done
# Staggered kills, so that some land before, some during and some after
# a writer's append.
for p in "${pids[@]}"; do
	[ $((RANDOM % 3)) = 0 ] && sleep "0.00$((RANDOM % 4))"
	kill -KILL "$p" 2>/dev/null
done
wait 2>/dev/null
n=$(rows)
check "killed writers: between 42 and 72 rows ($n)" '[ "$n" -ge 42 ] && [ "$n" -le 72 ]'
check "killed writers: every line is a whole row" '[ "$((n + 1))" = "$(wc -l <"$h")" ]'
check "killed writers: the file ends with a newline" '[ "$(tail -c 1 "$h" | od -An -c | tr -d " ")" = "\n" ]'
check "killed writers: quiz history reads them all back" reads_back

# An unwritable history is a warning; grading and sessions go on. A
# directory where the file should be is unwritable even for root.
mkdir -p "$tmp/ro/quiz/history.csv"
XDG_DATA_HOME="$tmp/ro" "$QUIZ" --bank "$bank" grade aie-8.1-q1 "model-centric" --record >/dev/null 2>"$tmp/err"
status=$?
check "unwritable: grade still exits 0 or 1 ($status)" '[ "$status" -le 1 ]'
check "unwritable: a warning" 'grep -q "^quiz: .*history" "$tmp/err"'
out=$(printf 'an answer\n\n' | XDG_DATA_HOME="$tmp/ro" "$QUIZ" --bank "$bank" --count 1 --seed 1 2>"$tmp/err")
status=$?
check "unwritable: the session ends normally ($status)" '[ "$status" = 0 ]'
check "unwritable: the session shows its summary" 'printf "%s" "$out" | grep -q "Summary"'
check "unwritable: the session warns" 'grep -q "^quiz: .*history" "$tmp/err"'
check_done
