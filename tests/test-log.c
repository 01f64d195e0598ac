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
};

struct example {
	const char *name;
	int hosts, bare;         /* the switches */
	const char *lines[8];    /* NULL after the last */
	struct want ev[3];       /* code 0 after the last */
};

/* Every format of data/logformats.txt, the lines of doc/formats' "A LINE
 * OF EACH FORMAT" (and a few more for what they show). */
static const struct example examples[] = {
	{ "postfix", 1, 0,
	  { "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<b@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=1.2, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 <b@example.org>: User unknown (in reply to RCPT TO command))" },
	  { { 0, SMTPCODE_LOG_POSTFIX, "RCPT", NULL, 550, "5.1.1", "<b@example.org>: User unknown",
	      NULL, "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "postfix, the hosts off", 0, 0,
	  { "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<b@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=1.2, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 <b@example.org>: User unknown (in reply to RCPT TO command))" },
	  { { 0, SMTPCODE_LOG_POSTFIX, "RCPT", NULL, 550, "5.1.1", "<b@example.org>: User unknown",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "postfix, a command it does not know", 0, 0,
	  { "Nov 20 10:00:07 mx postfix/smtp[107]: 4A7: to=<gu@example.com>, dsn=5.5.1, status=bounced (host relay.example.com[192.0.2.28] said: 502 5.5.1 Command not implemented (in reply to XFORWARD command))" },
	  { { 0, SMTPCODE_LOG_POSTFIX, NULL, "XFORWARD", 502, "5.5.1", "Command not implemented",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "postfix-smtpd", 1, 0,
	  { "Nov 20 10:00:02 mx postfix/smtpd[302]: NOQUEUE: reject: RCPT from client.example.net[192.0.2.41]: 554 5.7.1 <b@example.org>: Relay access denied; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<client.example.net>" },
	  { { 0, SMTPCODE_LOG_POSTFIX_SMTPD, "RCPT", NULL, 554, "5.7.1", "<b@example.org>: Relay access denied",
	      NULL, "client.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL } } },
	{ "postfix-reject-warning", 1, 0,
	  { "Nov 20 10:00:03 mx postfix/smtpd[303]: NOQUEUE: reject_warning: RCPT from client.example.net[192.0.2.41]: 450 4.7.1 <b@example.org>: Recipient address rejected: Greylisted; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<client.example.net>" },
	  { { 0, SMTPCODE_LOG_POSTFIX_REJECT_WARNING, "RCPT", NULL, 450, "4.7.1",
	      "<b@example.org>: Recipient address rejected: Greylisted", NULL, "client.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL } } },
	{ "postfix-debug", 1, 0,
	  { "Nov 20 10:00:04 mx postfix/smtpd[304]: < client.example.net[192.0.2.41]: RCPT TO:<b@example.org>",
	    "Nov 20 10:00:04 mx postfix/smtpd[304]: > client.example.net[192.0.2.41]: 550 5.1.1 <b@example.org>: Recipient address rejected: User unknown" },
	  { { 1, SMTPCODE_LOG_POSTFIX_DEBUG, "RCPT", NULL, 550, "5.1.1",
	      "<b@example.org>: Recipient address rejected: User unknown", NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL } } },
	{ "postfix-notice", 0, 0,
	  { "In:  RCPT TO:<b@example.org>",
	    "Out: 550 5.1.1 <b@example.org>: Recipient address rejected: User unknown" },
	  { { 1, SMTPCODE_LOG_POSTFIX_NOTICE, "RCPT", NULL, 550, "5.1.1",
	      "<b@example.org>: Recipient address rejected: User unknown", NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL } } },
	{ "exim", 1, 0,
	  { "2026-11-20 10:00:06 1vABCD-000123-EF ** b@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.25]: SMTP error from remote mail server after RCPT TO:<b@example.org>: 550 5.1.1 User unknown" },
	  { { 0, SMTPCODE_LOG_EXIM, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, "mx.example.org",
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "exim, after pipelined", 0, 0,
	  { "2026-11-20 10:00:04 1vA-0004 == di@example.com H=mx.example.com [192.0.2.27]: SMTP error from remote mail server after pipelined RCPT TO:<di@example.com>: 451 4.7.1 Greylisted, try again later" },
	  { { 0, SMTPCODE_LOG_EXIM, "RCPT", NULL, 451, "4.7.1", "Greylisted, try again later", NULL, NULL,
	      0, 1, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "sendmail", 1, 0,
	  { "Nov 20 10:00:07 mx sendmail[307]: 5AK1007: ruleset=check_rcpt, arg1=<b@example.org>, relay=client.example.net [192.0.2.41], reject=550 5.7.1 <b@example.org>... Relaying denied" },
	  { { 0, SMTPCODE_LOG_SENDMAIL, "RCPT", NULL, 550, "5.7.1", "<b@example.org>... Relaying denied",
	      NULL, "client.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL } } },
	{ "sendmail-transcript", 0, 0,
	  { "... while talking to mx.example.org.:", ">>> RCPT To:<b@example.org>",
	    "<<< 550 5.1.1 <b@example.org>... User unknown" },
	  /* held for the line after it, which may be another reply of a
	   * pipelined batch (RFC 2920 §3.1): none comes, so at the finish */
	  { { FINISH, SMTPCODE_LOG_SENDMAIL_TRANSCRIPT, "RCPT", NULL, 550, "5.1.1",
	      "<b@example.org>... User unknown", NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "opensmtpd", 0, 0,
	  { "Nov 20 10:00:09 mx smtpd[309]: 3f2a1b4c5d6e7f80 smtp failed-command command=\"RCPT TO:<b@example.org>\" result=\"550 Invalid recipient: <b@example.org>\"" },
	  { { 0, SMTPCODE_LOG_OPENSMTPD, "RCPT", NULL, 550, NULL, "Invalid recipient: <b@example.org>",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL } } },
	{ "opensmtpd-report", 0, 0,
	  { "report|0.6|1763632810.000000|smtp-in|protocol-client|3f2a1b4c5d6e7f81|RCPT TO:<b@example.org>",
	    "report|0.6|1763632810.000100|smtp-in|protocol-server|3f2a1b4c5d6e7f81|550 Invalid recipient: <b@example.org>" },
	  { { 1, SMTPCODE_LOG_OPENSMTPD_REPORT, "RCPT", NULL, 550, NULL,
	      "Invalid recipient: <b@example.org>", NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL } } },
	{ "exchange", 0, 0,
	  { "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context",
	    "2026-11-20T10:00:11.000Z,MX1\\Default MX1,08DC0A1B2C3D4E5F,7,192.0.2.25:25,192.0.2.41:50123,<,RCPT TO:<b@example.org>,",
	    "2026-11-20T10:00:11.001Z,MX1\\Default MX1,08DC0A1B2C3D4E5F,8,192.0.2.25:25,192.0.2.41:50123,>,550 5.1.1 User unknown," },
	  { { 2, SMTPCODE_LOG_EXCHANGE, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN } } },
	{ "qmail", 0, 0,
	  { "2026-11-20 10:00:12.000000500 delivery 112: failure: 192.0.2.25_does_not_like_recipient./Remote_host_said:_550_5.1.1_User_unknown/Giving_up_on_192.0.2.25./" },
	  { { 0, SMTPCODE_LOG_QMAIL, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "qmail-bounce", 0, 0,
	  { "192.0.2.25 does not like recipient.", "Remote host said: 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_QMAIL_BOUNCE, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "gmail-bounce", 0, 0,
	  { "The error that the other server returned was:",
	    "550-5.1.1 The email account that you tried to reach does not exist.",
	    "550 5.1.1 Please try double-checking the address." },
	  { { 2, SMTPCODE_LOG_GMAIL_BOUNCE, NULL, NULL, 550, "5.1.1",
	      "Please try double-checking the address.", NULL, NULL, 0, 0, 0, 2, SMTPCODE_ORIGIN_REMOTE } } },
	{ "exchange-ndr", 0, 0,
	  { "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'" },
	  /* (the closing quote stays in the text) */
	  { { 0, SMTPCODE_LOG_EXCHANGE_NDR, NULL, NULL, 550, "5.1.10",
	      "RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "communigate-bounce", 0, 0,
	  { "SMTP module(domain example.org) reports:", " host mx.example.org:25 says:",
	    " 550 5.1.1 <b@example.org>: Recipient address rejected" },
	  { { 2, SMTPCODE_LOG_COMMUNIGATE_BOUNCE, NULL, NULL, 550, "5.1.1",
	      "<b@example.org>: Recipient address rejected", NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "ionos-bounce", 0, 0,
	  { "SMTP error from remote server for RCPT TO command, host: mx.example.org (192.0.2.25) reason: 550 5.1.1 <b@example.org>: User unknown" },
	  { { 0, SMTPCODE_LOG_IONOS_BOUNCE, "RCPT", NULL, 550, "5.1.1", "<b@example.org>: User unknown",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "bounce-text (bare replies on)", 0, 1,
	  { "From: MAILER-DAEMON@mx.example.net", "Subject: Mail delivery failed", "",
	    "550 Requested action not taken: mailbox unavailable" },
	  { { 3, SMTPCODE_LOG_BOUNCE_TEXT, NULL, NULL, 550, NULL,
	      "Requested action not taken: mailbox unavailable", NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN } } },
	{ "bounce-text with bare replies off: none", 0, 0,
	  { "From: MAILER-DAEMON@mx.example.net", "Subject: Mail delivery failed", "",
	    "550 Requested action not taken: mailbox unavailable" },
	  { { 0 } } },
	{ "dsn: a Diagnostic-Code folded over two lines", 0, 0,
	  { "Diagnostic-Code: smtp; 550 5.1.1 <b@example.org>: User unknown (in reply to",
	    "    RCPT TO command)" },
	  { { 1, SMTPCODE_LOG_DSN, "RCPT", NULL, 550, "5.1.1", "<b@example.org>: User unknown", NULL, NULL,
	      1, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "dsn: the group's recipient and remote host", 0, 0,
	  { "Final-Recipient: rfc822; b@example.org", "Remote-MTA: dns; mx.example.org",
	    "Diagnostic-Code: smtp; 550 5.1.1 User unknown (in reply to RCPT TO command)" },
	  { { 2, SMTPCODE_LOG_DSN, "RCPT", NULL, 550, "5.1.1", "User unknown", "b@example.org",
	      "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "sendrecv-bounce", 0, 0,
	  { "<b@example.org>", "   send: RCPT TO:<b@example.org>", "   recv: 550 User unknown" },
	  { { 2, SMTPCODE_LOG_SENDRECV_BOUNCE, "RCPT", NULL, 550, NULL, "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "dialogue", 0, 0,
	  { "C: RCPT TO:<b@example.org>", "S: 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_DIALOGUE, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN } } },
	{ "dialogue: a multi-line reply", 0, 0,
	  { "C: EHLO client.example.net", "S: 250-mx.example.org", "S: 250-PIPELINING",
	    "S: 250 SIZE 10240000" },
	  { { 3, SMTPCODE_LOG_DIALOGUE, "EHLO", NULL, 250, NULL, "SIZE 10240000", NULL, NULL,
	      0, 0, 0, 3, SMTPCODE_ORIGIN_UNKNOWN } } },
	{ "swaks", 0, 0,
	  { "-> RCPT TO:<b@example.org>", "<** 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_SWAKS, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "msmtp", 0, 0,
	  { "--> RCPT TO:<b@example.org>", "<-- 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_MSMTP, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "python-smtplib", 0, 0,
	  { "send: 'rcpt TO:<b@example.org>\\r\\n'", "reply: b'550 5.1.1 User unknown\\r\\n'" },
	  { { 1, SMTPCODE_LOG_PYTHON_SMTPLIB, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "phpmailer", 0, 0,
	  { "2026-11-20 10:00:19 CLIENT -> SERVER: RCPT TO:<b@example.org>",
	    "2026-11-20 10:00:19 SERVER -> CLIENT: 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_PHPMAILER, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "go-mail", 0, 0,
	  { "2026/11/20 10:00:20 [DEBUG] C --> S: RCPT TO:<b@example.org>",
	    "2026/11/20 10:00:20 [DEBUG] C <-- S: 550 5.1.1 User unknown" },
	  { { 1, SMTPCODE_LOG_GO_MAIL, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "javamail", 0, 0,
	  { "DEBUG SMTP: trying to connect to host \"mx.example.org\", port 25, isSSL false",
	    "RCPT TO:<b@example.org>", "550 5.1.1 User unknown" },
	  { { 2, SMTPCODE_LOG_JAVAMAIL, "RCPT", NULL, 550, "5.1.1", "User unknown", NULL, NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "haraka", 0, 0,
	  { "[PROTOCOL] [3F2A7C10-5B1E-4D8A-9C47-0E6B2D91A5F3.1] [core] C: RCPT TO:<b@example.org> state=1",
	    "[PROTOCOL] [3F2A7C10-5B1E-4D8A-9C47-0E6B2D91A5F3.1] [core] S: 550 5.1.1 <b@example.org> No such user here" },
	  { { 1, SMTPCODE_LOG_HARAKA, "RCPT", NULL, 550, "5.1.1", "<b@example.org> No such user here",
	      NULL, NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL } } },
	{ "maddy: the reply in a JSON object's members, the command before \" error\"", 1, 0,
	  { "2026-11-20T10:00:03.000Z smtp: RCPT error\t{\"msg_id\":\"5b20e7a1\",\"rcpt\":\"carol@example.net\",\"reason\":\"no matching destination\",\"smtp_code\":550,\"smtp_enchcode\":\"5.1.1\",\"smtp_msg\":\"User does not exist\"}",
	    "2026-11-20T10:00:07.000Z queue: delivery attempt failed\t{\"msg_id\":\"d69f4329\",\"rcpt\":\"frank@example.net\",\"remote_server\":\"mx.example.net\",\"smtp_code\":451,\"smtp_enchcode\":\"0.0.0\",\"smtp_msg\":\"mx.example.net said: try \\\"later\\\"\"}" },
	  { { 0, SMTPCODE_LOG_MADDY, "RCPT", NULL, 550, "5.1.1", "User does not exist",
	      "carol@example.net", NULL, 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN },
	    { 1, SMTPCODE_LOG_MADDY, NULL, NULL, 451, NULL, "mx.example.net said: try \"later\"",
	      "frank@example.net", "mx.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_UNKNOWN } } },
	{ "journald's JSON export: the MESSAGE of a postfix-smtpd line", 1, 0,
	  { "{\"__REALTIME_TIMESTAMP\":\"1763632802000000\",\"MESSAGE\":\"NOQUEUE: reject: RCPT from client.example.net[192.0.2.41]: 554 5.7.1 <b@example.org>: Relay access denied; from=<a@example.net> to=<b@example.org> proto=ESMTP\"}" },
	  { { 0, SMTPCODE_LOG_POSTFIX_SMTPD, "RCPT", NULL, 554, "5.7.1",
	      "<b@example.org>: Relay access denied", NULL, "client.example.net", 0, 0, 0, 1, SMTPCODE_ORIGIN_LOCAL } } },

	/* The protocol's edges. */
	{ "a folded reply that a line with its own reply ends: two events from one feed", 1, 0,
	  { "Final-Recipient: rfc822; b@example.org",
	    "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
	    "Nov 20 10:00:01 mx postfix/smtp[301]: 4F2A1: to=<c@example.org>, relay=mx.example.org[192.0.2.25]:25, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 <c@example.org>: User unknown (in reply to RCPT TO command))" },
	  /* (no blank line ended the group: its recipient is the Postfix
	   * reply's too) */
	  { { 2, SMTPCODE_LOG_DSN, NULL, NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      1, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE },
	    { 2, SMTPCODE_LOG_POSTFIX, "RCPT", NULL, 550, "5.1.1", "<c@example.org>: User unknown",
	      "b@example.org", "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "a fold ended by the next fold: the first's text kept while the line starts the second", 0, 0,
	  { "Final-Recipient: rfc822; b@example.org", "Remote-MTA: dns; mx.example.org",
	    "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
	    "Diagnostic-Code: smtp; 451 4.2.0 Try again later" },
	  { { 3, SMTPCODE_LOG_DSN, NULL, NULL, 550, "5.1.1", "User unknown", "b@example.org",
	      "mx.example.org", 1, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE },
	    { FINISH, SMTPCODE_LOG_DSN, NULL, NULL, 451, "4.2.0", "Try again later", "b@example.org",
	      "mx.example.org", 0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "a fold ended by the next group's recipient: the first's recipient kept", 0, 0,
	  { "Final-Recipient: rfc822; b@example.org", "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
	    "Final-Recipient: rfc822; c@example.org", "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full" },
	  { { 2, SMTPCODE_LOG_DSN, NULL, NULL, 550, "5.1.1", "User unknown", "b@example.org", NULL,
	      1, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE },
	    { FINISH, SMTPCODE_LOG_DSN, NULL, NULL, 552, "5.2.2", "Mailbox full", "c@example.org", NULL,
	      0, 0, 0, 1, SMTPCODE_ORIGIN_REMOTE } } },
	{ "two sessions unfinished at the end: two events after the finish", 0, 0,
	  { "Nov 20 10:00:04 mx postfix/smtpd[304]: < client.example.net[192.0.2.41]: RCPT TO:<b@example.org>",
	    "Nov 20 10:00:04 mx postfix/smtpd[305]: < other.example.net[192.0.2.42]: DATA",
	    "Nov 20 10:00:04 mx postfix/smtpd[304]: > client.example.net[192.0.2.41]: 550-5.1.1 no such user",
	    "Nov 20 10:00:04 mx postfix/smtpd[305]: > other.example.net[192.0.2.42]: 554-5.5.1 no valid recipients" },
	  /* cut short: the last line's text is not given */
	  { { FINISH, SMTPCODE_LOG_POSTFIX_DEBUG, "RCPT", NULL, 550, NULL, "", NULL, NULL, 0, 0,
	      SMTPCODE_REPLY_UNTERMINATED, 1, SMTPCODE_ORIGIN_LOCAL },
	    { FINISH, SMTPCODE_LOG_POSTFIX_DEBUG, "DATA", NULL, 554, NULL, "", NULL, NULL, 0, 0,
	      SMTPCODE_REPLY_UNTERMINATED, 1, SMTPCODE_ORIGIN_LOCAL } } },
	{ "a bare reply cut short by the end", 0, 1,
	  { "", "550-5.1.1 The account does not exist" },
	  { { FINISH, SMTPCODE_LOG_BOUNCE_TEXT, NULL, NULL, 550, NULL, "", NULL, NULL, 0, 0,
	      SMTPCODE_REPLY_UNTERMINATED, 1, SMTPCODE_ORIGIN_UNKNOWN } } },
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
	if (r->open != ((w->flags & SMTPCODE_REPLY_UNTERMINATED) != 0))
		DIFF(" open %d (a reply cut short stays open, no other)", r->open);
#undef DIFF
}

/* How many tests an example makes: one for each event, one for the count. */
static size_t tests_of(const struct example *x)
{
	size_t n = 1;

	while (n - 1 < sizeof x->ev / sizeof x->ev[0] && x->ev[n - 1].code != 0)
		n++;
	return n;
}

/* Feeds an example's lines, each in a buffer of its own freed once its
 * events are read, and compares every event that comes out. */
static void run_example(const struct example *x)
{
	struct smtpcode_log *lg = smtpcode_log_new();
	size_t want = tests_of(x) - 1, got = 0, nlines = 0;
	long said = 0, given = 0; /* the events feed() counted, those its lines gave */

	if (lg == NULL) {
		bail("smtpcode_log_new: %s", strerror(errno));
		return; /* (bail does not return) */
	}
	smtpcode_log_hosts(lg, x->hosts);
	smtpcode_log_bare_replies(lg, x->bare);
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
	plan(count + 25);

	for (size_t i = 0; i < nexamples; i++)
		run_example(&examples[i]);

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
	/* the switches survive a reset */
	smtpcode_log_hosts(lg, 1);
	smtpcode_log_reset(lg);
	smtpcode_log_feed(lg, postfix, strlen(postfix));
	ev = smtpcode_log_next(lg);
	ok(ev != NULL && ev->remote_host != NULL, "the hosts switch is kept over a reset");
	smtpcode_log_free(lg);

	smtpcode_log_free(NULL);
	ok(1, "smtpcode_log_free(NULL) does nothing");
	smtpcode_log_reset(NULL);
	smtpcode_log_hosts(NULL, 1);
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
