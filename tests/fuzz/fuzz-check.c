/* SPDX-License-Identifier: MIT */
/* fuzz-check.c - "smtpcode check" over a whole buffer, read in chunks of
 * varying size through a small buffer so that lines cross every boundary
 * and some are too long. Byte 0 picks the buffer size, byte 1 the chunk
 * size and the output mode; the rest is the log. Nothing may be lost:
 * the lines counted must equal the lines in the input. Input that looks
 * like a mail message or an mbox is read as one too (GMime, when the
 * build has it), its records held and merged. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fuzz.h"
#include "message.h"

struct source {
	const char *p;
	size_t left, chunk;
};

static ptrdiff_t read_mem(void *ctx, char *dst, size_t n)
{
	struct source *src = ctx;

	if (n > src->chunk)
		n = src->chunk;
	if (n > src->left)
		n = src->left;
	memcpy(dst, src->p, n);
	src->p += n;
	src->left -= n;
	return (ptrdiff_t)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	static struct checker ck;
	static char buf[1024];
	struct source src;
	size_t want = 0;
	enum message_kind kind;

	if (null == NULL) {
		/* The reports are written, to nowhere. */
		null = fopen("/dev/null", "w");
		FUZZ_ASSERT(null != NULL);
	}
	if (size < 2)
		return 0;
	checker_init(&ck, 16 + data[0] % (sizeof buf - 16), 0);
	ck.max_line = ck.bufsize / 2;
	ck.out = null;
	ck.err = null;
	ck.all = data[1] & 1;
	ck.json = (data[1] >> 1) & 1;
	ck.judge.std = (enum smtpcode_standard)((data[1] >> 2) % 3);
	src.p = (const char *)data + 2;
	src.left = size - 2;
	src.chunk = 1 + (data[1] >> 4) * 37;
	for (size_t i = 0; i < src.left; i++)
		want += src.p[i] == '\n';
	if (src.left > 0 && src.p[src.left - 1] != '\n')
		want++;
	kind = message_kind(src.p, src.left, 0);
	FUZZ_ASSERT(kind == MESSAGE_NONE || kind == MESSAGE_ONE || kind == MESSAGE_MBOX);
	FUZZ_ASSERT(message_kind(src.p, src.left, 1) == kind ||
	            message_kind(src.p, src.left, 1) == MESSAGE_UNDECIDED);
	if (kind != MESSAGE_NONE && message_supported()) {
		int st = check_message(&ck, "fuzz", kind, NULL, 0, read_mem, &src, buf);
		FUZZ_ASSERT(st == 0 || st == 2);
		FUZZ_ASSERT(!ck.holding && ck.nheld == 0);
		checker_free(&ck);
		return 0;
	}
	FUZZ_ASSERT(check_stream(&ck, "fuzz", read_mem, &src, buf, 0) == 0);
	FUZZ_ASSERT(ck.counts.lines == want);
	FUZZ_ASSERT(ck.counts.problems <= ck.counts.replies && ck.counts.skipped <= ck.counts.lines);
	checker_free(&ck);
	return 0;
}
