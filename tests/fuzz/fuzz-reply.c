/* SPDX-License-Identifier: MIT */
/* fuzz-reply.c - the reply parser: each line of the input alone, the lines
 * fed one by one as a multi-line reply, and the whole input read as a reply
 * flattened onto one line; and the reason reader (smtpcode_reason) over the
 * whole input as a reply's text, with the codes read, any command and a
 * host chosen by the input's first byte: what it gives must hang together,
 * be the same twice, and not change when the text's letters change case. */
#include <ctype.h>
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

static const char *const hosts[] = { NULL, "", "gmail-smtp-in.l.google.com",
	"example-com.mail.protection.outlook.com", "mta6.am0.yahoodns.net", "MX00.GMX.NET.",
	"google.com", "." };

static void check_reason(const char *s, size_t size, const struct smtpcode_reply_state *st)
{
	static char upper[1 << 16];
	const size_t nh = sizeof hosts / sizeof hosts[0];
	const char *host = size ? hosts[(unsigned char)s[0] % nh] : NULL;
	const struct smtpcode_command *cmd =
		size > 1 ? smtpcode_command_at((unsigned char)s[1] % (smtpcode_command_count() + 1)) : NULL;
	const struct smtpcode_ecode *e = st->has_ecode ? &st->ecode : NULL;
	struct smtpcode_why w, w2;
	int r = smtpcode_reason(st->code, e, s, size, cmd, host, &w);

	if (st->code < 400 || st->code > 599) {
		FUZZ_ASSERT(r == -1);
		return;
	}
	FUZZ_ASSERT(r >= 0 && r < SMTPCODE_REASON_COUNT && r == (int)w.reason);
	fuzz_touch_str(smtpcode_reason_name(w.reason));
	fuzz_touch_str(smtpcode_reason_definition(w.reason));
	fuzz_touch_str(smtpcode_reason_step_name(w.by));
	fuzz_touch_str(w.rule);
	fuzz_touch_str(w.what);
	fuzz_touch_str(w.software);
	fuzz_touch_str(w.source);
	FUZZ_ASSERT((w.provider != NULL) == (w.by == SMTPCODE_REASON_BY_PROVIDER));
	if (w.provider) {
		FUZZ_ASSERT(w.provider->reason == w.reason && w.provider->npages >= 1);
		fuzz_touch_str(w.provider->meaning);
		fuzz_touch_str(w.provider->pages[w.provider->npages - 1].address);
	}
	if (w.by == SMTPCODE_REASON_BY_NOTHING)
		FUZZ_ASSERT(w.reason == SMTPCODE_REASON_UNDEFINED);
	if (w.by == SMTPCODE_REASON_BY_STATUS)
		FUZZ_ASSERT(e != NULL);
	/* the same twice; and the same when the letters change case */
	FUZZ_ASSERT(smtpcode_reason(st->code, e, s, size, cmd, host, &w2) == r && w2.by == w.by &&
	            w2.strong == w.strong && w2.rule == w.rule && w2.source == w.source &&
	            w2.provider == w.provider);
	if (size <= sizeof upper) {
		for (size_t i = 0; i < size; i++)
			upper[i] = (char)toupper((unsigned char)s[i]);
		FUZZ_ASSERT(smtpcode_reason(st->code, e, upper, size, cmd, host, &w2) == r &&
		            w2.by == w.by && w2.rule == w.rule && w2.provider == w.provider);
	}
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
		check_reason(s, size, &st);
	}
	return 0;
}
