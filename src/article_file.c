/*
 * article_file.c - reads an article's file whole into one malloc()ed buffer
 * with plain open()/fstat()/read() (no stdio buffer to set up and copy
 * through), for article.c; or, for a file too large to hold comfortably, only
 * its first bytes, leaving the file open for article_stream.c to read in
 * pieces. The buffer (and descriptor) it returns belong to the caller; it
 * keeps no state. Split from article.c to keep that file under 1000 lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "error.h"

/* The message of a read that failed with errno e. */
static int read_error(const char *path, int e, tl_error *err)
{
	if (e == EISDIR)
		return tl_error_set(err, TL_EIO, "%s: cannot read: it is a folder; give a file, "
				    "or add the folder as a corpus input", path);
	return tl_error_set(err, TL_EIO, "%s: cannot read: %s; check the file", path,
			    strerror(e));
}

/* Reads the whole of the open file fd into a malloc()ed buffer with one spare byte. hint
 * is the size of the regular file fd (0 when unknown): the buffer starts one byte larger
 * than the spare, and a read that gives the hint's last byte and is short of what it
 * asked for met the end of the file: no second read to see it return 0 (a regular
 * file's read is short only at its end; a file growing meanwhile is read as it was
 * when its size was taken, as it could be anyway). */
static int slurp(int fd, const char *path, size_t hint, char **out, size_t *out_len,
		 tl_error *err)
{
	size_t cap = hint + 2 > 4096 ? hint + 2 : 4096, len = 0;
	char *data = malloc(cap);
	if (!data)
		return tl_error_nomem(err);
	for (;;) {
		if (len + 1 >= cap) {
			if (cap >= TL_TEXT_MAX) {
				free(data);
				return tl_error_set(err, TL_EINPUT, "%s: too large for one article "
						    "(limit 1 GiB); split the file", path);
			}
			char *grown = realloc(data, cap * 2);
			if (!grown) {
				free(data);
				return tl_error_nomem(err);
			}
			data = grown;
			cap *= 2;
		}
		ssize_t n = read(fd, data + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			free(data);
			return read_error(path, e, err);
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (hint && len == hint && (size_t)n < cap - 1 - (len - (size_t)n))
			break;
	}
	if (len >= TL_TEXT_MAX) {
		free(data);
		return tl_error_set(err, TL_EINPUT, "%s: too large for one article (limit 1 GiB); "
				    "split the file", path);
	}
	*out = data;
	*out_len = len;
	return TL_OK;
}

/* Reads up to cap bytes from the start of fd into a malloc()ed buffer with a spare byte:
 * fewer only at the end of the file. */
static int read_prefix(int fd, const char *path, size_t cap, char **out, size_t *out_len,
		       tl_error *err)
{
	char *data = malloc(cap + 1);
	if (!data)
		return tl_error_nomem(err);
	size_t len = 0;
	while (len < cap) {
		ssize_t n = pread(fd, data + len, cap - len, (off_t)len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			free(data);
			return tl_error_set(err, TL_EIO, "%s: cannot read: %s; check the file",
					    path, strerror(e));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*out = data;
	*out_len = len;
	return TL_OK;
}

int tl_article_read_file_large(const char *path, size_t large, size_t prefix,
			       size_t known_size, char **out, size_t *out_len, int *fd_out,
			       tl_file_info *info, tl_error *err)
{
	*fd_out = -1;
	*info = (tl_file_info){0, 0, 0};
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return tl_error_set(err, TL_EIO, "%s: cannot open: %s; check the path and "
				    "permissions", path, strerror(errno));
	size_t hint = known_size;
	if (!known_size) {
		struct stat st;
		if (fstat(fd, &st) != 0) {
			int e = errno;
			close(fd);
			return read_error(path, e, err);
		}
		if (S_ISDIR(st.st_mode)) {
			close(fd);
			return read_error(path, EISDIR, err);
		}
		info->dev = st.st_dev;
		info->ino = st.st_ino;
		hint = S_ISREG(st.st_mode) && st.st_size > 0 && (size_t)st.st_size < TL_TEXT_MAX
		       ? (size_t)st.st_size : 0;
	}
	if (hint >= large && hint > prefix) {
		int rc = read_prefix(fd, path, prefix, out, out_len, err);
		if (rc != TL_OK) {
			close(fd);
			return rc;
		}
		*fd_out = fd;
		info->size = hint;
		return TL_OK;
	}
	int rc = slurp(fd, path, hint, out, out_len, err);
	close(fd);
	if (rc == TL_OK)
		info->size = *out_len;
	return rc;
}

int tl_article_read_file(const char *path, char **out, size_t *out_len, tl_error *err)
{
	int fd;
	tl_file_info info;
	return tl_article_read_file_large(path, SIZE_MAX, 0, 0, out, out_len, &fd, &info, err);
}
