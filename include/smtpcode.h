/* SPDX-License-Identifier: MIT */
/*
 * smtpcode.h - SMTP reply codes, commands and command-reply tables.
 *
 * Every record returned by this library points into constant tables compiled
 * into it: nothing is allocated, nothing needs freeing, and every function is
 * safe to call from any number of threads at once. The one exception is the
 * log reader ("Mail logs" below): smtpcode_log_new() allocates a reader,
 * which smtpcode_log_free() frees, and whose events it owns; one reader is
 * used by one thread at a time.
 *
 * Conventions: a function that looks something up returns a pointer to a
 * constant record when found and NULL when not found or when its argument is
 * bad (NULL pointer, out-of-range number, text that is not of the right form).
 * Text arguments are given as pointer and length and need not be
 * NUL-terminated; no byte past `len` is read.
 */
#ifndef SMTPCODE_H
#define SMTPCODE_H

#include <stddef.h>

#if defined(_WIN32) && defined(SMTPCODE_BUILDING)
#define SMTPCODE_API __declspec(dllexport)
#elif defined(SMTPCODE_BUILDING) && defined(__GNUC__)
#define SMTPCODE_API __attribute__((visibility("default")))
#else
#define SMTPCODE_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define SMTPCODE_VERSION_MAJOR 0
#define SMTPCODE_VERSION_MINOR 1
#define SMTPCODE_VERSION_PATCH 0
#define SMTPCODE_VERSION_STRING "0.1.0"

/* The library's version at run time, e.g. "0.1.0". Never NULL. */
SMTPCODE_API const char *smtpcode_version(void);

/* ---- Standards ---------------------------------------------------------- */

/* The standards whose command-reply tables are known (data/standards.txt). */
enum smtpcode_standard {
	SMTPCODE_STD_RFC821 = 0,
	SMTPCODE_STD_RFC2821 = 1,
	SMTPCODE_STD_RFC5321 = 2,
	SMTPCODE_STD_COUNT = 3
};
#define SMTPCODE_STD_DEFAULT SMTPCODE_STD_RFC5321

struct smtpcode_standard_info {
	enum smtpcode_standard standard;
	const char *id;            /* "rfc5321" */
	const char *document;      /* "RFC 5321" */
	int year;                  /* 2008 */
	const char *table_section; /* section of its command-reply table, "§4.3.2" */
	const char *codes_section; /* section of its list of codes, "§4.2.3" */
	const char *source;        /* where smtpcode's copy of the table comes from */
};

/* The record of a standard; NULL when `std` is not one of the enum's values. */
SMTPCODE_API const struct smtpcode_standard_info *
smtpcode_standard_info(enum smtpcode_standard std);

/* The standard named `name` ("rfc5321", "RFC5321", "5321"; case-insensitive);
 * NULL when no standard has that name or name is NULL. */
SMTPCODE_API const struct smtpcode_standard_info *
smtpcode_standard_by_name(const char *name, size_t len);

/* ---- Reply codes -------------------------------------------------------- */

enum smtpcode_status {
	SMTPCODE_STATUS_STANDARD = 0,    /* defined by a standards-track RFC */
	SMTPCODE_STATUS_HISTORIC = 1,    /* defined once, since withdrawn */
	SMTPCODE_STATUS_NONSTANDARD = 2  /* used in the field, never standardised */
};

/* A registered reply code. */
struct smtpcode_reply {
	int code;                     /* 550 */
	const char *text;             /* the RFC's text for it */
	const char *explanation;      /* the RFC's bracketed explanation, or NULL */
	enum smtpcode_status status;
	unsigned standards;           /* bit (1u << std) for each standard whose
	                                 code list has it; 0 for none */
	const char *const *sources;   /* RFC and section of each source */
	size_t nsources;
};

/* The record of reply code `code`: NULL when it is not registered, including
 * any number outside 100..999. */
SMTPCODE_API const struct smtpcode_reply *smtpcode_reply(int code);

/* The record of the reply code written as exactly three ASCII digits in
 * s[0..len); NULL when the text is not three digits (s NULL, len != 3, a
 * sign, a space) or the code is not registered. */
SMTPCODE_API const struct smtpcode_reply *
smtpcode_reply_from_text(const char *s, size_t len);

/* Parses exactly three ASCII digits in s[0..len) and returns their value
 * (0..999); -1 for anything else (s NULL, other length, a non-digit). */
SMTPCODE_API int smtpcode_parse_code(const char *s, size_t len);

/* Registered codes in numeric order: the i-th, or NULL when i is past the
 * end. smtpcode_reply_count() gives how many there are. */
SMTPCODE_API const struct smtpcode_reply *smtpcode_reply_at(size_t i);
SMTPCODE_API size_t smtpcode_reply_count(void);

/* ---- Class, category and the reply-code grammar ------------------------- */

/* Whether a number is a well-formed reply code under RFC 5321 §4.2:
 * Reply-code = %x32-35 %x30-35 %x30-39. */
enum smtpcode_form {
	SMTPCODE_FORM_OK = 0,
	SMTPCODE_FORM_NOT_THREE_DIGITS = 1, /* outside 0..999 (0..99 are
	                                       "000".."099": BAD_CLASS) */
	SMTPCODE_FORM_BAD_CLASS = 2,        /* first digit outside 2-5 */
	SMTPCODE_FORM_BAD_CATEGORY = 3      /* second digit outside 0-5 */
};

/* The form of `code`; the first rule it breaks when it breaks several. */
SMTPCODE_API enum smtpcode_form smtpcode_code_form(int code);

/* One sentence saying why a code of that form is not well-formed, naming
 * the rule ("second digit must be 0-5 (RFC 5321 §4.2, Reply-code)"); "" for
 * SMTPCODE_FORM_OK; NULL for a value not in the enum. */
SMTPCODE_API const char *smtpcode_form_reason(enum smtpcode_form form);

/* The meaning of one digit of a reply code. */
struct smtpcode_digit {
	int digit;
	const char *name;    /* "Permanent Negative Completion", "Mail system" */
	const char *meaning; /* the RFC's sentence for it */
	const char *source;  /* "RFC 5321 §4.2.1" */
};

/* The class (first digit) of a code in 0..999 (000 to 999): NULL when the
 * digit is not one of 2, 3, 4, 5 (RFC 5321 §4.2.1) or the code is outside
 * 0..999. */
SMTPCODE_API const struct smtpcode_digit *smtpcode_class(int code);

/* The same under standard std: RFC 821 §4.2.1 also names class 1
 * ("Positive Preliminary"), which RFC 5321 leaves out. NULL for a bad
 * standard too. */
SMTPCODE_API const struct smtpcode_digit *smtpcode_class_in(enum smtpcode_standard std,
                                                           int code);

/* The category (second digit) of a code in 0..999: NULL when the digit is
 * above 5 or the code is outside 0..999. */
SMTPCODE_API const struct smtpcode_digit *smtpcode_category(int code);

/* ---- Commands ----------------------------------------------------------- */

struct smtpcode_command {
	unsigned id;                /* 0..smtpcode_command_count()-1 */
	const char *name;           /* canonical name: "RCPT", "CONNECT" */
	const char *description;
	int pseudo;                 /* 1 for CONNECT and end-of-data: they name
	                               a reply that answers no command line */
	int extension;              /* 1 for a service extension's command
	                               (AUTH, STARTTLS, BDAT ...) */
	unsigned standards;         /* bit (1u << std) for each standard whose
	                               table has it, or under which the
	                               extension is used */
	const char *const *sources;
	size_t nsources;
};

/* The command whose name or alias is s[0..len), case-insensitively ("rcpt",
 * "greeting", "."); NULL when there is none or s is NULL. */
SMTPCODE_API const struct smtpcode_command *
smtpcode_command(const char *s, size_t len);

/* Commands in table order: the i-th, or NULL past the end. */
SMTPCODE_API const struct smtpcode_command *smtpcode_command_at(size_t i);
SMTPCODE_API size_t smtpcode_command_count(void);

/* Aliases: the i-th alias's text, with *command set to what it names; NULL
 * (and *command untouched) past the end. `command` may be NULL. */
SMTPCODE_API const char *
smtpcode_alias_at(size_t i, const struct smtpcode_command **command);

/* ---- Validity of a reply for a command ---------------------------------- */

/* The role a standard's table gives a reply (its prefix letter). */
enum smtpcode_role {
	SMTPCODE_ROLE_NONE = 0,
	SMTPCODE_ROLE_INTERMEDIATE = 1, /* I */
	SMTPCODE_ROLE_SUCCESS = 2,      /* S */
	SMTPCODE_ROLE_FAILURE = 3,      /* F (RFC 821 only) */
	SMTPCODE_ROLE_ERROR = 4         /* E */
};

/* "intermediate", "success", "failure", "error"; NULL for NONE and for a
 * value not in the enum. */
SMTPCODE_API const char *smtpcode_role_name(enum smtpcode_role role);

/* The verdict on a (standard, command, code) triple. LISTED, ANY_COMMAND
 * and CONDITIONAL mean "valid"; smtpcode_verdict_valid() says so. */
enum smtpcode_verdict {
	SMTPCODE_LISTED = 0,          /* the table lists it for the command */
	SMTPCODE_ANY_COMMAND = 1,     /* allowed for any command */
	SMTPCODE_CONDITIONAL = 2,     /* allowed under a named condition only
	                                 (e.g. 530 when AUTH is required) */
	SMTPCODE_NOT_LISTED = 3,      /* both known to the standard, not paired */
	SMTPCODE_CODE_UNKNOWN = 4,    /* the standard's code list lacks it, and
	                                 nothing lists it for the command */
	SMTPCODE_COMMAND_UNKNOWN = 5, /* the standard's table lacks the command */
	SMTPCODE_BAD_ARGUMENT = 6     /* bad standard, NULL command, code not
	                                 in 100..999 */
};

/* What decides a verdict. */
struct smtpcode_validity {
	enum smtpcode_verdict verdict;
	enum smtpcode_role role;  /* the listed role; NONE unless LISTED */
	const char *rule;         /* the RFC and section that decide, e.g.
	                             "RFC 5321 §4.3.2"; never NULL */
	const char *condition;    /* for CONDITIONAL, the condition; else NULL */
};

/* Decides whether `code` is a valid reply to `command` under `std`, and
 * fills *out when out is not NULL. Returns the verdict. */
SMTPCODE_API enum smtpcode_verdict
smtpcode_validate(enum smtpcode_standard std,
                  const struct smtpcode_command *command, int code,
                  struct smtpcode_validity *out);

/* 1 for LISTED, ANY_COMMAND and CONDITIONAL, else 0. */
SMTPCODE_API int smtpcode_verdict_valid(enum smtpcode_verdict verdict);

/* "listed", "any-command", "conditional", "not-listed", "code-unknown",
 * "command-unknown", "bad-argument"; NULL for a value not in the enum. */
SMTPCODE_API const char *smtpcode_verdict_name(enum smtpcode_verdict verdict);

/* One reply that a standard's table lists for a command. */
struct smtpcode_listing {
	const struct smtpcode_reply *reply;
	enum smtpcode_role role;
	const char *source;
};

/* The i-th reply that `std` lists for `command`, in the RFC's order; NULL
 * past the end, for a bad standard, or a NULL command. */
SMTPCODE_API const struct smtpcode_listing *
smtpcode_listing_at(enum smtpcode_standard std,
                    const struct smtpcode_command *command, size_t i);

/* A code that `std` allows in reply to any command. */
struct smtpcode_any_rule {
	const struct smtpcode_reply *reply;
	int pseudo_too;      /* 1: also for CONNECT and end-of-data */
	const char *source;
};

/* The i-th any-command rule of `std`; NULL past the end or bad standard. */
SMTPCODE_API const struct smtpcode_any_rule *
smtpcode_any_rule_at(enum smtpcode_standard std, size_t i);

/* A code `std` allows only under a condition (data/conditional.txt). */
struct smtpcode_conditional {
	const struct smtpcode_reply *reply;
	const char *condition;  /* "the server requires authentication first" */
	const char *source;
	int except;             /* 1: every command line (not CONNECT or
	                           end-of-data) but commands[]; 0: commands[] */
	const struct smtpcode_command *const *commands;
	size_t ncommands;
	const char *const *evidence; /* words (matched in any case) of which one
	                                in a reply's text shows the condition
	                                held; none when no reply can show it */
	size_t nevidence;
};

/* The i-th conditional rule of `std`; NULL past the end or bad standard.
 * Where several rules of one code cover a command, the first decides
 * smtpcode_validate()'s verdict. */
SMTPCODE_API const struct smtpcode_conditional *
smtpcode_conditional_at(enum smtpcode_standard std, size_t i);

/* ---- Judging a reply: smtpcode check's verdict --------------------------- */

/* The verdict on one reply as smtpcode check gives it, weighing in turn
 * the reply's flags, its code's grammar and registration, its enhanced
 * code's pairing, then the standard's table with the reply's text. The
 * one vocabulary of the tool and the library (smtpcode(3) lists it with
 * how smtpcode_validate()'s verdicts map onto it). From NOT_LISTED on, a
 * verdict is a problem. */
struct smtpcode_reply_state; /* below: Replies as servers send them */
struct smtpcode_log_event;   /* below: Mail logs */

enum smtpcode_judged {
	SMTPCODE_JUDGED_VALID = 0,                 /* listed, or any command */
	SMTPCODE_JUDGED_CONDITIONAL = 1,           /* allowed under a condition
	                                              the text shows, or no text
	                                              was given */
	SMTPCODE_JUDGED_NO_COMMAND = 2,            /* no command, or one the
	                                              library does not know */
	SMTPCODE_JUDGED_NOT_LISTED = 3,            /* the table does not allow it
	                                              (or a condition the text
	                                              does not show) */
	SMTPCODE_JUDGED_MALFORMED_CODE = 4,        /* outside RFC 5321 §4.2's
	                                              grammar */
	SMTPCODE_JUDGED_UNREGISTERED_CODE = 5,     /* no standard has the code */
	SMTPCODE_JUDGED_ENHANCED_MISMATCH = 6,     /* the classes disagree */
	SMTPCODE_JUDGED_UNREGISTERED_ENHANCED = 7, /* not in the IANA registry */
	SMTPCODE_JUDGED_MALFORMED_REPLY = 8,       /* a flag of the reply:
	                                              mixed codes, a long line,
	                                              unterminated */
	SMTPCODE_JUDGED_COUNT = 9
};

/* What the reply's text did for a conditional code. */
enum smtpcode_evidence {
	SMTPCODE_EVIDENCE_NONE = 0,      /* the text was not weighed: the
	                                    verdict came before it */
	SMTPCODE_EVIDENCE_SHOWN = 1,     /* the text shows the condition: one
	                                    of a rule's words is in it */
	SMTPCODE_EVIDENCE_NOT_SHOWN = 2, /* the text does not show it */
	SMTPCODE_EVIDENCE_NO_TEXT = 3    /* no text was given (reply->text
	                                    NULL): the lookup cannot tell */
};

/* A judgement; the caller owns it. Its pointers point into constant
 * tables. */
struct smtpcode_judgement {
	enum smtpcode_judged verdict;
	struct smtpcode_validity table; /* smtpcode_validate()'s for the code and
	                                   command (BAD_ARGUMENT with no command
	                                   or a code outside 100..999); for a
	                                   condition the text shows, the rule
	                                   and condition it shows */
	enum smtpcode_evidence evidence;
	const struct smtpcode_conditional *rule; /* the rule whose words the
	                                            text shows (SHOWN), else NULL */
	const char *hint; /* for NOT_LISTED, why servers send such a reply,
	                     where known (554 at RCPT; from a log, Postfix's
	                     restrictions, pipelining), else NULL */
};

/* Judges a reply to `command` (NULL: none known) under `std`: the reply's
 * code, flags, enhanced code (has_ecode) and text (text NULL: no text, as
 * in a lookup of a code and a command; a conditional code is then
 * CONDITIONAL with evidence NO_TEXT; text "" is a text that shows
 * nothing). Fills *out when it is not NULL and, when size > 0, writes
 * into msg[0..size) the message smtpcode check prints after the verdict,
 * NUL-terminated and cut to fit. Allocates nothing and keeps no state.
 * Returns the verdict; -1 for a bad standard or a NULL reply (out and msg
 * untouched). */
SMTPCODE_API int smtpcode_judge(enum smtpcode_standard std,
                                const struct smtpcode_command *command,
                                const struct smtpcode_reply_state *reply,
                                struct smtpcode_judgement *out, char *msg, size_t size);

/* The same for a reply the log reader found, exactly as smtpcode check
 * judges it: the event's command, reply and text (never "no text"), and
 * in the message what the log adds (the unknown command it names, Postfix's
 * restrictions reported at RCPT or CONNECT, pipelining, a reply Postfix's
 * warn_if_reject logged and did not send). -1 for a bad standard or a
 * NULL event. */
SMTPCODE_API int smtpcode_judge_event(enum smtpcode_standard std,
                                      const struct smtpcode_log_event *ev,
                                      struct smtpcode_judgement *out, char *msg,
                                      size_t size);

/* "valid", "conditional", "no-command", "not-listed", "malformed-code",
 * "unregistered-code", "enhanced-mismatch", "unregistered-enhanced",
 * "malformed-reply"; NULL for a value not in the enum. */
SMTPCODE_API const char *smtpcode_judged_name(enum smtpcode_judged verdict);

/* The verdict named s[0..len) (one of the names above, exactly); -1 for
 * any other text or NULL. */
SMTPCODE_API int smtpcode_judged_by_name(const char *s, size_t len);

/* 1 for a verdict that is a problem (NOT_LISTED and after), as smtpcode
 * check counts them; 0 for VALID, CONDITIONAL, NO_COMMAND and a value
 * not in the enum. */
SMTPCODE_API int smtpcode_judged_problem(enum smtpcode_judged verdict);

/* "none", "shown", "not-shown", "no-text"; NULL for a value not in the
 * enum. */
SMTPCODE_API const char *smtpcode_evidence_name(enum smtpcode_evidence evidence);

/* ---- Enhanced status codes (RFC 3463, the IANA registry) ------------------ */

/* An enhanced status code as written: class.subject.detail. */
struct smtpcode_ecode {
	int cls;      /* 2, 4 or 5 */
	int subject;  /* 0..999 */
	int detail;   /* 0..999 */
};

/* Whether text is an enhanced status code under RFC 3463 §2:
 * class "." subject "." detail, class 2/4/5, sub-codes 1-3 digits, no
 * leading zeros. */
enum smtpcode_eform {
	SMTPCODE_EFORM_OK = 0,
	SMTPCODE_EFORM_SYNTAX = 1,       /* not three dot-separated numbers */
	SMTPCODE_EFORM_BAD_CLASS = 2,    /* class not 2, 4 or 5 */
	SMTPCODE_EFORM_LEADING_ZERO = 3, /* a sub-code such as "01" */
	SMTPCODE_EFORM_TOO_LONG = 4      /* a sub-code of more than 3 digits */
};

/* Parses the whole of s[0..len) as an enhanced status code, filling *out
 * (may be NULL) when it is well-formed. Returns the form; SYNTAX for NULL s. */
SMTPCODE_API enum smtpcode_eform
smtpcode_ecode_parse(const char *s, size_t len, struct smtpcode_ecode *out);

/* One sentence naming the rule a form breaks; "" for OK; NULL for a value
 * not in the enum. */
SMTPCODE_API const char *smtpcode_eform_reason(enum smtpcode_eform form);

/* The well-formed enhanced code that begins a reply's text (RFC 2034: after
 * the reply code and a space, e.g. "5.1.1 <x@y>: unknown"), followed by a
 * space, a tab or the end of the text. Fills *out and returns the code's
 * length in bytes; 0 when the text does not begin with one. */
SMTPCODE_API size_t
smtpcode_ecode_scan(const char *s, size_t len, struct smtpcode_ecode *out);

/* A registry entry, X.subject.detail: it holds for every class. */
struct smtpcode_enhanced {
	int subject;
	int detail;
	const char *text;          /* the registry's sample text */
	const char *description;
	const char *const *basic;  /* associated basic codes: "550", "5XX" or
	                              "any"; nbasic 0 when "Not given" */
	size_t nbasic;
	const char *const *sources;
	size_t nsources;
};

/* The registry entry for X.subject.detail; NULL when there is none. */
SMTPCODE_API const struct smtpcode_enhanced *smtpcode_enhanced(int subject, int detail);

/* The registry entry for the code written in s[0..len) ("5.1.1"); NULL
 * when the text is not a well-formed code or the code is not registered. */
SMTPCODE_API const struct smtpcode_enhanced *
smtpcode_enhanced_from_text(const char *s, size_t len);

/* Registry entries in registry order: the i-th, or NULL past the end. */
SMTPCODE_API const struct smtpcode_enhanced *smtpcode_enhanced_at(size_t i);
SMTPCODE_API size_t smtpcode_enhanced_count(void);

/* The meaning of an enhanced class (2, 4, 5) and of a subject (0..7), RFC
 * 3463 §2; NULL for any other number. */
SMTPCODE_API const struct smtpcode_digit *smtpcode_eclass(int cls);
SMTPCODE_API const struct smtpcode_digit *smtpcode_subject(int subject);

/* How a basic reply code and an enhanced code go together. */
enum smtpcode_pairing {
	SMTPCODE_PAIR_ASSOCIATED = 0,     /* the registry associates them */
	SMTPCODE_PAIR_NOT_ASSOCIATED = 1, /* classes agree; the registry does
	                                     not list this basic code with it
	                                     (informative, not an error) */
	SMTPCODE_PAIR_UNREGISTERED = 2,   /* classes agree; the enhanced code is
	                                     not registered */
	SMTPCODE_PAIR_CLASS_MISMATCH = 3, /* the classes disagree (550 4.1.1;
	                                     3yz replies carry none, RFC 2034) */
	SMTPCODE_PAIR_BAD_ARGUMENT = 4    /* code outside 100..999, NULL or
	                                     malformed enhanced code */
};

/* Judges a basic code and an enhanced code together. */
SMTPCODE_API enum smtpcode_pairing
smtpcode_pair(int code, const struct smtpcode_ecode *e);

/* "associated", "not-associated", "unregistered-enhanced",
 * "class-mismatch", "bad-argument"; NULL for a value not in the enum. */
SMTPCODE_API const char *smtpcode_pairing_name(enum smtpcode_pairing p);

/* ---- Replies as servers send them (RFC 5321 §4.2) ---------------------- */

/* A reply line: "250-text", "250 text", "250" or "250 " (RFC 5321 §4.2:
 * clients must accept the bare code). */
struct smtpcode_line {
	int code;             /* 0..999: any three digits */
	int last;             /* 1: a final line (space or bare); 0: "-" */
	const char *text;     /* after the separator (empty for a bare code) */
	size_t text_len;
};

/* Reads s[0..len) as a reply line: three digits followed by a space, a
 * hyphen, a CR, a tab or the end. Returns 1 and fills *out (may be NULL);
 * 0 when the line is not a reply line. A trailing CR is not text. */
SMTPCODE_API int smtpcode_line_parse(const char *s, size_t len, struct smtpcode_line *out);

/* What a whole reply showed. */
#define SMTPCODE_REPLY_MIXED_CODES 1u /* lines of one reply had different codes
                                         (RFC 5321 §4.2.1: they MUST agree) */
#define SMTPCODE_REPLY_LONG_LINE 2u   /* a line over 512 octets with its CRLF
                                         (RFC 5321 §4.5.3.1.5) */
#define SMTPCODE_REPLY_UNTERMINATED 4u /* the input ended before the reply's
                                          final line, or (in a transcript)
                                          the next reply or command came
                                          before it */
#define SMTPCODE_REPLY_NO_CODE 8u     /* a transcript's line in the server's
                                         place held no reply code (RFC 821
                                         Appendix F's "R: OK"): it answered
                                         its command all the same; code -1,
                                         text the line */

/* A reply being read line by line; the caller owns it (no allocation). */
struct smtpcode_reply_state {
	int open;                   /* 1 while continuation lines came */
	int code;                   /* the final line's code (-1: none yet) */
	int first_code;             /* the first line's code */
	unsigned flags;             /* SMTPCODE_REPLY_* */
	size_t lines;
	int has_ecode;              /* the final line began with an enhanced
	                               code (RFC 2034) */
	struct smtpcode_ecode ecode;
	const char *text;           /* the final line's text after its enhanced
	                               code: points into the last line fed */
	size_t text_len;
};

/* Starts reading a new reply. */
SMTPCODE_API void smtpcode_reply_begin(struct smtpcode_reply_state *st);

enum smtpcode_feed {
	SMTPCODE_FEED_MORE = 0,      /* a continuation line: feed the next */
	SMTPCODE_FEED_DONE = 1,      /* the final line: the reply is complete */
	SMTPCODE_FEED_NOT_REPLY = 2  /* not a reply line; the state is reset */
};

/* Feeds one line (without its line end; a CR at its end is ignored). */
SMTPCODE_API enum smtpcode_feed
smtpcode_reply_feed(struct smtpcode_reply_state *st, const char *line, size_t len);

/* Reads a multi-line reply flattened onto one line, as logs write it:
 * "550-Mailbox unknown. 550-More text 550 5.1.1 User unknown"; a single
 * line reads as itself. Returns 1 and fills *st for a reply, else 0. */
SMTPCODE_API int smtpcode_reply_flat(const char *s, size_t len, struct smtpcode_reply_state *st);

/* ---- Mail logs ------------------------------------------------------- */

/* The log formats the reader knows: enum smtpcode_log_format, generated
 * from data/logformats.txt (a format keeps its id; a new one takes the
 * next), installed beside this header. */
#include "smtpcode-formats.h"

/* The format's name, its enum's name in lower case with '-' for '_'
 * ("postfix-smtpd" for SMTPCODE_LOG_POSTFIX_SMTPD: smtpcode-formats.h
 * lists them, each with what writes its lines); NULL for a value not in
 * the enum. */
SMTPCODE_API const char *smtpcode_log_format_name(enum smtpcode_log_format f);

/* Whose reply an event holds, where the input tells (the ORIGIN of each
 * row of data/logformats.txt). */
enum smtpcode_log_origin {
	SMTPCODE_ORIGIN_UNKNOWN = 0, /* the input does not say */
	SMTPCODE_ORIGIN_LOCAL = 1,   /* sent by the host that wrote the log, to a
	                                client (a server's reply: Postfix
	                                smtpd's "reject:", Exim's "rejected
	                                RCPT") */
	SMTPCODE_ORIGIN_REMOTE = 2   /* received by it from a remote server (a
	                                client's log or transcript, a bounce
	                                quoting the remote's reply) */
};

/* What the input told of one reply, once the reply is complete. The
 * library owns every event and every byte it points to: a caller never
 * allocates one, copies one or takes its sizeof, and reads it through the
 * pointer smtpcode_log_next() or smtpcode_log_details() returns. Fields
 * are only ever added at its end (a minor version: a program built
 * against an older header reads the fields it knows).
 *
 * The fields from `time` on are the event's details: smtpcode_log_next()
 * leaves them NULL and 0, and smtpcode_log_details() reads them, a second
 * look at the line the event came from, which most callers need for few
 * events (the problems they print). remote_host and recipient are given
 * by next() where the reader's state holds them (a delivery status
 * report's group; a transcript's RCPT; LMTP's reply), and so is a
 * transcript's sender (the mail transaction's MAIL); details() finds them
 * in the line otherwise. A text detail (pointer and length) is NULL where the input
 * does not give it: never guessed. Its bytes are the line's as written
 * (a hostile line's quotes, control bytes or bytes that are not UTF-8
 * among them): escape them for output. */
struct smtpcode_log_event {
	enum smtpcode_log_format format;
	const struct smtpcode_command *command; /* NULL: the log names none */
	const char *command_text; /* the log's own word for an unknown command
	                             (e.g. "XFORWARD"), else NULL */
	size_t command_text_len;
	int pipelined;        /* Exim said "after pipelined" */
	size_t lines_before;  /* the reply's code stood this many lines before
	                         the line that completed it (a reply folded
	                         over lines) */
	const char *recipient; /* the recipient the reply is for, where the
	                          input names it: LMTP's reply to the end of
	                          the data (RFC 2033 §4.2), a delivery status
	                          report's Final-Recipient (RFC 3464 §2.3.2);
	                          with smtpcode_log_details(), also the log
	                          line's (Postfix's "to=<b@x>", Sendmail's
	                          "to=" and "arg1=", Exim's "** b@x",
	                          OpenSMTPD's "to=<b@x>"); else NULL */
	size_t recipient_len;
	struct smtpcode_reply_state reply;
	const char *remote_host; /* the host at the other end, where the input
	                           names it: a delivery status report's
	                           Remote-MTA (RFC 3464 §2.3.5); with
	                           smtpcode_log_details(), the server or
	                           client a log line names (Postfix's "host
	                           H[A]" and "relay=", Exim's "H=", Sendmail's
	                           "relay="); else NULL */
	size_t remote_host_len;
	enum smtpcode_log_origin origin; /* whose reply: see the enum */
	/* ---- Details: read by smtpcode_log_details() (next() leaves them
	 * NULL and 0). data/logformats.txt's detail rows say where each
	 * format gives them; doc/formats lists them. */
	const char *time;     /* the time stamp as the line that completed the
	                         reply writes it (a transcript's: the line of
	                         the reply's final line; journald's
	                         __REALTIME_TIMESTAMP, in microseconds), where
	                         it begins with one this reader knows (see
	                         smtpcode_log_year()); where it has none, the
	                         input's date (a delivery status report's
	                         Last-Attempt-Date, smtpcode_log_date(), the
	                         report's Arrival-Date); else NULL */
	size_t time_len;
	int has_epoch;        /* 1: epoch holds the time */
	long long epoch;      /* seconds since 1970-01-01T00:00:00Z: a time
	                         with a zone (RFC 3339 "Z" or "+01:00", Exim's
	                         "+0100") or an epoch (journald, maddy,
	                         OpenSMTPD's reports) exactly; a time without
	                         a zone (syslog's, Exim's, PHPMailer's,
	                         go-mail's) read as UTC, and syslog's only
	                         with the year smtpcode_log_year() gave */
	const char *queue_id; /* the session or queue id the line names:
	                         Postfix's queue id ("4F2A1"), or for a
	                         NOQUEUE reject its smtpd process
	                         ("smtpd[302]"); Exim's message id; Sendmail's
	                         queue id; OpenSMTPD's session id (its log and
	                         its report stream); Exchange's session-id;
	                         Haraka's connection id; maddy's msg_id. Up to
	                         64 letters, digits, '-' and '.' (the smtpd
	                         process: such a name, then "[DIGITS]"), so
	                         nothing to escape; else NULL */
	size_t queue_id_len;
	const char *sender;   /* the envelope sender the line names (Postfix's
	                         and Sendmail's "from=<a@y>", Exim's "F=<a@y>"
	                         and "<= a@y", OpenSMTPD's "from=<a@y>"), or
	                         in a transcript the mail transaction's (RFC
	                         5321 §3.3: the MAIL's address on its reply
	                         and, once a 2yz accepted it, on the replies
	                         to RCPT, DATA, BDAT and the end of data, until
	                         RSET, HELO, EHLO or the data's end; given by
	                         next()); the null sender "<>" is the empty
	                         string (sender not NULL, sender_len 0); else
	                         NULL */
	size_t sender_len;
	const char *remote_addr; /* the remote host's IP address, as written
	                            (hex digits, '.' and ':'): in the brackets
	                            after its name ("mx.example.org[192.0.2.1]",
	                            "[IPv6:2001:db8::1]" without "IPv6:"), or
	                            alone (OpenSMTPD's "address=", Exchange's
	                            remote-endpoint, its port left out); else
	                            NULL */
	size_t remote_addr_len;
	/* The whole reply, every line of it as the input wrote it, from its
	 * code on, the lines joined with '\n' (no '\n' at the end): for a
	 * reply of one line, that line ("550 5.1.1 User unknown"); for a
	 * multi-line reply, each of its lines ("550-5.1.1 The email account
	 * ...\n550-5.1.1 double-check ...\n550 5.1.1 https://..."), also where
	 * a log or bounce wrote them on one line or folded them over several
	 * (the lines as the reply's codes divide them). At most 4096 bytes:
	 * a longer reply keeps its first lines that fit whole. A reply cut
	 * off before its final line holds the lines that came; a reply given
	 * in a record's fields (maddy's JSON), the line rebuilt from them
	 * ("CODE ENHANCED TEXT"). A line that holds a line end itself (a
	 * journald MESSAGE decoded) reads as two. NULL where the reader has
	 * no line of it.
	 * Valid as the rest of the event (until the next call). */
	const char *lines;
	size_t lines_len;
};

/* The state of one reader: private, made by smtpcode_log_new(). One state
 * reads one input at a time; it must not be used by two threads at once. */
struct smtpcode_log;

/* A new reader, its switches off. The marker scan is chosen here: the
 * environment variable SMTPCODE_SCAN (byte, avx2 or auto; for tests)
 * forces one; unset or auto, the fastest this build and CPU have. Returns
 * NULL with errno set: EINVAL when SMTPCODE_SCAN names no scan, ENOTSUP
 * when this build or CPU lacks the scan it names, ENOMEM. */
SMTPCODE_API struct smtpcode_log *smtpcode_log_new(void);

/* Frees a reader and every event it gave; NULL is fine. */
SMTPCODE_API void smtpcode_log_free(struct smtpcode_log *lg);

/* Starts a new input on the same reader: what the last one left
 * unfinished, and its events not yet read, are dropped; the switches
 * below are kept. NULL is fine. */
SMTPCODE_API void smtpcode_log_reset(struct smtpcode_log *lg);

/* The year of the traditional syslog time stamps ("Nov 20 10:00:01",
 * which write none), 1 to 9999; any other value (0 in a new reader):
 * none, and such a time gives no epoch (its text still). The year is used
 * as given: a log that runs over a new year needs it set again there. A
 * time without a zone, syslog's as any other, is read as UTC: a log
 * written in local time gives epochs off by the zone's offset. Kept by
 * smtpcode_log_reset(). */
SMTPCODE_API void smtpcode_log_year(struct smtpcode_log *lg, int year);

/* The latest time the input may hold, in seconds since the epoch: a file's
 * last change (a log is written as its lines come). A syslog stamp that
 * smtpcode_log_year()'s year puts more than a day after it is read in the
 * year before: a log that runs over a new year ("Dec 31" lines in a file
 * last written in January), read with the year of its last line. 0 (and
 * a new reader): none. Kept by smtpcode_log_reset(). */
SMTPCODE_API void smtpcode_log_latest(struct smtpcode_log *lg, long long epoch);

/* The input's own date, for the replies whose lines give no time of their
 * own: a mail message's Date: field (RFC 5322 §3.6.1), whose parts a
 * caller feeds as inputs. date[0..len) is an RFC 5322 date-time (§3.3,
 * with §4.3's obsolete forms: "Mon, 7 Dec 2026 10:00:00 +0100", "7 Dec 26
 * 10:00 GMT"; blanks and comments around its parts), at most 127 bytes;
 * the events' time then points at it (up to its zone: blanks and a comment
 * around it left out) and their
 * epoch is exact. A delivery status report's own fields come first: a
 * group's Last-Attempt-Date (RFC 3464 §2.3.7), then this date, then the
 * report's Arrival-Date (§2.2.5). Returns 0; -1 with errno EINVAL for a
 * NULL lg or a date that is not a valid one (none is then kept: never a
 * guess). NULL: none. Set for each input: smtpcode_log_reset() and a line
 * fed after smtpcode_log_finish() forget it. */
SMTPCODE_API int smtpcode_log_date(struct smtpcode_log *lg, const char *date, size_t len);

/* With on nonzero, a line that is a reply by itself ("550 Requested
 * action not taken: mailbox unavailable", or "550-..." lines then "550
 * ..."), its code within RFC 5321 §4.2's grammar, is a reply too (format
 * SMTPCODE_LOG_BOUNCE_TEXT, no command): a bounce message's text holds its
 * replies so, under the recipient. It must begin the input (or follow
 * this call), or follow a blank line, a line ending in ':' or an address
 * alone; elsewhere it is the tail of a wrapped line. Off in a new reader:
 * in a log such a line is no reply. */
SMTPCODE_API void smtpcode_log_bare_replies(struct smtpcode_log *lg, int on);

/* The details smtpcode_log_details() reads, ORed (enum
 * smtpcode_detail_kind): a caller that prints or counts some of them
 * asks for those alone, and the rows of the line that give the others are
 * not searched. A kind left out stays NULL and 0 (the time: time,
 * time_len, has_epoch and epoch), but a field that smtpcode_log_next()
 * gives already (a transcript's sender, a delivery status report group's
 * recipient and remote host, LMTP's recipient) stays as given.
 * SMTPCODE_DETAIL_ALL in a new reader; kept by smtpcode_log_reset(). Bits
 * that name no kind are ignored. It applies to the details read after
 * it: an event whose details were read keeps them, and details() called
 * again for it after kinds were added reads those (a caller that counts
 * some details of every event and prints more of a few asks for the
 * others then; the line must still be the caller's, unchanged). */
enum smtpcode_detail_kind {
	SMTPCODE_DETAIL_TIME = 1u << 0,      /* time, time_len, has_epoch, epoch */
	SMTPCODE_DETAIL_QUEUE_ID = 1u << 1,  /* queue_id */
	SMTPCODE_DETAIL_SENDER = 1u << 2,    /* sender */
	SMTPCODE_DETAIL_RECIPIENT = 1u << 3, /* recipient (the line's) */
	SMTPCODE_DETAIL_HOST = 1u << 4,      /* remote_host (the line's) */
	SMTPCODE_DETAIL_ADDRESS = 1u << 5,   /* remote_addr */
	SMTPCODE_DETAIL_ALL = (1u << 6) - 1
};
SMTPCODE_API void smtpcode_log_detail_kinds(struct smtpcode_log *lg, unsigned kinds);

/* Feeds one line (without its line end; a CR at its end is ignored) of a
 * Postfix, Exim or Sendmail log, an SMTP transcript, a bounce (the formats
 * of enum smtpcode_log_format); a line of journald's JSON export
 * (journalctl -o json) is read as its MESSAGE field. The events the line
 * completes are then read with smtpcode_log_next(): none, one, or two (a
 * reply folded over the lines before, which this line ended, then this
 * line's own), or, for an Amazon SES bounce notification, one for each
 * bounced recipient that has a reply (50 at most). Events not read
 * before the next feed are dropped. Their
 * pointers may point into line[0..len), which the caller keeps unchanged
 * until it has read them. A NULL line is smtpcode_log_finish(). After
 * smtpcode_log_finish(), a line begins a new input (as after
 * smtpcode_log_reset()). Returns how many events the line completed
 * (smtpcode_log_next() gives them, and then NULL, whether or not the
 * caller looks at this); -1 with errno EINVAL for a NULL lg. */
SMTPCODE_API int smtpcode_log_feed(struct smtpcode_log *lg, const char *line, size_t len);

/* Ends the input: the replies it left unfinished (continuation lines
 * without their final line, folded lines without their end; one for each
 * transcript session kept apart) are then read with smtpcode_log_next(),
 * flagged SMTPCODE_REPLY_UNTERMINATED where a line was missing. Returns 0;
 * -1 with errno EINVAL for a NULL lg. */
SMTPCODE_API int smtpcode_log_finish(struct smtpcode_log *lg);

/* The next event that the lines fed (or the finish) completed, in the
 * input's order; NULL when none is pending (or for a NULL lg). The event
 * and what it points to stay valid until the next call on this reader
 * (what lies in the line fed, while the caller keeps that line). Its
 * details (the fields from `time` on) are NULL and 0: see
 * smtpcode_log_details(). */
SMTPCODE_API const struct smtpcode_log_event *smtpcode_log_next(struct smtpcode_log *lg);

/* The event smtpcode_log_next() gave last, its details filled in (those
 * smtpcode_log_detail_kinds() asks for, all by default): the time,
 * queue_id, sender and remote_addr, and the recipient and remote_host
 * where next() gave none. They are read from the line the
 * event came from: a second look at it, so a caller that needs them for
 * few events (the problems it prints) asks for those alone. The line must
 * still be the caller's, unchanged, as for the event. An event that no
 * line of its own completed (a reply folded over lines that a later line
 * ended; one the finish gave) has only what the reader's state kept. The
 * same pointer as next()'s; valid, like it, until the next call on the
 * reader other than this one (called again, it gives the same). NULL when
 * next() gave none (or NULL last, or for a NULL lg). */
SMTPCODE_API const struct smtpcode_log_event *smtpcode_log_details(struct smtpcode_log *lg);

/* ---- Notes -------------------------------------------------------------- */

/* A pairing met on old reference pages or in the field that no standard
 * lists. Notes never change a verdict. */
struct smtpcode_note {
	int code;
	const struct smtpcode_command *command; /* NULL: any command */
	const char *text;
	const char *source;
};

/* The i-th note; NULL past the end. */
SMTPCODE_API const struct smtpcode_note *smtpcode_note_at(size_t i);

/* What a code means in reply to one command, where the command's RFC gives
 * it a text of its own (RFC 1985 §5.1: ETRN's 251 is "OK, no messages
 * waiting for node <x>", not "User not local"). */
struct smtpcode_meaning {
	const struct smtpcode_command *command;
	const struct smtpcode_reply *reply;
	const char *text;
	const char *source;
};

/* The meaning of `code` for `command`; NULL when its RFC gives none (the
 * code's own text applies) or for NULL. */
SMTPCODE_API const struct smtpcode_meaning *
smtpcode_meaning(const struct smtpcode_command *command, int code);

/* The i-th meaning; NULL past the end. */
SMTPCODE_API const struct smtpcode_meaning *smtpcode_meaning_at(size_t i);

/* ---- Why a reply refused: its reason ------------------------------------ */

/* Why a reply refused or deferred mail, in the vocabulary of
 * data/reasons.txt (its names, in its order; smtpcode(3) gives each one's
 * definition). A success or intermediate reply has none. */
enum smtpcode_reason {
	SMTPCODE_REASON_USERUNKNOWN = 0,     /* no such mailbox */
	SMTPCODE_REASON_HOSTUNKNOWN = 1,     /* no such domain, or no route */
	SMTPCODE_REASON_MAILBOXFULL = 2,     /* the mailbox is over its quota */
	SMTPCODE_REASON_MESGTOOLARGE = 3,    /* the message is too large */
	SMTPCODE_REASON_SUSPEND = 4,         /* the mailbox is disabled */
	SMTPCODE_REASON_HASMOVED = 5,        /* the owner has gone */
	SMTPCODE_REASON_NOTACCEPT = 6,       /* the domain takes no mail */
	SMTPCODE_REASON_FILTERED = 7,        /* the recipient's own settings */
	SMTPCODE_REASON_REJECTED = 8,        /* the envelope sender refused */
	SMTPCODE_REASON_BLOCKED = 9,         /* the sending host or IP refused */
	SMTPCODE_REASON_SPAMDETECTED = 10,   /* judged to be spam */
	SMTPCODE_REASON_VIRUSDETECTED = 11,  /* judged to carry malware */
	SMTPCODE_REASON_SECURITYERROR = 12,  /* SPF, DKIM, DMARC, TLS, AUTH */
	SMTPCODE_REASON_POLICYVIOLATION = 13, /* another local policy */
	SMTPCODE_REASON_NORELAYING = 14,     /* relaying refused */
	SMTPCODE_REASON_RATELIMITED = 15,    /* too much, too fast */
	SMTPCODE_REASON_NETWORKERROR = 16,   /* no connection, DNS, a loop */
	SMTPCODE_REASON_EXPIRED = 17,        /* queued too long */
	SMTPCODE_REASON_SYSTEMERROR = 18,    /* the receiver's fault */
	SMTPCODE_REASON_SYSTEMFULL = 19,     /* the receiver's storage is full */
	SMTPCODE_REASON_CONTENTERROR = 20,   /* the content or its format */
	SMTPCODE_REASON_SYNTAXERROR = 21,    /* a command or its arguments */
	SMTPCODE_REASON_UNDEFINED = 22,      /* the reply does not say why */
	SMTPCODE_REASON_COUNT = 23
};

/* Which step of data/reasonrules.txt gave the reason. */
enum smtpcode_reason_step {
	SMTPCODE_REASON_BY_PROVIDER = 0, /* a provider row (data/providers.txt) */
	SMTPCODE_REASON_BY_PHRASE = 1,   /* a phrase of the text */
	SMTPCODE_REASON_BY_STATUS = 2,   /* the enhanced status code */
	SMTPCODE_REASON_BY_REPLY = 3,    /* the basic reply code (and command) */
	SMTPCODE_REASON_BY_NOTHING = 4   /* no row applied: undefined */
};

/* A page where a provider documents a reply. */
struct smtpcode_provider_page {
	const char *title;
	const char *address;  /* http(s) address */
	const char *where;    /* the section or table entry, or NULL */
};

/* What a big mailbox provider or filtering service means by one of its
 * replies, in our words, from its public pages (data/providers.txt). */
struct smtpcode_provider {
	const char *name;     /* "Google", "Microsoft", "Yahoo" ... */
	const char *meaning;  /* what the provider means */
	enum smtpcode_reason reason;
	const char *action;   /* what the sender should do */
	const char *registry; /* NULL when the registry's meaning of the
	                         enhanced code agrees; else what the registry
	                         says instead ("registry X.1.10: recipient
	                         address has null MX ...") */
	const struct smtpcode_provider_page *pages;
	size_t npages;        /* 1 or more */
};

/* The reason of a reply and what gave it; the caller owns it. Its
 * pointers point into constant tables. */
struct smtpcode_why {
	enum smtpcode_reason reason;
	enum smtpcode_reason_step by;
	int strong;           /* a phrase or status row of tier strong */
	const char *rule;     /* the phrase as data/reasonrules.txt writes it,
	                         the enhanced code pattern ("X.1.1", "5.7.1"),
	                         the reply code ("552"); NULL for a provider
	                         row or nothing */
	const char *what;     /* a phrase row's few words on what it says, or
	                         NULL */
	const char *software; /* who writes the phrase ("Postfix",
	                         "generic"), or NULL */
	const char *source;   /* the row's source, or NULL */
	const struct smtpcode_provider *provider; /* by a provider row: what the
	                                             provider means; else NULL */
};

/* Why a reply refused: code (400..599: only failures have a reason), its
 * enhanced status code (NULL: none), its whole text (text[0..len): one or
 * several lines separated by LF, each with or without its "550-5.7.1 "
 * head, which is left out, as are a flattened reply's inner "550-" heads;
 * NULL with len 0 for no text, as in a lookup of a code), the command it
 * answered (NULL: not known) and the name of the remote host that sent it
 * (NUL-terminated, any case; NULL: not known; a name whose last label is
 * digits alone, an IPv4 address, matches no provider's host pattern, so
 * that all such give one reason). The order and matching
 * are data/reasonrules.txt's: provider rows, strong phrases, strong
 * enhanced codes, weak phrases, weak enhanced codes, reply codes, else
 * undefined; phrases are matched over the lines joined with one space,
 * blanks collapsed, ASCII case ignored, and never inside an address: what
 * lies between a '<' and the next '>' (on a later line too) is not read,
 * the brackets standing for it, so that no phrase spans one either (a
 * '<' with no '>' after it is no address, and the rest is read); so
 * replies that differ only between their brackets give one reason. Give
 * it the reply alone, never the returned message. Fills *out when it is
 * not NULL. Allocates nothing and keeps no state. Returns the reason; -1 for a code that is not a
 * failure (out untouched; errno EINVAL for a code outside 100..999 or a
 * NULL text with len > 0). */
SMTPCODE_API int smtpcode_reason(int code, const struct smtpcode_ecode *ecode, const char *text,
                                 size_t len, const struct smtpcode_command *command,
                                 const char *host, struct smtpcode_why *out);

/* "userunknown" ... "undefined" (data/reasons.txt's names); NULL for a
 * value not in the enum. */
SMTPCODE_API const char *smtpcode_reason_name(enum smtpcode_reason reason);

/* The reason named s[0..len) (exactly one of the names); -1 for any other
 * text or NULL. */
SMTPCODE_API int smtpcode_reason_by_name(const char *s, size_t len);

/* The reason's one-line definition (data/reasons.txt); NULL for a value
 * not in the enum. */
SMTPCODE_API const char *smtpcode_reason_definition(enum smtpcode_reason reason);

/* "provider", "phrase", "status", "reply", "nothing"; NULL for a value
 * not in the enum. */
SMTPCODE_API const char *smtpcode_reason_step_name(enum smtpcode_reason_step step);

/* The i-th provider row, in data/providers.txt's order; NULL past the
 * end. */
SMTPCODE_API const struct smtpcode_provider *smtpcode_provider_at(size_t i);

#ifdef __cplusplus
}
#endif

#endif /* SMTPCODE_H */
