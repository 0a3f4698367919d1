/* export_json.c - placeholder exporter (being written). */
#include "error.h"
#include "export.h"

int tl_export_json(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		  tl_error *err)
{
	(void)timeline; (void)options; (void)out;
	return tl_error_set(err, TL_EUSAGE, "the json format is not available yet");
}
