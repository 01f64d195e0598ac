/* SPDX-License-Identifier: MIT */
/* test-log.c - the log reader's API driven directly: for each format,
 * lines in and events out, every field compared with what was written here
 * by hand; then the protocol's edges (two events from one line, several
 * at the finish, next() with nothing pending, feed after finish and reset,
 * NULLs) and hostile lines (1 MB, NUL bytes, bytes that are not UTF-8). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "tap.h"

#define FINISH (-1) /* an event that the finish gives, after the lines */

/* One event as it must come out. */
struct want {
	int at;                  /* the line (0 up) whose feed gives it, or FINISH */
	enum smtpcode_log_format format;
	const char *command;     /* its name, or NULL */
	const char *command_text;
	int code;
	const char *ecode;       /* "5.1.1", or NULL for none */
	const char *text;
	const char *recipient;
	const char *remote_host;
	size_t lines_before;
	int pipelined;
	unsigned flags;
	size_t lines;            /* the reply's lines */
	enum smtpcode_log_origin origin;
	const char *time;        /* as written, or NULL */
	int has_epoch;
	long long epoch;         /* worked out by hand from the time */
	const char *queue_id;    /* the details (NULL: none) */
	const char *sender;
	const char *remote_addr;
};

struct example {
	const char *name;
	int no_details, bare;    /* next() alone: the details not asked; the
	                            bare replies' switch */
	const char *lines[8];    /* NULL after the last */
	struct want ev[3];       /* code 0 after the last */
};

/* Every format of data/logformats.txt, the lines of doc/formats' "A LINE
 * OF EACH FORMAT" (and a few more for what they show). */
static const struct example examples[] = {
	{ "postfix", 0, 0,
	  { "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<b@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=1.2, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 <b@example.org>: User unknown (in reply to RCPT TO command))" },
	  { { 0, SMTPCODE_LOG_POSTFIX, "RCPT", NULL, 550, "5.1.1", "<b@example.org>: User unknown",
	      "b@example.org", "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "Nov 20 10:00:01", 1, 1795168801,
	      "4F2A1", NULL, "192.0.2.25" } } },
	{ "postfix, the details not asked", 1, 0,
	  { "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<b@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=1.2, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 <b@example.org>: User unknown (in reply to RCPT TO command))" },
	  { { 0, SMTPCODE_LOG_POSTFIX, "RCPT", NULL, 550, "5.1.1", "<b@example.org>: User unknown",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "postfix, a command it does not know", 0, 0,
	  { "Nov 20 10:00:07 mx postfix/smtp[107]: 4A7: to=<gu@example.com>, dsn=5.5.1, status=bounced (host relay.example.com[192.0.2.28] said: 502 5.5.1 Command not implemented (in reply to XFORWARD command))" },
	  { { 0, SMTPCODE_LOG_POSTFIX, NULL, "XFORWARD", 502, "5.5.1", "Command not implemented",
	      "gu@example.com", "relay.example.com", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "Nov 20 10:00:07", 1, 1795168807,
	      "4A7", NULL, "192.0.2.28" } } },
	{ "postfix-smtpd", 0, 0,
	  { "Nov 20 10:00:02 mx postfix/smtpd[302]: NOQUEUE: reject: RCPT from client.example.net[192.0.2.41]: 554 5.7.1 <b@example.org>: Relay access denied; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<client.example.net>" },
	  { { 0, SMTPCODE_LOG_POSTFIX_SMTPD, "RCPT", NULL, 554, "5.7.1", "<b@example.org>: Relay access denied",
	      "b@example.org", "client.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL, "Nov 20 10:00:02", 1, 1795168802,
	      "smtpd[302]", "a@example.net", "192.0.2.41" } } },
	{ "postfix-reject-warning", 0, 0,
	  { "Nov 20 10:00:03 mx postfix/smtpd[303]: NOQUEUE: reject_warning: RCPT from client.example.net[192.0.2.41]: 450 4.7.1 <b@example.org>: Recipient address rejected: Greylisted; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<client.example.net>" },
	  { { 0, SMTPCODE_LOG_POSTFIX_REJECT_WARNING, "RCPT", NULL, 450, "4.7.1",
	      "<b@example.org>: Recipient address rejected: Greylisted", "b@example.org", "client.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL, "Nov 20 10:00:03", 1, 1795168803,
	      "smtpd[303]", "a@example.net", "192.0.2.41" } } },
	{ "postfix-debug", 0, 0,
	  { "Nov 20 10:00:04 mx postfix/smtpd[304]: < client.example.net[192.0.2.41]: RCPT TO:<b@example.org>",
	    "Nov 20 10:00:04 mx postfix/smtpd[304]: > client.example.net[192.0.2.41]: 550 5.1.1 <b@example.org>: Recipient address rejected: User unknown" },
	  { { 1, SMTPCODE_LOG_POSTFIX_DEBUG, "RCPT", NULL, 550, "5.1.1",
	      "<b@example.org>: Recipient address rejected: User unknown", "b@example.org", "client.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL, "Nov 20 10:00:04", 1, 1795168804,
	      NULL, NULL, "192.0.2.41" } } },
	{ "exim, a delivery and its confirmation (C=)", 0, 0,
	  { "2026-11-20 10:00:21 1vABCE-000124-EF => b@example.org <list@example.org> R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.25] C=\"250 2.0.0 OK queued\"" },
	  { { 0, SMTPCODE_LOG_EXIM, "end-of-data", NULL, 250, "2.0.0", "OK queued", "b@example.org", "mx.example.org",
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "2026-11-20 10:00:21", 1, 1795168821,
	      "1vABCE-000124-EF", NULL, "192.0.2.25" } } },
	{ "postfix-notice", 0, 0,
	  { "In:  RCPT TO:<b@example.org>",
	    "Out: 550 5.1.1 <b@example.org>: Recipient address rejected: User unknown" },
	  { { 1, SMTPCODE_LOG_POSTFIX_NOTICE, "RCPT", NULL, 550, "5.1.1",
	      "<b@example.org>: Recipient address rejected: User unknown", "b@example.org", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "exim", 0, 0,
	  { "2026-11-20 10:00:06 1vABCD-000123-EF ** b@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.25]: SMTP error from remote mail server after RCPT TO:<b@example.org>: 550 5.1.1 User unknown" },
	  { { 0, SMTPCODE_LOG_EXIM, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", "mx.example.org",
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "2026-11-20 10:00:06", 1, 1795168806,
	      "1vABCD-000123-EF", NULL, "192.0.2.25" } } },
	{ "exim, after pipelined", 0, 0,
	  { "2026-11-20 10:00:04 1vA-0004 == di@example.com H=mx.example.com [192.0.2.27]: SMTP error from remote mail server after pipelined RCPT TO:<di@example.com>: 451 4.7.1 Greylisted, try again later" },
	  { { 0, SMTPCODE_LOG_EXIM, "RCPT", NULL, 451, "4.7.1", "Greylisted, try again later", "di@example.com",
	      "mx.example.com", 0, 1, 0, 1, SMTPCODE_ORIGIN_REMOTE, "2026-11-20 10:00:04", 1, 1795168804,
	      "1vA-0004", NULL, "192.0.2.27" } } },
	{ "exim: a log line's \"Remote host closed connection\" names no host", 0, 0,
	  { "2026-11-20 10:01:11 1vB-0011 == f@example.com R=dnslookup T=remote_smtp defer (-18): Remote host closed connection in response to HELO relay.example.org (EHLO response was: 550 5.7.1 Go away)" },
	  { { 0, SMTPCODE_LOG_EXIM, "EHLO", NULL, 550, "5.7.1", "Go away", "f@example.com", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "2026-11-20 10:01:11", 1, 1795168871,
	      "1vB-0011", NULL, NULL } } },
	{ "exim's bounce, a message's part: the host's line before the error's, the reply after it (the fold's head gives them)", 0, 1,
	  { "  b@example.org", "    host mx.example.org [192.0.2.25]",
	    "    SMTP error from remote mail server after RCPT TO:<b@example.org>:",
	    "    550 5.1.1 User unknown" },
	  { { 3, SMTPCODE_LOG_EXIM, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", "mx.example.org",
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, "192.0.2.25" } } },
	{ "exim's bounce: the host's line after the error's, a multi-line reply after it", 0, 0,
	  { "    SMTP error from remote mail server after RCPT TO:<c@example.org>:",
	    "    host mx.example.org [192.0.2.25]:",
	    "    550-5.1.1 The account does not exist.",
	    "    550 5.1.1 Check the address." },
	  { { 3, SMTPCODE_LOG_EXIM, "RCPT", NULL, 550, "5.1.1", "Check the address.", "c@example.org", "mx.example.org",
	      0, 0, 0, 2, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, "192.0.2.25" } } },
	{ "exim's bounce: the host before the reply on its line; MAIL's address the sender", 0, 0,
	  { "    SMTP error from remote mail server after MAIL FROM:<a@example.net> SIZE=1234:",
	    "    host mx.example.org [192.0.2.25]: 552 5.3.4 Message size exceeds fixed limit" },
	  { { 1, SMTPCODE_LOG_EXIM, "MAIL", NULL, 552, "5.3.4", "Message size exceeds fixed limit", NULL,
	      "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, "a@example.net",
	      "192.0.2.25" } } },
	{ "sendmail", 0, 0,
	  { "Nov 20 10:00:07 mx sendmail[307]: 5AK1007: ruleset=check_rcpt, arg1=<b@example.org>, relay=client.example.net [192.0.2.41], reject=550 5.7.1 <b@example.org>... Relaying denied" },
	  { { 0, SMTPCODE_LOG_SENDMAIL, "RCPT", NULL, 550, "5.7.1", "<b@example.org>... Relaying denied",
	      "b@example.org", "client.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL, "Nov 20 10:00:07", 1, 1795168807,
	      "5AK1007", NULL, "192.0.2.41" } } },
	{ "sendmail, a delivery line's reply= (the server's; stat= repeats it, not read again)", 0, 0,
	  { "Nov 20 10:00:08 mx sm-mta[308]: 5AK1008: to=<b@example.org>, delay=00:00:02, xdelay=00:00:02, mailer=esmtp, pri=120345, relay=mx.example.org. [192.0.2.25], dsn=4.2.2, reply=452 4.2.2 <b@example.org>... Mailbox full, stat=Deferred: 452 4.2.2 <b@example.org>... Mailbox full" },
	  { { 0, SMTPCODE_LOG_SENDMAIL, NULL, NULL, 452, "4.2.2", "<b@example.org>... Mailbox full",
	      "b@example.org", "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "Nov 20 10:00:08", 1, 1795168808,
	      "5AK1008", NULL, "192.0.2.25" } } },
	{ "sendmail-transcript", 0, 0,
	  { "... while talking to mx.example.org.:", ">>> RCPT To:<b@example.org>",
	    "<<< 550 5.1.1 <b@example.org>... User unknown" },
	  /* held for the line after it, which may be another reply of a
	   * pipelined batch (RFC 2920 §3.1): none comes, so at the finish */
	  { { FINISH, SMTPCODE_LOG_SENDMAIL_TRANSCRIPT, "RCPT", NULL, 550, "5.1.1",
	      "<b@example.org>... User unknown", "b@example.org", "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "sendmail-transcript after Sendmail's own errors: its session line ends their lines and names the host ([IPv6:address] as the address)", 0, 0,
	  { "   ----- Transcript of session follows -----", "... while talking to [IPv6:2001:db8::7]:",
	    ">>> RCPT To:<b@example.org>", "<<< 550 5.1.1 <b@example.org>... User unknown" },
	  { { FINISH, SMTPCODE_LOG_SENDMAIL_TRANSCRIPT, "RCPT", NULL, 550, "5.1.1",
	      "<b@example.org>... User unknown", "b@example.org", "2001:db8::7", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "sendmail-transcript: a reply held from one session keeps its host as the next session's line names another", 0, 0,
	  { "... while talking to mx.example.org.:", ">>> DATA", "<<< 503 5.0.0 Need RCPT (recipient)",
	    "... while talking to mx2.example.org.:", ">>> RCPT To:<d@example.org>",
	    "<<< 452 4.2.2 <d@example.org>... Mailbox full" },
	  /* (held for the line after it: given as the next session's line
	   * is read, one line before it) */
	  { { 3, SMTPCODE_LOG_SENDMAIL_TRANSCRIPT, "DATA", NULL, 503, "5.0.0", "Need RCPT (recipient)",
	      NULL, "mx.example.org", 1, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL },
	    { FINISH, SMTPCODE_LOG_SENDMAIL_TRANSCRIPT, "RCPT", NULL, 452, "4.2.2", "<d@example.org>... Mailbox full",
	      "d@example.org", "mx2.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "opensmtpd", 0, 0,
	  { "Nov 20 10:00:09 mx smtpd[309]: 3f2a1b4c5d6e7f80 smtp failed-command command=\"RCPT TO:<b@example.org>\" result=\"550 Invalid recipient: <b@example.org>\"" },
	  { { 0, SMTPCODE_LOG_OPENSMTPD, "RCPT", NULL, 550, NULL, "Invalid recipient: <b@example.org>",
	      "b@example.org", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL, "Nov 20 10:00:09", 1, 1795168809,
	      "3f2a1b4c5d6e7f80", NULL, NULL } } },
	{ "opensmtpd-report", 0, 0,
	  { "report|0.6|1763632810.000000|smtp-in|protocol-client|3f2a1b4c5d6e7f81|RCPT TO:<b@example.org>",
	    "report|0.6|1763632810.000100|smtp-in|protocol-server|3f2a1b4c5d6e7f81|550 Invalid recipient: <b@example.org>" },
	  { { 1, SMTPCODE_LOG_OPENSMTPD_REPORT, "RCPT", NULL, 550, NULL,
	      "Invalid recipient: <b@example.org>", "b@example.org", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL, "1763632810.000100", 1, 1763632810,
	      "3f2a1b4c5d6e7f81", NULL, NULL } } },
	{ "exchange", 0, 0,
	  { "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context",
	    "2026-11-20T10:00:11.000Z,MX1\\Default MX1,08DC0A1B2C3D4E5F,7,192.0.2.25:25,192.0.2.41:50123,<,RCPT TO:<b@example.org>,",
	    "2026-11-20T10:00:11.001Z,MX1\\Default MX1,08DC0A1B2C3D4E5F,8,192.0.2.25:25,192.0.2.41:50123,>,550 5.1.1 User unknown," },
	  { { 2, SMTPCODE_LOG_EXCHANGE, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, "2026-11-20T10:00:11.001Z", 1, 1795168811,
	      "08DC0A1B2C3D4E5F", NULL, "192.0.2.41" } } },
	{ "qmail", 0, 0,
	  { "2026-11-20 10:00:12.000000500 delivery 112: failure: 192.0.2.25_does_not_like_recipient./Remote_host_said:_550_5.1.1_User_unknown/Giving_up_on_192.0.2.25./" },
	  { { 0, SMTPCODE_LOG_QMAIL, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "2026-11-20 10:00:12.000000500", 1, 1795168812, NULL, NULL, NULL } } },
	{ "qmail-bounce", 0, 0,
	  { "192.0.2.25 does not like recipient.", "Remote host said: 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_QMAIL_BOUNCE, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "gmail-bounce", 0, 0,
	  { "The error that the other server returned was:",
	    "550-5.1.1 The email account that you tried to reach does not exist.",
	    "550 5.1.1 Please try double-checking the address." },
	  { { 2, SMTPCODE_LOG_GMAIL_BOUNCE, NULL, NULL, 550, "5.1.1",
	      "Please try double-checking the address.", NULL, NULL, 0, 0, 0, 2, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "exchange-ndr", 0, 0,
	  { "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'" },
	  /* (the closing quote stays in the text) */
	  { { 0, SMTPCODE_LOG_EXCHANGE_NDR, NULL, NULL, 550, "5.1.10",
	      "RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "communigate-bounce", 0, 0,
	  { "SMTP module(domain example.org) reports:", " host mx.example.org:25 says:",
	    " 550 5.1.1 <b@example.org>: Recipient address rejected" },
	  /* (the host from the fold's head: "host H:25 says:", its port
	   * left out) */
	  { { 2, SMTPCODE_LOG_COMMUNIGATE_BOUNCE, NULL, NULL, 550, "5.1.1",
	      "<b@example.org>: Recipient address rejected", NULL, "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "communigate-bounce: the reply on the host's line (KumoMTA's Diagnostic-Code), the host its port left out", 0, 0,
	  { "Diagnostic-Code: smtp;host mx.example.org:25 says: 550 5.4.1 Recipient address rejected: Access denied" },
	  { { 0, SMTPCODE_LOG_COMMUNIGATE_BOUNCE, NULL, NULL, 550, "5.4.1",
	      "Recipient address rejected: Access denied", NULL, "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "ionos-bounce", 0, 0,
	  { "SMTP error from remote server for RCPT TO command, host: mx.example.org (192.0.2.25) reason: 550 5.1.1 <b@example.org>: User unknown" },
	  /* (the host from ", host: H (IP)") */
	  { { 0, SMTPCODE_LOG_IONOS_BOUNCE, "RCPT", NULL, 550, "5.1.1", "<b@example.org>: User unknown",
	      NULL, "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "bounce-text (bare replies on)", 0, 1,
	  { "From: MAILER-DAEMON@mx.example.net", "Subject: Mail delivery failed", "",
	    "550 Requested action not taken: mailbox unavailable" },
	  { { 3, SMTPCODE_LOG_BOUNCE_TEXT, NULL, NULL, 550, NULL,
	      "Requested action not taken: mailbox unavailable", NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "bounce-text with bare replies off: none", 0, 0,
	  { "From: MAILER-DAEMON@mx.example.net", "Subject: Mail delivery failed", "",
	    "550 Requested action not taken: mailbox unavailable" },
	  { { 0 } } },
	{ "exchange-ndr in a message: \"#550 ... ##\" under the recipient", 0, 1,
	  { "b@example.org", "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##" },
	  { { 1, SMTPCODE_LOG_EXCHANGE_NDR, NULL, NULL, 550, "5.1.1", "RESOLVER.ADR.RecipNotFound; not found",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "exchange-ndr in a message: a host, then a multi-line reply to \"##\"", 0, 1,
	  { "b@example.org", "mx.example.org #550-5.1.1 The account does not exist.",
	    "550 5.1.1 Please check the address. ##", "" },
	  { { 2, SMTPCODE_LOG_EXCHANGE_NDR, NULL, NULL, 550, "5.1.1", "Please check the address.",
	      NULL, "mx.example.org", 1, 0, 0, 2, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "exchange-ndr's \"#550 ... ##\" in a log: none", 0, 0,
	  { "b@example.org", "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##" },
	  { { 0 } } },
	{ "recipient-bounce: \"ADDRESS: REPLY\", the address its recipient", 0, 1,
	  { "b@example.org: 550 5.1.1 <b@example.org>: Recipient address rejected",
	    "<c@example.org>: 452 RCPT TO:<c@example.org> Mailbox full", "d@example.org: Envelope expired" },
	  { { 0, SMTPCODE_LOG_RECIPIENT_BOUNCE, NULL, NULL, 550, "5.1.1", "<b@example.org>: Recipient address rejected",
	      "b@example.org", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL },
	    { 1, SMTPCODE_LOG_RECIPIENT_BOUNCE, "RCPT", NULL, 452, NULL, "RCPT TO:<c@example.org> Mailbox full",
	      "c@example.org", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "qmail-bounce: Yahoo's \"[RCPT_TO]\" names the command (echo at the text's end; in its middle, none)", 0, 0,
	  { "Remote host said: 550 5.1.1 <b@example.org>... User Unknown [RCPT_TO]",
	    "Remote host said: 550 5.7.1 Blocked [RCPT_TO] by policy" },
	  { { 0, SMTPCODE_LOG_QMAIL_BOUNCE, "RCPT", NULL, 550, "5.1.1", "<b@example.org>... User Unknown [RCPT_TO]",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL },
	    { 1, SMTPCODE_LOG_QMAIL_BOUNCE, NULL, NULL, 550, "5.7.1", "Blocked [RCPT_TO] by policy",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "bounce-text: a bare reply whose text begins with its command", 0, 1,
	  { "", "552 rcpt to:<d@example.org> Mailbox disk quota exceeded", "", "550 Mail from example.net refused" },
	  { { 1, SMTPCODE_LOG_BOUNCE_TEXT, "RCPT", NULL, 552, NULL, "rcpt to:<d@example.org> Mailbox disk quota exceeded",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL },
	    { 3, SMTPCODE_LOG_BOUNCE_TEXT, NULL, NULL, 550, NULL, "Mail from example.net refused",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "sendmail: every error of its own after \"Transcript of session follows\"", 0, 0,
	  { "   ----- Transcript of session follows -----", "550 5.1.1 <b@example.org>... User unknown",
	    "550 5.1.2 <c@nowhere.example>... Host unknown", "... while talking to mx.example.org.:" },
	  { { 1, SMTPCODE_LOG_SENDMAIL, NULL, NULL, 550, "5.1.1", "<b@example.org>... User unknown",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL },
	    { 2, SMTPCODE_LOG_SENDMAIL, NULL, NULL, 550, "5.1.2", "<c@nowhere.example>... Host unknown",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "imail-bounce: the words for the command, the reply on the lines after", 0, 1,
	  { "Additional RCPT TO generated following response:", "550-5.1.1 <b@example.org>... User unknown",
	    "550 5.1.1 Check the address", "DATA command generated response:", "no reply here" },
	  { { 2, SMTPCODE_LOG_IMAIL_BOUNCE, "RCPT", NULL, 550, "5.1.1", "Check the address",
	      NULL, NULL, 0, 0, 0, 2, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "exchange: records without the #Fields: header, the first line one", 1, 0,
	  { "2026-11-20T10:01:00.035Z,MX01\\Internet Send,08DE0000000000A1,7,192.0.2.10:49001,203.0.113.5:25,>,RCPT TO:<c@example.com>,",
	    "2026-11-20T10:01:00.040Z,MX01\\Internet Send,08DE0000000000A1,8,192.0.2.10:49001,203.0.113.5:25,<,452 4.2.2 Mailbox full," },
	  { { 1, SMTPCODE_LOG_EXCHANGE, "RCPT", NULL, 452, "4.2.2", "Mailbox full",
	      "c@example.com", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "no CSV records after a first line of another shape", 1, 0,
	  { "Nov 20 10:00:00 mx kernel: up",
	    "2026-11-20T10:01:00.040Z,MX01\\Internet Send,08DE0000000000A1,8,192.0.2.10:49001,203.0.113.5:25,<,452 4.2.2 Mailbox full," },
	  { { 0 } } },
	{ "dsn: a Diagnostic-Code folded over two lines", 0, 0,
	  { "Diagnostic-Code: smtp; 550 5.1.1 <b@example.org>: User unknown (in reply to",
	    "    RCPT TO command)" },
	  { { 1, SMTPCODE_LOG_DSN, "RCPT", NULL, 550, "5.1.1", "<b@example.org>: User unknown", NULL, NULL,
	      1, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "dsn: the group's recipient and remote host", 0, 0,
	  { "Final-Recipient: rfc822; b@example.org", "Remote-MTA: dns; mx.example.org",
	    "Diagnostic-Code: smtp; 550 5.1.1 User unknown (in reply to RCPT TO command)" },
	  { { 2, SMTPCODE_LOG_DSN, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org",
	      "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "dsn: a recipient in angle brackets, a remote host with a port (KumoMTA's)", 0, 0,
	  { "Final-Recipient: rfc822;<b@example.org>", "Remote-MTA: dns; mx.example.org:25",
	    "Diagnostic-Code: smtp; 550 5.1.1 User unknown (in reply to RCPT TO command)" },
	  { { 2, SMTPCODE_LOG_DSN, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org",
	      "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "dsn: a remote host that is an address literal (RFC 5321 4.1.3), IPv4", 0, 0,
	  { "Final-Recipient: rfc822; b@example.org", "Remote-MTA: dns; [192.0.2.25]",
	    "Diagnostic-Code: smtp; 550 5.1.1 User unknown" },
	  { { FINISH, SMTPCODE_LOG_DSN, NULL, NULL, 550, "5.1.1", "User unknown", "b@example.org",
	      "192.0.2.25", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "dsn: a remote host that is an IPv6 address literal, then one bare (its colons kept)", 0, 0,
	  { "Final-Recipient: rfc822; c@example.org", "Remote-MTA: dns; [IPv6:2001:db8::25]",
	    "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full", "",
	    "Final-Recipient: rfc822; d@example.org", "Remote-MTA: dns; 2001:db8::26",
	    "Diagnostic-Code: smtp; 451 4.3.0 Try again" },
	  { { 3, SMTPCODE_LOG_DSN, NULL, NULL, 552, "5.2.2", "Mailbox full", "c@example.org",
	      "2001:db8::25", 1, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL },
	    { FINISH, SMTPCODE_LOG_DSN, NULL, NULL, 451, "4.3.0", "Try again", "d@example.org",
	      "2001:db8::26", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "sendrecv-bounce", 0, 0,
	  { "<b@example.org>", "   send: RCPT TO:<b@example.org>", "   recv: 550 User unknown" },
	  { { 2, SMTPCODE_LOG_SENDRECV_BOUNCE, "RCPT", NULL, 550, NULL, "User unknown", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "dialogue", 0, 0,
	  { "C: RCPT TO:<b@example.org>", "S: 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_DIALOGUE, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "dialogue: a multi-line reply", 0, 0,
	  { "C: EHLO client.example.net", "S: 250-mx.example.org", "S: 250-PIPELINING",
	    "S: 250 SIZE 10240000" },
	  { { 3, SMTPCODE_LOG_DIALOGUE, "EHLO", NULL, 250, NULL, "SIZE 10240000", NULL, NULL,
	      0, 0, 0, 3, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
	/* The transaction's sender (RFC 5321 §3.3): the MAIL's address, on the
	 * reply to it and, once a 250 accepted it, on the replies to RCPT,
	 * DATA and the data, until RSET (§4.1.1.5) ends the transaction. */
	{ "dialogue: the transaction's sender", 0, 0,
	  { "C: MAIL FROM:<a@example.net> SIZE=1000", "S: 250 OK", "C: RCPT TO:<b@example.org>",
	    "S: 550 5.1.1 User unknown", "C: RSET", "S: 250 OK" },
	  { { 1, SMTPCODE_LOG_DIALOGUE, "MAIL", NULL, 250, NULL, "OK", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, "a@example.net", NULL },
	    { 3, SMTPCODE_LOG_DIALOGUE, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, "a@example.net", NULL },
	    { 5, SMTPCODE_LOG_DIALOGUE, "RSET", NULL, 250, NULL, "OK", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "dialogue: the null sender, an empty string", 0, 0,
	  { "C: MAIL FROM:<>", "S: 250 OK", "C: DATA", "S: 554 5.5.1 No valid recipients" },
	  { { 1, SMTPCODE_LOG_DIALOGUE, "MAIL", NULL, 250, NULL, "OK", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, "", NULL },
	    { 3, SMTPCODE_LOG_DIALOGUE, "DATA", NULL, 554, "5.5.1", "No valid recipients", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, "", NULL } } },
	/* a refused MAIL names its sender, but starts no transaction: the
	 * RCPT after it has none */
	{ "dialogue: a refused sender", 0, 0,
	  { "C: MAIL FROM:<a@example.net>", "S: 550 5.7.1 Sender rejected",
	    "C: RCPT TO:<b@example.org>", "S: 503 5.5.1 Need MAIL command" },
	  { { 1, SMTPCODE_LOG_DIALOGUE, "MAIL", NULL, 550, "5.7.1", "Sender rejected", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, "a@example.net", NULL },
	    { 3, SMTPCODE_LOG_DIALOGUE, "RCPT", NULL, 503, "5.5.1", "Need MAIL command", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
	/* two replies from one line (a multi-line reply cut off by the next
	 * reply): each keeps its own command's recipient */
	{ "dialogue: a reply cut off keeps its recipient", 0, 0,
	  { "C: RCPT TO:<a@example.org>", "C: RCPT TO:<b@example.org>", "S: 550-5.1.1 no such user",
	    "S: 250 2.1.5 OK" },
	  { { 3, SMTPCODE_LOG_DIALOGUE, "RCPT", NULL, 550, NULL, "", "a@example.org", NULL,
	      1, 0, SMTPCODE_REPLY_UNTERMINATED, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL },
	    { 3, SMTPCODE_LOG_DIALOGUE, "RCPT", NULL, 250, "2.1.5", "OK", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "swaks", 0, 0,
	  { "-> RCPT TO:<b@example.org>", "<** 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_SWAKS, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "msmtp", 0, 0,
	  { "--> RCPT TO:<b@example.org>", "<-- 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_MSMTP, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "python-smtplib", 0, 0,
	  { "send: 'rcpt TO:<b@example.org>\\r\\n'", "reply: b'550 5.1.1 User unknown\\r\\n'" },
	  { { 1, SMTPCODE_LOG_PYTHON_SMTPLIB, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "phpmailer", 0, 0,
	  { "2026-11-20 10:00:19 CLIENT -> SERVER: RCPT TO:<b@example.org>",
	    "2026-11-20 10:00:19 SERVER -> CLIENT: 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_PHPMAILER, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "2026-11-20 10:00:19", 1, 1795168819, NULL, NULL, NULL } } },
	{ "go-mail", 0, 0,
	  { "2026/11/20 10:00:20 [DEBUG] C --> S: RCPT TO:<b@example.org>",
	    "2026/11/20 10:00:20 [DEBUG] C <-- S: 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_GO_MAIL, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "2026/11/20 10:00:20", 1, 1795168820, NULL, NULL, NULL } } },
	{ "javamail", 0, 0,
	  { "DEBUG SMTP: trying to connect to host \"mx.example.org\", port 25, isSSL false",
	    "RCPT TO:<b@example.org>", "550 5.1.1 User unknown" },
	  { { 2, SMTPCODE_LOG_JAVAMAIL, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "haraka", 0, 0,
	  { "[PROTOCOL] [3F2A7C10-5B1E-4D8A-9C47-0E6B2D91A5F3.1] [core] C: RCPT TO:<b@example.org> state=1",
	    "[PROTOCOL] [3F2A7C10-5B1E-4D8A-9C47-0E6B2D91A5F3.1] [core] S: 550 5.1.1 <b@example.org> No such user here" },
	  { { 1, SMTPCODE_LOG_HARAKA, "RCPT", NULL, 550, "5.1.1", "<b@example.org> No such user here",
	      "b@example.org", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL, NULL, 0, 0,
	      "3F2A7C10-5B1E-4D8A-9C47-0E6B2D91A5F3.1", NULL, NULL } } },
	{ "opensmtpd-trace: -T mta, the command OpenSMTPD sent (>>>), the remote's reply (<<<)", 1, 0,
	  { "mta: 0x7f3a1c031000: >>> RCPT TO:<b@example.org>",
	    "mta: 0x7f3a1c031000: <<< 550 5.1.1 <b@example.org>: Recipient address rejected" },
	  { { 1, SMTPCODE_LOG_OPENSMTPD_TRACE, "RCPT", NULL, 550, "5.1.1",
	      "<b@example.org>: Recipient address rejected", "b@example.org", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "hmailserver-bounce: the command hMailServer sent, then the remote's reply", 1, 0,
	  { "   Remote server (192.0.2.25) issued an error.",
	    "   hMailServer sent: RCPT TO:<b@example.org>",
	    "   Remote server replied: 550 5.1.1 <b@example.org>: Recipient address rejected" },
	  { { 2, SMTPCODE_LOG_HMAILSERVER_BOUNCE, "RCPT", NULL, 550, "5.1.1",
	      "<b@example.org>: Recipient address rejected", "b@example.org", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "diagnostic-bounce: the command from the reply's own text", 1, 0,
	  { "    Remote MTA mx.example.org: SMTP diagnostic: 552 RCPT TO:<b@example.org> Mailbox disk quota exceeded" },
	  { { 0, SMTPCODE_LOG_DIAGNOSTIC_BOUNCE, "RCPT", NULL, 552, NULL,
	      "RCPT TO:<b@example.org> Mailbox disk quota exceeded", NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "maddy: the reply in a JSON object's members, the command before \" error\"", 0, 0,
	  { "2026-11-20T10:00:03.000Z smtp: RCPT error\t{\"msg_id\":\"5b20e7a1\",\"rcpt\":\"carol@example.net\",\"reason\":\"no matching destination\",\"smtp_code\":550,\"smtp_enchcode\":\"5.1.1\",\"smtp_msg\":\"User does not exist\"}",
	    "2026-11-20T10:00:07.000Z queue: delivery attempt failed\t{\"msg_id\":\"d69f4329\",\"rcpt\":\"frank@example.net\",\"remote_server\":\"mx.example.net\",\"smtp_code\":451,\"smtp_enchcode\":\"0.0.0\",\"smtp_msg\":\"mx.example.net said: try \\\"later\\\"\"}" },
	  { { 0, SMTPCODE_LOG_MADDY, "RCPT", NULL, 550, "5.1.1", "User does not exist",
	      "carol@example.net", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, "2026-11-20T10:00:03.000Z", 1, 1795168803,
	      "5b20e7a1", NULL, NULL },
	    { 1, SMTPCODE_LOG_MADDY, NULL, NULL, 451, NULL, "mx.example.net said: try \"later\"",
	      "frank@example.net", "mx.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN, "2026-11-20T10:00:07.000Z", 1, 1795168807,
	      "d69f4329", NULL, NULL } } },
	{ "journald's JSON export: the MESSAGE of a postfix-smtpd line", 0, 0,
	  { "{\"__REALTIME_TIMESTAMP\":\"1763632802000000\",\"MESSAGE\":\"NOQUEUE: reject: RCPT from client.example.net[192.0.2.41]: 554 5.7.1 <b@example.org>: Relay access denied; from=<a@example.net> to=<b@example.org> proto=ESMTP\"}" },
	  { { 0, SMTPCODE_LOG_POSTFIX_SMTPD, "RCPT", NULL, 554, "5.7.1",
	      "<b@example.org>: Relay access denied", "b@example.org", "client.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL, "1763632802000000", 1, 1763632802,
	      /* NOQUEUE, and the MESSAGE holds no syslog tag: no id */
	      NULL, "a@example.net", "192.0.2.41" } } },

	/* The protocol's edges. */
	{ "a folded reply that a line with its own reply ends: two events from one feed", 0, 0,
	  { "Final-Recipient: rfc822; b@example.org",
	    "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
	    "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<c@example.org>, relay=mx.example.org[192.0.2.25]:25, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 <c@example.org>: User unknown (in reply to RCPT TO command))" },
	  /* (no blank line ended the group: its recipient is the Postfix
	   * reply's too) */
	  { { 2, SMTPCODE_LOG_DSN, NULL, NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      1, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL },
	    { 2, SMTPCODE_LOG_POSTFIX, "RCPT", NULL, 550, "5.1.1", "<c@example.org>: User unknown",
	      "b@example.org", "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "Nov 20 10:00:01", 1, 1795168801,
	      "4F2A1", NULL, "192.0.2.25" } } },
	{ "a fold ended by the next fold: the first's text kept while the line starts the second", 0, 0,
	  { "Final-Recipient: rfc822; b@example.org", "Remote-MTA: dns; mx.example.org",
	    "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
	    "Diagnostic-Code: smtp; 451 4.2.0 Try again later" },
	  { { 3, SMTPCODE_LOG_DSN, NULL, NULL, 550, "5.1.1", "User unknown", "b@example.org",
	      "mx.example.org", 1, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL },
	    { FINISH, SMTPCODE_LOG_DSN, NULL, NULL, 451, "4.2.0", "Try again later", "b@example.org",
	      "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "a fold ended by the next group's recipient: the first's recipient kept", 0, 0,
	  { "Final-Recipient: rfc822; b@example.org", "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
	    "Final-Recipient: rfc822; c@example.org", "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full" },
	  { { 2, SMTPCODE_LOG_DSN, NULL, NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      1, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL },
	    { FINISH, SMTPCODE_LOG_DSN, NULL, NULL, 552, "5.2.2", "Mailbox full", "c@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "two sessions unfinished at the end: two events after the finish", 0, 0,
	  { "Nov 20 10:00:04 mx postfix/smtpd[304]: < client.example.net[192.0.2.41]: RCPT TO:<b@example.org>",
	    "Nov 20 10:00:04 mx postfix/smtpd[305]: < other.example.net[192.0.2.42]: DATA",
	    "Nov 20 10:00:04 mx postfix/smtpd[304]: > client.example.net[192.0.2.41]: 550-5.1.1 no such user",
	    "Nov 20 10:00:04 mx postfix/smtpd[305]: > other.example.net[192.0.2.42]: 554-5.5.1 no valid recipients" },
	  /* cut short: the last line's text is not given; each at its last
	   * line (the 550's one before the input's last) */
	  { { FINISH, SMTPCODE_LOG_POSTFIX_DEBUG, "RCPT", NULL, 550, NULL, "", NULL, NULL, 1, 0,
	      SMTPCODE_REPLY_UNTERMINATED, 1, SMTPCODE_ORIGIN_LOCAL, NULL, 0, 0, NULL, NULL, NULL },
	    { FINISH, SMTPCODE_LOG_POSTFIX_DEBUG, "DATA", NULL, 554, NULL, "", NULL, NULL, 0, 0,
	      SMTPCODE_REPLY_UNTERMINATED, 1, SMTPCODE_ORIGIN_LOCAL, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "a transcript's reply cut short, other lines after it: at its last line", 0, 0,
	  { "2022-01-21 10:55:57 CLIENT -> SERVER: EHLO client.example.net",
	    "2022-01-21 10:55:57 SERVER -> CLIENT: 250-mx.example.org Hello [192.0.2.41]250-SIZE 52428800250-8BITMIME",
	    "send: 'mail FROM:<a@example.net>\\r\\n'", "reply: b'250 OK\\r\\n'", "a line of nothing" },
	  { { 3, SMTPCODE_LOG_PYTHON_SMTPLIB, "MAIL", NULL, 250, NULL, "OK", NULL, NULL, 0, 0, 0, 1,
	      SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, "a@example.net", NULL },
	    { FINISH, SMTPCODE_LOG_PHPMAILER, "EHLO", NULL, 250, NULL, "", NULL, NULL, 3, 0,
	      SMTPCODE_REPLY_UNTERMINATED, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	{ "ses: a notification of three recipients, two with a reply", 0, 0,
	  { "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\",\"bouncedRecipients\":[{\"emailAddress\":\"b@example.org\",\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 <b@example.org>: Recipient address rejected: User unknown\"},{\"emailAddress\":\"c@example.org\",\"action\":\"failed\",\"status\":\"5.1.1\"},{\"emailAddress\":\"d@example.org\",\"action\":\"failed\",\"status\":\"5.2.2\",\"diagnosticCode\":\"SMTP;552 5.2.2 Mailbox full\"}],\"timestamp\":\"2026-11-20T10:00:00.000Z\",\"feedbackId\":\"0100-f\",\"remoteMtaIp\":\"192.0.2.25\",\"reportingMTA\":\"dsn; a1-2.smtp-out.amazonses.com\"},\"mail\":{\"timestamp\":\"2026-11-20T09:59:58.000Z\",\"source\":\"a@example.net\",\"messageId\":\"0100-m1\",\"destination\":[\"b@example.org\",\"c@example.org\",\"d@example.org\"]}}" },
	  { { 0, SMTPCODE_LOG_SES, NULL, NULL, 550, "5.1.1", "<b@example.org>: Recipient address rejected: User unknown",
	      "b@example.org", "192.0.2.25", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "2026-11-20T10:00:00.000Z", 1, 1795168800,
	      "0100-m1", "a@example.net", "192.0.2.25" },
	    { 0, SMTPCODE_LOG_SES, NULL, NULL, 552, "5.2.2", "Mailbox full",
	      "d@example.org", "192.0.2.25", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "2026-11-20T10:00:00.000Z", 1, 1795168800,
	      "0100-m1", "a@example.net", "192.0.2.25" } } },
	{ "ses, the details not asked: the recipient and host only", 1, 0,
	  { "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\",\"bouncedRecipients\":[{\"emailAddress\":\"b@example.org\",\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 <b@example.org>: Recipient address rejected: User unknown\"},{\"emailAddress\":\"c@example.org\",\"action\":\"failed\",\"status\":\"5.1.1\"},{\"emailAddress\":\"d@example.org\",\"action\":\"failed\",\"status\":\"5.2.2\",\"diagnosticCode\":\"SMTP;552 5.2.2 Mailbox full\"}],\"timestamp\":\"2026-11-20T10:00:00.000Z\",\"feedbackId\":\"0100-f\",\"remoteMtaIp\":\"192.0.2.25\",\"reportingMTA\":\"dsn; a1-2.smtp-out.amazonses.com\"},\"mail\":{\"timestamp\":\"2026-11-20T09:59:58.000Z\",\"source\":\"a@example.net\",\"messageId\":\"0100-m1\",\"destination\":[\"b@example.org\",\"c@example.org\",\"d@example.org\"]}}" },
	  { { 0, SMTPCODE_LOG_SES, NULL, NULL, 550, "5.1.1", "<b@example.org>: Recipient address rejected: User unknown",
	      "b@example.org", "192.0.2.25", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL },
	    { 0, SMTPCODE_LOG_SES, NULL, NULL, 552, "5.2.2", "Mailbox full",
	      "d@example.org", "192.0.2.25", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, NULL, 0, 0, NULL, NULL, NULL } } },
	/* SNS's notification, its Message the object as a string (blanks
	 * between the tokens); the reply's text escaped in it twice; a
	 * flattened multi-line reply; the null sender */
	{ "ses: a delivery notification, the accepting server's reply", 0, 0,
	  { "{\"notificationType\":\"Delivery\",\"delivery\":{\"timestamp\":\"2026-11-20T10:00:07.000Z\",\"recipients\":[\"b@example.org\"],\"smtpResponse\":\"250 2.0.0 OK 1795168807 x1si gsmtp\",\"remoteMtaIp\":\"192.0.2.25\"},\"mail\":{\"source\":\"a@example.net\",\"messageId\":\"0100-m3\"}}" },
	  { { 0, SMTPCODE_LOG_SES, NULL, NULL, 250, "2.0.0", "OK 1795168807 x1si gsmtp",
	      "b@example.org", "192.0.2.25", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "2026-11-20T10:00:07.000Z", 1, 1795168807,
	      "0100-m3", "a@example.net", "192.0.2.25" } } },
	{ "ses: an address over 255 and an id with a blank, as any line's: neither", 0, 0,
	  { "{\"notificationType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":[{\"emailAddress\":\"b@example.org\",\"diagnosticCode\":\"smtp; 550 5.1.1 x\"}],\"timestamp\":\"2026-11-20T10:00:05Z\",\"remoteMtaIp\":\"192.0.2.300\"},\"mail\":{\"source\":\"a@example.net\",\"messageId\":\"0100 m4\"}}" },
	  { { 0, SMTPCODE_LOG_SES, NULL, NULL, 550, "5.1.1", "x", "b@example.org", NULL, 0, 0, 0, 1,
	      SMTPCODE_ORIGIN_REMOTE, "2026-11-20T10:00:05Z", 1, 1795168805, NULL, "a@example.net", NULL } } },
	{ "ses, carried by SNS", 0, 0,
	  { "{\"Type\" : \"Notification\", \"MessageId\" : \"x\", \"Message\" : \"{\\\"eventType\\\": \\\"Bounce\\\", \\\"bounce\\\": {\\\"bouncedRecipients\\\": [{\\\"emailAddress\\\": \\\"b@example.org\\\", \\\"diagnosticCode\\\": \\\"smtp; 550-5.1.1 The email account that you tried to reach does not exist. 550 5.1.1 caf\\\\u00e9 \\\\\\\"b\\\\\\\" x1si gsmtp\\\"}], \\\"timestamp\\\": \\\"2026-11-20T10:00:05Z\\\"}, \\\"mail\\\": {\\\"source\\\": \\\"\\\", \\\"messageId\\\": \\\"0100-m2\\\"}}\", \"Timestamp\" : \"2026-11-20T10:00:06.000Z\"}" },
	  { { 0, SMTPCODE_LOG_SES, NULL, NULL, 550, "5.1.1", "caf\xc3\xa9 \"b\" x1si gsmtp",
	      "b@example.org", NULL, 0, 0, 0, 2, SMTPCODE_ORIGIN_REMOTE, "2026-11-20T10:00:05Z", 1, 1795168805,
	      "0100-m2", "", NULL } } },
	/* a complaint; an object the line cuts; SES's own words (no code)
	 * and a remote address that is none; an object nested past the
	 * reader's depth: no reply; then a line of another format */
	{ "ses: no reply where the notification gives none", 0, 0,
	  { "{\"notificationType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"b@example.org\"}]},\"mail\":{\"source\":\"a@example.net\"}}", "{\"notificationType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":[{\"emailAddress\":\"b@example.org\",\"diagnosticCode\":\"smtp; 550 5.1.1 x\"}", "{\"notificationType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":[{\"emailAddress\":\"b@example.org\",\"diagnosticCode\":\"Amazon SES did not send the message to this address because it is on the suppression list for your account.\"}],\"remoteMtaIp\":\"not an address\"}}", "{\"notificationType\":\"Bounce\",\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],\"bounce\":{\"bouncedRecipients\":[{\"emailAddress\":\"b@example.org\",\"diagnosticCode\":\"smtp; 550 5.1.1 x\"}]}}",
	    "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<b@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=1.2, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 <b@example.org>: User unknown (in reply to RCPT TO command))" },
	  { { 4, SMTPCODE_LOG_POSTFIX, "RCPT", NULL, 550, "5.1.1", "<b@example.org>: User unknown",
	      "b@example.org", "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE, "Nov 20 10:00:01", 1, 1795168801,
	      "4F2A1", NULL, "192.0.2.25" } } },
	{ "a bare reply cut short by the end", 0, 1,
	  { "", "550-5.1.1 The account does not exist" },
	  { { FINISH, SMTPCODE_LOG_BOUNCE_TEXT, NULL, NULL, 550, NULL, "", NULL, NULL, 0, 0,
	      SMTPCODE_REPLY_UNTERMINATED, 1, SMTPCODE_ORIGIN_UNKNOWN, NULL, 0, 0, NULL, NULL, NULL } } },
};

/* Appends to why[] what of ev differs from w. */
static void compare(const struct smtpcode_log_event *ev, const struct want *w, char *why, size_t size)
{
	const struct smtpcode_reply_state *r = &ev->reply;
	char ec[32] = "";
	size_t n = 0;

#define DIFF(...) (n += (size_t)snprintf(why + n, n < size ? size - n : 0, __VA_ARGS__), \
                   n = n < size ? n : size - 1)
	if (ev->format != w->format)
		DIFF(" format %s (want %s)", smtpcode_log_format_name(ev->format),
		     smtpcode_log_format_name(w->format));
	if ((ev->command == NULL) != (w->command == NULL) ||
	    (w->command && strcmp(ev->command->name, w->command) != 0))
		DIFF(" command %s (want %s)", ev->command ? ev->command->name : "none",
		     w->command ? w->command : "none");
	if ((ev->command_text == NULL) != (w->command_text == NULL) ||
	    (w->command_text && (ev->command_text_len != strlen(w->command_text) ||
	                         memcmp(ev->command_text, w->command_text, ev->command_text_len) != 0)))
		DIFF(" command_text %.*s (want %s)", (int)ev->command_text_len,
		     ev->command_text ? ev->command_text : "none", w->command_text ? w->command_text : "none");
	if (r->code != w->code || r->first_code != w->code)
		DIFF(" code %d, first %d (want %d)", r->code, r->first_code, w->code);
	if (r->has_ecode)
		snprintf(ec, sizeof ec, "%d.%d.%d", r->ecode.cls, r->ecode.subject, r->ecode.detail);
	if (r->has_ecode != (w->ecode != NULL) || (w->ecode && strcmp(ec, w->ecode) != 0))
		DIFF(" enhanced %s (want %s)", r->has_ecode ? ec : "none", w->ecode ? w->ecode : "none");
	if (r->text == NULL || r->text_len != strlen(w->text) || memcmp(r->text, w->text, r->text_len) != 0)
		DIFF(" text \"%.*s\" (want \"%s\")", (int)r->text_len, r->text ? r->text : "(NULL)", w->text);
	if ((ev->recipient == NULL) != (w->recipient == NULL) ||
	    (w->recipient && (ev->recipient_len != strlen(w->recipient) ||
	                      memcmp(ev->recipient, w->recipient, ev->recipient_len) != 0)))
		DIFF(" recipient %.*s (want %s)", (int)ev->recipient_len,
		     ev->recipient ? ev->recipient : "none", w->recipient ? w->recipient : "none");
	if ((ev->remote_host == NULL) != (w->remote_host == NULL) ||
	    (w->remote_host && (ev->remote_host_len != strlen(w->remote_host) ||
	                        memcmp(ev->remote_host, w->remote_host, ev->remote_host_len) != 0)))
		DIFF(" remote_host %.*s (want %s)", (int)ev->remote_host_len,
		     ev->remote_host ? ev->remote_host : "none", w->remote_host ? w->remote_host : "none");
	if (ev->lines_before != w->lines_before)
		DIFF(" lines_before %zu (want %zu)", ev->lines_before, w->lines_before);
	if (ev->pipelined != w->pipelined)
		DIFF(" pipelined %d (want %d)", ev->pipelined, w->pipelined);
	if (r->flags != w->flags)
		DIFF(" flags %u (want %u)", r->flags, w->flags);
	if (r->lines != w->lines)
		DIFF(" lines %zu (want %zu)", r->lines, w->lines);
	if (ev->origin != w->origin)
		DIFF(" origin %d (want %d)", (int)ev->origin, (int)w->origin);
	if ((ev->time == NULL) != (w->time == NULL) ||
	    (w->time && (ev->time_len != strlen(w->time) || memcmp(ev->time, w->time, ev->time_len) != 0)))
		DIFF(" time \"%.*s\" (want \"%s\")", (int)ev->time_len, ev->time ? ev->time : "none",
		     w->time ? w->time : "none");
	if (ev->has_epoch != w->has_epoch || ev->epoch != w->epoch)
		DIFF(" epoch %d %lld (want %d %lld)", ev->has_epoch, ev->epoch, w->has_epoch, w->epoch);
#define SAME(f, wf) ((ev->f == NULL) == (w->wf == NULL) && \
                     (w->wf == NULL || (ev->f##_len == strlen(w->wf) && \
                                        memcmp(ev->f, w->wf, ev->f##_len) == 0)))
	if (!SAME(queue_id, queue_id))
		DIFF(" queue_id \"%.*s\" (want \"%s\")", (int)ev->queue_id_len,
		     ev->queue_id ? ev->queue_id : "none", w->queue_id ? w->queue_id : "none");
	if (!SAME(sender, sender))
		DIFF(" sender \"%.*s\" (want \"%s\")", (int)ev->sender_len,
		     ev->sender ? ev->sender : "none", w->sender ? w->sender : "none");
	if (!SAME(remote_addr, remote_addr))
		DIFF(" remote_addr \"%.*s\" (want \"%s\")", (int)ev->remote_addr_len,
		     ev->remote_addr ? ev->remote_addr : "none", w->remote_addr ? w->remote_addr : "none");
#undef SAME
	if (r->open != ((w->flags & SMTPCODE_REPLY_UNTERMINATED) != 0))
		DIFF(" open %d (a reply cut short stays open, no other)", r->open);
#undef DIFF
}

/* A time stamp before a Postfix smtpd line, with the year given: the time
 * and the epoch (worked out by hand: 2026-11-20T10:00:00Z is 1795168800,
 * 20454 days to 2026 and 323 in it) that the reply gets. */
struct time_case { /* NOLINT(clang-analyzer-optin.performance.Padding): the table's order */
	const char *stamp;
	int year;
	const char *time;        /* NULL: none */
	int has_epoch;
	long long epoch;
	long long latest;        /* smtpcode_log_latest(); 0: none */
};

static const struct time_case time_cases[] = {
	{ "Nov 20 10:00:01", 2026, "Nov 20 10:00:01", 1, 1795168801, 0 },
	{ "Nov 20 10:00:01", 0, "Nov 20 10:00:01", 0, 0, 0 },        /* no year: no epoch */
	{ "Nov 20 10:00:01", 10000, "Nov 20 10:00:01", 0, 0, 0 },    /* no such year */
	{ "Nov  1 00:00:00", 2026, "Nov  1 00:00:00", 1, 1793491200, 0 },
	{ "Feb 29 12:00:00", 2024, "Feb 29 12:00:00", 1, 1709208000, 0 },
	{ "Feb 29 12:00:00", 2026, "Feb 29 12:00:00", 0, 0, 0 },     /* not in 2026 */
	{ "Dec 31 23:59:60", 2026, "Dec 31 23:59:60", 1, 1798761600, 0 }, /* a leap second */
	/* a log over a new year, last written 2027-01-02 10:00:00Z: a day
	 * after that is a year before; a day's grace; before it, the year */
	{ "Dec 30 18:19:15", 2027, "Dec 30 18:19:15", 1, 1798654755, 1798884000 },
	{ "Jan  2 09:00:00", 2027, "Jan  2 09:00:00", 1, 1798880400, 1798884000 },
	{ "Jan  3 12:00:00", 2027, "Jan  3 12:00:00", 1, 1798977600, 1798884000 },
	{ "Jan  4 12:00:00", 2027, "Jan  4 12:00:00", 1, 1767528000, 1798884000 },
	{ "Dec 30 18:19:15", 2026, "Dec 30 18:19:15", 1, 1798654755, 1798711200 },
	/* Feb 29 of 2028 after 2028-01-10: 2027 has none, so 2028 it stays */
	{ "Feb 29 12:00:00", 2028, "Feb 29 12:00:00", 1, 1835438400, 1831075200 },
	{ "<22>Nov 20 10:00:01", 2026, "Nov 20 10:00:01", 1, 1795168801, 0 },
	{ "2026-11-20T10:00:01Z", 0, "2026-11-20T10:00:01Z", 1, 1795168801, 0 },
	{ "2026-11-20T10:00:01.123+01:00", 0, "2026-11-20T10:00:01.123+01:00", 1, 1795165201, 0 },
	{ "2026-11-20T10:00:01-05:30", 0, "2026-11-20T10:00:01-05:30", 1, 1795188601, 0 },
	{ "<34>1 2026-11-20T10:00:01Z", 0, "2026-11-20T10:00:01Z", 1, 1795168801, 0 },
	{ "2026-11-20 10:00:01 +0100", 0, "2026-11-20 10:00:01 +0100", 1, 1795165201, 0 },
	{ "2026-11-20 10:00:01", 0, "2026-11-20 10:00:01", 1, 1795168801, 0 }, /* read as UTC */
	{ "2026/11/20 10:00:01", 0, "2026/11/20 10:00:01", 1, 1795168801, 0 },
	{ "1970-01-01T00:00:00Z", 0, "1970-01-01T00:00:00Z", 1, 0, 0 },
	{ "1783480246.355522913", 0, "1783480246.355522913", 1, 1783480246, 0 },
	/* not times: nothing, no guess */
	{ "Feb 30 10:00:01", 2026, NULL, 0, 0, 0 },
	{ "Nov 20 25:00:01", 2026, NULL, 0, 0, 0 },
	{ "Nov 20 10:60:01", 2026, NULL, 0, 0, 0 },
	{ "2026-02-30T10:00:01Z", 0, NULL, 0, 0, 0 },
	{ "2026-11-20T25:00:01Z", 0, NULL, 0, 0, 0 },
	{ "2026-13-20T10:00:01Z", 0, NULL, 0, 0, 0 },
	{ "2026-11-20T10:00:01+99:00", 0, NULL, 0, 0, 0 },
	{ "2026-11-20T10:00:01+01", 0, NULL, 0, 0, 0 },
	{ "0000-01-01T00:00:00Z", 0, NULL, 0, 0, 0 },
	{ "1234567890123456789012345678901234567890-11-20 10:00:01", 0, NULL, 0, 0, 0 },
	{ "12345678901234567890123.5", 0, NULL, 0, 0, 0 },
	{ "Xyz 20 10:00:01", 2026, NULL, 0, 0, 0 },
	{ "2026-11-20T10:00:01Zulu", 0, NULL, 0, 0, 0 },
	{ "\xff\xfe 20 10:00:01", 2026, NULL, 0, 0, 0 },
};

/* Feeds a time case's line and compares the reply's time. */
static void run_time_case(const struct time_case *c)
{
	static const char rest[] = " mx postfix/smtpd[302]: NOQUEUE: reject: RCPT from "
	                           "c.example.net[192.0.2.41]: 554 5.7.1 <b@example.org>: "
	                           "Relay access denied; from=<a@example.net>";
	struct smtpcode_log *lg = smtpcode_log_new();
	const struct smtpcode_log_event *ev;
	char line[512];
	int n = snprintf(line, sizeof line, "%s%s", c->stamp, rest);

	if (lg == NULL || n < 0 || (size_t)n >= sizeof line) {
		bail("time case %s", c->stamp);
		return; /* (bail does not return) */
	}
	smtpcode_log_year(lg, c->year);
	smtpcode_log_latest(lg, c->latest);
	smtpcode_log_feed(lg, line, (size_t)n);
	smtpcode_log_next(lg);
	ev = smtpcode_log_details(lg);
	int good = ev != NULL && ev->reply.code == 554 && (ev->time == NULL) == (c->time == NULL) &&
	           (c->time == NULL || (ev->time_len == strlen(c->time) &&
	                                memcmp(ev->time, c->time, ev->time_len) == 0)) &&
	           ev->has_epoch == c->has_epoch && ev->epoch == c->epoch;

	ok(good, "time \"%s\", year %d, latest %lld: %s, epoch %s %lld", c->stamp, c->year,
	   c->latest, c->time ? c->time : "none", c->has_epoch ? "" : "none", c->epoch);
	if (!good && ev != NULL && ev->time != NULL)
		diag("got \"%.*s\" %d %lld", (int)ev->time_len, ev->time, ev->has_epoch, ev->epoch);
	smtpcode_log_free(lg);
}

/* A line's details, and what they must be ("" for the sender: the null
 * sender, given as an empty string; NULL: none). */
struct detail_case {
	const char *what, *line;
	const char *queue_id, *sender, *recipient, *remote_host, *remote_addr;
};

static const struct detail_case detail_cases[] = {
	{ "a queue id of binary bytes: none",
	  "Nov 20 10:00:01 mx postfix/smtp[301]: \x01\xfe\x80: to=<b@example.org>, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 User unknown (in reply to RCPT TO command))",
	  NULL, NULL, "b@example.org", "mx.example.org", "192.0.2.25" },
	{ "an unterminated from=<: no sender",
	  "Nov 20 10:00:02 mx postfix/smtpd[302]: NOQUEUE: reject: RCPT from c.example.net[192.0.2.41]: 554 5.7.1 Relay access denied; from=<a@example.net",
	  "smtpd[302]", NULL, NULL, "c.example.net", "192.0.2.41" },
	{ "the null sender: an empty string",
	  "Nov 20 10:00:02 mx postfix/smtpd[302]: NOQUEUE: reject: RCPT from c.example.net[192.0.2.41]: 554 5.7.1 Relay access denied; from=<> to=<b@example.org> proto=ESMTP",
	  "smtpd[302]", "", "b@example.org", "c.example.net", "192.0.2.41" },
	{ "a queue id once the queue file exists",
	  "Nov 20 10:00:02 mx postfix/smtpd[302]: 4F2A9: reject: RCPT from c.example.net[192.0.2.41]: 550 5.1.1 User unknown; from=<a@example.net> to=<b@example.org>",
	  "4F2A9", "a@example.net", "b@example.org", "c.example.net", "192.0.2.41" },
	{ "IPv6, no reverse DNS: the address is the host",
	  "Nov 20 10:00:02 mx postfix/smtpd[302]: NOQUEUE: reject: RCPT from unknown[2001:db8::1]: 554 5.7.1 Relay access denied; from=<a@example.net> to=<b@example.org>",
	  "smtpd[302]", "a@example.net", "b@example.org", "2001:db8::1", "2001:db8::1" },
	{ "Sendmail's [IPv6:...]: the address without its tag",
	  "Nov 20 10:00:07 mx sm-mta[307]: 5AK76: ruleset=check_rcpt, arg1=<b@example.org>, relay=c.example.net [IPv6:2001:DB8::1], reject=550 5.7.1 <b@example.org>... Relaying denied",
	  "5AK76", NULL, "b@example.org", "c.example.net", "2001:DB8::1" },
	{ "an address that is none (a log with it elided): no address, the name",
	  "Sep  4 17:34:30 smailer postfix/smtp[20457]: 4BjhYd2j2hz9vf1j: to=<r@example.org>, relay=mx1.example.org[YY.YY.YY.YY]:25, status=bounced (host mx1.example.org[YY.YY.YY.YY] said: 550 5.1.1 User unknown (in reply to RCPT TO command))",
	  "4BjhYd2j2hz9vf1j", NULL, "r@example.org", "mx1.example.org", NULL },
	{ "an IPv4 address with a number over 255: no address, the name",
	  "2026-11-20 10:00:06 1vA-0001 ** b@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.64222]: SMTP error from remote mail server after RCPT TO:<b@example.org>: 550 5.1.1 User unknown",
	  "1vA-0001", NULL, "b@example.org", "mx.example.org", NULL },
	{ "an IPv4 address with a number of three digits over 255 (its bytes read 16 at a time): no address, the host as written",
	  "Nov 20 10:00:02 mx postfix/smtpd[302]: NOQUEUE: reject: RCPT from unknown[192.0.2.300]: 554 5.7.1 Relay access denied; from=<a@example.net> to=<b@example.org>",
	  "smtpd[302]", "a@example.net", "b@example.org", "192.0.2.300", NULL },
	{ "the same at the line's end (its bytes read one at a time): no address, the host as written",
	  "Nov 20 10:00:07 mx sm-mta[307]: 5AK76: ruleset=check_rcpt, arg1=<b@example.org>, reject=550 5.7.1 <b@example.org>... Relaying denied, relay=[192.0.2.300]",
	  "5AK76", NULL, "b@example.org", "192.0.2.300", NULL },
	{ "an IPv4 address of five numbers, unbracketed after relay=: no address",
	  "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<b@example.org>, relay=192.0.2.1.5:25, status=bounced (550 5.1.1 User unknown)",
	  "4F2A1", NULL, "b@example.org", "192.0.2.1.5", NULL },
	{ "OpenSMTPD 5's relay line, read by Sendmail's stat=: its rcpt=<-> (the same address as to=) no recipient",
	  "Nov 20 10:00:01 mx smtpd[2221]: relay: PermFail for 6430369adcce4408: session=7818378a988ca63b, from=<a@example.net>, to=<b@example.org>, rcpt=<->, source=127.0.0.1, relay=127.0.0.1 (localhost), delay=0s, stat=550 Invalid recipient",
	  NULL, "a@example.net", NULL, "127.0.0.1", "127.0.0.1" },
	{ "Exim 4.97's longer message id",
	  "2026-11-20 10:00:06 1tixMn-00000000C5j-1wRa ** b@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.25]: SMTP error from remote mail server after RCPT TO:<b@example.org>: 550 5.1.1 User unknown",
	  "1tixMn-00000000C5j-1wRa", NULL, "b@example.org", "mx.example.org", "192.0.2.25" },
	{ "a recipient of quotes, a backslash and a control byte: as written",
	  "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<a\"b\\c\x01@example.org>, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 User unknown (in reply to RCPT TO command))",
	  "4F2A1", NULL, "a\"b\\c\x01@example.org", "mx.example.org", "192.0.2.25" },
	{ "OpenSMTPD's delivery: the session, sender and recipient",
	  "Jul  6 06:01:48 mx smtpd[75295]: 5df87c9ffd0e785d mta delivery evpid=f6e94209918f7e7b from=<a@example.net> to=<b@example.org> rcpt=<-> source=\"192.0.2.1\" relay=\"192.0.2.25 (mx.example.org)\" delay=2s result=\"TempFail\" stat=\"451 4.7.1 Try again later\"",
	  "5df87c9ffd0e785d", "a@example.net", "b@example.org", NULL, NULL },
};

/* Feeds a detail case's line and compares the details. */
static void run_detail_case(const struct detail_case *c, const char *line, size_t len)
{
	struct smtpcode_log *lg = smtpcode_log_new();
	const struct smtpcode_log_event *ev;
	char why[512] = "";
	size_t n = 0;

	if (lg == NULL) {
		bail("smtpcode_log_new: %s", strerror(errno));
		return; /* (bail does not return) */
	}
	smtpcode_log_feed(lg, line, len);
	smtpcode_log_next(lg);
	ev = smtpcode_log_details(lg);
#define CHECK(f, want) \
	if ((ev->f == NULL) != ((want) == NULL) || \
	    ((want) && (ev->f##_len != strlen(want) || memcmp(ev->f, (want), ev->f##_len) != 0))) \
		n += (size_t)snprintf(why + n, n < sizeof why ? sizeof why - n : 0, " " #f " \"%.*s\"", \
		                      ev->f ? (int)(ev->f##_len < 80 ? ev->f##_len : 80) : 4, \
		                      ev->f ? ev->f : "none"), n = n < sizeof why ? n : sizeof why - 1
	if (ev == NULL) {
		ok(0, "details: %s (no event)", c->what);
		smtpcode_log_free(lg);
		return;
	}
	CHECK(queue_id, c->queue_id);
	CHECK(sender, c->sender);
	CHECK(recipient, c->recipient);
	CHECK(remote_host, c->remote_host);
	CHECK(remote_addr, c->remote_addr);
#undef CHECK
	ok(why[0] == '\0', "details: %s", c->what);
	if (why[0])
		diag("got%s", why);
	smtpcode_log_free(lg);
}

/* smtpcode_log_detail_kinds(): a postfix-smtpd line read with each kind
 * alone gives that field alone; all of them, every one; none, none; the
 * switch kept by a reset; a field next() gives kept as given. */
#define KINDS_TESTS 14
static void run_kinds_tests(void)
{
	static const char smtpd[] =
	        "Nov 20 10:00:02 mx postfix/smtpd[302]: 4F2A9: reject: RCPT from "
	        "c.example.net[192.0.2.41]: 550 5.1.1 User unknown; from=<a@example.net> "
	        "to=<b@example.org> proto=ESMTP";
	static const struct {
		unsigned kinds;
		const char *name;
	} alone[] = {
		{ SMTPCODE_DETAIL_TIME, "time" },
		{ SMTPCODE_DETAIL_QUEUE_ID, "queue id" },
		{ SMTPCODE_DETAIL_SENDER, "sender" },
		{ SMTPCODE_DETAIL_RECIPIENT, "recipient" },
		{ SMTPCODE_DETAIL_HOST, "remote host" },
		{ SMTPCODE_DETAIL_ADDRESS, "remote address" },
		{ SMTPCODE_DETAIL_ALL, "all" },
		{ 0, "none" },
	};
	struct smtpcode_log *lg = smtpcode_log_new();
	const struct smtpcode_log_event *ev;

	if (lg == NULL) {
		bail("smtpcode_log_new: %s", strerror(errno));
		return; /* (bail does not return) */
	}
	smtpcode_log_year(lg, 2026);
	for (size_t i = 0; i < sizeof alone / sizeof alone[0]; i++) {
		unsigned k = alone[i].kinds, got = 0, empty = 1;
		smtpcode_log_detail_kinds(lg, k | (i == 0 ? 0xff00u : 0)); /* (bits of no kind) */
		smtpcode_log_feed(lg, smtpd, sizeof smtpd - 1);
		smtpcode_log_next(lg);
		ev = smtpcode_log_details(lg);
		if (ev == NULL) {
			ok(0, "detail kinds: %s alone (no event)", alone[i].name);
			continue;
		}
#define SAME(f, want) (ev->f != NULL && ev->f##_len == strlen(want) && memcmp(ev->f, want, ev->f##_len) == 0)
#define NONE(f) (ev->f == NULL && ev->f##_len == 0)
		got |= SAME(time, "Nov 20 10:00:02") && ev->has_epoch && ev->epoch == 1795168802
		               ? SMTPCODE_DETAIL_TIME : 0;
		got |= SAME(queue_id, "4F2A9") ? SMTPCODE_DETAIL_QUEUE_ID : 0;
		got |= SAME(sender, "a@example.net") ? SMTPCODE_DETAIL_SENDER : 0;
		got |= SAME(recipient, "b@example.org") ? SMTPCODE_DETAIL_RECIPIENT : 0;
		got |= SAME(remote_host, "c.example.net") ? SMTPCODE_DETAIL_HOST : 0;
		got |= SAME(remote_addr, "192.0.2.41") ? SMTPCODE_DETAIL_ADDRESS : 0;
		empty = (k & SMTPCODE_DETAIL_TIME || (NONE(time) && !ev->has_epoch && ev->epoch == 0)) &&
		        (k & SMTPCODE_DETAIL_QUEUE_ID || NONE(queue_id)) &&
		        (k & SMTPCODE_DETAIL_SENDER || NONE(sender)) &&
		        (k & SMTPCODE_DETAIL_RECIPIENT || NONE(recipient)) &&
		        (k & SMTPCODE_DETAIL_HOST || NONE(remote_host)) &&
		        (k & SMTPCODE_DETAIL_ADDRESS || NONE(remote_addr));
		ok(got == k && empty, "detail kinds: %s asked: %s", alone[i].name,
		   k == SMTPCODE_DETAIL_ALL ? "every field"
		   : k                      ? "that field alone, the others NULL and 0"
		                            : "no field");
		if (got != k || !empty)
			diag("asked 0x%x, got 0x%x", k, got);
	}
	/* kept by a reset */
	smtpcode_log_detail_kinds(lg, SMTPCODE_DETAIL_QUEUE_ID);
	smtpcode_log_reset(lg);
	smtpcode_log_feed(lg, smtpd, sizeof smtpd - 1);
	smtpcode_log_next(lg);
	ev = smtpcode_log_details(lg);
	ok(ev != NULL && ev->queue_id != NULL && ev->time == NULL && ev->remote_host == NULL &&
	   ev->sender == NULL && ev->recipient == NULL && ev->remote_addr == NULL,
	   "detail kinds: kept by smtpcode_log_reset");
	/* the address alone, where the host row ends the name ("unknown":
	 * the address is also the host, which is not asked for) */
	smtpcode_log_detail_kinds(lg, SMTPCODE_DETAIL_ADDRESS);
	{
		static const char unknown[] =
		        "Nov 20 10:00:02 mx postfix/smtpd[302]: NOQUEUE: reject: RCPT from "
		        "unknown[2001:db8::1]: 554 5.7.1 Relay access denied; from=<a@example.net> "
		        "to=<b@example.org>";
		smtpcode_log_feed(lg, unknown, sizeof unknown - 1);
		smtpcode_log_next(lg);
		ev = smtpcode_log_details(lg);
		ok(ev != NULL && ev->remote_addr_len == 11 && memcmp(ev->remote_addr, "2001:db8::1", 11) == 0 &&
		   NONE(remote_host) && NONE(queue_id),
		   "detail kinds: the address alone of \"unknown[2001:db8::1]\": no host");
	}
	/* a transcript's sender and recipient, which next() gives: kept */
	smtpcode_log_detail_kinds(lg, SMTPCODE_DETAIL_TIME);
	smtpcode_log_reset(lg);
	smtpcode_log_feed(lg, "In:  MAIL FROM:<a@example.net>", 30);
	smtpcode_log_feed(lg, "Out: 250 2.1.0 Ok", 17);
	smtpcode_log_next(lg);
	smtpcode_log_feed(lg, "In:  RCPT TO:<b@example.org>", 28);
	smtpcode_log_feed(lg, "Out: 550 5.1.1 User unknown", 27);
	ev = smtpcode_log_next(lg);
	ev = ev ? smtpcode_log_details(lg) : NULL;
	ok(ev != NULL && SAME(sender, "a@example.net") && SAME(recipient, "b@example.org"),
	   "detail kinds: the time alone keeps the transcript's sender and recipient, which next() gave");
#undef SAME
#undef NONE
	smtpcode_log_free(lg);
	lg = smtpcode_log_new();
	if (lg == NULL) {
		bail("smtpcode_log_new: %s", strerror(errno));
		return;
	}
	smtpcode_log_detail_kinds(NULL, 0); /* (NULL: nothing) */
	smtpcode_log_feed(lg, smtpd, sizeof smtpd - 1);
	smtpcode_log_next(lg);
	ev = smtpcode_log_details(lg);
	ok(ev != NULL && ev->time != NULL && ev->queue_id != NULL && ev->sender != NULL &&
	   ev->recipient != NULL && ev->remote_host != NULL && ev->remote_addr != NULL,
	   "detail kinds: a new reader reads them all");
	smtpcode_log_detail_kinds(lg, SMTPCODE_DETAIL_TIME);
	ok(smtpcode_log_details(lg) == ev && ev->queue_id != NULL,
	   "detail kinds: an event whose details were read keeps them");
	/* kinds added after a read: read then, the others kept */
	smtpcode_log_detail_kinds(lg, SMTPCODE_DETAIL_TIME | SMTPCODE_DETAIL_HOST);
	smtpcode_log_feed(lg, smtpd, sizeof smtpd - 1);
	smtpcode_log_next(lg);
	ev = smtpcode_log_details(lg);
	{
		const char *time = ev ? ev->time : NULL;
		int before = ev != NULL && time != NULL && ev->remote_host != NULL &&
		             ev->queue_id == NULL && ev->sender == NULL;
		smtpcode_log_detail_kinds(lg, SMTPCODE_DETAIL_ALL);
		ok(before && smtpcode_log_details(lg) == ev && ev->time == time &&
		   ev->queue_id_len == 5 && memcmp(ev->queue_id, "4F2A9", 5) == 0 &&
		   ev->sender != NULL && ev->recipient != NULL && ev->remote_addr != NULL &&
		   ev->remote_host_len == 13 && memcmp(ev->remote_host, "c.example.net", 13) == 0,
		   "detail kinds: the kinds added after a read are read by details() again");
	}
	smtpcode_log_free(lg);
}

/* How many tests an example makes: one for each event, one for the
 * count, one for next()'s events without their details. */
static size_t tests_of(const struct example *x)
{
	size_t n = 1;

	while (n - 1 < sizeof x->ev / sizeof x->ev[0] && x->ev[n - 1].code != 0)
		n++;
	return n + 1;
}

/* Whether next()'s event has no details (smtpcode_log_details() not yet
 * called): time, queue_id, sender and remote_addr NULL and 0; but a
 * transcript's sender, which the reader's state holds (the MAIL of the
 * transaction), as next() gives a recipient. */
static int no_details(const struct smtpcode_log_event *ev)
{
	int transcript_sender = 0;

	switch (ev->format) { /* the formats read as a session (doc/formats) */
	case SMTPCODE_LOG_DIALOGUE: case SMTPCODE_LOG_SWAKS: case SMTPCODE_LOG_SENDMAIL_TRANSCRIPT:
	case SMTPCODE_LOG_POSTFIX_NOTICE: case SMTPCODE_LOG_PHPMAILER: case SMTPCODE_LOG_MSMTP:
	case SMTPCODE_LOG_PYTHON_SMTPLIB: case SMTPCODE_LOG_GO_MAIL: case SMTPCODE_LOG_JAVAMAIL:
	case SMTPCODE_LOG_OPENSMTPD_REPORT: case SMTPCODE_LOG_EXCHANGE: case SMTPCODE_LOG_POSTFIX_DEBUG:
	case SMTPCODE_LOG_SENDRECV_BOUNCE: case SMTPCODE_LOG_HARAKA: case SMTPCODE_LOG_OPENSMTPD_TRACE:
	case SMTPCODE_LOG_HMAILSERVER_BOUNCE:
		transcript_sender = ev->sender != NULL;
		break;
	default:
		break;
	}
	return ev->time == NULL && ev->time_len == 0 && ev->has_epoch == 0 && ev->epoch == 0 &&
	       ev->queue_id == NULL && ev->queue_id_len == 0 &&
	       (transcript_sender || (ev->sender == NULL && ev->sender_len == 0)) &&
	       ev->remote_addr == NULL && ev->remote_addr_len == 0;
}

/* Feeds an example's lines, each in a buffer of its own freed once its
 * events are read, and compares every event that comes out. */
static void run_example(const struct example *x)
{
	struct smtpcode_log *lg = smtpcode_log_new();
	size_t want = tests_of(x) - 2, got = 0, nlines = 0;
	long said = 0, given = 0; /* the events feed() counted, those its lines gave */
	int bare = 1;             /* every event of next() without details */

	if (lg == NULL) {
		bail("smtpcode_log_new: %s", strerror(errno));
		return; /* (bail does not return) */
	}
	smtpcode_log_bare_replies(lg, x->bare);
	smtpcode_log_year(lg, 2026); /* the year of syslog's "Nov 20 10:00:01" */
	while (nlines < sizeof x->lines / sizeof x->lines[0] && x->lines[nlines] != NULL)
		nlines++;
	for (size_t i = 0; i <= nlines; i++) {
		size_t len = i < nlines ? strlen(x->lines[i]) : 0;
		char *line = malloc(len + 1);
		if (line == NULL) {
			bail("out of memory");
			return; /* (bail does not return) */
		}
		if (i < nlines) {
			memcpy(line, x->lines[i], len + 1);
			said += smtpcode_log_feed(lg, line, len);
		} else {
			smtpcode_log_finish(lg);
		}
		const struct smtpcode_log_event *ev;
		while ((ev = smtpcode_log_next(lg)) != NULL) {
			const struct want *w = got < want ? &x->ev[got] : NULL;
			int at = i < nlines ? (int)i : FINISH;
			char why[1024] = "";
			given += at != FINISH;
			bare &= no_details(ev);
			if (!x->no_details) {
				const struct smtpcode_log_event *d = smtpcode_log_details(lg);
				if (d != ev)
					diag("%s: details() gave %p, not next()'s %p", x->name,
					     (const void *)d, (const void *)ev);
				bare &= d == ev && smtpcode_log_details(lg) == ev; /* again: the same */
			}
			if (w == NULL) {
				diag("%s: an event more: %d at line %d", x->name, ev->reply.code, at);
				got++;
				continue;
			}
			compare(ev, w, why, sizeof why);
			if (w->at != at)
				snprintf(why + strlen(why), sizeof why - strlen(why),
				         " given at %d (want %d)", at, w->at);
			ok(why[0] == '\0', "%s: event %zu (%d)", x->name, got + 1, w->code);
			if (why[0])
				diag("%s", why);
			got++;
		}
		free(line);
	}
	for (; got < want; got++)
		ok(0, "%s: event %zu (%d) did not come", x->name, got + 1, x->ev[got].code);
	ok(want == got && said == given, "%s: %zu event(s), %ld of them at lines (feed() said %ld)",
	   x->name, got, given, said);
	ok(bare, "%s: next() gives the events without their details; details() the same event",
	   x->name);
	smtpcode_log_free(lg);
}

/* The events of line[0..len) fed alone into a new reader, and at its
 * finish. */
static size_t count_events(struct smtpcode_log *lg, const char *line, size_t len)
{
	size_t n = 0;

	smtpcode_log_feed(lg, line, len);
	while (smtpcode_log_next(lg) != NULL)
		n++;
	smtpcode_log_finish(lg);
	while (smtpcode_log_next(lg) != NULL)
		n++;
	return n;
}

/* The dates of an input that give a reply without a time of its own its
 * time (RFC 3464 §2.3.7 Last-Attempt-Date, the message's Date: through
 * smtpcode_log_date, §2.2.5 Arrival-Date, in that order), and the RFC 5322
 * dates smtpcode_log_date takes and refuses. The epochs were worked out by
 * hand: 2026-12-07T00:00:00Z is 1796601600 (2026-11-20, 1795132800, and 17
 * days). */
struct date_case {
	const char *date;        /* given to smtpcode_log_date */
	int ok;                  /* 0: taken; -1: refused (EINVAL) */
	const char *time;        /* the event's time then (NULL: none) */
	long long epoch;
};

static const struct date_case date_cases[] = {
	{ "Mon, 7 Dec 2026 10:01:00 GMT", 0, "Mon, 7 Dec 2026 10:01:00 GMT", 1796601600 + 36060 },
	{ "  Mon, 07 Dec 2026 10:01:00 +0000 (UTC)  ", 0, "Mon, 07 Dec 2026 10:01:00 +0000",
	  1796601600 + 36060 },
	{ "7 Dec 26 10:00 EST", 0, "7 Dec 26 10:00 EST", 1796601600 + 15 * 3600 },
	{ "Mon , 7 Dec 2026 10:00:00 -0130", 0, "Mon , 7 Dec 2026 10:00:00 -0130",
	  1796601600 + 11 * 3600 + 30 * 60 },
	{ "Mon, 7 Dec 2026 23:59:60 +0100", 0, "Mon, 7 Dec 2026 23:59:60 +0100",
	  1796601600 + 22 * 3600 + 59 * 60 + 60 },
	{ "Mon, 30 Feb 2026 10:00:00 +0000", -1, NULL, 0 },
	{ "Mon, 7 Dec 2026 24:00:00 +0000", -1, NULL, 0 },
	{ "Mon, 7 Dec 2026 10:00:00 +0160", -1, NULL, 0 },
	{ "Mon, 7 Dec 2026 10:00:00 +0000 and more", -1, NULL, 0 },
	{ "Mon, 7 Dek 2026 10:00:00 +0000", -1, NULL, 0 },
	{ "Mon, 7 Dec 2026 10:00:00 (a comment not closed", -1, NULL, 0 },
	{ "yesterday", -1, NULL, 0 },
	{ "", -1, NULL, 0 },
	{ "Mon, 7 Dec 2026 10:00:00 +0000 (a comment that makes the date longer than the "
	  "one hundred and twenty-seven bytes that the reader keeps of a date)",
	  -1, NULL, 0 },
};

/* A transcript's reply, whose lines give no time, after smtpcode_log_date:
 * the date's time, or none. */
static void run_date_case(const struct date_case *c)
{
	static const char *const lines[] = { "C: RCPT TO:<b@example.org>", "S: 550 5.1.1 User unknown" };
	struct smtpcode_log *lg = smtpcode_log_new();
	const struct smtpcode_log_event *ev = NULL;
	int r;

	if (lg == NULL) {
		bail("smtpcode_log_new: %s", strerror(errno));
		return;
	}
	errno = 0;
	r = smtpcode_log_date(lg, c->date, strlen(c->date));
	for (size_t i = 0; i < 2; i++)
		if (smtpcode_log_feed(lg, lines[i], strlen(lines[i])) > 0 && smtpcode_log_next(lg))
			ev = smtpcode_log_details(lg);
	ok(r == c->ok && (r == 0 || errno == EINVAL) && ev != NULL &&
	           (c->time == NULL ? ev->time == NULL && !ev->has_epoch
	                            : ev->time != NULL && ev->time_len == strlen(c->time) &&
	                                      memcmp(ev->time, c->time, ev->time_len) == 0 &&
	                                      ev->has_epoch && ev->epoch == c->epoch),
	   "date \"%s\": %s", c->date, c->time ? c->time : "refused, no time");
	if (ev != NULL && ev->time != NULL)
		diag("time \"%.*s\" epoch %lld (returned %d)", (int)ev->time_len, ev->time, ev->epoch, r);
	smtpcode_log_free(lg);
}

/* A delivery status report: a group's Last-Attempt-Date after its folded
 * Diagnostic-Code, a group without one (the message's date, else the
 * report's Arrival-Date), and the reset forgetting the message's date. */
static void report_dates(void)
{
	static const char *const report[] = {
		"Reporting-MTA: dns; mx.example.net",
		"Arrival-Date: Mon, 7 Dec 2026 09:58:00 +0000",
		"",
		"Final-Recipient: rfc822; b@example.org",
		"Action: failed",
		"Status: 5.1.1",
		"Diagnostic-Code: smtp; 550 5.1.1 <b@example.org>:",
		"    User unknown",
		"Last-Attempt-Date: Mon, 7 Dec 2026 10:00:00 +0100 (CET)",
		"",
		"Final-Recipient: rfc822; c@example.org",
		"Action: delayed",
		"Status: 4.2.2",
		"Diagnostic-Code: smtp; 452 4.2.2 Mailbox full",
		"",
	};
	static const char date[] = "Mon, 7 Dec 2026 10:01:00 GMT";
	struct smtpcode_log *lg = smtpcode_log_new();

	if (lg == NULL) {
		bail("smtpcode_log_new: %s", strerror(errno));
		return;
	}
	for (int with_date = 0; with_date < 2; with_date++) {
		char buf[2][64];
		const char *time[2] = { NULL, NULL };
		long long epoch[2] = { 0, 0 };
		size_t n = 0;
		smtpcode_log_reset(lg);
		if (with_date)
			smtpcode_log_date(lg, date, sizeof date - 1);
		for (size_t i = 0; i < sizeof report / sizeof report[0]; i++) {
			smtpcode_log_feed(lg, report[i], strlen(report[i]));
			while (smtpcode_log_next(lg) != NULL) {
				const struct smtpcode_log_event *ev = smtpcode_log_details(lg);
				if (n < 2 && ev->time != NULL && ev->time_len < sizeof buf[n]) {
					memcpy(buf[n], ev->time, ev->time_len);
					buf[n][ev->time_len] = '\0';
					time[n] = buf[n];
					epoch[n] = ev->has_epoch ? ev->epoch : -1;
				}
				n++;
			}
		}
		ok(n == 2 && time[0] && strcmp(time[0], "Mon, 7 Dec 2026 10:00:00 +0100") == 0 &&
		           epoch[0] == 1796601600 + 9 * 3600,
		   "report%s: the first group's Last-Attempt-Date", with_date ? " and Date:" : "");
		ok(n == 2 && time[1] &&
		           strcmp(time[1], with_date ? date : "Mon, 7 Dec 2026 09:58:00 +0000") == 0 &&
		           epoch[1] == 1796601600 + (with_date ? 36060 : 35880),
		   "report%s: the second group, none of its own: %s", with_date ? " and Date:" : "",
		   with_date ? "the message's Date:" : "the report's Arrival-Date");
		if (n != 2 || !time[0] || !time[1])
			diag("%zu events, times %s, %s", n, time[0] ? time[0] : "none",
			     time[1] ? time[1] : "none");
	}
	smtpcode_log_free(lg);
}

int main(void)
{
	static const char postfix[] =
	        "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<b@example.org>, "
	        "relay=mx.example.org[192.0.2.25]:25, delay=1.2, dsn=5.1.1, status=bounced "
	        "(host mx.example.org[192.0.2.25] said: 550 5.1.1 <b@example.org>: User "
	        "unknown (in reply to RCPT TO command))";
	const size_t nexamples = sizeof examples / sizeof examples[0];
	const struct smtpcode_log_event *ev;
	struct smtpcode_log *lg;
	size_t count = 0;
	char *big;

	for (size_t i = 0; i < nexamples; i++)
		count += tests_of(&examples[i]);
	plan(count + 29 + sizeof time_cases / sizeof time_cases[0] +
	     sizeof detail_cases / sizeof detail_cases[0] + 1 + 4 +
	     sizeof date_cases / sizeof date_cases[0] + 4 + KINDS_TESTS);

	for (size_t i = 0; i < nexamples; i++)
		run_example(&examples[i]);
	for (size_t i = 0; i < sizeof time_cases / sizeof time_cases[0]; i++)
		run_time_case(&time_cases[i]);
	for (size_t i = 0; i < sizeof detail_cases / sizeof detail_cases[0]; i++)
		run_detail_case(&detail_cases[i], detail_cases[i].line, strlen(detail_cases[i].line));
	for (size_t i = 0; i < sizeof date_cases / sizeof date_cases[0]; i++)
		run_date_case(&date_cases[i]);
	run_kinds_tests();
	report_dates();
	/* a recipient of 10,000 bytes: given whole, as written */
	{
		static const char head[] = "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<";
		static const char tail[] = "@example.org>, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 User unknown (in reply to RCPT TO command))";
		size_t n = sizeof head - 1 + 10000 + sizeof tail - 1;
		char *line = malloc(n), *rcpt = malloc(10000 + 13);
		struct detail_case huge = { "a recipient of 10,000 bytes: whole", NULL, "4F2A1", NULL, NULL,
		                           "mx.example.org", "192.0.2.25" };
		if (line == NULL || rcpt == NULL) {
			bail("out of memory");
			return 1; /* (bail does not return) */
		}
		memcpy(line, head, sizeof head - 1);
		memset(line + sizeof head - 1, 'r', 10000);
		memcpy(line + sizeof head - 1 + 10000, tail, sizeof tail - 1);
		memset(rcpt, 'r', 10000);
		memcpy(rcpt + 10000, "@example.org", 13);
		huge.recipient = rcpt;
		run_detail_case(&huge, line, n);
		free(line);
		free(rcpt);
	}

	/* Every format has its example above. */
	{
		int seen[64] = { 0 }, all = 1;
		for (size_t i = 0; i < nexamples; i++)
			for (size_t k = 0; k < sizeof examples[i].ev / sizeof examples[i].ev[0]; k++)
				if (examples[i].ev[k].code != 0 && (unsigned)examples[i].ev[k].format < 64)
					seen[examples[i].ev[k].format] = 1;
		for (int f = 0; smtpcode_log_format_name((enum smtpcode_log_format)f) != NULL; f++)
			if (f >= 64 || !seen[f]) {
				diag("no example of %s", smtpcode_log_format_name((enum smtpcode_log_format)f));
				all = 0;
			}
		ok(all, "every format of enum smtpcode_log_format has an example");
	}

	/* The protocol's edges. */
	lg = smtpcode_log_new();
	if (lg == NULL) {
		bail("smtpcode_log_new: %s", strerror(errno));
		return 1; /* (bail does not return) */
	}
	ok(smtpcode_log_next(lg) == NULL, "a new reader: next() gives nothing");
	smtpcode_log_feed(lg, "Nov 20 10:00:00 mx postfix/qmgr[1]: 4F2A1: removed", 50);
	ok(smtpcode_log_next(lg) == NULL, "a line without a reply: next() gives nothing");
	smtpcode_log_feed(lg, postfix, strlen(postfix));
	ev = smtpcode_log_next(lg);
	ok(ev != NULL && ev->reply.code == 550, "a reply: next() gives it");
	ev = smtpcode_log_next(lg);
	ok(ev == NULL && smtpcode_log_next(lg) == NULL, "then nothing, and nothing again");
	smtpcode_log_feed(lg, postfix, strlen(postfix));
	smtpcode_log_feed(lg, "In:  RCPT TO:<b@example.org>", 28);
	ok(smtpcode_log_next(lg) == NULL, "an event not read before the next feed is dropped");
	ok(smtpcode_log_finish(lg) == 0 && smtpcode_log_next(lg) == NULL,
	   "finish with nothing unfinished: nothing (the transcript's command had no reply)");
	ok(smtpcode_log_finish(lg) == 0 && smtpcode_log_next(lg) == NULL, "finish twice: nothing");
	smtpcode_log_feed(lg, postfix, strlen(postfix));
	ev = smtpcode_log_next(lg);
	ok(ev != NULL && ev->reply.code == 550 && smtpcode_log_next(lg) == NULL,
	   "a feed after the finish begins a new input, and reads its line");
	smtpcode_log_feed(lg, "In:  RCPT TO:<b@example.org>", 28);
	smtpcode_log_feed(lg, "Out: 550-5.1.1 first line", 25);
	smtpcode_log_reset(lg);
	smtpcode_log_finish(lg);
	ok(smtpcode_log_next(lg) == NULL, "reset: what the input left unfinished is dropped");
	smtpcode_log_feed(lg, "Out: 550 5.1.1 alone", 20);
	ev = smtpcode_log_next(lg);
	ok(ev != NULL && ev->command != NULL && strcmp(ev->command->name, "CONNECT") == 0 &&
	   ev->reply.code == 550,
	   "after a reset, a reply answers no command of the input before: a greeting");
	smtpcode_log_reset(lg);
	smtpcode_log_feed(lg, NULL, 0); /* the finish */
	smtpcode_log_feed(lg, "In:  DATA", 9);
	smtpcode_log_feed(lg, "Out: 354-go on", 14);
	smtpcode_log_feed(lg, NULL, 0);
	ev = smtpcode_log_next(lg);
	ok(ev != NULL && ev->command != NULL && strcmp(ev->command->name, "DATA") == 0 &&
	   (ev->reply.flags & SMTPCODE_REPLY_UNTERMINATED) && smtpcode_log_next(lg) == NULL,
	   "feed(NULL) finishes: the unfinished reply comes out, flagged unterminated");
	/* the details: only for the event next() gave last */
	smtpcode_log_reset(lg);
	ok(smtpcode_log_details(lg) == NULL && smtpcode_log_details(NULL) == NULL,
	   "details() before any event, or of NULL: NULL");
	smtpcode_log_feed(lg, postfix, strlen(postfix));
	ok(smtpcode_log_details(lg) == NULL, "details() after a feed, before next(): NULL");
	ev = smtpcode_log_next(lg);
	ok(ev != NULL && ev->time == NULL && ev->remote_host == NULL && ev->recipient == NULL &&
	   smtpcode_log_details(lg) == ev && ev->time != NULL && ev->remote_host != NULL &&
	   ev->recipient != NULL && ev->queue_id != NULL,
	   "details() fills next()'s event in place: time, host, recipient, queue id");
	ok(smtpcode_log_next(lg) == NULL && smtpcode_log_details(lg) == NULL,
	   "next() gave NULL: details() NULL");
	smtpcode_log_feed(lg, "Final-Recipient: rfc822; b@example.org", 38);
	smtpcode_log_feed(lg, "Diagnostic-Code: smtp; 550-5.1.1 cut", 36);
	smtpcode_log_finish(lg);
	ev = smtpcode_log_next(lg);
	ok(ev != NULL && smtpcode_log_details(lg) == ev && ev->time == NULL &&
	   ev->recipient != NULL && ev->queue_id == NULL,
	   "an event of the finish: only what the state kept (the group's recipient)");
	smtpcode_log_free(lg);

	smtpcode_log_free(NULL);
	ok(1, "smtpcode_log_free(NULL) does nothing");
	smtpcode_log_reset(NULL);
	smtpcode_log_bare_replies(NULL, 1);
	errno = 0;
	ok(smtpcode_log_feed(NULL, postfix, 10) == -1 && errno == EINVAL,
	   "feed on NULL: -1, EINVAL");
	errno = 0;
	ok(smtpcode_log_finish(NULL) == -1 && errno == EINVAL && smtpcode_log_next(NULL) == NULL,
	   "finish on NULL: -1, EINVAL; next on NULL: NULL");

	/* SMTPCODE_SCAN: read when a reader is made. */
	setenv("SMTPCODE_SCAN", "sse2", 1);
	errno = 0;
	lg = smtpcode_log_new();
	ok(lg == NULL && errno == EINVAL, "SMTPCODE_SCAN=sse2: no reader, EINVAL");
	smtpcode_log_free(lg);
	setenv("SMTPCODE_SCAN", "byte", 1);
	lg = smtpcode_log_new();
	ok(lg != NULL && count_events(lg, postfix, strlen(postfix)) == 1,
	   "SMTPCODE_SCAN=byte: a reader, which reads the line");
	smtpcode_log_free(lg);
	setenv("SMTPCODE_SCAN", "avx2", 1);
	errno = 0;
	lg = smtpcode_log_new();
	ok((lg != NULL && count_events(lg, postfix, strlen(postfix)) == 1) ||
	   (lg == NULL && errno == ENOTSUP),
	   "SMTPCODE_SCAN=avx2: a reader that reads the line, or ENOTSUP without AVX2");
	smtpcode_log_free(lg);
	unsetenv("SMTPCODE_SCAN");

	/* Hostile lines. */
	lg = smtpcode_log_new();
	if (lg == NULL) {
		bail("smtpcode_log_new: %s", strerror(errno));
		return 1; /* (bail does not return) */
	}
	big = malloc(1u << 20);
	if (big == NULL) {
		bail("out of memory");
		return 1; /* (bail does not return) */
	}
	memset(big, 'x', 1u << 20);
	ok(count_events(lg, big, 1u << 20) == 0, "a 1 MB line of one byte: no event");
	/* the Postfix line at the end of 1 MB of spaces */
	memset(big, ' ', 1u << 20);
	memcpy(big + (1u << 20) - (sizeof postfix - 1), postfix, sizeof postfix - 1); /* (no NUL) */
	smtpcode_log_reset(lg);
	smtpcode_log_feed(lg, big, 1u << 20);
	ev = smtpcode_log_next(lg);
	ok(ev != NULL && ev->reply.code == 550 && ev->reply.text_len == 29 &&
	   memcmp(ev->reply.text, "<b@example.org>: User unknown", 29) == 0,
	   "a reply at the end of a 1 MB line: read");
	/* a multi-line reply whose lines are 1 MB each */
	smtpcode_log_reset(lg);
	smtpcode_log_feed(lg, "C: NOOP", 7);
	memset(big, 'y', 1u << 20);
	memcpy(big, "S: 250-", 7);
	smtpcode_log_feed(lg, big, 1u << 20);
	memcpy(big, "S: 250 ", 7);
	smtpcode_log_feed(lg, big, 1u << 20);
	ev = smtpcode_log_next(lg);
	ok(ev != NULL && ev->reply.code == 250 && (ev->reply.flags & SMTPCODE_REPLY_LONG_LINE) &&
	   ev->reply.text_len == (1u << 20) - 7, "a reply of 1 MB lines: read, flagged long");
	/* hostile times: 10,000 digits where a time would be; a time then
	 * 10,000 spaces; a time alone; journald's stamp of 20 digits */
	{
		static const char smtpd[] = " mx postfix/smtpd[302]: NOQUEUE: reject: RCPT from "
		                            "c[192.0.2.41]: 554 5.7.1 <b@example.org>: Relay access denied";
		static const char journal[] = "{\"__REALTIME_TIMESTAMP\":\"17636328020000000000\","
		                              "\"MESSAGE\":\"NOQUEUE: reject: RCPT from c[192.0.2.41]: "
		                              "554 5.7.1 <b@example.org>: Relay access denied\"}";
		memset(big, '7', 10000);
		memcpy(big + 10000, smtpd, sizeof smtpd - 1);
		smtpcode_log_reset(lg);
		smtpcode_log_feed(lg, big, 10000 + sizeof smtpd - 1);
		smtpcode_log_next(lg);
		ev = smtpcode_log_details(lg); /* (the time: a detail) */
		ok(ev != NULL && ev->reply.code == 554 && ev->time == NULL && !ev->has_epoch,
		   "10,000 digits where a time stamp would be: the reply, no time");
		memcpy(big, "2026-11-20T10:00:01Z", 20);
		memset(big + 20, ' ', 10000);
		memcpy(big + 10020, smtpd, sizeof smtpd - 1);
		smtpcode_log_reset(lg);
		smtpcode_log_feed(lg, big, 10020 + sizeof smtpd - 1);
		smtpcode_log_next(lg);
		ev = smtpcode_log_details(lg); /* (the time: a detail) */
		ok(ev != NULL && ev->time == big && ev->time_len == 20 && ev->has_epoch &&
		   ev->epoch == 1795168801, "a time, then 10,000 spaces before the reply: the time");
		smtpcode_log_reset(lg);
		ok(count_events(lg, "2026-11-20T10:00:01Z", 20) == 0, "a line of only a time: no event");
		smtpcode_log_reset(lg);
		smtpcode_log_feed(lg, journal, sizeof journal - 1);
		smtpcode_log_next(lg);
		ev = smtpcode_log_details(lg); /* (the time: a detail) */
		ok(ev != NULL && ev->reply.code == 554 && ev->time == NULL && !ev->has_epoch,
		   "journald's __REALTIME_TIMESTAMP of 20 digits: the reply, no time");
	}
	free(big);
	{
		/* NUL bytes in the reply's text, and bytes that are not UTF-8:
		 * kept as they are */
		static const char nul[] =
		        "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<b@example.org>, "
		        "status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 <b@exa\0mple.org>: "
		        "User \xff\xfe unknown \xc3\x28 (in reply to RCPT TO command))";
		static const char text[] = "<b@exa\0mple.org>: User \xff\xfe unknown \xc3\x28";
		smtpcode_log_reset(lg);
		smtpcode_log_feed(lg, nul, sizeof nul - 1);
		ev = smtpcode_log_next(lg);
		ok(ev != NULL && ev->reply.code == 550 && ev->reply.text_len == sizeof text - 1 &&
		   memcmp(ev->reply.text, text, sizeof text - 1) == 0,
		   "NUL bytes and bytes that are not UTF-8 in a reply: its text as it was");
		/* a line of NUL bytes only, and one of invalid UTF-8 only */
		char zeros[300] = { 0 }, bad[300];
		memset(bad, 0xff, sizeof bad);
		ok(count_events(lg, zeros, sizeof zeros) == 0 && count_events(lg, bad, sizeof bad) == 0,
		   "a line of NUL bytes, a line of 0xff bytes: no event");
		/* a journald line whose MESSAGE is bytes (an array): read as them */
		static const char journal[] =
		        "{\"MESSAGE\":[78,79,81,85,69,85,69,58,32,114,101,106,101,99,116,58,32,82,67,80,84,32,102,"
		        "114,111,109,32,120,91,49,93,58,32,53,53,52,32,53,46,55,46,49,32,78,111,255]}";
		smtpcode_log_reset(lg);
		smtpcode_log_feed(lg, journal, sizeof journal - 1);
		ev = smtpcode_log_next(lg);
		ok(ev != NULL && ev->reply.code == 554 && ev->reply.text_len == 3 &&
		   memcmp(ev->reply.text, "No\xff", 3) == 0,
		   "journald's MESSAGE as an array of bytes, one not UTF-8: read");
	}
	smtpcode_log_free(lg);
	return 0;
}
