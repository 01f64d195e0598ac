/* SPDX-License-Identifier: MIT */
/* input.c - plain and compressed inputs for "check". Compressed data is
 * decoded in the process through zlib, liblzma, libzstd and libbz2, each
 * optional (configure finds them); several members in a row (cat a.gz
 * b.gz) are read one after another.
 * Layer: a leaf, under files.c; calls the C and compression libraries
 * only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it */
#include "input.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_ZLIB
#define ZLIB_CONST
#include <zlib.h>
#endif
#ifdef HAVE_LZMA
#include <lzma.h>
#endif
#ifdef HAVE_ZSTD
#include <zstd.h>
#endif
#ifdef HAVE_BZIP2
#include <bzlib.h>
#endif

/* Which decoders this build has. */
#ifdef HAVE_ZLIB
#define WITH_GZIP 1
#else
#define WITH_GZIP 0
#endif
#ifdef HAVE_LZMA
#define WITH_XZ 1
#else
#define WITH_XZ 0
#endif
#ifdef HAVE_ZSTD
#define WITH_ZSTD 1
#else
#define WITH_ZSTD 0
#endif
#ifdef HAVE_BZIP2
#define WITH_BZIP2 1
#else
#define WITH_BZIP2 0
#endif

/* Each kind's magic bytes (RFC 1952, the xz and zstd formats, bzip2's). */
static const struct {
	const char *name;
	size_t len;
	enum input_kind kind;
	int built;
	unsigned char magic[6];
} kinds[] = {
	{ "gzip", 2, INPUT_GZIP, WITH_GZIP, { 0x1f, 0x8b } },
	{ "xz", 6, INPUT_XZ, WITH_XZ, { 0xfd, '7', 'z', 'X', 'Z', 0 } },
	{ "zstd", 4, INPUT_ZSTD, WITH_ZSTD, { 0x28, 0xb5, 0x2f, 0xfd } },
	{ "bzip2", 3, INPUT_BZIP2, WITH_BZIP2, { 'B', 'Z', 'h' } },
};

const char *input_kind_name(enum input_kind k)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (kinds[i].kind == k)
			return kinds[i].name;
	return "plain";
}

/* Reads more of the file into inbuf after what is there; 0 at its end. */
static ptrdiff_t fill(struct input *in)
{
	ptrdiff_t n;

	if (in->in_pos == in->in_len)
		in->in_pos = in->in_len = 0;
	do
		n = read(in->fd, in->inbuf + in->in_len, sizeof in->inbuf - in->in_len);
	while (n < 0 && errno == EINTR);
	if (n == 0)
		in->eof = 1;
	if (n > 0)
		in->in_len += (size_t)n;
	return n;
}

int input_open(struct input *in, int fd)
{
	in->fd = fd;
	in->kind = INPUT_PLAIN;
	in->error = NULL;
	in->checked = in->eof = in->member_end = 0;
	in->decoder = NULL;
	in->in_pos = in->in_len = 0;
	/* The magic bytes: up to six, fewer at the end of a short input. */
	while (in->in_len < 6 && !in->eof)
		if (fill(in) < 0)
			return -1;
	/* The first read may be short (a pipe): the binary test looks at the
	 * first block that input_read() gives. */
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (in->in_len < kinds[i].len || memcmp(in->inbuf, kinds[i].magic, kinds[i].len) != 0)
			continue;
		if (!kinds[i].built) {
			static char msg[64];
			snprintf(msg, sizeof msg, "built without %s support", kinds[i].name);
			in->error = msg;
			return -1;
		}
		in->kind = kinds[i].kind;
	}
	return 0;
}

void input_close(struct input *in)
{
	if (in->decoder == NULL)
		return;
	switch (in->kind) {
#ifdef HAVE_ZLIB
	case INPUT_GZIP:
		inflateEnd(in->decoder);
		break;
#endif
#ifdef HAVE_LZMA
	case INPUT_XZ:
		lzma_end(in->decoder);
		break;
#endif
#ifdef HAVE_ZSTD
	case INPUT_ZSTD:
		ZSTD_freeDStream(in->decoder);
		in->decoder = NULL;
		return;
#endif
#ifdef HAVE_BZIP2
	case INPUT_BZIP2:
		BZ2_bzDecompressEnd(in->decoder);
		break;
#endif
	default:
		break;
	}
	free(in->decoder);
	in->decoder = NULL;
}

/* Sets the error "truncated or corrupt KIND data" and returns -1. */
static ptrdiff_t damaged(struct input *in)
{
	static char msg[64];

	snprintf(msg, sizeof msg, "truncated or corrupt %s data", input_kind_name(in->kind));
	in->error = msg;
	return -1;
}

/* One step of the decoder: from inbuf into dst[0..n); the bytes made (0
 * when it needs more input), or -1 for damaged data. Sets member_end at a
 * member's end. */
static ptrdiff_t decode(struct input *in, char *dst, size_t n)
{
	unsigned char *src = in->inbuf + in->in_pos;
	size_t avail = in->in_len - in->in_pos, made = 0, used = 0;

	switch (in->kind) {
#ifdef HAVE_ZLIB
	case INPUT_GZIP: {
		z_stream *z = in->decoder;
		int r;
		if (z == NULL) {
			if ((z = calloc(1, sizeof *z)) == NULL)
				return -1;
			if (inflateInit2(z, 15 + 16) != Z_OK) {
				free(z);
				return damaged(in);
			}
			in->decoder = z;
		} else if (in->member_end) {
			inflateReset(z);
		}
		in->member_end = 0;
		z->next_in = src;
		z->avail_in = (unsigned)avail;
		z->next_out = (unsigned char *)dst;
		z->avail_out = (unsigned)n;
		r = inflate(z, Z_NO_FLUSH);
		if (r == Z_STREAM_END)
			in->member_end = 1;
		else if (r != Z_OK && r != Z_BUF_ERROR)
			return damaged(in);
		used = avail - z->avail_in;
		made = n - z->avail_out;
		break;
	}
#endif
#ifdef HAVE_LZMA
	case INPUT_XZ: {
		lzma_stream *x = in->decoder;
		lzma_ret r;
		if (x == NULL) {
			static const lzma_stream init = LZMA_STREAM_INIT;
			if ((x = malloc(sizeof *x)) == NULL)
				return -1;
			*x = init;
			if (lzma_stream_decoder(x, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
				free(x);
				return damaged(in);
			}
			in->decoder = x;
		}
		x->next_in = src;
		x->avail_in = avail;
		x->next_out = (uint8_t *)dst;
		x->avail_out = n;
		r = lzma_code(x, in->eof ? LZMA_FINISH : LZMA_RUN);
		in->member_end = r == LZMA_STREAM_END;
		if (r != LZMA_OK && r != LZMA_STREAM_END && !(r == LZMA_BUF_ERROR && !in->eof))
			return damaged(in);
		used = avail - x->avail_in;
		made = n - x->avail_out;
		break;
	}
#endif
#ifdef HAVE_ZSTD
	case INPUT_ZSTD: {
		ZSTD_inBuffer zi = { src, avail, 0 };
		ZSTD_outBuffer zo = { dst, n, 0 };
		size_t r;
		if (in->decoder == NULL && (in->decoder = ZSTD_createDStream()) == NULL)
			return -1;
		r = ZSTD_decompressStream(in->decoder, &zo, &zi);
		if (ZSTD_isError(r))
			return damaged(in);
		/* 0: a frame is complete and its output flushed */
		in->member_end = r == 0;
		used = zi.pos;
		made = zo.pos;
		break;
	}
#endif
#ifdef HAVE_BZIP2
	case INPUT_BZIP2: {
		bz_stream *b = in->decoder;
		int r;
		if (b != NULL && in->member_end) {
			BZ2_bzDecompressEnd(b);
			free(b);
			in->decoder = b = NULL;
		}
		if (b == NULL) {
			if ((b = calloc(1, sizeof *b)) == NULL)
				return -1;
			if (BZ2_bzDecompressInit(b, 0, 0) != BZ_OK) {
				free(b);
				return damaged(in);
			}
			in->decoder = b;
		}
		in->member_end = 0;
		b->next_in = (char *)src;
		b->avail_in = (unsigned)avail;
		b->next_out = dst;
		b->avail_out = (unsigned)n;
		r = BZ2_bzDecompress(b);
		if (r == BZ_STREAM_END)
			in->member_end = 1;
		else if (r != BZ_OK)
			return damaged(in);
		used = avail - b->avail_in;
		made = n - b->avail_out;
		break;
	}
#endif
	default:
		return damaged(in);
	}
	in->in_pos += used;
	return (ptrdiff_t)made;
}

/* The decoded text: loops until it makes bytes, the input ends, or an
 * error. The input must end where a member does. */
static ptrdiff_t read_compressed(struct input *in, char *dst, size_t n)
{
	for (;;) {
		ptrdiff_t made;
		size_t before;
		int was_end;
		if (in->in_pos == in->in_len && !in->eof) {
			if (fill(in) < 0)
				return -1;
			continue;
		}
		if (in->in_pos == in->in_len && in->member_end)
			return 0;
		/* More input, or the end of it: the decoder may still have
		 * bytes to give (and xz is told the input is over). */
		before = in->in_pos;
		was_end = in->member_end;
		made = decode(in, dst, n);
		if (made != 0)
			return made;
		if (in->in_pos == in->in_len && in->eof)
			return in->member_end ? 0 : damaged(in);
		if (in->in_pos == before && in->member_end == was_end)
			return damaged(in); /* no progress: not data it can read */
	}
}

/* Whether the first bytes read are those of no log: more than 16 of them,
 * and over one in twenty, are control bytes other than tab, the line ends,
 * form feed and ESC (a few NUL bytes in a log line are no reason). */
static int binary(const char *s, size_t n)
{
	size_t bad = 0;

	if (n > 4096)
		n = 4096;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
		     c != 0x1b) || c == 0x7f)
			bad++;
	}
	return bad > 16 && bad * 20 > n;
}

ptrdiff_t input_read(void *ctx, char *dst, size_t n)
{
	struct input *in = ctx;
	ptrdiff_t got;

	in->error = NULL;
	if (in->kind != INPUT_PLAIN) {
		got = read_compressed(in, dst, n);
	} else if (in->in_pos < in->in_len) {
		/* The bytes read to look for a magic number. */
		size_t k = in->in_len - in->in_pos;
		if (k > n)
			k = n;
		memcpy(dst, in->inbuf + in->in_pos, k);
		in->in_pos += k;
		got = (ptrdiff_t)k;
	} else {
		do
			got = read(in->fd, dst, n);
		while (got < 0 && errno == EINTR);
	}
	if (got > 0 && !in->checked) {
		in->checked = 1;
		if (binary(dst, (size_t)got)) {
			in->error = "binary input, skipped";
			return -1;
		}
	}
	return got;
}

const char *input_message(void *ctx)
{
	const struct input *in = ctx;

	return in->error ? in->error : strerror(errno);
}
