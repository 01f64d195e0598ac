/* SPDX-License-Identifier: MIT */
/* tap.c - the TAP helper: numbering, results, and a summary at exit. */
#include "tap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long planned, run, failed;

/* At exit: say what went wrong in the plan or the results. */
static void finish(void)
{
	if (planned != run)
		printf("# planned %lu tests but ran %lu\n", planned, run);
	if (failed)
		printf("# looks like you failed %lu of %lu tests\n", failed, run);
	fflush(stdout);
}

void plan(unsigned long count)
{
	planned = count;
	printf("1..%lu\n", count);
	fflush(stdout);
	atexit(finish);
}

static int report(int pass, const char *fmt, va_list ap)
{
	run++;
	if (!pass)
		failed++;
	printf("%sok %lu - ", pass ? "" : "not ", run);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	return pass;
}

int ok(int pass, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pass = report(pass, fmt, ap);
	va_end(ap);
	return pass;
}

int is_int(long want, long got, const char *fmt, ...)
{
	va_list ap;
	int pass = want == got;
	va_start(ap, fmt);
	report(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   want: %ld\n#    got: %ld\n", want, got);
	return pass;
}

int is_string(const char *want, const char *got, const char *fmt, ...)
{
	va_list ap;
	int pass = (want == NULL || got == NULL) ? want == got : strcmp(want, got) == 0;
	va_start(ap, fmt);
	report(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   want: %s\n#    got: %s\n", want ? want : "(null)",
		       got ? got : "(null)");
	return pass;
}

void diag(const char *fmt, ...)
{
	va_list ap;
	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void bail(const char *fmt, ...)
{
	va_list ap;
	fputs("Bail out! ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	exit(255);
}
