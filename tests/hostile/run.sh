#!/bin/bash
# The hostile-input table (issue 13): each case of cases.txt runs one quiz
# command on an input made by setup.sh and must give exactly its exit status
# and messages. The format, one block a case, blank lines between:
#
#   name: what the case is
#   run: "$QUIZ" check truncated.json       (bash, in the inputs' directory)
#   exit: 2
#   out: a line stdout must be, in order    (none: stdout is not checked)
#   out-has: a line stdout must contain     (instead of out:)
#   err: a line stderr must be, in order    (none: stderr must be empty)
#
# Run with QUIZ=path/to/quiz. Prints "N passed, N failed".
set -u
: "${QUIZ:?set QUIZ to the quiz binary}"
here=$(cd "$(dirname "$0")" && pwd)
export QUIZ LC_ALL=C.UTF-8
unset QUIZ_BANK QUIZ_MAX_BANK_BYTES NO_COLOR EDITOR VISUAL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in" "$tmp/home"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" \
	XDG_CONFIG_HOME="$tmp/home/config"
cd "$tmp/in" || exit 99
# shellcheck source=setup.sh
. "$here/setup.sh"

passed=0
failed=0
run_case() {
	local name=$1 cmd=$2 want_exit=$3
	: >"$tmp/out"
	: >"$tmp/err"
	timeout 60 bash -c "$cmd" >"$tmp/out" 2>"$tmp/err" </dev/null
	local got=$? ok=1
	if [ "$got" != "$want_exit" ]; then
		echo "$name: exit $got, expected $want_exit" >&2
		ok=0
	fi
	if [ -s "$tmp/want_out" ] && ! cmp -s "$tmp/out" "$tmp/want_out"; then
		echo "$name: stdout differs:" >&2
		diff -u "$tmp/want_out" "$tmp/out" | head -20 | cut -c1-300 >&2
		ok=0
	fi
	while IFS= read -r line; do
		if ! grep -qxF -- "$line" "$tmp/out"; then
			echo "$name: stdout lacks the line: $line" >&2
			ok=0
		fi
	done <"$tmp/want_has"
	if ! cmp -s "$tmp/err" "$tmp/want_err"; then
		echo "$name: stderr differs:" >&2
		diff -u "$tmp/want_err" "$tmp/err" | head -20 | cut -c1-300 >&2
		ok=0
	fi
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $name" >&2
	fi
}

name= cmd= want_exit=
start() {
	name= cmd= want_exit=0
	: >"$tmp/want_out"
	: >"$tmp/want_has"
	: >"$tmp/want_err"
}
start
while IFS= read -r line || [ -n "$line" ]; do
	case $line in
	"#"*) ;;
	"")
		[ -n "$name" ] && run_case "$name" "$cmd" "$want_exit"
		start
		;;
	"name: "*) name=${line#name: } ;;
	"run: "*) cmd=${line#run: } ;;
	"exit: "*) want_exit=${line#exit: } ;;
	"out: "*) printf '%s\n' "${line#out: }" >>"$tmp/want_out" ;;
	"out-has: "*) printf '%s\n' "${line#out-has: }" >>"$tmp/want_has" ;;
	"err: "*) printf '%s\n' "${line#err: }" >>"$tmp/want_err" ;;
	*) echo "cases.txt: cannot read: $line" >&2; exit 99 ;;
	esac
done <"$here/cases.txt"
[ -n "$name" ] && run_case "$name" "$cmd" "$want_exit"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
