/* SPDX-License-Identifier: MIT */
/* message.c - mail messages as check's input. A bounce is a message: its
 * MIME structure (multipart/report, message/delivery-status, text parts in
 * base64 or quoted-printable, any charset) is decoded by GMime, and each
 * part that can hold a reply is read as a log, by the same reader. The
 * returned original message and its headers are not read: their text is
 * the sender's, not a server's. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it */
#include "message.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifdef HAVE_GMIME
#include <gmime/gmime.h>
#endif

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
		} else {
			return MESSAGE_NONE;
		}
		if (nl == NULL)
			break;
		at = (size_t)(nl - s) + 1;
	}
	if (at >= n && more)
		return MESSAGE_UNDECIDED; /* fields so far: the header goes on */
	return fields >= 2 && known >= 1 ? MESSAGE_ONE : MESSAGE_NONE;
}

int is_maildir(const char *dir)
{
	static const char *const subdirs[] = { "cur", "new" };

	for (int i = 0; i < 2; i++) {
		char path[4096];
		struct stat sb;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, subdirs[i]) < sizeof path &&
		    stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			return 1;
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int check_maildir(struct checker *ck, const char *dir, char *buf)
{
	static const char *const subdirs[] = { "cur", "new" };
	int status = 0;

	for (int i = 0; i < 2 && !ck->write_failed; i++) {
		char path[4096];
		char **names = NULL;
		size_t n = 0, size = 0;
		struct dirent *de;
		DIR *d;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, subdirs[i]) >= sizeof path)
			return file_error(dir, "name too long");
		if ((d = opendir(path)) == NULL) {
			if (errno == ENOENT)
				continue; /* a Maildir may lack new/ or cur/ */
			status = file_error(path, strerror(errno));
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			char **grown;
			if (de->d_name[0] == '.')
				continue;
			if (n == size) {
				size = size ? 2 * size : 64;
				if ((grown = realloc(names, size * sizeof *names)) == NULL)
					break;
				names = grown;
			}
			if ((names[n] = strdup(de->d_name)) == NULL)
				break;
			n++;
		}
		closedir(d);
		if (de != NULL)
			status = file_error(path, "out of memory");
		if (n > 0)
			qsort(names, n, sizeof *names, by_name);
		for (size_t k = 0; k < n; k++) {
			char file[4096];
			if ((size_t)snprintf(file, sizeof file, "%s/%s", path, names[k]) >= sizeof file)
				status = file_error(path, "name too long");
			else if (!ck->write_failed && check_file(ck, file, buf))
				status = 2;
			free(names[k]);
		}
		free(names);
	}
	return status;
}

#ifdef HAVE_GMIME

int message_supported(void)
{
	return 1;
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

/* An HTML part's text, its tags left out: a line break for each tag that
 * breaks a line, the common entities decoded, script and style dropped.
 * Office 365 and Exchange write the remote server's reply only in HTML.
 * Returns a GByteArray of the text. */
static GByteArray *html_text(const unsigned char *s, size_t n)
{
	static const char *const breaks[] = { "br", "p", "/p", "div", "/div", "tr", "/tr",
	                                      "li", "h1", "h2", "h3", "/h1", "/h2", "/h3",
	                                      "table", "/table", "td" };
	static const struct { const char *name; char c; } entities[] = {
		{ "nbsp;", ' ' }, { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' }, { "#39;", '\'' }, { "#160;", ' ' },
	};
	GByteArray *out = g_byte_array_sized_new((guint)n);
	size_t i = 0;

	while (i < n) {
		if (s[i] == '<') {
			size_t end = i + 1, k = i + 1, w = 0;
			char tag[8];
			while (end < n && s[end] != '>')
				end++;
			if (k < end && s[k] == '/')
				tag[w++] = '/', k++;
			while (k < end && w < sizeof tag - 1 && g_ascii_isalnum(s[k]))
				tag[w++] = g_ascii_tolower((char)s[k++]);
			tag[w] = '\0';
			if (strcmp(tag, "style") == 0 || strcmp(tag, "script") == 0) {
				/* to the closing tag */
				const char *close = strcmp(tag, "style") == 0 ? "</style" : "</script";
				size_t c = end;
				while (c < n && !(s[c] == '<' && c + strlen(close) <= n &&
				                  g_ascii_strncasecmp((const char *)s + c, close,
				                                      strlen(close)) == 0))
					c++;
				end = c;
				while (end < n && s[end] != '>')
					end++;
			}
			for (size_t b = 0; b < sizeof breaks / sizeof breaks[0]; b++)
				if (strcmp(tag, breaks[b]) == 0) {
					g_byte_array_append(out, (const guint8 *)"\n", 1);
					break;
				}
			i = end < n ? end + 1 : n;
			continue;
		}
		if (s[i] == '&') {
			size_t b;
			for (b = 0; b < sizeof entities / sizeof entities[0]; b++) {
				size_t len = strlen(entities[b].name);
				if (i + 1 + len <= n && memcmp(s + i + 1, entities[b].name, len) == 0) {
					g_byte_array_append(out, (const guint8 *)&entities[b].c, 1);
					i += 1 + len;
					break;
				}
			}
			if (b < sizeof entities / sizeof entities[0])
				continue;
		}
		g_byte_array_append(out, s + i, 1);
		i++;
	}
	return out;
}

/* The bytes of a leaf part, its transfer encoding undone; text parts in
 * UTF-8 from their charset (GMime's conversion). NULL when there are none. */
static GByteArray *part_bytes(GMimeObject *obj)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	GByteArray *bytes;

	if (GMIME_IS_TEXT_PART(obj)) {
		char *text = g_mime_text_part_get_text(GMIME_TEXT_PART(obj));
		if (text != NULL) {
			size_t len = strlen(text);
			bytes = g_mime_content_type_is_type(ct, "text", "html")
			                ? html_text((const unsigned char *)text, len)
			                : g_byte_array_append(g_byte_array_new(), (const guint8 *)text,
			                                      (guint)len);
			g_free(text);
			return bytes;
		}
	}
	{
		GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(obj));
		GMimeStream *mem;
		if (content == NULL)
			return NULL;
		mem = g_mime_stream_mem_new();
		g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
		g_mime_data_wrapper_write_to_stream(content, mem);
		bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
		g_object_unref(mem);
		return bytes;
	}
}

/* Whether a leaf part can hold a server's reply: text (not the returned
 * original's headers) and delivery status (RFC 3464, RFC 6533). */
static int readable(GMimeContentType *ct)
{
	if (g_mime_content_type_is_type(ct, "text", "rfc822-headers"))
		return 0;
	return g_mime_content_type_is_type(ct, "text", "*") ||
	       g_mime_content_type_is_type(ct, "message", "delivery-status") ||
	       g_mime_content_type_is_type(ct, "message", "global-delivery-status");
}

struct walk {
	struct checker *ck;
	const char *name;
	char *buf;
	int status;
};

/* How deep multiparts may nest: a bounce has two or three levels; a part
 * numbered past this is not read. */
#define MAX_DEPTH 16

/* Reads the parts of obj, whose section (IMAP's part number) is section,
 * depth levels down. */
static void walk(struct walk *w, GMimeObject *obj, const char *section, int depth) /* NOLINT(misc-no-recursion): the MIME tree, at most MAX_DEPTH deep */
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);

	if (GMIME_IS_MULTIPART(obj)) {
		if (depth >= MAX_DEPTH)
			return;
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp), plain = -1;
		/* multipart/alternative: the plain text, when there is one */
		if (g_mime_content_type_is_type(ct, "multipart", "alternative"))
			for (int i = 0; i < n && plain < 0; i++)
				if (g_mime_content_type_is_type(
					    g_mime_object_get_content_type(g_mime_multipart_get_part(mp, i)),
					    "text", "plain"))
					plain = i;
		for (int i = 0; i < n; i++) {
			char sub[128];
			if (plain >= 0 && i != plain)
				continue;
			if (section[0])
				snprintf(sub, sizeof sub, "%s.%d", section, i + 1);
			else
				snprintf(sub, sizeof sub, "%d", i + 1);
			walk(w, g_mime_multipart_get_part(mp, i), sub, depth + 1);
		}
		return;
	}
	if (GMIME_IS_MESSAGE_PART(obj) || !GMIME_IS_PART(obj) || !readable(ct))
		return; /* the returned message, an attachment */
	{
		GByteArray *bytes = part_bytes(obj);
		struct mem_source src;
		if (bytes == NULL)
			return;
		src.p = (const char *)bytes->data;
		src.left = bytes->len;
		w->ck->part = section[0] ? section : "1";
		if (check_stream(w->ck, w->name, mem_read, &src, w->buf, 0))
			w->status = 2;
		w->ck->part = NULL;
		g_byte_array_free(bytes, TRUE);
	}
}

int check_message(struct checker *ck, const char *name, enum message_kind kind,
                  const char *head, size_t n, check_read_fn *rd, void *ctx, char *buf)
{
	static int ready;
	GByteArray *all = g_byte_array_sized_new((guint)n);
	GMimeStream *stream;
	GMimeParser *parser;
	struct walk w = { ck, name, buf, 0 };
	unsigned long number = 0;

	if (!ready) {
		g_mime_init();
		ready = 1;
	}
	/* The whole input: GMime reads it from memory. */
	g_byte_array_append(all, (const guint8 *)head, (guint)n);
	for (;;) {
		ptrdiff_t got = rd(ctx, buf, ck->bufsize);
		if (got < 0) {
			g_byte_array_free(all, TRUE);
			return file_error(name, ck->read_message ? ck->read_message(ctx)
			                                         : strerror(errno));
		}
		if (got == 0)
			break;
		g_byte_array_append(all, (const guint8 *)buf, (guint)got);
	}
	n = leading_blanks((const char *)all->data, all->len);
	g_byte_array_remove_range(all, 0, (guint)n);
	stream = g_mime_stream_mem_new_with_byte_array(all); /* owns `all` */
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, kind == MESSAGE_MBOX ? GMIME_FORMAT_MBOX
	                                                      : GMIME_FORMAT_MESSAGE);
	while (!g_mime_parser_eos(parser) && !ck->write_failed) {
		GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
		GMimeObject *body;
		if (msg == NULL)
			break;
		number++;
		body = g_mime_message_get_mime_part(msg);
		ck->message = kind == MESSAGE_MBOX ? number : 0;
		check_hold_begin(ck);
		if (body != NULL)
			walk(&w, body, "", 0);
		check_hold_end(ck, name);
		ck->message = 0;
		g_object_unref(msg);
		if (kind != MESSAGE_MBOX)
			break;
	}
	g_object_unref(parser);
	g_object_unref(stream);
	if (number == 0)
		return file_error(name, kind == MESSAGE_MBOX ? "an mbox with no message GMime could read"
		                                             : "a message GMime could not read");
	if (ck->held_failed)
		return file_error(name, "out of memory");
	return w.status;
}

#else /* no GMime */

int message_supported(void)
{
	return 0;
}

int check_message(struct checker *ck, const char *name, enum message_kind kind,
                  const char *head, size_t n, check_read_fn *rd, void *ctx, char *buf)
{
	(void)ck, (void)kind, (void)head, (void)n, (void)rd, (void)ctx, (void)buf;
	return file_error(name, "a mail message; this smtpcode was built without GMime "
	                        "(libgmime-3.0-dev), which reads messages");
}

#endif
