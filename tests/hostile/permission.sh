#!/bin/bash
# Permission denied (issue 13, hostile inputs): an unreadable bank, notes
# and batch file give the system's message and exit 2. Root reads any file,
# so as root the commands run as nobody (setpriv); without setpriv the test
# is skipped (77).
set -u
: "${QUIZ:?set QUIZ to the quiz binary}"
export LC_ALL=C.UTF-8
unset QUIZ_BANK QUIZ_MAX_BANK_BYTES
as=()
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || { echo "root without setpriv: skipped"; exit 77; }
	as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cd "$tmp" || exit 99
printf '{"questions":[]}' >bank.json
printf '# Notes\n' >notes.md
printf 'id,answer\n' >batch.csv
chmod 000 bank.json notes.md batch.csv
export HOME=$tmp XDG_DATA_HOME=$tmp XDG_CONFIG_HOME=$tmp
if ! "${as[@]}" "$QUIZ" --version >/dev/null 2>&1; then
	echo "cannot run $QUIZ as nobody (a directory on its path is private): skipped"
	exit 77
fi
passed=0
failed=0
expect() {
	local want=$1
	shift
	local got
	got=$("${as[@]}" "$QUIZ" "$@" 2>&1 >/dev/null)
	local status=$?
	if [ "$got" = "$want" ] && [ $status = 2 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'quiz %s: exit %s, stderr:\n%s\nexpected exit 2 and:\n%s\n' \
			"$*" "$status" "$got" "$want" >&2
	fi
}
expect "quiz: bank.json: Permission denied
quiz: cannot use the bank: fix the problems above (quiz check)" \
	--bank bank.json list
expect "quiz: notes.md: Permission denied" import notes.md
expect "quiz: batch.csv: Permission denied" grade --batch batch.csv
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
