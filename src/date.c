/* date.c - placeholder for calendar arithmetic (being written). */
#include <stdio.h>
#include <string.h>

#include "error.h"

TL_EXPORT const char *tl_grain_name(tl_grain grain)
{
	static const char *const names[] = {"none", "century", "decade", "year", "half",
		"quarter", "season", "month", "week", "weekend", "day", "part-of-day", "time"};
	if ((unsigned)grain >= sizeof names / sizeof names[0])
		return "none";
	return names[grain];
}

TL_EXPORT int tl_date_parse(const char *text, tl_date *out, tl_error *err)
{
	int y, m, d, n = 0;
	if (!text || sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || text[n] != '\0' ||
	    m < 1 || m > 12 || d < 1 || d > 31 || y < 1)
		return tl_error_set(err, TL_EDATE, "'%s' is not a date; write it as YYYY-MM-DD",
				    text ? text : "(null)");
	out->year = y;
	out->month = m;
	out->day = d;
	return TL_OK;
}

TL_EXPORT int tl_value_interval(const char *value, tl_date *first, tl_date *end, tl_grain *grain)
{
	(void)value; (void)first; (void)end; (void)grain;
	return TL_EINPUT;
}
