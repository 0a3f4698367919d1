/*
 * pattern_expand.h - inlining the named fragments of the tagging patterns: a
 * (?(DEFINE)(?<name> body)...) block is split into its fragments, and each
 * (?&name) in a pattern is replaced by (?i:body), expanded in turn, so that
 * the compiled pattern calls no subroutines (see pattern_expand.c). The set
 * owns a joined copy of the block; free it with tl_fragments_free().
 */
#ifndef TL_PATTERN_EXPAND_H
#define TL_PATTERN_EXPAND_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define TL_MAX_FRAGMENTS 64

typedef struct tl_fragment {
	const char *name;
	size_t name_len;
	const char *body; /* between "(?<name>" and its closing ")" */
	size_t body_len;
} tl_fragment;

typedef struct tl_fragment_set {
	char *source; /* the joined DEFINE block the fragments point into */
	tl_fragment f[TL_MAX_FRAGMENTS];
	size_t n;
} tl_fragment_set;

/* Joins the pieces of the DEFINE block and splits it into its named groups; false
 * when it is not shaped as "(?(DEFINE)" (?<name> body )... ")" or on ENOMEM (free the
 * set either way). */
bool tl_fragments_parse(tl_fragment_set *fs, const char *const *pieces, size_t n);

/* Appends text[0..len) to b with every (?&name) replaced by (?i:its body), expanded;
 * TL_OK, or TL_EINTERNAL for an unknown name or too deep a nesting, or TL_ENOMEM. */
int tl_fragments_expand(const tl_fragment_set *fs, tl_buf *b, const char *text, size_t len);

void tl_fragments_free(tl_fragment_set *fs);

#endif
