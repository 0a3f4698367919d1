/*
 * output.c - atomic output files for the CLI (see output.h): write to
 * "TARGET.XXXXXX" in the same folder, then fflush + fsync + rename(2). A
 * target that exists and is not a regular file (/dev/null, /dev/full, a FIFO,
 * /dev/stdout) is written in place: renaming over it would replace the device
 * with a plain file when run as root.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

int cli_output_open(cli_output *out, const char *target)
{
	memset(out, 0, sizeof *out);
	if (!target || strcmp(target, "-") == 0) {
		out->file = stdout;
		return 0;
	}
	struct stat st;
	if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			fprintf(stderr, "timeline: %s: is a folder; give a file name\n", target);
			return 2;
		}
		out->file = fopen(target, "wb");
		if (!out->file) {
			fprintf(stderr, "timeline: %s: cannot open for writing: %s\n", target,
				strerror(errno));
			return 2;
		}
		out->target = target;
		return 0;
	}
	size_t n = strlen(target);
	out->temp_path = malloc(n + 8);
	if (!out->temp_path) {
		fprintf(stderr, "timeline: out of memory\n");
		return 2;
	}
	memcpy(out->temp_path, target, n);
	memcpy(out->temp_path + n, ".XXXXXX", 8);
	int fd = mkstemp(out->temp_path);
	if (fd < 0 || !(out->file = fdopen(fd, "wb"))) {
		fprintf(stderr, "timeline: %s: cannot create the output file: %s; check that the "
			"folder exists and is writable\n", target, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(out->temp_path);
		}
		free(out->temp_path);
		out->temp_path = NULL;
		return 2;
	}
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0) {
		fprintf(stderr, "timeline: %s: cannot set permissions: %s\n", target,
			strerror(errno));
		fclose(out->file);
		unlink(out->temp_path);
		free(out->temp_path);
		out->temp_path = NULL;
		return 2;
	}
	out->target = target;
	return 0;
}

int cli_output_close(cli_output *out, int ok)
{
	int rc = 0;
	const char *name = out->target ? out->target : "standard output";
	if (fflush(out->file) != 0 || ferror(out->file) ||
	    (out->temp_path && fsync(fileno(out->file)) != 0)) {
		if (ok)
			fprintf(stderr, "timeline: %s: write failed: %s\n", name, strerror(errno));
		ok = 0;
	}
	if (out->target) {
		if (fclose(out->file) != 0 && ok) {
			fprintf(stderr, "timeline: %s: write failed: %s\n", name, strerror(errno));
			ok = 0;
		}
		if (ok && out->temp_path && rename(out->temp_path, out->target) != 0) {
			fprintf(stderr, "timeline: %s: cannot move the new file into place: %s\n",
				name, strerror(errno));
			ok = 0;
		}
		if (!ok && out->temp_path)
			unlink(out->temp_path);
		free(out->temp_path);
	}
	memset(out, 0, sizeof *out);
	if (!ok)
		rc = 2;
	return rc;
}
