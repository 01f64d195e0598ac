/* SPDX-License-Identifier: MIT */
/* message.h - mail messages as check's input (message.c): a message
 * (.eml) or an mbox, their MIME structure decoded by GMime, each text part
 * and delivery-status part read as a log. */
#ifndef SMTPCODE_MESSAGE_H
#define SMTPCODE_MESSAGE_H

#include <stddef.h>

#include "check.h"

enum message_kind { MESSAGE_NONE, MESSAGE_ONE, MESSAGE_MBOX, MESSAGE_UNDECIDED };

/* What the first bytes s[0..n) of an input are: an mbox (its first line
 * "From "), one RFC 5322 message (header fields up to an empty line, one
 * of them a field that begins messages: From, Date, Subject, Received,
 * Return-Path, Message-ID, MIME-Version, Content-Type, Delivered-To), or
 * neither (a log); MESSAGE_UNDECIDED when `more` says more bytes may come
 * and they are needed: the first line of a log decides. */
enum message_kind message_kind(const char *s, size_t n, int more);

/* Whether this build reads messages (it has GMime). */
int message_supported(void);

/* Reads the input whose first bytes are head[0..n) and whose rest rd
 * gives, as messages of `kind`, and reports the replies of every message
 * through ck (check_hold_begin / check_hold_end). `name` names the input,
 * `buf` is check_stream's buffer. Returns 0, or 2 after a one-line error. */
int check_message(struct checker *ck, const char *name, enum message_kind kind,
                  const char *head, size_t n, check_read_fn *rd, void *ctx, char *buf);

#endif
