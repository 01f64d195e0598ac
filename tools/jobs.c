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
#include "text.h"

enum { OUT, ERR, COUNTS, NSTREAMS };

struct job {
	pid_t pid;
	int fd[NSTREAMS]; /* OUT and ERR -1: the job writes to ours */
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
	status = check_file(ck, file, buf);
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
	for (int k = first ? COUNTS : 0; k < NSTREAMS; k++)
		if ((j->fd[k] = scratch()) < 0) {
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
	if (copy_out(j->fd[OUT], stdout) != 0)
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
	struct job *run = calloc((size_t)jobs, sizeof *run);
	int next = 0, done = 0, status = 0, problems = 0;

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
