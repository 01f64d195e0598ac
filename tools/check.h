/* SPDX-License-Identifier: MIT */
/* check.h - the "check" subcommand: the checker that a run carries through
 * its files, and the functions of the files that read them (stream.c,
 * files.c, hold.c, report.c, jobs.c, check.c). */
#ifndef SMTPCODE_CHECK_H
#define SMTPCODE_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "smtpcode.h"
#include "counts.h"
#include "html.h"
#include "judge.h"
#include "out.h"
#include "records.h"

/* A reply found in a message, held until the whole message is read (the
 * same reply in its text and in its delivery-status part is one reply). */
struct held_record {
	struct smtpcode_log_event ev; /* its texts point into `texts` */
	unsigned long line;
	char part[128];                /* the MIME part: "1", "2.1" */
	int dropped;                   /* the same as a record kept */
	char *texts;                   /* reply text, command text, recipient */
};

/* The most --ignore patterns a run takes. */
#define CHECK_IGNORES 64

/* What "check" counts and how it prints, across the files of one run. */
struct checker {
	int all, json, summary;
	size_t bufsize;   /* the read buffer's size */
	size_t max_line;  /* longer lines are skipped (< bufsize) */
	struct counts counts;
	/* the records asked for (--verdict, --code, --command): the others are
	 * neither printed nor counted; 0 / "" / NULL for every one */
	unsigned verdicts;             /* bit v for verdict v */
	char code_pattern[4];          /* "5xx", "55x", "550" */
	const struct smtpcode_command *only_command;
	/* the replies left out (--ignore=CODE:COMMAND, --ignore-verdict=V):
	 * counted as ignored, neither printed nor judged further */
	struct ignore_rule {
		char code[4];          /* a pattern, as --code takes it */
		const struct smtpcode_command *command; /* NULL: see which */
		int which;             /* 0: any command; 1: command; 2: a reply
		                          whose command is not named ("-") */
	} ignores[CHECK_IGNORES];
	size_t nignores;
	unsigned ignore_verdicts;      /* bit v for verdict v */
	unsigned only_reasons;         /* --reason: bit r for reason r; 0: all */
	int details_read;              /* stream.c reads every record's details
	                                  (smtpcode_log_details) for this input */
	unsigned detail_kinds;         /* the details a record printed needs
	                                  (smtpcode_log_detail_kinds) */
	unsigned every_kinds;          /* those stream.c reads of every record:
	                                  without the queue id where the problems
	                                  alone are printed (check_report adds
	                                  it for them) */
	FILE *out;                     /* reports (stdout) */
	struct out ob;                 /* in front of out */
	char out_buf[64 * 1024];
	int line_buffered;             /* each record out as it is made */
	FILE *err;                     /* skipped lines (stderr) */
	int write_failed;              /* out failed: stop reading */
	/* the replies the reader found, whether or not the run asks for them
	 * (--code, --command, --verdict): an input that adds none is said */
	unsigned long found;
	int in_folder;                 /* reading a Maildir folder's files: the
	                                  folder is said, not each file */
	/* why a read failed, when the reader says more than errno */
	const char *(*read_message)(void *ctx);
	struct judge judge;            /* the standard (judge.std), the memos */
	struct explanations explanations; /* the text records' messages */
	/* the log reader of the run, reset for each input (NULL until the
	 * first; check_main makes it, and frees it with checker_free) */
	struct smtpcode_log *lg;
	/* where a record stands inside a message: an mbox's message number
	 * (from 1; 0 in a file of one message and in a log) and the MIME part
	 * ("1", "2.1"; NULL in a log); the records of a message are held */
	unsigned long message;
	const char *part;
	const char *message_date;      /* the message's Date: (its parts' time;
	                                  GMime's, until the message ends) */
	size_t message_date_len;
	int holding;
	struct held_record *held;
	size_t nheld, held_size;
	int held_failed;               /* out of memory while holding */
	struct html_page *html;        /* --html: the problem records kept for
	                                  the page, or NULL */
};

/* Reads up to n bytes into dst: the count, 0 at the end, -1 with errno. */
typedef ptrdiff_t check_read_fn(void *ctx, char *dst, size_t n);

/* check.c: zeroes *ck for the default standard, a buffer of bufsize
 * bytes, lines up to max_line bytes, and output to stdout and stderr. */
void checker_init(struct checker *ck, size_t bufsize, size_t max_line);

/* check.c: frees what *ck holds (the held records' table, the reader). */
void checker_free(struct checker *ck);

/* report.c: reports a reply found at line of file, when it is one the run
 * asks for: judged, counted and printed (a problem, or every record with
 * --all or --json). */
void check_report(struct checker *ck, const char *file, unsigned long line,
                  const struct smtpcode_log_event *ev);

/* hold.c: check_hold_begin holds the records reported from here on (a
 * message's), check_hold keeps one; check_hold_end reports those held,
 * without duplicates: a record of one MIME part whose code, enhanced code
 * and text are those of a record of another part is the same reply, kept
 * once (with the command, where one names it). */
void check_hold_begin(struct checker *ck);
void check_hold(struct checker *ck, unsigned long line, const struct smtpcode_log_event *ev);
void check_hold_end(struct checker *ck, const char *name);

/* stream.c: checks one input read through rd, line by line, in buf
 * (ck->bufsize bytes), whose first `have` bytes buf already holds: every
 * line is counted, reported replies are printed on ck->out, skipped lines
 * on ck->err. Returns 0, or 2 when reading failed (message printed). */
int check_stream(struct checker *ck, const char *name, check_read_fn *rd, void *ctx,
                 char *buf, size_t have);

/* files.c: check_stream() with a file's or standard input's bytes (plain
 * or compressed; a mail message, an mbox or a log). Returns 0, 1 when no
 * reply was found in it (a line on stderr says so), or 2. */
int check_fd(struct checker *ck, const char *name, int fd, char *buf);

/* files.c: opens and checks a file; a directory is read as a Maildir
 * folder when it is one, else an error. Returns 0, 1 (no reply found) or
 * 2. */
int check_file(struct checker *ck, const char *path, char *buf);

/* files.c: checks the Maildir folder dir (its cur/ and new/, files in
 * name order), each file a message. Returns 0, 1 when none of its
 * messages held a reply (one line says so), or 2 after a one-line error. */
int check_maildir(struct checker *ck, const char *dir, char *buf);

/* files.c: whether dir is a Maildir folder (it has cur/ or new/). */
int is_maildir(const char *dir);

/* jobs.c: checks the files on `jobs` processes at once, printing their
 * records in the order of the files, as one run would; their counts are
 * added to ck. Returns 0, 1 (problems) or 2 (a file could not be read, or
 * a job failed). */
int check_jobs(struct checker *ck, char **files, int nfiles, int jobs, char *buf);

/* check.c: runs "smtpcode check ARGS..." (argv[0] is "check"); returns
 * the exit status. */
int check_main(int argc, char **argv);

#endif
