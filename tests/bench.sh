#!/bin/sh
# SPDX-License-Identifier: MIT
# bench.sh [MB...] - the benchmarks behind "make bench". Not a test: the
# figures depend on the machine; each is printed next to a baseline run in
# the same process or on the same file in the same run, with the ratio.
#   1. lookups: ns per call and instructions per call (callgrind, net of
#      the benchmark's own loop) against a naive linear scan;
#   2. smtpcode check on a generated mixed log of each size (default 20 and
#      200 MB) next to wc -l, grep -c and an awk extractor: MB/s, CPU time,
#      peak RSS; check on the first size through each marker scan path
#      (SMTPCODE_SCAN) next to wc -l, interleaved, with each path's gain
#      over the simpler one (a path must gain 5% to be kept); and the first
#      size gzipped, read in the process against zcat | smtpcode check -
#      and zcat alone;
#   3. scaling: check over $BENCH_SCALE MB (default 20 50 100 200), and
#      -S rfc821 against the default standard, and the log dated September
#      against November;
#   4. start-up: the installed "smtpcode 550" against /bin/true.
set -eu
: "${top_builddir:=.}"
prog="$top_builddir/tools/smtpcode"
gen="$top_builddir/tests/bench-gen"
lookup="$top_builddir/tests/bench-lookup"
[ -x "$prog" ] && [ -x "$gen" ] && [ -x "$lookup" ] ||
	{ echo "bench.sh: build first (make bench)" >&2; exit 2; }
# The real programs, not libtool's wrapper scripts.
if [ -x "$top_builddir/tools/.libs/smtpcode" ]; then
	prog="$top_builddir/tools/.libs/smtpcode"
	lookup="$top_builddir/tests/.libs/bench-lookup"
	[ -x "$lookup" ] || lookup="$top_builddir/tests/bench-lookup"
	export LD_LIBRARY_PATH="$top_builddir/src/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smtpcode-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'), $(nproc --all 2>/dev/null || echo '?') cores"

# ---- 1. Lookups ---------------------------------------------------------
echo
echo "== Lookups: ns per call (best of 5), naive linear scan in the same program"
"$lookup"

# instr PATH fast|naive: instructions per call, from two callgrind runs.
instr() {
	a=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$lookup" "$1" "$2" 0 2>&1 |
		sed -n 's/.*Collected : //p')
	b=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$lookup" "$1" "$2" 200000 2>&1 |
		sed -n 's/.*Collected : //p')
	echo $(( (b - a) / 200000 ))
}
# allocs PATH: heap allocations of 200,000 calls, less those of none.
allocs() {
	a=$(valgrind "$lookup" "$1" fast 0 2>&1 | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,)
	b=$(valgrind "$lookup" "$1" fast 200000 2>&1 | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,)
	echo $(( b - a ))
}
if command -v valgrind >/dev/null 2>&1; then
	echo
	echo "== Lookups: instructions per call (callgrind; the loop's own $(instr empty fast) subtracted);"
	echo "   allocs: heap allocations made by 200,000 calls (valgrind)"
	loop=$(instr empty fast)
	printf '%-10s %10s %10s %8s %7s  %s\n' path smtpcode naive ratio allocs target
	for p in code-int code-text command alias validity enhanced line; do
		f=$(( $(instr "$p" fast) - loop ))
		n=$(( $(instr "$p" naive) - loop ))
		al=$(allocs "$p")
		case $p in
		code-text) target="<= 30" ;;
		validity) target="<= 80 (command lookup + validity)" ;;
		enhanced) target="<= 80" ;;
		*) target="" ;;
		esac
		awk -v p="$p" -v f="$f" -v n="$n" -v t="$target" -v a="$al" \
			'BEGIN { printf "%-10s %10d %10d %7.1fx %7s  %s\n", p, f, n, n / (f > 0 ? f : 1), a, t }'
	done
else
	echo "(valgrind not found: no instruction counts)"
fi

# ---- 2. smtpcode check against other tools on the same file --------------
now() { date +%s.%N; }

# A one-process command and its baselines run on one CPU: on a virtual
# machine one core can run a third slower than the other (measured here:
# 0.155 s against 0.236 s for the same check), which best-of-3 does not
# hide. A pipeline (zcat | smtpcode) runs where the system puts it.
pin=
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
	pin="taskset -c 0"
	echo "one-process runs on CPU 0 (taskset)"
fi

# run NAME CMD...: wall times of $runs runs of CMD on $log: the best in
# time_NAME, "median max" in spread_NAME.
runs=${BENCH_RUNS:-5}
run() {
	name=$1
	shift
	times=
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(now)
		$pin "$@" <"$log" >/dev/null 2>&1 || true
		t1=$(now)
		times="$times $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')"
		i=$((i + 1))
	done
	set -- $(printf '%s\n' $times | sort -n | awk '{ t[NR] = $1 } END { printf "%s %s %s", t[1], t[int((NR + 1) / 2)], t[NR] }')
	eval "time_$name=$1; spread_$name='$2 $3'"
}

awk_extract='match($0, / said: [2-5][0-9][0-9][ -]/) { c = substr($0, RSTART + 7, 3); if (match($0, /in reply to [A-Za-z ]+ command/)) n[substr($0, RSTART + 12, RLENGTH - 20) " " c]++ } END { for (k in n) print k, n[k] }'
log="$tmp/mail.log"

echo "each time: the best of $runs runs, then the median and the slowest"
for mb in ${*:-20 200}; do
	"$gen" "$mb" >"$log"
	bytes=$(wc -c <"$log")
	cat "$log" >/dev/null   # warm the page cache
	run wc wc -l
	run check "$prog" check
	run summary "$prog" check --summary
	run all "$prog" check --all
	run json "$prog" check --all --json
	run grep grep -c 'in reply to'
	run awk awk "$awk_extract"
	rss=$( { /usr/bin/time -f '%M %U %S' "$prog" check --all --json <"$log" >/dev/null; } 2>&1 | tail -1)
	printf '\n== check: %s MB log (%s bytes, %s lines)\n' "$mb" "$bytes" "$(wc -l <"$log")"
	printf '%-30s %8s %17s %8s %12s\n' "command" "seconds" "(median, slowest)" "MB/s" "vs wc -l"
	for t in wc check summary all json grep awk; do
		eval "s=\$time_$t; sp=\$spread_$t"
		awk -v n="$t" -v s="$s" -v sp="$sp" -v w="$time_wc" -v b="$bytes" 'BEGIN {
			split(sp, m, " ")
			label = n == "wc" ? "wc -l" : n == "check" ? "smtpcode check (problems)" : \
			        n == "summary" ? "smtpcode check --summary" : n == "all" ? "smtpcode check --all" : \
			        n == "json" ? "smtpcode check --all --json" : \
			        n == "grep" ? "grep -c \"in reply to\"" : "awk extractor"
			target = n == "check" ? " (target 3x)" : n == "json" ? " (target 12x)" : ""
			printf "%-30s %8.3f  (%6.3f, %6.3f) %8.0f %11.1fx%s\n", label, s, m[1], m[2], b / s / 1e6, s / w, target }'
	done
	echo "$rss" | awk '{ printf "smtpcode check --all --json: peak RSS %d KiB, CPU %.2f s user + %.2f s system\n", $1, $2, $3 }'
done

# ---- 2c. The marker scan's paths --------------------------------------------
# check (problems) through each scan path this build and CPU have, beside
# wc -l, on the first size's log: rounds of one run of each, interleaved
# (a core's speed drifts over minutes), pinned as above. A path is kept
# only when it takes at least 5% less time than the simpler one before it
# (SSE2 was taken out so: no faster than the bytes).
scans=
for p in ${BENCH_SCANS:-byte avx2}; do
	SMTPCODE_SCAN=$p "$prog" check </dev/null >/dev/null 2>&1 && scans="$scans $p"
done
srounds=${BENCH_SCAN_RUNS:-11}
"$gen" "${1:-20}" >"$log"
cat "$log" >/dev/null
: >"$tmp/scan.times"
i=0
while [ $i -lt "$srounds" ]; do
	for p in wc $scans; do
		t0=$(now)
		if [ "$p" = wc ]; then
			$pin wc -l <"$log" >/dev/null 2>&1 || true
		else
			SMTPCODE_SCAN=$p $pin "$prog" check <"$log" >/dev/null 2>&1 || true
		fi
		t1=$(now)
		echo "$p $t0 $t1" >>"$tmp/scan.times"
	done
	i=$((i + 1))
done
printf '\n== check by marker scan path (SMTPCODE_SCAN): the %s MB log, %s interleaved rounds\n' \
	"${1:-20}" "$srounds"
printf '%-12s %8s %17s %9s  %s\n' "path" "median" "(best, slowest)" "vs wc -l" "vs the path before (kept at >= 5% less time)"
for p in wc $scans; do
	awk -v p="$p" '$1 == p { printf "%.4f\n", $3 - $2 }' "$tmp/scan.times" | sort -n |
		awk '{ t[NR] = $1 } END { printf "%s %s %s\n", t[int((NR + 1) / 2)], t[1], t[NR] }' >"$tmp/scan.$p"
done
prev=
for p in wc $scans; do
	read -r med best slow <"$tmp/scan.$p"
	read -r wmed wbest wslow <"$tmp/scan.wc"
	if [ "$p" != wc ] && [ -n "$prev" ]; then
		read -r pmed pbest pslow <"$tmp/scan.$prev"
	else
		pmed=
	fi
	awk -v p="$p" -v m="$med" -v b="$best" -v s="$slow" -v w="$wmed" -v q="$pmed" -v prev="$prev" 'BEGIN {
		label = p == "wc" ? "wc -l" : p
		cmp = ""
		if (q != "") {
			gain = 1 - m / q
			cmp = sprintf("%.0f%% less time than %s: %s", 100 * gain, prev, gain >= 0.05 ? "kept" : "NOT 5% less: take it out")
		}
		printf "%-12s %8.4f  (%6.4f, %6.4f) %8.1fx  %s\n", label, m, b, s, m / w, cmp }'
	[ "$p" = wc ] || prev=$p
done

# ---- 2a. Where check's instructions go ------------------------------------
if command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
	"$gen" "${1:-20}" >"$log"
	bytes=$(wc -c <"$log")
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$prog" check "$log" \
		>/dev/null 2>&1 || true
	printf '\n== check (problems) on the %s MB log: callgrind instructions per byte, by source file\n' "${1:-20}"
	callgrind_annotate --inclusive=no "$tmp/cg.out" 2>/dev/null |
		awk -v b="$bytes" -v totals="$tmp/cg.total" '
			/PROGRAM TOTALS/ { n = $1; gsub(",", "", n); total = n }
			/^ *[0-9,]+ +\([ 0-9.]+%\) +[^ ]+:/ {
				n = $1; gsub(",", "", n)
				f = $0; sub(/^ *[0-9,]+ +\([ 0-9.]+%\) +/, "", f); sub(/:.*/, "", f)
				sub(/.*\//, "", f)
				if (f ~ /intrin/) f = "SIMD intrinsics"
				else if (f !~ /\.c$/ && f !~ /\.h$/) f = "libc"
				by[f] += n
			}
			END {
				printf "total: %.1f instructions per byte (%d M)\n", total / b, total / 1e6 >totals
				for (f in by) if (by[f] / total >= 0.01) printf "%5.1f%%  %-20s %5.2f per byte\n", 100 * by[f] / total, f, by[f] / b
			}' | sort -rn >"$tmp/cg.files"
	cat "$tmp/cg.total" "$tmp/cg.files"
fi

# ---- 2b'. Two files on -j1 and -j2 ----------------------------------------
jmb=$mb  # the last size of section 2
"$gen" "$jmb" >"$log"
cp "$log" "$log.2"
for j in 1 2; do
	jrun=
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(now)
		"$prog" check --jobs=$j "$log" "$log.2" >/dev/null 2>&1 || true
		t1=$(now)
		jrun="$jrun $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')"
		i=$((i + 1))
	done
	eval "jobs_$j='$(printf '%s\n' $jrun | sort -n | awk '{ t[NR] = $1 } END { printf "%s %s %s", t[1], t[int((NR + 1) / 2)], t[NR] }')'"
done
printf '\n== check --jobs: two %s MB logs, %s runs each (not pinned: one job per CPU)\n' "$jmb" "$runs"
awk -v a="$jobs_1" -v b="$jobs_2" 'BEGIN {
	split(a, x, " "); split(b, y, " ")
	printf "--jobs=1: best %.3f s, median %.3f s\n--jobs=2: best %.3f s, median %.3f s\n", x[1], x[2], y[1], y[2]
	printf "speed-up, medians: %.2fx (target 1.6x)\n", x[2] / y[2] }'
rm -f "$log.2"

# ---- 2b. A compressed log: read in the process, and through zcat ----------
# best3 NAME COMMAND: best wall time of 3 runs of a shell command.
best3() {
	name=$1
	best=
	for i in 1 2 3; do
		t0=$(now)
		sh -c "$2" >/dev/null 2>&1 || true
		t1=$(now)
		best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN { t = b - a; if (best == "" || t < best) best = t; printf "%.4f", best }')
	done
	eval "time_$name=$best"
}
if command -v gzip >/dev/null 2>&1; then
	"$gen" "${1:-20}" >"$log"
	bytes=$(wc -c <"$log")
	gzip -c "$log" >"$log.gz"
	best3 gzin "\"$prog\" check --summary \"$log.gz\""
	best3 zcatpipe "zcat \"$log.gz\" | \"$prog\" check --summary -"
	best3 zcat "zcat \"$log.gz\""
	printf '\n== check: the %s MB log gzipped (%s bytes)\n' "${1:-20}" "$(wc -c <"$log.gz")"
	printf '%-40s %9s %10s %14s\n' "command" "seconds" "MB/s" "time vs in-process"
	for t in gzin zcatpipe zcat; do
		eval "s=\$time_$t"
		awk -v n="$t" -v s="$s" -v c="$time_gzin" -v b="$bytes" 'BEGIN {
			label = n == "gzin" ? "smtpcode check --summary FILE.gz" : n == "zcatpipe" ? "zcat FILE.gz | smtpcode check --summary -" : "zcat FILE.gz (alone)"
			printf "%-40s %9.3f %10.0f %13.2fx\n", label, s, b / s / 1e6, s / c }'
	done
	rm -f "$log.gz"
fi

# ---- 3. Scaling, and the standard's cost ---------------------------------
echo
echo "== Scaling: smtpcode check --summary, best of $runs"
printf '%8s %9s %10s %12s\n' MB seconds MB/s "s per 100 MB"
for mb in ${BENCH_SCALE:-20 50 100 200}; do
	"$gen" "$mb" >"$log"
	bytes=$(wc -c <"$log")
	run check "$prog" check --summary
	awk -v m="$mb" -v s="$time_check" -v b="$bytes" \
		'BEGIN { printf "%8d %9.3f %10.0f %12.3f\n", m, s, b / s / 1e6, s / (b / 1e8) }'
done
run rfc821 "$prog" check -S rfc821 --summary
awk -v d="$time_check" -v o="$time_rfc821" -v b="$bytes" 'BEGIN {
	printf "-S rfc821: %.0f MB/s, default (rfc5321): %.0f MB/s, ratio %.2f\n", b / o / 1e6, b / d / 1e6, o / d }'
# The same log dated September: "Sep" begins like the transcript prefix "S: ",
# and once cost 40% more than "Nov".
sed 's/^Nov /Sep /' "$log" >"$log.sep" && mv "$log.sep" "$log"
run sep "$prog" check --summary
awk -v d="$time_check" -v o="$time_sep" -v b="$bytes" 'BEGIN {
	printf "dated Sep: %.0f MB/s, dated Nov: %.0f MB/s, ratio %.2f\n", b / o / 1e6, b / d / 1e6, o / d }'

# ---- 4. Start-up ----------------------------------------------------------
if [ -n "${BENCH_INSTALLED-}" ] && [ -x "$BENCH_INSTALLED" ]; then
	t_true=$("$lookup" --spawn 500 /bin/true)
	t_tool=$(LD_LIBRARY_PATH="${BENCH_LIBDIR-}" "$lookup" --spawn 500 "$BENCH_INSTALLED" 550)
	echo
	echo "== Start-up: median of 500 runs (the installed tool)"
	awk -v a="$t_tool" -v b="$t_true" 'BEGIN {
		printf "smtpcode 550: %.0f us, /bin/true: %.0f us, ratio %.2fx (target <= 3x)\n", a, b, a / b }'
fi
