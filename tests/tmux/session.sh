#!/bin/bash
# The terminal path of `quiz ask` and `quiz drill`, typed into a real
# terminal (tmux): libedit input over two lines, the self-grade taken with
# Enter, :skip, the summary, CJK input, Ctrl-C twice, and the drill
# countdown and time limit. Needs $QUIZ and $DATA (tests/data/session).
# Exit 77 (skipped) without tmux. Prints "N passed, N failed".
set -u
sock_prefix=quiz-test
. "$(dirname "$0")/lib.sh"

export XDG_DATA_HOME="$tmp/data" HOME="$tmp" TMPDIR="$tmp" NO_COLOR=1 LANG=C.UTF-8 LC_ALL=C.UTF-8
unset VISUAL EDITOR
bank="$DATA/bank.json"

# Starts a command in a fresh 100x40 window; its exit status lands in
# $tmp/status.
start() {
	rm -f "$tmp/status"
	new_server
	t new-session -d -x 100 -y 40 \
		"cd '$tmp'; $*; echo \$? > '$tmp/status'; sleep 60"
}
# 1. A new user's first session: same first question as `list`; the model
# answer typed over two lines scores >= 90%; Enter takes the self-grade;
# :skip; the summary; one history row.
args="--bank $bank --count 2 --seed 11"
first=$("$QUIZ" list $args --format ids | head -n 1)
second=$("$QUIZ" list $args --format ids | sed -n 2p)
start "$QUIZ $args"
if wait_for "1/2" && screen | grep -q "$first\$"; then ok; else fail "first question is not $first"; fi
answer=$("$QUIZ" show "$first" --bank "$bank" --field answer)
line1=${answer%%. *}.
line2=${answer#*. }
keys -l "$line1"; keys Enter
keys -l "$line2"; keys Enter
keys Enter
if wait_for "Self-grade"; then
	pct=$(screen | sed -n 's/^Score *\([0-9]*\)%.*/\1/p' | head -n 1)
	if [ -n "$pct" ] && [ "$pct" -ge 90 ]; then ok; else fail "model answer scored '$pct'%"; fi
else
	fail "no feedback after the answer"; screen >&2
fi
suggested=$(screen | sed -n 's/.*Self-grade again\/hard\/good\/easy \[\([a-z]*\)\].*/\1/p' | head -n 1)
keys Enter
if wait_for "2/2"; then ok; else fail "second question not shown"; fi
keys -l ":skip"; keys Enter
if wait_for "Summary" && wait_exit; then ok; else fail "no summary"; screen >&2; fi
if screen | grep -q "$second *skipped"; then ok; else fail "skip not in summary"; fi
[ "$(cat "$tmp/status" 2>/dev/null)" = 0 ] && ok || fail "exit status $(cat "$tmp/status" 2>/dev/null)"
hist="$XDG_DATA_HOME/quiz/history.csv"
if [ "$(grep -c ",$first," "$hist" 2>/dev/null)" = 1 ] &&
	grep -q ",$first,[0-9.]*,[a-z]*,$suggested,0,[0-9.]*,ask,[0-9a-f]\{16\},[^,]*,.*\$" "$hist"; then
	ok
else
	fail "history row for $first with rating '$suggested'"; cat "$hist" >&2
fi

# 2. Piped answers give the same score (with no history, so that the
# order is the first session's: ask puts due, then new questions first).
piped=$(printf '%s\n%s\n\n:skip\n' "$line1" "$line2" | XDG_DATA_HOME="$tmp/fresh" "$QUIZ" $args | sed -n 's/^Score *\([0-9]*\)%.*/\1/p' | head -n 1)
[ "$piped" = "$pct" ] && ok || fail "piped score $piped% != terminal $pct%"

# 3. Chinese typed through libedit is graded; Ctrl-C asks, a second quits
# with status 130 and keeps the answer.
start "$QUIZ --bank $bank --chapter t-2 --count 1 --seed 1"
wait_for "1/1" || fail "CJK question not shown"
keys -l "模型架构，数据质量"; keys Enter; keys Enter
if wait_for "Self-grade"; then
	if screen | grep -q "Matched" && screen | grep -A1 Matched | grep -q "模型架构"; then ok; else fail "CJK answer not matched"; screen >&2; fi
else
	fail "no feedback for CJK answer"; screen >&2
fi
keys C-c
if wait_for "Summary" && wait_exit; then ok; else fail "Ctrl-C at the self-grade did not end"; screen >&2; fi
start "$QUIZ --bank $bank --count 2 --seed 11"
wait_for "1/2"
keys -l "half an answer"
keys C-c
if wait_for "Press Ctrl-C again"; then ok; else fail "first Ctrl-C did not ask"; screen >&2; fi
keys C-c
if wait_exit && [ "$(cat "$tmp/status")" = 130 ] && screen | grep -q "not answered"; then ok; else fail "second Ctrl-C: status $(cat "$tmp/status" 2>/dev/null)"; screen >&2; fi

# :edit opens $EDITOR on a private file holding the answer so far; what is
# saved is the answer. :hint shows part of a missed point.
cat > "$tmp/editor.sh" <<'EOS'
#!/bin/sh
ls -l "$1" | cut -c1-10 > "$1.mode"
echo "p99 percentiles and outliers" >> "$1"
EOS
chmod +x "$tmp/editor.sh"
start "XDG_DATA_HOME='$tmp/fresh-edit' EDITOR='$tmp/editor.sh' $QUIZ --bank $bank --chapter t-1 --count 1 --seed 2"
wait_for "1/1"
keys -l ":hint"; keys Enter
if wait_for "Hint:"; then ok; else fail ":hint shows nothing"; screen >&2; fi
keys -l "user experience"; keys Enter
keys -l ":edit"; keys Enter
if wait_for "Self-grade"; then
	if screen | grep -A1 "^Matched" | grep -q "outliers" && screen | grep -q "1 hint"; then ok; else fail ":edit text not graded"; screen >&2; fi
	[ "$(cat "$tmp"/quiz-answer-*.mode 2>/dev/null)" = "-rw-------" ] && ok || fail ":edit file is not private"
else
	fail ":edit did not submit"; screen >&2
fi
keys Enter
wait_exit

# 4. The drill: a visible countdown, and --time 1 ends by itself.
start "$QUIZ drill --bank $bank --count 1 --time 5 --seed 3"
# Without libedit the time left is shown at each line start only.
tick='\[0:0[0-4]\] >'
ldd "$QUIZ" 2>/dev/null | grep -q libedit || tick='\[0:05\] >'
if wait_for "[0:0" && sleep 1.3 && screen | grep -qE "$tick"; then ok; else fail "no countdown"; screen >&2; fi
keys -l ":quit"; keys Enter
wait_exit
begin=$(date +%s.%N)
start "$QUIZ drill --bank $bank --count 1 --time 1 --report $tmp/report.md"
wait_for "1/1" && keys -l "user experience"
if wait_exit 6; then
	took=$(awk -v a="$begin" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	if awk -v t="$took" 'BEGIN { exit !(t < 4) }'; then ok; else fail "drill --time 1 took ${took}s"; fi
	if screen | grep -q "Drill report" && screen | grep -q "time ran out"; then ok; else fail "no drill report"; screen >&2; fi
	[ -s "$tmp/report.md" ] && grep -q "^# Drill report" "$tmp/report.md" && ok || fail "no Markdown report"
else
	fail "drill --time 1 did not end by itself"; screen >&2
fi

tmux_report
