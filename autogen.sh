#!/bin/sh
# SPDX-License-Identifier: MIT
# autogen.sh - check for the build tools, install what is missing (on Debian,
# as root), then run autoreconf. Run from a git checkout; a release tarball
# needs none of this.
set -eu
cd "$(dirname "$0")"

missing=""
need() { # need COMMAND DEBIAN-PACKAGE
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 ||
	missing="$missing gcc"
need make make
need autoconf autoconf
need automake automake
need libtoolize libtool
need gperf gperf
need pkg-config pkg-config
# The libraries check reads compressed logs and mail messages with (each
# optional: configure builds without a missing one, and says which it found).
if command -v dpkg-query >/dev/null 2>&1; then
	for p in zlib1g-dev liblzma-dev libzstd-dev libbz2-dev libgmime-3.0-dev; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
			missing="$missing $p"
	done
fi

if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "autogen.sh: installing:$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $missing >/dev/null
	else
		echo "autogen.sh: missing:$missing" >&2
		echo "autogen.sh: install them with: sudo apt-get install$missing" >&2
		exit 1
	fi
fi

autoreconf -fi
