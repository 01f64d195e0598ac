/* SPDX-License-Identifier: MIT */
/* input.h - what "check" reads: a file or standard input, plain text or
 * compressed as logrotate leaves it (gzip, xz, zstd, bzip2), told apart by
 * its first bytes, never by its name. */
#ifndef SMTPCODE_INPUT_H
#define SMTPCODE_INPUT_H

#include <stddef.h>

enum input_kind { INPUT_PLAIN, INPUT_GZIP, INPUT_XZ, INPUT_ZSTD, INPUT_BZIP2 };

/* One input being read; input_open() fills it. */
struct input {
	int fd;
	enum input_kind kind;
	const char *error;        /* why the last read failed; NULL: errno */
	int checked;              /* the first bytes were looked at (binary?) */
	int eof;                  /* fd has no more bytes */
	int member_end;           /* the decoder ended a member (a gzip or
	                             bzip2 member, an xz stream, a zstd frame) */
	void *decoder;            /* the library's state, while open */
	size_t in_pos, in_len;    /* compressed bytes in inbuf */
	unsigned char inbuf[64 * 1024];
};

/* Starts reading fd: reads its first bytes to tell the kind. Returns 0, or
 * -1 with in->error (or errno) set. */
int input_open(struct input *in, int fd);

/* check_read_fn: up to n bytes of text into dst; 0 at the end; -1 on an
 * error, with in->error (or errno) set. */
ptrdiff_t input_read(void *ctx, char *dst, size_t n);

/* Why the last call failed: in->error, or strerror(errno). */
const char *input_message(void *ctx);

/* Frees the decoder. */
void input_close(struct input *in);

/* "gzip", "xz", "zstd", "bzip2" or "plain". */
const char *input_kind_name(enum input_kind k);

#endif
