/*
 * pattern_expand.c - inlines the named fragments of the tagging patterns
 * (patterns.c): splits the (?(DEFINE)...) block into its named groups and
 * copies each (?&name) call as (?i:body), the body itself expanded. Since
 * PCRE2 10.30 a subroutine call backtracks like a group, so the inline copy
 * matches exactly the same text; (?i:...) gives it the options of its
 * definition (the DEFINE block is caseless). Without calls the JIT code runs
 * no subroutine frames, which made up most of the matching time. A
 * tl_fragment_set owns its joined copy of the block.
 */
#include <stdlib.h>
#include <string.h>

#include "pattern_expand.h"

#define MAX_NESTING 16

/* The end of the character class opening at s[i] == '[' (just past its ']'). */
static size_t class_end(const char *s, size_t len, size_t i)
{
	i++;
	if (i < len && s[i] == '^')
		i++;
	if (i < len && s[i] == ']')
		i++;
	while (i < len && s[i] != ']')
		i += s[i] == '\\' ? 2 : 1;
	return i < len ? i + 1 : len;
}

bool tl_fragments_parse(tl_fragment_set *fs, const char *const *defines, size_t pieces)
{
	size_t total = 1;
	for (size_t i = 0; i < pieces; i++)
		total += strlen(defines[i]);
	fs->n = 0;
	fs->source = malloc(total);
	if (!fs->source)
		return false;
	size_t len = 0;
	for (size_t i = 0; i < pieces; i++) {
		size_t n = strlen(defines[i]);
		memcpy(fs->source + len, defines[i], n);
		len += n;
	}
	fs->source[len] = '\0';
	const char *s = fs->source;
	static const char open[] = "(?(DEFINE)";
	if (strncmp(s, open, sizeof open - 1) != 0)
		return false;
	size_t i = sizeof open - 1;
	for (;;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && s[i] == ')')
			return true;
		if (i + 3 > len || memcmp(s + i, "(?<", 3) != 0 || fs->n == TL_MAX_FRAGMENTS)
			return false;
		tl_fragment *f = &fs->f[fs->n++];
		f->name = s + i + 3;
		const char *gt = memchr(f->name, '>', len - (i + 3));
		if (!gt)
			return false;
		f->name_len = (size_t)(gt - f->name);
		i = (size_t)(gt - s) + 1;
		f->body = s + i;
		int depth = 1;
		while (i < len && depth > 0) {
			if (s[i] == '\\') {
				i += 2;
			} else if (s[i] == '[') {
				i = class_end(s, len, i);
			} else {
				depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
				i++;
			}
		}
		if (depth != 0)
			return false;
		f->body_len = (size_t)(s + i - 1 - f->body);
	}
}

static int expand(const tl_fragment_set *fs, tl_buf *b, const char *text, size_t len, int nesting)
{
	if (nesting > MAX_NESTING)
		return TL_EINTERNAL;
	size_t i = 0, copied = 0;
	int rc = TL_OK;
	while (i < len && rc == TL_OK) {
		if (text[i] == '\\') {
			i += 2;
			continue;
		}
		if (text[i] == '[') {
			i = class_end(text, len, i);
			continue;
		}
		if (i + 3 > len || memcmp(text + i, "(?&", 3) != 0) {
			i++;
			continue;
		}
		const char *name = text + i + 3;
		const char *close = memchr(name, ')', len - (i + 3));
		if (!close)
			return TL_EINTERNAL;
		size_t n = (size_t)(close - name);
		const tl_fragment *f = NULL;
		for (size_t k = 0; k < fs->n && !f; k++)
			if (fs->f[k].name_len == n && memcmp(fs->f[k].name, name, n) == 0)
				f = &fs->f[k];
		if (!f)
			return TL_EINTERNAL;
		rc |= tl_buf_append(b, text + copied, i - copied);
		rc |= tl_buf_puts(b, "(?i:");
		if (rc == TL_OK)
			rc = expand(fs, b, f->body, f->body_len, nesting + 1);
		rc |= tl_buf_putc(b, ')');
		i = copied = (size_t)(close - text) + 1;
	}
	if (rc == TL_OK)
		rc = tl_buf_append(b, text + copied, len - copied);
	return rc;
}


int tl_fragments_expand(const tl_fragment_set *fs, tl_buf *b, const char *text, size_t len)
{
	return expand(fs, b, text, len, 0);
}

void tl_fragments_free(tl_fragment_set *fs)
{
	free(fs->source);
	fs->source = NULL;
}
