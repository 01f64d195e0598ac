# SPDX-License-Identifier: MIT
# reasons.awk - why a reply refused: validate data/reasons.txt,
# data/reasonrules.txt and data/providers.txt and emit the tables that
# smtpcode_reason() reads (src/reason.c).
#
# Usage (POSIX awk; after gen/common.awk; the files in exactly this order):
#   awk -v out=reasons -f gen/common.awk -f gen/reasons.awk \
#       data/commands.txt data/reasons.txt data/reasonrules.txt data/providers.txt
#
# out=reasons    C source of the reason tables (src/gen-reasons.c): the
#                names and definitions, the phrases (lower case, each
#                once), the rows of each step in the order smtpcode_reason()
#                tries them, the provider rows with their pages, and
#                static assertions that enum smtpcode_reason (written by
#                hand in include/smtpcode.h) has the names in this order
#
# data/commands.txt is read for its command names alone (a command's id is
# its row's place; gen/tables.awk checks the rows). The order of the rows
# is data/reasonrules.txt's header's: a status row for one class (5.7.1)
# comes before the rows for either class (X.7.1) of its tier; otherwise
# each step keeps the files' order.

BEGIN {
	gen_files("commands reasons reasonrules providers")
	nfields["commands"] = 5
	nfields["reasons"] = 4
	quoted["reasonrules"] = 1
	quoted["providers"] = 1
	rr_nfields["phrase"] = 9; rr_nfields["status"] = 6; rr_nfields["reply"] = 5
	pv_nfields["page"] = 6; pv_nfields["provider"] = 11
	for (i = 32; i < 127; i++)
		ord[sprintf("%c", i)] = i
	ncmd = 0; nreason = 0; nphrase = 0; nprow = 0; nsrow = 0; nrrow = 0
	npage = 0; nprov = 0; phrase_max = 0; nhl = 0; nhost = 0
	if (out != "reasons") {
		print "smtpcode-gen: out must be reasons" | "cat 1>&2"
		failed_usage = 1
		exit 2
	}
}

function row_width(f) {
	if (kind == "reasonrules") {
		if (!(f[1] in rr_nfields)) {
			err("row kind must be phrase, status or reply, not \"" f[1] "\"")
			return -1
		}
		return rr_nfields[f[1]]
	}
	if (kind == "providers") {
		if (!(f[1] in pv_nfields)) {
			err("row kind must be page or provider, not \"" f[1] "\"")
			return -1
		}
		return pv_nfields[f[1]]
	}
	return nfields[kind]
}

kind == "commands" {
	cmd_index[f[1]] = ncmd++
	next
}

# ---- data/reasons.txt --------------------------------------------------

kind == "reasons" {
	if (f[1] !~ /^[a-z]+$/) {
		err("reason name \"" f[1] "\" must be one lower-case word")
		next
	}
	if (f[1] in reason_id) {
		err("duplicate reason \"" f[1] "\"")
		next
	}
	if (f[3] != "-") {
		nc = split(f[3], cov, " ")
		for (i = 1; i <= nc; i++)
			if (!is_status(cov[i]))
				err("reason " f[1] ": \"" cov[i] "\" is not an enhanced code (X.s.d, 4.s.d or 5.s.d)")
	}
	if (!check_source(f[4], 0))
		next
	reason_id[f[1]] = nreason
	reason_name[nreason] = f[1]
	reason_def[nreason] = f[2]
	reason_src[nreason] = f[4]
	nreason++
	next
}

# ---- helpers ---------------------------------------------------------------

# An enhanced code pattern: X.s.d (either class), 4.s.d or 5.s.d; the
# sub-codes 1-3 digits without leading zeros (RFC 3463 §2).
function is_status(s) {
	return s ~ /^[X45]\.(0|[1-9][0-9]?[0-9]?)\.(0|[1-9][0-9]?[0-9]?)$/
}

# A reason named in a row: its id, or -1 after an error.
function reason_of(name) {
	if (!(name in reason_id)) {
		err("unknown reason \"" name "\" (not in data/reasons.txt)")
		return -1
	}
	return reason_id[name]
}

# A COMMANDS field as a C expression of the mask (a bit per command id,
# SC_REASON_NOCMD for "-"); "" after an error.
function cmd_mask(s,    n, a, i, m, seen) {
	if (s == "*")
		return "SC_REASON_ANYCMD"
	n = split(s, a, ",")
	split("", seen)
	m = ""
	for (i = 1; i <= n; i++) {
		a[i] = trim(a[i])
		if (a[i] == "-") {
			m = m (m == "" ? "" : " | ") "SC_REASON_NOCMD"
			continue
		}
		if (!(a[i] in cmd_index)) {
			err("unknown command \"" a[i] "\" (not in data/commands.txt)")
			return ""
		}
		if (a[i] in seen) {
			err("command \"" a[i] "\" listed twice")
			return ""
		}
		seen[a[i]] = 1
		m = m (m == "" ? "" : " | ") "SC_REASON_CMD(" cmd_index[a[i]] ")"
	}
	return m
}

# A phrase's index in the table of phrases (each text once, lower case);
# -1 after an error. A phrase is matched in the text as smtpcode_reason()
# makes it: blanks collapsed into one space, none at the ends, an address
# ('<' to the next '>') read as "<>", so a phrase holds neither.
function phrase_of(t, what,    low) {
	if (t == "")
		return -1
	if (t ~ /^ / || t ~ / $/ || t ~ /  / || t ~ /\t/) {
		err(what " \"" t "\" has a blank at an end or two together: it could never match")
		return -1
	}
	if (t ~ /[<>]/) {
		err(what " \"" t "\" has a '<' or '>': the text from '<' to the next '>' is an address, where no phrase is read")
		return -1
	}
	if (length(t) < 2) {
		err(what " \"" t "\" is shorter than two bytes (phrases are found by their last two or three)")
		return -1
	}
	if (length(t) > 128) {
		err(what " is longer than 128 bytes (SC_REASON_PHRASE_LIMIT, src/reason.h)")
		return -1
	}
	low = tolower(t)
	if (!(low in phrase_id)) {
		phrase_id[low] = nphrase
		phrase_text[nphrase++] = low
		if (length(low) > phrase_max)
			phrase_max = length(low)
	}
	return phrase_id[low]
}

# The C fields ecls, subject, detail of a status pattern (ecls 0 for X).
function status_fields(s,    a) {
	split(s, a, ".")
	return (a[1] == "X" ? 0 : a[1]) ", " a[2] ", " a[3]
}

# ---- data/reasonrules.txt ----------------------------------------------

kind == "reasonrules" && f[1] == "phrase" {
	t = qtext(f[2], "the phrase")
	if (t == "")
		next
	m = cmd_mask(f[3])
	if (m == "")
		next
	if (f[4] != "4" && f[4] != "5" && f[4] != "*") {
		err("class must be 4, 5 or *, not \"" f[4] "\"")
		next
	}
	if (f[5] != "strong" && f[5] != "weak") {
		err("tier must be strong or weak, not \"" f[5] "\"")
		next
	}
	if ((r = reason_of(f[6])) < 0)
		next
	if (!check_source(f[9], 0))
		next
	key = tolower(t) SUBSEP f[3] SUBSEP f[4]
	if (key in phrase_row_at) {
		err("duplicate phrase row \"" t "\" (first at line " phrase_row_at[key] ")")
		next
	}
	phrase_row_at[key] = FNR
	if ((p = phrase_of(t, "the phrase")) < 0)
		next
	i = nprow++
	pr_tier[i] = f[5]; pr_phrase[i] = p; pr_text[i] = t; pr_cmds[i] = m
	pr_cls[i] = f[4] == "*" ? 0 : f[4]; pr_reason[i] = r
	pr_what[i] = f[7] == "-" ? "" : f[7]; pr_soft[i] = f[8]; pr_src[i] = f[9]
	next
}

kind == "reasonrules" && f[1] == "status" {
	if (!is_status(f[2])) {
		err("malformed enhanced code \"" f[2] "\" (X.s.d, 4.s.d or 5.s.d)")
		next
	}
	m = cmd_mask(f[3])
	if (m == "")
		next
	if (f[4] != "strong" && f[4] != "weak") {
		err("tier must be strong or weak, not \"" f[4] "\"")
		next
	}
	if ((r = reason_of(f[5])) < 0)
		next
	if (!check_source(f[6], 0))
		next
	key = f[2] SUBSEP f[3]
	if (key in status_row_at) {
		err("duplicate status row " f[2] " for " f[3] " (first at line " status_row_at[key] ")")
		next
	}
	status_row_at[key] = FNR
	i = nsrow++
	sr_tier[i] = f[4]; sr_code[i] = f[2]; sr_cmds[i] = m; sr_reason[i] = r; sr_src[i] = f[6]
	next
}

kind == "reasonrules" && f[1] == "reply" {
	if (!is_code(f[2]) || f[2] !~ /^[45]/) {
		err("reply code \"" f[2] "\" must be three digits of class 4 or 5 (only failures have a reason)")
		next
	}
	m = cmd_mask(f[3])
	if (m == "")
		next
	if ((r = reason_of(f[4])) < 0)
		next
	if (!check_source(f[5], 1))
		next
	key = f[2] SUBSEP f[3]
	if (key in reply_row_at) {
		err("duplicate reply row " f[2] " for " f[3] " (first at line " reply_row_at[key] ")")
		next
	}
	reply_row_at[key] = FNR
	i = nrrow++
	rp_code[i] = f[2]; rp_cmds[i] = m; rp_reason[i] = r; rp_src[i] = f[5]
	next
}

# ---- data/providers.txt ------------------------------------------------

# Splits a PAGE field at the "; " outside parentheses (a section may hold
# one: "Y-ERR (Recipient does not exist; sample failure notice)") into
# a[1..n]; returns n.
function split_pages(s, a,    n, i, c, depth, cur) {
	n = 0; depth = 0; cur = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "(")
			depth++
		else if (c == ")" && depth > 0)
			depth--
		if (c == ";" && depth == 0 && substr(s, i + 1, 1) == " ") {
			a[++n] = cur
			cur = ""
			i++
			continue
		}
		cur = cur c
	}
	a[++n] = cur
	return n
}

kind == "providers" && f[1] == "page" {
	if (f[2] !~ /^[A-Za-z0-9-]+$/) {
		err("page id \"" f[2] "\" must be letters, digits and '-'")
		next
	}
	if (f[2] in page_id) {
		err("duplicate page \"" f[2] "\"")
		next
	}
	if (f[5] !~ /^https?:\/\/[^ ]+$/) {
		err("page " f[2] ": address \"" f[5] "\" is not an http(s) address")
		next
	}
	page_id[f[2]] = npage
	page_title[npage] = f[4]
	page_addr[npage] = f[5]
	npage++
	next
}

kind == "providers" && f[1] == "provider" {
	i = nprov
	ok = 1
	# (check's JSON writes the name as it is: nothing JSON escapes)
	if (f[2] !~ /^[A-Za-z0-9][A-Za-z0-9 .\/&()-]*$/) {
		err("provider name \"" f[2] "\" must be letters, digits, blanks and \"-./&()\"")
		ok = 0
	}
	# HOSTS: each distinct list once (the rows of one provider share one)
	pv_hl[i] = -1
	# "only" before the patterns: the row needs the host named
	pv_only[i] = 0
	if (f[3] ~ /^only /) {
		pv_only[i] = 1
		f[3] = substr(f[3], 6)
	} else if (f[3] == "only") {
		err("\"only\" must be followed by host patterns")
		ok = 0
	}
	if (f[3] != "-") {
		nh = split(f[3], hs, " ")
		for (j = 1; j <= nh; j++)
			if (hs[j] !~ /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/) {
				err("host pattern \"" hs[j] "\" must be a lower-case domain name, or \"*.\" and one")
				ok = 0
			} else if (hs[j] ~ /\.[0-9]+$/) {
				# include/smtpcode.h promises it (tools/judge.c's memo
				# counts on it)
				err("host pattern \"" hs[j] "\" ends in a label of digits: no pattern may match an address")
				ok = 0
			}
		if (ok && !(f[3] in hostlist_id)) {
			hostlist_id[f[3]] = nhl
			hl_first[nhl] = nhost
			hl_count[nhl] = nh
			for (j = 1; j <= nh; j++) {
				wild = substr(hs[j], 1, 2) == "*."
				host_text[nhost] = wild ? substr(hs[j], 2) : hs[j]
				host_wild[nhost++] = wild
			}
			nhl++
		}
		if (ok)
			pv_hl[i] = hostlist_id[f[3]]
	}
	# CODE
	if (f[4] == "-")
		pv_code[i] = 0
	else if (f[4] ~ /^[45]XX$/)
		pv_code[i] = substr(f[4], 1, 1)
	else if (is_code(f[4]) && f[4] ~ /^[45]/)
		pv_code[i] = f[4]
	else {
		err("code \"" f[4] "\" must be \"-\", 4XX, 5XX or three digits of class 4 or 5")
		ok = 0
	}
	# STATUS
	if (f[5] == "-")
		pv_status[i] = "-1, 0, 0"
	else if (is_status(f[5]))
		pv_status[i] = status_fields(f[5])
	else {
		err("malformed enhanced code \"" f[5] "\" (\"-\", X.s.d, 4.s.d or 5.s.d)")
		ok = 0
	}
	# PHRASES: "-", or quoted texts separated by one space
	pv_nphr[i] = 0
	pv_phr[i] = ""
	if (f[6] != "-") {
		rest = f[6]
		while (rest != "") {
			if (!match(rest, /^"([^"\\]|\\.)*"/)) {
				err("phrases must be \"-\" or texts in double quotes separated by one space, not " f[6])
				ok = 0
				break
			}
			t = qtext(substr(rest, 1, RLENGTH), "a provider's phrase")
			rest = substr(rest, RLENGTH + 1)
			if (rest != "" && rest !~ /^ "/) {
				err("phrases must be \"-\" or texts in double quotes separated by one space, not " f[6])
				ok = 0
				break
			}
			sub(/^ /, "", rest)
			if ((p = phrase_of(t, "a provider's phrase")) < 0) {
				ok = 0
				break
			}
			pv_phr[i] = pv_phr[i] (pv_nphr[i] ? ", " : "") p
			pv_nphr[i]++
		}
	}
	if (pv_nphr[i] > nphrase_max_row)
		nphrase_max_row = pv_nphr[i]
	if (pv_code[i] == 0 && f[5] == "-" && pv_nphr[i] == 0) {
		err("a provider row must test a code, an enhanced code or a phrase")
		ok = 0
	}
	if ((r = reason_of(f[8])) < 0)
		ok = 0
	# PAGE: IDs separated by "; ", each perhaps followed by " (where)"
	np = split_pages(f[11], pg)
	pv_pages[i] = ""
	for (j = 1; j <= np; j++) {
		id = pg[j]; where = ""
		if (match(id, / \(.*\)$/)) {
			where = substr(id, RSTART + 2, RLENGTH - 3)
			id = substr(id, 1, RSTART - 1)
		}
		if (!(id in page_id)) {
			err("provider row cites unknown page \"" id "\" (define it with a page row above)")
			ok = 0
			continue
		}
		pv_pages[i] = pv_pages[i] "\t{ " cstr(page_title[page_id[id]]) ", " cstr(page_addr[page_id[id]]) ", " (where == "" ? "NULL" : cstr(where)) " },\n"
	}
	if (!ok)
		next
	pv_npages[i] = np
	pv_name[i] = f[2]; pv_meaning[i] = f[7]; pv_reason[i] = r; pv_action[i] = f[9]
	pv_registry[i] = f[10] == "-" ? "" : f[10]
	nprov++
	next
}

END {
	if (failed_usage)
		exit 2
	gen_all_files()
	if (!errors && !("undefined" in reason_id)) {
		print "data/reasons.txt: the reason \"undefined\" is missing (step 7 gives it)" | "cat 1>&2"
		errors++
	}
	if (!errors && nphrase_max_row > 255) {
		print "data/providers.txt: a provider row with more than 255 phrases" | "cat 1>&2"
		errors++
	}
	if (!errors && nhl > 64) {
		print "data/providers.txt: more than 64 distinct lists of hosts (src/reason.c keeps a bit for each)" | "cat 1>&2"
		errors++
	}
	if (!errors && ncmd > 62) {
		print "smtpcode-gen: more than 62 commands for a reason row's mask" | "cat 1>&2"
		errors++
	}
	if (errors) {
		close("cat 1>&2")
		exit 1
	}
	emit_reasons()
}

function q(s) {
	return s == "" ? "NULL" : cstr(s)
}

# The status rows of one tier: the rows for one class first, then those
# for either class, each in file order.
function emit_status(tier,    pass, i) {
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nsrow; i++) {
			if (sr_tier[i] != tier || (substr(sr_code[i], 1, 1) == "X") != pass)
				continue
			printf "\t{ %s, %s, %d, %s, %s },\n", sr_cmds[i], status_fields(sr_code[i]),
				sr_reason[i], cstr(sr_code[i]), cstr(sr_src[i])
			sr_at[nout++] = i
		}
}

function emit_phrases(tier,    i) {
	for (i = 0; i < nprow; i++) {
		if (pr_tier[i] != tier)
			continue
		printf "\t{ %s, %d, %d, %d, %s, %s, %s, %s },\n", pr_cmds[i], pr_phrase[i], pr_cls[i],
			pr_reason[i], cstr(pr_text[i]), q(pr_what[i]), cstr(pr_soft[i]), cstr(pr_src[i])
		pr_at[nout++] = i
	}
}

function emit_reasons(    i, strong) {
	print "/* Generated by gen/reasons.awk from data/: do not edit. */"
	print "#include \"reason.h\""
	print ""
	print "/* enum smtpcode_reason (include/smtpcode.h) has data/reasons.txt's names in"
	print " * its order. */"
	for (i = 0; i < nreason; i++)
		printf "_Static_assert(SMTPCODE_REASON_%s == %d, \"data/reasons.txt: %s is reason %d\");\n",
			toupper(reason_name[i]), i, reason_name[i], i
	printf "_Static_assert(SMTPCODE_REASON_COUNT == %d, \"data/reasons.txt has %d reasons\");\n", nreason, nreason
	print "_Static_assert(SC_REASON_PHRASE_LIMIT == 128, \"gen/reasons.awk refuses phrases past 128 bytes\");"
	printf "_Static_assert(%d <= SC_REASON_PHRASES_LIMIT, \"more phrases than src/reason.h allows\");\n", nphrase
	print ""
	print "const struct sc_reason_def sc_reason_defs[] = {"
	for (i = 0; i < nreason; i++)
		printf "\t{ %s, %s, %s },\n", cstr(reason_name[i]), cstr(reason_def[i]), cstr(reason_src[i])
	print "};"
	print ""
	print "/* Steps 2 and 4: the strong phrase rows, then the weak ones. */"
	print "const struct sc_reason_phrase_row sc_reason_phrase_rows[] = {"
	nout = 0
	emit_phrases("strong")
	strong = nout
	emit_phrases("weak")
	print "};"
	printf "const size_t sc_reason_phrase_strong = %d, sc_reason_phrase_nrows = %d;\n", strong, nout
	print ""
	print "/* Steps 3 and 5: the strong status rows, then the weak ones; in each"
	print " * tier a class's rows before the rows for either class. */"
	print "const struct sc_reason_status_row sc_reason_status_rows[] = {"
	nout = 0
	emit_status("strong")
	strong = nout
	emit_status("weak")
	print "};"
	printf "const size_t sc_reason_status_strong = %d, sc_reason_status_nrows = %d;\n", strong, nout
	print ""
	print "/* Step 6: the reply codes. */"
	print "const struct sc_reason_reply_row sc_reason_reply_rows[] = {"
	for (i = 0; i < nrrow; i++)
		printf "\t{ %s, %d, %d, \"%s\", %s },\n", rp_cmds[i], rp_code[i], rp_reason[i], rp_code[i], cstr(rp_src[i])
	print "};"
	printf "const size_t sc_reason_reply_nrows = %d;\n", nrrow
	print ""
	print "/* Step 1: the provider rows, their hosts, phrases and pages. A list"
	print " * of hosts is written once and named by its index. */"
	print "const struct sc_reason_host sc_reason_hosts[] = {"
	for (i = 0; i < nhost; i++)
		printf "\t{ %s, %d, %d },\n", cstr(host_text[i]), length(host_text[i]), host_wild[i]
	print "};"
	print "const struct sc_reason_hostlist sc_reason_hostlists[] = {"
	for (i = 0; i < nhl; i++)
		printf "\t{ %d, %d },\n", hl_first[i], hl_count[i]
	print "};"
	print "_Static_assert(" nhl " <= 64, \"a bit for each list of hosts\");"
	for (i = 0; i < nprov; i++) {
		if (pv_nphr[i])
			printf "static const unsigned short sc_pv_phr_%d[] = { %s };\n", i, pv_phr[i]
		printf "static const struct smtpcode_provider_page sc_pv_pages_%d[] = {\n%s};\n", i, pv_pages[i]
	}
	print "const struct sc_reason_provider_row sc_reason_provider_rows[] = {"
	for (i = 0; i < nprov; i++)
		printf "\t{ %s, %d, %d, %s, %d, %d, %d },\n", pv_nphr[i] ? "sc_pv_phr_" i : "NULL",
			pv_code[i] + 0, pv_code[i] + 0 < 10 ? 1 : 0, pv_status[i], pv_hl[i], pv_nphr[i],
			pv_only[i]
	print "};"
	print "const struct smtpcode_provider sc_reason_providers[] = {"
	for (i = 0; i < nprov; i++)
		printf "\t{ %s, %s, (enum smtpcode_reason)%d, %s, %s, sc_pv_pages_%d, %d },\n",
			cstr(pv_name[i]), cstr(pv_meaning[i]), pv_reason[i], cstr(pv_action[i]),
			q(pv_registry[i]), i, pv_npages[i]
	print "};"
	printf "const size_t sc_reason_provider_nrows = %d;\n", nprov
	emit_phrase_index()
	emit_key_index()
}

# A list of row indexes as a C array (one 0 when it is empty: C has no
# empty array; its count says so).
function emit_list(name, list) {
	printf "%s[] = { %s };\n", name, list == "" ? "0" : list
}

# Appends v to the list of key k in the array l (its length in n), the
# lists named id, unless it is there already.
function add_to(l, n, k, v, id) {
	if ((id, k, v) in added)
		return
	added[id, k, v] = 1
	l[k] = (n[k] ? l[k] ", " : "") v
	n[k]++
}

# The phrases, each once in lower case, with the rows that name them; and
# their index by their last three bytes (src/reason.c reads the text once
# and, after each byte, compares only the phrases that may end there).
function emit_phrase_index(    i, k, p, n, a, j, b, h, w) {
	split("", ph_rows); split("", ph_nrows); split("", ph_prov); split("", ph_nprov)
	split("", tail); split("", tail_n)
	for (k = 0; k < nprow; k++)
		add_to(ph_rows, ph_nrows, pr_phrase[pr_at[k]], k, "rows")
	for (i = 0; i < nprov; i++) {
		n = split(pv_phr[i], a, ", ")
		for (j = 1; j <= n; j++)
			add_to(ph_prov, ph_nprov, a[j], i, "providers")
	}
	for (p = 0; p < nphrase; p++) {
		n = length(phrase_text[p])
		if (ph_nrows[p] > 255 || ph_nprov[p] > 255) {
			print "data/: the phrase \"" phrase_text[p] "\" is named by more than 255 rows" | "cat 1>&2"
			exit 1
		}
		if (n >= 3) {
			add_to(tail, tail_n, tail_hash(substr(phrase_text[p], n - 2, 1), \
			       substr(phrase_text[p], n - 1, 1), substr(phrase_text[p], n, 1)), p, "tail")
			continue
		}
		# two bytes: any byte (or none) may come before them
		for (b = 0; b < 256; b++)
			add_to(tail, tail_n, tail_code(b * 65536 + ord[substr(phrase_text[p], 1, 1)] * 256 + \
			                               ord[substr(phrase_text[p], 2, 1)]), p, "tail")
	}
	print ""
	print "/* Each phrase once, in lower case, with the phrase rows (indexes in"
	print " * sc_reason_phrase_rows) and provider rows that name it, ascending. */"
	for (p = 0; p < nphrase; p++) {
		if (ph_nrows[p])
			emit_list("static const unsigned short sc_ph_rows_" p, ph_rows[p])
		if (ph_nprov[p])
			emit_list("static const unsigned short sc_ph_prov_" p, ph_prov[p])
	}
	print "const struct sc_reason_phrase sc_reason_phrases[] = {"
	for (p = 0; p < nphrase; p++)
		printf "\t{ %s, %d, %s, %s, %d, %d },\n", cstr(phrase_text[p]), length(phrase_text[p]),
			ph_nrows[p] ? "sc_ph_rows_" p : "NULL", ph_nprov[p] ? "sc_ph_prov_" p : "NULL",
			ph_nrows[p], ph_nprov[p]
	print "};"
	printf "const size_t sc_reason_nphrases = %d;\n", nphrase
	printf "_Static_assert(%d <= 65535 && %d <= 65535, \"rows are named by an unsigned short\");\n", nprow, nprov
	print "/* The phrases by SC_REASON_TAIL of their last three bytes (of a phrase of"
	print " * two, under each byte that may come before them): those of hash h are"
	print " * sc_reason_tail_phrases[sc_reason_tail_start[h] .. [h + 1]). */"
	print "const unsigned short sc_reason_tail_start[SC_REASON_TAIL_SIZE + 1] = {"
	j = 0
	for (h = 0; h <= 4096; h++) {
		printf "%s%d", (h % 16 == 0 ? (h ? ",\n\t" : "\t") : ", "), j
		j += tail_n[h]
	}
	print "\n};"
	print "const unsigned short sc_reason_tail_phrases[] = {"
	for (h = 0; h < 4096; h++)
		if (tail_n[h])
			printf "\t%s, /* %d */\n", tail[h], h
	if (j == 0)
		print "\t0 /* none */"
	print "};"
	# the C macro and this program hash alike: each phrase's bucket checked
	# by the compiler
	for (p = 0; p < nphrase; p++) {
		n = length(phrase_text[p])
		w = n >= 3 ? ord[substr(phrase_text[p], n - 2, 1)] * 65536 : 0
		w += ord[substr(phrase_text[p], n - 1, 1)] * 256 + ord[substr(phrase_text[p], n, 1)]
		printf "_Static_assert(SC_REASON_TAIL(0x%06x) == %d, \"the hash of phrase %d's end\");\n", w,
			tail_code(w), p
	}
}

# SC_REASON_TAIL (src/reason.h) of three bytes: their codes as one number
# times 2654435761, modulo 2^32, its top 12 bits; computed in parts that a
# double holds exactly.
function tail_hash(a, b, c) {
	return tail_code(ord[a] * 65536 + ord[b] * 256 + ord[c])
}

function tail_code(w,    x) {
	x = (w * 40503) % 65536 * 65536 + w * 31153
	return int((x % 4294967296) / 1048576)
}

# The provider rows a reply may meet without a phrase (those naming a
# phrase are reached through it): those testing no enhanced code, and
# those testing the reply's; and the status rows of each enhanced code.
# An enhanced code is its subject * 1000 + detail.
function emit_key_index(    i, j, k, sf, nbare, bare, keys, nkey, kp, kpn, ks, ksn, at, list) {
	split("", kp); split("", kpn); split("", ks); split("", ksn); split("", seen_key)
	nbare = 0; bare = ""; nkey = 0
	for (i = 0; i < nprov; i++) {
		if (pv_nphr[i])
			continue
		if (pv_status[i] == "-1, 0, 0") {
			bare = bare (nbare++ ? ", " : "") i
			continue
		}
		split(pv_status[i], sf, ", ")
		k = sf[2] * 1000 + sf[3]
		if (!(k in seen_key)) {
			seen_key[k] = 1
			keys[nkey++] = k
		}
		add_to(kp, kpn, k, i, "key providers")
	}
	for (j = 0; j < nsrow; j++) {
		split(status_fields(sr_code[sr_at[j]]), sf, ", ")
		k = sf[2] * 1000 + sf[3]
		if (!(k in seen_key)) {
			seen_key[k] = 1
			keys[nkey++] = k
		}
		add_to(ks, ksn, k, j, "key status")
	}
	for (i = 1; i < nkey; i++)
		for (j = i; j > 0 && keys[j - 1] > keys[j]; j--) {
			k = keys[j]; keys[j] = keys[j - 1]; keys[j - 1] = k
		}
	print ""
	print "/* The provider rows that test neither an enhanced code nor a phrase. */"
	emit_list("const unsigned short sc_reason_prov_bare", bare)
	printf "const size_t sc_reason_prov_nbare = %d;\n", nbare
	print "/* Each enhanced code that a row tests, ascending: the provider rows that"
	print " * test it and no phrase, and the status rows (indexes in"
	print " * sc_reason_status_rows) that test it, in sc_reason_key_rows. */"
	print "const struct sc_reason_key sc_reason_keys[] = {"
	at = 0; list = ""
	for (i = 0; i < nkey; i++) {
		k = keys[i]
		printf "\t{ %d, %d, %d, %d, %d },\n", k, at, kpn[k] + 0, at + kpn[k], ksn[k] + 0
		list = list (kpn[k] ? "\t" kp[k] ",\n" : "") (ksn[k] ? "\t" ks[k] ",\n" : "")
		at += kpn[k] + ksn[k]
	}
	print "};"
	printf "const size_t sc_reason_nkeys = %d;\n", nkey
	printf "const unsigned short sc_reason_key_rows[] = {\n%s};\n", list == "" ? "\t0\n" : list
}
