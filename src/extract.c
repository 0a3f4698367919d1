/*
 * extract.c - turns the tagged sentences of an article into event mentions
 * (see extract.h). Everything is plain byte scanning with ASCII case rules
 * and read-only word tables, linear in the sentence length: find the
 * dateline, the clause that holds the date (clause marks are never looked
 * for inside quotation marks), the date phrases to remove, then build the
 * headline, features, status and confidence. This module keeps no state; the
 * mentions it returns and their strings are owned by the caller.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "buf.h"
#include "error.h"
#include "extract.h"
#include "hash.h"

/* ## ASCII helpers (no locale) */

static bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool is_alpha(unsigned char c) { return is_upper(c) || is_lower(c); }
static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static unsigned char to_lower(unsigned char c) { return is_upper(c) ? c - 'A' + 'a' : c; }
/* Letters for words: ASCII letters, apostrophes inside words and any UTF-8 byte. */
static bool word_char(unsigned char c) { return is_alpha(c) || c >= 0x80; }

static bool has_prefix(const char *s, size_t len, size_t i, const char *p)
{
	size_t n = strlen(p);
	return i + n <= len && memcmp(s + i, p, n) == 0;
}

static bool word_equal_ci(const char *w, size_t n, const char *lit)
{
	/* One pass, no strlen: the first letter rules most words out, and the
	 * literal must end exactly where the word does. */
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!lit[i] || to_lower((unsigned char)w[i]) != (unsigned char)lit[i])
			return false;
	return lit[n] == '\0';
}

/* Longer than any word of the tables below. */
#define WORD_MAX 15

/* Lower-cases w[0..n) into low (NUL-terminated); false when too long to be
 * in a table. */
static bool lower_word(const char *w, size_t n, char low[WORD_MAX + 1])
{
	if (!n || n > WORD_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)to_lower((unsigned char)w[i]);
	low[n] = '\0';
	return true;
}

/* Whether the NUL-terminated low is one of list[0..count), which is sorted in
 * strcmp order (every word table below is): a binary search, the comparison
 * inlined. */
static bool in_lowered(const char *low, const char *const *list, size_t count)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const unsigned char *a = (const unsigned char *)low;
		const unsigned char *b = (const unsigned char *)list[mid];
		while (*a && *a == *b) {
			a++;
			b++;
		}
		if (*a == *b)
			return true;
		if (*a < *b)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

static bool in_words(const char *w, size_t n, const char *const *list, size_t count)
{
	char low[WORD_MAX + 1];
	return lower_word(w, n, low) && in_lowered(low, list, count);
}

#define IN_WORDS(w, n, list) in_words((w), (n), (list), sizeof(list) / sizeof((list)[0]))

/* ## Word tables (each sorted in strcmp order: in_lowered() searches them) */

/* Words dropped together with a date that follows them. */
static const char *const date_preps[] = {
	"about", "after", "around", "as", "at", "before", "beginning", "between", "by",
	"during", "earlier", "early", "effective", "for", "from", "in", "late", "later",
	"no", "of", "on", "since", "soon", "starting", "than", "through", "till", "to",
	"until",
};

/* Connectives stripped from the start of a headline. */
static const char *const lead_connectives[] = {
	"after", "also", "although", "and", "as", "because", "before", "but", "following",
	"however", "meanwhile", "once", "or", "plus", "since", "so", "that", "then",
	"though", "until", "when", "where", "whereas", "which", "while", "who", "yet",
};

/* Words a headline may not end with. */
static const char *const dangling[] = {
	"a", "after", "an", "and", "are", "as", "at", "be", "before", "but", "by",
	"during", "for", "from", "her", "his", "in", "is", "its", "of", "on", "or",
	"since", "soon", "than", "that", "the", "their", "through", "to", "until", "was",
	"were", "which", "while", "with",
};

/* A clause starts after ", WORD" for these words (and -ing participles). */
static const char *const comma_conjunctions[] = {
	"after", "although", "and", "as", "because", "before", "but", "following", "so",
	"though", "when", "where", "whereas", "while", "yet",
};

/* After ", WORD" for these a clause only ends: a relative clause needs its noun. */
static const char *const comma_enders[] = {
	"according", "including", "which", "who", "whom", "whose",
};

static const char *const not_participles[] = {
	"anything", "building", "ceiling", "during", "evening", "everything", "funding",
	"king", "meeting", "morning", "nothing", "pricing", "ring", "shipping", "sing",
	"something", "spending", "spring", "string", "thing", "things", "trading", "wing",
};

/* Subordinators that open the clause holding a later date. */
static const char *const subordinators[] = {
	"after", "as", "because", "before", "following", "once", "since", "when",
};

static const char *const reporting_verbs[] = {
	"added", "announced", "argued", "claimed", "clarified", "commented", "confirmed",
	"declared", "explained", "indicated", "insisted", "noted", "reported", "said",
	"say", "says", "showed", "stated", "suggested", "told", "warned", "wrote",
};

/* Reporting verbs that make a date next to them a routine quote ("said Friday"). */
static const char *const quote_verbs[] = {
	"added", "commented", "noted", "said", "say", "says", "stated", "told", "wrote",
};

static const char *const planned_cues[] = {
	"aims", "could", "deadline", "due", "expect", "expected", "expects", "expire",
	"expires", "expiry", "intend", "intends", "may", "might", "pending", "plan",
	"planned", "planning", "plans", "proposed", "schedule", "scheduled", "set",
	"shall", "threat", "threaten", "threatened", "threatens", "upcoming", "will",
};

static const char *const market_cues[] = {
	"bonds", "dow", "futures", "index", "indexes", "markets", "nasdaq", "rallied",
	"rallies", "rally", "shares", "stock", "stocks", "tumbled", "yields", "yuan",
};

static const char *const generic_heads[] = {
	"average", "budget", "edition", "figure", "figures", "forecast", "growth",
	"harvest", "high", "level", "levels", "low", "quota", "season", "target", "total",
};

/* Sorted (strcmp order): looked up by binary search. */
static const char *const stopwords[] = {
	"a", "about", "above", "according", "across", "after", "again", "against", "ago", "all",
	"almost", "along", "already", "also", "although", "am", "amid", "among", "an", "and",
	"another", "any", "apr", "april", "are", "around", "as", "at", "aug", "august", "back",
	"be", "became", "because", "been", "before", "being", "between", "both", "but", "by",
	"can", "cent", "could", "day", "days", "dec", "december", "did", "do", "does", "doing",
	"done", "down", "during", "each", "earlier", "early", "either", "even", "ever", "every",
	"far", "feb", "february", "few", "first", "for", "friday", "from", "further", "get", "got",
	"had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
	"however", "if", "in", "into", "is", "it", "its", "itself", "jan", "january", "jul",
	"july", "jun", "june", "just", "last", "late", "later", "least", "less", "like", "made",
	"make", "many", "mar", "march", "may", "might", "monday", "month", "months", "more",
	"most", "mr", "mrs", "ms", "much", "must", "near", "nearly", "new", "next", "no", "nor",
	"not", "nov", "november", "now", "oct", "october", "of", "off", "often", "on", "once",
	"one", "only", "or", "other", "others", "our", "out", "over", "own", "per", "percent",
	"put", "rather", "s", "said", "same", "saturday", "say", "says", "second", "sep", "sept",
	"september", "several", "she", "should", "since", "so", "some", "still", "such", "sunday",
	"than", "that", "the", "their", "them", "then", "there", "these", "they", "third", "this",
	"those", "though", "three", "through", "thursday", "thus", "to", "today", "told",
	"tomorrow", "too", "tuesday", "two", "under", "until", "up", "upon", "us", "very", "was",
	"we", "wednesday", "week", "weeks", "were", "what", "when", "where", "whether", "which",
	"while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would",
	"year", "years", "yesterday", "yet", "you", "your",
};

/* ## Sentence structure */

/* Where the body starts after a dateline ("WASHINGTON, June 6 (Wire) - "), else 0. */
static size_t dateline_end(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (is_upper((unsigned char)s[i]) || s[i] == ' ' || s[i] == '.'))
		i++;
	if (i < 3 || (i < len && is_lower((unsigned char)s[i])))
		return 0;
	size_t limit = len < 90 ? len : 90;
	for (size_t j = i; j + 2 < limit; j++) {
		if (s[j] != ' ')
			continue;
		size_t dash = 0;
		if (s[j + 1] == '-' && s[j + 2] == '-')
			dash = 2;
		else if (s[j + 1] == '-')
			dash = 1;
		else if (has_prefix(s, len, j + 1, "\xE2\x80\x94") ||
			 has_prefix(s, len, j + 1, "\xE2\x80\x93"))
			dash = 3;
		if (dash && j + 1 + dash < len && s[j + 1 + dash] == ' ')
			return j + 2 + dash;
	}
	return 0;
}

/* Quote state: ASCII double quotes toggle; curly ones open and close. */
static size_t quote_step(const char *s, size_t len, size_t i, bool *in_quote)
{
	if (s[i] == '"') {
		*in_quote = !*in_quote;
		return 1;
	}
	if (has_prefix(s, len, i, "\xE2\x80\x9C")) {
		*in_quote = true;
		return 3;
	}
	if (has_prefix(s, len, i, "\xE2\x80\x9D")) {
		*in_quote = false;
		return 3;
	}
	return 0;
}

/* The word starting at i: [i, *end). */
static size_t word_end(const char *s, size_t len, size_t i)
{
	while (i < len && (word_char((unsigned char)s[i]) || s[i] == '\'') )
		i++;
	return i;
}

/* The word ending just before position e (skipping one space): [*ws, *we). */
static bool word_before(const char *s, size_t e, size_t floor, size_t *ws, size_t *we)
{
	if (e <= floor)
		return false;
	size_t j = s[e - 1] == ' ' ? e - 1 : e;
	size_t k = j;
	while (k > floor && word_char((unsigned char)s[k - 1]))
		k--;
	if (k == j)
		return false;
	*ws = k;
	*we = j;
	return true;
}

/* Counts words in s[a, b). */
static size_t count_words(const char *s, size_t a, size_t b)
{
	size_t n = 0;
	bool in = false;
	for (size_t i = a; i < b; i++) {
		bool w = !is_space((unsigned char)s[i]);
		if (w && !in)
			n++;
		in = w;
	}
	return n;
}

/* A reporting verb among the few words before position e. */
static bool reporting_before(const char *s, size_t e, size_t floor)
{
	size_t pos = e;
	for (int k = 0; k < 5; k++) {
		size_t ws, we;
		while (pos > floor && s[pos - 1] == ',')
			pos--;
		if (!word_before(s, pos, floor, &ws, &we))
			return false;
		if (IN_WORDS(s + ws, we - ws, reporting_verbs))
			return true;
		pos = ws;
	}
	return false;
}

/*
 * The clause of s[body, len) holding [ts, te): hard marks (";", ": ", spaced
 * dashes, ", and", ", which", ", -ing" ...) bound it on both sides; "said ...
 * that" and subordinators ("after Trump and Xi spoke ... on June 4") only
 * move its start. Marks inside quotation marks do not count.
 */
static void find_clause(const char *s, size_t len, size_t body, size_t ts, size_t te,
			size_t *cs, size_t *ce)
{
	size_t start = body, end = len, saved_start = body;
	bool in_quote = false, comma_start = false;
	for (size_t i = body; i < len;) {
		size_t q = quote_step(s, len, i, &in_quote);
		if (q) {
			i += q;
			continue;
		}
		if (in_quote) {
			i++;
			continue;
		}
		size_t prev_end = 0, next = 0;
		bool hard = false, soft = false;
		if (s[i] == ';' || (s[i] == ':' && i + 1 < len && s[i + 1] == ' ')) {
			hard = true;
			prev_end = i;
			next = i + 1;
		} else if (s[i] == ' ' && i + 2 < len && (s[i + 1] == '-' ||
				has_prefix(s, len, i + 1, "\xE2\x80\x94") ||
				has_prefix(s, len, i + 1, "\xE2\x80\x93"))) {
			size_t j = i + 1;
			while (j < len && (s[j] == '-' || (unsigned char)s[j] >= 0x80))
				j++;
			if (j < len && s[j] == ' ' && j - i <= 4) {
				hard = true;
				prev_end = i;
				next = j + 1;
			}
		} else if (s[i] == ',' && i + 2 < len && s[i + 1] == ' ') {
			size_t we = word_end(s, len, i + 2);
			const char *w = s + i + 2;
			size_t wl = we - (i + 2);
			bool participle = wl >= 5 && is_lower((unsigned char)w[0]) &&
					  memcmp(w + wl - 3, "ing", 3) == 0 &&
					  !IN_WORDS(w, wl, not_participles);
			if (wl && (IN_WORDS(w, wl, comma_conjunctions) || participle)) {
				hard = true;
				prev_end = i;
				next = i + 2;
			} else if (wl && IN_WORDS(w, wl, comma_enders)) {
				if (i >= te && i < end)
					end = i;
			} else if (comma_start && i < ts) {
				/* "X, including Y, did Z on DATE": the aside closed before the date. */
				start = saved_start;
				comma_start = false;
			}
			if (hard && next <= ts && next > start) {
				saved_start = start;
				start = next;
				comma_start = true;
				hard = false;
			}
		} else if (s[i] == ' ' && (i == body || s[i - 1] != ',')) {
			size_t we = word_end(s, len, i + 1);
			const char *w = s + i + 1;
			size_t wl = we - (i + 1);
			if (word_equal_ci(w, wl, "that") && reporting_before(s, i, body)) {
				soft = true;
				next = we;
			} else if (wl && IN_WORDS(w, wl, subordinators) && we < ts &&
				   count_words(s, we, ts) >= 4) {
				soft = true;
				next = i + 1;
			}
		}
		if ((hard || soft) && next <= ts && next > start) {
			start = next;
			comma_start = false;
		}
		if (hard && prev_end >= te && prev_end < end)
			end = prev_end;
		i++;
	}
	while (start < end && s[start] == ' ')
		start++;
	while (end > start && s[end - 1] == ' ')
		end--;
	*cs = start;
	*ce = end;
}

/* The span to cut for a date: the timex, prepositions before it, "'s" after it. */
static void removal_span(const char *s, size_t len, size_t floor, const tl_sentence_timex *t,
			 size_t *rs, size_t *re)
{
	size_t a = t->start, b = t->end;
	for (int k = 0; k < 3; k++) {
		size_t ws, we;
		if (!word_before(s, a, floor, &ws, &we) || !IN_WORDS(s + ws, we - ws, date_preps))
			break;
		a = ws;
	}
	if (has_prefix(s, len, b, "'s") || has_prefix(s, len, b, "\xE2\x80\x99s"))
		b += s[b] == '\'' ? 2 : 4;
	else if (b < len && s[b] == '\'')
		b++;
	*rs = a;
	*re = b;
}

static bool is_dated(const tl_sentence_timex *t)
{
	return t->timex->type == TL_TIMEX_DATE || t->timex->type == TL_TIMEX_TIME;
}

/* ## Headlines */

/* Copies s[a, b) minus the date spans into out; each cut becomes sep. */
static int copy_without_dates(const char *s, size_t len, size_t a, size_t b,
			      const tl_sentence_timex *tx, size_t n, size_t floor, const char *sep,
			      tl_buf *out)
{
	size_t pos = a;
	for (size_t i = 0; i < n; i++) {
		if (!is_dated(&tx[i]) || tx[i].start < a || tx[i].end > b)
			continue;
		size_t rs, re;
		removal_span(s, len, floor > a ? floor : a, &tx[i], &rs, &re);
		/* A date set off by commas takes both: "Trump, on Friday, said" */
		size_t cb = rs, ca = re;
		while (cb > a && s[cb - 1] == ' ')
			cb--;
		while (ca < b && s[ca] == ' ')
			ca++;
		if (cb > a && s[cb - 1] == ',' && ca < b && s[ca] == ',') {
			rs = cb - 1;
			re = ca + 1;
		} else if (rs < tx[i].start && ca + 2 < b && s[ca] == ',' && s[ca + 1] == ' ' &&
			   IN_WORDS(s + ca + 2, word_end(s, b, ca + 2) - (ca + 2), date_preps)) {
			re = ca + 1; /* "met on Thursday, Oct. 30, in Busan" */
		}
		if (rs < pos)
			rs = pos;
		if (re > b)
			re = b;
		if (rs > pos && tl_buf_append(out, s + pos, rs - pos) != TL_OK)
			return TL_ENOMEM;
		if (tl_buf_puts(out, sep) != TL_OK)
			return TL_ENOMEM;
		if (re > pos)
			pos = re;
	}
	if (b > pos && tl_buf_append(out, s + pos, b - pos) != TL_OK)
		return TL_ENOMEM;
	if (tl_buf_puts(out, "") != TL_OK)
		return TL_ENOMEM;
	return TL_OK;
}

static bool is_punct_mark(char c)
{
	return c == ',' || c == ';' || c == ':' || c == '.';
}

/* Folds spaces and repairs punctuation left by cuts, in place. */
static void tidy(char *t)
{
	size_t w = 0;
	for (size_t r = 0; t[r]; r++) {
		char c = t[r];
		if (is_space((unsigned char)c)) {
			if (w > 0 && t[w - 1] != ' ' && t[w - 1] != '(')
				t[w++] = ' ';
			continue;
		}
		if (is_punct_mark(c) || c == ')') {
			while (w > 0 && t[w - 1] == ' ')
				w--;
			/* ",," or ", ." keep the stronger (later) mark only for "." */
			if (w > 0 && is_punct_mark(t[w - 1]) && is_punct_mark(c) && t[w - 1] != '.') {
				if (c == '.' || c == ';')
					t[w - 1] = c;
				continue;
			}
			if (c == ')' && w > 0 && t[w - 1] == '(') {
				w--;
				while (w > 0 && t[w - 1] == ' ')
					w--;
				continue;
			}
		}
		t[w++] = c;
	}
	t[w] = '\0';
}

static size_t strip_leading(char *t)
{
	size_t i = 0, changed = 1;
	while (changed) {
		changed = 0;
		while (t[i] && (t[i] == ' ' || is_punct_mark(t[i]) || t[i] == '-')) {
			i++;
			changed = 1;
		}
		size_t we = i;
		while (is_alpha((unsigned char)t[we]))
			we++;
		if (we > i && (t[we] == ' ' || t[we] == ',') &&
		    IN_WORDS(t + i, we - i, lead_connectives)) {
			i = we;
			changed = 1;
		}
	}
	return i;
}

static void strip_trailing(char *t)
{
	size_t n = strlen(t);
	bool changed = true;
	while (changed && n) {
		changed = false;
		while (n && (t[n - 1] == ' ' || t[n - 1] == ',' || t[n - 1] == ';' ||
			     t[n - 1] == ':' || t[n - 1] == '-')) {
			n--;
			changed = true;
		}
		/* A final full stop, but not the one of "U.S." */
		if (n >= 1 && t[n - 1] == '.' && !(n >= 3 && t[n - 3] == '.')) {
			n--;
			changed = true;
		}
		size_t k = n;
		while (k && is_alpha((unsigned char)t[k - 1]))
			k--;
		if (k < n && (k == 0 || t[k - 1] == ' ') && k > 0 &&
		    IN_WORDS(t + k, n - k, dangling)) {
			n = k;
			changed = true;
		}
	}
	t[n] = '\0';
}

/* Cuts t to TL_TITLE_MAX bytes at a space outside quotation marks, adding "…". */
static int cap_title(tl_buf *b)
{
	if (b->len <= TL_TITLE_MAX)
		return TL_OK;
	bool in_quote = false;
	size_t cut = 0, any_space = 0, quote_open = 0;
	for (size_t i = 0; i <= TL_TITLE_MAX && i < b->len;) {
		bool was = in_quote;
		size_t q = quote_step(b->data, b->len, i, &in_quote);
		if (q) {
			if (!was && in_quote)
				quote_open = i;
			i += q;
			continue;
		}
		if (b->data[i] == ' ') {
			any_space = i;
			if (!in_quote)
				cut = i;
		}
		i++;
	}
	if (!cut)
		cut = in_quote && quote_open > 0 ? quote_open : any_space;
	if (!cut) {
		cut = TL_TITLE_MAX;
		/* Never end inside a UTF-8 sequence. */
		while (cut > 0 && ((unsigned char)b->data[cut] & 0xC0) == 0x80)
			cut--;
	}
	b->data[cut] = '\0';
	strip_trailing(b->data);
	b->len = strlen(b->data);
	return tl_buf_puts(b, "\xE2\x80\xA6");
}

static void capitalize(char *t)
{
	size_t i = 0;
	while (t[i] == '"' || t[i] == '\'' || t[i] == '(')
		i++;
	if (is_lower((unsigned char)t[i]))
		t[i] = (char)(t[i] - 'a' + 'A');
}

/* Cleans a cut clause into a headline (t is modified); returns the start. */
static char *finish_title(char *t)
{
	tidy(t);
	size_t lead = strip_leading(t);
	memmove(t, t + lead, strlen(t + lead) + 1);
	strip_trailing(t);
	/* An unmatched quote left at either end by the cut. */
	size_t n = strlen(t), quotes = 0;
	for (size_t i = 0; i < n; i++)
		quotes += t[i] == '"';
	if (quotes % 2 == 1 && n && t[n - 1] == '"')
		t[n - 1] = '\0';
	else if (quotes % 2 == 1 && t[0] == '"')
		memmove(t, t + 1, n);
	strip_trailing(t);
	capitalize(t);
	return t;
}

typedef struct layout {
	size_t body;   /* after the dateline */
	size_t cs, ce; /* the clause holding the anchor */
} layout;

static layout sentence_layout(const char *s, size_t len, const tl_sentence_timex *a)
{
	layout l;
	l.body = dateline_end(s, len);
	find_clause(s, len, l.body, a->start, a->end, &l.cs, &l.ce);
	return l;
}

static int build_title(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
		       const layout *l, tl_buf *out)
{
	for (int pass = 0; pass < 2; pass++) {
		size_t a = pass == 0 ? l->cs : l->body;
		tl_buf_reset(out);
		if (copy_without_dates(s, len, a, pass == 0 ? l->ce : len, tx, n, l->body, " ",
				       out) != TL_OK)
			return TL_ENOMEM;
		finish_title(out->data);
		out->len = strlen(out->data);
		/* A clause of one or two words is not a headline: use the sentence. */
		if (count_words(out->data, 0, out->len) >= 3)
			break;
	}
	return cap_title(out);
}

char *tl_extract_title(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
		       size_t anchor)
{
	layout l = sentence_layout(s, len, &tx[anchor]);
	tl_buf b = TL_BUF_INIT;
	if (build_title(s, len, tx, n, &l, &b) != TL_OK) {
		tl_buf_free(&b);
		return NULL;
	}
	return tl_buf_detach(&b);
}

/* ## Features */

/* Light suffix stripping so that "tariffs"/"tariff", "raised"/"raises" meet. */
static size_t stem(char *w, size_t n)
{
	if (n > 4 && memcmp(w + n - 3, "ies", 3) == 0) {
		w[n - 3] = 'y';
		n -= 2;
	} else if (n > 4 && memcmp(w + n - 4, "sses", 4) == 0) {
		n -= 2;
	} else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
		   w[n - 2] != 'i') {
		n--;
	}
	if (n > 5 && memcmp(w + n - 3, "ing", 3) == 0)
		n -= 3;
	else if (n > 4 && memcmp(w + n - 2, "ed", 2) == 0)
		n -= 2;
	if (n > 4 && w[n - 1] == 'e')
		n--;
	/* News synonyms that name the same thing. */
	static const struct { const char *from, *to; } same[] = {
		{"duty", "tariff"}, {"levy", "tariff"}, {"licenc", "licens"},
		{"expir", "deadlin"}, {"expiry", "deadlin"}, {"laps", "deadlin"},
		{"reduc", "cut"}, {"reduction", "cut"}, {"slash", "cut"}, {"halv", "cut"},
		{"agreement", "deal"}, {"pact", "deal"}, {"negotiation", "talk"},
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		if (strlen(same[i].from) == n && memcmp(w, same[i].from, n) == 0) {
			n = strlen(same[i].to);
			memcpy(w, same[i].to, n);
			break;
		}
	}
	return n;
}

static bool is_stopword(const char *low)
{
	return in_lowered(low, stopwords, sizeof stopwords / sizeof stopwords[0]);
}

int tl_extract_keywords(const char *t, size_t len, tl_strings *out)
{
	char word[48];
	for (size_t i = 0; i < len;) {
		if (!is_alpha((unsigned char)t[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && is_alpha((unsigned char)t[j]))
			j++;
		bool glued = j < len && (is_digit((unsigned char)t[j]) ||
					 (unsigned char)t[j] >= 0x80);
		size_t n = j - i;
		if (!glued && (i == 0 || !is_digit((unsigned char)t[i - 1])) && n >= 3 &&
		    n < sizeof word) {
			for (size_t k = 0; k < n; k++)
				word[k] = (char)to_lower((unsigned char)t[i + k]);
			word[n] = '\0';
			if (is_stopword(word)) {
				i = j;
				continue;
			}
			n = stem(word, n);
			if (tl_strings_push(out, word, n) != TL_OK)
				return TL_ENOMEM;
		}
		i = j;
	}
	return TL_OK;
}

static bool word_at(const char *t, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i + n <= len && memcmp(t + i, w, n) == 0 &&
	       (i + n == len || !is_alpha((unsigned char)t[i + n]));
}

static size_t scan_number(const char *t, size_t len, size_t i)
{
	while (i < len && (is_digit((unsigned char)t[i]) ||
			   ((t[i] == ',' || t[i] == '.') && i + 1 < len &&
			    is_digit((unsigned char)t[i + 1]))))
		i++;
	return i;
}

/* "145%", "125 percent" -> "125%", "$50 billion", "90-day", "90 days" -> "90-day". */
static int find_figures(const char *t, size_t len, tl_strings *out)
{
	static const char *const units[] = {"day", "week", "month", "year", "point"};
	static const char *const unit_hy[] = {"-day", "-week", "-month", "-year", "-point"};
	static const char *const unit_sp[] = {" day", " week", " month", " year", " point"};
	static const char *const unit_pl[] = {" days", " weeks", " months", " years", " points"};
	static const char *const scales[] = {"trillion", "billion", "million", "bn"};
	static const char *const scale_sp[] = {" trillion", " billion", " million", " bn"};
	char fig[80];
	for (size_t i = 0; i < len; i++) {
		if (!is_digit((unsigned char)t[i]) ||
		    (i > 0 && (is_alnum((unsigned char)t[i - 1]) || t[i - 1] == '.' ||
			       t[i - 1] == ',' || t[i - 1] == '-')))
			continue;
		size_t j = scan_number(t, len, i);
		size_t nl = j - i;
		if (nl > 20)
			continue;
		bool dollar = i > 0 && t[i - 1] == '$';
		size_t k = j, range_end = j;
		if (k + 1 < len && t[k] == '-' && is_digit((unsigned char)t[k + 1]))
			range_end = scan_number(t, len, k + 1);
		int w = -1;
		if (range_end < len && t[range_end] == '%') {
			w = snprintf(fig, sizeof fig, "%.*s%%", (int)(range_end - i), t + i);
		} else if (word_at(t, len, range_end, " percent") ||
			   word_at(t, len, range_end, " per cent")) {
			w = snprintf(fig, sizeof fig, "%.*s%%", (int)(range_end - i), t + i);
		} else if (dollar) {
			const char *scale = NULL;
			for (size_t s = 0; s < 4 && !scale; s++) {
				if (word_at(t, len, j, scale_sp[s]) || word_at(t, len, j, scales[s]))
					scale = scales[s];
			}
			w = scale ? snprintf(fig, sizeof fig, "$%.*s %s", (int)nl, t + i, scale)
				  : snprintf(fig, sizeof fig, "$%.*s", (int)nl, t + i);
		} else {
			for (size_t u = 0; u < 5 && w < 0; u++) {
				if (word_at(t, len, j, unit_hy[u]) || word_at(t, len, j, unit_sp[u]) ||
				    word_at(t, len, j, unit_pl[u]))
					w = snprintf(fig, sizeof fig, "%.*s-%s", (int)nl, t + i,
						     units[u]);
			}
		}
		if (w > 0 && (size_t)w < sizeof fig && tl_strings_push(out, fig, (size_t)w) != TL_OK)
			return TL_ENOMEM;
		i = range_end;
	}
	return TL_OK;
}

/* ## Status and confidence */

static bool inside_timex(const tl_sentence_timex *tx, size_t n, size_t i)
{
	for (size_t k = 0; k < n; k++)
		if (i >= tx[k].start && i < tx[k].end)
			return true;
	return false;
}

static tl_event_status find_status(const char *s, size_t cs, size_t ce,
				   const tl_sentence_timex *tx, size_t n_tx, size_t ts,
				   const tl_mention *m, tl_date dct)
{
	bool negated = false, planned = false;
	for (size_t i = cs; i < ce;) {
		if (!is_alpha((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t j = word_end(s, ce, i);
		if (inside_timex(tx, n_tx, i)) {
			i = j;
			continue;
		}
		const char *w = s + i;
		size_t n = j - i;
		if (word_equal_ci(w, n, "not") || word_equal_ci(w, n, "never") ||
		    (n > 3 && (memcmp(w + n - 3, "n't", 3) == 0)))
			negated = true;
		/* "no talks on Friday"; not "no later than". */
		if (word_equal_ci(w, n, "no") && j < ts && count_words(s, j, ts) <= 5) {
			size_t k = j + 1, ke = word_end(s, ce, k);
			if (!(word_equal_ci(s + k, ke - k, "later") ||
			      word_equal_ci(s + k, ke - k, "longer") ||
			      word_equal_ci(s + k, ke - k, "earlier")))
				negated = true;
		}
		if (IN_WORDS(w, n, planned_cues) || (n > 3 && memcmp(w + n - 3, "'ll", 3) == 0)) {
			/* "set"/"due" plan only as "set to", "due to". */
			bool needs_to = word_equal_ci(w, n, "set") || word_equal_ci(w, n, "due");
			if (!needs_to || has_prefix(s, ce, j, " to "))
				planned = true;
		}
		i = j;
	}
	if (negated)
		return TL_STATUS_NEGATED;
	if (m->first.year && tl_extract_day_number(m->first) > tl_extract_day_number(dct))
		return TL_STATUS_PLANNED;
	return planned ? TL_STATUS_PLANNED : TL_STATUS_DONE;
}

static double grain_base(tl_grain g)
{
	switch (g) {
	case TL_GRAIN_TIME:
	case TL_GRAIN_PART_OF_DAY:
	case TL_GRAIN_DAY:
		return 0.8;
	case TL_GRAIN_WEEKEND:
	case TL_GRAIN_WEEK:
		return 0.6;
	case TL_GRAIN_MONTH:
		return 0.55;
	case TL_GRAIN_SEASON:
	case TL_GRAIN_QUARTER:
	case TL_GRAIN_HALF:
		return 0.35;
	case TL_GRAIN_YEAR:
		return 0.2;
	case TL_GRAIN_DECADE:
	case TL_GRAIN_CENTURY:
	case TL_GRAIN_NONE:
		break;
	}
	return 0.05;
}

static bool has_cue(const char *s, size_t a, size_t b, const char *const *list, size_t count)
{
	for (size_t i = a; i < b;) {
		if (!is_alpha((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t j = word_end(s, b, i);
		if (in_words(s + i, j - i, list, count))
			return true;
		i = j;
	}
	return false;
}

static bool has_text(const char *s, size_t a, size_t b, const char *lit)
{
	size_t n = strlen(lit);
	for (size_t i = a; i + n <= b; i++)
		if (memcmp(s + i, lit, n) == 0)
			return true;
	return false;
}

/* Bylines and time stamps: "By the trade desk Updated 2025-08-12 09:15 ET". */
static bool is_byline(const char *s, size_t len, size_t ts)
{
	size_t ws, we;
	if (word_before(s, ts, 0, &ws, &we) &&
	    (word_equal_ci(s + ws, we - ws, "updated") || word_equal_ci(s + ws, we - ws, "published") ||
	     word_equal_ci(s + ws, we - ws, "posted")))
		return true;
	return len < 80 && has_prefix(s, len, 0, "By ") && count_words(s, 0, len) < 12;
}

static double find_confidence(const char *s, size_t len, const tl_sentence_timex *a,
			      const layout *l, const tl_mention *m, size_t title_words)
{
	const tl_timex *t = a->timex;
	if (t->type == TL_TIMEX_DURATION || t->type == TL_TIMEX_SET || strstr(t->value, "REF") ||
	    !m->first.year)
		return 0.05;
	if ((l->body > 0 && a->end <= l->body) || is_byline(s, len, a->start))
		return 0.02; /* the dateline or byline: the publication date, not an event */
	double c = grain_base(m->grain);
	size_t rs, re, ws, we;
	removal_span(s, len, l->body, a, &rs, &re);
	if (word_before(s, rs, l->body, &ws, &we) && IN_WORDS(s + ws, we - ws, quote_verbs))
		c *= 0.7; /* "said Friday" */
	size_t ae = word_end(s, len, re + (re < len && s[re] == ' '));
	size_t as = re + (re < len && s[re] == ' ');
	if (ae > as && IN_WORDS(s + as, ae - as, quote_verbs))
		c *= 0.7; /* "on Friday said" */
	if (re > a->end && IN_WORDS(s + as, ae - as, generic_heads))
		c *= 0.3; /* "this year's budget" */
	if (has_cue(s, l->cs, l->ce, market_cues, sizeof market_cues / sizeof market_cues[0]) ||
	    has_text(s, l->cs, l->ce, "S&P") || has_text(s, l->cs, l->ce, "Wall Street"))
		c *= 0.5; /* "the Dow fell on Friday" */
	if (m->actors.count == 0 && m->keywords.count < 3)
		c *= 0.6;
	if (title_words < 3)
		c *= 0.5;
	if (strcmp(t->mod, "APPROX") == 0)
		c *= 0.9;
	return c;
}

/* ## Mentions */

static int features(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
		    const layout *l, tl_mention *m)
{
	tl_buf b = TL_BUF_INIT;
	int rc = copy_without_dates(s, len, l->cs, l->ce, tx, n, l->body, " ; ", &b);
	if (rc == TL_OK)
		rc = tl_actors_find(b.data, b.len, l->cs == l->body, &m->actors);
	if (rc == TL_OK)
		rc = tl_extract_keywords(b.data, b.len, &m->keywords);
	if (rc == TL_OK)
		rc = find_figures(b.data, b.len, &m->figures);
	tl_buf_free(&b);
	tl_strings_finish(&m->actors);
	tl_actors_collapse(&m->actors);
	tl_strings_finish(&m->keywords);
	tl_strings_finish(&m->figures);
	return rc;
}

int tl_extract_sentence(const char *s, size_t len, const tl_sentence_timex *tx, size_t n,
			size_t anchor, tl_date dct, tl_mention *m)
{
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
	layout l = sentence_layout(s, len, a);
	tl_buf title = TL_BUF_INIT;
	int rc = TL_ENOMEM;
	m->sentence = strndup(s, len);
	m->text = strndup(s + a->start, a->end - a->start);
	if (!m->sentence || !m->text)
		goto fail;
	if (build_title(s, len, tx, n, &l, &title) != TL_OK)
		goto fail;
	m->title = tl_buf_detach(&title);
	if (features(s, len, tx, n, &l, m) != TL_OK)
		goto fail;
	/* A duration in the clause belongs to this event ("a 90-day truce agreed in May"). */
	m->status = find_status(s, l.cs, l.ce, tx, n, a->start, m, dct);
	m->confidence = find_confidence(s, len, a, &l, m, count_words(m->title, 0,
									strlen(m->title)));
	return TL_OK;
fail:
	tl_buf_free(&title);
	tl_mention_free_fields(m);
	memset(m, 0, sizeof *m);
	return rc;
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

typedef struct mention_list {
	tl_mention *items;
	size_t count, cap;
} mention_list;

static int list_push(mention_list *list, tl_mention *m)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		tl_mention *items = realloc(list->items, cap * sizeof *items);
		if (!items)
			return TL_ENOMEM;
		list->items = items;
		list->cap = cap;
	}
	list->items[list->count++] = *m;
	return TL_OK;
}

static int dup_field(char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return TL_OK;
	*dst = strdup(src);
	return *dst ? TL_OK : TL_ENOMEM;
}

/* Scratch space reused across the sentences of one article. */
typedef struct scratch {
	tl_buf folded;
	size_t *pos;  /* clean index - sentence start -> folded offset */
	size_t pos_cap;
	tl_sentence_timex *tx;
	size_t tx_cap;
} scratch;

static void scratch_free(scratch *sc)
{
	tl_buf_free(&sc->folded);
	free(sc->pos);
	free(sc->tx);
}

/* Folds the whitespace of clean[a, b) into sc->folded, recording positions. */
static int fold_sentence(const char *clean, size_t a, size_t b, scratch *sc)
{
	size_t n = b - a + 1;
	if (n > sc->pos_cap) {
		size_t *pos = realloc(sc->pos, n * sizeof *pos);
		if (!pos)
			return TL_ENOMEM;
		sc->pos = pos;
		sc->pos_cap = n;
	}
	tl_buf_reset(&sc->folded);
	if (tl_buf_grow(&sc->folded, b - a) != TL_OK)
		return TL_ENOMEM;
	char *out = sc->folded.data;
	size_t w = 0;
	bool space = false;
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)clean[i];
		if (is_space(c)) {
			space = w > 0;
			sc->pos[i - a] = w;
			continue;
		}
		if (space)
			out[w++] = ' ';
		space = false;
		sc->pos[i - a] = w;
		out[w++] = (char)c;
	}
	sc->pos[b - a] = w;
	/* Positions of trailing spaces point past the end: clamp. */
	for (size_t i = 0; i <= b - a; i++)
		if (sc->pos[i] > w)
			sc->pos[i] = w;
	out[w] = '\0';
	sc->folded.len = w;
	return TL_OK;
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
	if (fold_sentence(text->clean, sp.start, sp.end, sc) != TL_OK)
		return TL_ENOMEM;
	size_t n = hi - lo;
	if (n > sc->tx_cap) {
		tl_sentence_timex *tx = realloc(sc->tx, n * sizeof *tx);
		if (!tx)
			return TL_ENOMEM;
		sc->tx = tx;
		sc->tx_cap = n;
	}
	for (size_t k = 0; k < n; k++) {
		const tl_timex *t = &art->timexes[lo + k];
		size_t cs = clean_index(text, sp.start, sp.end, t->start);
		size_t ce = clean_index(text, cs, sp.end, t->end);
		sc->tx[k].start = sc->pos[cs - sp.start];
		sc->tx[k].end = sc->pos[ce - sp.start];
		if (sc->tx[k].end < sc->tx[k].start)
			sc->tx[k].end = sc->tx[k].start;
		sc->tx[k].timex = t;
	}
	size_t raw_start = tl_text_orig_start(text, sp.start);
	size_t raw_end = tl_text_orig_end(text, sp.end);
	for (size_t k = 0; k < n; k++) {
		const tl_timex *t = sc->tx[k].timex;
		if (t->type != TL_TIMEX_DATE && t->type != TL_TIMEX_TIME)
			continue;
		if (repeats_earlier_date(sc->tx, k))
			continue;
		tl_mention m;
		if (tl_extract_sentence(sc->folded.data, sc->folded.len, sc->tx, n, k, art->date,
					&m) != TL_OK)
			return TL_ENOMEM;
		if (m.confidence < TL_EXTRACT_FLOOR) {
			tl_mention_free_fields(&m);
			continue;
		}
		m.article_date = art->date;
		m.start = t->start;
		m.end = t->end;
		m.sentence_start = raw_start;
		m.sentence_end = raw_end;
		if (dup_field(&m.doc, art->name) != TL_OK ||
		    dup_field(&m.source, art->source) != TL_OK ||
		    dup_field(&m.url, art->url) != TL_OK || list_push(list, &m) != TL_OK) {
			tl_mention_free_fields(&m);
			return TL_ENOMEM;
		}
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
		while (e < sp.end && !is_space((unsigned char)text->clean[e]))
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

int tl_extract_article(const tl_article *art, tl_mention **out, size_t *count, tl_error *err)
{
	*out = NULL;
	*count = 0;
	const tl_text *text = &art->text;
	if (!text->n_sentences || !art->n_timexes)
		return TL_OK;
	mention_list list = {NULL, 0, 0};
	scratch sc = {TL_BUF_INIT, NULL, 0, NULL, 0};
	/* The tagger returns timexes in text order; walk them with the sentences. */
	for (size_t i = 1; i < art->n_timexes; i++)
		if (art->timexes[i].start < art->timexes[i - 1].start)
			return tl_error_set(err, TL_EINTERNAL, "%s: timexes out of order",
					    art->name);
	size_t t = 0, nt = art->n_timexes;
	int rc = TL_OK;
	for (size_t si = 0; si < text->n_sentences && t < nt && rc == TL_OK; si++) {
		tl_span sp = text->sentences[si];
		if (sp.end <= sp.start || sp.end > text->len)
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
				rc = extract_sentence(art, chunk, lo, t, &sc, &list);
			cs = chunk.end;
		}
	}
	scratch_free(&sc);
	if (rc != TL_OK) {
		for (size_t i = 0; i < list.count; i++)
			tl_mention_free_fields(&list.items[i]);
		free(list.items);
		return tl_error_nomem(err);
	}
	*out = list.items;
	*count = list.count;
	return TL_OK;
}
