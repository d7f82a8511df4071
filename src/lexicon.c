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

/* Opposites: a word, then the word it is the opposite of; "not the same"
 * and "different" then say the same thing. Words are compared by their
 * stems (token.c stems both columns), so one inflection stands for all.
 * General English, and direction words (up and down, before and after,
 * faster and slower, add and remove, improve and hurt) so that a claim
 * said the other way round is recognized. */
static const char *const antonyms[][2] = {
	{"absent", "present"},
	{"after", "before"},
	{"asynchronous", "synchronous"},
	{"decrease", "increase"},
	{"degrade", "improve"},
	{"difficult", "easy"},
	{"different", "same"},
	{"disable", "enable"},
	{"disconnected", "connected"},
	{"dissimilar", "similar"},
	{"distinct", "same"},
	{"dynamic", "static"},
	{"expensive", "cheap"},
	{"false", "true"},
	{"fewer", "increase"},
	{"hurt", "improve"},
	{"impossible", "possible"},
	{"inaccurate", "accurate"},
	{"incomplete", "complete"},
	{"inconsistent", "consistent"},
	{"incorrect", "correct"},
	{"ineffective", "effective"},
	{"inefficient", "efficient"},
	{"insufficient", "sufficient"},
	{"invalid", "valid"},
	{"late", "early"},
	{"later", "before"},
	{"less", "increase"},
	{"low", "high"},
	{"lower", "increase"},
	{"manual", "automatic"},
	{"manually", "automatic"},
	{"offline", "online"},
	{"open", "closed"},
	{"outside", "inside"},
	{"prevent", "allow"},
	{"reduce", "increase"},
	{"reduction", "increase"},
	{"remove", "add"},
	{"separate", "same"},
	{"short", "long"},
	{"shorter", "long"},
	{"slow", "fast"},
	{"slower", "fast"},
	{"small", "large"},
	{"smaller", "large"},
	{"sparse", "dense"},
	{"unable", "able"},
	{"unconnected", "connected"},
	{"unlabeled", "labeled"},
	{"unlike", "like"},
	{"unlikely", "likely"},
	{"unstable", "stable"},
	{"unstructured", "structured"},
	{"unsupervised", "supervised"},
	{"weak", "strong"},
	{"worse", "improve"},
	{"worsen", "improve"},
	{"wrong", "correct"},
};

/* Synonyms: a word, then the word of the same meaning it is keyed as.
 * Compared by stems like the opposites. General English, general
 * programming and the ML field's own words; a short list of near-certain
 * synonyms, not a thesaurus. */
static const char *const synonyms[][2] = {
	{"aim", "goal"},
	{"alter", "change"},
	{"annotate", "label"},
	{"annotation", "label"},
	{"argument", "parameter"},
	{"args", "parameter"},
	{"begin", "start"},
	{"better", "improve"},
	{"big", "large"},
	{"bigger", "large"},
	{"biggest", "maximum"},
	{"boost", "increase"},
	{"choose", "select"},
	{"complicated", "complex"},
	{"cheaper", "cheap"},
	{"contaminate", "leak"},
	{"contamination", "leak"},
	{"delete", "remove"},
	{"display", "show"},
	{"duplicate", "copy"},
	{"earlier", "before"},
	{"element", "item"},
	{"employ", "use"},
	{"enable", "allow"},
	{"enhance", "improve"},
	{"entire", "whole"},
	{"erase", "remove"},
	{"every", "each"},
	{"faster", "fast"},
	{"finish", "end"},
	{"frequently", "often"},
	{"greatest", "maximum"},
	{"grow", "increase"},
	{"higher", "increase"},
	{"highest", "maximum"},
	{"huge", "large"},
	{"larger", "large"},
	{"largest", "maximum"},
	{"leakage", "leak"},
	{"longer", "long"},
	{"location", "position"},
	{"lowest", "minimum"},
	{"max", "maximum"},
	{"maximal", "maximum"},
	{"min", "minimum"},
	{"minimal", "minimum"},
	{"mistake", "error"},
	{"modify", "change"},
	{"more", "increase"},
	{"need", "require"},
	{"param", "parameter"},
	{"params", "parameter"},
	{"permit", "allow"},
	{"pick", "select"},
	{"quick", "fast"},
	{"quicker", "fast"},
	{"quickly", "fast"},
	{"raise", "increase"},
	{"rapid", "fast"},
	{"rapidly", "fast"},
	{"rise", "increase"},
	{"save", "store"},
	{"slowly", "slow"},
	{"smallest", "minimum"},
	{"tiny", "small"},
	{"utilize", "use"},
	{"wholly", "whole"},
};

/* Paraphrases: phrases of the same meaning, in English and Chinese, one
 * class per line (NULL-terminated). The grader adds, to a key point or a
 * misconception that contains one of them, the forms with each other one
 * instead: "low latency" is also "low response time". The ML field's own
 * vocabulary only, with the plain words people use for it. */
static const char *const paraphrases[][LEXICON_CLASS_MAX + 1] = {
	{"latency", "response time", "delay", "延迟", "时延", NULL},
	{"throughput", "requests per second", "queries per second", "吞吐量",
		NULL},
	{"knowledge distillation", "distillation", "student teacher",
		"teacher student", "imitate a larger model",
		"mimic a larger model", "蒸馏", NULL},
	{"quantization", "lower precision", "fewer bits", "量化", NULL},
	{"batching", "batch processing", "process requests together", "批处理",
		NULL},
	{"hallucination", "made up facts", "fabricated facts", "幻觉", NULL},
	{"fine-tuning", "fine tune", "further training", "微调", NULL},
	{"embedding", "vector representation", "嵌入", "向量表示", NULL},
	{"overfitting", "memorize the training data", "过拟合", NULL},
	{"retrieval augmented generation", "检索增强生成", NULL},
	{"prompt engineering", "提示工程", NULL},
	{"large language model", "大语言模型", "大模型", NULL},
	{"inference", "推理", NULL},
	{"training data", "训练数据", NULL},
	{"data quality", "quality of the data", "数据质量", NULL},
	{"evaluation", "评估", NULL},
	{"monitoring", "监控", NULL},
	{"deployment", "部署", NULL},
	{"vector database", "vector store", "向量数据库", NULL},
	{"context window", "context length", "上下文窗口", NULL},
	{"kv cache", "key value cache", NULL},
	{"a/b test", "split test", "online experiment", NULL},
	{"ground truth", "true labels", NULL},
	{"cold start", "冷启动", NULL},
	{"feature engineering", "特征工程", NULL},
	{"recommender system", "recommendation system", "推荐系统", NULL},
	{"data drift", "distribution shift", "数据漂移", NULL},
	{"chain of thought", "step by step reasoning", "思维链", NULL},
	{"accuracy", "准确率", NULL},
	{"cost", "成本", NULL},
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

/* Words kept from the list above because they change what an answer says
 * (so the grader must see them), but that never make a key point of one:
 * keyword generation passes them over with the stop words. Sorted. */
static const char *const content_words[] = {
	"above",
	"after",
	"again",
	"against",
	"allows",
	"based",
	"because",
	"before",
	"below",
	"better",
	"between",
	"both",
	"cannot",
	"different",
	"doesn",
	"during",
	"each",
	"ensure",
	"ensures",
	"every",
	"example",
	"first",
	"helps",
	"large",
	"less",
	"making",
	"many",
	"more",
	"most",
	"much",
	"needs",
	"often",
	"only",
	"over",
	"rather",
	"same",
	"since",
	"some",
	"specific",
	"under",
	"until",
	"using",
	"well",
	"without",
};

/* clang-format on */

struct key {
	const char *s;
	size_t n;
};

/* memcmp's order (unsigned bytes, a prefix first) in one pass, without
 * measuring the word first: tokenizing calls this for most words. */
static int cmp_key(const void *a, const void *b)
{
	const struct key *k = a;
	const unsigned char *s = (const unsigned char *)k->s;
	const unsigned char *w = *(const unsigned char *const *)b;
	for (size_t i = 0; i < k->n; i++) {
		if (!w[i])
			return 1;
		if (s[i] != w[i])
			return s[i] < w[i] ? -1 : 1;
	}
	return w[k->n] ? -1 : 0;
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

bool lexicon_stop_content(const char *s, size_t n)
{
	return find(en_words, COUNT(en_words), s, n) ||
		find(content_words, COUNT(content_words), s, n);
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

size_t lexicon_antonyms(const char *const (**pairs)[2])
{
	*pairs = antonyms;
	return COUNT(antonyms);
}

size_t lexicon_synonyms(const char *const (**pairs)[2])
{
	*pairs = synonyms;
	return COUNT(synonyms);
}

size_t lexicon_paraphrases(const char *const (**classes)[LEXICON_CLASS_MAX + 1])
{
	*classes = paraphrases;
	return COUNT(paraphrases);
}

const char *lexicon_number(const char *s, size_t n)
{
	struct key k = {s, n};
	const char *const(*hit)[2] = bsearch(
		&k, numbers, COUNT(numbers), sizeof(numbers[0]), cmp_pair);
	return hit ? (*hit)[1] : NULL;
}

bool lexicon_negator(const char *s, size_t n)
{
	return find(negators, COUNT(negators), s, n);
}
