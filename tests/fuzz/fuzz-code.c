/* SPDX-License-Identifier: MIT */
/* fuzz-code.c - a basic reply code from outside text: smtpcode_parse_code,
 * smtpcode_reply_from_text and what a code's digits mean. */
#include <string.h>

#include "smtpcode.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	int code = smtpcode_parse_code(s, size);
	const struct smtpcode_reply *r = smtpcode_reply_from_text(s, size);

	/* A code parses only from exactly three digits. */
	if (code >= 0) {
		FUZZ_ASSERT(size == 3 && code <= 999);
		FUZZ_ASSERT(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
		            s[2] >= '0' && s[2] <= '9');
		FUZZ_ASSERT(code == (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0'));
		FUZZ_ASSERT(r == smtpcode_reply(code));
		fuzz_touch_str(smtpcode_form_reason(smtpcode_code_form(code)));
		if (smtpcode_class(code))
			fuzz_touch_str(smtpcode_class(code)->meaning);
		if (smtpcode_category(code))
			fuzz_touch_str(smtpcode_category(code)->meaning);
	} else {
		FUZZ_ASSERT(r == NULL);
	}
	if (r) {
		FUZZ_ASSERT(r->code == code);
		fuzz_touch_str(r->text);
		fuzz_touch_str(r->explanation);
	}
	/* Any int, not only three digits. */
	if (size >= sizeof(int)) {
		int any;
		memcpy(&any, data, sizeof any);
		r = smtpcode_reply(any);
		FUZZ_ASSERT(r == NULL || r->code == any);
		fuzz_touch_str(smtpcode_form_reason(smtpcode_code_form(any)));
		FUZZ_ASSERT(smtpcode_class(any) == NULL || (any >= 100 && any <= 999));
		(void)smtpcode_category(any);
	}
	return 0;
}
