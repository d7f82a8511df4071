#!/bin/bash
# Golden CLI tests. Each tests/cli/*.test file holds one case:
#
#   # what the case checks (comment lines start with #)
#   args: list --chapter aie-8 --format ids     (shell words; $DATA = tests/data)
#   env: NAME=value                              (optional, repeatable)
#   exit: 0
#   --- stdin                                    (optional)
#   ...
#   --- stdout                                   (optional; omitted = must be empty)
#   ...
#   --- stdout contains                          (instead: each line must occur)
#   ...
#   --- stderr                                   (optional; omitted = not checked)
#   ...
#
# Run with QUIZ=path/to/quiz; every case gets a fresh XDG_DATA_HOME and
# XDG_CONFIG_HOME and LC_ALL=C.UTF-8. Prints "N passed, N failed".
set -u
: "${QUIZ:?set QUIZ to the quiz binary}"
here=$(cd "$(dirname "$0")" && pwd)
export DATA="$here/../data"
export LC_ALL=C.UTF-8
unset QUIZ_BANK QUIZ_CONFIG NO_COLOR EDITOR VISUAL
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_case() {
	local file=$1 section= args= expect_exit=0 line contains=0
	local -a envs=()
	: >"$tmp/stdin"; : >"$tmp/want_out"; rm -f "$tmp/want_err"
	while IFS= read -r line || [ -n "$line" ]; do
		case "$section:$line" in
		":#"*|":") ;;
		":args: "*) args=${line#args: } ;;
		":env: "*) envs+=("${line#env: }") ;;
		":exit: "*) expect_exit=${line#exit: } ;;
		*":--- stdin") section=stdin ;;
		*":--- stdout") section=stdout ;;
		*":--- stdout contains") section=stdout; contains=1 ;;
		*":--- stderr") section=stderr; : >"$tmp/want_err" ;;
		"stdin:"*) printf '%s\n' "$line" >>"$tmp/stdin" ;;
		"stdout:"*) printf '%s\n' "$line" >>"$tmp/want_out" ;;
		"stderr:"*) printf '%s\n' "$line" >>"$tmp/want_err" ;;
		*) echo "$file: cannot read line: $line" >&2; return 1 ;;
		esac
	done <"$file"
	rm -rf "$tmp/home"; mkdir -p "$tmp/home/data" "$tmp/home/config"
	eval "set -- $args"
	(
		cd "$here/../.." || exit 99
		export XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config"
		export HOME="$tmp/home"
		for e in "${envs[@]}"; do export "$(eval "printf '%s' \"$e\"")"; done
		exec "$QUIZ" "$@" <"$tmp/stdin" >"$tmp/out" 2>"$tmp/err"
	)
	local got_exit=$?
	local ok=1
	if [ "$got_exit" != "$expect_exit" ]; then
		echo "$file: exit $got_exit, expected $expect_exit" >&2; ok=0
	fi
	if [ $contains = 1 ]; then
		while IFS= read -r line; do
			if ! grep -qxF -- "$line" "$tmp/out"; then
				echo "$file: stdout lacks the line: $line" >&2; ok=0
			fi
		done <"$tmp/want_out"
	elif ! cmp -s "$tmp/out" "$tmp/want_out"; then
		echo "$file: stdout differs:" >&2
		diff -u "$tmp/want_out" "$tmp/out" | head -40 >&2; ok=0
	fi
	if [ -f "$tmp/want_err" ] && ! cmp -s "$tmp/err" "$tmp/want_err"; then
		echo "$file: stderr differs:" >&2
		diff -u "$tmp/want_err" "$tmp/err" | head -20 >&2; ok=0
	fi
	[ $ok = 1 ]
}

files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$here"/*.test)
for f in "${files[@]}"; do
	if run_case "$f"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $(basename "$f")" >&2
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
