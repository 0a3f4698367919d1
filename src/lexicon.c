/*
 * lexicon.c - the extractor's word tables and word helpers (see lexicon.h).
 * The tables below are plain lists, easy to read and extend; the first
 * lookup indexes them all in one open-addressing hash table (pthread_once,
 * so threads may race to the first lookup), keyed by the lower-case word and
 * holding the TL_LEX_* flags of every table the word is in. After that the
 * index is only read. It owns no heap memory.
 */
#include <pthread.h>
#include <stdint.h>

#include "lexicon.h"

/* ## Word tables (lower case) */


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

/* ## The index */

/* Longer than any word of the tables above. */
#define WORD_MAX 15
#define SLOTS 1024 /* a power of two, well over twice the number of words */

typedef struct slot {
	unsigned char len; /* 0: empty */
	char word[WORD_MAX];
	uint16_t flags;
} slot;

static slot index_slots[SLOTS];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static uint32_t hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

#define HASH_SEED 2166136261u

static void index_add(const char *const *list, size_t count, unsigned flag)
{
	for (size_t i = 0; i < count; i++) {
		size_t n = strlen(list[i]);
		uint32_t h = HASH_SEED;
		for (size_t k = 0; k < n; k++)
			h = hash_step(h, (unsigned char)list[i][k]);
		size_t j = h & (SLOTS - 1);
		while (index_slots[j].len &&
		       !(index_slots[j].len == n && memcmp(index_slots[j].word, list[i], n) == 0))
			j = (j + 1) & (SLOTS - 1);
		index_slots[j].len = (unsigned char)n;
		memcpy(index_slots[j].word, list[i], n);
		index_slots[j].flags |= (uint16_t)flag;
	}
}

#define ADD(list, flag) index_add((list), sizeof(list) / sizeof((list)[0]), (flag))

static void index_build(void)
{
	ADD(date_preps, TL_LEX_DATE_PREP);
	ADD(lead_connectives, TL_LEX_LEAD);
	ADD(dangling, TL_LEX_DANGLING);
	ADD(comma_conjunctions, TL_LEX_COMMA_CONJ);
	ADD(comma_enders, TL_LEX_COMMA_ENDER);
	ADD(not_participles, TL_LEX_NOT_PARTICIPLE);
	ADD(subordinators, TL_LEX_SUBORDINATOR);
	ADD(reporting_verbs, TL_LEX_REPORTING);
	ADD(quote_verbs, TL_LEX_QUOTE);
	ADD(planned_cues, TL_LEX_PLANNED);
	ADD(market_cues, TL_LEX_MARKET);
	ADD(generic_heads, TL_LEX_GENERIC_HEAD);
	ADD(stopwords, TL_LEX_STOPWORD);
}

unsigned tl_lexicon_flags(const char *w, size_t n)
{
	if (!n || n > WORD_MAX)
		return 0;
	pthread_once(&index_once, index_build);
	char low[WORD_MAX];
	uint32_t h = HASH_SEED;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = tl_ascii_to_lower((unsigned char)w[i]);
		low[i] = (char)c;
		h = hash_step(h, c);
	}
	for (size_t j = h & (SLOTS - 1); index_slots[j].len; j = (j + 1) & (SLOTS - 1))
		if (index_slots[j].len == n && memcmp(index_slots[j].word, low, n) == 0)
			return index_slots[j].flags;
	return 0;
}
