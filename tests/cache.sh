#!/bin/bash
# The compiled bank cache (src/cache.c) changes no result: a bank exports
# the same with no cache, when the cache is written and when it is read;
# a bank changed under the same size and mtime is not served from the
# cache; a damaged cache is ignored; duplicate-id positions are the same;
# and readers racing a writer of the bank see one version or the other.
# Usage: cache.sh QUIZ GENBANK. Prints "N passed, N failed".
set -u
quiz=$1
genbank=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() {
	echo "FAIL: $*" >&2
	failed=$((failed + 1))
}
same() { # NAME FILE1 FILE2
	if cmp -s "$2" "$3"; then ok; else fail "$1"; fi
}

# Over BANK_CACHE_MIN (256 KiB), so that it is cached.
"$genbank" 600 >"$tmp/bank.json"
export XDG_CACHE_HOME=$tmp/cache
nocache() { XDG_CACHE_HOME=/dev/null/none "$quiz" "$@"; }
export_json() { "$quiz" --bank "$tmp/bank.json" export --format json; }

nocache --bank "$tmp/bank.json" export --format json >"$tmp/none.json"
export_json >"$tmp/cold.json"
n=$(find "$tmp/cache/quiz" -name '*.bank' 2>/dev/null | wc -l)
if [ "$n" = 1 ]; then ok; else fail "one cache file written ($n)"; fi
cache=$(find "$tmp/cache/quiz" -name '*.bank' | head -n 1)
export_json >"$tmp/warm.json"
same "cold cache" "$tmp/none.json" "$tmp/cold.json"
same "warm cache" "$tmp/none.json" "$tmp/warm.json"

# The warm run read the cache: an answer changed in the cache file (same
# length) shows. A test that cannot fail would pass without a cache.
cp "$cache" "$tmp/saved"
LC_ALL=C sed -i 's/regularization/REGULARIZATION/' "$cache"
export_json >"$tmp/tampered.json"
if cmp -s "$tmp/none.json" "$tmp/tampered.json"; then
	fail "the warm run read the cache"
else
	ok
fi
cp "$tmp/saved" "$cache"

# Never stale: the same size and mtime, one word changed.
touch -r "$tmp/bank.json" "$tmp/stamp"
LC_ALL=C sed -i '0,/"answer":"/s//"answer":"X/; 0,/regularization/s//egularization/' \
	"$tmp/bank.json"
touch -r "$tmp/stamp" "$tmp/bank.json"
nocache --bank "$tmp/bank.json" export --format json >"$tmp/none2.json"
export_json >"$tmp/changed.json"
if cmp -s "$tmp/none.json" "$tmp/none2.json"; then
	fail "the changed bank differs"
else
	ok
fi
same "changed bank, same size and mtime" "$tmp/none2.json" "$tmp/changed.json"

# A damaged (truncated) cache is ignored and rewritten.
export_json >/dev/null
head -c 5000 "$cache" >"$tmp/half" && cp "$tmp/half" "$cache"
export_json >"$tmp/damaged.json"
same "damaged cache" "$tmp/none2.json" "$tmp/damaged.json"
export_json >"$tmp/rewritten.json"
same "rewritten cache" "$tmp/none2.json" "$tmp/rewritten.json"

# Diagnostics of cached questions keep their file:line:col.
cp "$tmp/bank.json" "$tmp/twin.json"
dup() {
	"$@" --bank "$tmp/bank.json" --bank "$tmp/twin.json" list 2>&1 |
		head -n 3
}
dup nocache >"$tmp/dup-none"
dup "$quiz" >/dev/null
dup "$quiz" >"$tmp/dup-warm"
if grep -q "duplicate id \"g0\" (first at $tmp/bank.json:2:1)" \
	"$tmp/dup-none"; then ok; else fail "duplicate id reported"; fi
same "duplicate ids from the cache" "$tmp/dup-none" "$tmp/dup-warm"

# Readers racing a writer: each sees bank A or bank B (or, in the middle
# of a write, invalid JSON), never a cache of the other.
"$genbank" 700 >"$tmp/b.json"
cp "$tmp/b.json" "$tmp/race.json"
nocache --bank "$tmp/b.json" export --format json >"$tmp/out-b"
nocache --bank "$tmp/bank.json" export --format json >"$tmp/out-a"
(
	for _ in $(seq 40); do
		cp "$tmp/bank.json" "$tmp/race.json"
		cp "$tmp/b.json" "$tmp/race.json"
	done
) &
writer=$!
bad=0
for i in $(seq 30); do
	if "$quiz" --bank "$tmp/race.json" export --format json \
		>"$tmp/r$i" 2>/dev/null; then
		cmp -s "$tmp/r$i" "$tmp/out-a" || cmp -s "$tmp/r$i" "$tmp/out-b" ||
			bad=$((bad + 1))
	fi
done
wait "$writer"
if [ "$bad" = 0 ]; then ok; else fail "$bad racing reads saw a mix"; fi
"$quiz" --bank "$tmp/race.json" export --format json >"$tmp/after"
same "after the race" "$tmp/out-b" "$tmp/after"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
