/* SPDX-License-Identifier: MIT */
/* text.h - what the tool's commands share: messages, escaping, arguments. */
#ifndef SMTPCODE_TEXT_H
#define SMTPCODE_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "smtpcode.h"

/* Exit statuses: found/valid, not found/not valid, usage or bad input. */
enum { EXIT_YES = 0, EXIT_NO = 1, EXIT_USAGE = 2 };

extern const char progname[];

/* Writes s[0..len) with control bytes as \xHH so that input cannot send
 * escape sequences to a terminal; with ascii_only, bytes of 0x7f and above
 * too, else they pass (UTF-8 file names). */
void put_escaped(FILE *f, const char *s, size_t len, int ascii_only);

/* Writes 'ARG' quoted, escaped (ASCII only) and cut after 60 characters. */
void put_arg(FILE *f, const char *arg);

/* Writes a file name escaped (UTF-8 passes), cut after 200 bytes. */
void put_name(FILE *f, const char *name);

/* Prints "smtpcode: 'ARG': MESSAGE" on stderr (ARG escaped, cut after 60
 * characters) and returns EXIT_USAGE. */
int bad_input(const char *arg, const char *message);

/* "smtpcode: FILE: MESSAGE" on stderr, the name escaped (and the JSON error
 * with -j); returns EXIT_USAGE. */
int file_error(const char *name, const char *message);

/* Reads a -S argument into *std: 0, or bad_input's EXIT_USAGE. */
int parse_standard(const char *arg, enum smtpcode_standard *std);

/* Whether code (0..999) matches a pattern of three digits or x/X: "55x". */
int code_matches(int code, const char *pattern);

/* Colour (--color=WHEN), as grep and ls do it: SGR sequences around codes
 * and verdict words when colour_on is set, else "". */
extern int colour_on;
enum colour_tone { TONE_GOOD, TONE_MAYBE, TONE_BAD, TONE_NONE };

/* Sets colour_on for WHEN (NULL or "auto": on when standard output is a
 * terminal, TERM is not "dumb" and NO_COLOR is unset or empty; "always";
 * "never"); -1 for another WHEN. */
int colour_choose(const char *when);

/* --color's WHEN: arg, or "auto" for --color alone (arg NULL). */
const char *colour_when(const char *arg);

/* The sequence that begins a code (by its class: 2 green, 3 cyan, 4
 * yellow, 5 red), a verdict word of a tone, and the one that ends either. */
const char *colour_code(int code);
const char *colour_tone(enum colour_tone t);
const char *colour_end(void);

#endif
