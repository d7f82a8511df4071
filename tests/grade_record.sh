#!/bin/bash
# `quiz grade --record` appends one history row (mode grade) per graded
# answer, with the header written once; without --record nothing is
# written. Prints "N passed, N failed".
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp" LC_ALL=C.UTF-8
unset QUIZ_BANK
bank="$(dirname "$0")/data/bank/fixture.json"
. "$(dirname "$0")/check.sh"
"$QUIZ" --bank "$bank" grade mlsd-1.2-q1 "user experience" >/dev/null
check "no history without --record" '[ ! -e "$tmp/quiz/history.csv" ]'
"$QUIZ" --bank "$bank" grade mlsd-1.2-q1 "user experience, p99 percentiles, outliers" --record >/dev/null
"$QUIZ" --bank "$bank" grade --record aie-8.1-q1 - </dev/null >/dev/null
h="$tmp/quiz/history.csv"
check "header and two rows" '[ "$(wc -l <"$h")" = 3 ]'
check "header names the columns" '[ "$(head -1 "$h")" = "time,id,score,verdict,rating,hints,seconds,mode,hash,bank,missed" ]'
check "first row is mode grade for mlsd-1.2-q1, with hash and bank" 'sed -n 2p "$h" | grep -q "^[0-9T:-]*Z,mlsd-1.2-q1,0\.[0-9]*,[a-z]*,[a-z]*,0,[0-9.]*,grade,[0-9a-f]\{16\},fixture.json,"'
check "the empty answer missed key points" 'sed -n 3p "$h" | grep -q ",grade,[0-9a-f]\{16\},fixture.json,..*$"'
check "empty answer recorded as score 0" 'sed -n 3p "$h" | grep -q ",aie-8.1-q1,0.000,incorrect,again,"'
"$QUIZ" --bank "$bank" grade --batch /dev/null --record >/dev/null 2>&1
check "--record with --batch is a usage error" '[ $? = 2 ]'
# A first-version history (eight columns) is appended to in its own
# column set: its header and rows stay as they were.
old="$(dirname "$0")/data/history/v1.csv"
mkdir -p "$tmp/v1/quiz"
cp "$old" "$tmp/v1/quiz/history.csv"
XDG_DATA_HOME="$tmp/v1" "$QUIZ" --bank "$bank" grade mlsd-1.2-q1 "user experience" --record >/dev/null
h1="$tmp/v1/quiz/history.csv"
check "old-format file keeps its rows unchanged" '[ "$(head -n "$(wc -l <"$old")" "$h1")" = "$(cat "$old")" ]'
check "old-format file gets an eight-column row" 'tail -1 "$h1" | grep -q "^[0-9T:-]*Z,mlsd-1.2-q1,0\.[0-9]*,[a-z]*,[a-z]*,0,[0-9.]*,grade$"'
check_done
