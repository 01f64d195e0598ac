/* SPDX-License-Identifier: MIT */
/* files.c - what "check" is given to read: a file or standard input
 * (plain or compressed), told a log or mail from its first bytes, and a
 * Maildir folder, file by file.
 * Layer: above message.c and stream.c, under jobs.c and check.c; calls
 * message.c, stream.c, input.c and text.c (file_error) only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it: strdup */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "input.h"
#include "message.h"
#include "text.h"

/* The bytes a message's header would be in, to tell a message from a log. */
#define SNIFF_SIZE ((size_t)64 * 1024)

/* A read that fails again as the first bytes' read failed. */
static int sniff_errno;

static ptrdiff_t failed_read(void *ctx, char *dst, size_t n)
{
	(void)ctx, (void)dst, (void)n;
	errno = sniff_errno;
	return -1;
}

/* Says that no reply was found in the input `name` (a log, a message or
 * an mbox: kind); returns EXIT_NO. */
static int no_replies(const char *name, enum message_kind kind)
{
	file_error(name, kind == MESSAGE_MBOX ? "no SMTP replies found in its messages; "
	                                        "bounce wording not recognised?"
	                 : kind == MESSAGE_ONE ? "no SMTP replies found in the message; "
	                                         "bounce wording not recognised?"
	                                       : "no SMTP replies found; format not recognised?");
	return EXIT_NO;
}

int check_fd(struct checker *ck, const char *name, int fd, char *buf)
{
	/* 64 KiB of compressed input: not on the stack; a Maildir's files are
	 * read one at a time */
	static struct input in;
	size_t have = 0;
	int st = 0, eof = 0;
	enum message_kind kind = MESSAGE_UNDECIDED;
	unsigned long found = ck->found, lines = ck->counts.lines - ck->counts.skipped;

	if (input_open(&in, fd) < 0)
		return file_error(name, input_message(&in));
	ck->counts.files++;
	ck->read_message = input_message;
	/* The first bytes: a mail message or mbox, or a log (its first line
	 * says; a live log is not kept waiting). */
	while (kind == MESSAGE_UNDECIDED) {
		ptrdiff_t n = input_read(&in, buf + have, ck->bufsize - have);
		if (n < 0) {
			if (errno == EINTR && in.error == NULL)
				continue;
			if (have == 0) {
				st = file_error(name, input_message(&in));
				break;
			}
			/* what came is read as a log, then the error said */
			sniff_errno = errno;
			st = check_stream(ck, name, failed_read, &in, buf, have);
			break;
		}
		eof = n == 0;
		have += (size_t)n;
		kind = message_kind(buf, have, !eof && have < SNIFF_SIZE && have < ck->bufsize);
	}
	if (kind == MESSAGE_ONE || kind == MESSAGE_MBOX)
		st = check_message(ck, name, kind, buf, have, input_read, &in, buf);
	else if (kind == MESSAGE_NONE)
		st = check_stream(ck, name, input_read, &in, buf, have);
	ck->read_message = NULL;
	input_close(&in);
	/* An input that gave no reply (not an empty one, nor one whose lines
	 * were all too long: those are said) is said, in a Maildir once for
	 * the folder. */
	if (st == 0 && ck->found == found && !ck->in_folder && !ck->write_failed &&
	    (kind == MESSAGE_ONE || kind == MESSAGE_MBOX ||
	     ck->counts.lines - ck->counts.skipped > lines))
		st = no_replies(name, kind);
	return st;
}

int check_file(struct checker *ck, const char *path, char *buf) /* NOLINT(misc-no-recursion): a Maildir's entry is read as any path is; as deep as a path is long */
{
	struct stat sb;
	int fd, st;

	if (strcmp(path, "-") == 0)
		return check_fd(ck, "-", 0, buf);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return file_error(path, strerror(errno));
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		if (is_maildir(path))
			return check_maildir(ck, path, buf);
		return file_error(path, "is a directory (and no Maildir folder: it has no cur/ or new/)");
	}
	st = check_fd(ck, path, fd, buf);
	close(fd);
	return st;
}

/* A Maildir's folders of messages, in the order they are read. */
static const char *const maildir_subdirs[] = { "cur", "new" };

int is_maildir(const char *dir)
{
	for (int i = 0; i < 2; i++) {
		char path[4096];
		struct stat sb;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, maildir_subdirs[i]) < sizeof path &&
		    stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			return 1;
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int check_maildir(struct checker *ck, const char *dir, char *buf) /* NOLINT(misc-no-recursion): through check_file, above */
{
	int status = 0, in_folder = ck->in_folder;
	unsigned long found = ck->found, files = 0;

	ck->in_folder = 1;

	for (int i = 0; i < 2 && !ck->write_failed; i++) {
		char path[4096];
		char **names = NULL;
		size_t n = 0, size = 0;
		struct dirent *de;
		DIR *d;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, maildir_subdirs[i]) >= sizeof path)
			return file_error(dir, "name too long");
		if ((d = opendir(path)) == NULL) {
			if (errno == ENOENT)
				continue; /* a Maildir may lack new/ or cur/ */
			status = file_error(path, strerror(errno));
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			char **grown;
			if (de->d_name[0] == '.')
				continue;
			if (n == size) {
				size = size ? 2 * size : 64;
				if ((grown = realloc(names, size * sizeof *names)) == NULL)
					break;
				names = grown;
			}
			if ((names[n] = strdup(de->d_name)) == NULL)
				break;
			n++;
		}
		closedir(d);
		if (de != NULL)
			status = file_error(path, "out of memory");
		if (n > 0)
			qsort(names, n, sizeof *names, by_name);
		for (size_t k = 0; k < n; k++) {
			char file[4096];
			if ((size_t)snprintf(file, sizeof file, "%s/%s", path, names[k]) >= sizeof file)
				status = file_error(path, "name too long");
			else if (!ck->write_failed && check_file(ck, file, buf))
				status = EXIT_USAGE;
			files++;
			free(names[k]);
		}
		free(names);
	}
	ck->in_folder = in_folder;
	if (status == 0 && files > 0 && ck->found == found && !in_folder && !ck->write_failed) {
		file_error(dir, "no SMTP replies found in the folder's messages; "
		           "bounce wording not recognised?");
		status = EXIT_NO;
	}
	return status;
}
