/* SPDX-License-Identifier: MIT */
/* fuzz-logline.c - the log-line extractor over a whole log: each line is
 * copied into a buffer of its own, freed after the call, so that a pointer
 * kept into an earlier line is a use after free that ASan reports. Every
 * event's pointers must lie in the current line, the state or static data,
 * and every byte they cover is read. Bare replies are read for half the
 * inputs, the remote hosts for half. */
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "fuzz.h"

static void check_event(const struct smtpcode_log_state *st, const struct smtpcode_log_event *ev,
                        const char *line, size_t len, size_t lineno)
{
	const struct smtpcode_reply_state *r = &ev->reply;

	FUZZ_ASSERT(smtpcode_log_format_name(ev->format) != NULL);
	fuzz_touch_str(smtpcode_log_format_name(ev->format));
	FUZZ_ASSERT(ev->lines_before < lineno);
	FUZZ_ASSERT(r->code >= 0 && r->code <= 999);
	FUZZ_ASSERT(r->text_len == 0 || fuzz_inside(r->text, r->text_len, line, len) ||
	            fuzz_inside(r->text, r->text_len, (const char *)st, sizeof *st));
	fuzz_touch(r->text, r->text_len);
	if (ev->command)
		FUZZ_ASSERT(ev->command == smtpcode_command_at(ev->command->id));
	/* LMTP's recipient, or a delivery status report's group's fields:
	 * kept in the state */
	if (ev->recipient) {
		FUZZ_ASSERT(fuzz_inside(ev->recipient, ev->recipient_len, (const char *)st, sizeof *st));
		fuzz_touch(ev->recipient, ev->recipient_len);
	}
	if (ev->remote_host) {
		FUZZ_ASSERT(ev->remote_host_len > 0);
		FUZZ_ASSERT(fuzz_inside(ev->remote_host, ev->remote_host_len, (const char *)st, sizeof *st) ||
		            fuzz_inside(ev->remote_host, ev->remote_host_len, line, len));
		fuzz_touch(ev->remote_host, ev->remote_host_len);
	}
	if (ev->command_text) {
		FUZZ_ASSERT(ev->command == NULL);
		FUZZ_ASSERT(fuzz_inside(ev->command_text, ev->command_text_len, line, len) ||
		            fuzz_inside(ev->command_text, ev->command_text_len,
		                        (const char *)st, sizeof *st));
		fuzz_touch(ev->command_text, ev->command_text_len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct smtpcode_log_state st;
	struct smtpcode_log_event ev;
	size_t at = 0, lineno = 0;

	smtpcode_log_begin(&st);
	/* bare replies (a mail message's parts) on for inputs whose first byte
	 * is odd */
	smtpcode_log_bare_replies(&st, size > 0 && (data[0] & 1));
	/* and the remote hosts for those whose second bit is set */
	smtpcode_log_hosts(&st, size > 0 && (data[0] & 2));
	while (at < size) {
		size_t len = fuzz_line_len(s, size, at);
		char *line = malloc(len ? len : 1);

		FUZZ_ASSERT(line != NULL);
		memcpy(line, s + at, len);
		lineno++;
		int r, again = 0;
		while ((r = smtpcode_log_line(&st, line, len, &ev)) != 0) {
			FUZZ_ASSERT(r == 1 || r == 2);
			FUZZ_ASSERT(!again || r == 1); /* one fold's reply a line */
			check_event(&st, &ev, line, len, lineno);
			if (r == 1)
				break;
			again = 1;
		}
		free(line);
		at += len + 1;
	}
	while (smtpcode_log_end(&st, &ev)) {
		/* cut short, or a joined reply (a bounce's, a DSN field's)
		 * without the words that name its command */
		FUZZ_ASSERT((ev.reply.flags & SMTPCODE_REPLY_UNTERMINATED) ||
		            ev.format == SMTPCODE_LOG_DSN || ev.format == SMTPCODE_LOG_POSTFIX);
		check_event(&st, &ev, NULL, 0, lineno + 1);
	}
	return 0;
}
