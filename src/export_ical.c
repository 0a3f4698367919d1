/* export_ical.c - placeholder exporter (being written). */
#include "error.h"
#include "export.h"

int tl_export_ics(const tl_timeline *timeline, const tl_export_options *options, FILE *out,
		  tl_error *err)
{
	(void)timeline; (void)options; (void)out;
	return tl_error_set(err, TL_EUSAGE, "the ics format is not available yet");
}
