/*
 * text_cruft.h - blanking web-page furniture in a clean text (text_cruft.c),
 * the second pass of the cleaner in text.c.
 */
#ifndef TL_TEXT_CRUFT_H
#define TL_TEXT_CRUFT_H

#include <stddef.h>

/* Blanks with spaces the lines of clean[0..len) that are page furniture (their line
 * breaks and every offset stay as they are). */
void tl_text_blank_cruft(char *clean, size_t len);

#endif
