#!/bin/sh
# SPDX-License-Identifier: MIT
# build.sh SRCDIR OUTDIR [CC] [NAME...] - builds fuzz targets: OUTDIR/fuzz-NAME
# for each tests/fuzz/fuzz-NAME.c (all when no NAME is given), with the
# library's sources (and check's, for "check" and "merge").
#   FUZZ_CFLAGS  the flags (default: libFuzzer, ASan, UBSan)
#   FUZZ_MAIN    another source to link, such as tests/fuzz/replay.c in
#                place of libFuzzer's main (coverage.sh does so)
#   FUZZ_LIB     the library's C sources, relative to SRCDIR (Makefile.am's
#                LIB_C; make fuzz passes it)
#   FUZZ_CHECK_SRC, FUZZ_MERGE_SRC  the tool's sources the check and merge
#                targets link (Makefile.am's FUZZ_CHECK_CORE and
#                FUZZ_MERGE_TOOL; make fuzz passes them)
#   FUZZ_CHECK_FLAGS  flags and libraries for the check target's input
#                (configure's compression libraries and GMime; make fuzz
#                passes them)
set -eu
srcdir=$1 out=$2 cc=${3:-clang}
shift 2
[ $# -gt 0 ] && shift
names=$*
[ -n "$names" ] || names=$(cd "$srcdir/tests/fuzz" && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')
flags=${FUZZ_CFLAGS:-"-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"}
main=${FUZZ_MAIN:-}
lib=${FUZZ_LIB:?"set FUZZ_LIB to the library's sources (make fuzz does)"}
inc="-I$srcdir/include -I$srcdir/src -I$srcdir/tools -I$srcdir/tests/fuzz"
mkdir -p "$out"
libsrc=
for f in $lib; do libsrc="$libsrc $srcdir/$f"; done
merge=
for f in ${FUZZ_MERGE_SRC:?"set FUZZ_MERGE_SRC (make fuzz does)"}; do merge="$merge $srcdir/$f"; done
tools=
for f in ${FUZZ_CHECK_SRC:?"set FUZZ_CHECK_SRC (make fuzz does)"}; do tools="$tools $srcdir/$f"; done
for name in $names; do
	extra=
	case $name in
	check) extra="$tools ${FUZZ_CHECK_FLAGS:-}" ;;
	merge) extra="$merge" ;;
	esac
	echo "  CC       $out/fuzz-$name"
	# shellcheck disable=SC2086
	$cc $flags -DSMTPCODE_BUILDING $inc "$srcdir/tests/fuzz/fuzz-$name.c" $main $libsrc $extra \
		-o "$out/fuzz-$name"
done
