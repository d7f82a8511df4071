#!/bin/bash
# The exe_wrapper of `meson test --setup=valgrind`: runs each program of
# ours under memcheck, failing on any error or leak. A script test (bash)
# is not itself checked; the quiz it runs ($QUIZ) is, through a wrapper
# script put in its place. Other programs (mandoc, nm) run as they are.
# Usage: valgrind.sh BUILD_ROOT PROGRAM [ARG...]
set -u
build=$1
shift
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full
	--show-leak-kinds=definite,indirect,possible
	--errors-for-leak-kinds=definite,indirect,possible
	--num-callers=30)
case $1 in
"$build"/*)
	exec "${vg[@]}" "$@"
	;;
*/bash | bash)
	if [ -n "${QUIZ:-}" ]; then
		dir=$(mktemp -d)
		printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${vg[*]}" "$QUIZ" \
			>"$dir/quiz"
		chmod 755 "$dir" "$dir/quiz"
		QUIZ=$dir/quiz "$@"
		status=$?
		rm -rf "$dir"
		exit $status
	fi
	exec "$@"
	;;
*)
	exec "$@"
	;;
esac
