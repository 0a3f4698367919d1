/*
 * fuzz_tmpfile.h - writes a fuzz input to a private temporary file, for the
 * targets whose entry point reads a path (manifests, JSON, folders). Every
 * failure aborts: a fuzz harness that cannot write its input must not pass
 * quietly.
 */
#ifndef TL_FUZZ_TMPFILE_H
#define TL_FUZZ_TMPFILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Creates a fresh folder once per process ("/tmp/tl-fuzz-XXXXXX"). */
static inline const char *fuzz_tmpdir(void)
{
	static char dir[64];
	if (!dir[0]) {
		const char *base = getenv("TMPDIR");
		if (!base || !*base || strlen(base) > 40)
			base = "/tmp";
		if (snprintf(dir, sizeof dir, "%s/tl-fuzz-XXXXXX", base) >= (int)sizeof dir)
			abort();
		if (!mkdtemp(dir)) {
			perror("fuzz: mkdtemp");
			abort();
		}
	}
	return dir;
}

/* Writes data to dir/name (replacing it) and returns the path in out. */
static inline void fuzz_write_file(const char *name, const uint8_t *data, size_t size, char *out,
				   size_t out_size)
{
	if (snprintf(out, out_size, "%s/%s", fuzz_tmpdir(), name) >= (int)out_size)
		abort();
	FILE *f = fopen(out, "wb");
	if (!f) {
		perror("fuzz: fopen");
		abort();
	}
	if ((size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror("fuzz: write");
		abort();
	}
}

/* Removes the file or empty folder dir/name; a missing one is not an error. */
static inline void fuzz_remove(const char *name)
{
	char path[128];
	if (snprintf(path, sizeof path, "%s/%s", fuzz_tmpdir(), name) >= (int)sizeof path)
		abort();
	if (unlink(path) != 0)
		(void)rmdir(path);
}

/* Removes the folder itself once it is empty. */
static inline void fuzz_remove_dir(void)
{
	(void)rmdir(fuzz_tmpdir());
}

#endif /* TL_FUZZ_TMPFILE_H */
