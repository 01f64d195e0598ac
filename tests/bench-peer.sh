#!/bin/sh
# SPDX-License-Identifier: MIT
# bench-peer.sh SMTPCODE SRCDIR - smtpcode check and Sisimai (the bounce
# analyser; Debian's libsisimai-perl) over the same bounce messages: for
# each message, the reply codes and commands each finds, then the totals
# and the time each takes over all of them. The messages: the project's
# own (tests/logs/*.eml, bounces.mbox), and ../shared/bounces/*.eml beside
# the source tree when that folder is there. make bench-peer runs it.
set -u
tool=${1:?usage: bench-peer.sh SMTPCODE SRCDIR}
srcdir=${2:?usage: bench-peer.sh SMTPCODE SRCDIR}
if ! perl -MSisimai -e 1 2>/dev/null; then
	echo "bench-peer: Sisimai not found (Debian: apt-get install libsisimai-perl)" >&2
	exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "bench-peer: python3 not found" >&2
	exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-peer.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

set -- "$srcdir"/tests/logs/*.eml "$srcdir/tests/logs/bounces.mbox"
if [ -d "$srcdir/../shared/bounces" ]; then
	set -- "$@" "$srcdir"/../shared/bounces/*.eml
fi
printf '%s\n' "$@" >"$tmp/files"

# Sisimai: each file alone (its messages in order), in one process; the
# time is the whole loop's.
perl -MSisimai -MTime::HiRes=time -e '
	my $t0 = time;
	open(my $l, "<", $ARGV[0]) or die;
	open(my $o, ">", $ARGV[1]) or die;
	while (my $f = <$l>) {
		chomp $f;
		my $v = Sisimai->make($f, "delivered" => 1) || [];
		for my $e (@$v) {
			printf $o "%s\t%s\t%s\t%s\n", $f, $e->replycode || "", $e->deliverystatus || "",
				$e->smtpcommand || "";
		}
	}
	printf "%.3f\n", time - $t0;
' "$tmp/files" "$tmp/sisimai" >"$tmp/sisimai.time" 2>"$tmp/sisimai.err"

# smtpcode: every file in one run.
start=$(date +%s.%N)
"$tool" check --all --json "$@" >"$tmp/smtpcode.json" 2>"$tmp/smtpcode.err"
end=$(date +%s.%N)
echo "$start $end" | awk '{ printf "%.3f\n", $2 - $1 }' >"$tmp/smtpcode.time"

# Speed: every message 20 times in one mbox, each tool one process over it
# (its start-up included), the best of three runs.
python3 - "$tmp/files" "$tmp/all.mbox" <<'PY'
import sys
out = open(sys.argv[2], "wb")
files = open(sys.argv[1]).read().split("\n")[:-1]
for n in range(20):
    for f in files:
        data = open(f, "rb").read().replace(b"\r\n", b"\n")
        lines = data.split(b"\n")
        if lines and lines[0].startswith(b"From "):
            lines = lines[1:]
        while lines and not lines[0].strip():
            lines = lines[1:]  # a message saved after blank lines
        out.write(b"From MAILER-DAEMON Fri Nov 20 10:00:00 2026\n")
        for l in lines:
            out.write((b">" + l if l.startswith(b"From ") else l) + b"\n")
        out.write(b"\n")
PY
best() {
	b=
	for i in 1 2 3; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s.%N)
		b=$(echo "$s $e ${b:-999}" | awk '{ t = $2 - $1; print (t < $3 ? t : $3) }')
	done
	echo "$b"
}
big_s=$(best perl -MSisimai -e 'my $v = Sisimai->make($ARGV[0], "delivered" => 1) || []; print scalar(@$v), "\n"' "$tmp/all.mbox")
big_o=$(best "$tool" check --all --json "$tmp/all.mbox")
echo "$big_s $big_o" >"$tmp/big.time"
n_s=$(perl -MSisimai -e 'my $v = Sisimai->make($ARGV[0], "delivered" => 1) || []; print scalar(@$v), "\n"' "$tmp/all.mbox")
n_o=$("$tool" check --all --json "$tmp/all.mbox" | wc -l)
echo "$n_s $n_o $(wc -c <"$tmp/all.mbox")" >"$tmp/big.count"

python3 - "$tmp" "$srcdir" <<'PY'
import json, os, sys
tmp, srcdir = sys.argv[1], sys.argv[2]
files = open(os.path.join(tmp, "files")).read().split("\n")[:-1]
sis = {f: [] for f in files}
for line in open(os.path.join(tmp, "sisimai")):
    f, code, status, cmd = line.rstrip("\n").split("\t")
    sis.setdefault(f, []).append((code, status, cmd))
ours = {f: [] for f in files}
for line in open(os.path.join(tmp, "smtpcode.json")):
    r = json.loads(line)
    ours.setdefault(r["file"], []).append((str(r["code"]), r["enhanced"] or "", r["command"] or ""))
def codes(rows):
    return sorted({c for c, s, m in rows if c and c != "0"})
def commands(rows):
    return sorted({m for c, s, m in rows if m})
print("%-28s %-22s %-22s %-16s %s" % ("message", "codes: Sisimai", "smtpcode", "commands: Sisimai", "smtpcode"))
tot = dict(sc=0, oc=0, sm=0, om=0, fs=0, fo=0, more=0, fewer=0)
for f in files:
    sc, oc = codes(sis[f]), codes(ours[f])
    sm, om = commands(sis[f]), commands(ours[f])
    name = os.path.relpath(f, srcdir)
    print("%-28s %-22s %-22s %-16s %s" % (name[-28:], " ".join(sc) or "-", " ".join(oc) or "-",
                                          " ".join(sm) or "-", " ".join(om) or "-"))
    tot["sc"] += len(sc); tot["oc"] += len(oc); tot["sm"] += len(sm); tot["om"] += len(om)
    tot["fs"] += bool(sc); tot["fo"] += bool(oc)
    tot["more"] += len(oc) > len(sc); tot["fewer"] += len(oc) < len(sc)
ts = float(open(os.path.join(tmp, "sisimai.time")).read())
to = float(open(os.path.join(tmp, "smtpcode.time")).read())
print()
print("messages %d; with a code: Sisimai %d, smtpcode %d" % (len(files), tot["fs"], tot["fo"]))
print("codes found: Sisimai %d, smtpcode %d (smtpcode more in %d files, fewer in %d)"
      % (tot["sc"], tot["oc"], tot["more"], tot["fewer"]))
print("commands found: Sisimai %d, smtpcode %d" % (tot["sm"], tot["om"]))
print("time, each message alone (Sisimai in one process, its start-up left out; smtpcode one run): "
      "Sisimai %.3f s, smtpcode %.3f s" % (ts, to))
bs, bo = [float(x) for x in open(os.path.join(tmp, "big.time")).read().split()]
ns, no, size = open(os.path.join(tmp, "big.count")).read().split()
print("time, all of them 20 times in one mbox (%d bytes; best of 3, start-up included): "
      "Sisimai %.3f s (%s records), smtpcode %.3f s (%s records), ratio %.0fx"
      % (int(size), bs, ns, bo, no, bs / bo if bo > 0 else 0))
PY
