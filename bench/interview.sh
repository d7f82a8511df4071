#!/bin/sh
# The grader against an interviewer's grades on the built-in bank's own
# questions (see bench/README.md). Run from the repository root after
# building: bench/interview.sh [BUILD_DIR]. INTERVIEW_DIR overrides where
# dev.csv is looked for (../shared/benchmarks/interview, or further up from
# a git worktree).
set -eu
build=${1:-build}
dir=${INTERVIEW_DIR:-}
if [ -z "$dir" ]; then
	for up in .. ../.. ../../..; do
		if [ -r "$up/shared/benchmarks/interview/dev.csv" ]; then
			dir=$up/shared/benchmarks/interview
			break
		fi
	done
fi
dev=${dir:-../shared/benchmarks/interview}/dev.csv
if [ ! -r "$dev" ]; then
	echo "interview.sh: cannot read $dev (set INTERVIEW_DIR)" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/bench/interview" answers "$dev" >"$tmp/answers.csv"
# Exit status 1 means a row failed to grade; the rows are still written.
"$build/quiz" grade --batch "$tmp/answers.csv" >"$tmp/out.csv"
"$build/bench/interview" metrics "$dev" "$tmp/out.csv"
