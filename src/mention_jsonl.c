/*
 * mention_jsonl.c - the map step's writer: one tl_mention as one JSON Lines
 * record (see mention_jsonl.h). It writes the very bytes json_model.c's
 * tl_mention_to_json() writes (same keys, order, escapes and number forms),
 * but formats by hand into space reserved once per record instead of going
 * through printf for every key, date and offset: the map step writes about as
 * many bytes as it reads. It owns no memory beyond what it appends to the
 * caller's buffer, and a static table of the enum names it writes (filled
 * once, on first use, then only read: thread-safe).
 */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "buf.h"
#include "json_read.h"
#include "mention_jsonl.h"

/* Worst case of escape(): every byte becomes a six-byte \uXXXX escape. */
static size_t escaped_max(size_t n)
{
	return TL_JSON_ESCAPED_MAX(n);
}

#if defined(__SSE2__) && defined(__GNUC__)
/* The bytes of v that need care in a JSON string, as a bit mask: below 0x20 or
 * from 0x7f up (as signed bytes, 0x80..0xff are below 0x20 too), '"' and '\\'. */
static inline unsigned care16(__m128i v)
{
	__m128i odd = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)),
				   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
						_mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
	odd = _mm_or_si128(odd, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
	return (unsigned)_mm_movemask_epi8(odd);
}

/* escape() of a string of at least 16 bytes (sentences, headlines): sixteen
 * bytes tested and stored a step, the last step overlapping the one before.
 * Source byte s[x] goes to o[x], o moving one byte on at each '"' or '\\'
 * escaped here (news quotes); a valid UTF-8 sequence is passed over where it
 * is found. From the first other byte that must be escaped on (or when the
 * last step would overlap an escaped quote), the general writer takes the
 * rest: what it writes is what tl_json_escape_to() writes for the whole
 * string. */
static char *escape_long(char *p, const char *s, size_t n)
{
	char *o = p;
	size_t i = 0, escaped = 0; /* s[escaped..i) are at o[escaped..i) */
	while (i < n) {
		size_t at = i + 16 <= n ? i : n - 16;
		if (at < escaped)
			return tl_json_escape_to(o + i, s + i, n - i, TL_JSON_INVALID_ESCAPED);
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
		_mm_storeu_si128((__m128i *)(void *)(o + at), v);
		unsigned m = care16(v) & (0xffffu << (i - at)); /* bytes from i on */
		if (!m) {
			i = at + 16;
			continue;
		}
		size_t j = at + (size_t)__builtin_ctz(m);
		char c = s[j];
		if (c == '"' || c == '\\') {
			/* The backslash takes o[j]; the byte itself is then at o[j] of
			 * the moved o, as every byte after it. */
			o[j] = '\\';
			o[j + 1] = c;
			o++;
			i = j + 1;
			escaped = j;
			continue;
		}
		size_t k = (unsigned char)c >= 0x80
				   ? tl_utf8_sequence((const unsigned char *)s + j, n - j)
				   : 0;
		if (!k)
			return tl_json_escape_to(o + j, s + j, n - j, TL_JSON_INVALID_ESCAPED);
		memcpy(o + j, s + j, k); /* its end may lie past the step's sixteen bytes */
		i = j + k;
	}
	return o + n;
}
#endif

/* Writes s[0..n) as the inside of a JSON string, as tl_buf_json_escape() does.
 * Most strings of a record are short (keywords, values, names) and plain
 * ASCII: those are tested and copied with two overlapping loads and stores
 * (buf.h), longer ones sixteen bytes a step (escape_long()); only what follows
 * the first byte that needs care goes through the general writer. */
static inline __attribute__((always_inline)) char *escape(char *p, const char *s, size_t n)
{
#if defined(__SSE2__) && defined(__GNUC__)
	if (n >= 16)
		return escape_long(p, s, n);
#else
	if (n > 16)
		return tl_json_escape_to(p, s, n, TL_JSON_INVALID_ESCAPED);
#endif
	if (tl_json_plain_upto16(s, n)) {
		tl_copy_upto16(p, s, n);
		return p + n;
	}
	return tl_json_escape_to(p, s, n, TL_JSON_INVALID_ESCAPED);
}

/* Whether s[0..n) goes into a JSON string as it is (printable ASCII but '"'
 * and '\\'): sixteen bytes a step, the last step overlapping the one before. */
static inline bool plain_text(const char *s, size_t n)
{
#if defined(__SSE2__) && defined(__GNUC__)
	if (n >= 16) {
		unsigned any = 0;
		for (size_t i = 0; i + 16 < n; i += 16)
			any |= care16(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
		any |= care16(_mm_loadu_si128((const __m128i *)(const void *)(s + n - 16)));
		return !any;
	}
	return tl_json_plain_upto16(s, n);
#else
	return tl_json_plain_run(s, n) == n;
#endif
}

bool tl_mention_jsonl_plain(const char *s, size_t n)
{
	return plain_text(s, n);
}

/* Copies s[0..n) (no escape needed) to p. */
static inline __attribute__((always_inline)) char *copy(char *p, const char *s, size_t n)
{
	if (n <= 16)
		tl_copy_upto16(p, s, n);
	else
		memcpy(p, s, n);
	return p + n;
}

/* ## Names
 *
 * The names of the enums a record holds, as tl_timex_type_name(),
 * tl_grain_name() and tl_status_name() give them, with their lengths: taken
 * from those functions once, on first use (pthread_once), and only read
 * after, so that a record measures no name. */

typedef struct name {
	const char *s;
	size_t n;
} name;

#define TYPES ((size_t)TL_TIMEX_SET + 1)
#define GRAINS ((size_t)TL_GRAIN_TIME + 1)
#define STATUSES ((size_t)TL_STATUS_NEGATED + 1)

static name type_names[TYPES], grain_names[GRAINS], status_names[STATUSES];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;
static atomic_bool names_ready;

static name name_from(const char *s)
{
	return (name){s, strlen(s)};
}

static void names_build(void)
{
	for (size_t i = 0; i < TYPES; i++)
		type_names[i] = name_from(tl_timex_type_name((tl_timex_type)i));
	for (size_t i = 0; i < GRAINS; i++)
		grain_names[i] = name_from(tl_grain_name((tl_grain)i));
	for (size_t i = 0; i < STATUSES; i++)
		status_names[i] = name_from(tl_status_name((tl_event_status)i));
	atomic_store_explicit(&names_ready, true, memory_order_release);
}

static inline void names_ensure(void)
{
	if (!atomic_load_explicit(&names_ready, memory_order_acquire))
		pthread_once(&names_once, names_build);
}

/* The names of a type, grain and status (after names_ensure()); a value out
 * of the enum's range asks the function. */
static inline name type_name(tl_timex_type t)
{
	return (size_t)t < TYPES ? type_names[t] : name_from(tl_timex_type_name(t));
}

static inline name grain_name(tl_grain g)
{
	return (size_t)g < GRAINS ? grain_names[g] : name_from(tl_grain_name(g));
}

static inline name status_name(tl_event_status st)
{
	return (size_t)st < STATUSES ? status_names[st] : name_from(tl_status_name(st));
}

/* The member writers are inlined where they are called (INLINE), so that the
 * key, a literal there, is copied by a few moves instead of a memcpy() call. */
#define INLINE static inline __attribute__((always_inline))

INLINE char *lit(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

#define LIT(p, s) lit((p), (s), sizeof(s) - 1)

/* Decimal digits of v, at least width of them (zero-padded): "%0*zu", one
 * digit a step (number()'s rare cases, out of line). */
static __attribute__((noinline)) char *number_padded(char *p, size_t v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* The two digits of 0..99, for number(). */
static const char pairs[201] = "00010203040506070809101112131415161718192021222324"
			       "25262728293031323334353637383940414243444546474849"
			       "50515253545556575859606162636465666768697071727374"
			       "75767778798081828384858687888990919293949596979899";

/* number_padded(), inline where it is called: offsets (width 0, below 10^8)
 * are written two digits a step from a table. */
static inline __attribute__((always_inline)) char *number(char *p, size_t v, int width)
{
	if (width != 0 || v >= 100000000)
		return number_padded(p, v, width);
	size_t n = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5
		 : v < 1000000 ? 6 : v < 10000000 ? 7 : 8;
	char *e = p + n;
	while (v >= 100) {
		size_t k = (v % 100) * 2;
		v /= 100;
		e -= 2;
		e[0] = pairs[k];
		e[1] = pairs[k + 1];
	}
	if (v >= 10) {
		e[-2] = pairs[v * 2];
		e[-1] = pairs[v * 2 + 1];
	} else {
		e[-1] = (char)('0' + v);
	}
	return p + n;
}

/* tl_json_confidence_text() at p (room for TL_JSON_CONFIDENCE_MAX bytes);
 * returns the end. The confidences of mentions are products of a few
 * factors with one or two decimals: a value with at most three decimals
 * (its ninth-decimal rounding v a multiple of 10^6) is written here, from
 * the same v, as "0." and its digits without trailing zeros; the others
 * take the model's writer. */
static inline __attribute__((always_inline)) char *confidence(char *p, double c)
{
	if (c > 0 && c < 1) {
		unsigned long v = (unsigned long)(c * 1e9 + 0.5);
		if (v < 1000000000UL && v % 1000000 == 0 && v) {
			unsigned d = (unsigned)(v / 1000000); /* 1..999: the three decimals */
			p[0] = '0';
			p[1] = '.';
			p[2] = (char)('0' + d / 100);
			p[3] = (char)('0' + d / 10 % 10);
			p[4] = (char)('0' + d % 10);
			return p + (d % 10 ? 5 : d / 10 % 10 ? 4 : 3);
		}
	}
	return p + tl_json_confidence_text(c, p);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The zero bytes of eight bytes s[0..8), as a mask whose lowest set bit is the
 * high bit of the first zero byte (0: none; bits above the first may be wrong). */
static inline uint64_t zero_bytes_at(const char *s)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	uint64_t x;
	memcpy(&x, s, 8);
	return (x - ones) & ~x & highs;
}
#endif

/* The length of a NUL-terminated array of size bytes (strnlen()), inline:
 * a mod is mostly empty, a value a few bytes, found eight bytes a step
 * within the array. */
static inline size_t array_len(const char *s, size_t size)
{
	size_t n = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; n + 8 <= size; n += 8) {
		uint64_t z = zero_bytes_at(s + n);
		if (z)
			return n + (size_t)__builtin_ctzll(z) / 8;
	}
#endif
	while (n < size && s[n])
		n++;
	return n;
}

/* ,"key":"escaped value" (an absent value writes ""); with plain, the value
 * needs no escape: it is copied. */
INLINE char *string_member(char *p, const char *key, size_t key_len, const char *s, size_t n,
			   bool plain)
{
	*p++ = ',';
	*p++ = '"';
	p = lit(p, key, key_len);
	p = LIT(p, "\":\"");
	if (s)
		p = plain ? copy(p, s, n) : escape(p, s, n);
	*p++ = '"';
	return p;
}

#define STRING_MEMBER(p, key, s, n) string_member((p), (key), sizeof(key) - 1, (s), (n), false)
#define PLAIN_MEMBER(p, key, s, n, plain)                                                        \
	string_member((p), (key), sizeof(key) - 1, (s), (n), (plain))

/* ,"key":"name" for a name of the library's own tables (a timex type, grain
 * or status: a few plain ASCII bytes, under 16), copied with no escape test. */
INLINE char *name_member(char *p, const char *key, size_t key_len, const char *s, size_t n)
{
	assert(n <= 16 && tl_json_plain_upto16(s, n));
	*p++ = ',';
	*p++ = '"';
	p = lit(p, key, key_len);
	p = LIT(p, "\":\"");
	tl_copy_upto16(p, s, n);
	p += n;
	*p++ = '"';
	return p;
}

#define NAME_MEMBER(p, key, s, n) name_member((p), (key), sizeof(key) - 1, (s), (n))

/* ,"key":"YYYY-MM-DD", or null when the date is not set (tl_json_put_date's form). */
INLINE char *date_member(char *p, const char *key, size_t key_len, tl_date d)
{
	*p++ = ',';
	*p++ = '"';
	p = lit(p, key, key_len);
	p = LIT(p, "\":");
	if (!(d.year > 0 && d.month > 0 && d.day > 0))
		return LIT(p, "null");
	*p++ = '"';
	if (d.year <= 9999 && d.month <= 99 && d.day <= 99) {
		/* The usual date: fixed places, no loops. */
		unsigned y = (unsigned)d.year, mo = (unsigned)d.month, da = (unsigned)d.day;
		memcpy(p, pairs + 2 * (y / 100), 2);
		memcpy(p + 2, pairs + 2 * (y % 100), 2);
		p[4] = '-';
		memcpy(p + 5, pairs + 2 * mo, 2);
		p[7] = '-';
		memcpy(p + 8, pairs + 2 * da, 2);
		p += 10;
	} else {
		p = number_padded(p, (size_t)d.year, 4);
		*p++ = '-';
		p = number_padded(p, (size_t)d.month, 2);
		*p++ = '-';
		p = number_padded(p, (size_t)d.day, 2);
	}
	*p++ = '"';
	return p;
}

#define DATE_MEMBER(p, key, d) date_member((p), (key), sizeof(key) - 1, (d))

/* The members source and url (when set), and article_date; plain: source and
 * url need no escape. */
INLINE char *article_members(char *p, const char *source, size_t source_n, const char *url,
			     size_t url_n, bool plain, tl_date date)
{
	if (source_n)
		p = PLAIN_MEMBER(p, "source", source, source_n, plain);
	if (url_n)
		p = PLAIN_MEMBER(p, "url", url, url_n, plain);
	return DATE_MEMBER(p, "article_date", date);
}

size_t tl_mention_jsonl_article_room(size_t source_n, size_t url_n)
{
	/* Keys and punctuation take 50 bytes, a date of any ints under 40. */
	return 96 + escaped_max(source_n) + escaped_max(url_n);
}

size_t tl_mention_jsonl_article_part(char *out, const char *source, size_t source_n,
				     const char *url, size_t url_n, tl_date article_date)
{
	bool plain = (!source || plain_text(source, source_n)) && (!url || plain_text(url, url_n));
	char *p = article_members(out, source, source_n, url, url_n, plain, article_date);
	return (size_t)(p - out);
}


/* ,"key":["a","b"] with each item escaped (their lengths in lens). */
INLINE char *strings_member(char *p, const char *key, size_t key_len, const tl_strings *s,
			    const size_t *lens)
{
	*p++ = ',';
	*p++ = '"';
	p = lit(p, key, key_len);
	p = LIT(p, "\":[");
	for (size_t i = 0; i < s->count; i++) {
		if (i)
			*p++ = ',';
		*p++ = '"';
		p = escape(p, s->items[i], lens[i]);
		*p++ = '"';
	}
	*p++ = ']';
	return p;
}

/* strlen() of a string followed by at least eight zero bytes (an arena
 * string, extract_arena.h), eight bytes a step: the short strings of sets
 * end in the first step, with no call. */
static inline size_t padded_len(const char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* Each step starts at or before the end: its eight bytes are there. */
	for (size_t k = 0;; k += 8) {
		uint64_t z = zero_bytes_at(s + k);
		if (z)
			return k + (size_t)__builtin_ctzll(z) / 8;
	}
#else
	return strlen(s);
#endif
}

/* Room for a set's items: their escaped bytes plus quotes and commas. With
 * padded, the items are arena strings (padded_len()). */
static inline __attribute__((always_inline)) size_t strings_room(const tl_strings *s,
								  size_t *lens, bool padded)
{
	size_t room = 0;
	for (size_t i = 0; i < s->count; i++) {
		lens[i] = padded ? padded_len(s->items[i]) : strlen(s->items[i]);
		assert(lens[i] == strlen(s->items[i]));
		room += escaped_max(lens[i]) + 3;
	}
	return room;
}

/* ,"key":["a","b"] for a set of arena strings (padded_len()) that need no
 * escape, each under max bytes (room for them is count * (max + 2) plus
 * commas): measured as they are copied. */
INLINE char *plain_member(char *p, const char *key, size_t key_len, const tl_strings *s,
			  size_t max)
{
	*p++ = ',';
	*p++ = '"';
	p = lit(p, key, key_len);
	p = LIT(p, "\":[");
	for (size_t i = 0; i < s->count; i++) {
		const char *item = s->items[i];
		size_t n = padded_len(item);
		assert(n == strlen(item) && n < max && tl_json_plain_run(item, n) == n);
		(void)max;
		if (i)
			*p++ = ',';
		*p++ = '"';
		p = copy(p, item, n);
		*p++ = '"';
	}
	*p++ = ']';
	return p;
}

/* The bounds plain_member() is given for the extractor's keywords and figures. */
#define KEYWORD_MAX 48
#define FIGURE_MAX 80

static size_t opt_len(const char *s)
{
	return s ? strlen(s) : 0;
}

/* tl_mention_jsonl_put(); known given (extracted): the mention is one of the
 * extractor's (tl_mention_jsonl_put_extracted()). */
static inline __attribute__((always_inline)) int put(tl_buf *b, const tl_mention *m,
						     const tl_mention_lens *known,
						     const bool extracted)
{
	assert(extracted == (known != NULL));
	const tl_strings *sets[3] = {&m->actors, &m->keywords, &m->figures};
	size_t small[3][16];
	size_t *lens[3] = {NULL, NULL, NULL};
	int rc = TL_ENOMEM;
	/* The extractor's keywords and figures are copied as they are measured
	 * (plain_member()): only the actors need their lengths first. */
	const int measured = extracted ? 1 : 3;
	/* Lengths of the set items, on the stack for the usual small sets. */
	for (int k = 0; k < measured; k++) {
		if (sets[k]->count <= 16) {
			lens[k] = small[k];
		} else {
			lens[k] = malloc(sets[k]->count * sizeof *lens[k]);
			if (!lens[k])
				goto done;
		}
	}
	/* The timex's text is short, and an arena string when extracted. */
	size_t doc_n = extracted ? known->doc : strlen(m->doc);
	size_t text_n = extracted ? known->text : opt_len(m->text);
	size_t sentence_n = extracted ? known->sentence : opt_len(m->sentence);
	size_t title_n = extracted ? known->title : opt_len(m->title);
	assert(!extracted || (m->text && m->sentence && m->title && text_n == strlen(m->text) &&
			      sentence_n == strlen(m->sentence) && title_n == strlen(m->title)));
	/* The extractor's text and title are bytes of the sentence (and spaces,
	 * and a valid "…"): a sentence that needs no escape makes them need none. */
	bool plain = extracted && plain_text(m->sentence, sentence_n);
	size_t value_n = array_len(m->value, sizeof m->value);
	size_t mod_n = array_len(m->mod, sizeof m->mod);
	size_t source_n = extracted ? known->source : opt_len(m->source);
	size_t url_n = extracted ? known->url : opt_len(m->url);
	assert(!extracted || (doc_n == strlen(m->doc) && source_n == opt_len(m->source) &&
			      url_n == opt_len(m->url)));
	/* Known once per article. */
	bool head_plain = extracted && known->head_plain;
	names_ensure();
	name tn = type_name(m->type), gn = grain_name(m->grain), sn = status_name(m->status);
	const char *type = tn.s, *grain = gn.s, *status = sn.s;
	size_t type_n = tn.n, grain_n = gn.n, status_n = sn.n;
	/* Keys, punctuation, numbers and dates take well under 1024 bytes. */
	size_t room = 1024;
	size_t parts[] = {doc_n, text_n, sentence_n, title_n, value_n, mod_n, source_n, url_n,
			  type_n, grain_n, status_n};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		room += escaped_max(parts[i]);
	for (int k = 0; k < measured; k++)
		room += strings_room(sets[k], lens[k], extracted);
	if (extracted)
		room += m->keywords.count * (KEYWORD_MAX + 3) + m->figures.count * (FIGURE_MAX + 3);
	if (tl_buf_grow(b, room) != TL_OK)
		goto done;
	char *start = b->data + b->len, *p = start;
	p = LIT(p, "{\"doc\":\"");
	p = head_plain ? copy(p, m->doc, doc_n) : escape(p, m->doc, doc_n);
	p = LIT(p, "\",\"start\":");
	p = number(p, m->start, 0);
	p = LIT(p, ",\"end\":");
	p = number(p, m->end, 0);
	p = PLAIN_MEMBER(p, "text", m->text, text_n, plain);
	p = PLAIN_MEMBER(p, "sentence", m->sentence, sentence_n, plain);
	p = PLAIN_MEMBER(p, "title", m->title, title_n, plain);
	p = STRING_MEMBER(p, "value", m->value, value_n);
	if (extracted && known->article)
		p = copy(p, known->article, known->article_n);
	else
		p = article_members(p, m->source, source_n, m->url, url_n, head_plain,
				    m->article_date);
	p = NAME_MEMBER(p, "type", type, type_n);
	if (mod_n)
		p = STRING_MEMBER(p, "mod", m->mod, mod_n);
	p = NAME_MEMBER(p, "grain", grain, grain_n);
	p = DATE_MEMBER(p, "first", m->first);
	p = DATE_MEMBER(p, "end_date", m->end_date);
	p = LIT(p, ",\"sentence_start\":");
	p = number(p, m->sentence_start, 0);
	p = LIT(p, ",\"sentence_end\":");
	p = number(p, m->sentence_end, 0);
	p = NAME_MEMBER(p, "status", status, status_n);
	p = LIT(p, ",\"confidence\":");
	p = confidence(p, m->confidence);
	p = strings_member(p, "actors", 6, &m->actors, lens[0]);
	if (extracted) {
		p = plain_member(p, "keywords", 8, &m->keywords, KEYWORD_MAX);
		p = plain_member(p, "figures", 7, &m->figures, FIGURE_MAX);
	} else {
		p = strings_member(p, "keywords", 8, &m->keywords, lens[1]);
		p = strings_member(p, "figures", 7, &m->figures, lens[2]);
	}
	*p++ = '}';
	b->len += (size_t)(p - start);
	b->data[b->len] = '\0';
	rc = TL_OK;
done:
	for (int k = 0; k < measured; k++)
		if (lens[k] != small[k])
			free(lens[k]);
	return rc;
}

int tl_mention_jsonl_put(tl_buf *b, const tl_mention *m)
{
	return put(b, m, NULL, false);
}

int tl_mention_jsonl_put_extracted(tl_buf *b, const tl_mention *m, const tl_mention_lens *lens)
{
	return put(b, m, lens, true);
}
