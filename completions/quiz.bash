# bash completion for quiz(1). The commands and options come from
# `quiz --help` of the quiz being completed, so they never drift from the
# program; chapter ids, tags and question ids come from its bank (the
# --bank options already typed, else QUIZ_BANK or the built-in bank).

# Prints the commands (what) or the options, one a line; "options=" the
# options that take a value.
_quiz_help()
{
	local what=$1 line
	while IFS= read -r line; do
		case $what in
		commands)
			[[ $line =~ ^\ \ quiz\ ([a-z]+) ]] &&
				printf '%s\n' "${BASH_REMATCH[1]}"
			;;
		options | options=)
			[[ $line =~ ^\ +(-[A-Za-z],\ )?(--[a-z][a-z-]*)(\ [A-Z]+)? ]] ||
				continue
			[[ $what == options || -n ${BASH_REMATCH[3]} ]] &&
				printf '%s\n' "${BASH_REMATCH[2]}"
			;;
		esac
	done < <("$2" --help 2>/dev/null)
}

_quiz()
{
	local cur=${COMP_WORDS[COMP_CWORD]}
	local prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	local quiz=${COMP_WORDS[0]}
	local -a bank=() commands=()
	local takes_value=$'\n'$(_quiz_help options= "$quiz")$'\n'
	mapfile -t commands < <(_quiz_help commands "$quiz")
	local i word cmd= n_args=0
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		case $word in
		--bank) bank+=(--bank "${COMP_WORDS[i + 1]}") ;;
		--bank=*) bank+=("$word") ;;
		esac
		if [[ $word == -* ]]; then
			[[ $takes_value == *$'\n'$word$'\n'* ]] && ((i++))
		elif [[ -z $cmd && " ${commands[*]} " == *" $word "* ]]; then
			cmd=$word
		else
			((n_args++))
		fi
	done
	COMPREPLY=()
	local words=
	case $prev in
	--format) words="text json ndjson csv tsv ids" ;;
	--kind) words="interview summary concept behavioral" ;;
	--color | --colour) words="auto always never" ;;
	--field) words="question answer keywords" ;;
	--chapter)
		words=$("$quiz" "${bank[@]}" chapters --format ids 2>/dev/null)
		;;
	--tag) words=$("$quiz" "${bank[@]}" tags --format ids 2>/dev/null) ;;
	--bank | --batch | --report | --rules)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	*)
		# Another option that takes a value (a number, a date): none
		# to offer.
		[[ $prev == -* && $takes_value == *$'\n'$prev$'\n'* ]] && return
		if [[ $cur == -* ]]; then
			words=$(_quiz_help options "$quiz")
		elif [[ -z $cmd ]]; then
			words=${commands[*]}
		elif [[ ($cmd == show || $cmd == grade) && $n_args == 0 ]] ||
			[[ $cmd == show ]]; then
			words=$("$quiz" "${bank[@]}" list --format ids 2>/dev/null)
		elif [[ $cmd == import || $cmd == check ]]; then
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			return
		fi
		;;
	esac
	mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
}

complete -F _quiz quiz
