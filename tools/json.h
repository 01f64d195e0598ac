/* SPDX-License-Identifier: MIT */
/* json.h - the few pieces of JSON output the tool needs. */
#ifndef SMTPCODE_JSON_H
#define SMTPCODE_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "smtpcode.h"

/* Writes s[0..len) as a JSON string (with quotes): control bytes escaped,
 * invalid UTF-8 replaced by U+FFFD, so that the output stays valid JSON
 * whatever a log or an argument holds. The one JSON string writer. */
void json_text(FILE *f, const char *s, size_t len);

/* json_text of the string s, or null when s is NULL. */
void json_string(FILE *f, const char *s);

/* With -j: a JSON object for an error, {"kind":"error","input":INPUT or
 * null,"error":MESSAGE}, on standard output, beside the line on stderr
 * (json_errors set: the tool's arguments ask for JSON). */
extern int json_errors;
void json_error(const char *input, const char *message);

/* Whether the arguments ask for JSON (-j or --json before any "--"). */
int wants_json(int argc, char **argv);

/* Writes "name": then the string value (or null). */
void json_member(FILE *f, const char *name, const char *value);

/* Writes the n strings of v as a JSON array. */
void json_strings(FILE *f, const char *const *v, size_t n);

/* "standard", "historic" or "non-standard". */
const char *status_name(enum smtpcode_status s);

/* The records both the lookups and --export write, in one schema. */
struct smtpcode_reply;
/* The ids of the standards of mask (bit s for enum smtpcode_standard s),
 * as an array: ["rfc821","rfc5321"]. */
void json_std_ids(FILE *f, unsigned mask);
/* A reply code's table entry, r NULL for an unregistered code:
 * "text":...,"explanation":...,"status":...,"defined_by":[...],
 * "sources":[...] (members only, no braces). */
void json_reply_facts(FILE *f, const struct smtpcode_reply *r);
/* An enhanced code's registry entry, e NULL for an unregistered one:
 * "text":...,"description":...,"basic":[...],"sources":[...] (members
 * only). */
struct smtpcode_enhanced;
void json_enhanced_facts(FILE *f, const struct smtpcode_enhanced *e);

#endif
