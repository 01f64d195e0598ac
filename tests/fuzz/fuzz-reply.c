/* SPDX-License-Identifier: MIT */
/* fuzz-reply.c - the reply parser: each line of the input alone, the lines
 * fed one by one as a multi-line reply, and the whole input read as a reply
 * flattened onto one line. */
#include <string.h>

#include "smtpcode.h"
#include "fuzz.h"

static void check_state(const struct smtpcode_reply_state *st, const char *base, size_t size)
{
	FUZZ_ASSERT(st->code >= -1 && st->code <= 999);
	FUZZ_ASSERT(st->text_len == 0 || fuzz_inside(st->text, st->text_len, base, size));
	fuzz_touch(st->text, st->text_len);
	if (st->has_ecode)
		FUZZ_ASSERT(st->ecode.cls == 2 || st->ecode.cls == 4 || st->ecode.cls == 5);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct smtpcode_reply_state st;
	size_t at = 0, lines = 0;

	smtpcode_reply_begin(&st);
	while (at < size) {
		size_t len = fuzz_line_len(s, size, at);
		struct smtpcode_line l;
		enum smtpcode_feed f;

		if (smtpcode_line_parse(s + at, len, &l)) {
			FUZZ_ASSERT(len >= 3 && l.code >= 0 && l.code <= 999);
			FUZZ_ASSERT(fuzz_inside(l.text, l.text_len, s + at, len));
			fuzz_touch(l.text, l.text_len);
		}
		f = smtpcode_reply_feed(&st, s + at, len);
		FUZZ_ASSERT(f == SMTPCODE_FEED_MORE || f == SMTPCODE_FEED_DONE ||
		            f == SMTPCODE_FEED_NOT_REPLY);
		if (f == SMTPCODE_FEED_DONE) {
			FUZZ_ASSERT(st.lines >= 1 && st.lines <= lines + 1 && !st.open);
			check_state(&st, s + at, len);
		}
		lines = f == SMTPCODE_FEED_MORE ? lines + 1 : 0;
		at += len + 1;
	}
	if (smtpcode_reply_flat(s, size, &st)) {
		FUZZ_ASSERT(st.code >= 0 && st.lines >= 1);
		check_state(&st, s, size);
	}
	return 0;
}
