/* SPDX-License-Identifier: MIT */
/* reasons-run - runs every reply of tests/reasons.txt through
 * smtpcode_reason() and prints, for each, its line, the reason expected,
 * the reason given and the step that gave it; then the totals.
 *
 *   reasons-run tests/reasons.txt
 *
 * A miss that the file admits (its why begins "known miss:") is printed
 * with "known-miss " before its line.
 *
 * A reply is read as tests/reasons-ref.py reads it: its lines are joined
 * in the file by the two characters \n; its code is the first line's,
 * its enhanced code the first that a line's head carries. Exit status 0
 * when the file was read (tests/reasons.test judges the figures), 2 when
 * it could not be. */
#include <smtpcode.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* The enhanced code at the start of s, as the reference's pattern reads
 * it; 1 and *e when there is one. */
static int head_ecode(const char *s, struct smtpcode_ecode *e)
{
	int n[2] = { 0, 0 };
	const char *p = s + 2;

	if ((s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
		return 0;
	for (int k = 0; k < 2; k++) {
		int d = 0;
		for (; isdig(*p); p++, d++)
			n[k] = n[k] * 10 + (*p - '0');
		if (d < 1 || d > 3 || (k == 0 && *p != '.'))
			return 0;
		if (k == 0)
			p++;
	}
	if (isdig(*p) || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
	    (unsigned char)*p >= 0x80)
		return 0;
	e->cls = s[0] - '0';
	e->subject = n[0];
	e->detail = n[1];
	return 1;
}

int main(int argc, char **argv)
{
	static char line[65536], text[65536];
	FILE *f;
	int lineno = 0, total = 0, right = 0, wrong = 0, undef = 0;

	if (argc != 2 || (f = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "reasons-run: cannot read %s\n", argc > 1 ? argv[1] : "(no file named)");
		return 2;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		char *fld[5], *p = line;
		int n = 0, code = -1, has_e = 0, got;
		struct smtpcode_ecode e = { 0, 0, 0 };
		struct smtpcode_why w;
		const struct smtpcode_command *cmd = NULL;
		size_t tl = 0;

		lineno++;
		if (line[0] == '#' || strchr(line, '|') == NULL)
			continue;
		while (n < 5 && p != NULL) {
			char *bar = strchr(p, '|');
			if (bar != NULL)
				*bar = '\0';
			fld[n++] = trim(p);
			p = bar ? bar + 1 : NULL;
		}
		if (n < 4) {
			fprintf(stderr, "reasons-run: %s:%d: fewer than 4 fields\n", argv[1], lineno);
			return 2;
		}
		/* the reply's lines, and its code and enhanced code */
		for (char *ln = fld[0]; ln != NULL;) {
			char *next = strstr(ln, "\\n"), *s;
			if (next != NULL)
				*next = '\0';
			s = trim(ln);
			if (isdig(s[0]) && isdig(s[1]) && isdig(s[2]) &&
			    (s[3] == '\0' || s[3] == ' ' || s[3] == '-')) {
				if (code < 0)
					code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
				if (!has_e && s[3] != '\0')
					has_e = head_ecode(s + 4, &e);
			}
			tl += (size_t)snprintf(text + tl, sizeof text - tl, "%s%s", tl ? "\n" : "", s);
			ln = next ? next + 2 : NULL;
		}
		if (strcmp(fld[1], "-") != 0 && (cmd = smtpcode_command(fld[1], strlen(fld[1]))) == NULL) {
			fprintf(stderr, "reasons-run: %s:%d: unknown command %s\n", argv[1], lineno, fld[1]);
			return 2;
		}
		if (smtpcode_reason_by_name(fld[3], strlen(fld[3])) < 0) {
			fprintf(stderr, "reasons-run: %s:%d: unknown reason %s\n", argv[1], lineno, fld[3]);
			return 2;
		}
		got = smtpcode_reason(code, has_e ? &e : NULL, text, tl, cmd,
		                      strcmp(fld[2], "-") == 0 ? NULL : fld[2], &w);
		if (got < 0) {
			fprintf(stderr, "reasons-run: %s:%d: no reason for code %d\n", argv[1], lineno, code);
			return 2;
		}
		total++;
		if (strcmp(smtpcode_reason_name(w.reason), fld[3]) == 0)
			right++;
		else if (w.reason == SMTPCODE_REASON_UNDEFINED)
			undef++;
		else
			wrong++;
		/* a miss the file admits is marked "known miss:" in its why */
		if (strcmp(smtpcode_reason_name(w.reason), fld[3]) != 0 && n >= 5 &&
		    strncmp(fld[4], "known miss:", 11) == 0)
			printf("known-miss ");
		printf("%d %s %s %s%s%s\n", lineno, fld[3], smtpcode_reason_name(w.reason),
		       smtpcode_reason_step_name(w.by), w.provider ? " " : (w.rule ? " " : ""),
		       w.provider ? w.provider->name : (w.rule ? w.rule : ""));
	}
	fclose(f);
	printf("total %d right %d wrong %d undefined %d\n", total, right, wrong, undef);
	return 0;
}
