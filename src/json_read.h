/*
 * json_read.h - a small, strict JSON reader (RFC 8259) for reading timelines
 * and mention JSON Lines back. It parses a whole text into a read-only tree
 * held by a tl_json_doc: objects, arrays, strings (escapes and \uXXXX with
 * surrogate pairs decoded to UTF-8; invalid UTF-8 rejected), numbers, true,
 * false and null. Parsing is iterative with an explicit stack, so hostile
 * nesting cannot overflow the C stack; a depth limit bounds it anyway. Errors
 * name the input, the line and column (1-based, columns in characters) and
 * what is wrong. A tl_json_doc owns every node and string of the last parse
 * in an arena; parsing again reuses that memory, so reading JSON Lines costs
 * no allocation per line once warm. tl_json_doc_free() releases everything.
 *
 * The last section converts between JSON and the data model (event.h): one
 * mention object (the shape shared by the JSON export's "mentions" and the
 * map step's JSON Lines) and whole timelines. It is implemented in
 * json_model.c (its fast record reader in json_record.c) and used by
 * mentions_io.c (merge) and diff.c.
 */
#ifndef TL_JSON_READ_H
#define TL_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "event.h"

typedef enum tl_json_type {
	TL_JSON_NULL = 0,
	TL_JSON_FALSE,
	TL_JSON_TRUE,
	TL_JSON_NUMBER,
	TL_JSON_STRING,
	TL_JSON_ARRAY,
	TL_JSON_OBJECT
} tl_json_type;

typedef struct tl_json tl_json;
typedef struct tl_json_member tl_json_member;

/* One value. Pointers point into the owning tl_json_doc. */
struct tl_json {
	tl_json_type type;
	size_t len;       /* string: bytes; number: characters of its text; array/object: items */
	union {
		const char *str;               /* string (decoded, NUL-terminated) or number text */
		const tl_json *items;          /* array */
		const tl_json_member *members; /* object, in input order */
	} u;
	double number;    /* number: its value */
	size_t line;      /* where the value starts (1-based) */
	size_t column;
};

struct tl_json_member {
	const char *key; /* decoded, NUL-terminated */
	size_t key_len;
	tl_json value;
};

#define TL_JSON_DEFAULT_DEPTH 64

typedef struct tl_json_doc tl_json_doc;

tl_json_doc *tl_json_doc_new(void);
void tl_json_doc_free(tl_json_doc *doc);

/*
 * Parses text[0..len) as exactly one JSON value (surrounding whitespace
 * allowed). name is used in messages ("name:line:column: ..."); first_line is
 * the line number of text[0] in that input (1 for a whole file, the line
 * number for one JSON Lines record). max_depth bounds nesting (0: default).
 * On success *root points into doc and stays valid until the next parse or
 * tl_json_doc_free(); on failure returns TL_EINPUT (or TL_ENOMEM) with err set.
 */
int tl_json_parse(tl_json_doc *doc, const char *text, size_t len, const char *name,
		  size_t first_line, size_t max_depth, const tl_json **root, tl_error *err);

/* The member named key of an object, or NULL (also when obj is not an object). */
const tl_json *tl_json_get(const tl_json *obj, const char *key);

/* True when v is a number that is a non-negative integer that fits *out. */
bool tl_json_size(const tl_json *v, size_t *out);

/* The value of s[0..n), a number that matched the JSON grammar (what a
 * parsed number's .number holds). */
double tl_json_number_value(const char *s, size_t n);

/* True when v is a string without NUL bytes. */
bool tl_json_is_text(const tl_json *v);

/* ## The data model as JSON (json_model.c) */

/*
 * Fills *out (zeroed by the caller) from a mention object: "doc", "start",
 * "end", "value" and "article_date" are required; "text", "sentence", "title",
 * "source", "url", "type", "mod", "grain", "first", "end_date",
 * "sentence_start", "sentence_end", "status", "confidence", "actors",
 * "keywords", "figures" are optional (grain and interval default to those of
 * the value). name names the input in messages. On failure *out owns nothing.
 */
int tl_mention_from_json(const tl_json *obj, const char *name, tl_mention *out, tl_error *err);
/* The same with every string and string array interned in pool (hash.h):
 * *out is then pooled (event.h) and owns nothing. pool NULL: as above. */
struct tl_strpool;
int tl_mention_from_json_pooled(const tl_json *obj, const char *name, struct tl_strpool *pool,
				tl_mention *out, tl_error *err);

/*
 * The fast path of the reduce step: reads a record (s[0..n), one JSON Lines
 * line) laid out exactly as tl_mention_to_json() writes it, with every
 * string and array interned in pool, into *out (zeroed by the caller; then
 * pooled). Returns 1 when read, with the mention tl_mention_from_json_pooled()
 * would give; 0 when the record has another layout, an escape or anything
 * the fast path does not handle (read it with tl_json_parse then, which also
 * reports errors); TL_ENOMEM.
 */
int tl_mention_from_record(const char *s, size_t n, struct tl_strpool *pool, tl_mention *out);

/* Appends m as one compact JSON object with every field (no newline). */
int tl_mention_to_json(tl_buf *b, const tl_mention *m);

/* A timeline JSON document held in memory (tl_timeline_read_json reads a file). */
tl_timeline *tl_timeline_parse_json(const char *text, size_t len, const char *name, tl_error *err);

/* Shared small helpers for readers of the data model. */
int tl_json_error(tl_error *err, const char *name, const tl_json *at, const char *fmt, ...)
	TL_PRINTF(4, 5);
/* "done", "planned", "negated"; the status for a name (false when unknown). */
const char *tl_status_name(tl_event_status status);
bool tl_status_parse(const char *name, tl_event_status *out);
/* The grain named by tl_grain_name() (false when unknown). */
bool tl_grain_parse(const char *name, tl_grain *out);
/* Reads "YYYY-MM-DD" at s[0..10) (a real month, day 1-31); false otherwise. */
bool tl_json_date10(const char *s, tl_date *out);
/* Appends d as "YYYY-MM-DD". */
int tl_json_put_date(tl_buf *b, tl_date d);
/* Longest text of tl_json_confidence_text(): "0." and nine digits. */
#define TL_JSON_CONFIDENCE_MAX 11
/* Writes a confidence in [0, 1] to out without printf's locale: "0", "1", or "0."
 * and up to nine digits, no trailing zeros ("0.85"). Returns the length (no NUL). */
size_t tl_json_confidence_text(double c, char out[TL_JSON_CONFIDENCE_MAX]);
/* Appends tl_json_confidence_text(c). */
int tl_json_put_confidence(tl_buf *b, double c);

#endif
