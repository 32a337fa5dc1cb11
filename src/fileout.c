/* fileout.c — writing a named file safely: a temporary file in the same directory (so
 * the rename is atomic), every stdio error checked, and one wording for failures:
 * "cannot write 'PATH': REASON". */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "descent/fileout.h"

static ds_status fail(const char *path, int e, ds_err *err)
{
    return ds_err_set(err, DS_EIO, "cannot write '%s': %s", path,
                      e == EISDIR ? "it is a directory; name a file inside it" : strerror(e));
}

ds_status fileout_check(const char *path, ds_err *err)
{
    struct stat st;
    size_t len = strlen(path);
    if (len == 0) return ds_err_set(err, DS_EARG, "no file name given");
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return fail(path, EISDIR, err);
    if (path[len - 1] == '/')
        return ds_err_set(err, DS_EIO,
                          "cannot write '%s': a name ending in '/' is a directory; name a file",
                          path);
    return DS_OK;
}

ds_status fileout_open(fileout *w, const char *path, ds_err *err)
{
    memset(w, 0, sizeof *w);
    if (!path[0]) return ds_err_set(err, DS_EARG, "no file name given");
    if ((size_t)snprintf(w->path, sizeof w->path, "%s", path) >= sizeof w->path)
        return ds_err_set(err, DS_EARG, "the file name is too long (at most %zu bytes)",
                          sizeof w->path - 1);
    if (fileout_check(path, err) != DS_OK) return err->code;
    /* A device, a pipe or a symbolic link (trace /dev/stdout) is written in place:
     * renaming over it would replace it. */
    struct stat lst;
    if (lstat(path, &lst) == 0 && !S_ISREG(lst.st_mode)) {
        w->f = fopen(path, "w");
        return w->f ? DS_OK : fail(path, errno, err);
    }
    /* ".NAME.PID.tmp" beside NAME, so rename() never crosses a file system. */
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    snprintf(w->tmp, sizeof w->tmp, "%.*s.%s.%ld.tmp", dirlen, path, path + dirlen, (long)getpid());
    int fd = open(w->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        w->tmp[0] = '\0';
        return fail(path, errno, err);
    }
    w->f = fdopen(fd, "w");
    if (!w->f) {
        int e = errno;
        close(fd);
        fileout_abort(w);
        return fail(path, e, err);
    }
    return DS_OK;
}

ds_status fileout_commit(fileout *w, ds_err *err)
{
    int e = 0;
    if (!w->f) return fail(w->path, EBADF, err);
    if (fflush(w->f) != 0 || ferror(w->f)) e = errno ? errno : EIO;
    if (fclose(w->f) != 0 && !e) e = errno ? errno : EIO;
    w->f = NULL;
    if (!e && w->tmp[0] && rename(w->tmp, w->path) != 0) e = errno;
    if (e) {
        fileout_abort(w);
        return fail(w->path, e, err);
    }
    w->tmp[0] = '\0';
    return DS_OK;
}

void fileout_abort(fileout *w)
{
    if (w->f) fclose(w->f);
    w->f = NULL;
    if (w->tmp[0]) unlink(w->tmp);
    w->tmp[0] = '\0';
}

ds_status fileout_write(const char *path, const void *data, size_t n, ds_err *err)
{
    fileout w;
    ds_status st = fileout_open(&w, path, err);
    if (st != DS_OK) return st;
    if (n && fwrite(data, 1, n, w.f) != n) {
        int e = errno ? errno : EIO;
        fileout_abort(&w);
        return fail(path, e, err);
    }
    return fileout_commit(&w, err);
}
