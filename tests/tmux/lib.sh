# Shared by the tmux tests (sourced): a scratch directory, one fresh tmux
# server per start (reusing one races its shutdown), and helpers to read
# the screen and type. The test sets sock_prefix before sourcing, defines
# its own start(), and ends with tmux_report.
command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }

tmp=$(mktemp -d /tmp/quiz-tmux-XXXXXX)
n_sock=0
sock="$sock_prefix-$$-0"
t() { tmux -L "$sock" -f /dev/null "$@"; }
# A fresh server for the next start.
new_server() {
	t kill-server >/dev/null 2>&1
	n_sock=$((n_sock + 1))
	sock="$sock_prefix-$$-$n_sock"
}
cleanup() {
	t kill-server >/dev/null 2>&1
	sleep 0.2
	rm -rf "$tmp" 2>/dev/null || { sleep 1; rm -rf "$tmp"; }
}
trap cleanup EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
tmux_report() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}

screen() { t capture-pane -p -S -300 2>/dev/null; }
# Waits up to $2 seconds (default 5) for text $1 on the screen.
wait_for() {
	local i
	for ((i = 0; i < ${2:-5} * 20; i++)); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	return 1
}
# Waits up to $2 seconds (default 5) for file $1 to be non-empty.
wait_file() {
	local i
	for ((i = 0; i < ${2:-5} * 20; i++)); do
		[ -s "$1" ] && return 0
		sleep 0.05
	done
	return 1
}
# Waits for the command's exit status in $tmp/status.
wait_exit() { wait_file "$tmp/status" "${1:-5}"; }
keys() { t send-keys "$@" 2>/dev/null; }
