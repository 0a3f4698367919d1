/*
 * extract.c - turns the tagged sentences of an article into event mentions
 * (see extract.h). It walks the sentences with the timexes, cuts run-on
 * sentences into pieces, folds whitespace, places the timexes in the folded
 * text, and for every dated timex assembles a mention from the modules of the
 * extract stage: clause.c (dateline, clause), headline.c (headline) and
 * extract_features.c (actors, keywords, figures, status, confidence), over
 * the word tables of lexicon.c. Mentions are built with their strings in a
 * per-article arena (extract_arena.c): the mentions of a sentence share its
 * copy, dates that share a clause share its headline and features, built
 * once. The map step writes them as JSON Lines straight from the arena, and
 * the build interns them from an arena it owns (tl_extract_article_in());
 * tl_extract_article() and tl_extract_sentence() hand out copies that own
 * their strings. This module keeps no state.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "buf.h"
#include "clause.h"
#include "error.h"
#include "extract_arena.h"
#include "extract.h"
#include "extract_features.h"
#include "hash.h"
#include "headline.h"
#include "lexicon.h"
#include "mention_jsonl.h"

/* ## Mentions */

/* What the mentions of one sentence share: the earlier mentions, to find one
 * whose clause has a given layout (its headline and features are reused:
 * they depend on the sentence and the layout only), the sentence's copy in
 * the arena, and scratch buffers for the cut clause and the headline. */
typedef struct clause_memo {
	tl_xarena *arena;         /* where every string of the mentions goes */
	const tl_layout *layouts; /* of mentions[0..count) */
	const tl_mention *mentions;
	const tl_mention_lens *lens; /* of mentions[0..count) */
	size_t count;
	char *sentence;           /* the folded sentence in the arena, once made */
	size_t body;              /* where its text starts after a dateline, once found */
	bool body_known;
	/* The headline is copied to the arena before the features cut the
	 * clause: the two may be one buffer. */
	tl_buf *cut;
	tl_buf *title;
	tl_cut *cuts;             /* room for the sentence's timexes, or NULL */
} clause_memo;

/* The index of an earlier mention with layout l, or SIZE_MAX. */
static size_t memo_find(const clause_memo *memo, const tl_layout *l)
{
	for (size_t i = 0; i < memo->count; i++) {
		const tl_layout *o = &memo->layouts[i];
		if (o->body == l->body && o->cs == l->cs && o->ce == l->ce)
			return i;
	}
	return SIZE_MAX;
}

/*
 * tl_extract_sentence() into memo->arena: every string of m is the arena's
 * (mentions of one sentence share its copy, and share the headline and
 * feature sets of a clause). With skip_dropped, a mention that scores below
 * TL_EXTRACT_FLOOR whatever its clause says is not built: *dropped is set and
 * m left empty (the article walk would throw it away). memo holds earlier
 * mentions of the sentence; *layout gets the clause's layout, *lens the
 * lengths of the mention's text, sentence and title.
 */
static int build_mention(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
			 size_t anchor, tl_date dct, bool skip_dropped, clause_memo *memo,
			 bool *dropped, tl_layout *layout, tl_mention_lens *lens, tl_mention *m)
{
	*dropped = false;
	const tl_sentence_timex *a = &tx[anchor];
	const tl_timex *t = a->timex;
	memset(m, 0, sizeof *m);
	m->type = t->type;
	memcpy(m->value, t->value, sizeof m->value);
	m->value[sizeof m->value - 1] = '\0';
	memcpy(m->mod, t->mod, sizeof m->mod);
	m->mod[sizeof m->mod - 1] = '\0';
	m->grain = t->grain;
	tl_grain g;
	if (tl_extract_interval(m->value, &m->first, &m->end_date, &g) == TL_OK) {
		if (m->grain == TL_GRAIN_NONE)
			m->grain = g;
	} else {
		memset(&m->first, 0, sizeof m->first);
		memset(&m->end_date, 0, sizeof m->end_date);
	}
	if (!memo->body_known) {
		memo->body = tl_clause_body(s, len);
		memo->body_known = true;
	}
	tl_layout l = {memo->body, 0, 0};
	/* What the date alone says needs the body only, not the clause; it
	 * decides whether the mention is dropped. */
	double date_c = tl_features_date_confidence(s, len, a, &l, m);
	if (skip_dropped && tl_features_dropped_given(date_c, m)) {
		memset(m, 0, sizeof *m);
		*layout = l;
		*dropped = true;
		return TL_OK;
	}
	tl_clause_find(s, len, a, &l);
	*layout = l;
	tl_xarena *arena = memo->arena;
	if (!memo->sentence && !(memo->sentence = tl_xarena_strndup(arena, s, len)))
		goto fail;
	m->sentence = memo->sentence;
	m->text = tl_xarena_strndup(arena, s + a->start, a->end - a->start);
	if (!m->text)
		goto fail;
	size_t same_i = memo_find(memo, &l);
	size_t title_len, title_words;
	tl_cut span = {SIZE_MAX, SIZE_MAX}; /* the anchor's removal span, once known */
	tl_clause_cues cues, *found = NULL; /* the clause's, when its features are found here */
	if (same_i != SIZE_MAX) {
		/* Arena strings are never freed one by one: share them. */
		const tl_mention *same = &memo->mentions[same_i];
		m->title = same->title;
		title_len = memo->lens[same_i].title;
		title_words = tl_count_words(m->title, 0, title_len, 3);
		m->actors = same->actors;
		m->keywords = same->keywords;
		m->figures = same->figures;
	} else {
		/* The headline and the features cut the same dates from the clause.
		 * The anchor's cut is the span the confidence reads when its
		 * floor, max(body, cs), is the body. */
		size_t n_cuts = memo->cuts ? tl_headline_find_cuts(s, len, l.cs, l.ce, tx, n, l.body,
								  memo->cuts, anchor,
								  l.cs <= l.body ? &span : NULL)
					   : 0;
		tl_buf_reset(memo->title);
		if (tl_headline_build(s, len, tx, n, &l, memo->cuts, n_cuts, memo->title,
				      &title_words) != TL_OK)
			goto fail;
		title_len = memo->title->len;
		m->title = tl_xarena_strndup(arena, memo->title->data ? memo->title->data : "",
					     title_len);
		if (!m->title || tl_features_find(arena, s, len, tx, n, &l, memo->cuts, n_cuts,
						  memo->cut, &cues, m) != TL_OK)
			goto fail;
		found = &cues;
	}
	tl_features_judge(s, len, tx, n, anchor, &l, dct, date_c, title_words,
			  span.rs != SIZE_MAX ? &span : NULL, found, m);
	*lens = (tl_mention_lens){.text = a->end - a->start, .sentence = len, .title = title_len};
	return TL_OK;
fail:
	memset(m, 0, sizeof *m);
	return TL_ENOMEM;
}

/* A copy of s owned by the caller (NULL stays NULL). */
static int dup_field(char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return TL_OK;
	*dst = strdup(src);
	return *dst ? TL_OK : TL_ENOMEM;
}

/* *dst = a copy of the arena mention src that owns all its strings (event.h);
 * doc, source and url are taken from the arguments. On failure dst is left
 * empty. */
static int own_mention(const tl_mention *src, const char *doc, const char *source,
		       const char *url, tl_mention *dst)
{
	*dst = *src;
	dst->doc = dst->source = dst->url = dst->text = dst->sentence = dst->title = NULL;
	dst->actors = dst->keywords = dst->figures = (tl_strings){NULL, 0};
	dst->pooled = false;
	if (dup_field(&dst->doc, doc) != TL_OK || dup_field(&dst->source, source) != TL_OK ||
	    dup_field(&dst->url, url) != TL_OK || dup_field(&dst->text, src->text) != TL_OK ||
	    dup_field(&dst->sentence, src->sentence) != TL_OK ||
	    dup_field(&dst->title, src->title) != TL_OK ||
	    tl_strings_copy(&dst->actors, &src->actors) != TL_OK ||
	    tl_strings_copy(&dst->keywords, &src->keywords) != TL_OK ||
	    tl_strings_copy(&dst->figures, &src->figures) != TL_OK) {
		tl_mention_free_fields(dst);
		memset(dst, 0, sizeof *dst);
		return TL_ENOMEM;
	}
	return TL_OK;
}

int tl_extract_sentence(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
			size_t anchor, tl_date dct, tl_mention *m)
{
	bool dropped;
	tl_layout l;
	tl_buf cut = TL_BUF_INIT, title = TL_BUF_INIT;
	tl_xarena arena = TL_XARENA_INIT;
	clause_memo memo = {.arena = &arena, .cut = &cut, .title = &title};
	tl_mention built;
	tl_mention_lens lens;
	int rc = build_mention(s, len, tx, n, anchor, dct, false, &memo, &dropped, &l, &lens,
			       &built);
	if (rc == TL_OK)
		rc = own_mention(&built, NULL, NULL, NULL, m);
	else
		memset(m, 0, sizeof *m);
	tl_buf_free(&cut);
	tl_buf_free(&title);
	tl_xarena_free(&arena);
	return rc;
}

char *tl_extract_title(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
		       size_t anchor)
{
	tl_layout l = tl_clause_layout(s, len, &tx[anchor]);
	tl_buf b = TL_BUF_INIT;
	if (tl_headline_build(s, len, tx, n, &l, NULL, 0, &b, NULL) != TL_OK) {
		tl_buf_free(&b);
		return NULL;
	}
	return tl_buf_detach(&b);
}

/* ## Articles */

/* First clean index in [lo, hi) whose original offset is >= off. */
static size_t clean_index(const tl_text *text, size_t lo, size_t hi, size_t off)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tl_text_orig_start(text, mid) < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The mentions of an article, and the lengths of their strings (lens[i] are
 * those of items[i]) for the JSON writer. */
typedef struct mention_list {
	tl_mention *items;
	tl_mention_lens *lens;
	size_t count, cap;
} mention_list;

static void list_free(mention_list *list)
{
	free(list->items);
	free(list->lens);
}

/* Room for one more mention: the next is built in place, at items[count]. */
static int list_reserve(mention_list *list)
{
	if (list->count < list->cap)
		return TL_OK;
	size_t cap = list->cap ? list->cap * 2 : 32;
	if (cap > SIZE_MAX / sizeof *list->items)
		return TL_ENOMEM;
	tl_mention *items = realloc(list->items, cap * sizeof *items);
	if (!items)
		return TL_ENOMEM;
	list->items = items;
	tl_mention_lens *lens = realloc(list->lens, cap * sizeof *lens);
	if (!lens)
		return TL_ENOMEM;
	list->lens = lens;
	list->cap = cap;
	return TL_OK;
}

/*
 * Folding keeps a single whitespace byte between words in place (as a
 * space); any other run of whitespace (several bytes, or at either end) is a
 * gap: its bytes all map to w, where its one space goes (if any), and the
 * bytes after it sit shift bytes before their clean offset. Sentences are
 * mostly words and single spaces: they fold with one copy and no gap.
 */
typedef struct fold_gap {
	size_t start, end; /* offsets into the sentence */
	size_t w;          /* folded offset of every byte of the gap */
	size_t shift;      /* clean - folded offset for the bytes after it */
} fold_gap;

/* Scratch space reused across the sentences of one article. The folded
 * sentences and the arrays of a sentence's timexes are the arena's (an
 * article's sentences mostly need one set of arrays: no malloc() and free()
 * of their own). */
typedef struct scratch {
	char *folded; /* the folded sentence, in the arena (fold_sentence()) */
	size_t folded_len;
	/* A headline, before its copy goes to the arena, then the clause with
	 * its dates cut out (tl_features_find): one buffer serves both. */
	tl_buf work;
	tl_xarena *arena; /* the strings of the article's mentions */
	fold_gap *gaps; /* of the folded sentence, in order */
	size_t n_gaps, gaps_cap;
	tl_sentence_timex *tx;
	tl_layout *layouts; /* of the sentence's mentions so far (tx_cap of them) */
	tl_cut *cuts;       /* the dates cut from one clause (tx_cap of them) */
	size_t tx_cap;
} scratch;

/* Room the work buffer gets at its first use, for the usual sentence (up to
 * TL_SENTENCE_MAX bytes a piece): one malloc(), not a realloc() at each
 * doubling. */
#define SCRATCH_BYTES 1024

/* The fewest timexes the arrays get room for. */
#define SCRATCH_TIMEXES 16

static void scratch_free(scratch *sc)
{
	tl_buf_free(&sc->work);
	free(sc->gaps);
}

/*
 * Where the fold below may start instead of 0: a word start q such that
 * in[0..q) has no gap (it starts with a word, and its words are parted by
 * single spaces, with no control byte), so that the fold would leave it as it
 * is. Eight bytes at a time; a false alarm of the byte tests only stops the
 * scan early, which is safe.
 */
static size_t regular_prefix(const char *in, size_t n)
{
	if (!n || tl_ascii_space((unsigned char)in[0]))
		return 0;
	size_t f = 0;
#if defined(__SSE2__) && defined(__GNUC__)
	/* Sixteen bytes a step first; the eight-byte steps below go on from the
	 * first step that found something. */
	const __m128i space = _mm_set1_epi8(' '), below = _mm_set1_epi8(0x1F);
	for (; f + 17 <= n; f += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(in + f));
		__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(in + f + 1));
		__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(x, below), x); /* x <= 0x1F */
		__m128i two = _mm_and_si128(_mm_cmpeq_epi8(x, space), _mm_cmpeq_epi8(y, space));
		if (_mm_movemask_epi8(_mm_or_si128(ctl, two)))
			break;
	}
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t highs = UINT64_C(0x8080808080808080);
	for (; f + 9 <= n; f += 8) {
		uint64_t x, y;
		memcpy(&x, in + f, 8);
		memcpy(&y, in + f + 1, 8); /* the next byte of each */
		uint64_t ctl = (x - ones * 0x20) & ~x & highs; /* bytes below ' ' */
		uint64_t sx = x ^ (ones * ' '), sy = y ^ (ones * ' ');
		uint64_t spx = (sx - ones) & ~sx & highs; /* spaces */
		uint64_t spy = (sy - ones) & ~sy & highs;
		if (ctl | (spx & spy))
			break; /* a control byte or two spaces in a row */
	}
#endif
	if (f == 0)
		return 0;
	/* Back to the start of the word holding byte f - 1. */
	size_t q = f - 1;
	while (q > 0 && in[q - 1] != ' ')
		q--;
	return q;
}

/* Folds the whitespace of clean[a, b) into sc->folded, recording its gaps.
 * The folded sentence is made in the arena, followed by eight zero bytes: it
 * is the one its mentions share (no copy is made for them). */
static int fold_sentence(const char *clean, size_t a, size_t b, scratch *sc)
{
	const char *in = clean + a;
	size_t n = b - a;
	if (n > SIZE_MAX - 8)
		return TL_ENOMEM;
	char *out = tl_xarena_alloc(sc->arena, n + 8);
	if (!out)
		return TL_ENOMEM;
	sc->folded = out;
	/* Bytes stay in place up to the first gap: copy them all at once. */
	memcpy(out, in, n);
	size_t r = regular_prefix(in, n);
	size_t w = r, gaps = 0;
	while (r < n) {
		size_t word = r;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* Eight bytes at a time up to the first byte below '!' (the
		 * lowest flagged byte is exact): spaces are all below it. */
		const uint64_t ones = UINT64_C(0x0101010101010101);
		const uint64_t highs = UINT64_C(0x8080808080808080);
		for (; r + 8 <= n; r += 8) {
			uint64_t x;
			memcpy(&x, in + r, 8);
			uint64_t low = (x - ones * 0x21) & ~x & highs;
			if (low) {
				r += (size_t)__builtin_ctzll(low) / 8;
				break;
			}
		}
#endif
		while (r < n && !tl_ascii_space((unsigned char)in[r]))
			r++;
		if (w != word)
			memcpy(out + w, in + word, r - word);
		w += r - word;
		if (r == n)
			break;
		size_t ws = r++;
		while (r < n && tl_ascii_space((unsigned char)in[r]))
			r++;
		bool space = w > 0 && r < n; /* a space only between words */
		if (space && r - ws == 1) {
			out[w++] = ' '; /* in place: no gap */
			continue;
		}
		/* Gaps are rare: their array grows only when one is found. */
		fold_gap *more = tl_array_grow(sc->gaps, &sc->gaps_cap, gaps, 8, sizeof *more);
		if (!more)
			return TL_ENOMEM;
		sc->gaps = more;
		fold_gap *g = &sc->gaps[gaps++];
		g->start = ws;
		g->end = r;
		g->w = w;
		if (space)
			out[w++] = ' ';
		g->shift = r - w;
	}
	memset(out + w, 0, 8);
	sc->folded_len = w;
	sc->n_gaps = gaps;
	return TL_OK;
}

/* The folded offset of sentence offset r (0 <= r <= its length). */
static size_t folded_offset(const scratch *sc, size_t r)
{
	/* The last gap starting at or before r. */
	size_t lo = 0, hi = sc->n_gaps;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sc->gaps[mid].start <= r)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return r;
	const fold_gap *g = &sc->gaps[lo - 1];
	return r < g->end ? g->w : r - g->shift;
}

/* True when the sentence already gave TL_EXTRACT_SAME_DATE_MAX dates with tx[k]'s value
 * and mod. A dateline and "on Tuesday" may name the same day and both count, but a
 * run-on sentence saying "April 9" a million times must not make a million events. */
#define TL_EXTRACT_SAME_DATE_MAX 3
static bool repeats_earlier_date(const tl_sentence_timex *tx, size_t k)
{
	const tl_timex *t = tx[k].timex;
	size_t same = 0;
	for (size_t j = 0; j < k; j++) {
		const tl_timex *u = tx[j].timex;
		if ((u->type == TL_TIMEX_DATE || u->type == TL_TIMEX_TIME) &&
		    strcmp(u->value, t->value) == 0 && strcmp(u->mod, t->mod) == 0 &&
		    ++same >= TL_EXTRACT_SAME_DATE_MAX)
			return true;
	}
	return false;
}

static int extract_sentence(const tl_article *art, tl_span sp, size_t lo, size_t hi, scratch *sc,
			    mention_list *list)
{
	const tl_text *text = &art->text;
	/* Only dates and times make mentions: a sentence with durations or sets
	 * alone needs no folding. */
	bool dated = false;
	for (size_t k = lo; k < hi && !dated; k++)
		dated = art->timexes[k].type == TL_TIMEX_DATE || art->timexes[k].type == TL_TIMEX_TIME;
	if (!dated)
		return TL_OK;
	if (!sc->work.cap && tl_buf_grow(&sc->work, SCRATCH_BYTES - 1) != TL_OK)
		return TL_ENOMEM;
	if (fold_sentence(text->clean, sp.start, sp.end, sc) != TL_OK)
		return TL_ENOMEM;
	size_t n = hi - lo;
	if (n > sc->tx_cap) {
		/* The old arrays stay in the arena, unused. */
		size_t cap = n > SCRATCH_TIMEXES ? n : SCRATCH_TIMEXES;
		if (cap > SIZE_MAX / sizeof *sc->tx)
			return TL_ENOMEM;
		sc->tx = tl_xarena_alloc(sc->arena, cap * sizeof *sc->tx);
		sc->layouts = tl_xarena_alloc(sc->arena, cap * sizeof *sc->layouts);
		sc->cuts = tl_xarena_alloc(sc->arena, cap * sizeof *sc->cuts);
		if (!sc->tx || !sc->layouts || !sc->cuts)
			return TL_ENOMEM;
		sc->tx_cap = cap;
	}
	for (size_t k = 0; k < n; k++) {
		const tl_timex *t = &art->timexes[lo + k];
		size_t cs, ce;
		if (art->timex_clean) {
			/* The tagger's clean offsets: what the searches below find, as
			 * clean and original offsets grow together. */
			tl_span c = art->timex_clean[lo + k];
			cs = c.start < sp.start ? sp.start : c.start > sp.end ? sp.end : c.start;
			ce = c.end < cs ? cs : c.end > sp.end ? sp.end : c.end;
		} else {
			cs = clean_index(text, sp.start, sp.end, t->start);
			ce = clean_index(text, cs, sp.end, t->end);
		}
		sc->tx[k].start = folded_offset(sc, cs - sp.start);
		sc->tx[k].end = folded_offset(sc, ce - sp.start);
		if (sc->tx[k].end < sc->tx[k].start)
			sc->tx[k].end = sc->tx[k].start;
		sc->tx[k].timex = t;
	}
	size_t raw_start = tl_text_orig_start(text, sp.start);
	size_t raw_end = tl_text_orig_end(text, sp.end);
	/* The sentence's mentions are list->items[first..): a clause they share is
	 * built once (sc->layouts[i] is the layout of list->items[first + i]). */
	size_t first = list->count;
	clause_memo memo = {.arena = sc->arena, .layouts = sc->layouts, .cut = &sc->work,
			    .title = &sc->work, .cuts = sc->cuts, .sentence = sc->folded};
	for (size_t k = 0; k < n; k++) {
		const tl_timex *t = sc->tx[k].timex;
		if (t->type != TL_TIMEX_DATE && t->type != TL_TIMEX_TIME)
			continue;
		if (repeats_earlier_date(sc->tx, k))
			continue;
		bool dropped;
		tl_layout l;
		if (list_reserve(list) != TL_OK)
			return TL_ENOMEM;
		/* Built in place: it counts once it is kept. */
		tl_mention *m = &list->items[list->count];
		memo.mentions = list->items + first;
		memo.lens = list->lens + first;
		memo.count = list->count - first;
		if (build_mention(sc->folded, sc->folded_len, sc->tx, n, k, art->date, true,
				  &memo, &dropped, &l, &list->lens[list->count], m) != TL_OK)
			return TL_ENOMEM;
		if (dropped || m->confidence < TL_EXTRACT_FLOOR)
			continue;
		m->article_date = art->date;
		m->start = t->start;
		m->end = t->end;
		m->sentence_start = raw_start;
		m->sentence_end = raw_end;
		/* Borrowed from the article, which outlives the arena mentions;
		 * nothing writes through them (own_mention() copies them). */
		m->doc = (char *)art->name;
		m->source = (char *)art->source;
		m->url = (char *)art->url;
		sc->layouts[list->count - first] = l;
		list->count++;
	}
	return TL_OK;
}

/*
 * Where the piece of sentence sp starting at cs ends: the sentence end, or
 * for long sentences the first space after TL_SENTENCE_MAX bytes that is not
 * inside a timex (timexes from index t on).
 */
static size_t chunk_end(const tl_article *art, tl_span sp, size_t cs, size_t t)
{
	const tl_text *text = &art->text;
	if (sp.end - cs <= TL_SENTENCE_MAX)
		return sp.end;
	size_t e = cs + TL_SENTENCE_MAX, k = t;
	for (;;) {
		while (e < sp.end && !tl_ascii_space((unsigned char)text->clean[e]))
			e++;
		if (e >= sp.end)
			return sp.end;
		size_t off = tl_text_orig_start(text, e);
		while (k < art->n_timexes && art->timexes[k].end <= off)
			k++;
		if (k >= art->n_timexes || art->timexes[k].start >= off)
			return e;
		size_t past = clean_index(text, e, sp.end, art->timexes[k].end);
		e = past > e ? past : e + 1;
	}
}

/* The mentions of art into list, their strings in arena (see extract_arena.h). */
static int collect_mentions(const tl_article *art, tl_xarena *arena, mention_list *list,
			    tl_error *err)
{
	const tl_text *text = &art->text;
	if (!text->n_sentences || !art->n_timexes)
		return TL_OK;
	/* The tagger returns timexes in text order; walk them with the sentences. */
	for (size_t i = 1; i < art->n_timexes; i++)
		if (art->timexes[i].start < art->timexes[i - 1].start)
			return tl_error_set(err, TL_EINTERNAL, "%s: timexes out of order",
					    art->name);
	scratch sc = {.arena = arena}; /* the rest empty (TL_BUF_INIT is all zero) */
	size_t t = 0, nt = art->n_timexes;
	int rc = TL_OK;
	for (size_t si = 0; si < text->n_sentences && t < nt && rc == TL_OK; si++) {
		tl_span sp = text->sentences[si];
		if (sp.end <= sp.start || sp.end > text->len)
			continue;
		/* Most sentences hold no timex: when the next one starts at or
		 * after the sentence's end in the clean text, its original offsets
		 * lie past the sentence's too (the map keeps order), so the walk
		 * below would neither take it nor pass it: skip the sentence
		 * without mapping its ends. A timex of no bytes could sit right at
		 * the end: that one goes the long way. */
		if (art->timex_clean && art->timex_clean[t].start >= sp.end &&
		    art->timexes[t].end > art->timexes[t].start)
			continue;
		/* Run-on "sentences" (lists, tables) go in pieces, so work stays linear. */
		for (size_t cs = sp.start; cs < sp.end && t < nt && rc == TL_OK;) {
			tl_span chunk = {cs, chunk_end(art, sp, cs, t)};
			size_t rs = tl_text_orig_start(text, chunk.start);
			size_t re = tl_text_orig_end(text, chunk.end);
			while (t < nt && art->timexes[t].start < rs)
				t++;
			size_t lo = t;
			while (t < nt && art->timexes[t].end <= re)
				t++;
			if (t > lo)
				rc = extract_sentence(art, chunk, lo, t, &sc, list);
			cs = chunk.end;
		}
	}
	scratch_free(&sc);
	return rc == TL_OK ? TL_OK : tl_error_nomem(err);
}

int tl_extract_article(const tl_article *art, tl_mention **out, size_t *count, tl_error *err)
{
	*out = NULL;
	*count = 0;
	tl_xarena arena = TL_XARENA_INIT;
	mention_list list = {NULL, NULL, 0, 0};
	int rc = collect_mentions(art, &arena, &list, err);
	/* The caller gets mentions that own their strings: copied out of the
	 * arena, in place. */
	size_t owned = 0; /* list.items[0..owned) own their strings */
	while (rc == TL_OK && owned < list.count) {
		tl_mention *m = &list.items[owned];
		tl_mention copy;
		if (own_mention(m, m->doc, m->source, m->url, &copy) != TL_OK) {
			rc = tl_error_nomem(err);
		} else {
			*m = copy;
			owned++;
		}
	}
	tl_xarena_free(&arena);
	if (rc != TL_OK) {
		for (size_t i = 0; i < owned; i++)
			tl_mention_free_fields(&list.items[i]);
		list_free(&list);
		return rc;
	}
	free(list.lens);
	if (!list.count) {
		/* Room was made for a mention that was dropped. */
		free(list.items);
		list.items = NULL;
	}
	*out = list.items;
	*count = list.count;
	return TL_OK;
}

int tl_extract_article_in(tl_xarena *arena, const tl_article *art, tl_mention **out,
			  tl_mention_lens **lens, size_t *count, tl_error *err)
{
	*out = NULL;
	*lens = NULL;
	*count = 0;
	mention_list list = {NULL, NULL, 0, 0};
	int rc = collect_mentions(art, arena, &list, err);
	if (rc == TL_OK && list.count) {
		/* The article goes before its mentions do: what they borrow from it
		 * is copied to the arena, once for all of them. */
		size_t doc_n = art->name ? strlen(art->name) : 0;
		size_t source_n = art->source ? strlen(art->source) : 0;
		size_t url_n = art->url ? strlen(art->url) : 0;
		char *doc = art->name ? tl_xarena_strndup(arena, art->name, doc_n) : NULL;
		char *source = art->source ? tl_xarena_strndup(arena, art->source, source_n) : NULL;
		char *url = art->url ? tl_xarena_strndup(arena, art->url, url_n) : NULL;
		if ((art->name && !doc) || (art->source && !source) || (art->url && !url)) {
			rc = tl_error_nomem(err);
		} else {
			for (size_t i = 0; i < list.count; i++) {
				list.items[i].doc = doc;
				list.items[i].source = source;
				list.items[i].url = url;
				list.lens[i].doc = doc_n;
				list.lens[i].source = source_n;
				list.lens[i].url = url_n;
				list.lens[i].head_plain = false;
				list.lens[i].article = NULL;
				list.lens[i].article_n = 0;
			}
		}
	}
	if (rc != TL_OK || !list.count) {
		/* (room may have been made for a mention that was dropped) */
		list_free(&list);
		return rc;
	}
	*out = list.items;
	*lens = list.lens;
	*count = list.count;
	return TL_OK;
}

int tl_extract_article_jsonl(const tl_article *art, tl_buf *out, tl_error *err)
{
	tl_xarena arena = TL_XARENA_INIT;
	mention_list list = {NULL, NULL, 0, 0};
	int rc = collect_mentions(art, &arena, &list, err);
	/* What the records of the article share, measured once. */
	size_t doc = art->name ? strlen(art->name) : 0;
	size_t source = art->source ? strlen(art->source) : 0;
	size_t url = art->url ? strlen(art->url) : 0;
	bool head_plain = tl_mention_jsonl_plain(art->name ? art->name : "", doc) &&
			  tl_mention_jsonl_plain(art->source ? art->source : "", source) &&
			  tl_mention_jsonl_plain(art->url ? art->url : "", url);
	/* The members every record of the article has alike, written once. */
	char *part = NULL;
	size_t part_n = 0;
	if (rc == TL_OK && list.count) {
		part = tl_xarena_alloc(&arena, tl_mention_jsonl_article_room(source, url));
		if (part)
			part_n = tl_mention_jsonl_article_part(part, art->source, source, art->url,
							       url, art->date);
		else
			rc = tl_error_nomem(err);
	}
	for (size_t i = 0; i < list.count && rc == TL_OK; i++) {
		tl_mention_lens *lens = &list.lens[i];
		lens->doc = doc;
		lens->source = source;
		lens->url = url;
		lens->head_plain = head_plain;
		lens->article = part;
		lens->article_n = part_n;
		/* Keywords are letters only (tl_features_find()). */
		rc = tl_mention_jsonl_put_extracted(out, &list.items[i], lens);
		if (rc == TL_OK)
			rc = tl_buf_putc(out, '\n');
		if (rc != TL_OK)
			rc = tl_error_nomem(err);
	}
	list_free(&list);
	tl_xarena_free(&arena);
	return rc;
}
