/* text.c - placeholder cleaner: drops CRs only (full cleaner being written). */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "text.h"

int tl_text_clean(const char *raw, size_t len, size_t base, const char *path, tl_text *out,
		  tl_error *err)
{
	(void)path;
	memset(out, 0, sizeof *out);
	out->clean = malloc(len + 1);
	out->orig = malloc((len + 1) * sizeof *out->orig);
	if (!out->clean || !out->orig) {
		tl_text_free(out);
		return tl_error_nomem(err);
	}
	size_t j = 0;
	for (size_t i = 0; i < len; i++) {
		if (raw[i] == '\r')
			continue;
		out->clean[j] = raw[i] ? raw[i] : ' ';
		out->orig[j++] = base + i;
	}
	out->clean[j] = '\0';
	out->orig[j] = base + len;
	out->len = j;
	return TL_OK;
}

size_t tl_text_orig_start(const tl_text *text, size_t clean_start)
{
	return text->orig[clean_start];
}

size_t tl_text_orig_end(const tl_text *text, size_t clean_end)
{
	return clean_end ? text->orig[clean_end - 1] + 1 : text->orig[0];
}

void tl_text_free(tl_text *text)
{
	free(text->clean);
	free(text->orig);
	free(text->sentences);
	free(text->warnings);
	memset(text, 0, sizeof *text);
}
