#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh SRCDIR OUTDIR SECONDS [NAME...] - runs each fuzz target (all when
# no NAME is given) for SECONDS over its corpus OUTDIR/corpus/NAME, seeded
# from tests/fuzz/seeds.sh's inputs and the past findings. Prints the
# executions and the coverage each reached; a finding is saved as
# OUTDIR/findings/NAME-crash-... and makes the run fail. Add it to
# tests/fuzz/regress/ as NAME-WHAT so that make check replays it.
set -u
srcdir=$1 out=$2 secs=$3
shift 3
names=$*
[ -n "$names" ] || names=$(cd "$srcdir/tests/fuzz" && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')
status=0
mkdir -p "$out/findings"
for name in $names; do
	corpus=$out/corpus/$name
	seeds=$out/seeds/$name
	rm -rf "$seeds"
	mkdir -p "$corpus" "$seeds"
	sh "$srcdir/tests/fuzz/seeds.sh" "$srcdir" "$name" "$seeds"
	for f in "$srcdir"/tests/fuzz/regress/"$name"-*; do
		[ -f "$f" ] && cp "$f" "$seeds/"
	done
	log=$out/fuzz-$name.log
	"$out/fuzz-$name" -max_total_time="$secs" -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=512 -max_len=8192 \
		-artifact_prefix="$out/findings/$name-" "$corpus" "$seeds" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	total=$(sed -n 's/.*Loaded [0-9]* modules *(\([0-9]*\) inline 8-bit counters.*/\1/p' "$log" | head -n 1)
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\).*/\1 \2 \3/p')
	if [ -n "$cov" ]; then
		set -- $cov
		cov=$(awk -v c="$1" -v t="${total:-0}" -v f="$2" -v k="$3" 'BEGIN {
			printf "%d edges covered", c
			if (t > 0) printf " of %d instrumented (%.0f%%)", t, 100 * c / t
			printf ", %d features, corpus %d", f, k }')
	fi
	if [ $rc -eq 0 ]; then
		echo "fuzz-$name: ${secs}s, ${execs:-?} executions, ${cov:-coverage unknown}"
	else
		echo "fuzz-$name: FINDING (exit $rc); see $log and $out/findings/"
		grep -E 'ERROR|SUMMARY|assertion' "$log" | head -n 5
		status=1
	fi
done
exit $status
