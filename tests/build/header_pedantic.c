/* header_pedantic.c - proves timeline.h compiles alone under strict C99. */
#include <timeline.h>

int main(void)
{
	tl_error err = {0, {0}};
	tl_date d;
	return tl_date_parse("2025-06-05", &d, &err) == TL_OK ? 0 : 1;
}
