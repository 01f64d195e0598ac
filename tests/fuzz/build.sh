#!/bin/sh
# SPDX-License-Identifier: MIT
# build.sh SRCDIR OUTDIR [CC] - builds the libFuzzer targets with clang,
# ASan and UBSan: OUTDIR/fuzz-NAME for each tests/fuzz/fuzz-NAME.c.
set -eu
srcdir=$1 out=$2 cc=${3:-clang}
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
lib="reply.c command.c enhanced.c replyparse.c logline.c gen-tables.c"
inc="-I$srcdir/include -I$srcdir/src -I$srcdir/tools -I$srcdir/tests/fuzz"
mkdir -p "$out"
libsrc=
for f in $lib; do libsrc="$libsrc $srcdir/src/$f"; done
tools="$srcdir/tools/check.c $srcdir/tools/text.c $srcdir/tools/json.c"
for t in "$srcdir"/tests/fuzz/fuzz-*.c; do
	name=$(basename "$t" .c)
	extra=
	[ "$name" = fuzz-check ] && extra=$tools
	echo "  CC       $out/$name"
	# shellcheck disable=SC2086
	$cc $flags -DSMTPCODE_BUILDING $inc "$t" $libsrc $extra -o "$out/$name"
done
