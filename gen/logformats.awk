# SPDX-License-Identifier: MIT
# logformats.awk - the log formats: validate data/logformats.txt and emit
# the log reader's tables, the scan's byte sets and the public enum of the
# formats.
#
# Usage (POSIX awk; after gen/common.awk; the files in exactly this order):
#   awk -v out=logformats|scan|formats -f gen/common.awk -f gen/logformats.awk \
#       data/commands.txt data/logformats.txt
#
# out=logformats C source of the log-format tables: markers, words,
#                transcript prefixes and the scan's byte filters
#                (src/gen-logformats.c)
# out=scan       C header of the log tables' counts and encodings and of
#                the scan's byte sets (src/gen-scan.h)
# out=formats    the installed header of enum smtpcode_log_format
#                (include/smtpcode-formats.h)
#
# data/commands.txt is read for its command names alone (a command's id is
# its row's place; gen/tables.awk checks the rows).

BEGIN {
	gen_files("commands logformats")
	nfields["commands"] = 5
	quoted["logformats"] = 1
	# data/logformats.txt: the field count goes by the row's kind.
	lf_nfields["format"] = 6; lf_nfields["marker"] = 9
	lf_nfields["word"] = 5;   lf_nfields["prefix"] = 5
	lf_nfields["field"] = 4;  lf_nfields["detail"] = 5
	lf_nfields["key"] = 4;    lf_nfields["message"] = 7
	ncmd = 0
	nfmt = 0; nmark = 0; nword = 0; npre = 0; nfld = 0; ndet = 0; nmsg = 0
	split("host address", before_names, " ")
	for (i = 1; i in before_names; i++) before_id[before_names[i]] = i - 1
	# The encodings the library shares with these tables, written into
	# src/gen-scan.h from here and nowhere else.
	split("none fixed word after-reply field phrase before echo", where_names, " ")
	split("after paren colon scan fields after-code", reply_names, " ")
	split("- join indented next-line next-lines", next_names, " ")
	split("client server either session note session-host", role_names, " ")
	split("unknown local remote", origin_names, " ")
	split("line underscore-line transcript quoted-transcript flat-transcript bare-transcript report-transcript csv-transcript", reader_names, " ")
	for (i = 1; i in reader_names; i++) reader_id[reader_names[i]] = i - 1
	for (i = 1; i in where_names; i++) where_id[where_names[i]] = i - 1
	for (i = 1; i in reply_names; i++) reply_id[reply_names[i]] = i - 1
	for (i = 1; i in next_names; i++) next_id[next_names[i]] = i - 1
	for (i = 1; i in role_names; i++) role_id[role_names[i]] = i - 1
	for (i = 1; i in origin_names; i++) origin_id[origin_names[i]] = i - 1
	# A detail row's kinds (enum sc_detail_kind, in this order).
	detail_kinds_list = "id id-before no-id sender recipient host address host-bracketed"
	split(detail_kinds_list, detail_kind_names, " ")
	for (i = 1; i in detail_kind_names; i++) detail_kind_id[detail_kind_names[i]] = i - 1
	# Their groups, in the order the reader takes them (src/logdetail.c):
	# the id rows before the no-id rows, which compare the id found; the
	# host rows before the address rows, which read the address after the
	# host's name where a host row of the same text found it.
	ndetail_groups = split("ID NO_ID SENDER RECIPIENT HOST ADDRESS", detail_group_names, " ")
	detail_group["id"] = 1; detail_group["id-before"] = 1; detail_group["no-id"] = 2
	detail_group["sender"] = 3; detail_group["recipient"] = 4
	detail_group["host"] = 5; detail_group["host-bracketed"] = 5; detail_group["address"] = 6
	max_markers = 64	# a bit each in a sc_markset (uint64_t)
	if (out != "logformats" && out != "scan" && out != "formats") {
		print "smtpcode-gen: out must be logformats, scan or formats" | "cat 1>&2"
		failed_usage = 1
		exit 2
	}
}

# data/commands.txt's rows have five fields; data/logformats.txt's as
# many as their kind takes.
function row_width(f) {
	if (kind != "logformats")
		return nfields[kind]
	if (!(f[1] in lf_nfields)) {
		err("row kind must be format, marker, word, prefix, field, detail, key or message, not \"" f[1] "\"")
		return -1
	}
	return lf_nfields[f[1]]
}

# A command's name and its id (its place in data/commands.txt).
kind == "commands" {
	cmd_index[f[1]] = ncmd++
	next
}

# The space of marker text t that the scan looks for (1-based; 0 if none
# has two bytes after it): the one the rarest bytes follow, so that few
# spaces of a log pass the scan's filter. Capitals, digits and punctuation
# count over lowercase letters, and a longer word over a short one (" in "
# and " to " stand everywhere); three bytes after it over two. The first
# such space wins a tie.
function anchor_of(t,    i, j, best, score, top, c, w) {
	best = 0; top = -1
	for (i = 1; i <= length(t); i++) {
		if (substr(t, i, 1) != " " || length(t) - i < 2)
			continue
		score = length(t) - i >= 3 ? 1000 : 0
		for (j = i + 1; j <= i + 3 && j <= length(t); j++) {
			c = substr(t, j, 1)
			if (c !~ /[a-z ]/)
				score += 10
		}
		for (w = 0; i + w + 1 <= length(t) && substr(t, i + w + 1, 1) ~ /[A-Za-z0-9_-]/; w++)
			;
		score += w > 9 ? 9 : w
		if (score > top) {
			top = score
			best = i
		}
	}
	return best
}

# A format named in a row: its index, or -1 after an error. The format must
# be defined above and read lines of `reader` ("transcript" takes a
# quoted-transcript too; "any" takes every reader).
function lf_format(name, reader,    r) {
	if (!(name in fmt_index)) {
		err("unknown format \"" name "\" (define it with a format row above)")
		return -1
	}
	r = fmt_reader[fmt_index[name]]
	if (r ~ /-transcript$/)
		r = "transcript"
	else if (r ~ /-line$/)
		r = "line"
	if (reader != "any" && r != reader) {
		err("format " name " is a " fmt_reader[fmt_index[name]] " format, not a " reader " format")
		return -1
	}
	return fmt_index[name]
}

kind == "logformats" && f[1] == "format" {
	if (!check_source(f[6], 0)) next
	if (f[2] !~ /^[a-z][a-z0-9-]*$/) { err("bad format name \"" f[2] "\""); next }
	if (f[2] in fmt_index) { err("duplicate format \"" f[2] "\""); next }
	# The id: the enum's value (ABI). Explicit and dense, in the rows'
	# order: a format keeps its id, a new one takes the next.
	if (f[3] !~ /^(0|[1-9][0-9]*)$/) { err("format id must be a number, not \"" f[3] "\""); next }
	if (f[3] + 0 < nfmt) { err("format " f[2] " takes id " f[3] ", which is " fmt_name[f[3] + 0] "'s (ids never change: a new format takes the next id, " nfmt ", in a row after the last format row)"); next }
	if (f[3] + 0 > nfmt) { err("format " f[2] " takes id " f[3] ", but the next id is " nfmt " (ids are dense, in the rows' order)"); next }
	if (!(f[4] in reader_id)) { err("reader must be line, underscore-line, transcript, quoted-transcript, flat-transcript, bare-transcript, report-transcript or csv-transcript, not \"" f[4] "\""); next }
	if (!(f[5] in origin_id)) { err("origin must be local, remote or unknown, not \"" f[5] "\""); next }
	fmt_index[f[2]] = nfmt
	fmt_name[nfmt] = f[2]; fmt_reader[nfmt] = f[4]; fmt_src[nfmt] = f[6]
	fmt_origin[nfmt] = f[5]
	nfmt++
	next
}

kind == "logformats" && f[1] == "marker" {
	if (!check_source(f[9], 0)) next
	if (!(f[8] in origin_id)) { err("origin must be local, remote or unknown, not \"" f[8] "\""); next }
	t = qtext(f[2], "the marker")
	if (t == "") next
	anc = anchor_of(t)
	if (anc == 0) { err("marker \"" t "\" has no space with two bytes after it"); next }
	if (t in mark_index) { err("duplicate marker \"" t "\""); next }
	fm = lf_format(f[3], "any")
	if (fm < 0) next
	# Markers are tried in the rows' order, and a line that holds this
	# text holds every text inside it: an earlier marker of another format
	# inside this one would take its lines first.
	for (m = 0; m < nmark; m++)
		if (mark_fmt[m] != fm && index(t, mark_text[m])) {
			err("marker \"" t "\" holds \"" mark_text[m] "\", an earlier marker of " fmt_name[mark_fmt[m]] " (line " mark_line[m] "), which would take its lines: put this row before that one")
			break
		}
	if (m < nmark) next
	# COMMAND; for a transcript format, the role of what follows
	mark_cmd[nmark] = -1; mark_arg[nmark] = ""; mark_role[nmark] = -1
	if (fmt_reader[fm] ~ /transcript$/) {
		if (f[4] != "client" && f[4] != "server" && f[4] != "either") { err("a transcript marker's command must be client, server or either, not \"" f[4] "\""); next }
		if ((f[5] != "after" && f[5] != "colon") || f[6] != "-" || f[7] != "-") { err("a transcript marker's reply, until and next must be after or colon, - and -"); next }
		mark_where[nmark] = "none"; mark_role[nmark] = role_id[f[4]]
	} else if (f[4] == "-" || f[4] == "word" || f[4] == "phrase" || f[4] == "before" || f[4] == "echo") {
		# (the words before the marker are read in the line as it is: not
		# in an underscore-line's, whose text is respaced after the marker)
		if (f[4] == "before" && fmt_reader[fm] != "line") { err("before is read in a line format only, not in " f[3] " (" fmt_reader[fm] ")"); next }
		mark_where[nmark] = (f[4] == "-" ? "none" : f[4])
	} else if (f[4] ~ /^after-reply[ \t]/) {
		s = f[4]; sub(/^after-reply[ \t]+/, "", s)
		mark_arg[nmark] = qtext(s, "after-reply's end")
		if (mark_arg[nmark] == "") next
		mark_where[nmark] = "after-reply"
	} else if (f[4] ~ /^field[ \t]+[A-Za-z0-9_.-]+$/) {
		s = f[4]; sub(/^field[ \t]+/, "", s)
		mark_arg[nmark] = s "="
		mark_where[nmark] = "field"
	} else if (f[4] in cmd_index) {
		mark_where[nmark] = "fixed"; mark_cmd[nmark] = cmd_index[f[4]]
	} else {
		err("unknown command \"" f[4] "\" (a name, -, word, phrase, before, echo, after-reply \"TEXT\" or field KEY)")
		next
	}
	# REPLY; "fields" names the JSON fields of the code, the enhanced
	# code, the text and (optionally) the recipient
	nj = 0
	if (f[5] ~ /^fields([ \t]|$)/) {
		s = f[5]; sub(/^fields[ \t]*/, "", s)
		while (s != "") {
			if (!match(s, /^"[A-Za-z0-9_.-]+"/)) { err("fields takes three or four JSON field names in double quotes (letters, digits, _ . -), not " f[5]); next }
			mark_json[nmark, nj++] = substr(s, 1, RLENGTH) ":"
			s = substr(s, RLENGTH + 1)
			sub(/^[ \t]+/, "", s)
		}
		if (nj < 3 || nj > 4) { err("fields takes three or four JSON field names (the code, the enhanced code, the text, and the recipient), not " nj); next }
		if (f[6] != "-" || f[7] != "-") { err("a fields reply ends with its JSON object: until and next must be - and -"); next }
		if (fmt_reader[fm] != "line") { err("a fields reply is read in a line format only, not in " f[3] " (" fmt_reader[fm] ")"); next }
		f[5] = "fields"
	} else if (!(f[5] in reply_id)) { err("reply must be after, after-code, paren, colon, scan or fields \"CODE\" \"ENHANCED\" \"TEXT\", not \"" f[5] "\""); next }
	# UNTIL: - or quoted texts
	nu = 0
	if (f[6] != "-") {
		s = f[6]
		while (s != "") {
			if (!match(s, /^"([^"\\]|\\.)+"/)) { err("until must be - or texts in double quotes, not " f[6]); next }
			mark_until[nmark, nu++] = qtext(substr(s, 1, RLENGTH), "an until text")
			s = substr(s, RLENGTH + 1)
			sub(/^[ \t]+/, "", s)
		}
		if (nu > 2) { err("at most two until texts"); next }
	}
	if (!(f[7] in next_id)) { err("next must be -, join, indented, next-line or next-lines, not \"" f[7] "\""); next }
	if (mark_where[nmark] == "after-reply" && nu != 1) { err("after-reply needs exactly one until text: where the reply ends"); next }
	if (f[7] == "join" && mark_where[nmark] != "after-reply") { err("join needs after-reply: the joined lines may end with the command"); next }
	if (nmark >= max_markers) { err("more than " max_markers " markers"); next }
	mark_index[t] = nmark
	mark_text[nmark] = t; mark_anchor[nmark] = anc - 1; mark_fmt[nmark] = fm
	mark_reply[nmark] = f[5]; mark_nuntil[nmark] = nu; mark_next[nmark] = f[7]; mark_njson[nmark] = nj
	mark_src[nmark] = f[9]; mark_line[nmark] = FNR; mark_origin[nmark] = f[8]
	nmark++
	next
}

kind == "logformats" && f[1] == "word" {
	if (!check_source(f[5], 0)) next
	t = qtext(f[3], "the words")
	if (t == "") next
	if (f[4] == "(pipelined)")
		c = -2
	else if (f[4] in cmd_index)
		c = cmd_index[f[4]]
	else { err("unknown command \"" f[4] "\" (a name or (pipelined))"); next }
	# one row for each format named
	nf = split(f[2], fl, /[ \t]+/)
	for (i = 1; i <= nf; i++) {
		fm = lf_format(fl[i], "line")
		if (fm < 0) next
		if ((fm SUBSEP t) in word_seen) { err("duplicate word \"" t "\" for " fl[i]); next }
		word_seen[fm, t] = 1
		word_fmt[nword] = fm; word_text[nword] = t; word_cmd[nword] = c; word_src[nword] = f[5]
		nword++
	}
	next
}

# How common byte c is in a mail log's line: its place in the printable
# bytes from the rarest to the commonest, as counted over the real log
# lines of many MTAs (Postfix, Exim, Sendmail, OpenSMTPD, Exchange, qmail,
# Haraka, maddy: the samples of the project's reference logs, 378 lines);
# a byte not there (a control byte) counts rarest. A detail row's text is
# searched for by its rarest byte (detail_anchor).
function byte_rank(c) {
	return index("^`~%&!$#{}+*W?KYJzVQ;'Zq\\XG()|B_j\"FULwkHO@/NIRMPv<>DbACySgEhT[],x=f6u79-8p43d5lc:msinr2a0t1o.e ", c)
}

# The 0-based place of t's rarest byte (the first of equals).
function detail_anchor(t,    i, best, r, top) {
	best = 0; top = 1000
	for (i = 1; i <= length(t); i++) {
		r = byte_rank(substr(t, i, 1))
		if (r < top) {
			top = r
			best = i - 1
		}
	}
	return best
}

# A detail row: where a line of each format gives one of a reply's details
# (src/logdetail.c reads them). KIND says what, and how the value is cut
# out; a csv-transcript format's TEXT names a column of its #Fields:
# header, a report-transcript format's a field of its records.
kind == "logformats" && f[1] == "detail" {
	if (!check_source(f[5], 0)) next
	if (!(f[2] in detail_kind_id)) { err("detail kind must be one of " detail_kinds_list ", not \"" f[2] "\""); next }
	t = qtext(f[3], "the detail's text")
	if (t == "") next
	nf = split(f[4], fl, /[ \t]+/)
	for (i = 1; i <= nf; i++) {
		fm = lf_format(fl[i], "any")
		if (fm < 0) next
		r = fmt_reader[fm]
		if (r == "csv-transcript" || r == "report-transcript") {
			if (f[2] != "id" && f[2] != "address" && f[2] != "host") { err("a " r " format's detail rows name a column: id, host or address, not " f[2]); next }
			if (t !~ /^[a-z][a-z-]*$/) { err("detail \"" t "\" of " fl[i] " must name a column (lower-case letters and '-')"); next }
			if (r == "report-transcript" && t != "session") { err("a report-transcript record's only detail field is \"session\", not \"" t "\""); next }
		} else if (f[2] == "id-before" && (substr(t, 1, 1) ~ /[A-Za-z0-9.-]/)) {
			err("id-before \"" t "\" must begin with a byte that cannot end an id (a space, ':' or the like)"); next
		}
		if ((f[2] SUBSEP fm SUBSEP t) in det_seen) { err("duplicate detail " f[2] " \"" t "\" for " fl[i]); next }
		if (++det_count[fm] > 32) { err("more than 32 detail rows for " fl[i] " (a bit each in the reader's searched set)"); next }
		det_seen[f[2], fm, t] = 1
		det_text[ndet] = t; det_kind[ndet] = f[2]; det_fmt[ndet] = fm; det_src[ndet] = f[5]
		ndet++
	}
	next
}

kind == "logformats" && f[1] == "field" {
	if (!check_source(f[4], 1)) next
	t = qtext(f[2], "the field name")
	if (t == "") next
	if (t !~ /^[!-9;-~]+:$/) { err("field \"" t "\" must be a field name and its colon (RFC 5322 §3.6.8)"); next }
	if (f[3] != "recipient" && f[3] != "remote-host" && f[3] != "attempt-date" && f[3] != "arrival-date") { err("a field names the recipient, the remote-host, the attempt-date or the arrival-date, not \"" f[3] "\""); next }
	if (tolower(t) in fld_seen) { err("duplicate field \"" t "\""); next }
	fld_seen[tolower(t)] = 1
	fld_text[nfld] = t; fld_what[nfld] = f[3]; fld_src[nfld] = f[4]
	nfld++
	next
}

kind == "logformats" && f[1] == "prefix" {
	if (!check_source(f[5], 0)) next
	t = qtext(f[2], "the prefix")
	if (t == "") next
	if (length(t) < 2) { err("prefix \"" t "\" is shorter than two bytes"); next }
	fm = lf_format(f[3], "transcript")
	if (fm < 0) next
	# a prefix again only after a quoted-transcript's, which takes quoted
	# lines alone (src/logline.c, prefix_of)
	if ((t in pre_seen) && (pre_seen[t] != "quoted-transcript" || fmt_reader[fm] == "quoted-transcript")) {
		err("duplicate prefix \"" t "\""); next
	}
	if (!(f[4] in role_id)) { err("role must be client, server, either, session, session-host or note, not \"" f[4] "\""); next }
	seen = (t in pre_seen) ? "twice" : fmt_reader[fm]
	pre_seen[t] = seen
	pre_text[npre] = t; pre_fmt[npre] = fm; pre_role[npre] = f[4]; pre_src[npre] = f[5]
	npre++
	next
}


# message | FORMAT | BEFORE | "OPEN" | "CLOSE" | COMMAND | source: a
# reply's shape in a mail message's text, read there only (no marker slot).
kind == "logformats" && f[1] == "message" {
	if (!check_source(f[7], 0)) next
	fm = lf_format(f[2], "line")
	if (fm < 0) next
	if (!(f[3] in before_id)) { err("a message row's before must be host or address, not \"" f[3] "\""); next }
	t = qtext(f[4], "the message row's opening text")
	if (t == "") next
	u = ""
	if (f[5] != "-") {
		u = qtext(f[5], "the message row's closing text")
		if (u == "") next
	}
	if (f[6] != "-" && f[6] != "echo" && !(f[6] in cmd_index)) { err("a message row's command must be -, echo or a command's name, not \"" f[6] "\""); next }
	msg_fmt[nmsg] = fm; msg_before[nmsg] = f[3]; msg_open[nmsg] = t; msg_close[nmsg] = u
	msg_echo[nmsg] = (f[6] == "echo"); msg_src[nmsg] = f[7]
	msg_cmd[nmsg] = (f[6] in cmd_index) ? cmd_index[f[6]] : -1
	nmsg++
	next
}

kind == "logformats" && f[1] == "key" {
	if (!check_source(f[4], 0)) next
	fm = lf_format(f[2], "transcript")
	if (fm < 0) next
	t = qtext(f[3], "the key's text")
	if (t == "") next
	if (fm in key_text) { err("a second key row for " f[2]); next }
	key_text[fm] = t
	next
}

END {
	if (failed_usage)
		exit 2
	gen_all_files()
	if (errors) {
		close("cat 1>&2")
		exit 1
	}
	if (out == "scan")
		emit_scan()
	else if (out == "formats")
		emit_formats()
	else
		emit_logformats()
}

# Prints "enum NAME { PREFIX_VALUE, ... };" of the values names[1..].
function print_enum(name, prefix, names,    i, line) {
	line = "enum " name " {"
	for (i = 1; i in names; i++)
		line = line " " prefix c_ident(names[i]) ","
	print line " };"
}

# Sets bit b of arr[key].
function set_bit(arr, key, b) {
	if (!(key in arr))
		arr[key] = 0
	if (int(arr[key] / 2 ^ b) % 2 == 0)
		arr[key] += 2 ^ b
}

# Adds marker m to arr[key], a C expression of the markers' bits (a sum of
# 64 powers of two is past what awk's numbers hold exactly).
function add_marker(arr, key, m) {
	if (!(key in arr))
		arr[key] = "SC_MARK(" m ")"
	else if (index(arr[key] " ", "SC_MARK(" m ") ") == 0 && index(arr[key] " ", "SC_MARK(" m ")") == 0)
		arr[key] = arr[key] " | SC_MARK(" m ")"
}

function ord_init(    i) {
	for (i = 32; i < 127; i++)
		ord[sprintf("%c", i)] = i
}

# The byte sets of the marker scan, from the markers: for each marker, the
# three bytes after the space the scan finds (its anchor). next_set, third
# and fourth: byte value -> the markers' bits. Also the AVX2 form of the
# first two sets: nibble tables (a byte x is in a set when lo[x & 15] &
# hi[x >> 4] is not zero, one bit for each high nibble the sets' bytes
# have).
function scan_sets(    m, a, b1, b2, b3, h, k, nh, l) {
	ord_init()
	split("", next_set); split("", third_set); split("", fourth_set); split("", before_set)
	anchor0 = ""
	marker_min = 1000
	for (m = 0; m < nmark; m++) {
		a = mark_anchor[m]
		b1 = ord[substr(mark_text[m], a + 2, 1)]
		b2 = ord[substr(mark_text[m], a + 3, 1)]
		add_marker(next_set, b1, m); add_marker(third_set, b2, m)
		if (a > 0)
			add_marker(before_set, ord[substr(mark_text[m], a, 1)], m)
		else {
			# the text begins with its space: any byte before it
			for (b3 = 0; b3 < 256; b3++)
				add_marker(before_set, b3, m)
			anchor0 = anchor0 (anchor0 == "" ? "" : " | ") "SC_MARK(" m ")"
		}
		if (length(mark_text[m]) - a >= 4) {
			add_marker(fourth_set, ord[substr(mark_text[m], a + 4, 1)], m)
		} else {
			# Two bytes after the space: any third byte (the scan reads
			# one, so such a marker needs a byte after it).
			for (b3 = 0; b3 < 256; b3++)
				add_marker(fourth_set, b3, m)
		}
		if (length(mark_text[m]) - a < marker_min)
			marker_min = length(mark_text[m]) - a
	}
	# The scan reads three bytes after a space.
	if (marker_min < 4)
		marker_min = 4
	scan_groups()
}

# How much the nibble test of group g's bytes in arr lets through: the
# bytes whose low nibble and high nibble its bytes have, each weighed by
# how often it follows a space in a log (byte_weight).
function cover(arr, g,    k, lo, hi, b, l, h, w) {
	split("", lo); split("", hi)
	for (k in arr) {
		split(k, b, SUBSEP)
		if (b[1] != g)
			continue
		lo[b[2] % 16] = 1
		hi[int(b[2] / 16)] = 1
	}
	w = 0
	for (l in lo)
		for (h in hi)
			w += byte_weight(h * 16 + l)
	return w
}

# How often byte c begins or continues a word after a space in a log, in
# rough steps: lower-case letters and digits most (the words of every log
# line's text, its codes, times and numbers), then upper-case letters,
# then other printable bytes; bytes outside ASCII's printable ones
# hardly. A group that lets through a pair of lower-case letters (" ma",
# " he") costs the scan more than one that lets through punctuation
# (" <<").
function byte_weight(c) {
	if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57))
		return 16
	if (c >= 65 && c <= 90)
		return 4
	if (c >= 33 && c <= 126)
		return 1
	return 0
}

# Moves group b's bytes in arr into group a's.
function merge_into(arr, a, b,    k, x) {
	for (k in arr) {
		split(k, x, SUBSEP)
		if (x[1] == b) {
			arr[a, x[2]] = 1
			delete arr[k]
		}
	}
}

# The AVX2 filter's groups: a space passes when, for some group, the byte
# after it is in the group's first set and the next byte in its second.
# A set is tested by its nibbles (lo[x & 15] & hi[x >> 4], a bit a group),
# which lets through every byte whose nibbles its bytes have. One group a
# first byte to start; while there are more than 8 (the bits of a byte),
# the two whose merging lets through the fewest more pairs are merged,
# each pair weighed by byte_weight (unweighed, the two markers of
# OpenSMTPD's traces made the bench log's " ma" and " he" pass: 14% more
# spaces checked further).
function scan_groups(    m, a, b, g, ng, best, ba, bb, c, gmap, k, x, t) {
	split("", gfirst); split("", gsecond); split("", gmap)
	ng = 0
	for (m = 0; m < nmark; m++) {
		a = mark_anchor[m]
		b = ord[substr(mark_text[m], a + 2, 1)]
		if (!(b in gmap))
			gmap[b] = ng++
		gfirst[gmap[b], b] = 1
		gsecond[gmap[b], ord[substr(mark_text[m], a + 3, 1)]] = 1
	}
	while (ng > 8) {
		best = -1
		for (a = 0; a < ng; a++)
			for (b = a + 1; b < ng; b++) {
				split("", t)
				for (k in gfirst) { split(k, x, SUBSEP); if (x[1] == a || x[1] == b) t["f", x[2]] = 1 }
				for (k in gsecond) { split(k, x, SUBSEP); if (x[1] == a || x[1] == b) t["s", x[2]] = 1 }
				c = cover(t, "f") * cover(t, "s") - cover(gfirst, a) * cover(gsecond, a) - cover(gfirst, b) * cover(gsecond, b)
				if (best < 0 || c < best) { best = c; ba = a; bb = b }
			}
		merge_into(gfirst, ba, bb); merge_into(gsecond, ba, bb)
		ng--
		if (bb != ng) {
			merge_into(gfirst, bb, ng); merge_into(gsecond, bb, ng)
		}
	}
	split("", lo_next); split("", hi_next); split("", lo_third); split("", hi_third)
	for (k in gfirst) {
		split(k, x, SUBSEP)
		set_bit(lo_next, x[2] % 16, x[1]); set_bit(hi_next, int(x[2] / 16), x[1])
	}
	for (k in gsecond) {
		split(k, x, SUBSEP)
		set_bit(lo_third, x[2] % 16, x[1]); set_bit(hi_third, int(x[2] / 16), x[1])
	}
}

# "v0, v1, ..., v15" of a nibble table (missing entries 0), as the signed
# chars that _mm256_setr_epi8 takes (bit 7 is the eighth group's).
function nibble_list(arr,    i, v, line) {
	line = ""
	for (i = 0; i < 16; i++) {
		v = (i in arr) ? arr[i] : 0
		line = line (i ? ", " : "") sprintf("%d", v > 127 ? v - 256 : v)
	}
	return line
}

function emit_scan(    i, line, m, nj) {
	scan_sets()
	print "/* SPDX-License-Identifier: MIT */"
	print "/* Generated by gen/logformats.awk from data/logformats.txt: do not edit. */"
	print "/* The counts and encodings that the log tables and the reader's C code"
	print " * share, and the scan's byte sets: no C file writes one of these itself. */"
	print "#ifndef SC_GEN_SCAN_H"
	print "#define SC_GEN_SCAN_H"
	print ""
	print "/* data/logformats.txt */"
	printf "#define SC_NFORMATS %d\n", nfmt
	printf "#define SC_NMARKERS %d\n", nmark
	nj = 0
	for (m = 0; m < nmark; m++)
		nj += mark_njson[m] > 0
	printf "#define SC_NJSONS %d\n", (nj ? nj : 1)
	printf "#define SC_NWORDS %d\n", nword
	printf "#define SC_NPREFIXES %d\n", npre
	printf "#define SC_NFIELDS %d\n", nfld
	printf "#define SC_NMESSAGES %d\n", (nmsg ? nmsg : 1)
	printf "#define SC_NDETAILS %d\n", ndet
	for (i = 0; i < ndet; i++) nd_of[det_fmt[i]]++
	m = 0
	for (i in nd_of) if (nd_of[i] > m) m = nd_of[i]
	print "/* the most detail rows of one format */"
	printf "#define SC_FORMAT_DETAILS_MAX %d\n", m
	print "/* the fewest bytes from a marker's anchor (the space the scan finds) to"
	print " * its end, and at least the four the scan reads there: a space closer"
	print " * than this to the line's end starts none */"
	printf "#define SC_MARKER_MIN %d\n", marker_min
	print "/* a word row's command for \"(pipelined)\" */"
	print "#define SC_WORD_PIPELINED (-2)"
	print_enum("sc_where", "SC_WHERE_", where_names)
	print_enum("sc_reply_at", "SC_REPLY_", reply_names)
	print "enum sc_next { SC_NEXT_NONE, SC_NEXT_JOIN, SC_NEXT_INDENTED, SC_NEXT_NEXT_LINE, SC_NEXT_NEXT_LINES };"
	print "enum sc_field_what { SC_FIELD_RECIPIENT, SC_FIELD_REMOTE_HOST, SC_FIELD_ATTEMPT_DATE, SC_FIELD_ARRIVAL_DATE };"
	print_enum("sc_before", "SC_BEFORE_", before_names)
	printf "enum sc_detail_kind {"
	for (i = 1; i in detail_kind_names; i++)
		printf "%s SC_DETAIL_%s", (i > 1 ? "," : ""), c_ident(detail_kind_names[i])
	print " };"
	print "/* the groups of a format's detail rows, in the order the reader takes"
	print " * them (sc_detail_groups) */"
	printf "enum sc_detail_group {"
	for (g = 1; g <= ndetail_groups; g++)
		printf "%s SC_GROUP_%s", (g > 1 ? "," : ""), detail_group_names[g]
	printf ", SC_DETAIL_GROUPS"
	print " };"
	print_enum("sc_reader", "SC_READER_", reader_names)
	print_enum("sc_role", "SC_ROLE_", role_names)
	print ""
	print "/* The scan's byte sets for AVX2 (see sc_marker_next in"
	print " * gen-logformats.c): the nibble tables of up to 8 groups of markers (a"
	print " * bit each), of the byte after the space and of the one after that. */"
	printf "#define SC_SCAN_NEXT_LO %s\n", nibble_list(lo_next)
	printf "#define SC_SCAN_NEXT_HI %s\n", nibble_list(hi_next)
	printf "#define SC_SCAN_THIRD_LO %s\n", nibble_list(lo_third)
	printf "#define SC_SCAN_THIRD_HI %s\n", nibble_list(hi_third)
	print ""
	print "#endif"
}

# A 256-entry table NAME of TYPE from arr (byte value -> value).
function byte_table(type, name, arr, suffix,    k, i, n, keys) {
	print "const " type " " name "[256] = {"
	n = 0
	for (k in arr)
		keys[n++] = k + 0
	# in byte order, for a stable file
	for (i = 0; i < 256; i++)
		if (i in arr)
			printf "\t[0x%02x] = %s%s,%s\n", i, (suffix == "expr" ? arr[i] : sprintf("%.0f", arr[i])), (suffix == "expr" ? "" : suffix), (i > 32 && i < 127 && i != 42 && i != 47 ? sprintf(" /* '%c' */", i) : "")
	print "};"
}

function emit_logformats(    i, m, k, line, u, first, second, wstart, js, jl, njson) {
	scan_sets()
	print "/* SPDX-License-Identifier: MIT */"
	print "/* Generated by gen/logformats.awk from data/logformats.txt: do not edit. */"
	print "#include \"log.h\""
	print ""
	line = ""
	for (i = 0; i < nfmt; i++)
		line = line (i ? " && " : "") "SMTPCODE_LOG_" c_ident(fmt_name[i]) " == " i
	printf "_Static_assert(%s && SMTPCODE_LOG_FORMAT_COUNT == SC_NFORMATS,\n", line
	print "               \"data/logformats.txt and enum smtpcode_log_format disagree\");"
	print "const char *const sc_format_names[SC_NFORMATS] = {"
	for (i = 0; i < nfmt; i++)
		printf "\t%s, /* %s reader: %s */\n", cstr(fmt_name[i]), fmt_reader[i], fmt_src[i]
	print "};"
	print "/* each transcript format's session key (a \"key\" row): its markers' lines"
	print " * name their session in the word after this text; NULL: in the word"
	print " * before the marker */"
	print "const char *const sc_format_key[SC_NFORMATS] = {"
	for (i = 0; i < nfmt; i++)
		printf "\t%s, /* %s */\n", ((i in key_text) ? cstr(key_text[i]) : "NULL"), fmt_name[i]
	print "};"
	line = "const unsigned char sc_format_key_len[SC_NFORMATS] = { "
	for (i = 0; i < nfmt; i++)
		line = line ((i in key_text) ? length(key_text[i]) : 0) ", "
	print line "};"
	print "/* each format's origin: its transcript lines' and bare replies' */"
	print "const unsigned char sc_format_origin[SC_NFORMATS] = {"
	for (i = 0; i < nfmt; i++)
		printf "\tSMTPCODE_ORIGIN_%s, /* %s */\n", toupper(fmt_origin[i]), fmt_name[i]
	print "};\n"
	print "/* each format's reader: enum sc_reader */"
	print "const unsigned char sc_format_transcript[SC_NFORMATS] = {"
	for (i = 0; i < nfmt; i++)
		printf "\tSC_READER_%s, /* %s */\n", c_ident(fmt_reader[i]), fmt_name[i]
	print "};\n"

	print "/* text, len, anchor, tail (the text from the anchor), tail_len, format,"
	print " * where, command, arg, arg_len, reply, until[], until_len[], nuntil, next,"
	print " * role (a transcript's; 255 for a line format's), json (its sc_jsons"
	print " * entry + 1; 0: none), origin */"
	print "const struct sc_marker sc_markers[SC_NMARKERS] = {"
	for (m = 0; m < nmark; m++) {
		u = ""
		for (i = 0; i < 2; i++)
			u = u (i ? ", " : "") (i < mark_nuntil[m] ? cstr(mark_until[m, i]) : "NULL")
		line = ""
		for (i = 0; i < 2; i++)
			line = line (i ? ", " : "") (i < mark_nuntil[m] ? length(mark_until[m, i]) : 0)
		if (mark_njson[m] > 0)
			mark_jsonid[m] = ++njson
		else
			mark_jsonid[m] = 0
		printf "\t{ %s, %d, %d, %s, %d, %d, SC_WHERE_%s, %d, %s, %d, SC_REPLY_%s, { %s }, { %s }, %d, %s, %d, %d, %s },\n", cstr(mark_text[m]), length(mark_text[m]), mark_anchor[m], cstr(substr(mark_text[m], mark_anchor[m] + 1)), length(mark_text[m]) - mark_anchor[m], mark_fmt[m], c_ident(mark_where[m]), mark_cmd[m], (mark_arg[m] == "" ? "NULL" : cstr(mark_arg[m])), length(mark_arg[m]), c_ident(mark_reply[m]), u, line, mark_nuntil[m], (mark_next[m] == "-" ? "SC_NEXT_NONE" : "SC_NEXT_" c_ident(mark_next[m])), (mark_role[m] < 0 ? 255 : mark_role[m]), mark_jsonid[m], "SMTPCODE_ORIGIN_" toupper(mark_origin[m])
		printf "\t/* %s */\n", mark_src[m]
	}
	print "};\n"
	print "/* a \"fields\" reply's members: code, enhanced code, text, recipient */"
	print "const struct sc_json sc_jsons[SC_NJSONS] = {"
	k = 0
	for (m = 0; m < nmark; m++) {
		if (mark_njson[m] == 0)
			continue
		js = ""; jl = ""
		for (i = 0; i < 4; i++) {
			js = js (i ? ", " : "") (i < mark_njson[m] ? cstr(mark_json[m, i]) : "NULL")
			jl = jl (i ? ", " : "") (i < mark_njson[m] ? length(mark_json[m, i]) : 0)
		}
		printf "\t{ { %s }, { %s } }, /* %s */\n", js, jl, cstr(mark_text[m])
		k++
	}
	if (k == 0)
		print "\t{ { NULL, NULL, NULL, NULL }, { 0, 0, 0, 0 } },"
	print "};\n"

	# Grouped by format (in data order within), with where each format's
	# rows start: a marker's words are looked up among its format's only.
	print "/* format, text, len, command (SC_WORD_PIPELINED: a word before it) */"
	print "const struct sc_word sc_words[SC_NWORDS] = {"
	k = 0
	for (m = 0; m < nfmt; m++) {
		wstart[m] = k
		for (i = 0; i < nword; i++)
			if (word_fmt[i] == m) {
				printf "\t{ %d, %s, %d, %d }, /* %s */\n", word_fmt[i], cstr(word_text[i]), length(word_text[i]), word_cmd[i], word_src[i]
				k++
			}
	}
	if (nword == 0)
		print "\t{ 0, NULL, 0, 0 },"
	print "};"
	print "/* [format] -> its first row in sc_words; [SC_NFORMATS] ends the last */"
	line = "const unsigned char sc_format_words[SC_NFORMATS + 1] = { "
	for (m = 0; m < nfmt; m++)
		line = line wstart[m] ", "
	print line nword " };\n"

	print "/* text, len, format, role */"
	print "const struct sc_prefix sc_prefixes[SC_NPREFIXES] = {"
	split("", first); split("", second)
	for (i = 0; i < npre; i++) {
		printf "\t{ %s, %d, %d, SC_ROLE_%s }, /* %s */\n", cstr(pre_text[i]), length(pre_text[i]), pre_fmt[i], c_ident(pre_role[i]), pre_src[i]
		first[ord[substr(pre_text[i], 1, 1)]] = 1
		second[ord[substr(pre_text[i], 2, 1)]] = 1
	}
	if (npre == 0)
		print "\t{ NULL, 0, 0, 0 },"
	print "};\n"

	print "/* For the byte after a marker's anchor (the space the scan finds), and"
	print " * for the second and the third byte after it: the markers (bit m for"
	print " * sc_markers[m]) whose text has that byte there. */"
	byte_table("sc_markset", "sc_marker_next", next_set, "expr")
	byte_table("sc_markset", "sc_marker_third", third_set, "expr")
	byte_table("sc_markset", "sc_marker_fourth", fourth_set, "expr")
	print "/* For the byte before a marker's anchor: the markers whose text has it"
	print " * there (those that begin with their space: any byte) */"
	byte_table("sc_markset", "sc_marker_before", before_set, "expr")
	printf "/* the markers that begin with their space (found at a line's start) */\n"
	printf "const sc_markset sc_marker_at_start = %s;\n", (anchor0 == "" ? "0" : anchor0)
	print ""
	print "/* text, len, what (enum sc_field_what) */"
	print "const struct sc_field sc_fields[SC_NFIELDS] = {"
	split("", ffirst)
	for (i = 0; i < nfld; i++) {
		printf "\t{ %s, %d, SC_FIELD_%s }, /* %s */\n", cstr(fld_text[i]), length(fld_text[i]), c_ident(fld_what[i]), fld_src[i]
		ffirst[ord[tolower(substr(fld_text[i], 1, 1))]] = 1
		ffirst[ord[toupper(substr(fld_text[i], 1, 1))]] = 1
	}
	if (nfld == 0)
		print "\t{ NULL, 0, 0 },"
	print "};"
	print "/* open, its len, close (NULL: the line's end), its len, format, before"
	print " * (enum sc_before), echo, command (an id; -1: none): a reply's shape"
	print " * in a mail message's text */"
	print "const struct sc_message sc_messages[SC_NMESSAGES] = {"
	for (i = 0; i < nmsg; i++)
		printf "\t{ %s, %d, %s, %d, %d, SC_BEFORE_%s, %d, %d }, /* %s: %s */\n", cstr(msg_open[i]), length(msg_open[i]), (msg_close[i] == "" ? "NULL" : cstr(msg_close[i])), length(msg_close[i]), msg_fmt[i], c_ident(msg_before[i]), msg_echo[i], msg_cmd[i], fmt_name[msg_fmt[i]], msg_src[i]
	if (nmsg == 0)
		print "\t{ NULL, 0, NULL, 0, 0, 0, 0, -1 },"
	print "};"
	# the detail rows by format, each format's by group (detail_group)
	# and in the file's order within a group, and where each format's
	# groups begin
	print "/* text, len, kind (enum sc_detail_kind), anchor (its rarest byte's"
	print " * place, which the search looks for), same (the first row of the format"
	print " * with the same text, from the format's first: one search serves both):"
	print " * where a line of the format gives a detail, each format's rows together */"
	print "const struct sc_detail sc_details[SC_NDETAILS] = {"
	k = 0
	for (fm = 0; fm < nfmt; fm++) {
		det_first[fm] = k
		n = 0
		split("", same_at)
		for (pass = 1; pass <= ndetail_groups; pass++) {
			for (i = 0; i < ndet; i++) {
				if (det_fmt[i] != fm || detail_group[det_kind[i]] != pass) continue
				if (!(det_text[i] in same_at)) same_at[det_text[i]] = n
				printf "\t{ %s, %d, SC_DETAIL_%s, %d, %d }, /* %s: %s */\n", cstr(det_text[i]), length(det_text[i]), c_ident(det_kind[i]), detail_anchor(det_text[i]), same_at[det_text[i]], fmt_name[fm], det_src[i]
				k++
				n++
			}
			group_first[fm * ndetail_groups + pass] = k # (the group's end)
		}
		if (n > max_format_details) max_format_details = n
	}
	det_first[nfmt] = k
	if (ndet == 0)
		print "\t{ NULL, 0, 0 },"
	print "};"
	print "/* Format f's detail rows: sc_details[sc_format_details[f] .. sc_format_details[f + 1]). */"
	printf "const unsigned short sc_format_details[SC_NFORMATS + 1] = {"
	for (fm = 0; fm <= nfmt; fm++)
		printf "%s%d", (fm % 16 ? ", " : (fm ? ",\n\t" : "\n\t")), det_first[fm]
	print "\n};"
	print "/* Format f's rows of group g (enum sc_detail_group): sc_details[d[g] .. d[g + 1])"
	print " * of d = sc_detail_groups + f * SC_DETAIL_GROUPS (the last group's end the"
	print " * next format's first). */"
	printf "const unsigned short sc_detail_groups[SC_NFORMATS * SC_DETAIL_GROUPS + 1] = {"
	for (fm = 0; fm < nfmt; fm++)
		for (g = 0; g < ndetail_groups; g++)
			printf "%s%d", (g ? ", " : (fm ? ",\n\t" : "\n\t")), (g ? group_first[fm * ndetail_groups + g] : det_first[fm])
	printf ",\n\t%d\n};\n", det_first[nfmt]
	print "/* The first bytes of the fields' names, in either case. */"
	byte_table("unsigned char", "sc_field_first", ffirst, "")
	print ""
	print "/* The first and the second bytes of the transcript prefixes. */"
	byte_table("unsigned char", "sc_prefix_first", first, "")
	byte_table("unsigned char", "sc_prefix_second", second, "")
}

# The installed header of enum smtpcode_log_format: each format's id is
# its row's (data/logformats.txt), the comment its row's source.
function emit_formats(    i, c) {
	print "/* SPDX-License-Identifier: MIT */"
	print "/* smtpcode-formats.h - the log formats smtpcode's reader knows; included"
	print " * by smtpcode.h. Generated by gen/logformats.awk from data/logformats.txt:"
	print " * do not edit. */"
	print "#ifndef SMTPCODE_FORMATS_H"
	print "#define SMTPCODE_FORMATS_H"
	print ""
	print "/* The log formats the reader knows (data/logformats.txt's format rows:"
	print " * a format keeps its id, and a new one takes the next). */"
	print "enum smtpcode_log_format {"
	for (i = 0; i < nfmt; i++) {
		c = fmt_src[i]
		gsub(/\*\//, "* /", c)
		printf "\t/* %s */\n", c
		printf "\tSMTPCODE_LOG_%s = %d,\n", c_ident(fmt_name[i]), i
	}
	printf "\tSMTPCODE_LOG_FORMAT_COUNT = %d\n", nfmt
	print "};"
	print ""
	print "#endif"
}
