// header_cxx.cpp - proves timeline.h is usable from C++ (extern "C", no C-only syntax).
#include <timeline.h>

int main()
{
	tl_date d;
	return tl_date_parse("2025-06-05", &d, nullptr) == TL_OK ? 0 : 1;
}
