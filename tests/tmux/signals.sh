#!/bin/bash
# SIGTERM and SIGHUP at a terminal prompt, typed into a real terminal
# (tmux). Regression tests for two bugs:
#  - sigterm-at-self-grade-loses-answer: the answer just graded was lost
#    when quiz was terminated at the self-grade prompt;
#  - sigterm-kills-parent-script: libedit re-sent SIGTERM to the whole
#    process group, so the shell script that started quiz died with it.
# Needs $QUIZ and $DATA (tests/data/session). Exit 77 (skipped) without
# tmux. Prints "N passed, N failed".
set -u
sock_prefix=quiz-signals
. "$(dirname "$0")/lib.sh"

export XDG_DATA_HOME="$tmp/data" HOME="$tmp" TMPDIR="$tmp" NO_COLOR=1 LANG=C.UTF-8 LC_ALL=C.UTF-8
bank="$DATA/bank.json"
history="$tmp/data/quiz/history.csv"
# Runs quiz in a fresh window under a parent script that prints AFTER and
# quiz's exit status once quiz is gone; quiz's pid lands in $tmp/pid.
start() {
	rm -f "$tmp/pid" "$tmp/status"
	new_server
	t new-session -d -x 100 -y 40 \
		"cd '$tmp'; bash -c 'bash -c \"echo \\\$\\\$ > $tmp/pid; exec $QUIZ $*\"; echo \$? > $tmp/status; echo AFTER'; sleep 60"
	wait_file "$tmp/pid"
}

for sig in TERM HUP; do
	want=143
	[ "$sig" = HUP ] && want=129
	rm -f "$history"
	start "--bank $bank --count 2 --seed 11"
	wait_for "1/2" || { fail "$sig: no question"; continue; }
	keys -l "user experience"; keys Enter; keys Enter
	if ! wait_for "Self-grade"; then
		fail "$sig: no self-grade prompt"; screen >&2; continue
	fi
	kill -"$sig" "$(cat "$tmp/pid")"
	if wait_file "$tmp/status"; then
		st=$(cat "$tmp/status")
		[ "$st" = "$want" ] && ok || fail "$sig: exit $st, want $want"
	else
		fail "$sig: quiz did not exit"; screen >&2; continue
	fi
	# sigterm-kills-parent-script
	if wait_for "AFTER" 2; then ok; else fail "$sig: the parent script died"; screen >&2; fi
	# sigterm-at-self-grade-loses-answer
	if [ -f "$history" ] && [ "$(grep -c ',ask,[0-9a-f]*,' "$history")" = 1 ]; then ok; else
		fail "$sig: the graded answer was not recorded"; cat "$history" >&2 2>/dev/null
	fi
	if screen | grep -q "Summary"; then ok; else fail "$sig: no summary"; screen >&2; fi
done

tmux_report
