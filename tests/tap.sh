# SPDX-License-Identifier: MIT
# tap.sh - TAP helpers for the shell tests; source it, then call plan first.
#   plan N                  announce N tests first, or
#   done_testing            announce the count after the last test
#   ok COND-STATUS DESC     "ok" when the status given is 0
#   run CMD...              run CMD; sets $status, $out (stdout), $err (stderr)
#   expect STATUS DESC CMD...      run CMD and test its exit status
#   has TEXT DESC / err_has TEXT DESC   test what the last run printed
# $SMTPCODE_WRAP, when set, runs the tool under another program (valgrind).

tap_n=0
tap_failed=0
tap_tmp=$(mktemp -d "${TMPDIR:-/tmp}/smtpcode-test.XXXXXX") || exit 99
trap 'rm -rf "$tap_tmp"' EXIT

plan() {
	echo "1..$1"
}

done_testing() {
	echo "1..$tap_n"
}

ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
		if [ -n "${status-}" ]; then
			echo "#   last exit status: $status"
			printf '%s\n' "${out-}" | head -n 20 | sed 's/^/#   stdout: /'
			printf '%s\n' "${err-}" | head -n 5 | sed 's/^/#   stderr: /'
		fi
	fi
}

run() {
	"$@" >"$tap_tmp/out" 2>"$tap_tmp/err"
	status=$?
	out=$(cat "$tap_tmp/out")
	err=$(cat "$tap_tmp/err")
}

# smtpcode ARGS...: runs the tool under test.
smtpcode() {
	# shellcheck disable=SC2086
	run $SMTPCODE_WRAP "$SMTPCODE" "$@"
}

expect() {
	want=$1
	desc=$2
	shift 2
	smtpcode "$@"
	[ "$status" -eq "$want" ]
	ok $? "$desc (exit $want)"
}

has() {
	case $out in
	*"$1"*) ok 0 "$2" ;;
	*) ok 1 "$2: stdout lacks '$1'" ;;
	esac
}

err_has() {
	case $err in
	*"$1"*) ok 0 "$2" ;;
	*) ok 1 "$2: stderr lacks '$1'" ;;
	esac
}
