/* SPDX-License-Identifier: MIT */
/* stream.c - the lines of one input into the log reader: read through a
 * check_read_fn into check's buffer, cut at newlines, too-long lines
 * skipped, each reply found reported (or held, in a message).
 * Layer: above hold.c and report.c, under message.c and files.c; calls
 * hold.c, report.c and text.c (put_name, file_error) only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "smtpcode.h"
#include "check.h"
#include "text.h"

/* A reply found: held while a message is read, else reported. Its
 * details (smtpcode_log_details(): the time, queue id, sender, remote
 * host and address, a log line's recipient) are a second look at the
 * line: read here for every record that is written or counted with them
 * (a held one, --json, --all, --summary, a --verdict choice); in the
 * default text mode check_report reads them for the problems alone,
 * which are the records it prints, once it has judged them. */
static inline void report(struct checker *ck, const char *name, unsigned long line,
                          const struct smtpcode_log_event *ev, int details)
{
	if (details)
		ev = smtpcode_log_details(ck->lg);
	ck->found++;
	if (ck->holding)
		check_hold(ck, line, ev);
	else
		check_report(ck, name, line, ev);
}

/* The details the run prints or counts (smtpcode_log_detail_kinds()):
 * a text record's time, queue id, recipient and remote host (records.c's
 * record_text; the host also the reason's memo key, judge.c), and the
 * summary's (counts.c, report.c) sender too; all of them for --json's
 * records, --all, and a message's held records (hold.c merges the
 * duplicates' details). The remote address none of these uses. */
static unsigned check_detail_kinds(const struct checker *ck)
{
	unsigned kinds = SMTPCODE_DETAIL_TIME | SMTPCODE_DETAIL_QUEUE_ID |
	                 SMTPCODE_DETAIL_RECIPIENT | SMTPCODE_DETAIL_HOST;

	if (ck->json || ck->all || ck->holding)
		return SMTPCODE_DETAIL_ALL;
	if (ck->summary || ck->html != NULL)
		kinds |= SMTPCODE_DETAIL_SENDER;
	return kinds;
}

/* Counts and says a line over max_line bytes, skipped. */
static void too_long(struct checker *ck, const char *name, unsigned long lineno)
{
	ck->counts.skipped++;
	put_name(ck->err, name);
	fprintf(ck->err, ":%lu: line over %zu KiB skipped\n", lineno,
	        ck->max_line / 1024);
}

/* The first newline of p[0..n), or NULL. A line of a log is a few hundred
 * bytes at most, where memchr's call and set-up cost more than the search:
 * 16 bytes a step inline made check 4% faster on the bench log (0.140 s
 * against 0.147 s, the fastest of 15 runs each, 200 MB). */
static char *find_newline(char *p, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n');

	for (; i + 16 <= n; i += 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, nl));
		if (m)
			return p + i + __builtin_ctz(m);
	}
#endif
	return memchr(p + i, '\n', n - i);
}

/* The year of syslog's time stamps, which write none: SMTPCODE_YEAR's
 * (reproducible output: the tests'), else that of the file's last change
 * (a log is written as its lines come), the current one for standard
 * input or a file that cannot be looked at; that time into *latest, for
 * the stamps that the year would put after it (smtpcode_log_latest(): a
 * log over a new year), none (0) with SMTPCODE_YEAR. */
static int log_year(const char *name, long long *latest)
{
	const char *env = getenv("SMTPCODE_YEAR");
	struct stat sb;
	struct tm tm;
	time_t t = time(NULL);

	*latest = 0;
	if (env != NULL && *env != '\0') {
		char *end;
		long y = strtol(env, &end, 10);
		if (*end == '\0' && y >= 1 && y <= 9999)
			return (int)y;
	}
	if (strcmp(name, "-") != 0 && stat(name, &sb) == 0)
		t = sb.st_mtime;
	if (localtime_r(&t, &tm) == NULL) /* NOLINT(performance-no-int-to-ptr): libc's macro */
		return 0;
	*latest = (long long)t;
	return tm.tm_year + 1900;
}

int check_stream(struct checker *ck, const char *name, check_read_fn *rd, void *ctx,
                 char *buf, size_t have)
{
	struct smtpcode_log *lg = ck->lg;
	const struct smtpcode_log_event *ev;
	size_t start = 0;
	unsigned long lineno = 0;
	int skipping = 0, eof = 0;
	/* every record's details (see report) */
	const int details = ck->holding || ck->json || ck->all || ck->summary || ck->verdicts ||
	                    ck->html != NULL || ck->only_reasons;

	ck->details_read = details; /* (check_report reads the others') */

	/* one reader for the run, started again for each input */
	if (lg == NULL && (lg = ck->lg = smtpcode_log_new()) == NULL)
		return file_error(name, strerror(errno));
	smtpcode_log_reset(lg);
	/* a run that reads every record's details but prints the problems
	 * alone (--summary, --html, --reason) reads the queue id, which the
	 * text records alone write, for those (check_report): on the bench
	 * log it cost --summary 17M instructions of 366M */
	ck->detail_kinds = check_detail_kinds(ck);
	ck->every_kinds = ck->detail_kinds;
	if (details && !(ck->json || ck->all || ck->verdicts || ck->holding))
		ck->every_kinds &= ~(unsigned)SMTPCODE_DETAIL_QUEUE_ID;
	smtpcode_log_detail_kinds(lg, ck->every_kinds);
	smtpcode_log_bare_replies(lg, ck->part != NULL); /* a message's part */
	if (ck->part != NULL && ck->message_date_len > 0) /* (not a date: none) */
		(void)smtpcode_log_date(lg, ck->message_date, ck->message_date_len);
	{
		long long latest;
		smtpcode_log_year(lg, log_year(name, &latest));
		smtpcode_log_latest(lg, latest);
	}
	while ((!eof || start < have) && !ck->write_failed) {
		char *nl = have > start ? find_newline(buf + start, have - start) : NULL;
		size_t len;

		if (nl == NULL && !eof) {
			ptrdiff_t n;
			if (have - start > ck->max_line) {
				/* Too long: drop what we have and keep dropping to the
				 * line end. */
				skipping = 1;
				start = have = 0;
			}
			if (start > 0) {
				memmove(buf, buf + start, have - start);
				have -= start;
				start = 0;
			}
			n = rd(ctx, buf + have, ck->bufsize - have);
			if (n < 0) {
				if (errno == EINTR && !ck->read_message)
					continue;
				return file_error(name, ck->read_message ? ck->read_message(ctx)
				                                         : strerror(errno));
			}
			if (n == 0)
				eof = 1;
			have += (size_t)n;
			continue;
		}
		len = nl ? (size_t)(nl - (buf + start)) : have - start;
		ck->counts.lines++;
		lineno++;
		if (skipping || len > ck->max_line) {
			too_long(ck, name, lineno);
			skipping = 0;
		} else {
			/* (two events: a reply folded over the lines before,
			 * which this one ended; then this line's own. Their
			 * count spares the call of next() that gives NULL.) */
			for (int n = smtpcode_log_feed(lg, buf + start, len); n > 0; n--) {
				ev = smtpcode_log_next(lg);
				report(ck, name, lineno - ev->lines_before, ev, details);
			}
		}
		start += len + (nl ? 1 : 0);
		if (nl == NULL)
			start = have; /* the last line, without a newline */
	}
	if (skipping && !ck->write_failed) {
		/* A too-long last line that the buffer had already dropped. */
		ck->counts.lines++;
		too_long(ck, name, lineno + 1);
	}
	smtpcode_log_finish(lg);
	while (!ck->write_failed && (ev = smtpcode_log_next(lg)) != NULL)
		report(ck, name, lineno - ev->lines_before, ev, details);
	return 0;
}
