/*
 * actors.h - who is named in a clause: people, countries and organizations.
 * The finder scans plain ASCII-cased text (no locale, no regex): sequences of
 * capitalized words ("Ministry of Commerce", "Scott Bessent"), with titles
 * dropped ("President Donald Trump" -> "Donald Trump"), country words mapped
 * through a small built-in gazetteer ("Chinese", "Beijing" -> "China"; "U.S.",
 * "American", "Washington" -> "United States") and known surnames completed
 * ("Trump" -> "Donald Trump"). This module owns no state; the gazetteer is a
 * read-only table (indexed once, on first use, then only read: thread-safe).
 */
#ifndef TL_ACTORS_H
#define TL_ACTORS_H

#include <stdbool.h>
#include <stddef.h>

#include "event.h"
#include "extract_arena.h"

/*
 * Appends the actors named in text[0..len) to out (unsorted; call
 * tl_strings_finish). at_start says whether text begins a sentence: a single
 * capitalized word there is taken only when the gazetteer knows it. Returns
 * TL_OK or TL_ENOMEM.
 */
int tl_actors_find(const char *text, size_t len, bool at_start, tl_strings *out);
/* The same with the strings in arena a (extract_arena.h; NULL: owned).
 * padded: text[len..len + 16) are readable zero bytes (scans and word keys
 * then read sixteen bytes at a time up to the end). */
int tl_actors_find_in(tl_xarena *a, const char *text, size_t len, bool padded, bool at_start,
		      tl_strings *out);

/* Drops one-word actors that are part of a longer actor of the same set
 * ("Lutnick" next to "Howard Lutnick"). The set must be finished (sorted). */
void tl_actors_collapse(tl_strings *set);
/* The same for a set whose strings are in arena a (not freed; NULL: owned). */
void tl_actors_collapse_in(tl_xarena *a, tl_strings *set);

#endif
