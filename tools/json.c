/* SPDX-License-Identifier: MIT */
/* json.c - JSON string output. */
#include "json.h"

#include <string.h>

#include "smtpcode.h"
#include "text.h"

void json_text(FILE *f, const char *s, size_t len)
{
	putc('"', f);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t n;
		int good;
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			/* a run of printable ASCII, written at once */
			size_t run = i + 1;
			while (run < len && (c = (unsigned char)s[run]) >= 0x20 && c < 0x7f && c != '"' &&
			       c != '\\')
				run++;
			fwrite(s + i, 1, run - i, f);
			i = run;
			continue;
		}
		n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
		    (c & 0xf8) == 0xf0 ? 4 : 0;
		good = n > 0 && i + n <= len && !(n == 2 && c < 0xc2);
		for (size_t k = 1; good && k < n; k++)
			good = ((unsigned char)s[i + k] & 0xc0) == 0x80;
		if (!good) {
			fputs("\\ufffd", f);
			i++;
			continue;
		}
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fwrite(s + i, 1, n, f);
		i += n;
	}
	putc('"', f);
}

void json_string(FILE *f, const char *s)
{
	if (s == NULL)
		fputs("null", f);
	else
		json_text(f, s, strlen(s));
}

int json_errors;

void json_error(const char *input, const char *message)
{
	if (!json_errors)
		return;
	fputs("{\"kind\":\"error\",\"input\":", stdout);
	json_string(stdout, input);
	fputs(",\"error\":", stdout);
	json_string(stdout, message);
	fputs("}\n", stdout);
}

int wants_json(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-j") == 0 || strcmp(argv[i], "--json") == 0)
			return 1;
	return 0;
}

void json_member(FILE *f, const char *name, const char *value)
{
	json_string(f, name);
	putc(':', f);
	json_string(f, value);
}

void json_strings(FILE *f, const char *const *v, size_t n)
{
	putc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', f);
		json_string(f, v[i]);
	}
	putc(']', f);
}

void json_std_ids(FILE *f, unsigned mask)
{
	int n = 0;

	putc('[', f);
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++)
		if (mask & (1u << s)) {
			if (n++)
				putc(',', f);
			json_string(f, smtpcode_standard_info((enum smtpcode_standard)s)->id);
		}
	putc(']', f);
}

void json_reply_facts(FILE *f, const struct smtpcode_reply *r)
{
	json_member(f, "text", r ? r->text : NULL);
	putc(',', f);
	json_member(f, "explanation", r ? r->explanation : NULL);
	putc(',', f);
	json_member(f, "status", r ? status_name(r->status) : NULL);
	fputs(",\"defined_by\":", f);
	json_std_ids(f, r ? r->standards : 0);
	fputs(",\"sources\":", f);
	json_strings(f, r ? r->sources : NULL, r ? r->nsources : 0);
}

void json_enhanced_facts(FILE *f, const struct smtpcode_enhanced *e)
{
	json_member(f, "text", e ? e->text : NULL);
	putc(',', f);
	json_member(f, "description", e ? e->description : NULL);
	fputs(",\"basic\":", f);
	json_strings(f, e ? e->basic : NULL, e ? e->nbasic : 0);
	fputs(",\"sources\":", f);
	json_strings(f, e ? e->sources : NULL, e ? e->nsources : 0);
}
