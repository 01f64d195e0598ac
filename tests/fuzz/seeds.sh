#!/bin/sh
# SPDX-License-Identifier: MIT
# seeds.sh SRCDIR NAME DIR - writes the seed inputs of fuzz target NAME
# into DIR: the test fixtures (tests/logs/) and a few hand-made inputs in
# the shape each target reads.
set -eu
srcdir=$1 name=$2 dir=$3
logs="$srcdir/tests/logs"
n=0
seed() { # seed PRINTF-FORMAT [ARG...]
	n=$((n + 1))
	# shellcheck disable=SC2059
	printf "$@" >"$dir/seed-$n"
}
fixtures() { # fixtures PREFIX-FORMAT: each log fixture after a prefix
	for f in "$logs"/*.log "$logs"/*.txt "$logs"/*.json; do
		n=$((n + 1))
		{ printf "$1"; cat "$f"; } >"$dir/seed-$n"
	done
}
case $name in
code)
	for s in 550 250 421 000 999 099 55 5500 " 550" "550 " 5x0; do seed '%s' "$s"; done ;;
command)
	for s in rfc821 RFC2821 rfc5321 rfc; do seed '%s' "$s"; done
	seed '\002\002\046RCPT'; seed '\000\000\372HELO'; seed '\001\001\302mail from'
	seed '\002\002\022STARTTLS'; seed '\002\001\366end-of-data'; seed '\002\001\377.'
	seed '\002\002\047AUTH'; seed '\002\002\011CONNECT' ;;
enhanced)
	for s in 5.1.1 4.7.0 2.0.0 5.7.30 5.01.1 6.1.1 5.1.1000 "5.1.1 user unknown" \
		"4.2.2	over quota"; do seed '%s' "$s"; done
	seed '\002\0465.1.1 <x@y>: unknown'; seed '\001\3654.4.1 timeout' ;;
reply)
	seed '250-first\n250-second\n250 last\n'; seed '250\n'; seed '334 \r\n'
	seed '550-a 550-b 550 5.1.1 c'; seed '220-x\n221 y\n'; fixtures ''
	# replies whose reason a phrase, a provider row or a code gives
	sed -n 's/^\([245][0-9][0-9][ -][^|]*\) | .*/\1/p' "$srcdir/tests/reasons.txt" | while IFS= read -r r; do
		n=$((n + 1))
		printf '%s' "$r" | sed 's/\\n/\n/g' >"$dir/seed-r$n"
	done ;;
logline)
	fixtures ''
	# a delivery status report's groups, a folded Diagnostic-Code, Postfix's
	# "said:" ending a line
	seed 'Final-Recipient: rfc822; x@y\nRemote-MTA: dns; mx\nDiagnostic-Code: smtp;\n    550 5.1.1 x\nREMOTE-MTA: dns; y\n\n<x@y>: host h[192.0.2.1] said:\n    550 a (in reply\n    to RCPT TO command)\n'
	seed 'SMTP error from remote server after RCPT command:\nhost h[192.0.2.1]:\n550 x\n'
	# the message rows (in a message: bare replies on): Exchange's "#550
	# ... ##", on one line, over several, cut short, at the end; an
	# "ADDRESS: REPLY" line, one without a code; a reply past 16 lines and
	# past the fold's text
	seed 'b@example.org\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\nmx.example.org #550-5.1.1 a\n  550-5.1.1 b\n550 5.1.1 c ##\n#550-5.1.1 cut\n\n<c@example.org>: 452 RCPT TO:<c@example.org> full\nd@x: Envelope expired\n<@>: 550 x\nRemote host said: 550 x [rcpt_to]\n\n501 Syntax error in RCPT TO\nThe error that the other server returned was: 550 550 5.1.1 x (state 14).\nThe error that the other server returned was: 550 550\nAdditional RCPT TO generated following response:\n550-5.1.1 a\n\nServer response to MAIL FROM:  553 x\nDATA command generated response:\nh #421-4.4.2 x\n421-4.4.2 y'
	seed 'h #550-5.1.1 x\n%s' "$(awk 'BEGIN { while (i++ < 20) { printf "550-5.1.1 "; for (k = 0; k < 30; k++) printf "abcdefgh"; printf "\n" } }')"
	# maddy's JSON members: a key inside a string, escapes cut short, lone
	# surrogates, a NUL, a code that is a string or too long, an enhanced
	# code too long, an object cut short, the text and recipient past the
	# scratch buffer
	seed 'smtp: RCPT error\t{"reason":"\\",\\"smtp_code\\":999,","smtp_code":550,"smtp_enchcode":"0.0.0","smtp_msg":"a\\u00e9\\ud83d\\ude00\\ud83d\\n\\u00","rcpt":"x\\u0000y"}\nqueue: delivery attempt failed#011{"smtp_code":5500}\nsmtp: DATA error {"smtp_code":"550","smtp_msg":"x\\\nsmtp: QUIT error\t{"smtp_code":421,"smtp_enchcode":"4.4.2.4.4.2.4.4.2.4.4.2.4.4.2.4","smtp_msg":"\\\nx error\t{\nx error\t\n error#01\n{"smtp_code":550}\n'
	seed 'smtp: RCPT error\t{"smtp_code":550,"smtp_msg":"%s","rcpt":"%s"}\n' "$(awk 'BEGIN { while (i++ < 1100) printf "a" }')" "$(awk 'BEGIN { while (i++ < 300) printf "\\u00e9" }')" ;;
logscan)
	fixtures ''
	# each marker of data/logformats.txt, at the start and the end of a line
	sed -n 's/^marker *| *"\([^"]*\)".*/\1/p' "$srcdir/data/logformats.txt" | while IFS= read -r m; do
		n=$((n + 1))
		printf '%s550 x\nab%s\n%s' "$m" "$m" "$m" >"$dir/seed-m$n"
	done ;;
check)
	fixtures '\100\000'; fixtures '\020\377'; fixtures '\377\022' ;;
merge)
	# summaries as check writes them, records beside them, and a few
	# that do not read
	sum='{"kind":"summary","summary":true,"lines":%s,"replies":2,"skipped":0,"problems":1,"verdicts":{"valid":1,"not-listed":1},"codes":{"250":1,"554":1},"commands":{"RCPT":1,"(none)":1},"hosts":[{"host":"mx.example.org[192.0.2.1]","replies":2,"problems":1},{"host":null,"replies":3,"problems":0}]}\n'
	seed "$sum" 7; seed "$sum$sum" 1
	seed '{"kind":"record","file":"a","line":1,"code":550}\n'"$sum" 3
	seed '{"kind":"summary","lines":1,"hosts":[{"host":"caf\\u00e9\\ud83d\\ude00","replies":1,"problems":1}]}\n'
	seed '{"kind":"summary","lines":-1}\n'; seed '{"kind":"summary","verdicts":{"fine":1}}\n'
	seed '{"kind":"summary","codes":{"5500":1}}\n'; seed 'lines read 3\n'
	seed '{"kind":"summary","files":2,"first_epoch":-5,"last_epoch":null}\n'
	seed '{"kind":"summary","first_epoch":9223372036854775808}\n'
	seed '{"kind":"summary","enhanced":{"5.1.1":2,"4.999.999":1,"(others)":3}}\n'
	seed '{"kind":"summary","hours":{"2026-09-01T00":{"replies":5,"problems":4},"2026-11-21T09":{"replies":2,"problems":1}}}\n'
	seed '{"kind":"summary","hours":{"0000-01-01T00":{"replies":1,"problems":0},"9999-12-31T23":{"replies":1,"problems":1},"2024-02-29T24":{"replies":1,"problems":0}}}\n'
	seed '{"kind":"summary","hours":{"2026-11-20T10":{"replies":5,"problems":4,"reasons":{"blocked":2,"undefined":1}},"2026-11-20T11":{"replies":1,"problems":1,"reasons":{"blocked":2}}}}\n'
	seed '{"kind":"summary","refused_domains":[{"name":"example.com","failures":3},{"name":null,"failures":2}],"refused_senders":[{"name":"<>","failures":1}],"refused_recipients":[{"name":"a@example.com","failures":1},{"name":"","failures":1}]}\n'
	seed '{"kind":"summary","lines":18446744073709551616}\n'; seed '[[[[[[[[[[1]]]]]]]]]]\n' ;;
*)
	echo "seeds.sh: no seeds for '$name'" >&2; exit 2 ;;
esac
