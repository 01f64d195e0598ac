# SPDX-License-Identifier: MIT
# tables.awk - the code tables: validate data/'s tables of codes, commands
# and standards and emit their C source and gperf input.
#
# Usage (POSIX awk; after gen/common.awk; the files in exactly this order):
#   awk -v out=tables|commands|replies|enhanced|ids -f gen/common.awk -f gen/tables.awk \
#       data/standards.txt data/classes.txt data/codes.txt data/commands.txt \
#       data/aliases.txt data/matrix.txt data/anycommand.txt \
#       data/conditional.txt data/notes.txt data/meanings.txt data/enhanced.txt
#
# out=tables     C source of every table (compiled as src/gen-tables.c)
# out=commands   gperf input: command name or alias -> its entry
# out=replies    gperf input: a reply code's three digits -> its entry
# out=enhanced   gperf input: an enhanced code ("5.1.1", in each of the
#                classes 2, 4 and 5) -> its registry entry
#                (each gperf input declares its lookup function static
#                before gperf's definition: the file that #includes the
#                output writes no prototype)
# out=ids        C header of the counts, the command ids and the encodings
#                that the generator and the library share (src/gen-ids.h)
#
# A code as a number indexes sc_reply_by_number or sc_enhanced_by_number;
# a code as text is looked up through gperf, as a command is.

BEGIN {
	gen_files("standards classes codes commands aliases matrix anycommand conditional notes meanings enhanced")
	nfields["standards"] = 7; nfields["classes"] = 5
	nfields["codes"] = 6;     nfields["commands"] = 5
	nfields["aliases"] = 3;   nfields["matrix"] = 5
	nfields["anycommand"] = 4; nfields["notes"] = 4; nfields["meanings"] = 4
	nfields["conditional"] = 6; nfields["enhanced"] = 5
	# The encodings the library shares with these tables, written into
	# src/gen-ids.h from here and nowhere else.
	verdict_shift = 4
	nstd = 0; nreply = 0; ncmd = 0; nalias = 0; nlist = 0; nany = 0; nnote = 0; nmean = 0
	ncond = 0; nenh = 0
	role_name["I"] = "SMTPCODE_ROLE_INTERMEDIATE"
	role_name["S"] = "SMTPCODE_ROLE_SUCCESS"
	role_name["F"] = "SMTPCODE_ROLE_FAILURE"
	role_name["E"] = "SMTPCODE_ROLE_ERROR"
	status_name["standard"] = "SMTPCODE_STATUS_STANDARD"
	status_name["historic"] = "SMTPCODE_STATUS_HISTORIC"
	status_name["non-standard"] = "SMTPCODE_STATUS_NONSTANDARD"
	if (out != "tables" && out != "commands" && out != "replies" && out != "enhanced" && out != "ids") {
		print "smtpcode-gen: out must be tables, commands, replies, enhanced or ids" | "cat 1>&2"
		failed_usage = 1
		exit 2
	}
}

# Every file of the code tables has its own field count.
function row_width(f) {
	return nfields[kind]
}

# Parses a space-separated list of standard ids into a bit mask; -1 on error.
function std_mask(s,    n, a, i, m) {
	if (s == "-")
		return 0
	n = split(s, a, /[ \t]+/)
	m = 0
	for (i = 1; i <= n; i++) {
		if (!(a[i] in std_index)) {
			err("unknown standard \"" a[i] "\"")
			return -1
		}
		if (int(m / (2 ^ std_index[a[i]])) % 2) {
			err("standard \"" a[i] "\" given twice")
			return -1
		}
		m += 2 ^ std_index[a[i]]
	}
	return m
}

function has_std(mask, s) {
	return int(mask / (2 ^ s)) % 2
}

# Adds to srcdecl a C array NAME of the parts of s split at sep, each
# trimmed; returns how many.
# Splits s at each `sep` that stands outside parentheses and double quotes
# (a source's "(quoted: a; b)" stays one item) into a[1..n]; returns n.
function split_outside(s, a, sep,    n, i, depth, q, c, start) {
	n = 0; depth = 0; q = 0; start = 1
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\"") q = !q
		else if (!q && c == "(") depth++
		else if (!q && c == ")" && depth > 0) depth--
		else if (!q && depth == 0 && substr(s, i, length(sep)) == sep) {
			a[++n] = substr(s, start, i - start)
			start = i + length(sep)
			i = start - 1
		}
	}
	a[++n] = substr(s, start)
	return n
}

# Whether a "; "-separated source list splits cleanly: a "; " inside
# parentheses would make two items of one in the CSV export (its cells
# join a list with "; "), so it is an error.
function check_list(s,    a, n, i) {
	split("", a)
	n = split_outside(s, a, "; ")
	for (i = 1; i <= n; i++)
		if (index(a[i], "; ")) {
			err("\"; \" inside parentheses in a source list (sources are split at \"; \"): " a[i])
			return 0
		}
	return 1
}

function strings_decl(name, s, sep,    n, a, i, line) {
	split("", a)
	n = sep == "; " ? split_outside(s, a, sep) : split(s, a, sep)
	line = "static const char *const " name "[] = { "
	for (i = 1; i <= n; i++)
		line = line cstr(trim(a[i])) ", "
	srcdecl = srcdecl line "};\n"
	return n
}

kind == "standards" {
	if (f[1] !~ /^rfc[0-9]+$/) { err("bad standard id \"" f[1] "\""); next }
	if (f[1] in std_index) { err("duplicate standard \"" f[1] "\""); next }
	if (f[3] !~ /^[0-9][0-9][0-9][0-9]$/) { err("bad year \"" f[3] "\""); next }
	if (f[4] !~ /^[IFSE]+$/) { err("bad role letters \"" f[4] "\""); next }
	if (!check_source(f[7], 1)) next
	std_index[f[1]] = nstd
	std_id[nstd] = f[1]; std_doc[nstd] = f[2]; std_year[nstd] = f[3]
	std_roles[nstd] = f[4]; std_table[nstd] = f[5]; std_codes[nstd] = f[6]
	std_src[nstd] = f[7]
	nstd++
	next
}

kind == "classes" {
	if (f[1] != "class" && f[1] != "category" && f[1] != "enhanced-class" && f[1] != "subject") { err("kind must be class, category, enhanced-class or subject, not \"" f[1] "\""); next }
	if (f[2] !~ /^[0-9]$/) { err("bad digit \"" f[2] "\""); next }
	if (f[1] == "class" && (f[2] < 1 || f[2] > 5)) { err("class digit must be 1-5"); next }
	if (f[1] == "class" && f[2] == 1 && f[5] !~ /^RFC 821 /) { err("class 1 is RFC 821's alone (RFC 5321 §4.2.1: FTP's 1yz codes are not part of SMTP)"); next }
	if (f[1] == "category" && f[2] > 5) { err("category digit must be 0-5"); next }
	if (f[1] == "enhanced-class" && f[2] != 2 && f[2] != 4 && f[2] != 5) { err("enhanced class must be 2, 4 or 5 (RFC 3463 §2)"); next }
	if (f[1] == "subject" && f[2] > 7) { err("subject must be 0-7"); next }
	if ((f[1] SUBSEP f[2]) in digit_name) { err("duplicate " f[1] " " f[2]); next }
	if (!check_source(f[5], 1)) next
	digit_name[f[1], f[2]] = f[3]
	digit_meaning[f[1], f[2]] = f[4]
	digit_src[f[1], f[2]] = f[5]
	next
}

kind == "codes" {
	if (!is_code(f[1])) { err("malformed code \"" f[1] "\": not three digits"); next }
	if (f[1] !~ /^[2-5][0-5][0-9]$/) { err("malformed code \"" f[1] "\": outside the RFC 5321 §4.2 grammar"); next }
	if (f[1] in reply_index) { err("duplicate code " f[1]); next }
	if (nreply > 0 && f[1] + 0 < reply_code[nreply - 1] + 0) { err("code " f[1] " out of numeric order"); next }
	if (!(f[2] in status_name)) { err("bad status \"" f[2] "\" (standard, historic or non-standard)"); next }
	m = std_mask(f[3])
	if (m < 0) next
	if (!check_source(f[6], 1)) next
	reply_index[f[1]] = nreply
	reply_code[nreply] = f[1]; reply_status[nreply] = f[2]; reply_std[nreply] = m
	if (!check_list(f[6])) next
	reply_text[nreply] = f[4]; reply_expl[nreply] = f[5]; reply_src[nreply] = f[6]
	nreply++
	next
}

kind == "commands" {
	if (f[1] !~ /^[A-Za-z.][A-Za-z0-9.-]*$/) { err("bad command name \"" f[1] "\""); next }
	key = toupper(f[1])
	if (key in cmd_key) { err("duplicate command \"" f[1] "\""); next }
	if (f[2] != "command" && f[2] != "extension" && f[2] != "pseudo") { err("kind must be command, extension or pseudo, not \"" f[2] "\""); next }
	m = std_mask(f[3])
	if (m < 0) next
	if (!check_source(f[5], 1)) next
	cmd_key[key] = ncmd
	cmd_index[f[1]] = ncmd
	cmd_name[ncmd] = f[1]; cmd_pseudo[ncmd] = (f[2] == "pseudo"); cmd_ext[ncmd] = (f[2] == "extension")
	if (!check_list(f[5])) next
	cmd_std[ncmd] = m; cmd_desc[ncmd] = f[4]; cmd_src[ncmd] = f[5]
	ncmd++
	next
}

kind == "aliases" {
	key = toupper(f[1])
	if (key in cmd_key) {
		err((cmd_key[key] < 0 ? "duplicate alias" : "alias is a command name") " \"" f[1] "\"")
		next
	}
	if (!(f[2] in cmd_index)) { err("unknown command \"" f[2] "\""); next }
	if (!check_source(f[3], 0)) next
	cmd_key[key] = -1
	alias_text[nalias] = f[1]; alias_cmd[nalias] = cmd_index[f[2]]
	nalias++
	next
}

# Lists reply r for command c under standard s, with the role and source.
function add_listing(s, c, r, role, src) {
	cell[s, c, r] = nlist
	list_std[nlist] = s; list_cmd[nlist] = c; list_reply[nlist] = r
	list_role[nlist] = role; list_src[nlist] = src
	nlist++
}

kind == "matrix" {
	if (!(f[1] in std_index)) { err("unknown standard \"" f[1] "\""); next }
	s = std_index[f[1]]
	if (!(f[2] in cmd_index)) { err("unknown command \"" f[2] "\""); next }
	c = cmd_index[f[2]]
	if (!has_std(cmd_std[c], s)) { err("command " f[2] " is not defined by " f[1] " (data/commands.txt)"); next }
	if (f[3] !~ /^[IFSE]$/) { err("bad role letter \"" f[3] "\" (I, S, F or E)"); next }
	if (index(std_roles[s], f[3]) == 0) { err("role " f[3] " is not used by " f[1] " (roles " std_roles[s] ")"); next }
	if (!check_source(f[5], 1)) next
	n = split(f[4], codes, /[ \t]+/)
	for (i = 1; i <= n; i++) {
		if (codes[i] ~ /^[2-5]xx$/) {
			# A class rule ("the appropriate 4XX or 5XX code"): every code
			# of that class in the standard's code list that no row
			# before lists for the command.
			for (r = 0; r < nreply; r++) {
				if (substr(reply_code[r], 1, 1) != substr(codes[i], 1, 1) ||
				    !has_std(reply_std[r], s) || ((s SUBSEP c SUBSEP r) in cell))
					continue
				add_listing(s, c, r, f[3], f[5])
			}
			continue
		}
		if (!is_code(codes[i])) { err("malformed code \"" codes[i] "\" (three digits, or 4xx for a class)"); continue }
		if (!(codes[i] in reply_index)) { err("code " codes[i] " is missing from data/codes.txt"); continue }
		r = reply_index[codes[i]]
		if (!cmd_ext[c] && !has_std(reply_std[r], s)) { err("code " codes[i] " is not in " f[1] "'s code list (data/codes.txt)"); continue }
		if ((s SUBSEP c SUBSEP r) in cell) { err("duplicate row: " f[1] " " f[2] " " codes[i]); continue }
		add_listing(s, c, r, f[3], f[5])
	}
	next
}

kind == "anycommand" {
	if (!(f[1] in std_index)) { err("unknown standard \"" f[1] "\""); next }
	s = std_index[f[1]]
	if (!is_code(f[2])) { err("malformed code \"" f[2] "\""); next }
	if (!(f[2] in reply_index)) { err("code " f[2] " is missing from data/codes.txt"); next }
	r = reply_index[f[2]]
	if (!has_std(reply_std[r], s)) { err("code " f[2] " is not in " f[1] "'s code list (data/codes.txt)"); next }
	if (f[3] != "all" && f[3] != "commands") { err("scope must be all or commands, not \"" f[3] "\""); next }
	if ((s SUBSEP r) in any_cell) { err("duplicate row: " f[1] " " f[2]); next }
	if (!check_source(f[4], 1)) next
	any_cell[s, r] = nany
	any_std[nany] = s; any_reply[nany] = r; any_all[nany] = (f[3] == "all"); any_src[nany] = f[4]
	nany++
	next
}

kind == "conditional" {
	if (!(f[1] in std_index)) { err("unknown standard \"" f[1] "\""); next }
	s = std_index[f[1]]
	if (!is_code(f[2])) { err("malformed code \"" f[2] "\""); next }
	if (!(f[2] in reply_index)) { err("code " f[2] " is missing from data/codes.txt"); next }
	if (!check_source(f[5], 1)) next
	n = split(f[3], a, /[ \t]+/)
	for (c = 0; c < ncmd; c++)
		applies[c] = 0
	if (a[1] == "*") {
		if (n > 1 && a[2] != "except") { err("expected \"* except NAME ...\", not \"" f[3] "\""); next }
		if (n == 2) { err("\"except\" names no command"); next }
		for (c = 0; c < ncmd; c++)
			applies[c] = !cmd_pseudo[c]
		bad = 0
		for (i = 3; i <= n; i++) {
			if (!(a[i] in cmd_index)) { err("unknown command \"" a[i] "\""); bad = 1; break }
			applies[cmd_index[a[i]]] = 0
		}
		if (bad) next
	} else if (n == 1 && (a[1] in cmd_index)) {
		applies[cmd_index[a[1]]] = 1
	} else {
		err("unknown command \"" f[3] "\" (a name, \"*\" or \"* except NAME ...\")")
		next
	}
	r = reply_index[f[2]]
	for (c = 0; c < ncmd; c++)
		if (applies[c] && has_std(cmd_std[c], s) && !((s SUBSEP c SUBSEP r) in cond_cell))
			cond_cell[s, c, r] = ncond
	cond_std[ncond] = s; cond_reply[ncond] = r; cond_text[ncond] = f[4]; cond_src[ncond] = f[5]
	# the words that show the condition in a reply: "-" or quoted texts
	cond_nev[ncond] = 0
	if (f[6] != "-") {
		t = f[6]
		while (t != "") {
			if (!match(t, /^"[^"]+"/)) { err("evidence must be - or words in double quotes, not " f[6]); next }
			cond_ev[ncond, cond_nev[ncond]++] = substr(t, 2, RLENGTH - 2)
			t = substr(t, RLENGTH + 1)
			sub(/^[ \t]+/, "", t)
		}
	}
	# the commands the row names: those exempt ("* except"), or the one
	cond_except[ncond] = a[1] == "*"
	cond_ncmd[ncond] = 0
	for (i = (a[1] == "*" ? 3 : 1); i <= n; i++)
		cond_cmd[ncond, cond_ncmd[ncond]++] = cmd_index[a[i]]
	ncond++
	next
}

kind == "notes" {
	if (!is_code(f[1])) { err("malformed code \"" f[1] "\""); next }
	if (!(f[1] in reply_index)) { err("code " f[1] " is missing from data/codes.txt"); next }
	if (f[2] != "*" && !(f[2] in cmd_index)) { err("unknown command \"" f[2] "\""); next }
	if ((f[1] SUBSEP f[2]) in note_seen) { err("duplicate row: " f[1] " " f[2]); next }
	if (!check_source(f[4], 1)) next
	note_seen[f[1], f[2]] = 1
	note_code[nnote] = f[1]; note_cmd[nnote] = (f[2] == "*" ? -1 : cmd_index[f[2]])
	note_text[nnote] = f[3]; note_src[nnote] = f[4]
	nnote++
	next
}

kind == "meanings" {
	if (!(f[1] in cmd_index)) { err("unknown command \"" f[1] "\""); next }
	if (!is_code(f[2])) { err("malformed code \"" f[2] "\""); next }
	if (!(f[2] in reply_index)) { err("code " f[2] " is missing from data/codes.txt"); next }
	if ((f[1] SUBSEP f[2]) in meaning_seen) { err("duplicate row: " f[1] " " f[2]); next }
	if (f[3] == "") { err("missing text"); next }
	if (!check_source(f[4], 1)) next
	meaning_seen[f[1], f[2]] = 1
	mean_cmd[nmean] = cmd_index[f[1]]; mean_reply[nmean] = reply_index[f[2]]
	mean_text[nmean] = f[3]; mean_src[nmean] = f[4]
	nmean++
	next
}

kind == "enhanced" {
	if (f[1] !~ /^X\.[0-9]+\.[0-9]+$/) { err("malformed enhanced code \"" f[1] "\" (X.subject.detail)"); next }
	split(f[1], a, ".")
	if (a[2] ~ /^0[0-9]/ || a[3] ~ /^0[0-9]/) { err("malformed enhanced code \"" f[1] "\": leading zero (RFC 3463 §2)"); next }
	if (length(a[2]) > 3 || length(a[3]) > 3) { err("malformed enhanced code \"" f[1] "\": a sub-code has 1-3 digits (RFC 3463 §2)"); next }
	if (!(("subject" SUBSEP (a[2] + 0)) in digit_name)) { err("subject " a[2] " is not in data/classes.txt"); next }
	if (f[1] in enh_index) { err("duplicate enhanced code " f[1]); next }
	if (f[5] == "") { err("missing source"); next }
	if (f[5] !~ /RFC [0-9]+|IANA registry/) { err("source \"" f[5] "\" names no RFC"); next }
	if (f[3] == "-" || f[3] == "any")
		nb = 0
	else {
		nb = split(f[3], b, /[ \t]+/)
		bad = 0
		for (i = 1; i <= nb; i++) {
			if (b[i] ~ /^[2-5]XX$/) continue
			if (!is_code(b[i])) { err("bad basic code \"" b[i] "\" (a code, 4XX, 5XX, \"any\" or \"-\")"); bad = 1; break }
			if (!(b[i] in reply_index)) { err("code " b[i] " is missing from data/codes.txt"); bad = 1; break }
		}
		if (bad) next
	}
	enh_index[f[1]] = nenh
	enh_subject[nenh] = a[2] + 0; enh_detail[nenh] = a[3] + 0
	if (!check_list(f[5])) next
	enh_text[nenh] = f[2] == "-" ? "" : f[2]; enh_basic[nenh] = f[3]; enh_desc[nenh] = f[4]; enh_src[nenh] = f[5]
	nenh++
	next
}

END {
	if (failed_usage)
		exit 2
	gen_all_files()
	for (i = 0; i <= 7; i++)
		if (!(("subject" SUBSEP i) in digit_name) && !errors) {
			print "data/classes.txt: subject " i " is missing" | "cat 1>&2"
			errors++
		}
	for (i = 2; i <= 5; i++)
		if (!(("class" SUBSEP i) in digit_name) && !errors) {
			print "data/classes.txt: class " i " is missing" | "cat 1>&2"
			errors++
		}
	for (i = 0; i <= 5; i++)
		if (!(("category" SUBSEP i) in digit_name) && !errors) {
			print "data/classes.txt: category " i " is missing" | "cat 1>&2"
			errors++
		}
	if (errors) {
		close("cat 1>&2")
		exit 1
	}
	if (out == "commands")
		emit_commands()
	else if (out == "replies")
		emit_replies()
	else if (out == "enhanced")
		emit_enhanced()
	else if (out == "ids")
		emit_ids()
	else
		emit_tables()
}

# The gperf input's head; its C part declares the lookup function static
# (the struct is defined below it), so that the .c that #includes gperf's
# output needs no prototype of its own.
function gperf_head(what, fn, key) {
	print "%{"
	print "/* Generated by gen/tables.awk from data/: do not edit. */"
	print "/* " what " */"
	print "struct sc_" fn "_key;"
	print "static const struct sc_" fn "_key *sc_" fn "_lookup(const char *str, size_t len);"
	print "/* With every key of one length, gperf's hash ignores its len argument. */"
	print "#pragma GCC diagnostic push"
	print "#pragma GCC diagnostic ignored \"-Wunused-parameter\""
	print "%}"
	print "%language=ANSI-C"
	print "%struct-type"
	print "%readonly-tables"
	print "%compare-lengths"
	print "%define lookup-function-name sc_" fn "_lookup"
	print "%define hash-function-name sc_" fn "_hash"
	print "%define word-array-name sc_" fn "_words"
	print "%define initializer-suffix ,0"
}

function emit_replies(    i) {
	gperf_head("reply code (three digits) -> its entry in sc_replies", "reply")
	print "struct sc_reply_key { const char *name; const struct smtpcode_reply *reply; };"
	print "%%"
	for (i = 0; i < nreply; i++)
		print "\"" reply_code[i] "\", &sc_replies[" i "]"
	print "%%"
	print "#pragma GCC diagnostic pop"
}

function emit_enhanced(    i, c) {
	gperf_head("enhanced code (\"5.1.1\", each class of RFC 3463 §2) -> its entry in sc_enhanced", "enhanced")
	print "struct sc_enhanced_key { const char *name; const struct smtpcode_enhanced *enhanced; };"
	print "%%"
	for (c = 2; c <= 5; c += c == 2 ? 2 : 1)
		for (i = 0; i < nenh; i++)
			print "\"" c "." enh_subject[i] "." enh_detail[i] "\", &sc_enhanced[" i "]"
	print "%%"
	print "#pragma GCC diagnostic pop"
}

function emit_commands(    i) {
	gperf_head("command name or alias (any case) -> its entry in sc_commands", "command")
	print "%ignore-case"
	print "struct sc_command_key { const char *name; const struct smtpcode_command *command; };"
	print "%%"
	for (i = 0; i < ncmd; i++)
		print "\"" cmd_name[i] "\", &sc_commands[" i "]"
	for (i = 0; i < nalias; i++)
		print "\"" alias_text[i] "\", &sc_commands[" alias_cmd[i] "]"
	print "%%"
	print "#pragma GCC diagnostic pop"
}

# Prints the n rows row[0..n) grouped by standard (std[i]) and ends the
# array; pos[i] gets row i's place, start[s] the first place of standard s.
# An empty array gets the one row `empty`.
function grouped_rows(n, std, row, pos, start, empty,    s, i, k) {
	k = 0
	for (s = 0; s < nstd; s++) {
		start[s] = k
		for (i = 0; i < n; i++)
			if (std[i] == s) {
				print row[i]
				pos[i] = k++
			}
	}
	if (n == 0)
		print empty
	print "};"
}

# Emits NAME[]: for a table grouped by standard, where each standard's rows
# start (starts[s]), and, last, the total.
function start_array(name, starts, total,    s, line) {
	line = "const unsigned char " name "[] = { "
	for (s = 0; s < nstd; s++)
		line = line starts[s] ", "
	print line total " };"
}

# Emits NAME[size] of struct smtpcode_digit from the rows of data/classes.txt
# of that kind, indexed by digit.
function digit_array(name, kind, size,    i) {
	print "const struct smtpcode_digit " name "[" size "] = {"
	for (i = 0; i < size; i++)
		if ((kind SUBSEP i) in digit_name)
			printf "\t[%d] = { %d, %s, %s, %s },\n", i, i, cstr(digit_name[kind, i]), cstr(digit_meaning[kind, i]), cstr(digit_src[kind, i])
	print "};"
}

function mask_c(m,    s, out) {
	out = ""
	for (s = 0; s < nstd; s++)
		if (has_std(m, s))
			out = out (out == "" ? "" : " | ") "(1u << SMTPCODE_STD_" toupper(std_id[s]) ")"
	return out == "" ? "0u" : out
}

# Emits sc_verdict[std][command][column]: the verdict of smtpcode_validate()
# on every triple, decided here once. Column 0 stands for any code missing
# from data/codes.txt, column r + 1 for sc_replies[r] (which is what
# sc_reply_by_number holds). A cell is row << 4 | verdict, where row is the
# deciding row's place in sc_listings, sc_any_rules or sc_cond_rules for
# LISTED, ANY_COMMAND and CONDITIONAL, and 0 otherwise. The order in which
# they win is smtpcode(3)'s: the command missing from the standard, then
# listed, allowed for any command (a pseudo-command only by an "all" rule),
# conditional, the code missing from the standard's list, and last not
# listed.
function verdict_cube(    s, c, r, line, v, row) {
	print "/* [std][command][0, or 1 + index into sc_replies] -> row << SC_VERDICT_SHIFT | verdict */"
	print "_Static_assert(SC_NCOMMANDS <= SC_VERDICT_COMMANDS && SC_NREPLIES + 1 <= SC_VERDICT_COLUMNS, \"sc_verdict is too small for data/\");"
	printf "_Static_assert(SMTPCODE_LISTED == %d && SMTPCODE_ANY_COMMAND == %d && SMTPCODE_CONDITIONAL == %d && SMTPCODE_NOT_LISTED == %d && SMTPCODE_CODE_UNKNOWN == %d && SMTPCODE_COMMAND_UNKNOWN == %d, \"the verdict values in sc_verdict\");\n", 0, 1, 2, 3, 4, 5
	print "const unsigned short sc_verdict[SMTPCODE_STD_COUNT][SC_VERDICT_COMMANDS][SC_VERDICT_COLUMNS] = {"
	for (s = 0; s < nstd; s++)
		for (c = 0; c < ncmd; c++) {
			line = "\t[SMTPCODE_STD_" toupper(std_id[s]) "][" c "] = { "
			for (r = -1; r < nreply; r++) {
				row = 0
				if (!has_std(cmd_std[c], s))
					v = 5
				else if (r >= 0 && ((s SUBSEP c SUBSEP r) in cell)) {
					v = 0; row = pos[cell[s, c, r]]
				} else if (r >= 0 && ((s SUBSEP r) in any_cell) && (any_all[any_cell[s, r]] || !cmd_pseudo[c])) {
					v = 1; row = any_pos[any_cell[s, r]]
				} else if (r >= 0 && ((s SUBSEP c SUBSEP r) in cond_cell)) {
					v = 2; row = cond_pos[cond_cell[s, c, r]]
				} else if (r < 0 || !has_std(reply_std[r], s))
					v = 4
				else
					v = 3
				if (row >= 2 ^ (16 - verdict_shift)) { print "smtpcode-gen: more than " 2 ^ (16 - verdict_shift) " rules of one kind" | "cat 1>&2"; exit 1 }
				line = line (row * 2 ^ verdict_shift + v) ", "
			}
			print line "}, /* " cmd_name[c] " */"
		}
	print "};\n"
}

function emit_tables(    i, s, c, r, k, n, line, start) {
	print "/* SPDX-License-Identifier: MIT */"
	print "/* Generated by gen/tables.awk from data/: do not edit. */"
	print "#include \"internal.h\""
	print ""

	print "const struct smtpcode_standard_info sc_standards[SMTPCODE_STD_COUNT] = {"
	for (s = 0; s < nstd; s++) {
		k = "SMTPCODE_STD_" toupper(std_id[s])
		printf "\t[%s] = { %s, %s, %s, %d, %s, %s, %s },\n", k, k, cstr(std_id[s]), cstr(std_doc[s]), std_year[s], cstr(std_table[s]), cstr(std_codes[s]), cstr(std_src[s])
	}
	print "};"
	printf "_Static_assert(%d == SMTPCODE_STD_COUNT, \"data/standards.txt and enum smtpcode_standard disagree\");\n", nstd
	print "/* the sections that decide a verdict: the command-reply table, the code list */"
	line = "const char *const sc_table_rule[SMTPCODE_STD_COUNT] = { "
	for (s = 0; s < nstd; s++)
		line = line cstr(std_doc[s] " " std_table[s]) ", "
	print line "};"
	line = "const char *const sc_codes_rule[SMTPCODE_STD_COUNT] = { "
	for (s = 0; s < nstd; s++)
		line = line cstr(std_doc[s] " " std_codes[s]) ", "
	print line "};\n"

	digit_array("sc_classes", "class", 10)
	digit_array("sc_categories", "category", 10)
	digit_array("sc_eclasses", "enhanced-class", 10)
	digit_array("sc_subjects", "subject", 8)
	print ""

	srcdecl = ""
	for (i = 0; i < nreply; i++)
		rn[i] = strings_decl("src_reply_" i, reply_src[i], "; ")
	for (i = 0; i < ncmd; i++)
		cn[i] = strings_decl("src_command_" i, cmd_src[i], "; ")
	for (i = 0; i < nenh; i++) {
		en[i] = strings_decl("src_enhanced_" i, enh_src[i], "; ")
		if (enh_basic[i] == "-")
			eb[i] = 0
		else
			eb[i] = strings_decl("basic_enhanced_" i, enh_basic[i], "[ \t]+")
	}
	printf "%s\n", srcdecl

	print "const struct smtpcode_reply sc_replies[SC_NREPLIES] = {"
	for (i = 0; i < nreply; i++)
		printf "\t{ %d, %s, %s, %s, %s, src_reply_%d, %d },\n", reply_code[i], cstr(reply_text[i]), (reply_expl[i] == "-" ? "NULL" : cstr(reply_expl[i])), status_name[reply_status[i]], mask_c(reply_std[i]), i, rn[i]
	print "};"
	printf "const size_t sc_nreplies = %d;\n\n", nreply

	print "/* code -> index into sc_replies plus one; 0 for an unregistered code */"
	print "const unsigned char sc_reply_by_number[1000] = {"
	for (i = 0; i < nreply; i++)
		printf "\t[%d] = %d,\n", reply_code[i], i + 1
	print "};\n"
	print "const struct smtpcode_command sc_commands[SC_NCOMMANDS] = {"
	for (i = 0; i < ncmd; i++)
		printf "\t{ %d, %s, %s, %d, %d, %s, src_command_%d, %d },\n", i, cstr(cmd_name[i]), cstr(cmd_desc[i]), cmd_pseudo[i], cmd_ext[i], mask_c(cmd_std[i]), i, cn[i]
	print "};"
	printf "const size_t sc_ncommands = %d;\n\n", ncmd

	print "const struct sc_alias sc_aliases[] = {"
	for (i = 0; i < nalias; i++)
		printf "\t{ %s, %d },\n", cstr(alias_text[i]), alias_cmd[i]
	if (nalias == 0)
		print "\t{ NULL, 0 },"
	print "};"
	printf "const size_t sc_naliases = %d;\n\n", nalias

	# Listings grouped by standard, then command, in data order within.
	print "const struct smtpcode_listing sc_listings[] = {"
	k = 0
	for (s = 0; s < nstd; s++)
		for (c = 0; c < ncmd; c++) {
			start[s, c] = k
			for (i = 0; i < nlist; i++)
				if (list_std[i] == s && list_cmd[i] == c) {
					printf "\t{ &sc_replies[%d], %s, %s }, /* %s %s %s */\n", list_reply[i], role_name[list_role[i]], cstr(list_src[i]), std_id[s], cmd_name[c], reply_code[list_reply[i]]
					pos[i] = k
					k++
				}
		}
	if (nlist == 0)
		print "\t{ NULL, SMTPCODE_ROLE_NONE, NULL },"
	print "};\n"
	print "/* [std][command] -> first index into sc_listings; [std][ncommands] ends it */"
	printf "const unsigned short sc_listing_start[] = {\n"
	for (s = 0; s < nstd; s++) {
		line = "\t"
		for (c = 0; c < ncmd; c++)
			line = line start[s, c] ", "
		line = line (s + 1 < nstd ? start[s + 1, 0] : nlist) ","
		print line
	}
	print "};\n"

	print "const struct smtpcode_any_rule sc_any_rules[] = {"
	split("", row)
	for (i = 0; i < nany; i++)
		row[i] = sprintf("\t{ &sc_replies[%d], %d, %s }, /* %s %s */", any_reply[i], any_all[i], cstr(any_src[i]), std_id[any_std[i]], reply_code[any_reply[i]])
	grouped_rows(nany, any_std, row, any_pos, any_start, "\t{ NULL, 0, NULL },")
	start_array("sc_any_start", any_start, nany)
	# each conditional rule's commands: those it exempts, or the one it
	# applies to
	for (i = 0; i < ncond; i++) {
		line = "static const struct smtpcode_command *const cond_commands_" i "[] = { "
		for (k = 0; k < cond_ncmd[i]; k++)
			line = line "&sc_commands[" cond_cmd[i, k] "], "
		print (cond_ncmd[i] ? line : line "NULL ") "};"
		line = "static const char *const cond_evidence_" i "[] = { "
		for (k = 0; k < cond_nev[i]; k++)
			line = line cstr(cond_ev[i, k]) ", "
		print (cond_nev[i] ? line : line "NULL ") "};"
	}
	print "const struct smtpcode_conditional sc_cond_rules[] = {"
	split("", row)
	for (i = 0; i < ncond; i++)
		row[i] = sprintf("\t{ &sc_replies[%d], %s, %s, %d, cond_commands_%d, %d, cond_evidence_%d, %d }, /* %s */", cond_reply[i], cstr(cond_text[i]), cstr(cond_src[i]), cond_except[i], i, cond_ncmd[i], i, cond_nev[i], std_id[cond_std[i]])
	grouped_rows(ncond, cond_std, row, cond_pos, cond_start, "\t{ NULL, NULL, NULL, 0, NULL, 0, NULL, 0 },")
	start_array("sc_cond_start", cond_start, ncond)
	verdict_cube()

	print "const struct smtpcode_enhanced sc_enhanced[] = {"
	for (i = 0; i < nenh; i++)
		printf "\t{ %d, %d, %s, %s, %s, %d, src_enhanced_%d, %d },\n", enh_subject[i], enh_detail[i], cstr(enh_text[i]), cstr(enh_desc[i]), (eb[i] ? "basic_enhanced_" i : "NULL"), eb[i], i, en[i]
	if (nenh == 0)
		print "\t{ 0, 0, NULL, NULL, NULL, 0, NULL, 0 },"
	print "};"
	printf "const size_t sc_nenhanced = %d;\n\n", nenh

	# Enhanced codes by number: subject and detail index a table, which
	# costs less than hashing their text (tests/bench-lookup.c).
	esubj = 1; edet = 1
	for (i = 0; i < nenh; i++) {
		if (enh_subject[i] + 1 > esubj) esubj = enh_subject[i] + 1
		if (enh_detail[i] + 1 > edet) edet = enh_detail[i] + 1
	}
	print "/* subject * sc_enhanced_details + detail -> index into sc_enhanced plus"
	print " * one; 0 for an unregistered code */"
	printf "const unsigned sc_enhanced_subjects = %d, sc_enhanced_details = %d;\n", esubj, edet
	printf "const unsigned char sc_enhanced_by_number[%d] = {\n", esubj * edet
	for (i = 0; i < nenh; i++)
		printf "\t[%d] = %d, /* X.%d.%d */\n", enh_subject[i] * edet + enh_detail[i], i + 1, enh_subject[i], enh_detail[i]
	print "};\n"

	print "const struct smtpcode_note sc_notes[] = {"
	for (i = 0; i < nnote; i++)
		printf "\t{ %d, %s, %s, %s },\n", note_code[i], (note_cmd[i] < 0 ? "NULL" : "&sc_commands[" note_cmd[i] "]"), cstr(note_text[i]), cstr(note_src[i])
	if (nnote == 0)
		print "\t{ 0, NULL, NULL, NULL },"
	print "};"
	printf "const size_t sc_nnotes = %d;\n", nnote
	print ""
	print "/* command, reply, text, source: data/meanings.txt */"
	print "const struct smtpcode_meaning sc_meanings[] = {"
	for (i = 0; i < nmean; i++)
		printf "\t{ &sc_commands[%d], &sc_replies[%d], %s, %s },\n", mean_cmd[i], mean_reply[i], cstr(mean_text[i]), cstr(mean_src[i])
	if (nmean == 0)
		print "\t{ NULL, NULL, NULL, NULL },"
	print "};"
	printf "const size_t sc_nmeanings = %d;\n", nmean
}


# The smallest power of two that is at least n.
function pow2(n,    p) {
	p = 1
	while (p < n)
		p *= 2
	return p
}

function emit_ids(    i) {
	print "/* SPDX-License-Identifier: MIT */"
	print "/* Generated by gen/tables.awk from data/: do not edit. */"
	print "/* The counts, ids and encodings that the generated tables and the"
	print " * library's C code share: no C file writes one of these itself. */"
	print "#ifndef SC_GEN_IDS_H"
	print "#define SC_GEN_IDS_H"
	print ""
	print "/* data/codes.txt and data/commands.txt */"
	printf "#define SC_NREPLIES %d\n", nreply
	printf "#define SC_NCOMMANDS %d\n", ncmd
	print "/* each command's index in sc_commands[] (its id) */"
	for (i = 0; i < ncmd; i++)
		printf "#define SC_CMD_%s %d\n", c_ident(cmd_name[i]), i
	print ""
	print "/* sc_verdict[std][command id][column]: column 0 for a code missing from"
	print " * data/codes.txt, else sc_reply_by_number[code]; a cell is"
	print " * row << SC_VERDICT_SHIFT | verdict. Powers of two, so that the index"
	print " * is shifts. */"
	printf "#define SC_VERDICT_SHIFT %d\n", verdict_shift
	printf "#define SC_VERDICT_MASK %d\n", 2 ^ verdict_shift - 1
	printf "#define SC_VERDICT_COMMANDS %d\n", pow2(ncmd)
	printf "#define SC_VERDICT_COLUMNS %d\n", pow2(nreply + 1)
	print ""
	print "#endif"
}
