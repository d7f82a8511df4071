# Sourced by the bench scripts: sets $data to the ASAG sets, which live next
# to the repository (../shared/benchmarks/asag) or, from a git worktree
# inside it, further up; ASAG_DIR overrides.
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
