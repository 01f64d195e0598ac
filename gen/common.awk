# SPDX-License-Identifier: MIT
# common.awk - the generator's shared part: row splitting, the data files'
# order, and the helpers every table's program uses.
#
# POSIX awk (mawk and gawk). Each program is this file and one table's:
#   awk -v out=OUT -f gen/common.awk -f gen/tables.awk DATA...      (tables.awk)
#   awk -v out=OUT -f gen/common.awk -f gen/logformats.awk DATA...  (logformats.awk)
# The table's file, in its BEGIN, names its data files in order (gen_files),
# gives each file's field count (nfields[KIND]), marks the files whose
# fields may be quoted texts (quoted[KIND]: a '|' inside quotes is the
# text's), and defines row_width(f): how many fields row f must have, or -1
# after an error it reported. Its rules read the rows of each KIND (the data
# file's name) after the rules here have split them into f[1..n], trimmed.
#
# Every data row is checked whatever `out` is; a bad row is reported as
# "FILE:LINE: message" on standard error and the exit status is 1.

BEGIN {
	FS = "|"
	filei = 0
	errors = 0
}

# Sets the data files the program reads, in their order (their names
# without data/ and .txt, separated by spaces).
function gen_files(names,    i) {
	order = names
	nfiles = split(order, files, " ")
	for (i = 1; i <= nfiles; i++)
		file_pos[files[i]] = i
}

function err(msg) {
	print FILENAME ":" FNR ": " msg | "cat 1>&2"
	errors++
}

function trim(s) {
	sub(/^[ \t\r]+/, "", s)
	sub(/[ \t\r]+$/, "", s)
	return s
}

# C string literal of s.
function cstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return "\"" s "\""
}

function is_code(s) {
	return s ~ /^[0-9][0-9][0-9]$/
}

# Checks a source field: present, and naming an RFC when `need_rfc`.
function check_source(s, need_rfc) {
	if (s == "") {
		err("missing source")
		return 0
	}
	if (need_rfc && s !~ /RFC [0-9]+/) {
		err("source \"" s "\" names no RFC")
		return 0
	}
	return 1
}

# A name as part of a C identifier: "end-of-data" -> END_OF_DATA.
function c_ident(name,    s) {
	s = toupper(name)
	gsub(/[^A-Z0-9]/, "_", s)
	return s
}

# Splits line at the '|' that stand outside double quotes (a quoted text
# of data/logformats.txt may hold one: "report|"); inside quotes a
# a backslash keeps the next byte (and outside them too: a source's prose
# may write \" for a quote). The fields go into a[1..n]; returns n, or -1
# when a quote is left open at the line's end.
function qsplit(line, a,    n, i, c, q, cur) {
	n = 0; q = 0; cur = ""
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (c == "\\") {
			cur = cur c substr(line, i + 1, 1)
			i++
			continue
		}
		if (c == "\"")
			q = !q
		if (c == "|" && !q) {
			a[++n] = cur
			cur = ""
			continue
		}
		cur = cur c
	}
	if (q)
		return -1
	a[++n] = cur
	return n
}

# A quoted text field: its bytes, or "" after an error. Inside the quotes
# \" stands for a quote and \\ for a backslash.
function qtext(s, what,    t, i, c) {
	if (s !~ /^"([^"\\]|\\.)*"$/) {
		err(what " must be one text in double quotes, not " s)
		return ""
	}
	s = substr(s, 2, length(s) - 2)
	t = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\")
			c = substr(s, ++i, 1)
		t = t c
	}
	if (t == "")
		err(what " is empty")
	else if (t ~ /[^ -~]/) {
		err(what " has a byte that is not printable ASCII")
		return ""
	}
	return t
}


FNR == 1 {
	base = FILENAME
	sub(/.*\//, "", base)
	sub(/\.txt$/, "", base)
	filei++
	if (!(base in file_pos) || file_pos[base] != filei) {
		print FILENAME ": expected data/" files[filei] ".txt here (files go in the order: " order ")" | "cat 1>&2"
		errors++
		exit 1
	}
	kind = base
}

/^[ \t]*(#|$)/ { next }

{
	n = (kind in quoted) ? qsplit($0, f) : split($0, f, "|")
	if (n < 0) {
		err("unterminated quote")
		next
	}
	for (i = 1; i <= n; i++)
		f[i] = trim(f[i])
	want = row_width(f)
	if (want < 0)
		next
	if (n != want) {
		err("expected " want " fields separated by \"|\", found " n)
		next
	}
	for (i = 1; i < n; i++)
		if (f[i] == "") {
			err("field " i " is empty")
			next
		}
}

# At the end: whether every data file came (reported when not, unless an
# error was already).
function gen_all_files() {
	if (filei != nfiles && !errors) {
		print "smtpcode-gen: expected " nfiles " data files (" order "), got " filei | "cat 1>&2"
		errors++
	}
}
