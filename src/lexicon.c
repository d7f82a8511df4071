/* lexicon: fixed, sorted word lists searched by binary search. */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

/* Sorted (strcmp order). Not here on purpose: not no nor never none
 * nothing neither without cannot before after during until above below up
 * down over under all each every any some only same different more most
 * less least few many both first last again between within because once. */
/* clang-format off: the word tables stay packed */
static const char *const en_words[] = {
	"a",
	"about",
	"also",
	"am",
	"an",
	"and",
	"are",
	"as",
	"at",
	"be",
	"been",
	"being",
	"but",
	"by",
	"can",
	"could",
	"d",
	"did",
	"do",
	"does",
	"doing",
	"e",
	"eg",
	"etc",
	"for",
	"from",
	"further",
	"g",
	"had",
	"has",
	"have",
	"having",
	"he",
	"hence",
	"her",
	"here",
	"hers",
	"herself",
	"him",
	"himself",
	"his",
	"how",
	"however",
	"i",
	"ie",
	"if",
	"in",
	"into",
	"is",
	"it",
	"its",
	"itself",
	"just",
	"let",
	"lets",
	"ll",
	"m",
	"may",
	"me",
	"might",
	"must",
	"my",
	"myself",
	"of",
	"off",
	"on",
	"or",
	"other",
	"our",
	"ours",
	"ourselves",
	"out",
	"own",
	"re",
	"s",
	"shall",
	"she",
	"should",
	"so",
	"such",
	"t",
	"than",
	"that",
	"the",
	"their",
	"theirs",
	"them",
	"themselves",
	"then",
	"there",
	"therefore",
	"these",
	"they",
	"this",
	"those",
	"through",
	"thus",
	"to",
	"too",
	"ve",
	"very",
	"via",
	"was",
	"we",
	"were",
	"what",
	"when",
	"where",
	"whether",
	"which",
	"while",
	"who",
	"whom",
	"whose",
	"why",
	"will",
	"with",
	"would",
	"you",
	"your",
	"yours",
	"yourself",
	"yourselves",
};

/* Sorted by bytes. Negators (不 没 没有 无 非 未) are not here. */
static const char *const zh_words[] = {
	"一个",
	"与",
	"个",
	"中",
	"为",
	"之",
	"也",
	"了",
	"于",
	"他",
	"他们",
	"以",
	"以及",
	"们",
	"但是",
	"你",
	"你们",
	"其",
	"及",
	"可以",
	"吗",
	"吧",
	"呢",
	"和",
	"啊",
	"因为",
	"在",
	"她",
	"如果",
	"它",
	"对",
	"就",
	"并",
	"并且",
	"我",
	"我们",
	"或",
	"或者",
	"所以",
	"把",
	"是",
	"然后",
	"的",
	"着",
	"等",
	"而",
	"而且",
	"被",
	"过",
	"这",
	"这个",
	"进行",
	"通过",
	"那",
	"那个",
	"都",
};

static const char *const negators[] = {
	"cannot",
	"neither",
	"never",
	"no",
	"none",
	"nor",
	"not",
	"nothing",
	"without",
	"不",
	"无",
	"未",
	"没",
	"没有",
	"非",
};

static const char *const conjunctions[] = {
	"although",
	"because",
	"but",
	"however",
	"since",
	"so",
	"though",
	"whereas",
	"while",
	"yet",
};

/* Sorted by the first column: a word, then the word it is the opposite
 * of. General English only; both sides of a comparison are keyed alike. */
static const char *const antonyms[][2] = {
	{"absent", "present"},
	{"after", "before"},
	{"decrease", "increase"},
	{"decreased", "increased"},
	{"decreases", "increases"},
	{"decreasing", "increasing"},
	{"differ", "same"},
	{"different", "same"},
	{"differs", "same"},
	{"disconnected", "connected"},
	{"dissimilar", "similar"},
	{"distinct", "same"},
	{"false", "true"},
	{"fewer", "more"},
	{"impossible", "possible"},
	{"inaccurate", "accurate"},
	{"incomplete", "closed"},
	{"inconsistent", "consistent"},
	{"incorrect", "correct"},
	{"ineffective", "effective"},
	{"inefficient", "efficient"},
	{"insufficient", "sufficient"},
	{"invalid", "valid"},
	{"less", "more"},
	{"lower", "higher"},
	{"open", "closed"},
	{"opened", "closed"},
	{"opens", "closes"},
	{"outside", "inside"},
	{"separate", "same"},
	{"separated", "same"},
	{"slower", "faster"},
	{"unable", "able"},
	{"unconnected", "connected"},
	{"unlike", "like"},
	{"unlikely", "likely"},
	{"unstable", "stable"},
	{"worse", "better"},
	{"wrong", "correct"},
};

/* Sorted by the first column: a word, then the word of the same meaning it
 * is keyed as. General English and general programming only; a short list
 * of near-certain synonyms, not a thesaurus. */
static const char *const synonyms[][2] = {
	{"allowed", "allow"},
	{"allows", "allow"},
	{"alter", "change"},
	{"altered", "change"},
	{"alters", "change"},
	{"args", "parameter"},
	{"argument", "parameter"},
	{"arguments", "parameter"},
	{"began", "start"},
	{"begin", "start"},
	{"beginning", "start"},
	{"begins", "start"},
	{"begun", "start"},
	{"big", "large"},
	{"bigger", "large"},
	{"biggest", "maximum"},
	{"changed", "change"},
	{"changes", "change"},
	{"changing", "change"},
	{"choose", "select"},
	{"chooses", "select"},
	{"chose", "select"},
	{"chosen", "select"},
	{"complete", "closed"},
	{"completed", "closed"},
	{"completes", "closed"},
	{"completing", "closed"},
	{"copied", "copy"},
	{"copies", "copy"},
	{"delete", "remove"},
	{"deleted", "remove"},
	{"deletes", "remove"},
	{"deleting", "remove"},
	{"deletion", "remove"},
	{"display", "show"},
	{"displayed", "show"},
	{"displays", "show"},
	{"duplicate", "copy"},
	{"duplicated", "copy"},
	{"duplicates", "copy"},
	{"element", "item"},
	{"elements", "item"},
	{"employ", "use"},
	{"employed", "use"},
	{"employs", "use"},
	{"enable", "allow"},
	{"enabled", "allow"},
	{"enables", "allow"},
	{"ended", "end"},
	{"ending", "end"},
	{"ends", "end"},
	{"entire", "whole"},
	{"entirely", "whole"},
	{"erase", "remove"},
	{"erased", "remove"},
	{"every", "each"},
	{"faster", "fast"},
	{"fastest", "fast"},
	{"finish", "end"},
	{"finished", "end"},
	{"finishes", "end"},
	{"finishing", "end"},
	{"frequently", "often"},
	{"gap", "open"},
	{"gaps", "open"},
	{"greatest", "maximum"},
	{"held", "store"},
	{"highest", "maximum"},
	{"hold", "store"},
	{"holding", "store"},
	{"holds", "store"},
	{"huge", "large"},
	{"items", "item"},
	{"larger", "large"},
	{"largest", "maximum"},
	{"location", "position"},
	{"locations", "position"},
	{"lowest", "minimum"},
	{"max", "maximum"},
	{"maximal", "maximum"},
	{"min", "minimum"},
	{"minimal", "minimum"},
	{"modified", "change"},
	{"modifies", "change"},
	{"modify", "change"},
	{"need", "require"},
	{"needed", "require"},
	{"needs", "require"},
	{"param", "parameter"},
	{"parameters", "parameter"},
	{"params", "parameter"},
	{"permit", "allow"},
	{"permits", "allow"},
	{"permitted", "allow"},
	{"pick", "select"},
	{"picked", "select"},
	{"picks", "select"},
	{"place", "position"},
	{"places", "position"},
	{"positions", "position"},
	{"quick", "fast"},
	{"quicker", "fast"},
	{"quickest", "fast"},
	{"quickly", "fast"},
	{"rapid", "fast"},
	{"rapidly", "fast"},
	{"removal", "remove"},
	{"removed", "remove"},
	{"removes", "remove"},
	{"removing", "remove"},
	{"required", "require"},
	{"requires", "require"},
	{"requiring", "require"},
	{"save", "store"},
	{"saved", "store"},
	{"saves", "store"},
	{"saving", "store"},
	{"selected", "select"},
	{"selects", "select"},
	{"showed", "show"},
	{"shown", "show"},
	{"shows", "show"},
	{"smallest", "minimum"},
	{"spot", "position"},
	{"started", "start"},
	{"starting", "start"},
	{"starts", "start"},
	{"stored", "store"},
	{"stores", "store"},
	{"storing", "store"},
	{"used", "use"},
	{"uses", "use"},
	{"using", "use"},
	{"utilise", "use"},
	{"utilize", "use"},
	{"utilized", "use"},
	{"utilizes", "use"},
	{"wholly", "whole"},
};

/* Number words up to twenty, sorted; each keyed as its digits. */
static const char *const numbers[][2] = {
	{"eight", "8"},
	{"eighteen", "18"},
	{"eleven", "11"},
	{"fifteen", "15"},
	{"five", "5"},
	{"four", "4"},
	{"fourteen", "14"},
	{"nine", "9"},
	{"nineteen", "19"},
	{"one", "1"},
	{"seven", "7"},
	{"seventeen", "17"},
	{"six", "6"},
	{"sixteen", "16"},
	{"ten", "10"},
	{"thirteen", "13"},
	{"three", "3"},
	{"twelve", "12"},
	{"twenty", "20"},
	{"two", "2"},
	{"zero", "0"},
};

/* clang-format on */

struct key {
	const char *s;
	size_t n;
};

static int cmp_key(const void *a, const void *b)
{
	const struct key *k = a;
	const char *w = *(const char *const *)b;
	size_t wn = strlen(w);
	size_t m = k->n < wn ? k->n : wn;
	int c = memcmp(k->s, w, m);
	if (c != 0)
		return c;
	return k->n < wn ? -1 : k->n > wn;
}

static bool find(const char *const *list, size_t n, const char *s, size_t len)
{
	struct key k = {s, len};
	return bsearch(&k, list, n, sizeof(*list), cmp_key) != NULL;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

bool lexicon_stop_en(const char *s, size_t n)
{
	return find(en_words, COUNT(en_words), s, n);
}

bool lexicon_stop_zh(const char *s, size_t n)
{
	return find(zh_words, COUNT(zh_words), s, n);
}

bool lexicon_conjunction(const char *s, size_t n)
{
	return find(conjunctions, COUNT(conjunctions), s, n);
}

static int cmp_pair(const void *a, const void *b)
{
	return cmp_key(a, *(const char *const(*)[2])b);
}

const char *lexicon_antonym(const char *s, size_t n)
{
	struct key k = {s, n};
	const char *const(*hit)[2] = bsearch(
		&k, antonyms, COUNT(antonyms), sizeof(antonyms[0]), cmp_pair);
	return hit ? (*hit)[1] : NULL;
}

const char *lexicon_number(const char *s, size_t n)
{
	struct key k = {s, n};
	const char *const(*hit)[2] = bsearch(
		&k, numbers, COUNT(numbers), sizeof(numbers[0]), cmp_pair);
	return hit ? (*hit)[1] : NULL;
}

const char *lexicon_synonym(const char *s, size_t n)
{
	struct key k = {s, n};
	const char *const(*hit)[2] = bsearch(
		&k, synonyms, COUNT(synonyms), sizeof(synonyms[0]), cmp_pair);
	return hit ? (*hit)[1] : NULL;
}

bool lexicon_negator(const char *s, size_t n)
{
	return find(negators, COUNT(negators), s, n);
}
