/*
 * error.c - the one table of TL_E* codes and their messages (tl_strerror),
 * the library version, and the helpers that fill a caller's tl_error. Owns
 * nothing; all strings returned are static.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

#ifndef TL_VERSION_STRING
#define TL_VERSION_STRING "0.0.0"
#endif

TL_EXPORT const char *tl_strerror(int code)
{
	switch (code) {
	case TL_OK:
		return "success";
	case TL_ENOMEM:
		return "out of memory";
	case TL_EIO:
		return "input/output error";
	case TL_EINPUT:
		return "malformed input";
	case TL_ENODATE:
		return "article has no publication date";
	case TL_EDATE:
		return "invalid date";
	case TL_EUSAGE:
		return "invalid argument";
	case TL_EINTERNAL:
		return "internal error";
	default:
		return "unknown error";
	}
}

TL_EXPORT const char *tl_version(void)
{
	return TL_VERSION_STRING;
}

int tl_error_set(tl_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = code;
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
	}
	return code;
}

int tl_error_nomem(tl_error *err)
{
	return tl_error_set(err, TL_ENOMEM, "out of memory; free some memory or split the corpus");
}

void tl_error_clear(tl_error *err)
{
	if (err) {
		err->code = TL_OK;
		err->message[0] = '\0';
	}
}
