/* SPDX-License-Identifier: MIT */
/* export.h - smtpcode --export=json|csv. */
#ifndef SMTPCODE_EXPORT_H
#define SMTPCODE_EXPORT_H

/* Writes the whole reference in FORMAT ("json" or "csv") on stdout;
 * returns the exit status (2 for an unknown format, message printed). */
int export_main(const char *format);

#endif
