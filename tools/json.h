/* SPDX-License-Identifier: MIT */
/* json.h - the few pieces of JSON output the tool needs. */
#ifndef SMTPCODE_JSON_H
#define SMTPCODE_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Writes s as a JSON string (with quotes), or null when s is NULL. Bytes
 * of 0x80 and above pass through: the tables are UTF-8. */
void json_string(FILE *f, const char *s);

/* Writes "name": then the string value (or null). */
void json_member(FILE *f, const char *name, const char *value);

/* Writes the n strings of v as a JSON array. */
void json_strings(FILE *f, const char *const *v, size_t n);

#endif
