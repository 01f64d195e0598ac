/* SPDX-License-Identifier: MIT */
/* mime-gmime.c - the GMime module (smtpcode-mime.so): a message's MIME
 * structure decoded by GMime (multipart/report, message/delivery-status,
 * text parts in base64 or quoted-printable and any charset, HTML), and
 * each part that can hold a server's reply handed to check. The returned
 * original message and its headers are not given: their text is the
 * sender's. check loads this module when it meets its first message, so
 * that the tool links no GLib.
 * Layer: a module of its own, called by message.c (dlopen'ed, or linked
 * in the fuzz targets); calls GMime and the C library only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it (fmemopen) */
#include <stdio.h>
#include <string.h>

#include <gmime/gmime.h>

#include "mime.h"

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
	const struct mime_reader *r;
	void *ctx;
	const char *date; /* the Date: of the message whose parts are read */
};

/* How deep multiparts may nest: a bounce has two or three levels; the
 * parts of a multipart past this are not read, and the reader is told. */
#define MAX_DEPTH 16

/* A message attached whole (message/rfc822) that is itself a delivery
 * report (RFC 3462's multipart/report): a bounce forwarded, or sent on
 * by a help desk. Its body, or NULL: another message attached (a report's
 * returned message among them, which walk never asks about) is the
 * sender's text, not a server's. */
static GMimeObject *attached_report(GMimeObject *obj, GMimeMessage **msg)
{
	GMimeObject *body;

	if ((*msg = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj))) == NULL ||
	    (body = g_mime_message_get_mime_part(*msg)) == NULL ||
	    !g_mime_content_type_is_type(g_mime_object_get_content_type(body), "multipart", "report"))
		return NULL;
	return body;
}

/* Reads the parts of obj, whose section (IMAP's part number) is section,
 * depth levels down; in_report: obj is a part of a multipart/report (its
 * message parts are the returned message or its headers). */
static void walk(struct walk *w, GMimeObject *obj, const char *section, int depth, int in_report) /* NOLINT(misc-no-recursion): the MIME tree, at most MAX_DEPTH deep */
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);

	if (GMIME_IS_MESSAGE_PART(obj) && !in_report) {
		GMimeMessage *msg;
		GMimeObject *body = attached_report(obj, &msg);
		const char *date = w->date;
		if (body == NULL)
			return; /* an attachment */
		if (depth >= MAX_DEPTH) {
			w->r->too_deep(w->ctx, section[0] ? section : "1", MAX_DEPTH);
			return;
		}
		/* its parts' time: its own Date: */
		w->date = g_mime_object_get_header(GMIME_OBJECT(msg), "Date");
		walk(w, body, section[0] ? section : "1", depth + 1, 0);
		w->date = date;
		return;
	}
	if (GMIME_IS_MULTIPART(obj)) {
		if (depth >= MAX_DEPTH) {
			w->r->too_deep(w->ctx, section[0] ? section : "1", MAX_DEPTH);
			return;
		}
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
			walk(w, g_mime_multipart_get_part(mp, i), sub, depth + 1,
			     g_mime_content_type_is_type(ct, "multipart", "report"));
		}
		return;
	}
	if (GMIME_IS_MESSAGE_PART(obj) || !GMIME_IS_PART(obj) || !readable(ct))
		return; /* the returned message, an attachment */
	{
		GByteArray *bytes = part_bytes(obj);
		if (bytes == NULL)
			return;
		if (!w->r->stop(w->ctx))
			w->r->part(w->ctx, section[0] ? section : "1", w->date,
			           (const char *)bytes->data, bytes->len);
		g_byte_array_free(bytes, TRUE);
	}
}

/* Why GMime could not read a message: the first of its critical issues
 * (those that, its manual says, may make it skip the message), else the
 * first issue. */
struct issue {
	GMimeParserWarning code;
	int critical;
};

static void on_issue(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer data)
{
	struct issue *is = data;
	int critical = code == GMIME_CRIT_INVALID_HEADER_NAME || code == GMIME_CRIT_CONFLICTING_HEADER ||
	               code == GMIME_CRIT_CONFLICTING_PARAMETER ||
	               code == GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY ||
	               code == GMIME_CRIT_NESTING_OVERFLOW ||
	               code == GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT;

	(void)offset, (void)item;
	if (is->code == 0 || (critical && !is->critical)) {
		is->code = code;
		is->critical = critical;
	}
}

/* The words for an issue GMime reported, or for none. */
static const char *issue_text(const struct issue *is)
{
	switch (is->code) {
	case GMIME_CRIT_INVALID_HEADER_NAME:
		return "a header line that is no field (RFC 5322 §2.2)";
	case GMIME_CRIT_CONFLICTING_HEADER:
		return "conflicting header fields";
	case GMIME_CRIT_CONFLICTING_PARAMETER:
		return "conflicting header parameters";
	case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
		return "a multipart without a boundary (RFC 2046 §5.1.1)";
	case GMIME_CRIT_NESTING_OVERFLOW:
		return "MIME parts nested too deep";
	case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
		return "a MIME part without header or content";
	case GMIME_WARN_TRUNCATED_MESSAGE:
		return "the message is cut short";
	case GMIME_WARN_MALFORMED_MESSAGE:
		return "the message is malformed";
	default:
		return "GMime found no message header in it";
	}
}

/* Reads one message of data[start..end) (its "From " line first, in an
 * mbox); 1 when GMime read it, else 0 with the reason in *why. */
static int read_one(GMimeStream *all, gint64 start, gint64 end, int mbox, struct walk *w,
                    unsigned long number, const char **why)
{
	struct issue is = { 0, 0 };
	GMimeParserOptions *opts = g_mime_parser_options_new();
	GMimeStream *stream = g_mime_stream_substream(all, start, end);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	GMimeMessage *msg;

	g_mime_parser_options_set_warning_callback(opts, on_issue, &is);
	g_mime_parser_set_format(parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, opts);
	if (msg != NULL) {
		GMimeObject *body;
		w->r->message(w->ctx, number);
		w->date = g_mime_object_get_header(GMIME_OBJECT(msg), "Date");
		body = g_mime_message_get_mime_part(msg);
		if (body != NULL)
			walk(w, body, "", 0, 0);
		w->r->end(w->ctx);
		g_object_unref(msg);
	} else {
		*why = issue_text(&is);
	}
	g_object_unref(parser);
	g_object_unref(stream);
	g_mime_parser_options_free(opts);
	return msg != NULL;
}

/* Where the line after p begins in data[0..len), or len. */
static size_t next_line(const char *data, size_t len, size_t p)
{
	const char *nl = memchr(data + p, '\n', len - p);

	return nl ? (size_t)(nl - data) + 1 : len;
}

unsigned long smtpcode_mime_read(const char *data, size_t len, int mbox,
                                 const struct mime_reader *r, void *ctx);

unsigned long smtpcode_mime_read(const char *data, size_t len, int mbox,
                                 const struct mime_reader *r, void *ctx)
{
	static int ready;
	GMimeStream *stream;
	FILE *fp;
	void *bytes;
	struct walk w = { r, ctx, NULL };
	unsigned long number = 0;
	size_t at = 0;

	if (!ready) {
		g_mime_init();
		ready = 1;
	}
	/* The bytes read where they are (a copy of a large mbox costs more than
	 * GMime's parse of it) */
	memcpy(&bytes, &data, sizeof bytes); /* fmemopen's "r" only reads them */
	fp = len > 0 ? fmemopen(bytes, len, "r") : NULL;
	stream = fp != NULL ? g_mime_stream_file_new(fp) : g_mime_stream_mem_new_with_buffer(data, len);
	/* An mbox's messages one at a time, each from its "From " line to the
	 * next line that begins "From " (where GMime's own mbox parser ends a
	 * message), so that one GMime cannot read is said and the rest read. */
	while (!r->stop(ctx)) {
		size_t end = len;
		const char *why = NULL;
		if (mbox)
			for (end = next_line(data, len, at); end < len; end = next_line(data, len, end))
				if (len - end >= 5 && memcmp(data + end, "From ", 5) == 0)
					break;
		number++;
		if (!read_one(stream, (gint64)at, (gint64)end, mbox, &w, number, &why))
			r->unreadable(ctx, number, why);
		if (!mbox || end >= len)
			break;
		at = end;
	}
	g_object_unref(stream);
	return number;
}
