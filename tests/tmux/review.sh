#!/bin/bash
# The review screen typed into a real terminal (tmux), issue 15: a pasted
# answer with a blank line is one answer; Ctrl-D on a line with text
# submits it; `quiz grade ID` at a terminal says what it waits for; at 40
# columns no word is broken; a resize is followed; after Ctrl-Z and fg the
# prompt is drawn again. Needs $QUIZ and $DATA (tests/data/session). Exit
# 77 (skipped) without tmux. Prints "N passed, N failed".
set -u
sock_prefix=quiz-review
. "$(dirname "$0")/lib.sh"

export XDG_DATA_HOME="$tmp/data" HOME="$tmp" TMPDIR="$tmp" NO_COLOR=1 LANG=C.UTF-8 LC_ALL=C.UTF-8
unset VISUAL EDITOR
bank="$DATA/bank.json"

# start WIDTH COMMAND: the command in a fresh WIDTHx30 window; its exit
# status lands in $tmp/status.
start() {
	local width=$1
	shift
	rm -f "$tmp/status"
	new_server
	t new-session -d -x "$width" -y 30 \
		"cd '$tmp'; $*; echo \$? > '$tmp/status'; sleep 60"
}
# Pastes text as a terminal does (bracketed when quiz asked for it).
paste() { t set-buffer -- "$1" && t paste-buffer -p -d; }

# Every word of the model answer (and of the question) is on the screen
# whole: none was broken across lines.
words_whole() {
	local text=$1 w
	local flat
	flat=$(screen | sed 's/\[[+-]//g; s/\]//g' | tr -s ' \n' '\n\n')
	for w in $(printf '%s' "$text" | tr -s ' ' '\n' | sed 's/[.,?();]//g'); do
		printf '%s\n' "$flat" | sed 's/[.,?();]//g' | grep -qxF -- "$w" ||
			{ echo "broken word: $w" >&2; return 1; }
	done
}

q1=t-1-q1
answer1=$("$QUIZ" show "$q1" --bank "$bank" --field answer)
question1=$("$QUIZ" show "$q1" --bank "$bank" --field question)

# 1. A pasted answer with a blank line stays one answer; a blank line
# typed by hand ends it.
start 100 "$QUIZ --bank $bank --chapter t-1 --count 1 --seed 2 --format ndjson > $tmp/out.ndjson"
wait_for "1/1" || fail "paste: no question"
paste $'para one about user experience\n\npara two about outliers'
sleep 0.3
keys Enter
keys Enter
if wait_for "Self-grade" && ! screen | grep -q "type an answer"; then ok; else fail "paste: no feedback"; screen >&2; fi
keys Enter
wait_exit
if grep -q '"answer":"para one about user experience\\n\\npara two about outliers"' "$tmp/out.ndjson"; then ok; else
	fail "paste: the answer lost text"; cat "$tmp/out.ndjson" >&2
fi

# 2. Ctrl-D on a line with text submits the answer.
start 100 "$QUIZ --bank $bank --chapter t-1 --count 1 --seed 2"
wait_for "1/1"
keys -l "user experience and outliers"
keys C-d
if wait_for "Self-grade" 3; then ok; else fail "Ctrl-D after text did not submit"; screen >&2; fi
keys Enter
wait_exit

# 3. `quiz grade ID` at a terminal says what it waits for; an empty line
# ends the answer.
start 100 "$QUIZ --bank $bank grade $q1"
if wait_for "Type the answer to $q1"; then ok; else fail "grade: no prompt"; screen >&2; fi
keys -l "user experience, p99 and outliers"; keys Enter; keys Enter
if wait_exit && screen | grep -q "^$q1: [0-9]*%"; then ok; else fail "grade: no result"; screen >&2; fi

# 4. At 40 columns: the question, feedback, a Chinese answer and the
# summary break between words; :hint works. The first question depends
# on the history the steps above left (due, then new), so ask list.
first_of() {
	q1=$("$QUIZ" list --bank "$bank" "$@" --format ids | head -n 1)
	answer1=$("$QUIZ" show "$q1" --bank "$bank" --field answer)
	question1=$("$QUIZ" show "$q1" --bank "$bank" --field question)
}
first_of --count 2 --seed 11
start 40 "$QUIZ --bank $bank --count 2 --seed 11"
wait_for "1/2"
keys -l ":hint"; keys Enter
if wait_for "Hint:"; then ok; else fail "40 columns: no hint"; screen >&2; fi
keys -l "user experience"; keys Enter; keys Enter
wait_for "Self-grade" || fail "40 columns: no feedback"
if words_whole "$answer1" && words_whole "$question1"; then ok; else fail "40 columns: a word broken"; screen >&2; fi
keys Enter
wait_for "2/2"
keys -l "模型架构，数据质量"; keys Enter; keys Enter
wait_for "Self-grade a/h/g/e" || fail "40 columns: no short self-grade prompt"
keys Enter
if wait_for "Summary" && wait_exit && screen | grep -q "answering"; then ok; else fail "40 columns: no summary"; screen >&2; fi

# 5. A resize is followed: after the pane narrows to 40 columns, the
# next feedback fits it.
first_of --chapter t-1 --count 1 --seed 2
start 100 "$QUIZ --bank $bank --chapter t-1 --count 1 --seed 2"
wait_for "1/1"
t resize-window -x 40 2>/dev/null
sleep 0.3
keys -l "user experience"; keys Enter; keys Enter
if wait_for "Self-grade"; then
	wide=$(screen | sed -n '/^Score/,/^Self-grade/p' | while IFS= read -r l; do [ "$(printf '%s' "$l" | wc -L)" -gt 40 ] && printf '%s\n' "$l"; done | head -n 1)
	[ -z "$wide" ] && ok || { fail "resize: a line wider than 40: $wide"; screen >&2; }
	words_whole "$answer1" && ok || fail "resize: a word broken"
else
	fail "resize: no feedback"; screen >&2
fi
keys Enter
wait_exit

# 6. Ctrl-Z and fg: the prompt and what was typed are drawn again.
start 100 "bash --norc --noprofile -i"
sleep 0.5
keys -l "PS1='$ ' $QUIZ --bank $bank --chapter t-1 --count 1 --seed 2"; keys Enter
wait_for "1/1" || fail "Ctrl-Z: no question"
keys -l "half typed"
sleep 0.2
keys C-z
if wait_for "Stopped"; then
	keys -l "fg"; keys Enter
	sleep 0.5
	# The last line with text is the prompt again, after the shell's;
	# with libedit the line typed so far too (without it, the terminal
	# driver drops a half-typed line on Ctrl-Z).
	want="> half typed"
	ldd "$QUIZ" 2>/dev/null | grep -q libedit || want=">"
	last=$(screen | grep -v '^ *$' | tail -n 1 | sed 's/ *$//')
	if [ "$last" = "$want" ]; then ok; else
		fail "Ctrl-Z: prompt not redrawn after fg: '$last'"; screen >&2
	fi
	[ "$want" = ">" ] && keys -l "half typed"
	keys Enter; keys Enter
	if wait_for "Self-grade"; then ok; else fail "Ctrl-Z: no feedback after fg"; screen >&2; fi
else
	fail "Ctrl-Z: not stopped"; screen >&2
fi

tmux_report
