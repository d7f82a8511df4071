#!/bin/sh
# Agreement of `quiz grade --batch` with human grades on the two ASAG
# development sets (see bench/README.md). Run from the repository root
# after `meson setup build`: bench/asag.sh [BUILD_DIR]
set -eu
build=${1:-build}
. "$(dirname "$0")/asag_dir.sh"
# The bench programs are not built by default.
ninja -C "$build" quiz bench/asag >/dev/null
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
# Question-grouped 5-fold cross-validation of the score formula's constants.
"$asag" cv "$data/mohler-dev.tsv" pearson | grep '^cv: in-sample'
"$asag" cv "$data/beetle-train.tsv" auc | grep '^cv: in-sample'
