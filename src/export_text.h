/*
 * export_text.h - the text clean-up of the CSV and Markdown writers without
 * a pass per byte: tl_export_clean() (export_util.h) looks at every byte on
 * its own, but nearly all text is printable ASCII and valid UTF-8, which it
 * leaves as it is. tl_export_clean_view() finds that unchanged prefix sixteen
 * bytes at a time and cleans only the rest, from the first byte that changes.
 * Owns no memory: the cleaned text is the caller's string or its scratch
 * buffer.
 */
#ifndef TL_EXPORT_TEXT_H
#define TL_EXPORT_TEXT_H

#include <stddef.h>

#include "buf.h"
#include "export_util.h"

/* Length of the prefix of s[0..n) that tl_export_clean() copies as it is
 * whatever the flags: printable ASCII and valid multi-byte UTF-8 sequences. */
size_t tl_export_clean_prefix(const char *s, size_t n);

/* s (NULL: "") as tl_export_clean(scratch, s, flags) makes it: *text is s
 * itself when nothing changes, else the contents of scratch (reset first);
 * *n is its length, and the text is NUL-terminated. TL_OK or TL_ENOMEM. */
int tl_export_clean_view(const char *s, enum tl_clean_flags flags, tl_buf *scratch,
			 const char **text, size_t *n);

#endif
