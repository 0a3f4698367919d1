/*
 * actors.c - finds the people, countries and organizations named in a clause
 * (see actors.h). Byte scanning with ASCII case rules (outside a name, a
 * jump to the next capital letter, sixteen bytes a step with SSE2), a read-only
 * gazetteer whose words are indexed in one hash table built on first use
 * (static storage, read-only after), and no allocation beyond the strings it
 * appends to the caller's set. Bytes >= 0x80 count as letters, except the
 * UTF-8 curly double quotes and dashes, which separate words.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "ascii.h"
#include "byte_range.h"
#include "hash.h"

#define MAX_TOKENS 24

typedef struct token {
	const char *p;
	size_t n;
	size_t raw_end;  /* end of the token in the text, suffixes included */
	bool possessive; /* "China's": an actor ends here */
	bool stop;       /* sentence end after it ("Beijing.") */
	bool looked_up;  /* slot is its word_find(), once found */
	bool padded;     /* the 16 bytes from p are readable (the text is padded) */
	const struct word_slot *slot;
} token;

struct alias {
	const char *word;
	const char *canonical;
};

/* Country names, demonyms and capitals used as metonyms, then known surnames. */
static const struct alias aliases[] = {
	{"China", "China"}, {"Chinese", "China"}, {"Beijing", "China"}, {"PRC", "China"},
	{"US", "United States"}, {"U.S.", "United States"}, {"U.S", "United States"},
	{"USA", "United States"}, {"America", "United States"},
	{"American", "United States"}, {"Americans", "United States"},
	{"Washington", "United States"},
	{"Japan", "Japan"}, {"Japanese", "Japan"}, {"Tokyo", "Japan"},
	{"EU", "European Union"}, {"Brussels", "European Union"},
	{"Britain", "United Kingdom"}, {"British", "United Kingdom"}, {"UK", "United Kingdom"},
	{"Canada", "Canada"}, {"Canadian", "Canada"}, {"Ottawa", "Canada"},
	{"Mexico", "Mexico"}, {"Mexican", "Mexico"},
	{"India", "India"}, {"Indian", "India"}, {"Russia", "Russia"}, {"Russian", "Russia"},
	{"Moscow", "Russia"}, {"Taiwan", "Taiwan"}, {"Taiwanese", "Taiwan"},
	{"Korea", "South Korea"}, {"Korean", "South Korea"}, {"Seoul", "South Korea"},
	{"Vietnam", "Vietnam"}, {"Vietnamese", "Vietnam"}, {"Germany", "Germany"},
	{"German", "Germany"}, {"Berlin", "Germany"}, {"France", "France"}, {"French", "France"},
	{"Paris", "France"}, {"Spain", "Spain"}, {"Spanish", "Spain"}, {"Madrid", "Madrid"},
	{"Australia", "Australia"}, {"Australian", "Australia"}, {"Brazil", "Brazil"},
	{"Brazilian", "Brazil"}, {"Ukraine", "Ukraine"}, {"Ukrainian", "Ukraine"},
	{"Europe", "Europe"}, {"European", "Europe"}, {"Europeans", "Europe"},
	{"WTO", "World Trade Organization"},
};

/* Surnames of people often named alone; used only for a one-word name. */
static const struct alias people[] = {
	{"Trump", "Donald Trump"}, {"Xi", "Xi Jinping"}, {"Biden", "Joe Biden"},
	{"Putin", "Vladimir Putin"}, {"Bessent", "Scott Bessent"},
	{"Greer", "Jamieson Greer"}, {"Lutnick", "Howard Lutnick"}, {"Lifeng", "He Lifeng"},
	{"Zelensky", "Volodymyr Zelensky"}, {"Modi", "Narendra Modi"},
};

/* Abbreviations that keep their final dot. */
static const char *const abbreviations[] = {
	"Apr", "Aug", "Co", "Corp", "Dec", "Dr", "Feb", "Gen", "Gov", "Inc", "Jan", "Jr",
	"Jul", "Jun", "Mar", "Mr", "Mrs", "Ms", "No", "Nov", "Oct", "Rep", "Sen", "Sep",
	"Sept", "Sr", "St",
};

static const struct alias multi_aliases[] = {
	{"United States", "United States"}, {"European Union", "European Union"},
	{"United Kingdom", "United Kingdom"}, {"South Korea", "South Korea"},
	{"North Korea", "North Korea"}, {"White House", "White House"},
	{"He Lifeng", "He Lifeng"}, {"World Trade Organization", "World Trade Organization"},
};

/* Capitalized words that never name an actor: they split sequences. */
static const char *const stop_caps[] = {
	"A", "AI", "About", "According", "After", "Against", "All", "Also", "Although",
	"An", "Analysis", "And", "Another", "Any", "Apr.", "April", "As", "At", "Aug.",
	"August", "Because", "Before", "Both", "But", "By", "Dec.", "December", "Despite",
	"Do", "Does", "During", "Each", "Earlier", "Either", "Even", "Every", "Feb.",
	"February", "First", "For", "Four", "Friday", "From", "Further", "GDP", "He",
	"Her", "Here", "His", "How", "However", "I", "If", "In", "Instead", "It", "Its",
	"Jan.", "January", "Jul.", "July", "Jun.", "June", "LNG", "Last", "Later", "Many",
	"Mar.", "March", "May", "Meanwhile", "Monday", "More", "Most", "Mr", "Much",
	"Next", "No", "Not", "Nov.", "November", "Now", "OK", "Oct.", "October", "Of",
	"On", "One", "Only", "Or", "Other", "Our", "Over", "Q1", "Q2", "Q3", "Q4",
	"Saturday", "Second", "Sep.", "Sept.", "September", "Several", "She", "Since",
	"So", "Some", "Still", "Such", "Sunday", "TV", "That", "The", "Their", "Then",
	"There", "These", "They", "Third", "This", "Those", "Three", "Through", "Thursday",
	"To", "Today", "Tomorrow", "Tuesday", "Two", "Under", "Until", "Updated", "We",
	"Wednesday", "What", "When", "Where", "Whether", "Which", "While", "Who", "Why",
	"With", "Within", "Yesterday", "Yet", "You",
};

/* Titles dropped before a name ("Treasury Secretary Scott Bessent"). */
static const char *const titles[] = {
	"Adviser", "Advisor", "Ambassador", "Attorney", "CEO", "Chair", "Chairman",
	"Chairwoman", "Chancellor", "Chief", "Commerce", "Commissioner", "Defence",
	"Defense", "Director", "Dr.", "Economic", "Envoy", "Executive", "Finance",
	"Foreign", "General", "Gov.", "Governor", "International", "Justice", "King",
	"Leader", "Minister", "Mr.", "Mrs.", "Ms.", "Negotiator", "Pope", "Premier",
	"President", "Prime", "Queen", "Rep.", "Representative", "Secretary", "Sen.",
	"Senator", "Speaker", "Spokesman", "Spokesperson", "Spokeswoman", "State", "Trade",
	"Treasury", "Vice",
};

/* Head words of organizations: a sequence holding one is kept whole. */
static const char *const org_heads[] = {
	"Administration", "Agency", "Association", "Authority", "Bank", "Board", "Bureau",
	"Commission", "Committee", "Company", "Congress", "Corp", "Corp.", "Council",
	"Court", "Department", "Federation", "Fund", "Group", "House", "Inc.", "Institute",
	"Ministry", "Office", "Organization", "Parliament", "Party", "Reserve", "Senate",
	"Service", "Union", "University",
};

static bool is_alnum(unsigned char c) { return tl_is_upper(c) || tl_is_lower(c) || tl_is_digit(c); }

/* Length of a separator multibyte sequence at p (curly double quotes, dashes), else 0. */
static size_t utf8_separator(const unsigned char *p, size_t left)
{
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    (p[2] == 0x9C || p[2] == 0x9D || p[2] == 0x93 || p[2] == 0x94))
		return 3;
	return 0;
}

/* The ASCII bytes of words: letters, digits and ' . & - */
#define W1(c) [c] = 1
static const unsigned char word_ascii[128] = {
	W1('\''), W1('.'), W1('&'), W1('-'),
	W1('0'), W1('1'), W1('2'), W1('3'), W1('4'), W1('5'), W1('6'), W1('7'), W1('8'), W1('9'),
	W1('A'), W1('B'), W1('C'), W1('D'), W1('E'), W1('F'), W1('G'), W1('H'), W1('I'),
	W1('J'), W1('K'), W1('L'), W1('M'), W1('N'), W1('O'), W1('P'), W1('Q'), W1('R'),
	W1('S'), W1('T'), W1('U'), W1('V'), W1('W'), W1('X'), W1('Y'), W1('Z'),
	W1('a'), W1('b'), W1('c'), W1('d'), W1('e'), W1('f'), W1('g'), W1('h'), W1('i'),
	W1('j'), W1('k'), W1('l'), W1('m'), W1('n'), W1('o'), W1('p'), W1('q'), W1('r'),
	W1('s'), W1('t'), W1('u'), W1('v'), W1('w'), W1('x'), W1('y'), W1('z'),
};
#undef W1

static inline bool word_byte(const unsigned char *p, size_t left)
{
	/* Bytes >= 0x80 are letters unless they start a separator (0xE2 ...). */
	if (*p >= 0x80)
		return *p != 0xE2 || utf8_separator(p, left) == 0;
	return word_ascii[*p];
}

static bool token_is(const token *t, const char *w)
{
	/* One pass, no strlen: w must end exactly where the token does. */
	if (!t->n || t->p[0] != w[0])
		return false;
	for (size_t i = 1; i < t->n; i++)
		if (!w[i] || t->p[i] != w[i])
			return false;
	return w[t->n] == '\0';
}

static bool all_caps(const token *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (tl_is_lower((unsigned char)t->p[i]))
			return false;
	return true;
}

/* ## The word index
 *
 * Every word of the tables above in one open-addressing table, keyed by its
 * bytes zero-padded to 16 (tokens never hold a NUL byte), built once on first
 * use (pthread_once) and only read after. A slot says which lists hold the
 * word and the canonical names it has as an alias or a surname; the
 * capitals form of an alias or surname ("WASHINGTON") has a slot too,
 * holding the names of the first table entry with that form, as the
 * DATELINE capitals match them. */

enum { IN_STOP_CAPS = 1, IN_TITLES = 2, IN_ORG_HEADS = 4, IN_ABBREVIATIONS = 8 };

#define WORD_MAX 16
#define WORD_SLOTS 1024 /* a power of two, well over twice the number of keys */

typedef struct word_slot {
	uint64_t key[2]; /* key[0] == 0: empty */
	unsigned lists;  /* IN_* */
	const char *alias, *person;           /* of the word as written */
	const char *caps_alias, *caps_person; /* of the first word with these capitals */
} word_slot;

static word_slot word_slots[WORD_SLOTS];
static pthread_once_t words_once = PTHREAD_ONCE_INIT;
static atomic_bool words_ready;

/* The key of w[0..n), upper-cased (ASCII) with upper; false when too long. */
static bool word_key(const char *w, size_t n, bool upper, uint64_t key[2])
{
	if (!n || n > WORD_MAX)
		return false;
	unsigned char b[WORD_MAX] = {0};
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		b[i] = upper && tl_is_lower(c) ? (unsigned char)(c - 'a' + 'A') : c;
	}
	memcpy(key, b, sizeof b);
	return true;
}

static size_t word_hash(const uint64_t key[2])
{
	uint64_t h = key[0] * UINT64_C(0x9e3779b97f4a7c15) ^ key[1] * UINT64_C(0xc2b2ae3d27d4eb4f);
	return (size_t)(h ^ (h >> 29)) & (WORD_SLOTS - 1);
}

/* The slot of key: its own, or the empty one where it would go. */
static word_slot *word_slot_of(const uint64_t key[2])
{
	size_t j = word_hash(key);
	while (word_slots[j].key[0] &&
	       !(word_slots[j].key[0] == key[0] && word_slots[j].key[1] == key[1]))
		j = (j + 1) & (WORD_SLOTS - 1);
	return &word_slots[j];
}

static word_slot *word_add(const char *w, bool upper)
{
	uint64_t key[2];
	if (!word_key(w, strlen(w), upper, key))
		return NULL; /* not reachable: every table word is short */
	word_slot *s = word_slot_of(key);
	s->key[0] = key[0];
	s->key[1] = key[1];
	return s;
}

static void add_list(const char *const *list, size_t n, unsigned flag)
{
	for (size_t i = 0; i < n; i++) {
		word_slot *s = word_add(list[i], false);
		if (s)
			s->lists |= flag;
	}
}

/* Table order decides between words with the same capitals: the first wins. */
static void add_aliases(const struct alias *table, size_t n, bool person)
{
	for (size_t i = 0; i < n; i++) {
		word_slot *s = word_add(table[i].word, false);
		const char **as = s ? (person ? &s->person : &s->alias) : NULL;
		if (as && !*as)
			*as = table[i].canonical;
		word_slot *c = word_add(table[i].word, true);
		const char **caps = c ? (person ? &c->caps_person : &c->caps_alias) : NULL;
		if (caps && !*caps)
			*caps = table[i].canonical;
	}
}

#define ADD_LIST(list, flag) add_list((list), sizeof(list) / sizeof((list)[0]), (flag))

static void words_build(void)
{
	ADD_LIST(stop_caps, IN_STOP_CAPS);
	ADD_LIST(titles, IN_TITLES);
	ADD_LIST(org_heads, IN_ORG_HEADS);
	ADD_LIST(abbreviations, IN_ABBREVIATIONS);
	add_aliases(aliases, sizeof aliases / sizeof aliases[0], false);
	add_aliases(people, sizeof people / sizeof people[0], true);
	atomic_store_explicit(&words_ready, true, memory_order_release);
}

/* word_key() of w[0..n) as written, for 1 <= n <= WORD_MAX, when the
 * WORD_MAX bytes from w are readable: two loads, the bytes past the word
 * masked off, instead of a loop. */
static inline void padded_key(const char *w, size_t n, uint64_t key[2])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t lo, hi;
	memcpy(&lo, w, 8);
	memcpy(&hi, w + 8, 8);
	/* The word's bytes are the first in memory: the low ones. */
	if (n > 8) {
		hi &= ~UINT64_C(0) >> (64 - 8 * (n - 8));
	} else {
		hi = 0;
		lo = n == 8 ? lo : lo & (~UINT64_C(0) >> (64 - 8 * n));
	}
	key[0] = lo;
	key[1] = hi;
#else
	word_key(w, n, false, key);
#endif
}

/* The slot of the token as written, or NULL when no table has it: looked up
 * once per token (a name's words are asked about several times). */
static const word_slot *word_find(token *t)
{
	if (t->looked_up)
		return t->slot;
	t->looked_up = true;
	t->slot = NULL;
	uint64_t key[2];
	if (t->padded && t->n && t->n <= WORD_MAX)
		padded_key(t->p, t->n, key);
	else if (!word_key(t->p, t->n, false, key))
		return NULL;
	if (!atomic_load_explicit(&words_ready, memory_order_acquire))
		pthread_once(&words_once, words_build);
	const word_slot *s = word_slot_of(key);
	t->slot = s->key[0] ? s : NULL;
	return t->slot;
}

static bool in_lists(token *t, unsigned flag)
{
	const word_slot *s = word_find(t);
	return s && (s->lists & flag);
}

/* The canonical name of the token as an alias (person false) or a surname:
 * the token as written, or in DATELINE capitals ("WASHINGTON"), which match
 * a table word whatever its case. */
static const char *name_of(token *t, bool person)
{
	const word_slot *s = word_find(t);
	if (!s)
		return NULL;
	/* An all-caps token is its own capitals form. */
	if (t->n > 3 && all_caps(t))
		return person ? s->caps_person : s->caps_alias;
	return person ? s->person : s->alias;
}

static const char *alias_of(token *t)
{
	return name_of(t, false);
}

static const char *person_of(token *t)
{
	return name_of(t, true);
}

/* How many tokens of seq[0..n) a multi-word alias covers (0 when none). */
static size_t multi_alias(const token *seq, size_t n, const char **canonical)
{
	/* The first letters of multi_aliases (bit c - 'A'): most sequences
	 * start with none of them. */
#define FIRST(c) (UINT32_C(1) << ((c) - 'A'))
	const uint32_t firsts = FIRST('E') | FIRST('H') | FIRST('N') | FIRST('S') | FIRST('U') |
				FIRST('W');
#undef FIRST
	unsigned char c0 = seq[0].n ? (unsigned char)seq[0].p[0] : 0;
	if (!tl_is_upper(c0) || !(firsts >> (c0 - 'A') & 1))
		return 0;
	for (size_t i = 0; i < sizeof multi_aliases / sizeof multi_aliases[0]; i++) {
		const char *w = multi_aliases[i].word;
		if (!seq[0].n || seq[0].p[0] != w[0])
			continue; /* the first word must match exactly */
		size_t k = 0;
		while (*w && k < n) {
			size_t len = 0; /* the table word's length up to a space */
			while (w[len] && w[len] != ' ')
				len++;
			if (len != seq[k].n || memcmp(w, seq[k].p, len) != 0)
				break;
			w += len;
			k++;
			if (*w == ' ')
				w++;
		}
		if (!*w && k > 1) {
			*canonical = multi_aliases[i].canonical;
			return k;
		}
	}
	return 0;
}

static bool has_digit(const token *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (tl_is_digit((unsigned char)t->p[i]))
			return true;
	return false;
}

/* Where the next token starts at or after i (len at the end). */
static inline __attribute__((always_inline)) size_t token_start(const unsigned char *s, size_t len, size_t i)
{
	while (i < len && !word_byte(s + i, len - i))
		i += utf8_separator(s + i, len - i) ? 3 : 1;
	return i;
}

/* Reads the next token at or after *pos; false at the end. */
static bool next_token(const char *text, size_t len, bool padded, size_t *pos, token *t)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = token_start(s, len, *pos);
	if (i >= len)
		return false;
	size_t start = i;
	while (i < len && word_byte(s + i, len - i))
		i++;
	*pos = i;
	t->raw_end = i;
	t->p = text + start;
	t->n = i - start;
	t->possessive = false;
	t->stop = false;
	t->looked_up = false;
	t->padded = padded;
	/* Trim punctuation at both ends; note possessives and sentence ends. */
	while (t->n && !is_alnum((unsigned char)t->p[0]) && (unsigned char)t->p[0] < 0x80) {
		t->p++;
		t->n--;
	}
	for (;;) {
		if (t->n >= 2 && t->p[t->n - 2] == '\'' && (t->p[t->n - 1] == 's' ||
							    t->p[t->n - 1] == 'S')) {
			t->n -= 2;
			t->possessive = true;
		} else if (t->n >= 4 && memcmp(t->p + t->n - 4, "\xE2\x80\x99s", 4) == 0) {
			t->n -= 4;
			t->possessive = true;
		} else if (t->n && (t->p[t->n - 1] == '\'' || t->p[t->n - 1] == '-')) {
			t->n--;
		} else if (t->n && t->p[t->n - 1] == '.') {
			/* Keep the final dot of abbreviations: "U.S.", "Mr." */
			token bare = *t;
			bare.n--;
			bare.looked_up = false;
			if (t->n >= 2 && (memchr(t->p, '.', t->n - 1) != NULL ||
					  in_lists(&bare, IN_ABBREVIATIONS)))
				break;
			t->n--;
			t->stop = true;
		} else {
			break;
		}
	}
	return true;
}

static bool capitalized(token *t)
{
	return t->n && tl_is_upper((unsigned char)t->p[0]) && !has_digit(t) && !in_lists(t, IN_STOP_CAPS);
}

static int push_span(tl_xarena *a, tl_strings *out, const token *seq, size_t n)
{
	/* The text between the first and last tokens, as written. */
	const char *start = seq[0].p;
	const char *end = seq[n - 1].p + seq[n - 1].n;
	return tl_xarena_push(a, out, start, (size_t)(end - start));
}

static int push_str(tl_xarena *a, tl_strings *out, const char *s)
{
	return tl_xarena_push(a, out, s, strlen(s));
}

/* Emits the actors of one capitalized sequence. */
static int emit_sequence(tl_xarena *a, token *seq, size_t n, bool at_start,
			 tl_strings *out)
{
	while (n > 0) {
		const char *canonical = NULL;
		size_t k = multi_alias(seq, n, &canonical);
		if (k) {
			if (push_str(a, out, canonical) != TL_OK)
				return TL_ENOMEM;
			seq += k;
			n -= k;
			at_start = false;
			continue;
		}
		canonical = alias_of(&seq[0]);
		if (canonical && (n == 1 || !in_lists(&seq[1], IN_ORG_HEADS))) {
			if (push_str(a, out, canonical) != TL_OK)
				return TL_ENOMEM;
			seq++;
			n--;
			at_start = false;
			continue;
		}
		break;
	}
	if (n == 0)
		return TL_OK;
	/* Drop connectors left at the end ("of", "the"). */
	while (n > 0 && !tl_is_upper((unsigned char)seq[n - 1].p[0]))
		n--;
	bool org = false;
	for (size_t i = 0; i < n; i++)
		if (in_lists(&seq[i], IN_ORG_HEADS))
			org = true;
	if (!org) {
		while (n > 0 && in_lists(&seq[0], IN_TITLES)) {
			seq++;
			n--;
			at_start = false;
		}
		if (n == 0 || !tl_is_upper((unsigned char)seq[0].p[0]))
			return TL_OK;
	}
	if (n == 1) {
		const char *canonical = alias_of(&seq[0]);
		if (!canonical)
			canonical = person_of(&seq[0]);
		if (canonical)
			return push_str(a, out, canonical);
		if (at_start)
			return TL_OK;
		/* Lone all-caps acronyms of two letters are too ambiguous. */
		if (seq[0].n < 2)
			return TL_OK;
	}
	return push_span(a, out, seq, n);
}

static bool is_connector(const token *t)
{
	return token_is(t, "of") || token_is(t, "for") || token_is(t, "the") || token_is(t, "de");
}

int tl_actors_find(const char *text, size_t len, bool at_start, tl_strings *out)
{
	return tl_actors_find_in(NULL, text, len, false, at_start, out);
}

/* The first upper-case ASCII letter of s[i, len), or len: sixteen bytes at a
 * time where SSE2 is there (byte_range.h), up to the end when the text is
 * padded (sixteen readable bytes after it). */
static inline size_t next_upper(const unsigned char *s, size_t len, size_t i, bool padded)
{
	return tl_byte_range((const char *)s, i, len, padded, 0, 'A', 'Z', true);
}

int tl_actors_find_in(tl_xarena *a, const char *text, size_t len, bool padded, bool at_start,
		      tl_strings *out)
{
	token seq[MAX_TOKENS];
	size_t n = 0, pos = 0;
	bool seq_at_start = false, first = true;
	token t;
	size_t prev_end = 0;
	bool prev_breaks = true;
	const unsigned char *u = (const unsigned char *)text;
	size_t upper = 0; /* the first upper-case letter at or after it (valid when >= pos) */
	bool upper_known = false;
	for (;;) {
		if (n == 0) {
			/* Outside a sequence only a capitalized token counts (it
			 * starts one, whatever came before), and it starts with an
			 * upper-case letter: none left, no actor left. When the
			 * next one starts a token (the byte before it is ASCII and
			 * no word byte), the tokens before it are passed at once,
			 * only whether there were any (first) is kept. */
			if (!upper_known || upper < pos) {
				upper = next_upper(u, len, pos, padded);
				upper_known = true;
			}
			if (upper >= len)
				break;
			if (upper > pos && u[upper - 1] < 0x80 && !word_ascii[u[upper - 1]]) {
				if (first && token_start(u, len, pos) < upper)
					first = false;
				pos = upper;
			}
			/* Outside a sequence, a word that starts with a lower-case
			 * letter neither starts nor joins one: only where it ends
			 * matters (no trimming, no lookups). Whether it breaks a
			 * sequence does not: the next token starts afresh. */
			size_t i = token_start(u, len, pos);
			if (i < len && tl_is_lower(u[i])) {
				while (i < len && word_byte(u + i, len - i))
					i++;
				pos = prev_end = i;
				prev_breaks = true;
				first = false;
				continue;
			}
		}
		if (!next_token(text, len, padded, &pos, &t))
			break;
		size_t gap_start = prev_end;
		bool joined = !prev_breaks && t.p - text == (ptrdiff_t)gap_start + 1 &&
			      text[gap_start] == ' ';
		bool cap = capitalized(&t);
		bool conn = n > 0 && joined && is_connector(&t);
		if (!(cap || conn) || !joined || n == MAX_TOKENS) {
			if (n && emit_sequence(a, seq, n, seq_at_start, out) != TL_OK)
				return TL_ENOMEM;
			n = 0;
		}
		if (cap || (conn && n > 0)) {
			if (n == 0)
				seq_at_start = first && at_start;
			seq[n++] = t;
		}
		/* A trailing connector never ends a sequence: trimmed in emit. */
		prev_end = t.raw_end;
		prev_breaks = t.possessive || t.stop;
		first = false;
	}
	if (n && emit_sequence(a, seq, n, seq_at_start, out) != TL_OK)
		return TL_ENOMEM;
	return TL_OK;
}

void tl_actors_collapse(tl_strings *set)
{
	tl_actors_collapse_in(NULL, set);
}

void tl_actors_collapse_in(tl_xarena *arena, tl_strings *set)
{
	if (set->count < 2)
		return;
	/* Decide first, free after: a freed item must never be read again. */
	bool small[32] = {false};
	bool *covered = set->count <= 32 ? small : calloc(set->count, sizeof *covered);
	if (!covered)
		return; /* collapsing is a nicety: without memory, keep the set as it is */
	for (size_t r = 0; r < set->count; r++) {
		const char *a = set->items[r];
		if (strchr(a, ' '))
			continue;
		size_t n = strlen(a);
		for (size_t j = 0; j < set->count && !covered[r]; j++) {
			const char *b = set->items[j];
			size_t m = strlen(b);
			if (j == r || m <= n + 1)
				continue;
			if ((memcmp(b + m - n, a, n) == 0 && b[m - n - 1] == ' ') ||
			    (memcmp(b, a, n) == 0 && b[n] == ' '))
				covered[r] = true;
		}
	}
	size_t w = 0;
	for (size_t r = 0; r < set->count; r++) {
		if (!covered[r])
			set->items[w++] = set->items[r];
		else if (!arena)
			free(set->items[r]);
	}
	set->count = w;
	if (covered != small)
		free(covered);
}
