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

#include "check.h"
#include "fuzz.h"

/* The JSON summary of ck, in a buffer of ours (free it). */
static char *written(struct checker *ck, size_t *len)
{
	char *p = NULL;
	FILE *f = open_memstream(&p, len);

	FUZZ_ASSERT(f != NULL);
	check_summary(ck, f, 1);
	FUZZ_ASSERT(fclose(f) == 0);
	return p;
}

/* Merges p[0..n) into a cleared ck; merge_summaries's status. Its
 * message for input that does not read goes to /dev/null (libFuzzer's
 * own stay on stderr). */
static int merged(struct checker *ck, const char *p, size_t n)
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
	check_clear_counts(ck);
	st = merge_summaries(ck, "fuzz", f);
	fclose(f);
	FUZZ_ASSERT(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct checker ck;
	static int ready;
	char *one, *two, *three;
	size_t n1, n2, n3;
	int st;

	if (!ready) {
		checker_init(&ck, 1024, 512);
		ready = 1;
	}
	if (size == 0)
		return 0;
	st = merged(&ck, (const char *)data, size);
	FUZZ_ASSERT(st == 0 || st == 2);
	if (st != 0) {
		FUZZ_ASSERT(ck.lines == 0 && ck.replies == 0 && ck.nhosts == 0 &&
		            ck.other_host_replies == 0);
		return 0;
	}
	one = written(&ck, &n1);
	FUZZ_ASSERT(merged(&ck, one, n1) == 0);
	two = written(&ck, &n2);
	FUZZ_ASSERT(merged(&ck, two, n2) == 0);
	three = written(&ck, &n3);
	FUZZ_ASSERT(n2 == n3 && memcmp(two, three, n2) == 0);
	check_clear_counts(&ck);
	free(one);
	free(two);
	free(three);
	return 0;
}
