/* SPDX-License-Identifier: MIT */
/* check.h - the "check" subcommand. */
#ifndef SMTPCODE_CHECK_H
#define SMTPCODE_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "smtpcode.h"

/* A verdict remembered for a code, enhanced code and command (check.c's
 * verdict_of). */
#define CHECK_MEMO_BITS 8
struct verdict_memo {
	unsigned long long key; /* 0: unused */
	unsigned char verdict;
};

/* What "check" counts and how it prints, across the files of one run. */
struct checker {
	enum smtpcode_standard std;
	int all, json, summary;
	size_t bufsize;   /* the read buffer's size */
	size_t max_line;  /* longer lines are skipped (< bufsize) */
	unsigned long lines, replies, skipped, problems;
	unsigned long by_verdict[16];
	unsigned long by_code[1000];
	unsigned long by_command[64];  /* [command id] */
	unsigned long no_command;      /* replies the log names no command for */
	const struct smtpcode_command *rcpt, *connect; /* for hint() */
	/* the records asked for (--verdict, --code, --command): the others are
	 * neither printed nor counted; 0 / "" / NULL for every one */
	unsigned verdicts;             /* bit v for verdict v */
	char code_pattern[4];          /* "5xx", "55x", "550" */
	const struct smtpcode_command *only_command;
	FILE *out;                     /* reports (stdout) */
	FILE *err;                     /* skipped lines (stderr) */
	int write_failed;              /* out failed: stop reading */
	/* why a read failed, when the reader says more than errno */
	const char *(*read_message)(void *ctx);
	struct verdict_memo memo[1u << CHECK_MEMO_BITS];
};

/* Reads up to n bytes into dst: the count, 0 at the end, -1 with errno. */
typedef ptrdiff_t check_read_fn(void *ctx, char *dst, size_t n);

/* Zeroes *ck for the default standard, a buffer of bufsize bytes, lines
 * up to max_line bytes, and output to stdout and stderr. */
void checker_init(struct checker *ck, size_t bufsize, size_t max_line);

/* Checks one input read through rd, line by line, in buf (ck->bufsize
 * bytes): every line is counted, reported replies are printed on ck->out,
 * skipped lines on ck->err. Returns 0, or 2 when reading failed (message
 * printed). */
int check_stream(struct checker *ck, const char *name, check_read_fn *rd, void *ctx,
                 char *buf);

/* Runs "smtpcode check ARGS..." (argv[0] is "check"); returns the exit
 * status. */
int check_main(int argc, char **argv);

#endif
