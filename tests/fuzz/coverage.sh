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
cc=${FUZZ_CC:-clang}
profdata=$(command -v llvm-profdata || command -v llvm-profdata-14)
cov=$(command -v llvm-cov || command -v llvm-cov-14)
lib="reply.c command.c enhanced.c replyparse.c logline.c gen-tables.c"
libsrc=
for f in $lib; do libsrc="$libsrc $srcdir/src/$f"; done
mkdir -p "$out/coverage"
for name in $names; do
	corpus=$out/corpus/$name
	[ -d "$corpus" ] || { echo "coverage.sh: no corpus for $name (run fuzz-run first)" >&2; exit 2; }
	extra=
	[ "$name" = check ] && extra="$srcdir/tools/check.c $srcdir/tools/text.c $srcdir/tools/json.c"
	bin=$out/coverage/replay-$name
	# shellcheck disable=SC2086
	$cc -O1 -fprofile-instr-generate -fcoverage-mapping -DSMTPCODE_BUILDING \
		-I"$srcdir/include" -I"$srcdir/src" -I"$srcdir/tools" -I"$srcdir/tests/fuzz" \
		"$srcdir/tests/fuzz/fuzz-$name.c" "$srcdir/tests/fuzz/replay.c" $libsrc $extra -o "$bin"
	rm -f "$out/coverage/$name".*.profraw
	find "$corpus" -type f | xargs env LLVM_PROFILE_FILE="$out/coverage/$name.%p.profraw" "$bin" >/dev/null 2>&1
	"$profdata" merge -sparse "$out/coverage/$name".*.profraw -o "$out/coverage/$name.profdata"
	echo "== fuzz-$name: $(find "$corpus" -type f | wc -l) corpus inputs"
	"$cov" report "$bin" -instr-profile="$out/coverage/$name.profdata" \
		-ignore-filename-regex='(fuzz|replay|gen-)' | awk '/^(src|tools)\// || /^TOTAL/' |
		awk '{ printf "  %-22s lines %7s  branches %7s\n", $1, $10, $13 }'
done
