/* SPDX-License-Identifier: MIT */
/* fuzz-logline.c - the log reader's API (smtpcode_log_feed, _next,
 * _finish) over a whole log: each line is copied into a buffer of its own,
 * freed once its events are read, so that a pointer kept into an earlier
 * line is a use after free that ASan reports. Every event's pointers must
 * lie in the current line, the reader's state or static data, and every
 * byte they cover is read; every event's details are read too
 * (smtpcode_log_details()), after next() is checked to give none. Bare
 * replies are read for half the inputs; a quarter of the inputs are read
 * twice on one reader (reset between, or fed again after the finish);
 * half of them read only the details their second byte names
 * (smtpcode_log_detail_kinds()), the others left as next() gave them,
 * and where its bit 6 is set, all of them by a second call. */
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "log.h" /* struct smtpcode_log: its bounds, for the pointers' check */
#include "fuzz.h"

static void check_event(const struct smtpcode_log *lg, const struct smtpcode_log_event *ev,
                        const char *line, size_t len, size_t lineno)
{
	const struct smtpcode_reply_state *r = &ev->reply;
	const char *st = (const char *)lg;

	FUZZ_ASSERT(smtpcode_log_format_name(ev->format) != NULL);
	fuzz_touch_str(smtpcode_log_format_name(ev->format));
	FUZZ_ASSERT(ev->lines_before < lineno);
	/* (-1: a transcript's server line without a code, flagged so) */
	FUZZ_ASSERT((r->code >= 0 && r->code <= 999) ||
	            (r->code == -1 && (r->flags & SMTPCODE_REPLY_NO_CODE)));
	FUZZ_ASSERT(r->text_len == 0 || fuzz_inside(r->text, r->text_len, line, len) ||
	            fuzz_inside(r->text, r->text_len, st, sizeof *lg));
	fuzz_touch(r->text, r->text_len);
	if (ev->command)
		FUZZ_ASSERT(ev->command == smtpcode_command_at(ev->command->id));
	/* LMTP's recipient, or a delivery status report's group's fields:
	 * kept in the state */
	if (ev->recipient) {
		FUZZ_ASSERT(fuzz_inside(ev->recipient, ev->recipient_len, st, sizeof *lg) ||
		            fuzz_inside(ev->recipient, ev->recipient_len, line, len));
		fuzz_touch(ev->recipient, ev->recipient_len);
	}
	if (ev->remote_host) {
		FUZZ_ASSERT(ev->remote_host_len > 0);
		FUZZ_ASSERT(fuzz_inside(ev->remote_host, ev->remote_host_len, st, sizeof *lg) ||
		            fuzz_inside(ev->remote_host, ev->remote_host_len, line, len));
		fuzz_touch(ev->remote_host, ev->remote_host_len);
	}
	/* the details: in the line (or a journald line's MESSAGE, in the
	 * state), NULL where absent */
#define DETAIL(f) \
	if (ev->f) { \
		FUZZ_ASSERT(fuzz_inside(ev->f, ev->f##_len, line, len) || \
		            fuzz_inside(ev->f, ev->f##_len, st, sizeof *lg)); \
		fuzz_touch(ev->f, ev->f##_len); \
	} else { \
		FUZZ_ASSERT(ev->f##_len == 0); \
	}
	DETAIL(time)
	DETAIL(queue_id)
	DETAIL(sender)
	DETAIL(remote_addr)
#undef DETAIL
	FUZZ_ASSERT(ev->has_epoch || ev->epoch == 0);
	FUZZ_ASSERT(ev->queue_id_len <= 64 && ev->remote_addr_len <= 45);
	/* the whole reply: in the line, or copied into the state (at most
	 * 4096 bytes; a line may hold a '\n' of its own, as a journald
	 * MESSAGE decoded) */
	if (ev->lines) {
		FUZZ_ASSERT(fuzz_inside(ev->lines, ev->lines_len, line, len) ||
		            fuzz_inside(ev->lines, ev->lines_len, st, sizeof *lg));
		FUZZ_ASSERT(ev->lines_len <= 4096);
		fuzz_touch(ev->lines, ev->lines_len);
	}
	if (ev->command_text) {
		FUZZ_ASSERT(ev->command == NULL);
		FUZZ_ASSERT(fuzz_inside(ev->command_text, ev->command_text_len, line, len) ||
		            fuzz_inside(ev->command_text, ev->command_text_len, st, sizeof *lg));
		fuzz_touch(ev->command_text, ev->command_text_len);
	}
}

/* An event's details, read (smtpcode_log_details()) with only `kinds`
 * asked: the others NULL and 0, or as next() gave them. */
static void read_details(struct smtpcode_log *lg, const struct smtpcode_log_event *ev,
                         unsigned kinds)
{
	const char *sender = ev->sender, *recipient = ev->recipient, *host = ev->remote_host;

	FUZZ_ASSERT(smtpcode_log_details(lg) == ev);
	if (!(kinds & SMTPCODE_DETAIL_TIME))
		FUZZ_ASSERT(ev->time == NULL && ev->time_len == 0 && !ev->has_epoch &&
		            ev->epoch == 0);
	if (!(kinds & SMTPCODE_DETAIL_QUEUE_ID))
		FUZZ_ASSERT(ev->queue_id == NULL && ev->queue_id_len == 0);
	if (!(kinds & SMTPCODE_DETAIL_ADDRESS))
		FUZZ_ASSERT(ev->remote_addr == NULL && ev->remote_addr_len == 0);
	if (!(kinds & SMTPCODE_DETAIL_SENDER))
		FUZZ_ASSERT(ev->sender == sender);
	if (!(kinds & SMTPCODE_DETAIL_RECIPIENT))
		FUZZ_ASSERT(ev->recipient == recipient);
	if (!(kinds & SMTPCODE_DETAIL_HOST))
		FUZZ_ASSERT(ev->remote_host == host);
	if (kinds != SMTPCODE_DETAIL_ALL && (kinds & 64)) {
		/* then all of them: those left out read by a second call */
		smtpcode_log_detail_kinds(lg, SMTPCODE_DETAIL_ALL);
		FUZZ_ASSERT(smtpcode_log_details(lg) == ev);
		smtpcode_log_detail_kinds(lg, kinds);
	}
}

/* Feeds every line of data[0..size) and the finish, checking each event. */
static void read_all(struct smtpcode_log *lg, const char *s, size_t size, unsigned kinds)
{
	const struct smtpcode_log_event *ev;
	size_t at = 0, lineno = 0;

	while (at < size) {
		size_t len = fuzz_line_len(s, size, at);
		char *line = malloc(len ? len : 1);
		int n = 0, want;

		FUZZ_ASSERT(line != NULL);
		memcpy(line, s + at, len);
		lineno++;
		/* one fold's reply a line at most, then the line's own, or an
		 * SES notification's, 50 at most (smtpcode_log_feed()) */
		want = smtpcode_log_feed(lg, line, len);
		FUZZ_ASSERT(want >= 0 && want <= 51);
		while ((ev = smtpcode_log_next(lg)) != NULL) {
			n++;
			/* next(): no details, but a transcript's sender (the state's) */
			FUZZ_ASSERT(ev->time == NULL && ev->queue_id == NULL &&
			            (ev->sender == NULL ||
			             fuzz_inside(ev->sender, ev->sender_len, (const char *)lg,
			                         sizeof *lg)) &&
			            ev->remote_addr == NULL);
			check_event(lg, ev, line, len, lineno);
			read_details(lg, ev, kinds);
			check_event(lg, ev, line, len, lineno);
		}
		FUZZ_ASSERT(smtpcode_log_details(lg) == NULL); /* next() gave NULL */
		FUZZ_ASSERT(n == want); /* as many as feed() said */
		FUZZ_ASSERT(smtpcode_log_next(lg) == NULL); /* and none again */
		free(line);
		at += len + 1;
	}
	FUZZ_ASSERT(smtpcode_log_finish(lg) == 0);
	while ((ev = smtpcode_log_next(lg)) != NULL) {
		/* cut short, or a joined reply (a bounce's, a DSN field's)
		 * without the words that name its command, or a Sendmail
		 * transcript's reply held for the line after it, or Exchange's
		 * "#550 ..." whose closing "##" never came */
		FUZZ_ASSERT((ev->reply.flags & SMTPCODE_REPLY_UNTERMINATED) ||
		            ev->format == SMTPCODE_LOG_DSN || ev->format == SMTPCODE_LOG_POSTFIX ||
		            ev->format == SMTPCODE_LOG_SENDMAIL_TRANSCRIPT ||
		            ev->format == SMTPCODE_LOG_EXCHANGE_NDR);
		check_event(lg, ev, NULL, 0, lineno + 1);
		read_details(lg, ev, kinds);
		check_event(lg, ev, NULL, 0, lineno + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smtpcode_log *lg = smtpcode_log_new();
	unsigned kinds = SMTPCODE_DETAIL_ALL;

	FUZZ_ASSERT(lg != NULL);
	/* the details of the kinds the second byte names (its bits past
	 * them ignored), for inputs whose first byte has bit 4 set */
	if (size > 1 && (data[0] & 16)) {
		smtpcode_log_detail_kinds(lg, data[1]);
		kinds = data[1] & (SMTPCODE_DETAIL_ALL | 64); /* (64: then all) */
	}
	/* bare replies (a mail message's parts) on for inputs whose first byte
	 * is odd */
	smtpcode_log_bare_replies(lg, size > 0 && (data[0] & 1));
	/* syslog's year, and a latest time (2027-01-02T10:00:00Z: a syslog
	 * stamp after it a year before), for inputs whose first byte has bit
	 * 5 set */
	if (size > 0 && (data[0] & 32)) {
		smtpcode_log_year(lg, 2027);
		smtpcode_log_latest(lg, 1798884000);
	}
	/* the input's date (a message's Date:): its first line, for inputs
	 * whose first byte has bit 1 set (taken or refused, never a crash) */
	if (size > 0 && (data[0] & 2)) {
		size_t n = fuzz_line_len((const char *)data, size, 0);
		int r = smtpcode_log_date(lg, (const char *)data + 1, n > 0 ? n - 1 : 0);
		FUZZ_ASSERT(r == 0 || r == -1);
	}
	read_all(lg, (const char *)data, size, kinds);
	if (size > 0 && (data[0] & 12) == 12) {
		/* again on the same reader: fed after the finish */
		read_all(lg, (const char *)data, size, kinds);
	} else if (size > 0 && (data[0] & 12) == 8) {
		/* again, after a reset halfway through */
		size_t half = size / 2;
		for (size_t at = 0; at < half; at += fuzz_line_len((const char *)data, half, at) + 1) {
			size_t len = fuzz_line_len((const char *)data, half, at);
			char *line = malloc(len ? len : 1);
			FUZZ_ASSERT(line != NULL);
			memcpy(line, data + at, len);
			smtpcode_log_feed(lg, line, len);
			free(line); /* its events dropped by the reset: never read */
		}
		smtpcode_log_reset(lg);
		FUZZ_ASSERT(smtpcode_log_next(lg) == NULL);
		read_all(lg, (const char *)data, size, kinds);
	}
	smtpcode_log_free(lg);
	return 0;
}
