/* SPDX-License-Identifier: MIT */
/* enhanced.c - enhanced status codes: grammar, registry lookup, pairing. */
#include "internal.h"

#include <string.h>

/* gperf's perfect hash over "subject.detail" of the registry's entries. */
#include "gen-enhanced.c"

/* Reads one sub-code at s[*i..len): 1-3 digits, no leading zero. Returns
 * the form; on OK stores the value and advances *i past it. */
static enum smtpcode_eform subcode(const char *s, size_t len, size_t *i, int *value)
{
	size_t start = *i, n = 0;
	int v = 0;

	while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
		if (n < 4)
			v = v * 10 + (s[*i] - '0');
		n++;
		(*i)++;
	}
	if (n == 0)
		return SMTPCODE_EFORM_SYNTAX;
	if (n > 3)
		return SMTPCODE_EFORM_TOO_LONG;
	if (n > 1 && s[start] == '0')
		return SMTPCODE_EFORM_LEADING_ZERO;
	*value = v;
	return SMTPCODE_EFORM_OK;
}

/* Parses class.subject.detail at the start of s[0..len); *end is set to the
 * length parsed. The first broken rule wins, reading left to right. */
static enum smtpcode_eform parse_prefix(const char *s, size_t len,
                                        struct smtpcode_ecode *out, size_t *end)
{
	struct smtpcode_ecode e;
	enum smtpcode_eform f;
	size_t i = 0;

	*end = 0;
	if (s == NULL || len == 0 || s[0] < '0' || s[0] > '9')
		return SMTPCODE_EFORM_SYNTAX;
	if ((f = subcode(s, len, &i, &e.cls)) != SMTPCODE_EFORM_OK)
		return f;
	if (i >= len || s[i] != '.')
		return SMTPCODE_EFORM_SYNTAX;
	i++;
	if ((f = subcode(s, len, &i, &e.subject)) != SMTPCODE_EFORM_OK)
		return f;
	if (i >= len || s[i] != '.')
		return SMTPCODE_EFORM_SYNTAX;
	i++;
	if ((f = subcode(s, len, &i, &e.detail)) != SMTPCODE_EFORM_OK)
		return f;
	if (e.cls != 2 && e.cls != 4 && e.cls != 5)
		return SMTPCODE_EFORM_BAD_CLASS;
	*end = i;
	if (out != NULL)
		*out = e;
	return SMTPCODE_EFORM_OK;
}

enum smtpcode_eform
smtpcode_ecode_parse(const char *s, size_t len, struct smtpcode_ecode *out)
{
	struct smtpcode_ecode e;
	size_t end;
	enum smtpcode_eform f = parse_prefix(s, len, &e, &end);

	if (f == SMTPCODE_EFORM_OK && end != len) {
		/* Trailing bytes: a fourth digit makes a sub-code too long, a dot
		 * or anything else breaks the syntax. */
		f = SMTPCODE_EFORM_SYNTAX;
	}
	if (f == SMTPCODE_EFORM_OK && out != NULL)
		*out = e;
	return f;
}

const char *smtpcode_eform_reason(enum smtpcode_eform form)
{
	switch (form) {
	case SMTPCODE_EFORM_OK:
		return "";
	case SMTPCODE_EFORM_SYNTAX:
		return "an enhanced status code is class.subject.detail, three numbers "
		       "separated by dots (RFC 3463 §2)";
	case SMTPCODE_EFORM_BAD_CLASS:
		return "the class must be 2, 4 or 5 (RFC 3463 §2)";
	case SMTPCODE_EFORM_LEADING_ZERO:
		return "sub-codes are written without leading zeros (RFC 3463 §2)";
	case SMTPCODE_EFORM_TOO_LONG:
		return "subject and detail have 1 to 3 digits (RFC 3463 §2)";
	}
	return NULL;
}

size_t smtpcode_ecode_scan(const char *s, size_t len, struct smtpcode_ecode *out)
{
	struct smtpcode_ecode e;
	size_t end;

	if (parse_prefix(s, len, &e, &end) != SMTPCODE_EFORM_OK)
		return 0;
	if (end < len && s[end] != ' ' && s[end] != '\t')
		return 0;
	if (out != NULL)
		*out = e;
	return end;
}

/* Writes v (0..999) in decimal at buf[n]; returns the new length. */
static size_t put_number(char *buf, size_t n, int v)
{
	if (v >= 100)
		buf[n++] = (char)('0' + v / 100);
	if (v >= 10)
		buf[n++] = (char)('0' + v / 10 % 10);
	buf[n++] = (char)('0' + v % 10);
	return n;
}

const struct smtpcode_enhanced *smtpcode_enhanced(int subject, int detail)
{
	char key[8];
	size_t n = 0;
	const struct sc_enhanced_key *k;

	if (subject < 0 || subject > 999 || detail < 0 || detail > 999)
		return NULL;
	n = put_number(key, n, subject);
	key[n++] = '.';
	n = put_number(key, n, detail);
	k = sc_enhanced_lookup(key, n);
	return k ? &sc_enhanced[k->index] : NULL;
}

const struct smtpcode_enhanced *smtpcode_enhanced_from_text(const char *s, size_t len)
{
	struct smtpcode_ecode e;

	if (smtpcode_ecode_parse(s, len, &e) != SMTPCODE_EFORM_OK)
		return NULL;
	return smtpcode_enhanced(e.subject, e.detail);
}

const struct smtpcode_enhanced *smtpcode_enhanced_at(size_t i)
{
	return i < sc_nenhanced ? &sc_enhanced[i] : NULL;
}

size_t smtpcode_enhanced_count(void)
{
	return sc_nenhanced;
}

const struct smtpcode_digit *smtpcode_eclass(int cls)
{
	if (cls < 0 || cls > 9 || sc_eclasses[cls].name == NULL)
		return NULL;
	return &sc_eclasses[cls];
}

const struct smtpcode_digit *smtpcode_subject(int subject)
{
	if (subject < 0 || subject > 7 || sc_subjects[subject].name == NULL)
		return NULL;
	return &sc_subjects[subject];
}

/* Whether the registry's basic-code entry `b` ("550", "5XX", "any") covers
 * `code`. */
static int basic_covers(const char *b, int code)
{
	if (strcmp(b, "any") == 0)
		return 1;
	if (b[1] == 'X')
		return b[0] - '0' == code / 100;
	return (b[0] - '0') * 100 + (b[1] - '0') * 10 + (b[2] - '0') == code;
}

enum smtpcode_pairing smtpcode_pair(int code, const struct smtpcode_ecode *e)
{
	const struct smtpcode_enhanced *r;

	if (code < 100 || code > 999 || e == NULL ||
	    (e->cls != 2 && e->cls != 4 && e->cls != 5) ||
	    e->subject < 0 || e->subject > 999 || e->detail < 0 || e->detail > 999)
		return SMTPCODE_PAIR_BAD_ARGUMENT;
	if (code / 100 != e->cls)
		return SMTPCODE_PAIR_CLASS_MISMATCH;
	r = smtpcode_enhanced(e->subject, e->detail);
	if (r == NULL)
		return SMTPCODE_PAIR_UNREGISTERED;
	for (size_t i = 0; i < r->nbasic; i++)
		if (basic_covers(r->basic[i], code))
			return SMTPCODE_PAIR_ASSOCIATED;
	return SMTPCODE_PAIR_NOT_ASSOCIATED;
}

const char *smtpcode_pairing_name(enum smtpcode_pairing p)
{
	switch (p) {
	case SMTPCODE_PAIR_ASSOCIATED:
		return "associated";
	case SMTPCODE_PAIR_NOT_ASSOCIATED:
		return "not-associated";
	case SMTPCODE_PAIR_UNREGISTERED:
		return "unregistered-enhanced";
	case SMTPCODE_PAIR_CLASS_MISMATCH:
		return "class-mismatch";
	case SMTPCODE_PAIR_BAD_ARGUMENT:
		return "bad-argument";
	}
	return NULL;
}
