/* SPDX-License-Identifier: MIT */
/* fuzz-enhanced.c - enhanced status codes from outside text: the whole
 * text as a code, a code at the start of reply text, the registry entry,
 * and its pairing with a basic code (bytes 0-1). */
#include "smtpcode.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct smtpcode_ecode e = { -1, -1, -1 }, sc = { -1, -1, -1 };
	enum smtpcode_eform form = smtpcode_ecode_parse(s, size, &e);
	const struct smtpcode_enhanced *en = smtpcode_enhanced_from_text(s, size);
	size_t n = smtpcode_ecode_scan(s, size, &sc);
	enum smtpcode_pairing p;

	fuzz_touch_str(smtpcode_eform_reason(form));
	if (form == SMTPCODE_EFORM_OK) {
		FUZZ_ASSERT(e.cls == 2 || e.cls == 4 || e.cls == 5);
		FUZZ_ASSERT(e.subject >= 0 && e.subject <= 999);
		FUZZ_ASSERT(e.detail >= 0 && e.detail <= 999);
		FUZZ_ASSERT(size >= 5 && size <= 9);
		FUZZ_ASSERT(en == smtpcode_enhanced(e.subject, e.detail));
		/* The whole text is a code: scanning finds all of it. */
		FUZZ_ASSERT(n == size && sc.cls == e.cls && sc.subject == e.subject &&
		            sc.detail == e.detail);
	} else {
		FUZZ_ASSERT(en == NULL);
	}
	if (en) {
		fuzz_touch_str(en->text);
		fuzz_touch_str(en->description);
		for (size_t i = 0; i < en->nbasic; i++)
			fuzz_touch_str(en->basic[i]);
		for (size_t i = 0; i < en->nsources; i++)
			fuzz_touch_str(en->sources[i]);
	}
	if (n > 0) {
		FUZZ_ASSERT(n <= size && n >= 5 && n <= 9);
		FUZZ_ASSERT(n == size || s[n] == ' ' || s[n] == '\t');
		FUZZ_ASSERT(smtpcode_ecode_parse(s, n, NULL) == SMTPCODE_EFORM_OK);
	}
	if (size >= 2) {
		int code = ((data[0] << 8) | data[1]) % 1100 - 50;
		p = smtpcode_pair(code, n > 0 ? &sc : NULL);
		fuzz_touch_str(smtpcode_pairing_name(p));
		if (n == 0 || code < 100 || code > 999)
			FUZZ_ASSERT(p == SMTPCODE_PAIR_BAD_ARGUMENT);
		else if (code / 100 != sc.cls)
			FUZZ_ASSERT(p == SMTPCODE_PAIR_CLASS_MISMATCH);
	}
	return 0;
}
