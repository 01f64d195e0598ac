/* SPDX-License-Identifier: MIT */
/* test-api.c - the API's answers to bad and odd input, and its small calls. */
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "tap.h"

int main(void)
{
	const struct smtpcode_command *rcpt = smtpcode_command("RCPT", 4);
	const struct smtpcode_command fake = {
		.id = 0, .name = "CONNECT", .description = "", .pseudo = 1, .standards = ~0u
	};
	struct smtpcode_validity v;
	char *big;
	char *exact;

	plan(53);

	is_string(SMTPCODE_VERSION_STRING, smtpcode_version(), "run-time version matches the header");

	/* Standards by name. */
	ok(smtpcode_standard_by_name("rfc5321", 7)->standard == SMTPCODE_STD_RFC5321, "rfc5321");
	ok(smtpcode_standard_by_name("RFC5321", 7)->standard == SMTPCODE_STD_RFC5321, "RFC5321");
	ok(smtpcode_standard_by_name("RFC 2821", 8)->standard == SMTPCODE_STD_RFC2821, "RFC 2821");
	ok(smtpcode_standard_by_name("821", 3)->standard == SMTPCODE_STD_RFC821, "821");
	ok(smtpcode_standard_by_name("rfc-821", 7)->standard == SMTPCODE_STD_RFC821, "rfc-821");
	ok(smtpcode_standard_by_name("rfc821x", 7) == NULL, "rfc821x is no standard");
	ok(smtpcode_standard_by_name("rfc", 3) == NULL, "rfc alone is no standard");
	ok(smtpcode_standard_by_name("rfc ", 4) == NULL, "'rfc ' is no standard");
	ok(smtpcode_standard_by_name("", 0) == NULL, "empty is no standard");
	ok(smtpcode_standard_by_name(NULL, 7) == NULL, "NULL is no standard");
	ok(smtpcode_standard_by_name("rfc5321", 6) == NULL, "length is respected (rfc532)");
	ok(smtpcode_standard_info((enum smtpcode_standard)3) == NULL &&
	   smtpcode_standard_info((enum smtpcode_standard)-1) == NULL, "bad standard: no info");
	is_string("§4.3.2", smtpcode_standard_info(SMTPCODE_STD_RFC5321)->table_section,
	          "RFC 5321's table is §4.3.2");
	is_string("§4.3", smtpcode_standard_info(SMTPCODE_STD_RFC821)->table_section,
	          "RFC 821's table is §4.3");

	/* Commands. */
	ok(rcpt != NULL && strcmp(rcpt->name, "RCPT") == 0, "RCPT found");
	ok(smtpcode_command("rCpT", 4) == rcpt, "rCpT is RCPT");
	ok(smtpcode_command("RCPT TO", 7) == rcpt, "'RCPT TO' is an alias of RCPT (RFC 5321 §4.1.1.3)");
	ok(smtpcode_command("RCPT TO:", 8) == NULL && smtpcode_command("RCPT  TO", 8) == NULL,
	   "'RCPT TO:' and 'RCPT  TO' are not");
	ok(smtpcode_command("RCP", 3) == NULL, "RCP is not a command");
	ok(smtpcode_command("RCPT", 3) == NULL, "length is respected (RCP)");
	ok(smtpcode_command("", 0) == NULL, "empty is not a command");
	ok(smtpcode_command(NULL, 4) == NULL, "NULL is not a command");
	ok(smtpcode_command("RC\0T", 4) == NULL, "an embedded NUL is not a command");
	ok(smtpcode_command("FOO", 3) == NULL, "FOO is not a command");
	ok(smtpcode_command("\xc3\xa9", 2) == NULL, "non-ASCII is not a command");
	/* Only letters fold: bytes 0x20 apart that are not letters differ. */
	ok(smtpcode_command("END-OF-DATA", 11) != NULL && smtpcode_command("END-OF\rDATA", 11) == NULL,
	   "'END-OF-DATA' folds; 'END-OF<CR>DATA' ('-' 0x2d vs CR 0x0d) is not it");
	ok(smtpcode_command("DATA-END", 8) != NULL && smtpcode_command("DATA\rEND", 8) == NULL,
	   "'DATA-END' folds; 'DATA<CR>END' is not it");
	ok(smtpcode_command("\x0e", 1) == NULL, "0x0e is not '.' (0x2e)");
	ok(smtpcode_command("RC\x50\x54", 4) == rcpt && smtpcode_command("RC\xd0T", 4) == NULL,
	   "RCPT with its P 0x80 apart is not RCPT");
	ok(smtpcode_command("STARTTLs", 8) != NULL && smtpcode_command("sTARTTLS", 8) != NULL &&
	   smtpcode_command("STARTTLX", 8) == NULL && smtpcode_command("XTARTTLS", 8) == NULL,
	   "eight bytes: the case of the first and last letters folds, a different letter does not");
	big = malloc(100000);
	if (big == NULL)
		bail("out of memory");
	memset(big, 'A', 100000);
	ok(smtpcode_command(big, 100000) == NULL, "100,000 bytes are not a command");
	ok(smtpcode_reply_from_text(big, 100000) == NULL, "100,000 bytes are not a code");
	free(big);
	exact = malloc(4);
	if (exact == NULL)
		bail("out of memory");
	memcpy(exact, "QUIT", 4);
	ok(smtpcode_command(exact, 4) == smtpcode_command("QUIT", 4),
	   "unterminated QUIT found without reading past it");
	free(exact);

	/* Validity: bad arguments. */
	is_int(SMTPCODE_BAD_ARGUMENT, smtpcode_validate(SMTPCODE_STD_RFC5321, NULL, 250, &v), "NULL command");
	ok(v.rule != NULL && v.role == SMTPCODE_ROLE_NONE, "bad argument: rule not NULL, no role");
	is_int(SMTPCODE_BAD_ARGUMENT, smtpcode_validate((enum smtpcode_standard)7, rcpt, 250, NULL), "bad standard");
	is_int(SMTPCODE_BAD_ARGUMENT, smtpcode_validate(SMTPCODE_STD_RFC5321, rcpt, 99, NULL), "code 99");
	is_int(SMTPCODE_BAD_ARGUMENT, smtpcode_validate(SMTPCODE_STD_RFC5321, rcpt, 1000, NULL), "code 1000");
	is_int(SMTPCODE_BAD_ARGUMENT, smtpcode_validate(SMTPCODE_STD_RFC5321, &fake, 250, NULL),
	       "a command record not from the library");
	is_int(SMTPCODE_CODE_UNKNOWN, smtpcode_validate(SMTPCODE_STD_RFC5321, rcpt, 571, &v), "571 RCPT");
	ok(smtpcode_listing_at(SMTPCODE_STD_RFC5321, NULL, 0) == NULL &&
	   smtpcode_listing_at((enum smtpcode_standard)9, rcpt, 0) == NULL &&
	   smtpcode_any_rule_at((enum smtpcode_standard)9, 0) == NULL, "listings: bad arguments give NULL");

	/* Names of enum values. */
	is_string("error", smtpcode_role_name(SMTPCODE_ROLE_ERROR), "role name: error");
	ok(smtpcode_role_name(SMTPCODE_ROLE_NONE) == NULL &&
	   smtpcode_role_name((enum smtpcode_role)42) == NULL, "role name: NONE and out of range give NULL");
	is_string("any-command", smtpcode_verdict_name(SMTPCODE_ANY_COMMAND), "verdict name: any-command");
	ok(smtpcode_verdict_name((enum smtpcode_verdict)42) == NULL, "verdict name: out of range gives NULL");
	ok(smtpcode_form_reason((enum smtpcode_form)42) == NULL, "form reason: out of range gives NULL");
	ok(smtpcode_verdict_valid(SMTPCODE_LISTED) && smtpcode_verdict_valid(SMTPCODE_ANY_COMMAND) &&
	   !smtpcode_verdict_valid(SMTPCODE_NOT_LISTED) && !smtpcode_verdict_valid(SMTPCODE_CODE_UNKNOWN) &&
	   !smtpcode_verdict_valid(SMTPCODE_COMMAND_UNKNOWN) && !smtpcode_verdict_valid(SMTPCODE_BAD_ARGUMENT),
	   "listed and any-command are valid; not-listed and the rest are not");
	ok(smtpcode_verdict_valid(SMTPCODE_CONDITIONAL), "conditional is valid");
	is_string("conditional", smtpcode_verdict_name(SMTPCODE_CONDITIONAL), "verdict name: conditional");
	ok(smtpcode_conditional_at(SMTPCODE_STD_RFC821, 0) == NULL &&
	   smtpcode_conditional_at((enum smtpcode_standard)9, 0) == NULL &&
	   smtpcode_conditional_at(SMTPCODE_STD_RFC5321, 0) != NULL,
	   "conditional rules: none in RFC 821, some in RFC 5321, none for a bad standard");

	/* The pseudo-commands. */
	ok(smtpcode_command("CONNECT", 7)->pseudo && smtpcode_command(".", 1)->pseudo &&
	   !rcpt->pseudo, "CONNECT and end-of-data are pseudo-commands, RCPT is not");
	is_int(SMTPCODE_NOT_LISTED, smtpcode_validate(SMTPCODE_STD_RFC5321, smtpcode_command("greeting", 8), 500, NULL),
	       "500 is not an any-command reply to the greeting (no command line)");
	return 0;
}
