/* SPDX-License-Identifier: MIT */
/*
 * bench-gen.c - write a deterministic, realistic mixed mail log of about N
 * MB to standard output: Postfix smtpd and client lines, Exim, Sendmail,
 * transcripts and the noise lines between them, with a few percent of
 * replies that break the tables and of malformed ones. Usage: bench-gen MB
 */
#include <stdio.h>
#include <stdlib.h>

static unsigned long seed = 20261122;

/* A fixed linear congruential generator: the same log on every machine. */
static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33) % n;
}

static const char *const lines[] = {
	"Nov 20 10:%02u:%02u mx postfix/smtpd[%u]: NOQUEUE: reject: RCPT from unknown[192.0.2.%u]: 550 5.1.1 <u%u@example.org>: Recipient address rejected: User unknown in local recipient table; from=<a@example.net> to=<u@example.org> proto=ESMTP helo=<client>",
	"Nov 20 10:%02u:%02u mx postfix/smtpd[%u]: NOQUEUE: reject: RCPT from unknown[192.0.2.%u]: 450 4.7.1 <u%u@example.org>: Recipient address rejected: Greylisted; from=<a@example.net> to=<u@example.org> proto=ESMTP helo=<client>",
	"Nov 20 10:%02u:%02u mx postfix/smtp[%u]: 4A%u: to=<u%u@example.com>, relay=mx.example.com[192.0.2.27]:25, delay=1.2, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.27] said: 550 5.1.1 User unknown (in reply to RCPT TO command))",
	"Nov 20 10:%02u:%02u mx postfix/smtp[%u]: 4B%u: to=<u%u@example.com>, relay=mx.example.com[192.0.2.27]:25, delay=0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 7F3E21)",
	"Nov 20 10:%02u:%02u mx postfix/smtpd[%u]: connect from unknown[192.0.2.%u] port %u",
	"Nov 20 10:%02u:%02u mx postfix/smtpd[%u]: disconnect from unknown[192.0.2.%u] ehlo=1 mail=1 rcpt=0/%u quit=1 commands=3/4",
	"Nov 20 10:%02u:%02u mx postfix/cleanup[%u]: 4C%u: message-id=<%u@example.net>",
	"2026-11-20 10:%02u:%02u 1vA-%04u ** u%u%u@example.org H=mx.example.org [192.0.2.%u]: SMTP error from remote mail server after RCPT TO:<u@example.org>: 550 5.1.1 <u@example.org>: unknown user",
	"2026-11-20 10:%02u:%02u 1vB-%04u <= a@example.net H=client [192.0.2.%u] P=esmtps S=%u id=x@example.net",
	"Nov 20 10:%02u:%02u mx sm-mta[%u]: 5AK%u: ruleset=check_rcpt, arg1=<u%u@example.org>, relay=[192.0.2.%u], reject=550 5.7.1 <u@example.org>... Relaying denied",
	"Nov 20 10:%02u:%02u mx sm-mta[%u]: 5AL%u: to=<u%u@example.org>, delay=00:00:05, mailer=esmtp, dsn=4.3.0, stat=Deferred: 451 4.3.0 Temporary system failure %u",
	/* A few percent that break the tables, or are malformed. */
	"Nov 20 10:%02u:%02u mx postfix/smtpd[%u]: NOQUEUE: reject: RCPT from unknown[192.0.2.%u]: 554 5.7.1 <u%u@example.org>: Relay access denied; from=<a@example.net> to=<u@example.org> proto=ESMTP helo=<client>",
	"Nov 20 10:%02u:%02u mx postfix/smtp[%u]: 4D%u: to=<u%u@example.com>, dsn=5.0.0, status=bounced (host mx.example.com[192.0.2.%u] said: 571 Delivery not authorized (in reply to RCPT TO command))",
};
#define COMMON 11 /* the first COMMON lines are the usual ones */

int main(int argc, char **argv)
{
	unsigned long want = (argc > 1 ? strtoul(argv[1], NULL, 10) : 20) * 1000000UL, n = 0;

	while (n < want) {
		unsigned r = rnd(100);
		unsigned i = r < 96 ? rnd(COMMON) : COMMON + rnd(2);
		int w;
		if (r == 99) {
			/* A transcript session now and then. */
			w = printf("S: 220 mx.example.org ESMTP\nC: EHLO client\nS: 250-mx.example.org\n"
			           "S: 250 PIPELINING\nC: MAIL FROM:<a@example.net>\nS: 250 2.1.0 Ok\n"
			           "C: RCPT TO:<b@example.org>\nS: 250 2.1.5 Ok\nC: DATA\nS: 354 go ahead\n"
			           "C: hello\nC: .\nS: 250 2.0.0 queued\nC: QUIT\nS: 221 bye\n");
		} else {
			w = printf(lines[i], rnd(60), rnd(60), rnd(30000), rnd(250), rnd(100000), rnd(250));
			putchar('\n');
			w++;
		}
		if (w < 0)
			return 1;
		n += (unsigned long)w;
	}
	return fflush(stdout) != 0;
}
