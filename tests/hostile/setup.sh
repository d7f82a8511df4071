# Makes the hostile inputs in the current directory (sourced by run.sh).
# Everything is deterministic: the "random" bytes come from a fixed seed.
ok='{"questions":[{"id":"x","question":"What?","answer":"That."}]}'
printf '%s' '{"questions":[{"id":"x"' >truncated.json
printf '%s' '{"questions":[{"id":"x",]}' >invalid.json
printf '%s' '{"questions":[{"id":5,"question":["a"],"answer":true}]}' >types.json
printf '{"questions":[{"id":"x","question":"caf\xe9?","answer":"A."}]}' >utf8.json
printf '%s' '{"questions":[{"id":"x","question":"a\u0000b","answer":"A."}]}' >nul-escape.json
printf '{"questions":[{"id":"x",\0"question":"Q?","answer":"A."}]}' >nul-byte.json
printf '{"questions":[\r\n{"id":"x","question":"Q?",\r\n"answer":"A.","colour":1}]}\r\n' >crlf.json
printf '\xef\xbb\xbf%s' "$ok" >bom.json
: >empty.json
mkdir -p dir.json bankdir
printf '%s' "$ok" >bankdir/a.json
mkfifo fifo.json bankdir/b.json
printf '%s' '{"questions":[{"id":"x","question":"Q?","answer":"A.","bad\u001b]0;pwned\u0007":1}]}' >esc-key.json
printf '%s' '{"questions":[{"id":"x","question":"Q?","answer":"A.","k\u001b[2J":1,"k\u001b[2J":2}]}' >esc-dup-key.json
printf '%s' '{"questions":[{"id":"x\u001b[2J","question":"Q?","answer":"A."}]}' >esc-id.json
printf '%s' '{"questions":[{"id":"x","question":"Q\u001b]0;pwned\u0007?","answer":"A."}]}' >esc-question.json
printf '%s' '{"questions":[{"id":"x","question":"Q\u009b2J?","answer":"A."}]}' >c1-question.json
printf '%s' '{"questions":[{"id":"x","question":"Q?","answer":"A.","tags":["t\u001b[2J"]}]}' >esc-tag.json
printf 'id,answer\n"\x1b]0;pwned\x07evil",an answer\n' >esc-id.csv
printf '# Notes\n\n## What is \x1b]0;pwned\x07 a title?\n\nAn answer about titles.\n' >esc-notes.md
head -c 10485760 /dev/zero | tr '\0' 'a' >10mb.txt
perl -e 'srand(13); print pack("C*", map { int(rand(256)) } 1 .. 3145728)' \
	>random.bin
{ printf 'id,answer\nx,"'; head -c 10485760 /dev/zero | tr '\0' 'a'; printf '"\n'; } >10mb.csv
printf '%s' '{"questions":[{"id":"lat","question":"Why track latency percentiles?","answer":"Percentiles show the tail latency that the mean hides.","keywords":[{"term":"tail latency"},{"term":"mean hides"}]}]}' >bank.json
mkdir -p notes.md
mkfifo fifo.md
truncate -s 300M big.json
perl -e 'print q({"questions":[{"id":"x","question":"Q?","answer":"A.",),
	join(",", map { qq("k$_":1) } 1 .. 200000), "}]}"' >many-keys.json
