/* stopwords: fixed, sorted word lists searched by binary search. */
#include "stopwords.h"

#include <stdlib.h>
#include <string.h>

/* Sorted (strcmp order). Not here on purpose: not no nor never none
 * nothing neither without cannot before after during until above below up
 * down over under all each every any some only same different more most
 * less least few many both first last again between within because. */
static const char *const en_words[] = {
	"a", "about", "also", "am", "an", "and", "are", "as", "at", "be",
	"been", "being", "but", "by", "can", "could", "d", "did", "do",
	"does", "doing", "e", "eg", "etc", "for", "from", "further", "g",
	"had", "has", "have", "having", "he", "hence", "her", "here", "hers",
	"herself", "him", "himself", "his", "how", "however", "i", "ie", "if",
	"in", "into", "is", "it", "its", "itself", "just", "let", "lets",
	"ll", "m", "may", "me", "might", "must", "my", "myself", "of", "off",
	"on", "once", "or", "other", "our", "ours", "ourselves", "out", "own",
	"re", "s", "shall", "she", "should", "so", "such", "t", "than",
	"that", "the", "their", "theirs", "them", "themselves", "then",
	"there", "therefore", "these", "they", "this", "those", "through",
	"thus", "to", "too", "ve", "very", "via", "was", "we", "were", "what",
	"when", "where", "whether", "which", "while", "who", "whom", "whose",
	"why", "will", "with", "would", "you", "your", "yours", "yourself",
	"yourselves",
};

/* Sorted by bytes. Negators (不 没 没有 无 非 未) are not here. */
static const char *const zh_words[] = {
	"一个", "与", "个", "中", "为", "之", "也", "了", "于", "他", "他们",
	"以", "以及", "们", "但是", "你", "你们", "其", "及", "可以", "吗", "吧",
	"呢", "和", "啊", "因为", "在", "她", "如果", "它", "对", "就", "并",
	"并且", "我", "我们", "或", "或者", "所以", "把", "是", "然后", "的",
	"着", "等", "而", "而且", "被", "过", "这", "这个", "进行", "通过", "那",
	"那个", "都",
};

static const char *const negators[] = {
	"cannot", "neither", "never", "no", "none", "nor", "not", "nothing",
	"without", "不", "无", "未", "没", "没有", "非",
};

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

static bool find(const char *const *list, size_t n, const char *s,
	size_t len)
{
	struct key k = {s, len};
	return bsearch(&k, list, n, sizeof(*list), cmp_key) != NULL;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

bool stopwords_en(const char *s, size_t n)
{
	return find(en_words, COUNT(en_words), s, n);
}

bool stopwords_zh(const char *s, size_t n)
{
	return find(zh_words, COUNT(zh_words), s, n);
}

bool stopwords_negator(const char *s, size_t n)
{
	return find(negators, COUNT(negators), s, n);
}
