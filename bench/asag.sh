#!/bin/sh
# Agreement of `quiz grade --batch` with human grades on the two ASAG
# development sets (see bench/README.md). Run from the repository root
# after building: bench/asag.sh [BUILD_DIR]
set -eu
build=${1:-build}
# The sets live next to the repository (../shared/benchmarks/asag); from a
# git worktree inside the repository, look further up.
data=${ASAG_DIR:-}
if [ -z "$data" ]; then
	for up in .. ../.. ../../..; do
		if [ -d "$up/shared/benchmarks/asag" ]; then
			data=$up/shared/benchmarks/asag
			break
		fi
	done
fi
data=${data:-../shared/benchmarks/asag}
quiz=$build/quiz
asag=$build/bench/asag
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for set in mohler-dev beetle-train; do
	tsv=$data/$set.tsv
	if [ ! -r "$tsv" ]; then
		echo "asag.sh: cannot read $tsv (set ASAG_DIR)" >&2
		exit 2
	fi
	"$asag" bank "$tsv" >"$tmp/bank.json"
	"$asag" answers "$tsv" >"$tmp/answers.csv"
	"$quiz" --bank "$tmp/bank.json" grade --batch "$tmp/answers.csv" \
		>"$tmp/scores.csv"
	echo "$set"
	"$asag" metrics "$tsv" "$tmp/scores.csv"
done
