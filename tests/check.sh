# Sourced by the shell tests: check NAME CONDITION counts the condition
# (a string for eval) as passed or failed; check_done prints
# "N passed, N failed" and returns the status meson expects.
passed=0
failed=0
check() {
	if eval "$2"; then
		passed=$((passed + 1))
	else
		echo "FAIL: $1" >&2
		failed=$((failed + 1))
	fi
}
check_done() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}
