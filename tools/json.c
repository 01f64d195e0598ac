/* SPDX-License-Identifier: MIT */
/* json.c - JSON string output.
 * Layer: above out.c, under text.c; calls out.c and the library only. */
#include "json.h"

#include <string.h>

#include "smtpcode.h"
#include "out.h"

void json_text(FILE *f, const char *s, size_t len)
{
	char buf[512];
	struct out o;

	out_init(&o, f, buf, sizeof buf);
	out_json(&o, s, len);
	out_flush(&o);
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
	out_sync(); /* after the records before it */
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

const char *status_name(enum smtpcode_status s)
{
	switch (s) {
	case SMTPCODE_STATUS_STANDARD:
		return "standard";
	case SMTPCODE_STATUS_HISTORIC:
		return "historic";
	case SMTPCODE_STATUS_NONSTANDARD:
		return "non-standard";
	}
	return "unknown";
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
