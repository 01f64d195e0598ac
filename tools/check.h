/* SPDX-License-Identifier: MIT */
/* check.h - the "check" subcommand. */
#ifndef SMTPCODE_CHECK_H
#define SMTPCODE_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "smtpcode.h"
#include "out.h"

/* A verdict remembered for a code, enhanced code and command (check.c's
 * verdict_of). */
#define CHECK_MEMO_BITS 8
struct verdict_memo {
	unsigned long long key; /* 0: unused */
	unsigned char verdict;
};

/* A valid record's message, remembered for its codes and command. */
#define CHECK_MESSAGE_BITS 6
struct message_memo {
	unsigned long long key; /* 0: unused */
	char text[184];
};

/* A reply found in a message, held until the whole message is read (the
 * same reply in its text and in its delivery-status part is one reply). */
struct held_record {
	struct smtpcode_log_event ev; /* its texts point into `texts` */
	unsigned long line;
	char part[128];                /* the MIME part: "1", "2.1" */
	int dropped;                   /* the same as a record kept */
	char *texts;                   /* reply text, command text, recipient */
};

/* What "check" counts and how it prints, across the files of one run. */
/* A remote host's counts, for --summary. */
#define CHECK_HOSTS 4096
#define CHECK_HOST_NAME 96
struct host_count {
	char name[CHECK_HOST_NAME];
	unsigned long replies, problems;
};

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
	struct out ob;                 /* in front of out */
	char out_buf[64 * 1024];
	int line_buffered;             /* each record out as it is made */
	FILE *err;                     /* skipped lines (stderr) */
	int write_failed;              /* out failed: stop reading */
	/* why a read failed, when the reader says more than errno */
	const char *(*read_message)(void *ctx);
	struct verdict_memo memo[1u << CHECK_MEMO_BITS];
	struct message_memo messages[1u << CHECK_MESSAGE_BITS];
	/* where a record stands inside a message: an mbox's message number
	 * (from 1; 0 in a file of one message and in a log) and the MIME part
	 * ("1", "2.1"; NULL in a log); the records of a message are held */
	unsigned long message;
	const char *part;
	int holding;
	struct held_record *held;
	size_t nheld, held_size;
	int held_failed;               /* out of memory while holding */
	/* --summary: replies and problems by remote host (the first
	 * CHECK_HOSTS names; the rest under others) */
	struct host_count *hosts;
	size_t nhosts;
	unsigned long other_host_replies, other_host_problems;
};

/* Reads up to n bytes into dst: the count, 0 at the end, -1 with errno. */
typedef ptrdiff_t check_read_fn(void *ctx, char *dst, size_t n);

/* Zeroes *ck for the default standard, a buffer of bufsize bytes, lines
 * up to max_line bytes, and output to stdout and stderr. */
void checker_init(struct checker *ck, size_t bufsize, size_t max_line);

/* Checks one input read through rd, line by line, in buf (ck->bufsize
 * bytes), whose first `have` bytes buf already holds: every line is
 * counted, reported replies are printed on ck->out, skipped lines on
 * ck->err. Returns 0, or 2 when reading failed (message printed). */
int check_stream(struct checker *ck, const char *name, check_read_fn *rd, void *ctx,
                 char *buf, size_t have);

/* check_stream() with a file's or standard input's bytes (plain or
 * compressed; a mail message, an mbox or a log). Returns 0 or 2. */
int check_fd(struct checker *ck, const char *name, int fd, char *buf);

/* Opens and checks a file; a directory is read as a Maildir folder when it
 * is one, else an error. Returns 0 or 2. */
int check_file(struct checker *ck, const char *path, char *buf);

/* "smtpcode: FILE: MESSAGE" on stderr, the name escaped; returns 2. */
int file_error(const char *name, const char *message);

/* Holds the records reported from here on (a message's). */
void check_hold_begin(struct checker *ck);

/* Reports the records held, without duplicates: a record of one MIME part
 * whose code, enhanced code and text are those of a record of another part
 * is the same reply, kept once (with the command, where one names it). */
void check_hold_end(struct checker *ck, const char *name);

/* The counts a summary adds up, as merge.c and jobs.c add other runs' to
 * them: check_add_count adds n to a count by its JSON name (group NULL:
 * "lines", "replies", "skipped", "problems"; "verdicts", "codes",
 * "commands": a verdict, a code "550", a command or "(none)"), -1 for a
 * name it does not know; check_add_host to a remote host's (NULL: the
 * hosts counted together past the table's room); check_clear_counts zeroes them all. */
int check_add_count(struct checker *ck, const char *group, const char *name, unsigned long n);
void check_add_host(struct checker *ck, const char *name, unsigned long replies,
                    unsigned long problems);
void check_clear_counts(struct checker *ck);
/* Adds from's counts to to's (from's host table not yet summarised). */
void check_add_counts(struct checker *to, const struct checker *from);

/* Prints the summary on out, as text or one line of JSON. The last use of
 * the host table: it is sorted in place. */
void check_summary(struct checker *ck, FILE *out, int json);

/* Adds the counts of every summary in f (JSON Lines, as "check --summary
 * --json" writes them; other records are passed over) to ck. Returns 0,
 * or 2 with a message naming the file and line (a summary that does not
 * read, or a file without one); then nothing of f is added. */
int merge_summaries(struct checker *ck, const char *name, FILE *f);

/* Checks the files on `jobs` processes at once, printing their records in
 * the order of the files, as one run would; their counts are added to ck.
 * Returns 0, 1 (problems) or 2 (a file could not be read, or a job failed). */
int check_jobs(struct checker *ck, char **files, int nfiles, int jobs, char *buf);

/* Runs "smtpcode check ARGS..." (argv[0] is "check"); returns the exit
 * status. */
int check_main(int argc, char **argv);

#endif
