#!/bin/sh
# SPDX-License-Identifier: MIT
# bench.sh [MB...] - time smtpcode check on a generated mixed mail log of each
# size (default 20 and 200 MB) next to wc -l, grep -c and an awk extractor
# run on the same file in the same run; print MB/s, CPU time, peak RSS and
# ratios. Not a test: numbers depend on the machine.
set -eu
: "${top_builddir:=.}"
prog="$top_builddir/tools/smtpcode"
gen="$top_builddir/tests/bench-gen"
[ -x "$prog" ] && [ -x "$gen" ] || { echo "bench.sh: build first (make bench)" >&2; exit 2; }
# The real binary, not libtool's wrapper script.
[ -x "$top_builddir/tools/.libs/smtpcode" ] && prog="$top_builddir/tools/.libs/smtpcode" &&
	export LD_LIBRARY_PATH="$top_builddir/src/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smtpcode-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }

# run NAME CMD...: best wall time of 3 runs of CMD on $log.
run() {
	name=$1
	shift
	best=
	for i in 1 2 3; do
		t0=$(now)
		"$@" <"$log" >/dev/null 2>&1 || true
		t1=$(now)
		best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN { t = b - a; if (best == "" || t < best) best = t; printf "%.4f", best }')
	done
	eval "time_$name=$best"
}

awk_extract='match($0, / said: [2-5][0-9][0-9][ -]/) { c = substr($0, RSTART + 7, 3); if (match($0, /in reply to [A-Za-z ]+ command/)) n[substr($0, RSTART + 12, RLENGTH - 20) " " c]++ } END { for (k in n) print k, n[k] }'

for mb in ${*:-20 200}; do
	log="$tmp/mail.log"
	"$gen" "$mb" >"$log"
	bytes=$(wc -c <"$log")
	cat "$log" >/dev/null   # warm the page cache
	run check "$prog" check --summary
	run wc wc -l
	run grep grep -c 'in reply to'
	run awk awk "$awk_extract"
	rss=$( { /usr/bin/time -f '%M %U %S' "$prog" check --summary <"$log" >/dev/null; } 2>&1 | tail -1)
	printf '\n%s MB log (%s bytes, %s lines)\n' "$mb" "$bytes" "$(wc -l <"$log")"
	printf '%-28s %9s %10s %14s\n' "command" "seconds" "MB/s" "vs check"
	for t in check wc grep awk; do
		eval "s=\$time_$t"
		awk -v n="$t" -v s="$s" -v c="$time_check" -v b="$bytes" 'BEGIN {
			label = n == "check" ? "smtpcode check --summary" : n == "wc" ? "wc -l" : n == "grep" ? "grep -c \"in reply to\"" : "awk extractor"
			printf "%-28s %9.3f %10.0f %13.2fx\n", label, s, b / s / 1e6, s / c }'
	done
	echo "$rss" | awk '{ printf "smtpcode check: peak RSS %d KiB, CPU %.2f s user + %.2f s system\n", $1, $2, $3 }'
done
