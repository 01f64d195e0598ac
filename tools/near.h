/* SPDX-License-Identifier: MIT */
/* near.h - the known word nearest to a mistyped one: "did you mean". */
#ifndef SMTPCODE_NEAR_H
#define SMTPCODE_NEAR_H

#include <getopt.h>
#include <stddef.h>

/* The word of words[0..count) nearest to w[0..n) by edit distance
 * (a byte put in, left out or changed, or two neighbours swapped; ASCII
 * case ignored), when it is near enough to be a slip of the fingers: one
 * edit for a word of up to 4 bytes, two up to 8, three beyond; NULL when
 * none is, or when two words are equally near. */
const char *near_word(const char *w, size_t n, const char *const *words, size_t count);

/* The command (or alias) nearest to the unknown word w[0..n) ("RCTP":
 * "RCPT"), its name as the tables write it; NULL for none. */
const char *near_command(const char *w, size_t n);

/* The long option of opts (ended by a zero row) nearest to the unknown
 * argument arg ("--jbos", "--jbos=4", "-4"), by its name; NULL for none. */
const char *near_option(const char *arg, const struct option *opts);

/* Reports the option getopt_long() refused (it returned '?' or, with an
 * optstring that begins with ':', ':' for a missing argument: ch), for the
 * mode (NULL, or "check"): the option as given (a long option without its
 * value), what was wrong, the nearest known option, and the help to try;
 * on standard error, and as JSON when json_errors is set. hint, when not
 * NULL, is said after it. Returns EXIT_USAGE. */
int option_error(const char *mode, int ch, int argc, char **argv, const struct option *opts,
                 const char *hint);

#endif
