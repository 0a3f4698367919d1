/* mentions_io.c - placeholder (being written). */
#include "error.h"
#include "event.h"

TL_EXPORT int tl_article_write_mentions(FILE *out, tl_article *article, const tl_tagger *tagger,
					tl_error *err)
{
	(void)out; (void)article; (void)tagger;
	return tl_error_set(err, TL_EUSAGE, "extract is not available yet");
}

TL_EXPORT tl_timeline *tl_timeline_merge_files(const char *const *paths, size_t n_paths,
					       const tl_build_options *options, tl_error *err)
{
	(void)paths; (void)n_paths; (void)options;
	tl_error_set(err, TL_EUSAGE, "merge is not available yet");
	return NULL;
}
