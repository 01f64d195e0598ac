#!/bin/sh
# SPDX-License-Identifier: MIT
# coverage.sh SRCDIR OUTDIR [NAME...] - the source coverage each fuzz
# target's corpus (OUTDIR/corpus/NAME, from run.sh) reaches: the target is
# built with clang's source-based coverage around tests/fuzz/replay.c, run
# over the corpus, and llvm-cov reports lines and branches per file.
set -eu
srcdir=$1 out=$2
shift 2
names=$*
[ -n "$names" ] || names=$(cd "$srcdir/tests/fuzz" && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')
profdata=$(command -v llvm-profdata || command -v llvm-profdata-14)
cov=$(command -v llvm-cov || command -v llvm-cov-14)
mkdir -p "$out/coverage"
for name in $names; do
	corpus=$out/corpus/$name
	[ -d "$corpus" ] || { echo "coverage.sh: no corpus for $name (run fuzz-run first)" >&2; exit 2; }
	FUZZ_CFLAGS="-O1 -fprofile-instr-generate -fcoverage-mapping" \
	FUZZ_MAIN="$srcdir/tests/fuzz/replay.c" \
		sh "$srcdir/tests/fuzz/build.sh" "$srcdir" "$out/coverage" "${FUZZ_CC:-clang}" "$name" >/dev/null
	bin=$out/coverage/fuzz-$name
	rm -f "$out/coverage/$name".*.profraw
	find "$corpus" -type f | xargs env LLVM_PROFILE_FILE="$out/coverage/$name.%p.profraw" "$bin" >/dev/null 2>&1
	"$profdata" merge -sparse "$out/coverage/$name".*.profraw -o "$out/coverage/$name.profdata"
	echo "== fuzz-$name: $(find "$corpus" -type f | wc -l) corpus inputs"
	"$cov" report "$bin" -instr-profile="$out/coverage/$name.profdata" \
		-ignore-filename-regex='(fuzz|replay|gen-)' | awk '/^(src|tools)\// || /^TOTAL/' |
		awk '{ printf "  %-22s lines %7s  branches %7s\n", $1, $10, $13 }'
done
