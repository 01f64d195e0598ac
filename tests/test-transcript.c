/* SPDX-License-Identifier: MIT */
/* test-transcript.c - a reply's whole text (ev->lines) from every reader
 * that reads replies of more lines than one, and a transcript's replies
 * paired with their commands by the protocol (RFC 5321 §4.2, RFC 2920
 * §3.1), through the library's API as a program calls it: lines in,
 * events out, each compared with what was worked out here by hand from
 * the lines fed (never from the tool's output). Each line is fed from a
 * buffer of its own, freed once its events are read, so that lines kept
 * in a buffer of the library's and lines pointed at are both held to
 * their lifetimes (valgrind and ASan see a pointer kept too long). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "tap.h"

#define FINISH (-1) /* given by the finish, after the lines */
#define NONE "-"    /* no command */

struct want {
	int at;               /* the line (0 up) whose feed gives it, or FINISH */
	int code;
	const char *command;  /* its name, or NONE */
	unsigned flags;       /* SMTPCODE_REPLY_* */
	const char *lines;    /* the whole reply, its lines joined with '\n' */
	size_t lines_before;
	int pipelined;
};

struct example {
	const char *name;
	int bare;               /* smtpcode_log_bare_replies() */
	const char *lines[12];  /* NULL after the last */
	struct want ev[4];      /* code 0 after the last */
};

static const struct example examples[] = {
	/* ---- The whole reply ---- */
	{ "Postfix said: one line: the reply's line, from its code on",
	  0,
	  { "Nov 20 10:00:00 mx postfix/smtp[300]: 4AB12: to=<b@example.org>, relay=mx.example.org[192.0.2.25]:25, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 <b@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))" },
	  { { 0, 550, "RCPT", 0, "550 5.1.1 <b@example.org>: Recipient address rejected: User unknown", 0, 0 } } },
	{ "Postfix said: a multi-line reply that Postfix wrote on one line, split where its codes begin",
	  0,
	  { "Nov 20 10:00:01 mx postfix/smtp[301]: 4AB13: to=<c@example.org>, relay=mx.example.org[192.0.2.25]:25, status=bounced (host mx.example.org[192.0.2.25] said: 550-5.7.1 Message rejected 550-5.7.1 as spam, see 550 5.7.1 https://example.org/spam (in reply to end of DATA command))" },
	  { { 0, 550, "end-of-data", 0,
	      "550-5.7.1 Message rejected\n550-5.7.1 as spam, see\n550 5.7.1 https://example.org/spam", 0, 0 } } },
	{ "a bounce's reply alone on its lines (Gmail's 550-5.1.1 block): all four lines, not only the URL",
	  1,
	  { "The error that the other server returned was:",
	    "550-5.1.1 The email account that you tried to reach does not exist. Please try",
	    "550-5.1.1 double-checking the recipient's email address for typos or",
	    "550-5.1.1 unnecessary spaces. Learn more at",
	    "550 5.1.1 https://support.example.com/mail/?p=NoSuchUser a1si2 - gsmtp" },
	  { { 4, 550, NONE, 0,
	      "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
	      "550-5.1.1 double-checking the recipient's email address for typos or\n"
	      "550-5.1.1 unnecessary spaces. Learn more at\n"
	      "550 5.1.1 https://support.example.com/mail/?p=NoSuchUser a1si2 - gsmtp", 0, 0 } } },
	{ "qmail's bounce: the reply on the lines after \"Remote host said:\"",
	  0,
	  { "<other@example.org>:", "Connected to 192.0.2.8 but sender was rejected.",
	    "Remote host said: 553-Sender address rejected", "553 See https://example.org/why",
	    "Giving up on 192.0.2.8." },
	  { { 3, 553, "MAIL", 0, "553-Sender address rejected\n553 See https://example.org/why", 0, 0 } } },
	{ "Exim's bounce: a multi-line reply on indented lines of its own, one reply to its final line",
	  0,
	  { "  bob@example.org",
	    "    SMTP error from remote mail server after RCPT TO:<bob@example.org>:",
	    "    host mx.example.org [192.0.2.25]:",
	    "    550-5.1.1 The email account that you tried to reach does not exist. Please try",
	    "    550 5.1.1 https://support.example.org/nosuchuser",
	    "  carol@example.org",
	    "    SMTP error from remote mail server after RCPT TO:<carol@example.org>:",
	    "    host mx.example.org [192.0.2.25]:",
	    "    452-4.2.2 Over quota,",
	    "" },
	  { { 4, 550, "RCPT", 0,
	      "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
	      "550 5.1.1 https://support.example.org/nosuchuser", 0, 0 },
	    { 9, 452, "RCPT", SMTPCODE_REPLY_UNTERMINATED, "452-4.2.2 Over quota,", 1, 0 } } },
	{ "two folded Diagnostic-Code fields, the second ending the first: each its own line",
	  0,
	  { "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full",
	    "Diagnostic-code: smtp; 451 4.4.1 No answer from host",
	    "" },
	  { { 1, 552, NONE, 0, "552 5.2.2 Mailbox full", 1, 0 },
	    { 2, 451, NONE, 0, "451 4.4.1 No answer from host", 1, 0 } } },
	{ "swaks: a multi-line reply, each line from its code on (the prefix and blanks not kept)",
	  0,
	  { "=== Connected to mx.example.org.", "<-  220 mx.example.org ESMTP",
	    " -> EHLO client.example.net", "<-  250-mx.example.org", "<-  250-PIPELINING",
	    "<-  250 SIZE 10240000" },
	  { { 1, 220, "CONNECT", 0, "220 mx.example.org ESMTP", 0, 0 },
	    { 5, 250, "EHLO", 0, "250-mx.example.org\n250-PIPELINING\n250 SIZE 10240000", 0, 0 } } },
	{ "PHPMailer: a reply flattened on its line, split where its codes begin",
	  0,
	  { "2025-01-01 10:00:00\tSERVER -> CLIENT: 220-mx.example.org ESMTP 220 No unsolicited mail accepted" },
	  { { 0, 220, "CONNECT", 0, "220-mx.example.org ESMTP\n220 No unsolicited mail accepted", 0, 0 } } },

	/* ---- A reply cut off before its final line (issue 27) ---- */
	{ "swaks: a multi-line reply cut off by the next command answers its own, unterminated, at its last line",
	  0,
	  { "=== Connected to mx.example.org.", "<-  220 mx.example.org ESMTP",
	    " -> EHLO client.example.net", "<-  250-mx.example.org",
	    " -> MAIL FROM:<alice@example.net>", "<-  250 2.1.0 Ok" },
	  { { 1, 220, "CONNECT", 0, "220 mx.example.org ESMTP", 0, 0 },
	    { 4, 250, "EHLO", SMTPCODE_REPLY_UNTERMINATED, "250-mx.example.org", 1, 0 },
	    { 5, 250, "MAIL", 0, "250 2.1.0 Ok", 0, 0 } } },
	{ "RFC 5321's C:/S:: a line with another code begins the next reply",
	  0,
	  { "S: 220 foo.example.org ready", "C: EHLO bar.example.org", "S: 250-foo.example.org",
	    "C: MAIL FROM:<a@bar.example.org>", "S: 250 OK" },
	  { { 0, 220, "CONNECT", 0, "220 foo.example.org ready", 0, 0 },
	    { 3, 250, "EHLO", SMTPCODE_REPLY_UNTERMINATED, "250-foo.example.org", 1, 0 },
	    { 4, 250, "MAIL", 0, "250 OK", 0, 0 } } },
	{ "RFC 5321's C:/S:: a multi-line reply then a reply of another code: two replies",
	  0,
	  { "S: 220 foo.example.org ready", "C: EHLO bar.example.org", "S: 250-foo.example.org",
	    "S: 550 5.7.1 go away" },
	  { { 0, 220, "CONNECT", 0, "220 foo.example.org ready", 0, 0 },
	    { 3, 250, "EHLO", SMTPCODE_REPLY_UNTERMINATED, "250-foo.example.org", 1, 0 },
	    { 3, 550, NONE, 0, "550 5.7.1 go away", 0, 0 } } },
	{ "OpenSMTPD's report stream: a cut reply, its session named by its id, at the line that ended it",
	  0,
	  { "report|0.6|1763632801.000005|smtp-in|protocol-client|aaaa000000000009|EHLO c.example.net",
	    "report|0.6|1763632801.000006|smtp-in|protocol-server|aaaa000000000009|250-mx.example.org Hello c.example.net [192.0.2.41], pleased to meet you",
	    "report|0.6|1763632801.000007|smtp-in|protocol-client|aaaa000000000009|MAIL FROM:<a@example.net>",
	    "report|0.6|1763632801.000008|smtp-in|protocol-server|aaaa000000000009|250 2.0.0 Ok" },
	  { { 2, 250, "EHLO", SMTPCODE_REPLY_UNTERMINATED,
	      "250-mx.example.org Hello c.example.net [192.0.2.41], pleased to meet you", 0, 0 },
	    { 3, 250, "MAIL", 0, "250 2.0.0 Ok", 0, 0 } } },

	/* ---- A server line with no code (RFC 821 Appendix F) ---- */
	{ "RFC 821's S:/R:: \"R: OK\" answers HELO, malformed, and the 250 after it answers MAIL",
	  0,
	  { "R: 220 beta.example.org Simple Mail Transfer Service Ready", "S: HELO alpha.example.net",
	    "R: OK", "S: MAIL FROM:<smith@alpha.example.net>", "R: 250 OK" },
	  { { 0, 220, "CONNECT", 0, "220 beta.example.org Simple Mail Transfer Service Ready", 0, 0 },
	    { 2, -1, "HELO", SMTPCODE_REPLY_NO_CODE, "OK", 0, 0 },
	    { 4, 250, "MAIL", 0, "250 OK", 0, 0 } } },

	/* ---- A new connection ---- */
	{ "Postfix debug_peer_list read twice: the second 220 greets, not answering the stale EHLO",
	  0,
	  { "Nov 20 12:00:00 mx postfix/smtpd[401]: > client.example.net[192.0.2.41]: 220 mx.example.org ESMTP Postfix",
	    "Nov 20 12:00:00 mx postfix/smtpd[401]: < client.example.net[192.0.2.41]: EHLO client.example.net",
	    "Nov 20 12:00:00 mx postfix/smtpd[401]: > client.example.net[192.0.2.41]: 220 mx.example.org ESMTP Postfix",
	    "Nov 20 12:00:00 mx postfix/smtpd[401]: < client.example.net[192.0.2.41]: EHLO client.example.net",
	    "Nov 20 12:00:00 mx postfix/smtpd[401]: > client.example.net[192.0.2.41]: 250 mx.example.org" },
	  { { 0, 220, "CONNECT", 0, "220 mx.example.org ESMTP Postfix", 0, 0 },
	    { 2, 220, "CONNECT", 0, "220 mx.example.org ESMTP Postfix", 0, 0 },
	    { 4, 250, "EHLO", 0, "250 mx.example.org", 0, 0 } } },
	{ "STARTTLS's 220 still answers STARTTLS",
	  0,
	  { "=== Connected to mx.example.org.", "<-  220 mx.example.org ESMTP", " -> STARTTLS",
	    "<-  220 2.0.0 Ready to start TLS" },
	  { { 1, 220, "CONNECT", 0, "220 mx.example.org ESMTP", 0, 0 },
	    { 3, 220, "STARTTLS", 0, "220 2.0.0 Ready to start TLS", 0, 0 } } },

	/* ---- Sendmail's transcript: only a pipelined batch's last command
	 * shown (RFC 2920 §3.1) ---- */
	{ "Sendmail: >>> DATA then two replies: the first answered a RCPT not shown, the 503 answers DATA",
	  0,
	  { "... while talking to mx.example.org.:", ">>> DATA",
	    "<<< 550 5.1.1 <carol@example.org>... User unknown",
	    "550 5.1.1 <carol@example.org>... User unknown",
	    "<<< 503 5.0.0 Need RCPT (recipient)" },
	  { { 4, 550, NONE, 0, "550 5.1.1 <carol@example.org>... User unknown", 2, 1 },
	    { FINISH, 503, "DATA", 0, "503 5.0.0 Need RCPT (recipient)", 0, 0 } } },
	{ "Sendmail: a held reply whose text names its command alone, RCPT TO",
	  0,
	  { "... while talking to mx.example.org.:", ">>> DATA",
	    "<<< 552 5.2.2 RCPT TO:<dave@example.org> Mailbox full",
	    "<<< 503 5.5.1 No recipients", "" },
	  { { 3, 552, "RCPT", 0, "552 5.2.2 RCPT TO:<dave@example.org> Mailbox full", 1, 1 },
	    { 4, 503, "DATA", 0, "503 5.5.1 No recipients", 1, 0 } } },
	{ "Sendmail: a text naming two commands names none",
	  0,
	  { "... while talking to mx.example.org.:", ">>> DATA",
	    "<<< 550 5.1.1 RCPT TO: unknown; MAIL FROM: refused", "<<< 503 5.0.0 Need RCPT" },
	  { { 3, 550, NONE, 0, "550 5.1.1 RCPT TO: unknown; MAIL FROM: refused", 1, 1 },
	    { FINISH, 503, "DATA", 0, "503 5.0.0 Need RCPT", 0, 0 } } },
	{ "Sendmail: one reply, then the next command: it answered the command shown",
	  0,
	  { "... while talking to mx.example.org.:", ">>> RCPT To:<carol@example.org>",
	    "<<< 550 5.1.1 <carol@example.org>... User unknown", ">>> QUIT", "<<< 221 2.0.0 Bye" },
	  { { 3, 550, "RCPT", 0, "550 5.1.1 <carol@example.org>... User unknown", 1, 0 },
	    { 4, 221, "QUIT", 0, "221 2.0.0 Bye", 0, 0 } } },
	{ "Sendmail: a held reply, then another transcript's line: released before it",
	  0,
	  { "... while talking to mx.example.org.:", ">>> MAIL From:<a@example.net>",
	    "<<< 451 4.3.0 Temporary failure", "<-- 220 smtp.example.com ESMTP" },
	  { { 3, 451, "MAIL", 0, "451 4.3.0 Temporary failure", 1, 0 },
	    { 3, 220, "CONNECT", 0, "220 smtp.example.com ESMTP", 0, 0 } } },
};

/* The event *ev against w: each difference said. */
static int same(const struct smtpcode_log_event *ev, const struct want *w, int at,
                const char *name, size_t k)
{
	const char *cmd = ev->command ? ev->command->name : NONE;
	int good = 1;

	if (at != w->at) {
		diag("%s: event %zu given at %d (want %d)", name, k, at, w->at);
		good = 0;
	}
	if (ev->reply.code != w->code || strcmp(cmd, w->command) != 0 ||
	    ev->reply.flags != w->flags || ev->lines_before != w->lines_before ||
	    ev->pipelined != w->pipelined) {
		diag("%s: event %zu: %d %s flags %u lines_before %zu pipelined %d (want %d %s %u %zu %d)",
		     name, k, ev->reply.code, cmd, ev->reply.flags, ev->lines_before, ev->pipelined,
		     w->code, w->command, w->flags, w->lines_before, w->pipelined);
		good = 0;
	}
	if (ev->lines == NULL || ev->lines_len != strlen(w->lines) ||
	    memcmp(ev->lines, w->lines, ev->lines_len) != 0) {
		diag("%s: event %zu: lines \"%.*s\" (want \"%s\")", name, k,
		     ev->lines ? (int)ev->lines_len : 4, ev->lines ? ev->lines : "NULL", w->lines);
		good = 0;
	}
	return good;
}

static size_t count_wants(const struct example *x)
{
	size_t n = 0;

	while (n < sizeof x->ev / sizeof x->ev[0] && x->ev[n].code != 0)
		n++;
	return n;
}

static void run(struct smtpcode_log *lg, const struct example *x)
{
	size_t want = count_wants(x), got = 0, i;
	int good = 1;

	smtpcode_log_reset(lg);
	smtpcode_log_bare_replies(lg, x->bare);
	for (i = 0; i <= sizeof x->lines / sizeof x->lines[0]; i++) {
		const struct smtpcode_log_event *ev;
		const char *line = i < sizeof x->lines / sizeof x->lines[0] ? x->lines[i] : NULL;
		char *copy = NULL;
		int at = line ? (int)i : FINISH;
		if (line != NULL) {
			size_t n = strlen(line);
			if ((copy = malloc(n + 1)) == NULL) {
				bail("out of memory");
				return;
			}
			memcpy(copy, line, n + 1);
			smtpcode_log_feed(lg, copy, n);
		} else {
			smtpcode_log_finish(lg);
		}
		while ((ev = smtpcode_log_next(lg)) != NULL) {
			if (got < want)
				good &= same(ev, &x->ev[got], at, x->name, got);
			got++;
		}
		free(copy);
		if (line == NULL)
			break;
	}
	if (got != want) {
		diag("%s: %zu event(s) (want %zu)", x->name, got, want);
		good = 0;
	}
	ok(good, "%s", x->name);
}

/* A reply of more lines than the 4096 bytes kept: the first lines that
 * fit whole, cut at a line's end, and its text still its final line's. */
static void long_reply(struct smtpcode_log *lg)
{
	char line[128], letters[26][96];
	const struct smtpcode_log_event *ev;
	size_t n = 0, kept = 0;
	int good = 1;

	for (int k = 0; k < 26; k++) {
		memset(letters[k], 'a' + k, 95);
		letters[k][95] = '\0';
	}
	smtpcode_log_reset(lg);
	smtpcode_log_feed(lg, "C: EHLO a.example.net", 21);
	for (int i = 0; i < 50; i++) {
		/* "250-" and 95 letters, 99 bytes: 40 lines and their 39 '\n'
		 * are 3999 bytes, a 41st would make 4099 */
		snprintf(line, sizeof line, "S: 250-%.95s", letters[i % 26]);
		smtpcode_log_feed(lg, line, 7 + 95);
		if (smtpcode_log_next(lg) != NULL)
			good = 0;
	}
	smtpcode_log_feed(lg, "S: 250 end", 10);
	ev = smtpcode_log_next(lg);
	if (ev == NULL || ev->lines == NULL) {
		ok(0, "a reply of 51 lines: kept to its first lines that fit");
		return;
	}
	for (size_t i = 0; i < ev->lines_len; i++)
		n += ev->lines[i] == '\n';
	kept = ev->lines_len;
	good &= ev->reply.lines == 51 && ev->reply.text_len == 3 &&
	        memcmp(ev->reply.text, "end", 3) == 0;
	good &= kept == 40 * 99 + 39 && n == 39 && ev->lines[kept - 1] == 'a' + 39 % 26 &&
	        memcmp(ev->lines, "250-aaa", 7) == 0;
	if (!good)
		diag("lines_len %zu, %zu line ends, %zu lines", kept, n, ev->reply.lines);
	ok(good, "a reply of 51 lines: its first 40 whole (3999 bytes), under 4096");
}

int main(void)
{
	struct smtpcode_log *lg = smtpcode_log_new();
	size_t n = sizeof examples / sizeof examples[0];

	if (lg == NULL)
		bail("smtpcode_log_new failed");
	plan(n + 1);
	for (size_t i = 0; i < n; i++)
		run(lg, &examples[i]);
	long_reply(lg);
	smtpcode_log_free(lg);
	return 0;
}
