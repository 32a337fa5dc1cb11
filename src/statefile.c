/* statefile.c — private state files: the state directory, 0700 directories that never
 * create a missing $HOME, 0600 files whatever the umask, and flock(2) on a side file so
 * concurrent descents read-modify-write progress and history one at a time. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "descent/statefile.h"

#define STATE_PATH_MAX 1024

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int state_dir(sbuf *out, char *why, size_t wsize)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    char dir[STATE_PATH_MAX];
    if (xdg && xdg[0] == '/') {
        snprintf(dir, sizeof dir, "%s/descent", xdg);
    } else if (home && home[0]) {
        if (!is_dir(home)) {
            snprintf(why, wsize, "HOME (%s) is not a directory", home);
            return -1;
        }
        snprintf(dir, sizeof dir, "%s/.local/state/descent", home);
    } else {
        snprintf(why, wsize, "neither HOME nor XDG_STATE_HOME is set");
        return -1;
    }
    char probe[STATE_PATH_MAX + 8];
    snprintf(probe, sizeof probe, "%s/x", dir);
    if (state_make_parents(probe, why, wsize) != 0) return -1;
    if (access(dir, W_OK) != 0) {
        snprintf(why, wsize, "cannot write in %s: %s", dir, strerror(errno));
        return -1;
    }
    sbuf_puts(out, dir);
    return 0;
}

int state_make_parents(const char *path, char *why, size_t wsize)
{
    char buf[STATE_PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        snprintf(why, wsize, "the path %.60s... is too long", path);
        return -1;
    }
    const char *home = getenv("HOME");
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (!is_dir(buf)) {
            /* A home directory is the system's to make; creating one would leave a
             * root-owned stray (or fill someone else's path) when HOME is wrong. */
            if (home && strcmp(buf, home) == 0) {
                snprintf(why, wsize, "HOME (%s) does not exist", home);
                return -1;
            }
            if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
                snprintf(why, wsize, "cannot create %s: %s", buf, strerror(errno));
                return -1;
            }
        }
        *p = '/';
    }
    return 0;
}

FILE *state_create(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return f;
}

int state_lock(const char *path)
{
    char lock[STATE_PATH_MAX + 8];
    snprintf(lock, sizeof lock, "%s.lock", path);
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    /* Bounded: a descent stopped with Ctrl-Z while holding the lock must not freeze
     * another one; after two seconds we go on unlocked. */
    for (int i = 0; i < 200; i++) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
        if (errno != EWOULDBLOCK && errno != EINTR) break;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    close(fd);
    return -1;
}

void state_unlock(int fd)
{
    if (fd < 0) return;
    flock(fd, LOCK_UN);
    close(fd);
}
