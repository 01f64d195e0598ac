/* SPDX-License-Identifier: MIT */
/* out.h - a buffer in front of a stdio stream, for output written a piece
 * at a time: check's records, and the JSON strings and escaped text of
 * every output. A record is a few dozen pieces; through stdio each piece
 * costs a call, a lock and a bounds check, most of the time of
 * "check --all --json". */
#ifndef SMTPCODE_OUT_H
#define SMTPCODE_OUT_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct out {
	char *p, *end; /* the free room of buf */
	char *buf;
	FILE *f;       /* where the bytes go */
	int failed;    /* a write to f failed */
};

/* Bytes for f, gathered in buf[0..size). */
void out_init(struct out *o, FILE *f, char *buf, size_t size);

/* Writes what buf holds to f (not fflush'ed); -1 when that failed. */
int out_flush(struct out *o);

/* The buffer in front of standard output, when one is in use: flushed by
 * out_sync() before anything else writes there (json_error). */
extern struct out *out_stdout;
void out_sync(void);

void out_put_slow(struct out *o, const char *s, size_t n);

static inline void out_put(struct out *o, const char *s, size_t n)
{
	if ((size_t)(o->end - o->p) >= n) {
		memcpy(o->p, s, n);
		o->p += n;
	} else {
		out_put_slow(o, s, n);
	}
}

static inline void out_str(struct out *o, const char *s)
{
	out_put(o, s, strlen(s));
}

static inline void out_char(struct out *o, char c)
{
	if (o->p == o->end)
		out_flush(o);
	*o->p++ = c;
}

/* v in decimal at out (room for 20 bytes), not terminated; the length. */
size_t put_ulong(char *out, unsigned long long v);

/* v in decimal. */
void out_ulong(struct out *o, unsigned long v);

/* s[0..len) as a JSON string with its quotes: control bytes escaped,
 * invalid UTF-8 as U+FFFD. The one JSON string writer (json_text is it
 * on a stdio stream). */
void out_json(struct out *o, const char *s, size_t len);

/* s[0..len) with control bytes (and with ascii_only, bytes from 0x7f) as
 * \xHH, so that input cannot send escape sequences to a terminal. The
 * one escaper (put_escaped is it on a stdio stream). */
void out_escaped(struct out *o, const char *s, size_t len, int ascii_only);

#endif
