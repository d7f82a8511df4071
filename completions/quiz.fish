# fish completion for quiz(1). The commands and options come from
# `quiz --help`, so they never drift from the program; chapter ids, tags and
# question ids come from the bank (the --bank options already typed, else
# QUIZ_BANK or the built-in bank).

function __quiz_help
    quiz --help 2>/dev/null
end

function __quiz_commands
    __quiz_help | string replace -rf '^  quiz ([a-z]+).*' '$1'
end

function __quiz_options
    __quiz_help | string replace -rf -- '^ +(?:-[A-Za-z], )?--([a-z][a-z-]*).*' '--$1'
end

# The --bank options on the command line so far.
function __quiz_banks
    set -l tokens (commandline -opc)
    for i in (seq (count $tokens))
        if test "$tokens[$i]" = --bank; and test $i -lt (count $tokens)
            echo --bank
            echo $tokens[(math $i + 1)]
        else if string match -q -- '--bank=*' $tokens[$i]
            echo $tokens[$i]
        end
    end
end

function __quiz_no_command
    set -l tokens (commandline -opc)
    set -l commands (__quiz_commands)
    for t in $tokens[2..-1]
        contains -- $t $commands; and return 1
    end
    return 0
end

function __quiz_command_is
    set -l tokens (commandline -opc)
    contains -- $argv[1] $tokens[2..-1]
end

complete -c quiz -f
complete -c quiz -n __quiz_no_command -a '(__quiz_commands)'
complete -c quiz -n 'string match -q -- "-*" (commandline -ct)' -a '(__quiz_options)'
complete -c quiz -l format -x -a 'text json ndjson csv tsv ids'
complete -c quiz -l kind -x -a 'interview summary concept behavioral'
complete -c quiz -l color -x -a 'auto always never'
complete -c quiz -l colour -x -a 'auto always never'
complete -c quiz -l field -x -a 'question answer keywords'
complete -c quiz -l chapter -x -a '(quiz (__quiz_banks) chapters --format ids 2>/dev/null)'
complete -c quiz -l tag -x -a '(quiz (__quiz_banks) tags --format ids 2>/dev/null)'
complete -c quiz -l bank -r -F
complete -c quiz -l batch -r -F
complete -c quiz -l report -r -F
complete -c quiz -l rules -r -F
complete -c quiz -n '__quiz_command_is show; or __quiz_command_is grade' -a '(quiz (__quiz_banks) list --format ids 2>/dev/null)'
complete -c quiz -n '__quiz_command_is import; or __quiz_command_is check' -F
