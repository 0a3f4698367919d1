/*
 * error.h - filling a tl_error. Every module reports failure through
 * tl_error_set(), which stores the code and a formatted message in the
 * caller's tl_error (when it gave one) and returns the code, so a failing
 * path reads `return tl_error_set(err, TL_EIO, "%s: cannot read: %s", ...)`.
 * This module owns no memory and keeps no global state.
 */
#ifndef TL_ERROR_H
#define TL_ERROR_H

#include "timeline.h"

#if defined(__GNUC__)
#define TL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TL_PRINTF(f, a)
#endif

/* Sets err (if not NULL) and returns code. */
int tl_error_set(tl_error *err, int code, const char *fmt, ...) TL_PRINTF(3, 4);

/* Shorthand for the out-of-memory case. */
int tl_error_nomem(tl_error *err);

/* Clears err to TL_OK with an empty message. */
void tl_error_clear(tl_error *err);

#endif
