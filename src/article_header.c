/*
 * article_header.c - finds the lines of a text and parses the header block
 * ("Title:", "Date:", "Source:", "URL:" lines before a blank line) or "---"
 * front matter at the start of an article's file into pointers into its bytes,
 * with the spans a lazy corpus records so that a second read need not parse it
 * again. Split from article.c (which reads the fields) to keep that file under
 * 1000 lines. Owns nothing; no state.
 */
#include <stdint.h>
#include <string.h>

#include "article_header.h"
#include "ascii.h"


bool tl_next_line(const char *s, size_t len, size_t pos, line *l)
{
	if (pos >= len)
		return false;
	/* memchr() for the line feed, then for a CR before it (old Mac text, CRLF) */
	const char *nl = memchr(s + pos, '\n', len - pos);
	size_t e = nl ? (size_t)(nl - s) : len;
	const char *cr = memchr(s + pos, '\r', e - pos);
	if (cr)
		e = (size_t)(cr - s);
	l->start = pos;
	l->end = e;
	l->next = e < len ? e + 1 + (s[e] == '\r' && e + 1 < len && s[e + 1] == '\n') : len;
	return true;
}

bool tl_line_blank(const char *s, const line *l)
{
	for (size_t i = l->start; i < l->end; i++)
		if (!tl_is_blank((unsigned char)s[i]))
			return false;
	return true;
}

enum { KEY_OTHER, KEY_DATE, KEY_TITLE, KEY_SOURCE, KEY_URL };

/* "Key: value" with a key from the list (or any word key in front matter). Returns the
 * KEY_* kind, or -1 when the line is not a key line. */
static int key_line(const char *s, const line *l, bool any_key, field *value)
{
#define KEY(s, kind) {s, sizeof s - 1, kind}
	static const struct {
		const char *key;
		size_t len; /* compared first: strlen() per key per line was most of the cost */
		int kind;
	} keys[] = {
		KEY("date", KEY_DATE), KEY("published", KEY_DATE), KEY("pubdate", KEY_DATE),
		KEY("publication date", KEY_DATE), KEY("date published", KEY_DATE),
		KEY("title", KEY_TITLE), KEY("headline", KEY_TITLE), KEY("source", KEY_SOURCE),
		KEY("publisher", KEY_SOURCE), KEY("outlet", KEY_SOURCE), KEY("url", KEY_URL),
		KEY("link", KEY_URL), KEY("author", KEY_OTHER), KEY("authors", KEY_OTHER),
		KEY("by", KEY_OTHER), KEY("byline", KEY_OTHER), KEY("section", KEY_OTHER),
		KEY("updated", KEY_OTHER), KEY("modified", KEY_OTHER), KEY("language", KEY_OTHER),
		KEY("lang", KEY_OTHER), KEY("tags", KEY_OTHER), KEY("category", KEY_OTHER),
		KEY("categories", KEY_OTHER), KEY("id", KEY_OTHER), KEY("slug", KEY_OTHER),
		KEY("description", KEY_OTHER), KEY("summary", KEY_OTHER),
		KEY("dateline", KEY_OTHER),
	};
#undef KEY
	size_t i = l->start;
	if (i + 3 <= l->end && memcmp(s + i, "\xef\xbb\xbf", 3) == 0)
		i += 3;
	/* The key is lowered into lower[] as it is scanned, then compared with memcmp():
	 * no strlen() or case folding per listed key. */
	char lower[26];
	size_t k = i;
	while (k < l->end && k - i <= 24) {
		unsigned char c = (unsigned char)s[k];
		if (!(tl_is_alpha(c) || tl_is_digit(c) || c == '_' || c == '-' || (c == ' ' && k > i)))
			break;
		lower[k - i] = (char)tl_to_lower(c);
		k++;
	}
	if (k == i || k >= l->end || s[k] != ':' || k - i > 24)
		return -1;
	size_t key_end = k;
	while (key_end > i && s[key_end - 1] == ' ')
		key_end--;
	size_t key_n = key_end - i;
	int kind = any_key ? KEY_OTHER : -1;
	for (size_t j = 0; j < sizeof keys / sizeof keys[0]; j++) {
		if (keys[j].len == key_n && keys[j].key[0] == lower[0] &&
		    memcmp(lower, keys[j].key, key_n) == 0) {
			kind = keys[j].kind; /* the keys are all different: the only match */
			break;
		}
	}
	size_t v = k + 1, e = l->end;
	while (v < e && tl_is_blank((unsigned char)s[v]))
		v++;
	while (e > v && tl_is_blank((unsigned char)s[e - 1]))
		e--;
	if (any_key && e - v >= 2 && (s[v] == '"' || s[v] == '\'') && s[e - 1] == s[v])
		v++, e--;
	value->s = s + v;
	value->n = e - v;
	return kind;
}

static void keep_field(header *h, int kind, field f)
{
	field *slot = kind == KEY_DATE ? &h->date : kind == KEY_TITLE ? &h->title
		    : kind == KEY_SOURCE ? &h->source : kind == KEY_URL ? &h->url : NULL;
	if (slot && !slot->s)
		*slot = f;
}

/* Front matter: "---" line, YAML-ish lines (key: value, list items, indented or comment
 * lines, blank lines), "---" (or "...") line. Any other line means the first "---" was a
 * Markdown rule: then there is no header at all. */
static void parse_front_matter(const char *s, size_t len, size_t pos, header *h)
{
	line l;
	size_t no = 2;
	for (; tl_next_line(s, len, pos, &l); pos = l.next, no++) {
		size_t n = l.end - l.start;
		while (n > 0 && tl_is_blank((unsigned char)s[l.start + n - 1]))
			n--;
		if ((n == 3 && (memcmp(s + l.start, "---", 3) == 0 ||
				memcmp(s + l.start, "...", 3) == 0))) {
			h->body_start = l.next;
			return;
		}
		field f = {NULL, 0, no};
		int kind = key_line(s, &l, true, &f);
		if (kind >= 0) {
			keep_field(h, kind, f);
		} else if (n > 0 && !strchr(" \t-#", s[l.start])) {
			*h = (header){0}; /* prose: "---" was a rule, not front matter */
			return;
		}
	}
	*h = (header){0};
	h->unclosed = true;
}

void tl_parse_header(const char *s, size_t len, header *h)
{
	*h = (header){0};
	line l;
	size_t pos = 0, no = 1, keys = 0;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	if (!tl_next_line(s, len, pos, &l))
		return;
	size_t n = l.end - l.start;
	while (n > 0 && tl_is_blank((unsigned char)s[l.start + n - 1]))
		n--;
	if (n == 3 && memcmp(s + l.start, "---", 3) == 0) {
		parse_front_matter(s, len, l.next, h);
		return;
	}
	for (; tl_next_line(s, len, pos, &l); pos = l.next, no++) {
		if (tl_line_blank(s, &l)) {
			if (keys)
				h->body_start = l.next;
			return;
		}
		field f = {NULL, 0, no};
		int kind = key_line(s, &l, false, &f);
		if (kind < 0) {
			if (keys)
				h->body_start = l.start; /* a header without its blank line */
			return;
		}
		keep_field(h, kind, f);
		keys++;
	}
	h->body_start = keys ? len : 0;
}

/* The spans of h in a file: UINT32_MAX as body_start when one does not fit. */
tl_header_spans tl_header_spans_of(const header *h, const char *raw)
{
	tl_header_spans sp = {.body_start = UINT32_MAX};
	const field *f[3] = {&h->title, &h->source, &h->url};
	uint16_t *at[3][2] = {{&sp.title, &sp.title_n}, {&sp.source, &sp.source_n},
			      {&sp.url, &sp.url_n}};
	for (int i = 0; i < 3; i++) {
		size_t off = f[i]->s ? (size_t)(f[i]->s - raw) : 0, n = f[i]->s ? f[i]->n : 0;
		if (off + n > UINT16_MAX)
			return sp;
		*at[i][0] = (uint16_t)off;
		*at[i][1] = (uint16_t)n;
	}
	if (h->body_start < UINT32_MAX)
		sp.body_start = (uint32_t)h->body_start;
	return sp;
}

/* The header of raw[0..len) from spans recorded by an earlier read; false when there
 * are none or they do not fit in the bytes (the file changed): parse it then. */
bool tl_header_from_spans(const tl_header_spans *sp, const char *raw, size_t len,
			      header *h)
{
	if (!sp || sp->body_start == UINT32_MAX || sp->body_start > len ||
	    (size_t)sp->title + sp->title_n > len || (size_t)sp->source + sp->source_n > len ||
	    (size_t)sp->url + sp->url_n > len)
		return false;
	*h = (header){.body_start = sp->body_start};
	h->title = (field){raw + sp->title, sp->title_n, 0};
	h->source = (field){raw + sp->source, sp->source_n, 0};
	h->url = (field){raw + sp->url, sp->url_n, 0};
	return true;
}

