/* SPDX-License-Identifier: MIT */
/*
 * test-reply.c - replies as servers send them (RFC 5321 §4.2): reply lines,
 * multi-line replies fed line by line, flattened replies, and the flags for
 * mixed codes and over-long lines. Cases typed from RFC 5321 §4.2 and
 * §4.5.3.1.5 and from the shapes peer projects broke on.
 */
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "tap.h"

static const struct {
	const char *line;
	int code;      /* -1: not a reply line */
	int last;
	const char *text;
} lines[] = {
	{ "250 OK", 250, 1, "OK" },
	{ "250-First line", 250, 0, "First line" },
	{ "250-234 Text beginning with numbers", 250, 0, "234 Text beginning with numbers" },
	{ "334", 334, 1, "" },            /* bare code: clients MUST accept it */
	{ "334 ", 334, 1, "" },           /* with the trailing space */
	{ "250-", 250, 0, "" },           /* continuation with empty text */
	{ "250 OK\r", 250, 1, "OK" },     /* a CR left by the line split */
	{ "250\r", 250, 1, "" },
	{ "571 odd", 571, 1, "odd" },     /* any three digits read; judging is later */
	{ "25", -1, 0, NULL },
	{ "2500 x", -1, 0, NULL },
	{ "25a x", -1, 0, NULL },
	{ " 250 x", -1, 0, NULL },
	{ "250_x", -1, 0, NULL },
	{ "", -1, 0, NULL },
};
#define NLINES (sizeof lines / sizeof lines[0])

/* Feeds the NULL-ended lines; returns the last feed's result. */
static enum smtpcode_feed feed_all(struct smtpcode_reply_state *st, const char *const *l)
{
	enum smtpcode_feed f = SMTPCODE_FEED_NOT_REPLY;
	smtpcode_reply_begin(st);
	for (; *l; l++)
		f = smtpcode_reply_feed(st, *l, strlen(*l));
	return f;
}

int main(void)
{
	struct smtpcode_reply_state st;
	struct smtpcode_line l;
	char *big, *exact;

	plan(NLINES * 3 + 33);

	for (size_t i = 0; i < NLINES; i++) {
		int got = smtpcode_line_parse(lines[i].line, strlen(lines[i].line), &l);
		is_int(lines[i].code >= 0, got, "'%s': %s", lines[i].line,
		       lines[i].code >= 0 ? "a reply line" : "not a reply line");
		is_int(lines[i].code >= 0 ? lines[i].code : 0, got ? l.code : 0, "'%s': code", lines[i].line);
		ok(!got || (l.last == lines[i].last && l.text_len == strlen(lines[i].text) &&
		            memcmp(l.text, lines[i].text, l.text_len) == 0),
		   "'%s': last=%d, text '%s'", lines[i].line, lines[i].last, lines[i].text ? lines[i].text : "");
	}

	{
		/* RFC 5321 §4.2.1's example. */
		const char *const reply[] = { "250-First line", "250-Second line",
			"250-234 Text beginning with numbers", "250 The last line", NULL };
		is_int(SMTPCODE_FEED_DONE, feed_all(&st, reply), "§4.2.1 example: done on the last line");
		ok(st.code == 250 && st.lines == 4 && st.flags == 0, "§4.2.1 example: 250, 4 lines, no flags");
		ok(st.text_len == strlen("The last line") && memcmp(st.text, "The last line", st.text_len) == 0,
		   "§4.2.1 example: the final line's text");
	}
	{
		const char *const reply[] = { "250-mx.example.org", "250-PIPELINING", NULL };
		is_int(SMTPCODE_FEED_MORE, feed_all(&st, reply), "an unfinished reply wants more");
		ok(st.open == 1, "and stays open");
	}
	{
		/* A greeting whose continuation lines carry another code. */
		const char *const reply[] = { "220-mx.example.org ESMTP", "250-odd", "220 ready", NULL };
		is_int(SMTPCODE_FEED_DONE, feed_all(&st, reply), "mixed codes: still done");
		ok(st.flags & SMTPCODE_REPLY_MIXED_CODES, "mixed codes are flagged (RFC 5321 §4.2.1)");
		is_int(220, st.code, "the final line's code is reported");
		is_int(220, st.first_code, "and the first line's is kept");
	}
	{
		const char *const reply[] = { "550 5.1.1 <x@example.org>: Recipient address rejected", NULL };
		feed_all(&st, reply);
		ok(st.has_ecode && st.ecode.cls == 5 && st.ecode.subject == 1 && st.ecode.detail == 1,
		   "an enhanced code after the reply code (RFC 2034)");
		ok(st.text_len > 0 && st.text[0] == '<', "the text after it");
	}
	{
		const char *const reply[] = { "550 Mailbox unavailable", NULL };
		feed_all(&st, reply);
		ok(!st.has_ecode, "no enhanced code where there is none");
	}
	{
		const char *const reply[] = { "250-x", "not a reply", NULL };
		is_int(SMTPCODE_FEED_NOT_REPLY, feed_all(&st, reply), "a non-reply line resets");
		ok(st.open == 0 && st.code == -1, "and the state is fresh");
	}

	/* Line length: 512 octets with CRLF is the limit (RFC 5321 §4.5.3.1.5). */
	big = malloc(600);
	if (big == NULL)
		bail("out of memory");
	memset(big, 'x', 600);
	memcpy(big, "250 ", 4);
	smtpcode_reply_begin(&st);
	smtpcode_reply_feed(&st, big, 510);
	ok(!(st.flags & SMTPCODE_REPLY_LONG_LINE), "510 octets + CRLF = 512: fine");
	smtpcode_reply_begin(&st);
	smtpcode_reply_feed(&st, big, 511);
	ok(st.flags & SMTPCODE_REPLY_LONG_LINE, "511 octets + CRLF = 513: flagged");
	big[511] = '\r';
	smtpcode_reply_begin(&st);
	smtpcode_reply_feed(&st, big, 512);
	ok(st.flags & SMTPCODE_REPLY_LONG_LINE, "511 octets + CR read: still flagged, the CR not counted twice");
	free(big);

	/* Flattened replies. */
	{
		const char *s = "550-Mailbox unknown. Either there are no mailboxes 550-or you do not have access. 550 5.1.1 User unknown";
		is_int(1, smtpcode_reply_flat(s, strlen(s), &st), "a flattened reply is read");
		ok(st.code == 550 && st.lines == 3 && st.flags == 0, "550, 3 lines, no flags");
		ok(st.has_ecode && st.ecode.detail == 1, "the final line's enhanced code");
		ok(st.text_len == strlen("User unknown") && memcmp(st.text, "User unknown", st.text_len) == 0,
		   "the final line's text");
	}
	{
		const char *s = "250-a 251 b";
		is_int(1, smtpcode_reply_flat(s, strlen(s), &st), "a flattened reply ending with another code");
		ok(st.lines == 1 && st.code == 250, "\" 251 \" inside the text is text, not a line (only ccc- or the same code split)");
	}
	{
		const char *s = "450-a 550-b 450 c";
		smtpcode_reply_flat(s, strlen(s), &st);
		ok(st.lines == 3 && (st.flags & SMTPCODE_REPLY_MIXED_CODES), "flattened with mixed codes: flagged");
	}
	{
		const char *s = "250 Ok: queued as 550-X";
		smtpcode_reply_flat(s, strlen(s), &st);
		ok(st.lines == 1 && st.code == 250, "a single line reads as itself");
	}
	{
		const char *s = "250-only a continuation";
		is_int(1, smtpcode_reply_flat(s, strlen(s), &st), "a continuation whose end is lost");
		is_int(250, st.code, "still gives its code");
	}
	ok(smtpcode_reply_flat("hello", 5, &st) == 0, "text that is no reply");
	ok(smtpcode_reply_flat(NULL, 5, &st) == 0 && smtpcode_line_parse(NULL, 3, &l) == 0,
	   "NULL is no reply");

	/* No read past the buffer. */
	exact = malloc(3);
	if (exact == NULL)
		bail("out of memory");
	memcpy(exact, "354", 3);
	ok(smtpcode_line_parse(exact, 3, &l) == 1 && l.code == 354 && l.text_len == 0,
	   "an unterminated bare code, read by its length");
	smtpcode_reply_begin(&st);
	is_int(SMTPCODE_FEED_DONE, smtpcode_reply_feed(&st, exact, 3), "and fed");
	ok(smtpcode_reply_flat(exact, 3, &st) == 1, "and flattened");
	free(exact);
	ok(smtpcode_line_parse("250 x", 2, &l) == 0, "length is respected");
	return 0;
}
