/* SPDX-License-Identifier: MIT */
/* tap.h - a small Test Anything Protocol helper for the C tests. */
#ifndef SMTPCODE_TAP_H
#define SMTPCODE_TAP_H

#include <stddef.h>

#if defined(__GNUC__)
#define TAP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TAP_PRINTF(f, a)
#endif

/* Announces how many tests will run; call once, first. */
void plan(unsigned long count);

/* Each reports one test and returns whether it passed. */
int ok(int pass, const char *fmt, ...) TAP_PRINTF(2, 3);
int is_int(long want, long got, const char *fmt, ...) TAP_PRINTF(3, 4);
/* NULL equals only NULL. */
int is_string(const char *want, const char *got, const char *fmt, ...) TAP_PRINTF(3, 4);

/* A diagnostic line ("# ...") on stdout. */
void diag(const char *fmt, ...) TAP_PRINTF(1, 2);

/* Stops the whole test run: "Bail out! ..." and exit 255. */
void bail(const char *fmt, ...) TAP_PRINTF(1, 2);

#endif
