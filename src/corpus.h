/*
 * corpus.h - what corpus.c lends corpus_manifest.c and corpus_walk.c: failure
 * counting for one add_* call, loading one file into the corpus (at once, or
 * recorded unread with defer_reads), settling (sorting and naming) what was
 * added, and the set of manifests read; and timeline.c the corpus's size. The
 * corpus itself stays opaque (struct tl_corpus lives in corpus.c).
 */
#ifndef TL_CORPUS_H
#define TL_CORPUS_H

#include <sys/stat.h>

#include "corpus_store.h"
#include "timeline.h"

/* The failures of one add_* call. */
typedef struct tl_corpus_call {
	int failures;
	tl_error first;
} tl_corpus_call;

/* Counts failure e (in the corpus and the call) and passes it to options.on_error. */
void tl_corpus_fail(tl_corpus *c, tl_corpus_call *k, const tl_error *e);
/* The call's result: its failure count, with the first failure in *err. */
int tl_corpus_finish(tl_corpus_call *k, tl_error *err);
/* Reads one file into the corpus; where names the manifest row in messages ("" or
 * "m.csv:4: "). Returns TL_ENOMEM only when the corpus itself could not grow. */
int tl_corpus_load_file(tl_corpus *c, tl_corpus_call *k, const char *path,
			const tl_article_meta *meta, const char *where, tl_error *err);
/* Sorts and names the files added since the last call. */
int tl_corpus_settle(tl_corpus *c, tl_error *err);
const tl_corpus_options *tl_corpus_options_of(const tl_corpus *c);
/* Notes that the file id is a manifest, so that folder walks skip it; TL_ENOMEM. */
int tl_corpus_note_manifest(tl_corpus *c, file_id id);

/* For corpus_walk.c. Loads the file at path that a folder or path reached; st is what
 * stat() gave for it, or NULL for a regular file a listing named and nobody stat()ed
 * (its id then comes from the read). Returns TL_ENOMEM only when the corpus could not
 * grow. */
int tl_corpus_load_stat(tl_corpus *c, tl_corpus_call *k, const char *path,
			const tl_article_meta *meta, const struct stat *st, tl_error *err);
/* defer_reads: records the regular file at path (st: its stat()) unread, or loads it now
 * when it is a second path to a file loaded earlier; as tl_corpus_load_stat(). */
int tl_corpus_defer(tl_corpus *c, tl_corpus_call *k, const char *path,
		    const tl_article_meta *meta, const struct stat *st, tl_error *err);
/* What a file a folder or path reached is loaded with: --date, --infer-date. */
tl_article_meta tl_corpus_option_meta(const tl_corpus *c);
/* The bytes of the corpus's files as they were when loaded (stat() or the read) where
 * the corpus knows them (a lazy corpus), 0 for the others: a hint of the work ahead
 * (tl_timeline_build sizes its string pool from it). */
size_t tl_corpus_bytes(const tl_corpus *c);
/* How many manifests were loaded; whether the file id is one of them. */
size_t tl_corpus_manifest_count(const tl_corpus *c);
bool tl_corpus_is_manifest(const tl_corpus *c, file_id id);

#endif
