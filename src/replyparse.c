/* SPDX-License-Identifier: MIT */
/* replyparse.c - reply lines, multi-line replies, flattened replies.
 *
 * Layer: reply parsing, above the code tables' library. Calls only
 * enhanced.c (the enhanced code at the start of a line's text). */
#include "internal.h"

#include <string.h>

/* RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets with its CRLF. */
#define SC_MAX_REPLY_LINE 512

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

int smtpcode_line_parse(const char *s, size_t len, struct smtpcode_line *out)
{
	struct smtpcode_line l;
	size_t start;

	if (s == NULL || len < 3 || !digit(s[0]) || !digit(s[1]) || !digit(s[2]))
		return 0;
	if (len > 3 && s[3] != ' ' && s[3] != '-' && s[3] != '\r' && s[3] != '\t')
		return 0;
	l.code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	l.last = !(len > 3 && s[3] == '-');
	start = len > 3 && s[3] != '\r' ? 4 : 3;
	if (len > start && s[len - 1] == '\r')
		len--;
	l.text = s + start;
	l.text_len = len > start ? len - start : 0;
	if (out != NULL)
		*out = l;
	return 1;
}

void smtpcode_reply_begin(struct smtpcode_reply_state *st)
{
	memset(st, 0, sizeof *st);
	st->code = -1;
	st->first_code = -1;
	st->text = "";
}

/* Sets the final line's enhanced code and text (RFC 2034). */
static void final_text(struct smtpcode_reply_state *st, const char *text, size_t len)
{
	size_t n = smtpcode_ecode_scan(text, len, &st->ecode);

	st->has_ecode = n > 0;
	while (n < len && (text[n] == ' ' || text[n] == '\t'))
		n++;
	st->text = text + n;
	st->text_len = len - n;
}

/* Feeds a line already parsed into l. */
static enum smtpcode_feed feed_parsed(struct smtpcode_reply_state *st, const char *line,
                                      size_t len, const struct smtpcode_line *lp)
{
	struct smtpcode_line l = *lp;
	size_t octets;

	if (st->first_code < 0)
		st->first_code = l.code;
	else if (l.code != st->first_code)
		st->flags |= SMTPCODE_REPLY_MIXED_CODES;
	octets = (len > 0 && line[len - 1] == '\r' ? len - 1 : len) + 2;
	if (octets > SC_MAX_REPLY_LINE)
		st->flags |= SMTPCODE_REPLY_LONG_LINE;
	st->lines++;
	st->code = l.code;
	if (!l.last) {
		st->open = 1;
		return SMTPCODE_FEED_MORE;
	}
	st->open = 0;
	final_text(st, l.text, l.text_len);
	return SMTPCODE_FEED_DONE;
}

enum smtpcode_feed
smtpcode_reply_feed(struct smtpcode_reply_state *st, const char *line, size_t len)
{
	struct smtpcode_line l;

	if (!smtpcode_line_parse(line, len, &l)) {
		smtpcode_reply_begin(st);
		return SMTPCODE_FEED_NOT_REPLY;
	}
	if (!st->open)
		smtpcode_reply_begin(st);
	return feed_parsed(st, line, len, &l);
}

enum smtpcode_feed sc_reply_feed_line(struct smtpcode_reply_state *st, const char *line,
                                      size_t len, const struct smtpcode_line *l)
{
	if (!st->open)
		smtpcode_reply_begin(st);
	return feed_parsed(st, line, len, l);
}

/* Where the next line of a flattened reply begins in s[from..len), with
 * *end where the line before it ends; len (and *end = len) if none. A line
 * begins:
 *   - after a space, at "ddd-" (a continuation line);
 *   - after a space, at "ccc " or a final "ccc", ccc being the code of the
 *     line before or of the reply's first line;
 *   - after a space, at "ddd " followed by an enhanced code, when the
 *     reply's lines carry enhanced codes (Postfix joins the lines of a
 *     reply with a space: "550-5.7.1 one 451 4.7.1 two");
 *   - after the two characters \n at any code (Exim writes a reply's line
 *     ends so: "550-5.7.1 one\n550 5.7.1 two"). */
static size_t next_flat_line(const char *s, size_t len, size_t from, int code, int first,
                             int ecodes, size_t *end)
{
	for (size_t i = from; i + 4 <= len; i++) {
		size_t at;
		int c;
		if (s[i] == ' ')
			at = i + 1;
		else if (s[i] == '\\' && s[i + 1] == 'n' && i + 5 <= len)
			at = i + 2;
		else
			continue;
		if (!digit(s[at]) || !digit(s[at + 1]) || !digit(s[at + 2]))
			continue;
		c = (s[at] - '0') * 100 + (s[at + 1] - '0') * 10 + (s[at + 2] - '0');
		*end = i;
		if (at + 3 < len && s[at + 3] == '-')
			return at;
		if (at + 3 < len && s[at + 3] != ' ')
			continue;
		if (at == i + 2 || c == code || c == first)
			return at;
		if (ecodes && at + 4 < len && smtpcode_ecode_scan(s + at + 4, len - at - 4, NULL) > 0)
			return at;
	}
	*end = len;
	return len;
}

/* Appends line[0..len) to the lines out[0..*n) of size `size`, after a
 * '\n' when there are lines before it: a line that does not fit whole is
 * left out, and so is every line after it (*full set), so that the text
 * kept is the reply's first lines, cut at a line's end. */
void sc_lines_add(char *out, size_t size, size_t *n, int *full, const char *line, size_t len)
{
	size_t at = *n > 0 ? *n + 1 : 0;

	if (*full || len > size || at > size - len) {
		*full = 1;
		return;
	}
	if (*n > 0)
		out[*n] = '\n';
	memcpy(out + at, line, len);
	*n = at + len;
}

/* smtpcode_reply_flat(); with `whole`, 1 only when the text holds the
 * reply's final line (not when it ends in a continuation line). With out,
 * a reply of more than one line also writes its lines into out[0..size),
 * joined with '\n', their length in *n (sc_lines_add: cut at a line's
 * end); *n is 0 for a reply of one line (its line is s[0..len) itself:
 * nothing copied). */
#if defined(__GNUC__)
__attribute__((always_inline)) /* (with out NULL, as the library's own
                                  calls have it, the lines' code is gone) */
#endif
static inline int reply_flat(const char *s, size_t len, struct smtpcode_reply_state *st,
                             int whole, char *out, size_t size, size_t *n)
{
	struct smtpcode_line l;
	size_t at = 0;
	int full = 0;

	smtpcode_reply_begin(st);
	if (out != NULL)
		*n = 0;
	if (!smtpcode_line_parse(s, len, &l))
		return 0;
	if (l.last) {
		/* One line, the common case: read it as it is. */
		feed_parsed(st, s, len, &l);
		return 1;
	}
	for (;;) {
		size_t next, end;
		if (!smtpcode_line_parse(s + at, len - at, &l))
			return 0;
		next = l.last ? (end = len - at)
		              : next_flat_line(s + at, len - at, 4, l.code,
		                               st->first_code < 0 ? l.code : st->first_code,
		                               smtpcode_ecode_scan(s + at + 4, len - at - 4, NULL) > 0,
		                               &end);
		if (out != NULL)
			sc_lines_add(out, size, n, &full, s + at, next == len - at ? len - at : end);
		if (next == len - at) {
			/* The final line, or continuation lines whose end the log lost:
			 * read what there is as the final line. */
			if (!l.last) {
				if (whole)
					return 0;
				smtpcode_reply_feed(st, s + at, 3);
				return 1;
			}
			smtpcode_reply_feed(st, s + at, len - at);
			return 1;
		}
		smtpcode_reply_feed(st, s + at, end);
		at += next;
	}
}

int smtpcode_reply_flat(const char *s, size_t len, struct smtpcode_reply_state *st)
{
	return reply_flat(s, len, st, 0, NULL, 0, NULL);
}

int sc_reply_flat_lines(const char *s, size_t len, struct smtpcode_reply_state *st, int whole,
                        char *out, size_t size, size_t *n)
{
	return reply_flat(s, len, st, whole, out, size, n);
}
