/* SPDX-License-Identifier: MIT */
/* check.h - the "check" subcommand. */
#ifndef SMTPCODE_CHECK_H
#define SMTPCODE_CHECK_H

/* Runs "smtpcode check ARGS..." (argv[0] is "check"); returns the exit
 * status. */
int check_main(int argc, char **argv);

#endif
