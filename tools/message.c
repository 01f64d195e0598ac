/* SPDX-License-Identifier: MIT */
/* message.c - mail messages as check's input: telling a message or an
 * mbox from a log, and each message's replies. Its MIME
 * structure is decoded by the GMime module (mime-gmime.c, loaded on the
 * first message: the tool links no GLib); each part that can hold a reply
 * is read as a log, by the same reader, its records held so that a reply
 * the text and the delivery-status part both give is reported once.
 * Layer: above stream.c and hold.c, under files.c; calls stream.c,
 * hold.c, text.c (file_error) and the GMime module (dlopen'ed, or
 * mime-gmime.c linked in) only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it */
#include "message.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mime.h"
#include "text.h"

/* The header fields that begin mail messages (RFC 5322 §3.6, RFC 5321
 * §4.4 for Return-Path and Received, RFC 2045 for the MIME ones), lower
 * case. A log line never starts with one of them followed by ':'. */
static const char *const message_fields[] = {
	"from", "date", "subject", "received", "return-path", "message-id", "mime-version",
	"content-type", "delivered-to", "to", "sender", "reply-to", "x-failed-recipients",
};

/* The length of the field name that s[0..n) begins with (letters, digits
 * and '-', then ':'), or 0. */
static size_t field_name(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	                 (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
		i++;
	return i > 1 && i < n && s[i] == ':' ? i : 0; /* "C:", "S:": transcripts */
}

static int begins_messages(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof message_fields / sizeof message_fields[0]; i++) {
		const char *f = message_fields[i];
		size_t k = 0;
		if (strlen(f) != len)
			continue;
		while (k < len && (name[k] | 0x20) == f[k])
			k++;
		if (k == len)
			return 1;
	}
	return 0;
}

/* The bytes of blank lines before the header (a message saved with an
 * empty first line, or one of spaces). */
static size_t leading_blanks(const char *s, size_t n)
{
	size_t at = 0, i = 0;

	for (; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'); i++)
		if (s[i] == '\n')
			at = i + 1;
	return at;
}

enum message_kind message_kind(const char *s, size_t n, int more)
{
	size_t at = leading_blanks(s, n), fields = 0, known = 0;

	s += at;
	n -= at;
	at = 0;
	if (n < 5 && more)
		return MESSAGE_UNDECIDED;
	if (n >= 5 && memcmp(s, "From ", 5) == 0)
		return MESSAGE_MBOX;
	/* A header: fields (and their folded lines) up to an empty line. */
	while (at < n) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t len = (nl ? (size_t)(nl - (s + at)) : n - at), name;
		if (nl != NULL && nl > s + at && nl[-1] == '\r')
			len--;
		if (len == 0 && nl != NULL)
			break; /* the empty line that ends the header */
		if (nl == NULL && more)
			return MESSAGE_UNDECIDED; /* the line goes on */
		if (s[at] == ' ' || s[at] == '\t') {
			if (fields == 0)
				return MESSAGE_NONE;
		} else if ((name = field_name(s + at, len)) != 0) {
			fields++;
			known += (size_t)begins_messages(s + at, name);
			if (fields >= 8 && known == 0)
				return MESSAGE_NONE; /* "send:"/"reply:" (smtplib) */
		} else if (known == 0) {
			return MESSAGE_NONE;
		} /* else a folded line that lost its leading blank, as some
		     bounces are published */
		if (nl == NULL)
			break;
		at = (size_t)(nl - s) + 1;
	}
	if (at >= n && more)
		return MESSAGE_UNDECIDED; /* fields so far: the header goes on */
	return fields >= 2 && known >= 1 ? MESSAGE_ONE : MESSAGE_NONE;
}

/* Bytes in memory, read as check_stream reads a file. */
struct mem_source {
	const char *p;
	size_t left;
};

static ptrdiff_t mem_read(void *ctx, char *dst, size_t n)
{
	struct mem_source *m = ctx;

	if (n > m->left)
		n = m->left;
	if (n == 0)
		return 0; /* (an empty part's bytes may be NULL) */
	memcpy(dst, m->p, n);
	m->p += n;
	m->left -= n;
	return (ptrdiff_t)n;
}

/* What the module's callbacks work with. */
struct reading {
	struct checker *ck;
	const char *name;
	char *buf;
	int numbered;           /* messages are numbered: an mbox, or a file of
	                           messages one after another */
	unsigned long before;   /* the messages of the file before this read */
	int status;
};

static void on_message(void *ctx, unsigned long number)
{
	struct reading *rd = ctx;

	rd->ck->message = rd->numbered ? rd->before + number : 0;
	check_hold_begin(rd->ck);
}

static void on_unreadable(void *ctx, unsigned long number, const char *why)
{
	struct reading *rd = ctx;
	char msg[256];

	if (rd->numbered)
		snprintf(msg, sizeof msg, "message %lu: cannot be read: %s", rd->before + number, why);
	else
		snprintf(msg, sizeof msg, "a message GMime could not read: %s", why);
	file_error(rd->name, msg);
	rd->status = EXIT_USAGE;
}

static void on_part(void *ctx, const char *section, const char *date, const char *bytes,
                    size_t len)
{
	struct reading *rd = ctx;
	struct mem_source src = { bytes, len };

	rd->ck->part = section;
	/* the time of its replies whose lines give none (smtpcode_log_date:
	 * each part, an input of its own, is given it) */
	rd->ck->message_date = date;
	rd->ck->message_date_len = date != NULL ? strlen(date) : 0;
	if (check_stream(rd->ck, rd->name, mem_read, &src, rd->buf, 0))
		rd->status = EXIT_USAGE;
	rd->ck->part = NULL;
}

static void on_too_deep(void *ctx, const char *section, int depth)
{
	struct reading *rd = ctx;
	char where[64], msg[160];

	/* FILE#N[SECTION] (or FILE[SECTION]): the multipart whose parts were
	 * left unread */
	if (rd->numbered)
		snprintf(where, sizeof where, "message %lu, part %s", rd->ck->message, section);
	else
		snprintf(where, sizeof where, "part %s", section);
	snprintf(msg, sizeof msg, "%s: multiparts nested over %d deep; the parts inside are not read",
	         where, depth);
	file_error(rd->name, msg);
	rd->status = EXIT_USAGE;
}

static void on_end(void *ctx)
{
	struct reading *rd = ctx;

	check_hold_end(rd->ck, rd->name);
	rd->ck->message = 0;
	rd->ck->message_date_len = 0;
}

static int on_stop(void *ctx)
{
	return ((struct reading *)ctx)->ck->write_failed;
}

#if defined(MIME_LINKED)
/* The GMime reader linked in (the fuzz targets and their replay). */
unsigned long smtpcode_mime_read(const char *data, size_t len, int mbox,
                                 const struct mime_reader *r, void *ctx);

static mime_read_fn *mime_module(const char **why)
{
	(void)why;
	return smtpcode_mime_read;
}
#elif defined(HAVE_GMIME)
#include <dlfcn.h>

/* The GMime module's entry, loaded once (tried once): from the tool's own
 * directory (the build tree, where tools/.libs holds both), else from
 * PKGLIBDIR. NULL, with the reason in *why, when it cannot be loaded. */
static mime_read_fn *mime_module(const char **why)
{
	static mime_read_fn *entry;
	static char reason[512];
	static int tried;
	char path[4096];
	ssize_t n;
	void *h = NULL;

	*why = reason;
	if (tried)
		return entry;
	tried = 1;
	n = readlink("/proc/self/exe", path, sizeof path - 1);
	if (n > 0) {
		char *slash;
		path[n] = '\0';
		slash = strrchr(path, '/');
		if (slash != NULL && (size_t)(slash + 1 - path) + sizeof MIME_MODULE_NAME <= sizeof path) {
			memcpy(slash + 1, MIME_MODULE_NAME, sizeof MIME_MODULE_NAME);
			if (access(path, R_OK) == 0)
				h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		}
	}
	if (h == NULL)
		h = dlopen(PKGLIBDIR "/" MIME_MODULE_NAME, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *e = dlerror();
		snprintf(reason, sizeof reason, "a mail message; its reader could not be loaded (%s)",
		         e ? e : PKGLIBDIR "/" MIME_MODULE_NAME);
		return NULL;
	}
	*(void **)&entry = dlsym(h, MIME_READ_ENTRY);
	if (entry == NULL)
		snprintf(reason, sizeof reason, "a mail message; its reader has no %s",
		         MIME_READ_ENTRY);
	return entry;
}
#else
static mime_read_fn *mime_module(const char **why)
{
	*why = "a mail message; this smtpcode was built without GMime (libgmime-3.0-dev), "
	       "which reads messages";
	return NULL;
}
#endif

int message_supported(void)
{
	const char *why;

	return mime_module(&why) != NULL;
}

/* A file of messages one after another without "From " lines between
 * them (cat *.eml): where the message after the one that begins at
 * s[from] begins, or n. A message begins at a line that starts with the
 * field name that the file's first line starts with ("Return-Path:",
 * "Received:"), followed by a header (message_kind: fields up to an empty
 * line, one of them a field that begins messages), when the message before
 * it is over: a multipart's closing boundary was seen (RFC 2046 §5.1.1),
 * or, in a message that is no multipart, the line before is text (not
 * empty, no header field, no folded line, no "--" line). A message
 * returned inside a bounce follows an empty line, a part's header or its
 * own header fields, and so stays one. */
static size_t next_message(const char *s, size_t n, size_t from, const char *first, size_t first_len)
{
	char boundary[80];
	size_t blen = 0, at = from;
	int in_header = 1, closed = 0, prev_text = 0;

	while (at < n) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t end = nl ? (size_t)(nl - s) + 1 : n, len = end - at;
		const char *l = s + at;
		while (len > 0 && (l[len - 1] == '\n' || l[len - 1] == '\r'))
			len--;
		if (in_header) {
			/* the boundary of a multipart: boundary="B" or boundary=B */
			for (size_t i = 0; i + 9 < len && blen == 0; i++) {
				size_t k = 0;
				while (k < 9 && (l[i + k] | 0x20) == "boundary="[k])
					k++;
				if (k < 9)
					continue;
				k = i + 9;
				if (k < len && l[k] == '"')
					k++;
				while (k < len && l[k] != '"' && l[k] != ';' && l[k] != ' ' &&
				       blen < sizeof boundary)
					boundary[blen++] = l[k++];
				if (blen == sizeof boundary)
					blen = 0;
			}
			if (len == 0)
				in_header = 0;
		} else if (at > from && len > first_len && l[first_len] == ':' &&
		           (blen ? closed : prev_text)) {
			size_t k = 0;
			while (k < first_len && (l[k] | 0x20) == (first[k] | 0x20))
				k++;
			if (k == first_len && message_kind(l, n - at, 0) == MESSAGE_ONE)
				return at;
		}
		if (!in_header && blen && len >= blen + 4 && l[0] == '-' && l[1] == '-' &&
		    memcmp(l + 2, boundary, blen) == 0 && l[blen + 2] == '-' && l[blen + 3] == '-')
			closed = 1;
		prev_text = len > 0 && l[0] != ' ' && l[0] != '\t' && l[0] != '-' &&
		            field_name(l, len) == 0;
		at = end;
	}
	return n;
}

int check_message(struct checker *ck, const char *name, enum message_kind kind,
                  const char *head, size_t n, check_read_fn *rd, void *ctx, char *buf)
{
	static const struct mime_reader callbacks = { on_message, on_part, on_too_deep, on_end,
		                                      on_unreadable, on_stop };
	struct reading r = { ck, name, buf, kind == MESSAGE_MBOX, 0, 0 };
	const char *why = NULL;
	mime_read_fn *read_mime = mime_module(&why);
	char *all;
	size_t len = 0, size, skip;

	if (read_mime == NULL)
		return file_error(name, why);
	/* The whole input: GMime reads it from memory. */
	size = n > 65536 ? n : 65536;
	if ((all = malloc(size)) == NULL)
		return file_error(name, "out of memory");
	if (n > 0)
		memcpy(all, head, n);
	len = n;
	for (;;) {
		ptrdiff_t got;
		if (size - len < ck->bufsize) {
			char *grown = size > ((size_t)-1) / 2 ? NULL : realloc(all, 2 * size);
			if (grown == NULL) {
				free(all);
				return file_error(name, "out of memory");
			}
			all = grown;
			size *= 2;
		}
		got = rd(ctx, all + len, size - len);
		if (got < 0) {
			free(all);
			return file_error(name, ck->read_message ? ck->read_message(ctx)
			                                         : strerror(errno));
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	skip = leading_blanks(all, len);
	if (kind == MESSAGE_MBOX) {
		read_mime(all + skip, len - skip, 1, &callbacks, &r);
	} else {
		/* one message, or several one after another */
		const char *m = all + skip;
		size_t mlen = len - skip, first = field_name(m, mlen), at = 0;
		while (at < mlen && !ck->write_failed) {
			size_t end = first ? next_message(m, mlen, at, m, first) : mlen;
			r.numbered = r.before > 0 || end < mlen;
			read_mime(m + at, end - at, 0, &callbacks, &r);
			r.before++;
			at = end;
		}
	}
	free(all);
	if (ck->held_failed || ck->counts.failed)
		return file_error(name, "out of memory");
	return r.status;
}
