#!/bin/bash
# `DESTDIR=... meson install` puts the program, the man pages and the shell
# completions where each shell looks (issue 12). Arguments: the build
# directory, the prefix, the data directory (relative to the prefix) and
# the bash completion directory meson chose. Prints "N passed, N failed".
set -u
build=$1
prefix=$2
datadir=$3
bash_dir=$4
case $bash_dir in /*) ;; *) bash_dir="$prefix/$bash_dir" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=check.sh
source "$(dirname "$0")/check.sh"
DESTDIR="$tmp" meson install -C "$build" --no-rebuild --quiet >"$tmp.log" 2>&1
check "meson install succeeds" '[ $? = 0 ] || { cat "$tmp.log" >&2; false; }'
rm -f "$tmp.log"
check "the program and quiz(1)" \
	'[ -x "$tmp$prefix/bin/quiz" ] && [ -n "$(find "$tmp$prefix" -name "quiz.1*")" ]'
check "bash completion in $bash_dir" '[ -f "$tmp$bash_dir/quiz" ]'
check "zsh completion in site-functions" '[ -f "$tmp$prefix/$datadir/zsh/site-functions/_quiz" ]'
check "fish completion in vendor_completions.d" '[ -f "$tmp$prefix/$datadir/fish/vendor_completions.d/quiz.fish" ]'
check "the installed bash completion defines _quiz" \
	'bash -c "source \"$tmp$bash_dir/quiz\" && complete -p quiz" >/dev/null'
check_done
