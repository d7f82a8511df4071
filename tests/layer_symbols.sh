#!/bin/bash
# What each layer's static library calls: nothing defined by a layer above
# it, and no function of an external library that a layer above it owns
# (cJSON and libcsv belong to bank, libedit to app). So the grader library
# names no cJSON, libcsv or libedit function. Arguments, from meson.build:
# NM, then the layers lowest first, each followed by its library:
# "text LIB grader LIB bank LIB app LIB". Prints "N passed, N failed".
set -u
nm=$1
shift
names=()
libs=()
while [ $# -ge 2 ]; do
	names+=("$1")
	libs+=("$2")
	shift 2
done

# Functions of the external libraries, by the layer that owns them.
declare -A owned=(
	[bank]='^(cJSON_|csv_)'
	[app]='^(el_|rl_|tok_)|^(history|history_init|history_end|readline|add_history)$'
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in "${!libs[@]}"; do
	"$nm" --defined-only -g "${libs[$i]}" 2>/dev/null |
		awk 'NF == 3 { print $3 }' | sort -u >"$tmp/def$i"
	"$nm" -u "${libs[$i]}" | awk 'NF == 2 { print $2 }' | sort -u |
		comm -23 - "$tmp/def$i" >"$tmp/undef$i"
done

passed=0
failed=0
for i in "${!libs[@]}"; do
	bad=
	for ((j = i + 1; j < ${#libs[@]}; j++)); do
		up=$(comm -12 "$tmp/undef$i" "$tmp/def$j" | tr '\n' ' ')
		[ -n "$up" ] &&
			bad+="${names[$i]} calls ${names[$j]}: $up"$'\n'
		re=${owned[${names[$j]}]:-}
		if [ -n "$re" ]; then
			ext=$(grep -E "$re" "$tmp/undef$i" | tr '\n' ' ')
			[ -n "$ext" ] &&
				bad+="${names[$i]} calls ${names[$j]}'s library: $ext"$'\n'
		fi
	done
	if [ -z "$bad" ]; then
		passed=$((passed + 1))
	else
		printf '%s' "$bad" >&2
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
