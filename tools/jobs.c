/* SPDX-License-Identifier: MIT */
/* jobs.c - "check --jobs N": files checked by N processes at once. Each
 * job writes its records, its messages and its counts (a JSON summary)
 * into files of its own; they are copied out in the order of the files on
 * the command line, so the output is that of one run over them. Processes,
 * not threads: the reader's state and the check's counts are per process,
 * as they are per run.
 * Layer: above files.c and merge.c, under check.c; calls files.c
 * (check_file), counts.c, merge.c, out.c and text.c only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it: fdopen, mkstemp */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/sendfile.h>
#endif

#include "check.h"
#include "counts.h"
#include "merge.h"
#include "out.h"
#include "records.h"
#include "text.h"

/* A job's records, messages, counts (a JSON summary), the texts of the
 * explanations its records numbered and of those it marked "*", past the
 * ones remembered (records.h; each text ended by a NUL) */
enum { OUT, ERR, COUNTS, EXPL, STARS, NSTREAMS };

struct job {
	pid_t pid;
	int fd[NSTREAMS]; /* OUT and ERR -1: the job writes to ours */
	unsigned known;   /* the explanations numbered when it started */
};

/* An unlinked file in $TMPDIR (or /tmp), or -1 with a message. */
static int scratch(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof path, "%s/smtpcode-job-XXXXXX", dir) >= sizeof path) {
		fprintf(stderr, "%s: TMPDIR: name too long\n", progname);
		return -1;
	}
	if ((fd = mkstemp(path)) < 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
		return -1;
	}
	unlink(path);
	return fd;
}

/* Copies fd from its start to f; -1 when reading or writing failed. */
static int copy_out(int fd, FILE *f)
{
	char b[65536];
	ssize_t n;

	if (fd < 0)
		return 0;
	if (fflush(f) != 0)
		return -1;
#ifdef __linux__
	{
		/* in the kernel: --all --json over two 100 MB logs writes
		 * 360 MB, copied at a fraction of the cost through b */
		struct stat st;
		off_t at = 0;
		while (fstat(fd, &st) == 0 && at < st.st_size) {
			n = sendfile(fileno(f), fd, &at, (size_t)(st.st_size - at));
			if (n > 0)
				continue;
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0 && at == 0 && (errno == EINVAL || errno == ENOSYS))
				break; /* an output sendfile cannot write: read and write */
			return -1;
		}
		if (at > 0)
			return 0;
	}
#endif
	if (lseek(fd, 0, SEEK_SET) != 0)
		return -1;
	while ((n = read(fd, b, sizeof b)) > 0)
		if (fwrite(b, 1, (size_t)n, f) != (size_t)n)
			return -1;
	return n < 0 ? -1 : fflush(f);
}

/* The whole of fd from its start, in *size bytes (NULL: out of memory or
 * a read error). */
static char *slurp(int fd, size_t *size)
{
	size_t have = 0, room = 4096;
	char *b = malloc(room), *grown;
	ssize_t n;

	if (b == NULL || lseek(fd, 0, SEEK_SET) != 0) {
		free(b);
		return NULL;
	}
	while ((n = read(fd, b + have, room - have)) > 0)
		if ((have += (size_t)n) == room) {
			if ((grown = realloc(b, room *= 2)) == NULL) {
				free(b);
				return NULL;
			}
			b = grown;
		}
	if (n < 0) {
		free(b);
		return NULL;
	}
	*size = have;
	return b;
}

/* A record line's mark, " [N]" or " [*]" before its newline: where it
 * begins (line[*at]), and N (0 for "*"); -1 for a line without one. */
static int mark_of(const char *line, size_t len, size_t *at, unsigned long *number)
{
	size_t i = len;

	if (i < 5 || line[--i] != '\n' || line[--i] != ']')
		return -1;
	*number = 0;
	if (line[i - 1] == '*') {
		i--;
	} else {
		unsigned long scale = 1;
		while (i > 0 && line[i - 1] >= '0' && line[i - 1] <= '9' && scale < 1000000000ul) {
			*number += (unsigned long)(line[--i] - '0') * scale;
			scale *= 10;
		}
		if (*number == 0)
			return -1;
	}
	if (i < 2 || line[i - 1] != '[' || line[i - 2] != ' ')
		return -1;
	*at = i - 2;
	return 0;
}

/* Copies a job's text records out, their explanations numbered as one run
 * numbers them (records.h). The job numbered those it found after the
 * j->known it started with (their texts in its EXPL file), and marked "*"
 * those it had no room for (their texts in STARS, in order). When no job
 * before it added one since it started, its numbers are ours: the records
 * go out as they are (sendfile). Else each record's mark is read (the end
 * of its line, which the record writer wrote), numbered anew, and the line
 * that explained it in the job dropped, and written again where this run
 * prints it. Returns -1 when writing failed. */
static int copy_records(struct checker *ck, struct job *j)
{
	struct explanations *ex = &ck->explanations;
	size_t size = 0, ntexts = 0, at, lsize = 0, ssize = 0;
	char *texts = j->fd[EXPL] >= 0 ? slurp(j->fd[EXPL], &size) : NULL;
	const char **text = NULL;
	unsigned *as = NULL; /* the job's number k + known + 1 is our as[k] - 1 */
	unsigned long number;
	char *line = NULL, *star = NULL, obuf[65536];
	struct out o;
	FILE *f = NULL, *stars = NULL;
	struct stat st;
	ssize_t n;
	int added, skip = 0, status = 0, fd, sfd;

	if (texts == NULL) /* (out of memory: its records as they are) */
		size = 0;
	while (size > 0 && texts[size - 1] != '\0') /* each text ends with a NUL */
		size--;
	for (size_t i = 0; i < size; i++)
		ntexts += texts[i] == '\0';
	if (ex->count == j->known ||
	    (ntexts == 0 && (j->fd[STARS] < 0 || fstat(j->fd[STARS], &st) != 0 || st.st_size == 0))) {
		/* nothing to number anew: learn its texts, then copy */
		for (size_t i = 0; i < size; i += strlen(texts + i) + 1)
			explanation_number(ex, texts + i, strlen(texts + i), &added);
		free(texts);
		return copy_out(j->fd[OUT], stdout);
	}
	text = malloc((ntexts + 1) * sizeof *text);
	as = calloc(ntexts + 1, sizeof *as);
	fd = dup(j->fd[OUT]);
	sfd = dup(j->fd[STARS]);
	if (text == NULL || as == NULL || fd < 0 || sfd < 0 || fflush(stdout) != 0 ||
	    lseek(fd, 0, SEEK_SET) != 0 || lseek(sfd, 0, SEEK_SET) != 0 ||
	    (f = fdopen(fd, "r")) == NULL || (stars = fdopen(sfd, "r")) == NULL) {
		if (f)
			fclose(f);
		else if (fd >= 0)
			close(fd);
		if (sfd >= 0)
			close(sfd);
		free(text);
		free(as);
		free(texts);
		return -1;
	}
	ntexts = 0;
	for (size_t i = 0; i < size; i += strlen(texts + i) + 1)
		text[ntexts++] = texts + i;
	out_init(&o, stdout, obuf, sizeof obuf);
	while ((n = getline(&line, &lsize, f)) > 0) {
		const char *t;
		unsigned ours;
		size_t len = (size_t)n;
		if (skip) { /* the job's line of an explanation we printed */
			skip = 0;
			continue;
		}
		if (mark_of(line, len, &at, &number) != 0 || (number != 0 && number <= j->known) ||
		    number - j->known > ntexts) {
			out_put(&o, line, len); /* as the job numbered it */
			continue;
		}
		added = 0;
		if (number == 0) { /* "*": the next of STARS, its line follows */
			if (getdelim(&star, &ssize, '\0', stars) <= 0) {
				status = -1;
				break;
			}
			t = star;
			ours = explanation_number(ex, t, strlen(t), &added);
			skip = 1;
		} else {
			number -= j->known + 1;
			t = text[number];
			if (as[number] == 0) { /* its first record: its line follows */
				as[number] = explanation_number(ex, t, strlen(t), &added) + 1;
				skip = 1;
			}
			ours = as[number] - 1;
		}
		out_put(&o, line, at);
		record_mark(&o, ours);
		if (added || ours == 0)
			explanation_line(&o, ours, t, strlen(t));
	}
	if (ferror(f) || out_flush(&o) != 0 || fflush(stdout) != 0)
		status = -1;
	fclose(f);
	fclose(stars);
	free(star);
	free(line);
	free(text);
	free(as);
	free(texts);
	return status;
}

static void close_job(struct job *j)
{
	for (int k = 0; k < NSTREAMS; k++)
		if (j->fd[k] >= 0)
			close(j->fd[k]);
}

/* In the job: checks the file with its output into the job's files;
 * exits with check's status. */
static void run_job(struct checker *ck, const char *file, const struct job *j, char *buf)
{
	int status;

	if (j->fd[OUT] >= 0 &&
	    (dup2(j->fd[OUT], STDOUT_FILENO) < 0 || dup2(j->fd[ERR], STDERR_FILENO) < 0))
		_exit(EXIT_USAGE);
	counts_clear(&ck->counts);
	if (!ck->json && (ck->explanations.spill = fdopen(j->fd[STARS], "w")) == NULL)
		_exit(EXIT_USAGE);
	status = check_file(ck, file, buf);
	if (ck->explanations.spill && fflush(ck->explanations.spill) != 0)
		_exit(EXIT_USAGE);
	if (!ck->json && ck->explanations.count > j->known) {
		FILE *ex = fdopen(j->fd[EXPL], "w");
		if (ex == NULL)
			_exit(EXIT_USAGE);
		for (unsigned k = j->known + 1; k <= ck->explanations.count; k++) {
			const char *t = explanation_text(&ck->explanations, k);
			fwrite(t, 1, strlen(t) + 1, ex);
		}
		if (fflush(ex) != 0)
			_exit(EXIT_USAGE);
	}
	if (ck->summary) {
		FILE *counts = fdopen(j->fd[COUNTS], "w");
		if (counts == NULL)
			_exit(EXIT_USAGE);
		counts_summary(&ck->counts, counts, 1);
		if (fflush(counts) != 0)
			_exit(EXIT_USAGE);
	}
	if (out_flush(&ck->ob) != 0 || fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
		_exit(EXIT_USAGE);
	}
	_exit(status ? status : ck->counts.problems ? EXIT_NO : EXIT_YES);
}

/* Starts a job on file; first: every file before it is written out, so
 * that the job writes to our output itself. */
static int start_job(struct checker *ck, const char *file, struct job *j, int first, char *buf)
{
	for (int k = 0; k < NSTREAMS; k++)
		j->fd[k] = -1;
	j->known = ck->explanations.count;
	for (int k = first ? COUNTS : 0; k < NSTREAMS; k++)
		if ((k == EXPL || k == STARS) && ck->json) { /* no marks in JSON */
			continue;
		} else if ((j->fd[k] = scratch()) < 0) {
			close_job(j);
			return -1;
		}
	out_flush(&ck->ob);
	fflush(stdout);
	fflush(stderr);
	if ((j->pid = fork()) < 0) {
		fprintf(stderr, "%s: fork: %s\n", progname, strerror(errno));
		close_job(j);
		return -1;
	}
	if (j->pid == 0)
		run_job(ck, file, j, buf);
	return 0;
}

/* Waits for a job and copies out what it wrote; its exit status, or 2. */
static int finish_job(struct checker *ck, const char *file, struct job *j)
{
	int wstatus, status;
	FILE *counts;

	while (waitpid(j->pid, &wstatus, 0) < 0)
		if (errno != EINTR) {
			close_job(j);
			return file_error(file, "lost its job");
		}
	if ((ck->json || !WIFEXITED(wstatus) ? copy_out(j->fd[OUT], stdout)
	                                      : copy_records(ck, j)) != 0)
		ck->write_failed = 1;
	copy_out(j->fd[ERR], stderr);
	if (WIFEXITED(wstatus)) {
		status = WEXITSTATUS(wstatus);
	} else {
		char m[64];
		snprintf(m, sizeof m, "its job ended by signal %d", WTERMSIG(wstatus));
		status = file_error(file, m);
	}
	if (ck->summary && WIFEXITED(wstatus) && lseek(j->fd[COUNTS], 0, SEEK_SET) == 0 &&
	    (counts = fdopen(j->fd[COUNTS], "r")) != NULL) {
		j->fd[COUNTS] = -1; /* fclose closes it */
		if (merge_summaries(&ck->counts, file, counts))
			status = EXIT_USAGE;
		fclose(counts);
	}
	close_job(j);
	return status;
}

int check_jobs(struct checker *ck, char **files, int nfiles, int jobs, char *buf)
{
	/* static: a job's process ends (_exit) with its copy, which valgrind
	 * would call lost once no register holds it any more */
	static struct job *run;
	int next = 0, done = 0, status = 0, problems = 0;

	run = calloc((size_t)jobs, sizeof *run);

	if (run == NULL)
		return file_error(files[0], "out of memory");
	/* job i % jobs checks file i; file i is written out before i + jobs
	 * starts */
	while (done < nfiles) {
		while (next < nfiles && next < done + jobs && !ck->write_failed) {
			if (start_job(ck, files[next], &run[next % jobs], next == done, buf) != 0) {
				status = EXIT_USAGE;
				break;
			}
			next++;
		}
		if (done == next)
			break;
		switch (finish_job(ck, files[done], &run[done % jobs])) {
		case EXIT_YES:
			break;
		case EXIT_NO:
			problems = 1;
			break;
		default:
			status = EXIT_USAGE;
		}
		done++;
	}
	free(run);
	return status ? status : problems ? EXIT_NO : EXIT_YES;
}
