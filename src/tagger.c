/* tagger.c - placeholder for the tagger (being written). */
#include <stdlib.h>

#include "error.h"
#include "tagger.h"

struct tl_tagger {
	int unused;
};

TL_EXPORT tl_tagger *tl_tagger_new(tl_error *err)
{
	tl_tagger *t = calloc(1, sizeof *t);
	if (!t)
		tl_error_nomem(err);
	return t;
}

TL_EXPORT void tl_tagger_free(tl_tagger *tagger)
{
	free(tagger);
}

TL_EXPORT const char *tl_timex_type_name(tl_timex_type type)
{
	switch (type) {
	case TL_TIMEX_DATE: return "DATE";
	case TL_TIMEX_TIME: return "TIME";
	case TL_TIMEX_DURATION: return "DURATION";
	case TL_TIMEX_SET: return "SET";
	}
	return "DATE";
}

int tl_tagger_run(const tl_tagger *tagger, const char *clean, size_t len, tl_date dct,
		  tl_timex **out, size_t *count, tl_error *err)
{
	(void)tagger; (void)clean; (void)len; (void)dct; (void)err;
	*out = NULL;
	*count = 0;
	return TL_OK;
}

TL_EXPORT int tl_tag_text(const tl_tagger *tagger, const char *text, size_t len, tl_date dct,
			  tl_timex **out, size_t *count, tl_error *err)
{
	return tl_tagger_run(tagger, text, len, dct, out, count, err);
}
