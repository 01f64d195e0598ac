#!/bin/sh
# SPDX-License-Identifier: MIT
# installcheck.sh - run by "make installcheck" (and so by distcheck) after
# "make install": a program that uses the library builds and runs with
# nothing but pkg-config's flags, shared and static; the shared library
# exports only smtpcode_*; the tool, the pages and the completion are
# installed. Prints TAP; exits non-zero on a failure.
set -u
: "${DESTDIR:=}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smtpcode-installcheck.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

lib=$DESTDIR$libdir
export PKG_CONFIG_PATH="$lib/pkgconfig"
[ -n "$DESTDIR" ] && export PKG_CONFIG_SYSROOT_DIR="$DESTDIR"
cat >"$tmp/use.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <smtpcode.h>
int main(void)
{
	const struct smtpcode_command *c = smtpcode_command("RCPT", 4);
	struct smtpcode_validity v;
	if (strcmp(smtpcode_version(), SMTPCODE_VERSION_STRING) != 0)
		return 2;
	if (smtpcode_validate(SMTPCODE_STD_RFC5321, c, 550, &v) != SMTPCODE_LISTED)
		return 1;
	if (strcmp(smtpcode_log_format_name(SMTPCODE_LOG_GO_MAIL), "go-mail") != 0)
		return 3;
	/* the log reader: one line in, one event out, none at the finish */
	struct smtpcode_log *lg = smtpcode_log_new();
	const struct smtpcode_log_event *ev;
	static const char line[] = "C: RCPT TO:<b@example.org>";
	if (lg == NULL || smtpcode_log_feed(lg, line, sizeof line - 1) != 0 ||
	    smtpcode_log_feed(lg, "S: 550 5.1.1 User unknown", 25) != 1 ||
	    (ev = smtpcode_log_next(lg)) == NULL || ev->reply.code != 550 ||
	    ev->command != c || smtpcode_log_next(lg) != NULL ||
	    smtpcode_log_finish(lg) != 0 || smtpcode_log_next(lg) != NULL)
		return 4;
	smtpcode_log_free(lg);
	printf("%s\n", v.rule);
	return 0;
}
C
pkg-config --exists smtpcode
ok $? "pkg-config finds smtpcode.pc"
cflags=$(pkg-config --cflags smtpcode) libs=$(pkg-config --libs smtpcode)
# shellcheck disable=SC2086
${CC:-cc} $cflags -o "$tmp/use" "$tmp/use.c" $libs
ok $? "a program builds with pkg-config --cflags --libs smtpcode (shared)"
out=$(LD_LIBRARY_PATH="$lib" "$tmp/use")
[ "$out" = "RFC 5321 §4.3.2" ]
ok $? "and runs: 550 is listed for RCPT (RFC 5321 §4.3.2)"
if command -v readelf >/dev/null 2>&1; then
	readelf -d "$tmp/use" | grep -q 'NEEDED.*libsmtpcode'
	ok $? "the shared build needs libsmtpcode.so"
fi

if [ -f "$lib/libsmtpcode.a" ]; then
	slibs=$(pkg-config --static --libs smtpcode)
	# shellcheck disable=SC2086
	${CC:-cc} $cflags -o "$tmp/use-static" "$tmp/use.c" -Wl,-Bstatic $slibs -Wl,-Bdynamic
	ok $? "a program builds with pkg-config --static --libs smtpcode (static)"
	out=$("$tmp/use-static")
	[ "$out" = "RFC 5321 §4.3.2" ]
	ok $? "and runs without the shared library"
	if command -v readelf >/dev/null 2>&1; then
		! readelf -d "$tmp/use-static" | grep -q 'NEEDED.*libsmtpcode'
		ok $? "the static build does not need libsmtpcode.so"
	fi
else
	echo "ok $((n + 1)) # SKIP no static library installed (--disable-static)"
	n=$((n + 1))
fi

so=$(ls "$lib"/libsmtpcode.so.* 2>/dev/null | head -n 1)
if [ -n "$so" ] && command -v nm >/dev/null 2>&1; then
	others=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDRB]$/ && $3 !~ /^smtpcode_/ { print $3 }')
	[ -z "$others" ]
	ok $? "nm -D of the installed library shows only smtpcode_*${others:+ (also: $others)}"
	nm -D --defined-only "$so" | grep -q ' T smtpcode_validate$'
	ok $? "and smtpcode_validate is among them"
fi

out=$(LD_LIBRARY_PATH="$lib" "$DESTDIR$bindir/smtpcode" 550 RCPT)
ok $? "the installed smtpcode runs: smtpcode 550 RCPT"
[ -f "$DESTDIR$includedir/smtpcode.h" ] && [ -f "$DESTDIR$includedir/smtpcode-formats.h" ]
ok $? "smtpcode.h and smtpcode-formats.h (its enum of the log formats) are installed"
[ -f "$DESTDIR$mandir/man1/smtpcode.1" ] && [ -f "$DESTDIR$mandir/man3/smtpcode.3" ]
ok $? "smtpcode(1) and smtpcode(3) are installed"
if [ -n "${bashcompletiondir-}" ]; then
	[ -f "$DESTDIR$bashcompletiondir/smtpcode" ]
	ok $? "the bash completion is installed as $bashcompletiondir/smtpcode"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
