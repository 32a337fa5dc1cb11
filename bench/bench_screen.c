/* bench_screen.c — what the screen costs, measured on the real binary: it runs
 * ./descent (or $DESCENT) on a pseudo-terminal of 120×40 with TERM=xterm-256color and
 * counts the bytes it writes there, as a terminal would receive them.
 *  1. time from exec to the first complete screen (the prompt, drawn last in the frame,
 *     has arrived);
 *  2. bytes written per animation step with three runs: `run 90` at the default speed
 *     (30 steps/s, one step per frame), every byte from Enter until the screen is quiet
 *     again, divided by 90 (the command's echo and the final status included).
 * Targets: first screen under 50 ms; under 2 KB per step. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Read what is there within `ms`; returns bytes read (0 on a quiet timeout, -1 at EOF). */
static long drain(int fd, int ms, char *keep, size_t keepcap, size_t *keeplen)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, ms) <= 0) return 0;
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return -1;
    if (keep && *keeplen + (size_t)n < keepcap) {
        memcpy(keep + *keeplen, buf, (size_t)n);
        *keeplen += (size_t)n;
        keep[*keeplen] = '\0';
    }
    return n;
}

/* Read until the output has been quiet for `quiet_ms`; returns the bytes read. */
static long until_quiet(int fd, int quiet_ms, double max_s)
{
    long total = 0;
    double t0 = now();
    for (;;) {
        long n = drain(fd, quiet_ms, NULL, 0, NULL);
        if (n <= 0 || now() - t0 > max_s) return total;
        total += n;
    }
}

static void type(int fd, const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t k = write(fd, s, n);
        if (k <= 0) return;
        s += k;
        n -= (size_t)k;
    }
}

int main(void)
{
    const char *bin = getenv("DESCENT") ? getenv("DESCENT") : "./descent";
    if (access(bin, X_OK) != 0) {
        fprintf(stderr, "bench_screen: no binary at %s (make descent first)\n", bin);
        return 1;
    }
    char home[] = "/tmp/descent-bench-XXXXXX";
    if (!mkdtemp(home)) return 1;
    struct winsize ws = {.ws_row = 40, .ws_col = 120};
    int fd;
    double t0 = now();
    pid_t pid = forkpty(&fd, NULL, NULL, &ws);
    if (pid < 0) {
        perror("bench_screen: forkpty");
        return 1;
    }
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("LANG", "C.UTF-8", 1);
        setenv("LC_ALL", "C.UTF-8", 1);
        setenv("HOME", home, 1);
        setenv("XDG_STATE_HOME", home, 1);
        unsetenv("NO_COLOR");
        execl(bin, bin, (char *)NULL);
        _exit(127);
    }
    /* 1. The first complete frame: the prompt is the last thing in it. */
    static char seen[1 << 20];
    size_t seen_len = 0;
    double first = -1;
    long first_bytes = 0;
    while (now() - t0 < 5) {
        long n = drain(fd, 100, seen, sizeof seen - 1, &seen_len);
        if (n < 0) break;
        first_bytes += n;
        if (strstr(seen, "descent\xe2\x80\xba")) {
            first = now() - t0;
            break;
        }
    }
    first_bytes += until_quiet(fd, 150, 2);
    if (first < 0) {
        fprintf(stderr, "bench_screen: no prompt within 5 s\n");
        kill(pid, SIGTERM);
        return 1;
    }
    printf("screen: first complete screen after %.1f ms (%ld bytes; target < 50 ms)\n", first * 1e3,
           first_bytes);

    /* 2. Bytes per animation step, three runs at 120x40. */
    type(fd, "algo gd lr=0.001; add adam lr=0.05; add momentum lr=0.001\r");
    until_quiet(fd, 300, 5);
    const int steps = 90;
    double ta = now();
    type(fd, "run 90\r");
    long bytes = 0;
    for (;;) { /* the animation takes steps/30 s; then quiet */
        long n = drain(fd, 600, NULL, 0, NULL);
        if (n < 0) break;
        if (n == 0 && now() - ta > steps / 30.0) break;
        bytes += n;
        if (now() - ta > 30) break;
    }
    /* Check it really ran: Ctrl-L repaints everything, so the panel's text arrives whole. */
    seen_len = 0;
    seen[0] = '\0';
    type(fd, "\014");
    for (double tq = now(); now() - tq < 3;)
        if (drain(fd, 300, seen, sizeof seen - 1, &seen_len) <= 0) break;
    if (!strstr(seen, "it 90 ")) {
        fprintf(stderr, "bench_screen: the panel never showed iteration 90\n");
        kill(pid, SIGTERM);
        return 1;
    }
    printf("screen: %d animation steps with 3 runs at 120x40: %ld bytes, %.0f bytes per step "
           "(target < 2048)\n",
           steps, bytes, (double)bytes / steps);

    type(fd, "quit\r");
    until_quiet(fd, 200, 3);
    int status = 0;
    waitpid(pid, &status, 0);
    close(fd);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
    if (system(cmd) != 0) fprintf(stderr, "bench_screen: could not remove %s\n", home);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
