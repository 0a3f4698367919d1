/*
 * lexicon.c - the extractor's word tables (see lexicon.h; the word helpers
 * are inline there). The tables below are plain lists, easy to read and
 * extend; the first lookup indexes them all in one open-addressing hash table
 * (pthread_once, so threads may race to the first lookup), keyed by the
 * lower-case word packed in 16 bytes and holding the TL_LEX_* flags of every
 * table the word is in, with a filter by first letters and length that
 * answers most lookups of words in no wanted table without hashing. After
 * that the index is only read. It owns no heap
 * memory.
 */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "lexicon.h"

/* ## Word tables (lower-case ASCII letters only: the index relies on it) */


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

/* Never keywords. */
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

/* Cue words of the status of a mention (extract_features.c). */
static const char *const negators[] = {"never", "not"};
static const char *const no_words[] = {"no"};
static const char *const needs_to[] = {"due", "set"};

/* ## Word bytes */

#define LETTERS(c) [c] = true, [(c) + 32] = true
#define HIGH16(c)                                                                                  \
	[c] = true, [(c) + 1] = true, [(c) + 2] = true, [(c) + 3] = true, [(c) + 4] = true,        \
	[(c) + 5] = true, [(c) + 6] = true, [(c) + 7] = true, [(c) + 8] = true, [(c) + 9] = true,  \
	[(c) + 10] = true, [(c) + 11] = true, [(c) + 12] = true, [(c) + 13] = true,                \
	[(c) + 14] = true, [(c) + 15] = true
const bool tl_word_end_byte[256] = {
	LETTERS('A'), LETTERS('B'), LETTERS('C'), LETTERS('D'), LETTERS('E'), LETTERS('F'),
	LETTERS('G'), LETTERS('H'), LETTERS('I'), LETTERS('J'), LETTERS('K'), LETTERS('L'),
	LETTERS('M'), LETTERS('N'), LETTERS('O'), LETTERS('P'), LETTERS('Q'), LETTERS('R'),
	LETTERS('S'), LETTERS('T'), LETTERS('U'), LETTERS('V'), LETTERS('W'), LETTERS('X'),
	LETTERS('Y'), LETTERS('Z'), ['\''] = true,
	HIGH16(0x80), HIGH16(0x90), HIGH16(0xA0), HIGH16(0xB0),
	HIGH16(0xC0), HIGH16(0xD0), HIGH16(0xE0), HIGH16(0xF0),
};
const bool tl_word_char_byte[256] = {
	LETTERS('A'), LETTERS('B'), LETTERS('C'), LETTERS('D'), LETTERS('E'), LETTERS('F'),
	LETTERS('G'), LETTERS('H'), LETTERS('I'), LETTERS('J'), LETTERS('K'), LETTERS('L'),
	LETTERS('M'), LETTERS('N'), LETTERS('O'), LETTERS('P'), LETTERS('Q'), LETTERS('R'),
	LETTERS('S'), LETTERS('T'), LETTERS('U'), LETTERS('V'), LETTERS('W'), LETTERS('X'),
	LETTERS('Y'), LETTERS('Z'),
	HIGH16(0x80), HIGH16(0x90), HIGH16(0xA0), HIGH16(0xB0),
	HIGH16(0xC0), HIGH16(0xD0), HIGH16(0xE0), HIGH16(0xF0),
};
#undef LETTERS
#undef HIGH16

/* ## The index */

/* A word of at most KEY_MAX letters as its key: lower-cased, zero-padded. */
#define KEY_MAX TL_LEXICON_KEY_MAX
#define SLOTS 1024 /* a power of two, well over twice the number of words */

typedef struct slot {
	uint64_t key[2]; /* key[0] == 0: empty */
	uint32_t flags;
} slot;

static slot index_slots[SLOTS];
/* shapes[a][b][n - 1]: the flags of all table words of n letters that start
 * with the letters a, b (indexes of tl_lexicon_letter; b ==
 * TL_LEXICON_ONE_LETTER: a one-letter word). A word whose shape has none of
 * the flags a caller wants stops here, before any key is made. */
#define LETTER2(c) [c] = (c) - 'A' + 1, [(c) + 32] = (c) - 'A' + 1
const uint8_t tl_lexicon_letter[256] = {
	/* Every other byte is TL_LEXICON_NOT_LETTER, 0. */
	LETTER2('A'), LETTER2('B'), LETTER2('C'), LETTER2('D'), LETTER2('E'), LETTER2('F'),
	LETTER2('G'), LETTER2('H'), LETTER2('I'), LETTER2('J'), LETTER2('K'), LETTER2('L'),
	LETTER2('M'), LETTER2('N'), LETTER2('O'), LETTER2('P'), LETTER2('Q'), LETTER2('R'),
	LETTER2('S'), LETTER2('T'), LETTER2('U'), LETTER2('V'), LETTER2('W'), LETTER2('X'),
	LETTER2('Y'), LETTER2('Z'),
};
#undef LETTER2
_Static_assert(TL_LEXICON_NOT_LETTER == 0, "bytes left out of tl_lexicon_letter are zero");
uint16_t tl_lexicon_shapes[32][32][KEY_MAX]; /* 32: the index is made by shifts */
#define shapes tl_lexicon_shapes
_Static_assert(TL_LEX_NEEDS_TO <= 0x8000u, "the flags must fit the 16 bits of shapes");
static pthread_once_t index_once = PTHREAD_ONCE_INIT;
atomic_bool tl_lexicon_ready;
#define index_ready tl_lexicon_ready

/* The key of w[0..n); false when it cannot be a table word, all of which are
 * lower-case ASCII letters. */
static bool make_key(const char *w, size_t n, uint64_t key[2])
{
	if (!n || n > KEY_MAX)
		return false;
	unsigned char b[KEY_MAX] = {0};
	for (size_t i = 0; i < n; i++) {
		/* c | 0x20 lower-cases a letter and is a letter only for one. */
		unsigned char c = (unsigned char)((unsigned char)w[i] | 0x20);
		if ((unsigned char)(c - 'a') >= 26)
			return false;
		b[i] = c;
	}
	memcpy(key, b, sizeof b);
	return true;
}

static size_t slot_of(const uint64_t key[2])
{
	uint64_t h = key[0] * UINT64_C(0x9e3779b97f4a7c15) ^ key[1] * UINT64_C(0xc2b2ae3d27d4eb4f);
	return (size_t)(h ^ (h >> 31)) & (SLOTS - 1);
}

static void index_add(const char *const *list, size_t count, unsigned flag)
{
	for (size_t i = 0; i < count; i++) {
		uint64_t key[2];
		if (!make_key(list[i], strlen(list[i]), key))
			continue; /* not reachable: the tables hold letters only */
		size_t j = slot_of(key);
		while (index_slots[j].key[0] &&
		       !(index_slots[j].key[0] == key[0] && index_slots[j].key[1] == key[1]))
			j = (j + 1) & (SLOTS - 1);
		index_slots[j].key[0] = key[0];
		index_slots[j].key[1] = key[1];
		index_slots[j].flags |= (uint32_t)flag;
		size_t n = strlen(list[i]);
		shapes[tl_lexicon_letter[(unsigned char)list[i][0]]]
		      [n > 1 ? tl_lexicon_letter[(unsigned char)list[i][1]] : TL_LEXICON_ONE_LETTER]
		      [n - 1] |= (uint16_t)flag;
	}
}

#define ADD(list, flag) index_add((list), sizeof(list) / sizeof((list)[0]), (flag))

#ifndef NDEBUG
/* Whether TL_LEX_SUBORDINATOR_PAIRS holds the first two letters of w. */
static bool pair_listed(const char *w)
{
	static const char pairs[] = TL_LEX_SUBORDINATOR_PAIRS;
	for (size_t k = 0; k + 1 < sizeof pairs; k += 2)
		if (w[0] == pairs[k] && w[1] == pairs[k + 1])
			return true;
	return false;
}
#endif

static void index_build(void)
{
	ADD(date_preps, TL_LEX_DATE_PREP);
	ADD(lead_connectives, TL_LEX_LEAD);
	ADD(dangling, TL_LEX_DANGLING);
	ADD(comma_conjunctions, TL_LEX_COMMA_CONJ);
	ADD(comma_enders, TL_LEX_COMMA_ENDER);
	ADD(not_participles, TL_LEX_NOT_PARTICIPLE);
	ADD(subordinators, TL_LEX_SUBORDINATOR);
#ifndef NDEBUG
	for (size_t i = 0; i < sizeof subordinators / sizeof subordinators[0]; i++)
		assert(strlen(subordinators[i]) >= 2 && pair_listed(subordinators[i]));
#endif
	ADD(reporting_verbs, TL_LEX_REPORTING);
	ADD(quote_verbs, TL_LEX_QUOTE);
	ADD(planned_cues, TL_LEX_PLANNED);
	ADD(market_cues, TL_LEX_MARKET);
	ADD(generic_heads, TL_LEX_GENERIC_HEAD);
	ADD(stopwords, TL_LEX_STOPWORD);
	ADD(negators, TL_LEX_NEGATOR);
	ADD(no_words, TL_LEX_NO);
	ADD(needs_to, TL_LEX_NEEDS_TO);
	atomic_store_explicit(&index_ready, true, memory_order_release);
}

/* The slot lookup of a key (the index is built). */
static inline unsigned lookup(const uint64_t key[2], unsigned want)
{
	for (size_t j = slot_of(key); index_slots[j].key[0]; j = (j + 1) & (SLOTS - 1))
		if (index_slots[j].key[0] == key[0] && index_slots[j].key[1] == key[1])
			return index_slots[j].flags & want;
	return 0;
}

/* The hash lookup of a word that passed the shape filter (n in 1..KEY_MAX);
 * the filter itself is inlined where words are looked up (lexicon.h). */
unsigned tl_lexicon_find_hashed(const char *w, size_t n, unsigned want)
{
	/* The key without make_key()'s letter test: c | 0x20 is a lower-case
	 * letter only for a letter, so a word with any other byte gets a key
	 * that holds a non-letter and matches no table word anyway. */
	unsigned char k[KEY_MAX] = {0};
	for (size_t i = 0; i < n; i++)
		k[i] = (unsigned char)((unsigned char)w[i] | 0x20);
	uint64_t key[2];
	memcpy(key, k, sizeof k);
	return lookup(key, want);
}

unsigned tl_lexicon_find_keyed(const uint64_t key[2], unsigned want)
{
	return lookup(key, want);
}

void tl_lexicon_build(void)
{
	pthread_once(&index_once, index_build);
}

/* The first lookups: build the index, then look up as usual. */
unsigned tl_lexicon_find_first(const char *w, size_t n, unsigned want)
{
	tl_lexicon_build();
	return tl_lexicon_find(w, n, want);
}
