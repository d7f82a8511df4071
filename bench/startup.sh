#!/bin/bash
# Start-up and listing speed: what a shell loop over `quiz list` pays per
# call, with the built-in bank and with a generated 20,000-question bank.
# Needs hyperfine (apt-get install hyperfine). Usage: bench/startup.sh [build]
set -eu
build=${1:-build}
quiz="$build/quiz"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk 'BEGIN {
	printf "{\"questions\":[";
	for (i = 0; i < 20000; i++)
		printf "%s{\"id\":\"q%d\",\"chapter\":\"c-%d\",\"tags\":[\"t%d\"],\"question\":\"Question number %d of a large bank?\",\"answer\":\"Answer %d, with a few more words to make it a realistic length for a model answer.\"}", (i ? "," : ""), i, i % 50, i % 7, i, i;
	print "]}";
}' >"$tmp/big.json"
hyperfine -N --warmup 5 --export-markdown "$tmp/out.md" \
	"$quiz list --chapter aie-8 --count 3 --seed 1 --format ids" \
	"$quiz show aie-8.1-q1" \
	"$quiz chapters" \
	"$quiz --bank $tmp/big.json list --chapter c-7 --format ids" \
	"$quiz --bank $tmp/big.json check"
cat "$tmp/out.md"
