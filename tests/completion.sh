#!/bin/bash
# The shell completions (issue 12): bash's function driven through
# COMP_WORDS and COMP_CWORD as bash would; fish's through `complete -C`
# when fish is installed; zsh's checked for syntax when zsh is. Prints
# "N passed, N failed".
set -u
: "${QUIZ:?set QUIZ to the quiz binary}"
top=$(cd "$(dirname "$0")/.." && pwd)
fixture="$top/tests/data/bank/fixture.json"
unset QUIZ_BANK
# shellcheck source=check.sh
source "$(dirname "$0")/check.sh"
# shellcheck source=../completions/quiz.bash
source "$top/completions/quiz.bash"
complete_bash() { # the words, the last being the one completed
	COMP_WORDS=("$QUIZ" "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_quiz
	[ ${#COMPREPLY[@]} = 0 ] || printf '%s\n' "${COMPREPLY[@]}" |
		sort | tr '\n' ' '
}
has() { [[ " $1" == *" $2 "* ]]; }

got=$(complete_bash "")
check "bash: every command of --help" \
	'for c in $("$QUIZ" --help | sed -n "s/^  quiz \([a-z]*\).*/\1/p"); do has "$got" $c || exit 1; done'
check "bash: commands by prefix" '[ "$(complete_bash ch)" = "chapters check " ]'
check "bash: options by prefix" 'has "$(complete_bash list --co)" --count && has "$(complete_bash list --co)" --color'
check "bash: every option of --help" \
	'for o in $("$QUIZ" --help | grep -o -- "--[a-z][a-z-]*" | sort -u); do has "$(complete_bash list --)" "$o" || exit 1; done'
check "bash: --format values" '[ "$(complete_bash list --format "")" = "csv ids json ndjson text tsv " ]'
check "bash: --kind values" '[ "$(complete_bash --kind b)" = "behavioral " ]'
check "bash: --color values" '[ "$(complete_bash --color a)" = "always auto " ]'
check "bash: chapters of the built-in bank" \
	'[ "$(complete_bash list --chapter "")" = "$("$QUIZ" chapters --format ids | sort | tr "\n" " ")" ]'
check "bash: chapters of the --bank typed" \
	'[ "$(complete_bash --bank "$fixture" list --chapter aie)" = "aie-1.3 aie-8.1 aie-80 " ]'
check "bash: tags of the --bank typed" \
	'[ "$(complete_bash --bank "$fixture" --tag "")" = "$("$QUIZ" --bank "$fixture" tags --format ids | sort | tr "\n" " ")" ]'
check "bash: question ids after show" \
	'[ "$(complete_bash --bank "$fixture" show aie-8)" = "aie-8.1-q1 aie-80-q1 " ]'
check "bash: nothing after --count" '[ -z "$(complete_bash list --count "")" ]'
check "bash: the command after a valued option" '[ "$(complete_bash --count 3 li)" = "list " ]'

if command -v fish >/dev/null; then
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
	ln -s "$QUIZ" "$dir/quiz"
	complete_fish() {
		PATH="$dir:$PATH" fish --no-config -c \
			"source '$top/completions/quiz.fish'; complete -C '$1'" |
			cut -f1 | sort | tr '\n' ' '
	}
	check "fish: commands" '[ "$(complete_fish "quiz ch")" = "chapters check " ]'
	check "fish: --format values" '[ "$(complete_fish "quiz list --format ")" = "csv ids json ndjson text tsv " ]'
	check "fish: chapters of the --bank typed" \
		'[ "$(complete_fish "quiz --bank $fixture list --chapter aie")" = "aie-1.3 aie-8.1 aie-80 " ]'
	check "fish: options from --help" 'has "$(complete_fish "quiz list --co")" --count'
fi
if command -v zsh >/dev/null; then
	check "zsh: the completion parses" 'zsh -n "$top/completions/_quiz"'
fi
check_done
