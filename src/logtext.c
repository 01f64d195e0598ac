/* SPDX-License-Identifier: MIT */
/* logtext.c - the primitives every reader of a log line uses: finding a
 * text, a word row of a format, the command of the log's words, and the
 * reply text that follows.
 *
 * Layer: reader primitives (a leaf of the log reader). Calls only the code
 * library below it (command.c, replyparse.c) and the generated tables
 * (gen-tables.c, gen-logformats.c); every reader above (transcript.c,
 * logfold.c, logmarker.c, logrecord.c, logline.c) may call it. */
#include "internal.h"
#include "log.h"

#include <string.h>

const char *sc_find(const char *s, size_t len, const char *needle, size_t n)
{
	/* Most needles begin with a space, the commonest byte of a log line:
	 * memchr then looks for the byte after it (" (in reply to ": '('). */
	size_t k = n > 1 && needle[0] == ' ' && needle[1] != ' ' ? 1 : 0;

	if (n == 0 || len < n)
		return NULL;
	for (const char *p = s + k, *end = s + len - n + k; p <= end; p++) {
		p = memchr(p, needle[k], (size_t)(end - p) + 1);
		if (p == NULL)
			return NULL;
		/* The last byte first: it turns most false starts away cheaply. */
		if (p[n - 1 - k] == needle[n - 1] && memcmp(p - k, needle, n) == 0)
			return p - k;
	}
	return NULL;
}

void sc_set_command(struct smtpcode_log_event *ev, const char *s, size_t len)
{
	ev->command = smtpcode_command(s, len);
	ev->command_text = ev->command ? NULL : s;
	ev->command_text_len = ev->command ? 0 : len;
}

void sc_word_command(struct smtpcode_log_event *ev, const struct sc_word *w, const char *s,
                     size_t n)
{
	if (w != NULL && w->command >= 0) {
		ev->command = &sc_commands[w->command];
		ev->command_text = NULL;
		ev->command_text_len = 0;
	} else {
		sc_set_command(ev, s, n);
	}
}

const struct sc_word *sc_word_at(int format, const char *s, size_t len, int exact)
{
	if (len == 0)
		return NULL;
	for (size_t i = sc_format_words[format]; i < sc_format_words[format + 1]; i++) {
		const struct sc_word *w = &sc_words[i];
		if (len < w->len || s[0] != w->text[0] || memcmp(s, w->text, w->len) != 0)
			continue;
		if (exact ? len == w->len
		          : (len == w->len || w->text[w->len - 1] == ' ' ||
		             sc_word_len(s + w->len, len - w->len) == 0))
			return w;
	}
	return NULL;
}

void sc_after_reply_command(struct smtpcode_log_event *ev, const struct sc_marker *mk,
                            const char *c, size_t n)
{
	const char *ce = sc_find(c, n, mk->arg, mk->arg_len);

	n = ce ? (size_t)(ce - c) : n;
	sc_word_command(ev, sc_word_at(mk->format, c, n, 1), c, n);
}

int sc_take_reply(struct smtpcode_log_event *ev, const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	return smtpcode_reply_flat(s, len, &ev->reply);
}

const char *sc_reply_after_colon(const char *s, size_t len)
{
	const char *p = s;

	while ((p = sc_find(p, len - (size_t)(p - s), ": ", 2)) != NULL) {
		p += 2;
		if (smtpcode_line_parse(p, len - (size_t)(p - s), NULL))
			return p;
	}
	return NULL;
}

void sc_reply_cut(struct smtpcode_log_event *ev, const struct smtpcode_reply_state *r)
{
	ev->reply = *r;
	ev->reply.text = "";
	ev->reply.text_len = 0;
	ev->reply.flags |= SMTPCODE_REPLY_UNTERMINATED;
}
