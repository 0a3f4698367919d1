/* diff.c - placeholder (being written). */
#include <stdlib.h>

#include "error.h"
#include "event.h"

struct tl_diff {
	size_t count;
};

TL_EXPORT tl_timeline *tl_timeline_read_json(const char *path, tl_error *err)
{
	tl_error_set(err, TL_EUSAGE, "%s: reading timelines is not available yet", path);
	return NULL;
}

TL_EXPORT int tl_timeline_apply_previous(tl_timeline *timeline, const tl_timeline *previous,
					 tl_error *err)
{
	(void)timeline; (void)previous;
	return tl_error_set(err, TL_EUSAGE, "--previous is not available yet");
}

TL_EXPORT tl_diff *tl_diff_new(const tl_timeline *old_timeline, const tl_timeline *new_timeline,
			       tl_error *err)
{
	(void)old_timeline; (void)new_timeline;
	tl_error_set(err, TL_EUSAGE, "diff is not available yet");
	return NULL;
}

TL_EXPORT void tl_diff_free(tl_diff *diff)
{
	free(diff);
}

TL_EXPORT size_t tl_diff_count(const tl_diff *diff)
{
	return diff->count;
}

TL_EXPORT int tl_diff_write(const tl_diff *diff, tl_diff_format format, bool color, FILE *out,
			    tl_error *err)
{
	(void)diff; (void)format; (void)color; (void)out;
	return tl_error_set(err, TL_EUSAGE, "diff is not available yet");
}
