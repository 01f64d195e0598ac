/* SPDX-License-Identifier: MIT */
/* fuzz-merge.c - "smtpcode check --merge" over a whole buffer read as a
 * file of summaries. A file that does not read adds nothing; one that
 * does gives a summary that reads back as itself once its names are
 * normalised (cut, invalid UTF-8 replaced): merge(S) written twice over
 * gives the same bytes. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "counts.h"
#include "merge.h"
#include "fuzz.h"

/* The JSON summary of cn, in a buffer of ours (free it). */
static char *written(struct counts *cn, size_t *len)
{
	char *p = NULL;
	FILE *f = open_memstream(&p, len);

	FUZZ_ASSERT(f != NULL);
	counts_summary(cn, f, 1);
	FUZZ_ASSERT(fclose(f) == 0);
	return p;
}

/* Merges p[0..n) into a cleared cn; merge_summaries's status. Its
 * message for input that does not read goes to /dev/null (libFuzzer's
 * own stay on stderr). */
static int merged(struct counts *cn, const char *p, size_t n)
{
	FILE *f = fmemopen((void *)(uintptr_t)p, n, "r");
	static int null = -1;
	int st, saved;

	if (null < 0)
		null = open("/dev/null", O_WRONLY);
	FUZZ_ASSERT(f != NULL && null >= 0);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	FUZZ_ASSERT(saved >= 0 && dup2(null, STDERR_FILENO) >= 0);
	counts_clear(cn);
	st = merge_summaries(cn, "fuzz", f);
	fclose(f);
	FUZZ_ASSERT(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct counts cn;
	char *one, *two, *three;
	size_t n1, n2, n3;
	int st;

	if (size == 0)
		return 0;
	st = merged(&cn, (const char *)data, size);
	FUZZ_ASSERT(st == 0 || st == 2);
	if (st != 0) {
		FUZZ_ASSERT(cn.lines == 0 && cn.replies == 0 && cn.nhosts == 0);
		for (int o = 0; o < COUNTS_ORIGINS; o++)
			FUZZ_ASSERT(cn.other_host_replies[o] == 0);
		return 0;
	}
	one = written(&cn, &n1);
	FUZZ_ASSERT(merged(&cn, one, n1) == 0);
	two = written(&cn, &n2);
	FUZZ_ASSERT(merged(&cn, two, n2) == 0);
	three = written(&cn, &n3);
	FUZZ_ASSERT(n2 == n3 && memcmp(two, three, n2) == 0);
	counts_clear(&cn);
	free(one);
	free(two);
	free(three);
	return 0;
}
