/* SPDX-License-Identifier: MIT */
/* log.h - the log reader's own parts: the tables generated from
 * data/logformats.txt, the reader's private state, and what the files of
 * the reader call in each other.
 *
 * The library's files in layers, each calling only the layers below it
 * (tests/layers.test holds that no files call each other in a circle,
 * from the objects' symbols):
 *   logline.c                the dispatcher: the smtpcode_log_* API
 *   logmarker.c logrecord.c  a marker's row; records naming their session
 *   logfold.c transcript.c   replies folded over lines; a transcript's state
 *   logtext.c                reader primitives: find, words, commands, replies
 *   logdetail.c              an event's details, read when asked (calls
 *                            logtime.c, sc_find and the tables)
 *   logtime.c                a line's time stamp (calls sc_find only)
 *   logscan.c                the marker scan (the generated tables only)
 *   replyparse.c             reply lines (calls enhanced.c)
 *   reply.c command.c enhanced.c   the code tables' library
 *   gen-tables.c gen-logformats.c  the generated tables (call nothing) */
#ifndef SMTPCODE_LOG_H
#define SMTPCODE_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "smtpcode.h"
#include "internal.h"
#include "gen-scan.h"

/* A branch taken rarely, for the compiler to lay out of the way. */
#if defined(__GNUC__)
#define SC_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define SC_UNLIKELY(x) (x)
#endif

/* Nothing here is exported: declared hidden, the tables and functions are
 * reached directly, not through the GOT. */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* ---- Tables (gen-logformats.c) ----------------------------------------- */

/* A set of markers: bit m for sc_markers[m].
 *
 * Past 64 markers (decided for issue 25: 60 are used, and Haraka and maddy
 * may bring 64): the set becomes one integer twice as wide, unsigned
 * __int128, chosen below by the generated SC_NMARKERS, for up to 128
 * markers. The generator emits what it emits today (SC_NMARKERS, and each
 * table entry as "SC_MARK(m) | SC_MARK(n) ...") and only raises its cap
 * (max_markers in gen/) from 64 to 128: SC_MARK() of the wide type takes m
 * up to 127, and every operation on a set (&, |, ~, x & (x - 1),
 * sc_markset_lowest) is the same code. So 64 markers or fewer cost
 * nothing; past 64 the scan ANDs two words instead of one (measured with
 * the wide set and today's 60 markers, check on the 20 MB bench log through
 * AVX2: 7% more time, 9% more instructions), and the four tables of 256
 * sets grow from 8 KiB to 16 KiB. -DSC_MARKSET_WIDE forces the wide set
 * with fewer markers: tests/test-logscan-wide holds the scan to the same
 * answers with it.
 * Rejected: an array of 64-bit words (portable, but a generated entry is
 * then no longer one constant expression, and each operation a loop), and
 * a bit for a group of markers (the dispatcher wants each marker's first
 * place, in the table's order). The price: past 64 markers a compiler
 * without __int128 (a 32-bit target) stops at the #error below; that, or
 * past 128, is when the array of words (one generated table per word)
 * becomes worth its cost. */
#if SC_NMARKERS > 64 || defined(SC_MARKSET_WIDE)
#if !defined(__SIZEOF_INT128__)
#error "more than 64 log markers need unsigned __int128 (a 64-bit target)"
#endif
__extension__ typedef unsigned __int128 sc_markset;
#define SC_MARKSET_BITS 128
#else
typedef uint64_t sc_markset;
#define SC_MARKSET_BITS 64
#endif
#define SC_MARK(m) ((sc_markset)1 << (m))

/* A phrase that marks a reply in a log line (a "marker" row). */
struct sc_marker {
	const char *text;
	unsigned char len;
	unsigned char anchor;      /* the offset of the space the scan finds */
	const char *tail;          /* the text from the anchor on */
	unsigned char tail_len;
	unsigned char format;      /* enum smtpcode_log_format */
	unsigned char where;       /* enum sc_where: where the command is */
	short command;             /* SC_WHERE_FIXED: the command's id */
	const char *arg;           /* after-reply: where the command ends;
	                              field: "KEY=" */
	unsigned char arg_len;
	unsigned char reply;       /* enum sc_reply_at: where the reply begins */
	const char *until[2];      /* the reply ends before the first of these */
	unsigned char until_len[2];
	unsigned char nuntil;
	unsigned char next;        /* enum sc_next: a reply on the next lines */
	unsigned char role;        /* a transcript format's: enum sc_role of
	                              the text after the marker; else 255 */
	unsigned char json;        /* reply "fields": its members' names,
	                              sc_jsons[json - 1]; 0: none (a byte of
	                              what was padding: four names here made
	                              every marker's address dearer, 0.8% of
	                              check's instructions) */
	unsigned char origin;      /* enum smtpcode_log_origin of its reply */
};

/* A "fields" reply's members: "\"NAME\":" of the code, the enhanced code,
 * the text and the recipient (NULL: none). */
struct sc_json {
	const char *name[4];
	unsigned char len[4];
};

/* The log's words for a command (a "word" row). */
struct sc_word {
	unsigned char format;
	const char *text;
	unsigned char len;
	short command;             /* an id, or SC_WORD_PIPELINED */
};

/* A transcript line's prefix (a "prefix" row). */
struct sc_prefix {
	const char *text;
	unsigned char len;
	unsigned char format;
	unsigned char role;        /* enum sc_role */
};

/* A field of a delivery status report's per-recipient group (a "field"
 * row): what its value names, for the replies of the group. */
struct sc_field {
	const char *text;          /* the name and its colon */
	unsigned char len;
	unsigned char what;        /* enum sc_field_what */
};

/* A reply's shape in a mail message's text (a "message" row), read in
 * messages only (smtpcode_log_bare_replies), not by the marker scan: OPEN
 * right before the reply's code, after a host's word or nothing (before
 * SC_BEFORE_HOST) or right after a recipient's address (SC_BEFORE_ADDRESS);
 * the reply ends before CLOSE, on its line or a later one (NULL: at the
 * line's end, or, when OPEN ends its line, on the lines after it, to the
 * reply's final line). */
struct sc_message {
	const char *open;
	unsigned char open_len;
	const char *close;
	unsigned char close_len;
	unsigned char format;
	unsigned char before;      /* enum sc_before */
	unsigned char echo;        /* the command from the reply's own text */
	short command;             /* the command's id; -1: none (or echo) */
};

extern const char *const sc_format_names[SC_NFORMATS];
extern const unsigned char sc_format_transcript[SC_NFORMATS]; /* enum sc_reader */
/* A format's ORIGIN: its transcript lines' and bare replies'. */
extern const unsigned char sc_format_origin[SC_NFORMATS];
/* A transcript format's session key (a "key" row): the text whose next word
 * names a marker line's session; NULL: the word before the marker. */
extern const char *const sc_format_key[SC_NFORMATS];
extern const unsigned char sc_format_key_len[SC_NFORMATS];
extern const struct sc_marker sc_markers[SC_NMARKERS];
extern const struct sc_json sc_jsons[SC_NJSONS];
extern const struct sc_word sc_words[SC_NWORDS];
extern const unsigned char sc_format_words[SC_NFORMATS + 1];
extern const struct sc_prefix sc_prefixes[SC_NPREFIXES];
extern const sc_markset sc_marker_next[256], sc_marker_third[256], sc_marker_fourth[256];
extern const sc_markset sc_marker_before[256], sc_marker_at_start;
extern const unsigned char sc_prefix_first[256], sc_prefix_second[256];
extern const struct sc_field sc_fields[SC_NFIELDS];
extern const struct sc_message sc_messages[SC_NMESSAGES];
/* A "detail" row: where a line of a format gives a detail of its reply
 * (what kind: enum sc_detail_kind). Each format's rows lie together, from
 * sc_format_details[f] to sc_format_details[f + 1], by group (enum
 * sc_detail_group, sc_detail_groups). */
struct sc_detail {
	const char *text;
	unsigned char len;
	unsigned char kind;
	unsigned char anchor;      /* the place of its rarest byte */
	unsigned char same;        /* the first row of the format with the same
	                              text (from the format's first) */
};
extern const struct sc_detail sc_details[SC_NDETAILS];
extern const unsigned short sc_format_details[SC_NFORMATS + 1];
extern const unsigned short sc_detail_groups[SC_NFORMATS * SC_DETAIL_GROUPS + 1];
_Static_assert(SC_FORMAT_DETAILS_MAX <= 32, "a format's detail rows are bits of a uint32_t");
extern const unsigned char sc_field_first[256];

_Static_assert(SC_NMARKERS <= SC_MARKSET_BITS, "a marker is a bit of a sc_markset");
_Static_assert(SC_MARKER_MIN >= 4, "the scan reads three bytes after a marker's space");

/* ---- The marker scan (logscan.c) --------------------------------------- */

/* AVX2 where the compiler can build it for one function and the CPU says it
 * has it (the marker scan's path, and the details' searches with it). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(SMTPCODE_NO_AVX2)
#define SC_AVX2 1
#endif

/* The paths (SMTPCODE_SCAN=auto, byte, avx2). */
enum sc_scan_path { SC_SCAN_AUTO, SC_SCAN_BYTE, SC_SCAN_AVX2 };

/* The path SMTPCODE_SCAN names, or, unset or auto, the best this build and
 * CPU have, into *path: 0; EINVAL for a name that is no path, ENOTSUP for
 * one this build or CPU lacks. */
int sc_scan_choose(enum sc_scan_path *path);

/* Whether the path named ("byte", "avx2" or "auto") can run: 1 yes, 0 not
 * in this build or on this CPU, -1 an unknown name or NULL (for the scan's
 * tests). */
int sc_scan_available(const char *name);

/* Finds where each marker first begins in s[0..len), through the path
 * given (which must be available): returns the markers found, a bit each,
 * and sets at[m] for each marker m found (only those). */
sc_markset sc_scan(enum sc_scan_path path, const char *s, size_t len,
                   const char *at[SC_NMARKERS]);

/* ---- The reader's state ------------------------------------------------ */

/* The lines of the multi-line replies a reader reads (an event's lines):
 * each reply's lines joined with '\n', at most SC_LINES bytes of them (cut
 * at a line's end, sc_lines_add). A reply of one line is never copied
 * here: its event points at the line fed. Two halves, taken in turn by
 * each reply: the event of the reply before (still to be read when a line
 * ends one reply and begins the next, as a reply cut off by the next one)
 * stays whole while the next is written. */
#define SC_LINES 4096

struct sc_lines {
	size_t len;                /* the lines so far, in text[half] */
	unsigned char half;
	int full;                  /* a line did not fit: the rest left out */
	char text[2][SC_LINES];
};

/* A new reply's lines, in the other half. */
static inline void sc_lines_begin(struct sc_lines *l)
{
	l->half ^= 1;
	l->len = 0;
	l->full = 0;
}

/* One more line of the reply (a trailing CR is not kept). */
static inline void sc_lines_line(struct sc_lines *l, const char *s, size_t len)
{
	if (len > 0 && s[len - 1] == '\r')
		len--;
	sc_lines_add(l->text[l->half], SC_LINES, &l->len, &l->full, s, len);
}

/* The reply's lines into ev. */
static inline void sc_lines_set(const struct sc_lines *l, struct smtpcode_log_event *ev)
{
	ev->lines = l->text[l->half];
	ev->lines_len = l->len;
}

/* A reply folded over the lines after its marker's (bounce messages). */
struct sc_fold {
	int marker;                /* sc_markers[] index; -1: none pending */
	const struct smtpcode_command *command; /* NEXT_INDENTED: already read */
	int pipelined;
	size_t len;                /* NEXT_JOIN: the text joined so far */
	size_t lines;              /* lines joined */
	struct smtpcode_reply_state reply; /* NEXT_NEXT_LINE: the reply so
	                              far, once its first line came */
	char text[2048];           /* (bounded) */
	char head[512];            /* the fold's lines before its reply, joined
	                              with ' ' (bounded): the line before the
	                              marker's in a message (Exim's "host H
	                              [IP]"), the marker's, those between and the
	                              words before the reply on its line ("host
	                              H [IP]: 550 ..."); its event's details are
	                              read there (smtpcode_log_details()) */
	unsigned short head_len;
	struct sc_lines reply_lines; /* the lines of a fold's reply, of a
	                              marker's reply flattened on its line, and
	                              of a bare reply (logline.c): one at a time,
	                              each ends before the next begins */
};

/* A transcript being read (transcript.c). */
#define SC_QUEUE 32       /* commands in flight kept (RFC 2920 pipelining) */
#define SC_LMTP_RCPTS 24  /* recipients named in LMTP's replies to "." */
#define SC_TEXT 64        /* bytes kept of a word or an address */

/* A command sent whose reply has not come. */
struct sc_sent {
	const struct smtpcode_command *command; /* NULL: one the library does
	                                           not know, whose word is text */
	unsigned char len;
	char text[SC_TEXT];    /* that word; RCPT's address; end-of-data's
	                          recipient (LMTP) */
};

struct sc_transcript {
	int format;                /* the transcript's format; -1: none yet */
	const unsigned long *fed;  /* the reader's lines fed (sc_log.lines) */
	unsigned long reply_at;    /* *fed at the open reply's last line */
	struct sc_sent q[SC_QUEUE]; /* in flight, oldest at head */
	unsigned head, count;
	unsigned lost;             /* commands the full queue could not keep */
	struct sc_sent done[2];    /* the command the last reply answered (the
	                              event's texts point here), in the halves
	                              in turn: a line may complete two replies
	                              (one cut off, then its own) */
	unsigned char done_half;
	struct sc_sent rcpts[SC_LMTP_RCPTS]; /* recipients accepted (LMTP) */
	unsigned nrcpt;
	int lmtp;                  /* LHLO was sent */
	/* The mail transaction's sender (RFC 5321 §3.3): the address of the
	 * MAIL (or SEND, SOML, SAML) that a 2yz accepted, without its
	 * brackets, for the replies to its RCPTs, DATA, BDATs and end of
	 * data; written into the halves in turn (an event of the line before
	 * may still point at the other). */
	unsigned char has_sender, sender_len, sender_half;
	char sender[2][SC_TEXT];
	int in_data;               /* between a 3yz to DATA and the "." */
	int in_bdat;               /* a BDAT chunk's bytes are coming */
	size_t bdat_left;
	int auth_data;             /* a 334 answered AUTH: the client's next
	                              line is authentication data */
	int session_over;          /* the next reply with none queued greets */
	int swapped;               /* ATRN or TURN turned the roles round */
	unsigned char origin;      /* the last server line's origin (its marker
	                              or its format's), before any swap */
	int bare;                  /* a bare transcript's format, whose lines
	                              without a prefix are read; -1: none;
	                              -2: none, a reply held (holding) */
	unsigned char keylen;      /* the session's name in the log (a process */
	char key[32];              /* id), where its lines have one */
	/* The remote host that a session-host line named ("... while
	 * talking to HOST:"), the session's replies' remote_host; each such
	 * line writes the other half (a reply held from the session before is
	 * given as the line is read, and still points at its own) */
	unsigned short host_len;   /* 0: none */
	unsigned char host_half;
	char host[2][256];
	struct smtpcode_reply_state reply; /* a multi-line reply being read */
	/* A reply held for a line (a transcript that shows only the last
	 * command of a pipelined batch, as Sendmail's): the next protocol
	 * line says whether it answered the command shown or one before it
	 * that the transcript left out (sc_transcript_release). */
	int holding;
	size_t held_after;         /* the lines after its final line */
	struct sc_sent held_sent;  /* the command it answered, as queued */
	struct smtpcode_log_event held;
	/* last, so that sc_transcript_begin leaves the texts unwritten: */
	struct sc_lines lines;     /* the reply's lines */
	unsigned char held_half;
	char held_text[2][SC_LINES]; /* the held reply's text and lines, in
	                              the halves in turn (a line may release
	                              one and hold the next) */
};

/* Transcripts kept apart: [0] for lines that name no session, the others
 * for the sessions that lines name (a process id, a session id), the one
 * least recently used given to a new session. */
#define SC_SESSIONS 4

/* The day of the last date a time stamp of one shape wrote (logtime.c;
 * one for syslog's, one for ISO 8601's, so that lines of both in turn
 * keep theirs): its text
 * ("Nov 20" with the year, or "2026-11-20"), and whether it is one (1;
 * 2: syslog's, a day without the year to count it), and its days since
 * 1970-01-01. */
struct sc_day {
	char key[10];
	unsigned char len;         /* 0: none */
	int year;
	int valid;
	long long days;
};

/* Amazon SES's bounce notification on a line (logses.c): the recipients
 * that give a reply, and the notification's members each reply takes.
 * The spans point into the line, or into doc (an SNS notification's
 * Message, decoded). SES sends a message to 50 recipients at most. */
#define SC_SES_RECIPIENTS 50
struct sc_ses {
	unsigned n;                /* recipients with a reply */
	int delivery;              /* a delivery notification's (its one
	                              reply in rcpt[0], its delivery object) */
	const char *rcpt[SC_SES_RECIPIENTS]; /* each one's object ('{') */
	const char *end;           /* the notification's end */
	const char *time, *addr, *sender, *id; /* bounce.timestamp,
	                              bounce.remoteMtaIp, mail.source,
	                              mail.messageId (NULL: none) */
	size_t time_len, addr_len, sender_len, id_len;
	/* (from here on, not cleared for each line) */
	char doc[64 * 1024];       /* an SNS notification's Message */
	char text[2048];           /* the reply given, decoded */
	char address[512];         /* its recipient, decoded */
	struct sc_lines lines;     /* its lines, when more than one */
};

struct sc_log;
/* Reads an SES bounce notification's line (its first byte '{'): the
 * number of recipients that give a reply, 0 for no such notification. */
int sc_ses_line(struct sc_log *lg, const char *line, size_t len);

/* Reads the k-th reply of the line sc_ses_line() read into ev (cleared):
 * 1, or 0 for none. Its recipient and remote host with it, as a report
 * group's are. */
int sc_ses_event(struct sc_log *lg, unsigned k, struct smtpcode_log_event *ev);

/* The address in v[0..n) as an event's details take one (an IPv4 or IPv6
 * address's text, in brackets or not, a port left out): its length into
 * *len, or NULL for none. */
const char *sc_ip_of(const char *v, size_t n, size_t *len);

/* Whether v[0..n) is an id as an event's details take one. */
int sc_id_is(const char *v, size_t n);

/* The places of the dates in struct sc_log, in the order they are tried. */
enum sc_date_of { SC_DATE_ATTEMPT, SC_DATE_INPUT, SC_DATE_ARRIVAL };
#define SC_DATE_TEXT 128 /* a longer date is none */

struct sc_log {
	enum sc_scan_path scan;
	struct sc_fold fold;
	struct sc_transcript tr[SC_SESSIONS];
	unsigned long used[SC_SESSIONS];
	unsigned long tick;
	unsigned long lines;       /* the input's lines fed so far */
	int records;               /* a record format (Exchange's CSV) whose
	                              header was read, or whose record the
	                              input's first line is; -1: none; -2:
	                              none yet, the first line to decide */
	char message[4096];        /* a journald JSON line's MESSAGE, decoded
	                              (bounded) */
	size_t message_len;        /* its length; 0: the last '{' line had
	                              none */
	char scratch[1024];        /* a qmail line's text, respaced (bounded) */
	int bare_on;               /* smtpcode_log_bare_replies() */
	unsigned detail_kinds;     /* smtpcode_log_detail_kinds() */
	struct smtpcode_reply_state bare; /* a bare reply's lines so far */
	int bare_may_open;         /* the line before may stand over one */
	unsigned char msg_open;    /* a "message" row's reply whose CLOSE is to
	                              come: its row + 1 (its text so far in
	                              fold.text, fold.len); 0: none */
	unsigned char msg_lines;   /* its lines after the one with its code */
	unsigned char msg_host;    /* the host's word before OPEN, at the start
	                              of fold.text (its reply after it) */
	char group[2][256];        /* a delivery status report's group: its
	                              recipient and remote host (enum
	                              sc_field_what), until a blank line */
	unsigned char group_len[2];
	int year;                  /* smtpcode_log_year(); 0: none */
	long long latest;          /* smtpcode_log_latest(); 0: none */
	/* The dates that give a reply whose line has no time its time, in
	 * this order (enum sc_date_of): a delivery status report group's
	 * Last-Attempt-Date, the input's own (smtpcode_log_date(): a
	 * message's Date:), the report's Arrival-Date. Each its text as
	 * written (blanks trimmed) and its epoch; len 0: none. */
	char date[3][SC_DATE_TEXT];
	unsigned char date_len[3];
	long long date_epoch[3];
	struct sc_day day[2];      /* the last syslog and ISO 8601 days */
	char prev[256];            /* in a message's part (bare_on), the line
	                              before the one read, when indented (a
	                              fold's head may begin with it:
	                              logline.c's feed_indented) */
	unsigned short prev_len;   /* 0: none */
	char head_kept[512];       /* the fold's head of the event head_of, kept
	                              until that event is read again */
	unsigned short head_kept_len;
	const struct smtpcode_log_event *head_of; /* the event a fold gave (its
	                              details read in head_kept); NULL: none */
	unsigned char csv_col[8];  /* a CSV format's detail rows (the first
	                              eight): the column each names in the
	                              #Fields: header, from 1; 0: none */
	unsigned ses_next;         /* the line's next SES reply to give
	                              (SC_RARE_SES) */
	struct sc_ses ses;         /* the line's SES notification */
};

/* Where an event came from, for its details: the line as read (a
 * journald line's MESSAGE decoded) and as fed (for its time); NULL for
 * an event that no line of its own gave (a fold ended by a later line,
 * the finish). */
struct sc_source {
	const char *line, *fed;
	size_t len, fed_len;
};

/* smtpcode_log.rare's bits: what makes the next feed() take its rare
 * path, so that the lines whose details no one asks pay no test of their
 * own for them. */
enum {
	SC_RARE_FINISHING = 1, /* smtpcode_log_finish(): next() drains the
	                          unfinished replies */
	SC_RARE_READ0 = 2,     /* q[0]'s details were read (bit << i for q[i]):
	                          the next line clears them */
	SC_RARE_READ1 = 4,
	SC_RARE_NO_LINE0 = 8,  /* q[0] is a fold's reply that the line only
	                          ended: no line of its own */
	SC_RARE_SES = 16       /* the line's SES notification has more replies
	                          for next() (sc_log.ses_next) */
};

/* The reader smtpcode_log_new() makes: the state, and the events a line
 * (or the end) gave that are not yet read. */
struct smtpcode_log {
	struct sc_log lg;
	struct smtpcode_log_event q[2]; /* a line's events: a fold's reply that
	                                   it ended, then its own */
	const char *fed;            /* the line last fed, as given: q[]'s line
	                               (two stores a line, where a source for
	                               each event cost 1.3M instructions of
	                               check on the bench log) */
	size_t fed_len;
	unsigned char head, count;  /* q[head..count) not yet read; next()
	                               gave q[head - 1] last (head 3: none) */
	signed char last;           /* while finishing, the event next() gave
	                               last (0), or -1 for none */
	unsigned char rare;         /* SC_RARE_* */
	unsigned char kinds_read[2]; /* the kinds (smtpcode_log_detail_kinds)
	                                details() read of q[i], while its
	                                SC_RARE_READ bit is set */
	char kept[sizeof(((struct sc_fold *)0)->text) + sizeof(((struct sc_log *)0)->group)];
	                            /* q[0]'s texts that lay in the fold and
	                               the group, copied before the line's
	                               second read (sc_fold.text, sc_log.group) */
};

/* Whether s[0..n) is blanks only (spaces, tabs, CRs). */
static inline int sc_blank(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n == 0;
}

/* The index of the lowest set bit of a non-zero v. */
static inline int sc_lowest_bit(uint64_t v)
{
#if defined(__GNUC__)
	return __builtin_ctzll(v);
#else
	int n = 0;
	while (!(v & 1u))
		v >>= 1, n++;
	return n;
#endif
}

/* The first marker of a non-empty set. */
static inline int sc_markset_lowest(sc_markset v)
{
#if SC_MARKSET_BITS > 64
	uint64_t lo = (uint64_t)v;
	return lo ? sc_lowest_bit(lo) : 64 + sc_lowest_bit((uint64_t)(v >> 64));
#else
	return sc_lowest_bit(v);
#endif
}

/* ---- An event's details (logdetail.c) ---------------------------------- */

/* Fills the details of *ev (enum smtpcode_log_format's rows of kind id,
 * sender, recipient, host and address; the time) of the kinds given
 * (smtpcode_log_detail_kinds' flags) from the line it came from, src
 * (NULL lines: none). */
void sc_details_read(struct sc_log *lg, const struct sc_source *src, unsigned kinds,
                     struct smtpcode_log_event *ev);

/* A CSV format's header line h[0..len), its columns after the first ':'
 * ("#Fields: a,b,c"): notes which column each of the format's detail
 * rows names. */
void sc_details_header(struct sc_log *lg, int format, const char *h, size_t len);

/* ---- A line's time (logtime.c) ------------------------------------------ */

/* The time stamp line s[0..len) begins with (a journald JSON line's
 * __REALTIME_TIMESTAMP; OpenSMTPD's report's TIME) into ev->time and
 * ev->epoch, with `year` for a syslog stamp (0: none; the year before
 * where that puts it more than a day after `latest`, when latest > 0) and
 * the reader's cache of the last days, c[0] syslog's and c[1] ISO 8601's;
 * nothing set when there is none or it is not a valid time. */
void sc_line_time(const char *s, size_t len, int year, long long latest, struct sc_day c[2],
                  struct smtpcode_log_event *ev);

/* Whether s[0..len) is an RFC 5322 date-time (§3.3, its obsolete forms of
 * §4.3 too: two-digit years, zone names; comments and blanks around its
 * parts): where its zone ends, with its seconds since the epoch in
 * *epoch, else 0. */
size_t sc_mail_date(const char *s, size_t len, long long *epoch);

/* Keeps the date s[0..len) (up to its zone: blanks and a comment around it
 * left out) in lg's place `of`
 * when it is a valid RFC 5322 date-time, else empties that place: 1 kept,
 * 0 not. */
int sc_keep_date(struct sc_log *lg, enum sc_date_of of, const char *s, size_t len);

/* ---- Reader primitives (logtext.c) ------------------------------------- */

/* The first word of s[0..len): up to a space, a colon, a tab or the end.
 * (Inline: the transcript reader calls it for each client line.) */
static inline size_t sc_word_len(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && s[n] != ' ' && s[n] != ':' && s[n] != '\t')
		n++;
	return n;
}

/* Where needle[0..n) first occurs in s[0..len), or NULL. */
const char *sc_find(const char *s, size_t len, const char *needle, size_t n);

/* Fills the command of *ev from the log's words s[0..len) (a word in quotes,
 * "\"RCPT", read past the opening quote when the quote makes it none). */
void sc_set_command(struct smtpcode_log_event *ev, const char *s, size_t len);

/* Sets the command of *ev from word row w, or, when there is none (or it
 * names no command), from the log's words s[0..n). */
void sc_word_command(struct smtpcode_log_event *ev, const struct sc_word *w, const char *s,
                     size_t n);

/* The word row of `format` whose words begin s[0..len) and end at a word's
 * end (exact: fill the whole of s), or NULL. */
const struct sc_word *sc_word_at(int format, const char *s, size_t len, int exact);

/* "before": the command of the first word row of `format` whose words end
 * line[0..len) (where the marker begins) and begin a word there (after a
 * space, ':' or the line's start); none, no command. */
void sc_word_before(struct smtpcode_log_event *ev, int format, const char *line, size_t len);

/* "echo": the command of the first word row of `format` whose words the
 * reply's own text (ev's) begins or ends with, in any case ("552 RCPT
 * TO:<x> Mailbox disk quota exceeded", Yahoo's "... User Unknown
 * [RCPT_TO]"); none, no command. */
void sc_word_echo(struct smtpcode_log_event *ev, int format);

/* after-reply: the command in c[0..n), which follows the reply's end, up
 * to the marker's arg. */
void sc_after_reply_command(struct smtpcode_log_event *ev, const struct sc_marker *mk,
                            const char *c, size_t n);

/* Decodes the JSON string text p[0..end) (after its opening quote) into
 * out[n..size), up to its closing quote: the new length. */
size_t sc_json_text(const char *p, const char *end, char *out, size_t n, size_t size);

/* A marker's "fields" reply: the JSON object after the marker, s[0..len)
 * (past a tab, or the spaces or "#011" a syslog writes for one), gives the
 * reply in the row's members, rebuilt in scratch[0..size) as "CODE
 * ENHANCED TEXT" (the text decoded, its line ends as spaces) and read as
 * any other; an enhanced code whose class is not a digit from 1 ("0.0.0",
 * go-smtp's unset code, which maddy logs) is left out; without the code's
 * member, no reply (0). The fourth member, when the row names one, is the
 * recipient (decoded into scratch after the reply). */
int sc_json_reply(struct smtpcode_log_event *ev, const struct sc_marker *mk, const char *s,
                  size_t len, char *scratch, size_t size);

/* Reads the reply in s[0..len) (flattened lines allowed) into ev, and its
 * lines: a reply of one line is s[0..len) itself (ev->lines points there);
 * one of more lines has them written into l (a reply's lines, joined with
 * '\n'), or, with l NULL, no lines (ev->lines NULL). sc_take_lines: the
 * lines of a reply of more than one line, read again (inline: the common
 * reply of one line costs its parse and two stores). */
int sc_take_lines(struct smtpcode_log_event *ev, const char *s, size_t len, struct sc_lines *l);
static inline int sc_take_reply_lines(struct smtpcode_log_event *ev, const char *s, size_t len,
                                      struct sc_lines *l)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	ev->lines = s; /* the reply's one line, as it stands */
	ev->lines_len = len;
	if (!smtpcode_reply_flat(s, len, &ev->reply))
		return 0;
	/* (more lines, rarely: read again, for their lines) */
	return ev->reply.lines > 1 ? sc_take_lines(ev, s, len, l) : 1;
}
int sc_take_reply(struct smtpcode_log_event *ev, const char *s, size_t len);

/* The first reply in s[0..len) after a ": ", or NULL. */
const char *sc_reply_after_colon(const char *s, size_t len);

/* Sets ev's reply to r, a multi-line reply that stopped before its final
 * line: flagged SMTPCODE_REPLY_UNTERMINATED, its last line's text gone. */
void sc_reply_cut(struct smtpcode_log_event *ev, const struct smtpcode_reply_state *r);

/* ---- Markers (logmarker.c) and folded replies (logfold.c) --------------- */

/* Reads marker m, found at `at` in line[0..len) (scratch[0..size) for a
 * format whose text needs respacing): 1 and *ev for a reply;
 * 0 for none; -1 when the reply goes on over the next lines (the fold is
 * then started). */
int sc_marker_read(struct sc_fold *fold, int m, const char *line, size_t len, const char *at,
                   char *scratch, size_t size, struct smtpcode_log_event *ev);

/* Starts a fold for marker m, with the reply's text so far (join) and the
 * command already read (indented, in *ev). */
void sc_fold_start(struct sc_fold *f, int m, const char *text, size_t len,
                   const struct smtpcode_log_event *ev);

/* A line while a fold is pending: 1 and *ev when the reply is complete;
 * 2 and *ev when the line ended the fold, which held a reply (the line is
 * then still to be read); 0 otherwise (f->marker is -1 when the fold ended
 * without a reply, and the line is then read as any other). */
int sc_fold_line(struct sc_fold *f, const char *s, size_t len, struct smtpcode_log_event *ev);

/* Adds s[0..len) to the fold's head (after a ' '), as far as it has
 * room. */
void sc_fold_head(struct sc_fold *f, const char *s, size_t len);

/* Appends s[0..len) to buf[0..*have) of `size` bytes, after a ' ' when
 * it holds some, as far as there is room: the room there was for s (a
 * fold's joined lines, its head, a "message" row's lines). */
size_t sc_add_spaced(char *buf, size_t size, size_t *have, const char *s, size_t len);

/* The end of the input: 1 and *ev for a reply the fold held (a joined
 * reply cut short is flagged unterminated). */
int sc_fold_end(struct sc_fold *f, struct smtpcode_log_event *ev);
/* Ends a fold of the lines after its marker (next-line, next-lines) that
 * has no reply open, for a line that begins a transcript (a prefix row's:
 * Sendmail's "... while talking to H:" ends in ':' as the host line that
 * such a fold takes in, but begins a session): 1 when it ended it. */
int sc_fold_yield(struct sc_fold *f);

/* ---- Records that name their session (logrecord.c) --------------------- */

/* The transcript of the session key[0..len) names: [0] for none. */
struct sc_transcript *sc_session(struct sc_log *lg, const char *key, size_t len);

/* A line of a record format: OpenSMTPD's report stream, after its prefix
 * ("report|"), of format fmt; or (fmt -1) a line after Exchange's header.
 * 1 for a complete reply (in *ev), 0 for another record, -1 when the line
 * is not one. */
int sc_record_line(struct sc_log *lg, int fmt, const char *s, size_t len,
                   struct smtpcode_log_event *ev);

/* ---- Transcripts (transcript.c) ----------------------------------------- */

void sc_transcript_begin(struct sc_transcript *tr, const unsigned long *lines);

/* Whether s[0..len) is a quoted string, as a quoted-transcript's lines
 * are ('...', b'...' or "...", blanks around it). */
int sc_quoted(const char *s, size_t len);

/* Reads a transcript line of `format` whose prefix or marker says `role`
 * (enum sc_role), rest[0..len) being what follows it, key[0..keylen) the
 * session it belongs to where the line names one (else NULL): 1 for a
 * complete reply (in *ev), else 0. */
int sc_transcript_line(struct sc_transcript *tr, int format, int role, const char *rest,
                       size_t len, const char *key, size_t keylen,
                       struct smtpcode_log_event *ev);

/* A line without a prefix or marker while a bare transcript is being
 * read: 1 for a complete reply (in *ev), 0 for another protocol line, -1
 * when it is not one (the line is then read as any other). */
int sc_transcript_bare_line(struct sc_transcript *tr, const char *s, size_t len,
                            struct smtpcode_log_event *ev);
static inline int sc_transcript_bare(struct sc_transcript *tr, const char *s, size_t len,
                                     struct smtpcode_log_event *ev)
{
	/* (inline: most lines are turned away here, by one test) */
	return tr->bare == -1 ? -1 : sc_transcript_bare_line(tr, s, len, ev);
}

/* The end of the input: 1 and *ev for a held or an unfinished reply. */
int sc_transcript_end(struct sc_transcript *tr, struct smtpcode_log_event *ev);

/* A line s[0..len) while tr holds a reply (tr->holding): 2 and *ev when
 * the line decides what the reply answered (the line is then still to be
 * read), 0 when the line is a note between protocol lines, read as any
 * other while the reply stays held. */
int sc_transcript_release(struct sc_transcript *tr, const char *s, size_t len,
                          struct smtpcode_log_event *ev);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
