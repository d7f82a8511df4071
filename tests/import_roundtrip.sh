#!/bin/bash
# Round trips through quiz import (issue 12): a bank exported as CSV and
# imported back has the same ids, chapters, questions, answers, tags and key
# points, and checks clean; an Anki export imports, lists, exports and
# checks clean. Needs jq to compare banks (skipped without it). Prints
# "N passed, N failed".
set -u
command -v jq >/dev/null || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp" XDG_CONFIG_HOME="$tmp" LC_ALL=C.UTF-8
unset QUIZ_BANK
data="$(cd "$(dirname "$0")" && pwd)/data"
# shellcheck source=check.sh
source "$(dirname "$0")/check.sh"
# What export --format csv carries; keywords in their longest form.
norm='[.questions[] | {id, chapter, kind, lang, question, answer, tags,
  keywords: [(.keywords // [])[] | if type == "string"
    then {term: ., aliases: [], weight: 1, required: false}
    else {term, aliases: (.aliases // []), weight: (.weight // 1),
      required: (.required // false)} end]}]'

round_trip() { # name, then the options that choose the bank
	local name=$1
	shift
	"$QUIZ" "$@" export --format csv >"$tmp/$name.csv"
	"$QUIZ" import "$tmp/$name.csv" >"$tmp/$name.json" 2>"$tmp/$name.err"
	check "$name: import exits 0" '[ $? = 0 ]'
	check "$name: import warns of nothing" '[ ! -s "$tmp/$name.err" ]'
	"$QUIZ" check "$tmp/$name.json" >"$tmp/$name.check" 2>&1
	"$QUIZ" "$@" check >"$tmp/$name.check0" 2>&1
	# The imported bank checks as the exported one does: no error, and
	# the same lint findings (the fixture has two, on purpose).
	check "$name: the imported bank checks as the original" \
		'! grep -q "error:" "$tmp/$name.check" &&
		[ "$(grep -c warning: "$tmp/$name.check")" = \
			"$(grep -c warning: "$tmp/$name.check0")" ]'
	"$QUIZ" "$@" export --format json | jq -S "$norm" >"$tmp/$name.want"
	jq -S "$norm" "$tmp/$name.json" >"$tmp/$name.got"
	check "$name: same questions, answers, tags and key points" \
		'cmp -s "$tmp/$name.want" "$tmp/$name.got" && [ -s "$tmp/$name.got" ]'
	local n
	n=$("$QUIZ" "$@" list --format ids | wc -l)
	check "$name: as many questions" '[ "$(jq length "$tmp/$name.got")" = "$n" ]'
}
round_trip fixture --bank "$data/bank/fixture.json"
round_trip builtin

# The Anki export of the issue: imports, lists, exports and checks clean.
anki="$data/cards/anki-basic.csv"
"$QUIZ" import "$anki" >"$tmp/anki.json"
check "anki: imports" '[ $? = 0 ] && [ "$(jq ".questions | length" "$tmp/anki.json")" = 2 ]'
check "anki: lists" '[ "$("$QUIZ" --bank "$tmp/anki.json" list --tag ml --format ids | wc -l)" = 2 ]'
"$QUIZ" check "$tmp/anki.json" >"$tmp/anki.check" 2>&1
check "anki: checks clean" '[ $? = 0 ] && [ ! -s "$tmp/anki.check" ]'
"$QUIZ" --bank "$tmp/anki.json" export >"$tmp/anki2.csv"
"$QUIZ" import "$tmp/anki2.csv" >"$tmp/anki2.json"
check "anki: exports and imports again to the same bank" \
	'[ "$(jq -S "$norm" "$tmp/anki.json")" = "$(jq -S "$norm" "$tmp/anki2.json")" ]'
check "anki: ids are stable across imports" \
	'[ "$("$QUIZ" import "$anki" | jq -c "[.questions[].id]")" = "$(jq -c "[.questions[].id]" "$tmp/anki.json")" ]'
check_done
