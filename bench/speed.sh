#!/bin/sh
# Speed of the grader (see bench/README.md). From the repository root, after
# `meson setup build`: bench/speed.sh [BUILD_DIR]
#  1. normalization of English text: ASCII fast path vs utf8proc_map;
#  2. `quiz grade --batch` of 20,000 answers vs a pass that only loads the
#     same bank, reads the same CSV and normalizes the answers.
set -eu
build=${1:-build}
. "$(dirname "$0")/asag_dir.sh"
# The bench programs are not built by default.
ninja -C "$build" quiz bench/asag bench/speed >/dev/null
quiz=$build/quiz
asag=$build/bench/asag
speed=$build/bench/speed
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# English text: the student answers of both sets, one per line.
for set in mohler-dev beetle-train; do
	"$asag" answers "$data/$set.tsv" | tail -n +2
done >"$tmp/english.txt"
echo "== normalization (English answers)"
"$speed" norm "$tmp/english.txt" 2>/dev/null

# 20,000 answers against the Mohler bank (keyword-less: derived points).
"$asag" bank "$data/mohler-dev.tsv" >"$tmp/bank.json"
"$asag" answers "$data/mohler-dev.tsv" >"$tmp/one.csv"
{
	head -n 1 "$tmp/one.csv"
	i=0
	while [ $i -lt 18 ]; do
		tail -n +2 "$tmp/one.csv"
		i=$((i + 1))
	done
} | head -n 20001 >"$tmp/answers.csv"
rows=$(($(wc -l <"$tmp/answers.csv") - 1))

best() { # best of 5 wall-clock runs of "$@", in seconds
	b=
	for _ in 1 2 3 4 5; do
		s=$(date +%s.%N)
		"$@" >/dev/null
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then
			b=$t
		fi
	done
	echo "$b"
}
echo "== grade --batch ($rows answers, $(wc -c <"$tmp/answers.csv") bytes)"
tn=$(best "$speed" normonly "$tmp/bank.json" "$tmp/answers.csv")
tg=$(best "$quiz" --bank "$tmp/bank.json" grade --batch "$tmp/answers.csv")
printf 'normalize only  %.3f s\n' "$tn"
printf 'grade --batch   %.3f s\n' "$tg"
printf 'ratio           %.2f (target <= 1.5)\n' "$(echo "$tg / $tn" | bc -l)"
