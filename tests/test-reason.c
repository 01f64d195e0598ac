/* SPDX-License-Identifier: MIT */
/*
 * test-reason.c - smtpcode_reason() at its edges, with expectations typed
 * by hand (tests/reasons.test measures it over the replies of
 * tests/reasons.txt): the API's bad input, the names, the text's heads,
 * lines and blanks, a phrase far into a long text, a reply flattened onto
 * one line, addresses (no phrase read between '<' and '>'), the remote
 * host's patterns, and the order of the steps.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"
#include "tap.h"

static const struct smtpcode_command *cmd(const char *name)
{
	return smtpcode_command(name, strlen(name));
}

/* The reason of code [ecode] text, or -1; *w filled. */
static int why(int code, const char *ecode, const char *text, const char *command,
               const char *host, struct smtpcode_why *w)
{
	struct smtpcode_ecode e;
	int has = ecode != NULL && sscanf(ecode, "%d.%d.%d", &e.cls, &e.subject, &e.detail) == 3;

	return smtpcode_reason(code, has ? &e : NULL, text, text ? strlen(text) : 0,
	                       command ? cmd(command) : NULL, host, w);
}

static const char *name(int r)
{
	return r < 0 ? "(none)" : smtpcode_reason_name((enum smtpcode_reason)r);
}

/* A text (len 0: up to its NUL) and the reason it must give at RCPT. */
struct edge {
	int code;
	const char *text;
	size_t len;
	const char *reason, *what;
};

static const struct edge edges[] = {
	{ 554, "Relay access denied", 0, "norelaying", "a phrase that is the whole text" },
	{ 554, "Relay access denied; x", 0, "norelaying", "a phrase at the start" },
	{ 554, "<a@b>: Relay access denied", 0, "norelaying", "a phrase at the end" },
	{ 554, "rElAY ACCESS dEnIeD", 0, "norelaying", "a phrase in another case" },
	{ 554, "Relay access denie", 0, "undefined", "a text that ends inside a phrase" },
	{ 554, "elay access denied", 0, "undefined", "a phrase without its first byte" },
	{ 554, "\xd2" "elay access denied", 0, "undefined",
	  "a byte past ASCII is not a capital ('R' + 0x80)" },
	{ 554, "RelayRelay access denied", 0, "norelaying",
	  "a phrase that begins inside its own first word" },
	{ 550, "User unknown in local sender table", 0, "rejected",
	  "overlapping phrases: the longer's row comes first" },
	{ 550, "User unknown in local sender tabl", 0, "userunknown",
	  "and cut by one byte, only the shorter is there" },
	{ 554, "Relay\0access denied", 19, "undefined", "a NUL byte inside a phrase breaks it" },
	{ 554, "\x01\xffRelay access denied\x80", 23, "norelaying", "binary bytes around a phrase" },
	/* addresses: '<' to the next '>' is not read */
	{ 554, "<Relay access denied>", 0, "undefined", "a phrase between '<' and '>' is not read" },
	{ 554, "<a@b>Relay access denied<c@d>", 0, "norelaying", "one right after '>' and before '<' is" },
	{ 554, "Relay <a@b> access denied", 0, "undefined",
	  "the words on the two sides of an address do not join into a phrase" },
	{ 554, "Relay<>access denied", 0, "undefined", "nor on those of an empty one" },
	{ 554, "< Relay access denied <a@b>", 0, "undefined",
	  "an address runs from a '<' to the next '>', over another '<'" },
	{ 554, "size < 10: Relay access denied", 0, "norelaying",
	  "a '<' with no '>' after it is no address: the rest is read" },
	{ 554, "<a@b> x <<< Relay access denied", 0, "norelaying", "and so are several, after an address" },
	{ 554, "550-5.7.1 <a@b\n550-5.7.1 c\n550 5.7.1 d> Relay access denied", 0, "norelaying",
	  "an address over three lines: read again from its '>'" },
	{ 554, "550-5.7.1 x <Relay\n550 5.7.1 access denied> y", 0, "undefined",
	  "and no phrase in it, the heads of its lines aside" },
};

int main(void)
{
	static char big[20000];
	struct smtpcode_why w;
	int r;

	plan(74);

	/* bad input and successes */
	errno = 0;
	ok(smtpcode_reason(99, NULL, NULL, 0, NULL, NULL, &w) == -1 && errno == EINVAL,
	   "a code below 100: -1, EINVAL");
	errno = 0;
	ok(smtpcode_reason(550, NULL, NULL, 3, NULL, NULL, &w) == -1 && errno == EINVAL,
	   "a NULL text with a length: -1, EINVAL");
	ok(why(250, NULL, "2.0.0 Ok", "RCPT", NULL, &w) == -1, "a success has no reason");
	ok(why(354, NULL, "go ahead", "DATA", NULL, &w) == -1, "an intermediate reply has none");
	ok(smtpcode_reason(550, NULL, NULL, 0, NULL, NULL, NULL) == SMTPCODE_REASON_UNDEFINED,
	   "out may be NULL; 550 alone says nothing (RFC 5321 §4.2.2 names several causes)");

	/* names */
	is_string("userunknown", smtpcode_reason_name(SMTPCODE_REASON_USERUNKNOWN), "first name");
	is_string("undefined", smtpcode_reason_name(SMTPCODE_REASON_UNDEFINED), "last name");
	ok(smtpcode_reason_name(SMTPCODE_REASON_COUNT) == NULL, "no name past the end");
	is_int(SMTPCODE_REASON_BLOCKED, smtpcode_reason_by_name("blocked", 7), "by name");
	is_int(-1, smtpcode_reason_by_name("Blocked", 7), "names are exact");
	is_int(-1, smtpcode_reason_by_name(NULL, 0), "NULL name");
	ok(smtpcode_reason_definition(SMTPCODE_REASON_MAILBOXFULL) != NULL &&
	   strstr(smtpcode_reason_definition(SMTPCODE_REASON_MAILBOXFULL), "quota") != NULL,
	   "a definition");
	is_string("provider", smtpcode_reason_step_name(SMTPCODE_REASON_BY_PROVIDER), "step name");
	ok(smtpcode_reason_step_name((enum smtpcode_reason_step)9) == NULL, "no step past the end");
	ok(smtpcode_provider_at(0) != NULL && smtpcode_provider_at(0)->npages >= 1 &&
	   smtpcode_provider_at(100000) == NULL, "provider rows, each with a page");

	/* the steps */
	r = why(550, "5.1.1", "<a@example.com>... User unknown", "RCPT", NULL, &w);
	ok(r == SMTPCODE_REASON_USERUNKNOWN && w.by == SMTPCODE_REASON_BY_PHRASE && w.strong,
	   "Sendmail's User unknown: a strong phrase (%s)", name(r));
	r = why(550, "5.1.1", "no", "RCPT", NULL, &w);
	ok(r == SMTPCODE_REASON_USERUNKNOWN && w.by == SMTPCODE_REASON_BY_STATUS &&
	   strcmp(w.rule, "X.1.1") == 0, "5.1.1 with no telling text: the enhanced code (RFC 3463 §3.2)");
	r = why(550, "5.7.1", "Service unavailable; Client host [192.0.2.1] blocked using zen.example.org",
	        "RCPT", NULL, &w);
	is_string("blocked", name(r), "a block list's phrase before a bare 5.7.1 at RCPT");
	r = why(550, "5.7.1", "denied", "RCPT", NULL, &w);
	ok(r == SMTPCODE_REASON_POLICYVIOLATION && !w.strong, "5.7.1 at RCPT, nothing said: weak, policy");
	r = why(550, "5.7.1", "denied", "MAIL", NULL, &w);
	is_string("rejected", name(r), "5.7.1 at MAIL: the sender refused");
	r = why(552, NULL, "too big", "end-of-data", NULL, &w);
	ok(r == SMTPCODE_REASON_MESGTOOLARGE && w.by == SMTPCODE_REASON_BY_REPLY &&
	   strcmp(w.rule, "552") == 0, "552 after the data: the reply code (RFC 1870 §6.3)");
	r = why(552, NULL, "no", "RCPT", NULL, &w);
	is_string("mailboxfull", name(r), "552 at RCPT: this recipient's storage");
	r = why(451, NULL, "", NULL, NULL, &w);
	is_string("systemerror", name(r), "451, no command: local error (RFC 5321 §4.2.2)");

	/* the text: heads, lines, blanks and case */
	r = why(550, NULL, "550-5.7.1 Relay\n550 5.7.1   ACCESS   denied", "RCPT", NULL, &w);
	is_string("norelaying", name(r), "a phrase over two lines, their heads left out, blanks collapsed");
	r = why(550, NULL, "550-Relay 550-access 550 5.7.1 denied", "RCPT", NULL, &w);
	is_string("norelaying", name(r), "a flattened reply's inner heads left out");
	r = why(550, NULL, "Relay\taccess\r\ndenied", "RCPT", NULL, &w);
	is_string("norelaying", name(r), "tabs and CR are blanks");
	r = why(550, NULL, "Relayaccess denied", "RCPT", NULL, &w);
	ok(r != SMTPCODE_REASON_NORELAYING, "but words are not run together");

	/* a long text: a phrase at every place of the windows */
	{
		int good = 1;
		for (size_t at = 1900; at < 6200 && good; at += 37) {
			memset(big, 'x', sizeof big);
			for (size_t i = 0; i < at; i += 10)
				big[i] = ' ';
			memcpy(big + at, " Relay access denied ", 21);
			big[at + 21 + 50] = '\0';
			r = why(554, NULL, big, "RCPT", NULL, &w);
			good = r == SMTPCODE_REASON_NORELAYING;
		}
		ok(good, "a phrase far into a long text, across the windows' edges, is found");
		memset(big, 'x', 10000);
		big[10000] = '\0';
		r = why(554, NULL, big, "RCPT", NULL, &w);
		is_string("undefined", name(r), "a long text with no phrase: undefined (554 at RCPT)");
	}

	/* NUL bytes and bytes past ASCII are text like any other */
	r = smtpcode_reason(550, NULL, "\0\xff User unknown", 15, cmd("RCPT"), NULL, &w);
	is_string("userunknown", name(r), "a NUL byte does not end the text");

	/* the phrase matcher's edges (554 at RCPT says nothing alone) */
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		const struct edge *e = &edges[i];
		r = smtpcode_reason(e->code, NULL, e->text, e->len ? e->len : strlen(e->text), cmd("RCPT"),
		                    NULL, &w);
		is_string(e->reason, name(r), "%s", e->what);
	}
	memset(big, 'x', 10000);
	for (size_t i = 50; i < 10000; i += 50)
		big[i] = ' ';
	memcpy(big, "Relay access denied ", 20);
	r = smtpcode_reason(554, NULL, big, 10000, cmd("RCPT"), NULL, &w);
	is_string("norelaying", name(r), "a phrase at the start of a text of 10,000 bytes");
	memcpy(big, "xxxxxxxxxxxxxxxxxxxx", 20);
	memcpy(big + 10000 - 20, " Relay access denied", 20);
	r = smtpcode_reason(554, NULL, big, 10000, cmd("RCPT"), NULL, &w);
	is_string("norelaying", name(r), "and at its very end");
	r = smtpcode_reason(554, NULL, big, 9999, cmd("RCPT"), NULL, &w);
	is_string("undefined", name(r), "and its last byte cut");
	memset(big, 'x', 10000);
	big[100] = '<';
	memcpy(big + 3000, " Relay access denied ", 21);
	big[6000] = '>';
	r = smtpcode_reason(554, NULL, big, 10000, cmd("RCPT"), NULL, &w);
	is_string("undefined", name(r), "no phrase in an address longer than the window");
	memcpy(big + 6001, " Relay access denied ", 21);
	r = smtpcode_reason(554, NULL, big, 10000, cmd("RCPT"), NULL, &w);
	is_string("norelaying", name(r), "and one after it is found");
	big[6000] = 'x';
	r = smtpcode_reason(554, NULL, big, 10000, cmd("RCPT"), NULL, &w);
	is_string("norelaying", name(r), "a '<' with no '>' after it: the text is read");

	/* providers and hosts */
	r = why(550, "5.1.10", "RESOLVER.ADR.RecipientNotFound", "RCPT", NULL, &w);
	ok(r == SMTPCODE_REASON_USERUNKNOWN && w.provider != NULL &&
	   strcmp(w.provider->name, "Microsoft") == 0 && w.provider->registry != NULL,
	   "Microsoft's 5.1.10: recipient not found, and the registry differs");
	r = why(556, "5.1.10", "null MX", "RCPT", NULL, &w);
	ok(r == SMTPCODE_REASON_NOTACCEPT && w.provider == NULL, "556 5.1.10: a null MX (RFC 7505)");
	r = why(550, "5.7.26", "unauthenticated", "end-of-data", "GMAIL-SMTP-IN.L.Google.COM.", &w);
	ok(r == SMTPCODE_REASON_SECURITYERROR && w.provider != NULL &&
	   strcmp(w.provider->name, "Google") == 0 && w.provider->pages[0].address != NULL,
	   "Gmail's 5.7.26 by its host, any case, a final dot");
	r = why(550, "5.7.26", "unauthenticated", "end-of-data", "google.com.example.net", &w);
	ok(w.provider == NULL, "another host: no provider row");
	r = why(550, "5.7.25", "x", "RCPT", NULL, &w);
	ok(w.provider == NULL && r == SMTPCODE_REASON_BLOCKED,
	   "a provider row with hosts and no phrase needs the host (X.7.25 by the registry)");
	r = why(550, "5.7.25", "x", "RCPT", "mx.google.com", &w);
	ok(w.provider != NULL && r == SMTPCODE_REASON_BLOCKED, "and with it, the provider");
	r = why(550, "5.7.25", "x", "RCPT", "google.com", &w);
	ok(w.provider == NULL, "*.google.com is not google.com itself");
	r = why(550, "5.7.25", "x", "RCPT", "192.0.2.1", &w);
	ok(w.provider == NULL && r == SMTPCODE_REASON_BLOCKED &&
	   why(550, "5.7.25", "x", "RCPT", "10.0.0.1.", &w) == r && w.provider == NULL,
	   "an address for a host matches no pattern (all addresses give one reason)");
	r = why(450, "4.2.1", "The user you are trying to contact is receiving mail too quickly",
	        "RCPT", "aspmx.l.google.com", &w);
	ok(r == SMTPCODE_REASON_RATELIMITED && w.provider != NULL,
	   "Gmail's 4.2.1: a rate, not the registry's disabled mailbox");
	r = why(550, "5.7.23", "SPF validation failed", "MAIL", NULL, &w);
	ok(r == SMTPCODE_REASON_SECURITYERROR && w.provider == NULL,
	   "an SPF failure quoted without its host names no provider (RFC 7372's X.7.23)");
	r = why(421, NULL, "421-Rate limit reached.\n421 For explanation visit https://postmaster.web.de/en/case?c=r0001",
	        NULL, NULL, &w);
	ok(r == SMTPCODE_REASON_RATELIMITED && w.provider != NULL &&
	   strcmp(w.provider->name, "GMX/WEB.DE") == 0, "WEB.DE's rate limit, by the link its reply carries");
	/* rows marked "only": words many servers write name no provider
	 * without the provider's host */
	r = why(550, "5.7.1", "Message rejected because of local policy", "RCPT", NULL, &w);
	ok(r == SMTPCODE_REASON_POLICYVIOLATION && w.provider == NULL,
	   "\"local policy\" without a host: the reason, no provider (Apple's row needs its host)");
	r = why(550, "5.7.1", "Message rejected because of local policy", "RCPT", "mx01.mail.icloud.com", &w);
	ok(r == SMTPCODE_REASON_POLICYVIOLATION && w.provider != NULL &&
	   strcmp(w.provider->name, "Apple") == 0, "and from iCloud's host, Apple's row");
	r = why(421, NULL, "Reverse DNS failure", "CONNECT", NULL, &w);
	ok(w.provider == NULL, "Comcast's \"Reverse DNS failure\" without its host: no provider");
	/* Google's row for 5.7.27 needs the phrase "SPF", which an address
	 * does not give: Postfix refusing a sender whose domain has a null
	 * MX (src/dns/dns_lookup.c's text) is RFC 7505's X.7.27 */
	r = why(550, "5.7.27",
	        "<spf@example.org>: Sender address rejected: Domain example.org does not accept mail (nullMX)",
	        "MAIL", NULL, &w);
	ok(r == SMTPCODE_REASON_REJECTED && w.provider == NULL && w.by == SMTPCODE_REASON_BY_STATUS,
	   "\"spf\" inside <spf@example.org>: no phrase, the enhanced code (%s)", name(r));
	r = why(550, "5.7.27",
	        "spf@example.org: Sender address rejected: Domain example.org does not accept mail (nullMX)",
	        "MAIL", NULL, &w);
	ok(r == SMTPCODE_REASON_SECURITYERROR && w.provider != NULL &&
	   strcmp(w.provider->name, "Google") == 0,
	   "and outside brackets, the phrase: Google's SPF row (%s)", name(r));
	r = why(550, "5.7.27",
	        "<spf@example.org: Sender address rejected: Domain example.org does not accept mail (nullMX)",
	        "MAIL", NULL, &w);
	ok(r == SMTPCODE_REASON_SECURITYERROR && w.provider != NULL,
	   "and after a '<' with no '>': no address, the phrase (%s)", name(r));
	return 0;
}
