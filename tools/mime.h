/* SPDX-License-Identifier: MIT */
/* mime.h - the interface of the GMime module (smtpcode-mime.so), which
 * check loads when it meets its first mail message: the tool itself links
 * no GLib, so that lookups start as fast as before. */
#ifndef SMTPCODE_MIME_H
#define SMTPCODE_MIME_H

#include <stddef.h>

/* What the module gives for each message, in order. */
struct mime_reader {
	/* a message begins: its number in the input, from 1 */
	void (*message)(void *ctx, unsigned long number);
	/* one readable part (text, HTML as text, delivery status): its
	 * section (IMAP's part number, "1", "2.1"), the Date: field's value
	 * as written of the message that holds it (the message read, or a
	 * delivery report attached to it; NULL: none) and its bytes, the
	 * transfer encoding undone, text in UTF-8 */
	void (*part)(void *ctx, const char *section, const char *date, const char *bytes,
	             size_t len);
	/* a part not read: nested deeper than the module follows; section
	 * is the multipart's */
	void (*too_deep)(void *ctx, const char *section, int depth);
	/* the message ends */
	void (*end)(void *ctx);
	/* message `number` could not be read (GMime made nothing of it), for
	 * the reason `why`; the messages after it are still read */
	void (*unreadable)(void *ctx, unsigned long number, const char *why);
	/* nonzero: read no further (the output failed) */
	int (*stop)(void *ctx);
};

/* Reads data[0..len) as one message, or as an mbox when mbox is nonzero
 * (its messages each from a line that begins "From " to the next);
 * returns the number of messages, those it could not read included. */
typedef unsigned long mime_read_fn(const char *data, size_t len, int mbox,
                                   const struct mime_reader *r, void *ctx);

/* The module's entry, for dlsym. */
#define MIME_READ_ENTRY "smtpcode_mime_read"

/* The module file's name, in the tool's own directory (the build tree) or
 * in PKGLIBDIR (installed). */
#define MIME_MODULE_NAME "smtpcode-mime.so"

#endif
