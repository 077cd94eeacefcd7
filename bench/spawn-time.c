/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* spawn-time.c - paired wall-time runs of programs, as udev runs an IMPORT{program}. */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PROGS 8
#define MAX_RUNS  100000

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * One run as udevd's worker does it: fork, exec with our environment (the event's),
 * stdout into a pipe read to EOF, wait. Returns wall nanoseconds, or 0 on any failure;
 * *cpu_ns: the child's user+system time, all its threads (less sensitive to a loaded
 * machine than wall time, which waits for a CPU).
 */
static uint64_t run_once(char **argv, char **envp, uint64_t *cpu_ns)
{
	struct rusage ru;
	char buf[4096];
	int fds[2], status;
	uint64_t t0 = now_ns();
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return 0;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return 0;
	}
	if (pid == 0) {
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(127);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while (read(fds[0], buf, sizeof(buf)) > 0)
		;
	close(fds[0]);
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return 0;
	*cpu_ns = (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000u +
		  (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000u;
	return now_ns() - t0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * spawn-time RUNS CMD [-- CMD]...: RUNS rounds, each running every CMD (a program's
 * full path and its arguments) once, the order rotated from round to round, so all
 * share the same moments of a noisy machine. Prints, per CMD in argument order,
 * "median_ns p10_ns p90_ns cpu_median_ns" (one line each; cpu: user+system).
 */
int main(int argc, char *argv[])
{
	extern char **environ;
	static uint64_t t[MAX_PROGS][MAX_RUNS], cpu[MAX_PROGS][MAX_RUNS];
	uint64_t warm;
	char **cmd[MAX_PROGS];
	long runs = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	int n = 0;

	/* Split argv[2..] at each "--" into NULL-terminated commands, in place. */
	for (int i = 2; i < argc; i++) {
		if (i == 2 || !argv[i - 1]) {
			if (n == MAX_PROGS) {
				n = 0; /* too many: usage */
				break;
			}
			cmd[n++] = &argv[i];
		}
		if (!strcmp(argv[i], "--"))
			argv[i] = NULL;
	}
	if (runs < 1 || runs > MAX_RUNS || n < 1) {
		fprintf(stderr,
			"usage: spawn-time RUNS CMD [-- CMD]... (RUNS <= %d, up to %d "
			"CMDs)\n",
			MAX_RUNS, MAX_PROGS);
		return EXIT_FAILURE;
	}
	for (int k = 0; k < n; k++) /* warm the page cache and the dentries */
		if (!cmd[k][0] || !run_once(cmd[k], environ, &warm)) {
			fprintf(stderr, "spawn-time: %s failed (or exited non-zero)\n",
				cmd[k][0] ? cmd[k][0] : "(empty command)");
			return EXIT_FAILURE;
		}
	for (long i = 0; i < runs; i++)
		for (int j = 0; j < n; j++) {
			int k = (int)((i + j) % n);

			t[k][i] = run_once(cmd[k], environ, &cpu[k][i]);
			if (!t[k][i]) {
				fprintf(stderr, "spawn-time: %s failed in round %ld\n",
					cmd[k][0], i);
				return EXIT_FAILURE;
			}
		}
	for (int k = 0; k < n; k++) {
		qsort(t[k], (size_t)runs, sizeof(t[k][0]), cmp_u64);
		qsort(cpu[k], (size_t)runs, sizeof(cpu[k][0]), cmp_u64);
		printf("%llu %llu %llu %llu\n", (unsigned long long)t[k][runs / 2],
		       (unsigned long long)t[k][runs / 10],
		       (unsigned long long)t[k][runs * 9 / 10],
		       (unsigned long long)cpu[k][runs / 2]);
	}
	return EXIT_SUCCESS;
}
