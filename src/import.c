/* import: Markdown interview notes to bank questions. The recognisers are
 * tables (books, chapter headings, topic headings, question prefixes,
 * answer markers, summary and residue headings); the line loop below
 * applies them in a fixed order. doc/BANK.md describes the rules. */
#include "import.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "norm.h"
#include "tunables.h"
#include "util.h"

/* ---- tables ----------------------------------------------------------- */

/* A heading whose cleaned text equals one of these names a book. */
static const struct {
	const char *heading;
	const char *book;
} book_headings[] = {
	{"MLSD", "mlsd"},
	{"AIE", "aie"},
};

/* Words that introduce a numbered chapter ("ch1.1", "Chapter 8.2 : x",
 * "AI Engineering - Chapter 8.1: y"): the long one anywhere after a book
 * name, the short one only at the start. */
static const char *const chapter_word_long = "chapter";
static const char *const chapter_word_short = "ch";

/* Section headings that start a chapter of their own, by substring of the
 * cleaned heading text (case-insensitive). Book "review": 001's review
 * sections; "notes": 002's 80/20 notes, one chapter per top-level topic;
 * "role": 004's role-interview sections. */
static const struct {
	const char *match;
	const char *chapter;
	const char *title;
} section_chapters[] = {
	{"Common Interview Questions & How", "review-common",
		"Common interview questions (review)"},
	{"Python for ML", "notes-python", "Python for ML"},
	{"Pandas + NumPy", "notes-pandas", "Pandas and NumPy"},
	{"EDA + Feature Engineering", "notes-eda",
		"EDA and feature engineering"},
	{"scikit-learn —", "notes-sklearn", "scikit-learn"},
	{"Evaluation Metrics —", "notes-metrics", "Evaluation metrics"},
	{"Deep Learning Basics (PyTorch)", "notes-pytorch",
		"Deep learning basics (PyTorch)"},
	{"Deep Learning Basics (TensorFlow", "notes-keras",
		"Deep learning basics (TensorFlow/Keras)"},
	{"Model Deployment —", "notes-deploy", "Model deployment"},
	{"80/20 SQL", "notes-sql", "SQL for ML engineers"},
	{"80/20 MongoDB", "notes-mongodb", "MongoDB for ML engineers"},
	{"80/20 Data Engineering", "notes-dataeng",
		"Data engineering for ML engineers"},
	{"80/20 ML System Design", "notes-sysdesign", "ML system design"},
	{"End-to-End ML Project", "notes-project", "End-to-end ML project"},
	{"Azure ML —", "notes-azure", "Azure for ML"},
	{"Transformers / Large Language Models", "notes-llm",
		"Transformers and large language models"},
	{"2) Retrieval-Augmented Generation", "notes-rag",
		"Retrieval-augmented generation (RAG)"},
	{"Vector Embeddings and Vector Databases", "notes-embeddings",
		"Embeddings and vector databases"},
	{"Agentic AI (AI Agents)", "notes-agents", "Agentic AI"},
	{"Fine-Tuning Techniques", "notes-finetuning",
		"Fine-tuning (LoRA, QLoRA)"},
	{"Evaluation for Generation", "notes-geneval",
		"Evaluation for generation"},
	{"Tooling and Orchestration", "notes-tooling",
		"Tooling and orchestration"},
	{"Hallucination Reduction Techniques", "notes-hallucination",
		"Hallucination reduction and decoding"},
	{"8) Multimodal Models", "notes-multimodal", "Multimodal models"},
	{"LLM Efficiency & Deployment Tech", "notes-efficiency",
		"LLM efficiency and deployment"},
	{"Safety, Bias & Robustness", "notes-safety",
		"Safety, bias and robustness"},
	{"LLM SYSTEM DESIGN", "notes-llmsys", "LLM system design"},
	{"Data Science & Generative AI", "role-genai",
		"Data science and generative AI"},
	{"Machine Learning & Deep Learning", "role-ml",
		"Machine learning and deep learning"},
	{"Engineering & Development", "role-eng",
		"Engineering and development"},
	{"Problem-Solving & Soft Skills", "role-soft",
		"Problem solving and soft skills"},
};

/* Headings of the chat assistant's closing offers: their sections are
 * dropped. */
static const char *const residue_headings[] = {
	"Next topic",
	"What next",
	"Next step",
	"Next Steps",
	"want next",
	"If you want, I can",
	"Want the next",
	"Want a ",
	"Next 80/20 topic",
	"Next Step Options",
	"Learning Plan",
	"Minimal Practical Skills",
};

/* Lines of chat residue dropped anywhere. */
static const char *const residue_lines[] = {
	"Want me to",
	"If you want, I can",
	"If you want me to",
	"Would you like",
	"Choose one:",
	"Pick one:",
	"Choose the next one:",
	"Choose your next",
};

/* Headings that open a key-takeaways block (a summary question). */
static const char *const summary_headings[] = {
	"Key Takeaways",
	"Final Takeaways",
	"句话总结",
};

/* Question prefixes, after emoji and emphasis are removed. */
static const struct {
	const char *prefix; /* then digits, then one of the separators */
	bool numbered;
	const char *lang;
} question_prefixes[] = {
	{"Q", true, NULL},
	{"面试官问", true, "zh"},
	{"Q:", false, NULL},
};

/* Lines that open an answer; the marker is dropped. */
static const char *const answer_markers[] = {
	"Answer:",
	"回答要点：",
	"回答：",
	"A:",
};

/* Count words that make a heading a concept ("Six Characteristics of
 * High-Quality Data" -> "What are the six characteristics ...?"). */
static const char *const count_words[] = {
	"Two ",
	"Three ",
	"Four ",
	"Five ",
	"Six ",
	"Seven ",
	"Eight ",
	"Nine ",
	"Ten ",
};

/* Headings of a cheat-sheet section: a table that sums up the chapter
 * ("80/20 Summary (Interview Ready)", "Combined 80/20 View (Interview
 * Cheat Sheet)"). With a table in its body it is a concept question
 * answered by the table. */
static const char *const sheet_headings[] = {
	"80/20 Summary",
	"Summary Table",
	"Cheat Sheet",
	"Combined 80/20 View",
};

/* Topic chapters written as one section per skill: their sections, each
 * with its first line of prose, answer an overview question ("What are
 * the essentials of Python for ML?"). */
static const char *const overview_chapters[] = {
	"notes-python",
	"notes-pandas",
	"notes-eda",
	"notes-sklearn",
	"notes-metrics",
	"notes-pytorch",
	"notes-keras",
};

/* Topic chapters whose sections each end with an "80/20 takeaway:" line
 * (deployment tools, data engineering, ML system design, Azure): such a
 * section, code left out, answers a question on its heading. */
static const char *const takeaway_chapters[] = {
	"notes-deploy",
	"notes-dataeng",
	"notes-sysdesign",
	"notes-azure",
};

/* The line that opens a section's takeaway. */
static const char *const takeaway_marker = "80/20 takeaway";

/* Words by which a heading flags its section as a key point ("6.
 * Pipelines (very important for interviews)"): such a section without
 * sub-sections, code included, answers a question on its heading. */
static const char *const key_section_flags[] = {
	"very important",
	"most important",
	"heart of",
};

/* Sections an overview leaves out: worked examples and diagrams (a
 * cheat sheet, takeaways and chat residue are left out too). */
static const char *const overview_skip[] = {
	"ONE ",
	"Example",
	"Diagram",
};

/* Topical tags: a question gets the tag when one of the triggers occurs
 * (case-insensitively, at a word start) in its question text, or in its
 * chapter id for the chapter triggers. */
static const struct {
	const char *tag;
	const char *triggers[12];
} tag_rules[] = {
	{"llm",
		{"llm", "language model", "gpt", "transformer", "foundation",
			"generative", "lora", "prompt", "大模型", NULL}},
	{"rag",
		{"rag", "retrieval", "vector", "embedding", "faiss", "milvus",
			NULL}},
	{"data",
		{"data", "dataset", "annotation", "etl", "elt", "数据",
			"deduplication", "synthetic", NULL}},
	{"deployment",
		{"deploy", "production", "inference", "latency", "serving",
			"real-time", "推理", "生产", "scalab", NULL}},
	{"evaluation",
		{"evaluat", "metric", "accuracy", "performance of", "score",
			NULL}},
	{"sql",
		{"sql", "relational", "oltp", "olap", "database", "warehouse",
			"lakehouse", NULL}},
	{"agents", {"agent", "react", "langchain", "tools can", NULL}},
	{"fine-tuning",
		{"fine-tun", "lora", "distillation", "transfer learning",
			NULL}},
	{"safety", {"safety", "bias", "ethic", "robust", "interpretab", NULL}},
	{"system-design", {"design", "architecture", "设计", "system", NULL}},
	{"business",
		{"business", "product ", "products", "competitive",
			"enterprise", "build or buy", "jobs", NULL}},
	{"ml-basics",
		{"overfitting", "supervised", "cnn", "rnn", "imbalanced",
			"framework", "machine learning", "机器学习", NULL}},
};

/* Tags every question of a chapter gets (by chapter id prefix). */
static const struct {
	const char *chapter;
	const char *tag;
} chapter_tags[] = {
	{"mlsd-3", "data"},
	{"aie-8", "data"},
	{"notes-rag", "rag"},
	{"notes-embeddings", "rag"},
	{"notes-agents", "agents"},
	{"notes-agents", "llm"},
	{"notes-finetuning", "fine-tuning"},
	{"notes-finetuning", "llm"},
	{"notes-multimodal", "llm"},
	{"notes-efficiency", "deployment"},
	{"notes-efficiency", "llm"},
	{"notes-safety", "safety"},
	{"notes-safety", "llm"},
	{"notes-llmsys", "llm"},
	{"notes-llmsys", "system-design"},
	{"notes-python", "ml-basics"},
	{"notes-pandas", "data"},
	{"notes-eda", "data"},
	{"notes-sklearn", "ml-basics"},
	{"notes-metrics", "evaluation"},
	{"notes-pytorch", "ml-basics"},
	{"notes-keras", "ml-basics"},
	{"notes-deploy", "deployment"},
	{"notes-sql", "sql"},
	{"notes-mongodb", "data"},
	{"notes-dataeng", "data"},
	{"notes-sysdesign", "system-design"},
	{"notes-project", "system-design"},
	{"notes-azure", "deployment"},
	{"notes-llm", "llm"},
	{"notes-geneval", "evaluation"},
	{"notes-geneval", "llm"},
	{"notes-hallucination", "llm"},
};

/* Bold spans and list heads that are scaffolding, not key points. */
static const char *const keyword_stoplist[] = {
	"answer",
	"example",
	"examples",
	"solution",
	"key insight",
	"key difference",
	"key advantage",
	"key takeaway",
	"benefits",
	"risks",
	"note",
	"pros",
	"cons",
	"factor",
	"method",
	"approach",
	"best for",
	"use case examples",
	"key considerations",
	"strengths",
	"weaknesses",
	"ideal uses",
	"in summary",
	"remember",
	"important points",
	"concept",
	"generative tasks",
	"model",
	"challenge 1",
	"challenge 2",
	"challenge 3",
	"observation",
	"description",
	"key focus",
	"characteristic",
	"impact",
	"training phase",
	"required data format",
	"transformation stage",
	"structured data (warehouse)",
	"unstructured data (lake)",
	"meaning",
	"purpose",
	"80/20 meaning",
	"80/20 explanation",
	"80/20 takeaway",
	"tool",
	"layer",
	"a",
	"q",
};

static const char *const content_stopwords[] = {
	"about",
	"above",
	"after",
	"again",
	"against",
	"allows",
	"also",
	"because",
	"before",
	"being",
	"below",
	"between",
	"both",
	"cannot",
	"could",
	"doesn",
	"during",
	"each",
	"every",
	"example",
	"first",
	"from",
	"have",
	"having",
	"helps",
	"into",
	"itself",
	"large",
	"less",
	"making",
	"many",
	"might",
	"more",
	"most",
	"much",
	"must",
	"needs",
	"often",
	"only",
	"other",
	"over",
	"same",
	"should",
	"since",
	"some",
	"such",
	"than",
	"that",
	"their",
	"them",
	"then",
	"there",
	"these",
	"they",
	"this",
	"those",
	"through",
	"under",
	"until",
	"using",
	"very",
	"well",
	"were",
	"what",
	"when",
	"where",
	"which",
	"while",
	"will",
	"with",
	"without",
	"would",
	"your",
	"better",
	"based",
	"different",
	"ensure",
	"ensures",
	"specific",
	"rather",
};

/* ---- small helpers ---------------------------------------------------- */

static bool starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t pl = strlen(prefix);
	return n >= pl && strncasecmp(s, prefix, pl) == 0;
}

static const char *find_ci(const char *s, const char *needle)
{
	size_t nl = strlen(needle);
	for (; *s; s++)
		if (strncasecmp(s, needle, nl) == 0)
			return s;
	return NULL;
}

static bool is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

static bool has_han(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t r = norm_decode_strict(s + i, len - i, &cp);
		if (r == 0)
			return false;
		if (is_han(cp))
			return true;
		i += r;
	}
	return false;
}

static bool is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static char *trim_dup(const char *s)
{
	size_t n = strlen(s);
	trim(&s, &n);
	return xstrndup(s, n);
}

/* ---- inline cleaning: emphasis and emoji ------------------------------ */

static bool is_emoji(int32_t cp)
{
	if (cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || cp == 0x20E3)
		return true;
	if (cp == 0xA9 || cp == 0xAE || cp == 0x2122 ||
		(cp >= 0x2190 && cp <= 0x21FF))
		return false; /* ©®™ and arrows read as text */
	return norm_is_pictographic(cp);
}

/* Appends one line with emoji replaced: a keycap digit becomes "N.", a
 * check mark "+" and a cross "-" (readable in tables and lists), other
 * emoji vanish. */
static void add_without_emoji(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t cl = norm_decode_strict(s + i, n - i, &cp);
		if (cl == 0) {
			i++;
			continue;
		}
		if (cp >= '0' && cp <= '9') {
			/* keycap: digit, optional VS16, U+20E3 */
			size_t j = i + 1;
			if (j + 3 <= n && memcmp(s + j, "\xef\xb8\x8f", 3) == 0)
				j += 3;
			if (j + 3 <= n &&
				memcmp(s + j, "\xe2\x83\xa3", 3) == 0) {
				buf_addc(out, (char)cp);
				buf_addc(out, '.');
				i = j + 3;
				continue;
			}
		}
		if (cp == 0x2705 || cp == 0x2714 || cp == 0x2611) {
			buf_addc(out, '+');
		} else if (cp == 0x274C || cp == 0x2716) {
			buf_addc(out, '-');
		} else if (!is_emoji(cp)) {
			buf_add(out, s + i, cl);
		}
		i += cl;
	}
}

/* Removes emphasis markers: "**", "__", and single '*' pairs around text
 * ("*What is X?*", "*80/20 takeaway:*"), but not a bullet "* " or the
 * product "a * b". */
static char *strip_emphasis(const char *s)
{
	size_t n = strlen(s);
	bool *drop = xcalloc(n + 1, sizeof *drop);
	for (size_t i = 0; i < n; i++) {
		if ((s[i] == '*' || s[i] == '_') && i + 1 < n &&
			s[i + 1] == s[i]) {
			drop[i] = drop[i + 1] = true;
			i++;
		}
	}
	/* pair a single '*' that opens (start or space before, text after)
	 * with the next that closes (text before, space or end after) */
	size_t open = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '*' || drop[i])
			continue;
		bool space_before = i == 0 ||
			isspace((unsigned char)s[i - 1]) || s[i - 1] == '(';
		bool space_after =
			i + 1 >= n || isspace((unsigned char)s[i + 1]);
		bool text_after = !space_after;
		bool text_before = !space_before;
		if (open == (size_t)-1 && space_before && text_after) {
			open = i;
		} else if (open != (size_t)-1 && text_before &&
			(space_after || ispunct((unsigned char)s[i + 1]))) {
			drop[open] = drop[i] = true;
			open = (size_t)-1;
		}
	}
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	for (size_t i = 0; i < n; i++)
		if (!drop[i])
			buf_addc(&out, s[i]);
	free(drop);
	return buf_steal(&out);
}

/* One line of Markdown as plain text: emoji and emphasis gone, spaces
 * collapsed. */
static char *clean_inline(const char *s, size_t n)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	add_without_emoji(&b, s, n);
	char *noemph = strip_emphasis(b.data);
	buf_free(&b);
	/* collapse runs of spaces left by removals */
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	size_t len = strlen(noemph);
	size_t lead = 0;
	while (lead < len && noemph[lead] == ' ')
		lead++;
	for (size_t i = 0; i < lead; i++)
		buf_addc(&out, ' ');
	for (size_t i = lead; i < len; i++) {
		if (noemph[i] == ' ' && out.len && out.data[out.len - 1] == ' ')
			continue;
		buf_addc(&out, noemph[i]);
	}
	free(noemph);
	while (out.len && isspace((unsigned char)out.data[out.len - 1]))
		out.data[--out.len] = '\0';
	return buf_steal(&out);
}

/* ---- Markdown to plain text ------------------------------------------- */

static size_t display_width(const char *s)
{
	return norm_width(s, strlen(s));
}

static bool is_table_sep(const char *s)
{
	bool dash = false;
	for (; *s; s++) {
		if (*s == '-')
			dash = true;
		else if (*s != '|' && *s != ':' && *s != ' ')
			return false;
	}
	return dash;
}

/* Splits a table row "| a | b |" into cleaned cells. */
static size_t table_cells(const char *row, char ***out)
{
	size_t n = 0;
	size_t cap = 0;
	char **cells = NULL;
	const char *p = row;
	while (*p == ' ')
		p++;
	if (*p == '|')
		p++;
	while (*p) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *s = p;
		size_t sl = len;
		trim(&s, &sl);
		if (!e && sl == 0)
			break;
		xgrow((void **)&cells, &cap, n + 1, sizeof *cells);
		cells[n++] = clean_inline(s, sl);
		if (!e)
			break;
		p = e + 1;
	}
	*out = cells;
	return n;
}

static void free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

/* Renders table rows as aligned columns separated by two spaces, with a
 * dashed rule under the header. */
static void render_table(struct buf *out, char **rows, size_t n_rows)
{
	char ***cells = xcalloc(n_rows, sizeof *cells);
	size_t *nc = xcalloc(n_rows, sizeof *nc);
	size_t cols = 0;
	for (size_t r = 0; r < n_rows; r++) {
		nc[r] = table_cells(rows[r], &cells[r]);
		if (nc[r] > cols)
			cols = nc[r];
	}
	size_t *w = xcalloc(cols ? cols : 1, sizeof *w);
	for (size_t r = 0; r < n_rows; r++)
		for (size_t c = 0; c < nc[r]; c++) {
			size_t dw = display_width(cells[r][c]);
			if (dw > w[c])
				w[c] = dw;
		}
	for (size_t r = 0; r < n_rows; r++) {
		size_t line_start = out->len;
		for (size_t c = 0; c < nc[r]; c++) {
			buf_adds(out, cells[r][c]);
			if (c + 1 < nc[r]) {
				size_t pad = w[c] - display_width(cells[r][c]);
				for (size_t k = 0; k < pad + 2; k++)
					buf_addc(out, ' ');
			}
		}
		while (out->len > line_start && out->data[out->len - 1] == ' ')
			out->data[--out->len] = '\0';
		buf_addc(out, '\n');
		if (r == 0 && n_rows > 1) {
			size_t total = 0;
			for (size_t c = 0; c < cols; c++)
				total += w[c] + (c + 1 < cols ? 2 : 0);
			for (size_t k = 0; k < total; k++)
				buf_addc(out, '-');
			buf_addc(out, '\n');
		}
	}
	for (size_t r = 0; r < n_rows; r++)
		free_cells(cells[r], nc[r]);
	free(cells);
	free(nc);
	free(w);
}

static bool is_residue_line(const char *s, size_t n)
{
	trim(&s, &n);
	for (size_t i = 0; i < sizeof residue_lines / sizeof *residue_lines;
		i++)
		if (starts_ci(s, n, residue_lines[i]))
			return true;
	return false;
}

/* Removes the indentation every line shares, and a bullet before a
 * number ("- 1. x" -> "1. x"). Frees text. */
static char *dedent(char *text)
{
	size_t min = (size_t)-1;
	for (const char *l = text; *l;) {
		size_t ind = strspn(l, " ");
		if (l[ind] && l[ind] != '\n' && ind < min)
			min = ind;
		const char *nl = strchr(l, '\n');
		if (!nl)
			break;
		l = nl + 1;
	}
	if (min == (size_t)-1)
		min = 0;
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		size_t skip = n >= min ? min : n;
		const char *s = l + skip;
		size_t sl = n - skip;
		size_t ind = strspn(s, " ");
		if (ind + 3 < sl && s[ind] == '-' && s[ind + 1] == ' ' &&
			isdigit((unsigned char)s[ind + 2]) &&
			s[ind + 3] == '.') {
			buf_add(&out, s, ind);
			s += ind + 2;
			sl -= ind + 2;
		}
		buf_add(&out, s, sl);
		if (!nl)
			break;
		buf_addc(&out, '\n');
		l = nl + 1;
	}
	free(text);
	return buf_steal(&out);
}

char *import_clean_markdown(const char *md, size_t len)
{
	struct buf out;
	buf_init(&out);
	buf_add(&out, "", 0);
	char **table = NULL;
	size_t n_table = 0;
	size_t cap_table = 0;
	bool blank_pending = false;
	bool in_code = false;
	const char *p = md;
	const char *end = md + len;
	while (p <= end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *raw = xstrndup(p, n);
		const char *s = raw;
		size_t sl = n;
		while (sl && isspace((unsigned char)s[sl - 1]))
			sl--;
		/* blockquote marker */
		const char *t = s;
		size_t tl = sl;
		trim(&t, &tl);
		if (tl && *t == '>') {
			t++;
			tl--;
			trim(&t, &tl);
			s = t;
			sl = tl;
		}
		bool fence = tl >= 3 && strncmp(t, "```", 3) == 0;
		if (fence || in_code) {
			if (n_table) {
				render_table(&out, table, n_table);
				for (size_t i = 0; i < n_table; i++)
					free(table[i]);
				n_table = 0;
			}
			if (fence) {
				in_code = !in_code;
			} else {
				/* code: verbatim, indented by four spaces */
				if (blank_pending)
					buf_addc(&out, '\n');
				blank_pending = false;
				size_t rl = n;
				while (rl &&
					isspace((unsigned char)raw[rl - 1]))
					rl--;
				if (rl)
					buf_adds(&out, "    ");
				buf_add(&out, raw, rl);
				buf_addc(&out, '\n');
			}
			free(raw);
			if (!nl)
				break;
			p = nl + 1;
			continue;
		}
		bool is_row = tl && *t == '|';
		if (is_row) {
			char *row = xstrndup(t, tl);
			if (is_table_sep(row)) {
				free(row);
			} else {
				xgrow((void **)&table, &cap_table, n_table + 1,
					sizeof *table);
				table[n_table++] = row;
			}
		} else if (n_table) {
			if (blank_pending && out.len)
				buf_addc(&out, '\n');
			blank_pending = false;
			render_table(&out, table, n_table);
			for (size_t i = 0; i < n_table; i++)
				free(table[i]);
			n_table = 0;
		}
		if (!is_row) {
			if (is_blank(s, sl) || is_residue_line(s, sl)) {
				if (out.len)
					blank_pending = true;
			} else {
				/* indentation, then a bullet marker */
				size_t ind = 0;
				while (ind < sl &&
					(s[ind] == ' ' || s[ind] == '\t'))
					ind++;
				char *c = clean_inline(s + ind, sl - ind);
				size_t lead = strspn(c, " ");
				memmove(c, c + lead, strlen(c + lead) + 1);
				if (c[0]) {
					if (blank_pending)
						buf_addc(&out, '\n');
					blank_pending = false;
					for (size_t k = 0; k < ind; k++)
						buf_addc(&out, ' ');
					if (c[0] == '*' && c[1] == ' ') {
						c[0] = '-';
					} else if (c[0] == '#') {
						size_t h = 0;
						while (c[h] == '#')
							h++;
						memmove(c,
							c + h + (c[h] == ' '),
							strlen(c + h +
								(c[h] == ' ')) +
								1);
					}
					buf_adds(&out, c);
					buf_addc(&out, '\n');
				}
				free(c);
			}
		}
		free(raw);
		if (!nl)
			break;
		p = nl + 1;
	}
	if (n_table) {
		if (blank_pending && out.len)
			buf_addc(&out, '\n');
		render_table(&out, table, n_table);
		for (size_t i = 0; i < n_table; i++)
			free(table[i]);
	}
	free(table);
	while (out.len && out.data[out.len - 1] == '\n')
		out.data[--out.len] = '\0';
	return dedent(buf_steal(&out));
}

/* ---- keywords --------------------------------------------------------- */

struct kwlist {
	struct quiz_keyword *kw;
	size_t n;
	size_t cap;
};

static bool stopped(const char *term)
{
	for (size_t i = 0;
		i < sizeof keyword_stoplist / sizeof *keyword_stoplist; i++)
		if (strcasecmp(term, keyword_stoplist[i]) == 0)
			return true;
	return false;
}

static struct quiz_keyword *kw_find(struct kwlist *l, const char *term)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->kw[i].term, term) == 0)
			return &l->kw[i];
	return NULL;
}

static void kw_add_alias(struct quiz_keyword *k, const char *alias)
{
	for (size_t i = 0; i < k->n_aliases; i++)
		if (strcasecmp(k->aliases[i], alias) == 0)
			return;
	k->aliases =
		xrealloc(k->aliases, (k->n_aliases + 1) * sizeof *k->aliases);
	k->aliases[k->n_aliases++] = xstrdup(alias);
}

/* Adds a candidate keyword (raw Markdown text); a repeated term keeps the
 * larger weight. */
static void kw_add(struct kwlist *l, const char *raw, size_t n, double weight)
{
	char *c = clean_inline(raw, n);
	char *t = trim_dup(c);
	free(c);
	size_t tl = strlen(t);
	while (tl &&
		(t[tl - 1] == ':' || t[tl - 1] == '.' || t[tl - 1] == ',' ||
			t[tl - 1] == ';'))
		t[--tl] = '\0';
	if (tl < 2 || tl > IMPORT_KEYWORD_TERM_MAX || stopped(t) ||
		strstr(t, "Challenge") == t || strstr(t, "→")) {
		free(t);
		return;
	}
	struct quiz_keyword *k = kw_find(l, t);
	if (k) {
		if (weight > k->weight)
			k->weight = weight;
		free(t);
		return;
	}
	xgrow((void **)&l->kw, &l->cap, l->n + 1, sizeof *l->kw);
	k = &l->kw[l->n++];
	memset(k, 0, sizeof *k);
	k->term = t;
	k->weight = weight;
}

/* "ABC (Expansion Of Words)" or "Expansion Of Words (ABC)": the acronym
 * as the term and the expansion, lower-cased, as its alias. */
static void kw_acronyms(struct kwlist *l, const char *text)
{
	for (const char *p = strchr(text, '('); p; p = strchr(p + 1, '(')) {
		const char *close = strchr(p, ')');
		if (!close)
			break;
		char *inside = xstrndup(p + 1, (size_t)(close - p - 1));
		/* word before the parenthesis */
		const char *we = p;
		while (we > text && we[-1] == ' ')
			we--;
		const char *ws = we;
		while (ws > text &&
			(isalnum((unsigned char)ws[-1]) || ws[-1] == '-'))
			ws--;
		char *before = xstrndup(ws, (size_t)(we - ws));
		bool before_acr = strlen(before) >= 2 && strlen(before) <= 6;
		for (const char *q = before; *q && before_acr; q++)
			if (!isupper((unsigned char)*q) &&
				!isdigit((unsigned char)*q))
				before_acr = false;
		bool inside_acr = strlen(inside) >= 2 && strlen(inside) <= 6;
		for (const char *q = inside; *q && inside_acr; q++)
			if (!isupper((unsigned char)*q) &&
				!isdigit((unsigned char)*q))
				inside_acr = false;
		if (before_acr && strchr(inside, ' ') &&
			strlen(inside) <= IMPORT_KEYWORD_TERM_MAX &&
			!strchr(inside, ',')) {
			char *exp = clean_inline(inside, strlen(inside));
			for (char *c = exp; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			kw_add(l, before, strlen(before), 1.5);
			struct quiz_keyword *k = kw_find(l, before);
			if (k)
				kw_add_alias(k, exp);
			free(exp);
		} else if (inside_acr) {
			/* expansion: up to 5 capitalised words before */
			const char *s = we;
			int words = 0;
			const char *cand = we;
			while (s > text && words < 5) {
				const char *e = s;
				while (e > text && e[-1] == ' ')
					e--;
				const char *b = e;
				while (b > text &&
					!isspace((unsigned char)b[-1]) &&
					b[-1] != '*' && b[-1] != '(')
					b--;
				if (b == e || !isupper((unsigned char)*b))
					break;
				cand = b;
				s = b;
				words++;
			}
			if (words >= 2) {
				char *exp = xstrndup(cand, (size_t)(we - cand));
				char *ce = clean_inline(exp, strlen(exp));
				for (char *c = ce; *c; c++)
					*c = (char)tolower((unsigned char)*c);
				kw_add(l, inside, strlen(inside), 1.5);
				struct quiz_keyword *k = kw_find(l, inside);
				if (k)
					kw_add_alias(k, ce);
				free(ce);
				free(exp);
			}
		}
		free(before);
		free(inside);
	}
}

static bool content_stop(const char *w)
{
	for (size_t i = 0;
		i < sizeof content_stopwords / sizeof *content_stopwords; i++)
		if (strcasecmp(w, content_stopwords[i]) == 0)
			return true;
	return false;
}

/* Fills up to the minimum with the answer's most frequent content words
 * (ASCII words of 5+ letters), or for Chinese the phrase heads of its
 * lines. */
static void kw_fill(struct kwlist *l, const char *clean)
{
	if (l->n >= IMPORT_KEYWORDS_MIN)
		return;
	if (has_han(clean)) {
		/* Chinese: the heads of the lines first, then the other
		 * segments between separators. */
		static const char *const seps[] = {"（", "）", "：", "，", "、",
			"。", "；", "(", ")", ":", ",", " → ", "→"};
		for (int pass = 0; pass < 2; pass++) {
			const char *p = clean;
			while (*p && l->n < IMPORT_KEYWORDS_MAX) {
				const char *nl = strchr(p, '\n');
				const char *eol = nl ? nl : p + strlen(p);
				int seg = 0;
				const char *s = p;
				if (s[0] == '-' && s[1] == ' ')
					s += 2;
				while (isdigit((unsigned char)*s))
					s++;
				if (s > p && *s == '.' && s[1] == ' ')
					s += 2;
				else if (s > p && s[-1] != ' ' && s[0] != ' ')
					s = p;
				while (s < eol && l->n < IMPORT_KEYWORDS_MAX) {
					const char *cut = eol;
					size_t sl = 0;
					for (size_t i = 0;
						i < sizeof seps / sizeof *seps;
						i++) {
						const char *f =
							strstr(s, seps[i]);
						if (f && f < cut) {
							cut = f;
							sl = strlen(seps[i]);
						}
					}
					size_t len = (size_t)(cut - s);
					if ((pass == 0) == (seg == 0) &&
						len >= 4 && len <= 30)
						kw_add(l, s, len, 1.0);
					seg++;
					s = cut + sl;
					if (sl == 0)
						break;
				}
				p = nl ? nl + 1 : eol;
			}
			if (l->n >= IMPORT_KEYWORDS_MIN)
				break;
		}
		return;
	}
	struct word {
		char *w;
		int count;
	} *words = NULL;
	size_t nw = 0;
	size_t cap = 0;
	/* a word right after a negation ("not enough", "can't access") is
	 * not a point the answer makes */
	static const char *const negations[] = {
		"not", "no", "never", "cannot", "without", "nor", "t"};
	bool negated = false;
	for (const char *p = clean; *p;) {
		if (!isalpha((unsigned char)*p)) {
			p++;
			continue;
		}
		const char *s = p;
		while (isalnum((unsigned char)*p) || *p == '-')
			p++;
		size_t len = (size_t)(p - s);
		bool after_negation = negated;
		negated = false;
		for (size_t k = 0; k < sizeof negations / sizeof *negations;
			k++)
			if (strlen(negations[k]) == len &&
				strncasecmp(s, negations[k], len) == 0)
				negated = true;
		if (len < 5 || len > 30 || after_negation)
			continue;
		char *w = xstrndup(s, len);
		if (content_stop(w)) {
			free(w);
			continue;
		}
		size_t i;
		for (i = 0; i < nw; i++)
			if (strcasecmp(words[i].w, w) == 0)
				break;
		if (i < nw) {
			words[i].count++;
			free(w);
		} else {
			xgrow((void **)&words, &cap, nw + 1, sizeof *words);
			words[nw].w = w;
			words[nw].count = 1;
			nw++;
		}
	}
	while (l->n < IMPORT_KEYWORDS_MIN && nw) {
		size_t best = 0;
		for (size_t i = 1; i < nw; i++)
			if (words[i].count > words[best].count)
				best = i;
		if (words[best].count < 0)
			break;
		bool inside = false;
		for (size_t i = 0; i < l->n; i++)
			if (find_ci(l->kw[i].term, words[best].w))
				inside = true;
		if (!inside)
			kw_add(l, words[best].w, strlen(words[best].w), 1.0);
		words[best].count = -1;
		bool any = false;
		for (size_t i = 0; i < nw; i++)
			if (words[i].count >= 0)
				any = true;
		if (!any)
			break;
	}
	for (size_t i = 0; i < nw; i++)
		free(words[i].w);
	free(words);
}

static void kw_clear(struct quiz_keyword *k)
{
	free(k->term);
	for (size_t j = 0; j < k->n_aliases; j++)
		free(k->aliases[j]);
	free(k->aliases);
}

void import_keywords_free(struct quiz_keyword *kw, size_t n)
{
	for (size_t i = 0; i < n; i++)
		kw_clear(&kw[i]);
	free(kw);
}

size_t import_keywords(const char *md, struct quiz_keyword **out)
{
	struct kwlist l = {0};
	const char *p = md;
	bool header_row = true;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *s = p;
		size_t sl = n;
		trim(&s, &sl);
		if (sl && *s == '>') {
			s++;
			sl--;
			trim(&s, &sl);
		}
		if (sl && *s == '|') {
			char *row = xstrndup(s, sl);
			if (!is_table_sep(row)) {
				char **cells;
				size_t nc = table_cells(row, &cells);
				if (!header_row && nc > 1)
					kw_add(&l, cells[0], strlen(cells[0]),
						2.0);
				free_cells(cells, nc);
				header_row = false;
			}
			free(row);
		} else {
			header_row = true;
		}
		/* list-item head: "- **Head**: rest", "1. Head → rest" */
		size_t k = 0;
		bool item = false;
		if (sl > 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') {
			k = 2;
			item = true;
		} else if (sl > 3 && isdigit((unsigned char)s[0])) {
			size_t d = 0;
			while (d < sl && isdigit((unsigned char)s[d]))
				d++;
			if (d + 1 < sl && s[d] == '.' && s[d + 1] == ' ') {
				k = d + 2;
				item = true;
			}
		}
		if (item) {
			static const char *const seps[] = {
				"**:", ":", " → ", "：", " - ", " — "};
			const char *body = s + k;
			size_t bl = sl - k;
			size_t cut = bl;
			for (size_t i = 0; i < sizeof seps / sizeof *seps;
				i++) {
				const char *f = strstr(body, seps[i]);
				if (f && (size_t)(f - body) < cut)
					cut = (size_t)(f - body);
			}
			if (cut < bl && cut > 0)
				kw_add(&l, body, cut, 2.0);
		}
		/* bold spans */
		for (size_t i = 0; i + 1 < sl; i++) {
			if (s[i] != '*' || s[i + 1] != '*')
				continue;
			const char *b = s + i + 2;
			const char *e = strstr(b, "**");
			if (!e || e > s + sl)
				break;
			kw_add(&l, b, (size_t)(e - b), 1.0);
			i = (size_t)(e - s) + 1;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	kw_acronyms(&l, md);
	char *clean = import_clean_markdown(md, strlen(md));
	/* a keyword must occur in the answer as shown */
	for (size_t i = 0; i < l.n;) {
		if (!find_ci(clean, l.kw[i].term)) {
			kw_clear(&l.kw[i]);
			memmove(&l.kw[i], &l.kw[i + 1],
				(l.n - i - 1) * sizeof *l.kw);
			l.n--;
			continue;
		}
		i++;
	}
	kw_fill(&l, clean);
	free(clean);
	/* Keep the most weighted first, then document order; cap. */
	for (size_t i = 1; i < l.n; i++) {
		struct quiz_keyword k = l.kw[i];
		size_t j = i;
		while (j > 0 && l.kw[j - 1].weight < k.weight) {
			l.kw[j] = l.kw[j - 1];
			j--;
		}
		l.kw[j] = k;
	}
	for (size_t i = IMPORT_KEYWORDS_MAX; i < l.n; i++)
		kw_clear(&l.kw[i]);
	if (l.n > IMPORT_KEYWORDS_MAX)
		l.n = IMPORT_KEYWORDS_MAX;
	*out = l.kw;
	return l.n;
}

/* ---- the bank being built --------------------------------------------- */

void import_init(struct import_state *st, const char *book, const char *chapter)
{
	memset(st, 0, sizeof *st);
	bank_init(&st->bank);
	st->book = book;
	st->chapter = chapter;
}

void import_free(struct import_state *st)
{
	for (size_t i = 0; i < st->bank.n_questions; i++)
		free(st->entries[i].key);
	bank_free(&st->bank);
	free(st->entries);
	free(st->slots);
	memset(st, 0, sizeof *st);
}

/* Comparison form of a question: ASCII lower case, runs of anything but
 * letters and digits as one space, without the bytes mojibake loses. */
static char *dedup_key(const char *chapter, const char *question)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, chapter);
	buf_addc(&b, '|');
	bool space = false;
	for (const char *p = question; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80 || isalnum(c)) {
			if (space && b.data[b.len - 1] != '|')
				buf_addc(&b, ' ');
			space = false;
			buf_addc(&b, (char)tolower(c));
		} else {
			space = true;
		}
	}
	char *k = mojibake_key(b.data, b.len);
	buf_free(&b);
	return k;
}

static bool id_taken(const struct import_state *st, const char *id)
{
	return bank_find(&st->bank, id) != NULL;
}

/* A parsed question before it enters the bank. */
struct draft {
	enum quiz_kind kind;
	const char *lang;
	char *question; /* cleaned */
	char *answer_md; /* raw Markdown answer */
	long line;
	int number; /* from "Q2", 0 when none */
};

static void tag_question(struct quiz_question *q)
{
	size_t cap = 0;
	for (size_t r = 0; r < sizeof tag_rules / sizeof *tag_rules; r++) {
		bool hit = false;
		for (size_t t = 0; tag_rules[r].triggers[t] && !hit; t++) {
			const char *trig = tag_rules[r].triggers[t];
			for (const char *f = find_ci(q->question, trig); f;
				f = find_ci(f + 1, trig)) {
				if (f == q->question ||
					!isalnum((unsigned char)f[-1])) {
					hit = true;
					break;
				}
			}
		}
		if (!hit)
			continue;
		xgrow((void **)&q->tags, &cap, q->n_tags + 1, sizeof *q->tags);
		q->tags[q->n_tags++] = (char *)tag_rules[r].tag;
	}
	for (size_t c = 0; c < sizeof chapter_tags / sizeof *chapter_tags;
		c++) {
		if (!str_starts(q->chapter, chapter_tags[c].chapter))
			continue;
		bool have = false;
		for (size_t i = 0; i < q->n_tags; i++)
			if (strcmp(q->tags[i], chapter_tags[c].tag) == 0)
				have = true;
		if (have)
			continue;
		xgrow((void **)&q->tags, &cap, q->n_tags + 1, sizeof *q->tags);
		q->tags[q->n_tags++] = (char *)chapter_tags[c].tag;
	}
	if (q->kind == QUIZ_KIND_BEHAVIORAL) {
		xgrow((void **)&q->tags, &cap, q->n_tags + 1, sizeof *q->tags);
		q->tags[q->n_tags++] = (char *)"behavioral";
	}
	if (q->kind == QUIZ_KIND_SUMMARY) {
		xgrow((void **)&q->tags, &cap, q->n_tags + 1, sizeof *q->tags);
		q->tags[q->n_tags++] = (char *)"summary";
	}
}

static const char *const behavioral_keywords[] = {
	"situation",
	"task",
	"action",
	"result",
};

static size_t key_hash(const char *k)
{
	size_t h = 14695981039346656037ULL & SIZE_MAX;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * (1099511628211ULL & SIZE_MAX);
	return h;
}

/* Rebuilds the hash of entry keys, big enough for `need` questions. */
static void rehash(struct import_state *st, size_t need)
{
	size_t n = 64;
	while (n < 2 * need + 2)
		n *= 2;
	free(st->slots);
	st->slots = xcalloc(n, sizeof *st->slots);
	st->n_slots = n;
	for (size_t i = 0; i < st->bank.n_questions; i++) {
		size_t h = key_hash(st->entries[i].key) & (n - 1);
		while (st->slots[h])
			h = (h + 1) & (n - 1);
		st->slots[h] = i + 1;
	}
}

/* The question with this key, or SIZE_MAX. */
static size_t find_key(const struct import_state *st, const char *key)
{
	if (!st->n_slots)
		return SIZE_MAX;
	size_t h = key_hash(key) & (st->n_slots - 1);
	while (st->slots[h]) {
		size_t i = st->slots[h] - 1;
		if (strcmp(st->entries[i].key, key) == 0)
			return i;
		h = (h + 1) & (st->n_slots - 1);
	}
	return SIZE_MAX;
}

/* Removes question i (a concept section that an explicit question of the
 * same text supersedes). */
static void drop_question(struct import_state *st, size_t i)
{
	struct quiz_question *q = &st->bank.questions[i];
	free(q->id);
	free(q->chapter);
	free(q->lang);
	for (size_t k = 0; k < q->n_tags; k++)
		free(q->tags[k]);
	free(q->tags);
	free(q->question);
	free(q->answer);
	import_keywords_free(q->keywords, q->n_keywords);
	for (size_t k = 0; k < q->n_sources; k++)
		free(q->sources[k].file);
	free(q->sources);
	free(st->entries[i].key);
	size_t rest = st->bank.n_questions - i - 1;
	memmove(q, q + 1, rest * sizeof *q);
	memmove(&st->entries[i], &st->entries[i + 1],
		rest * sizeof *st->entries);
	st->bank.n_questions--;
	rehash(st, st->bank.n_questions);
}

static void add_draft(struct import_state *st, const char *file, bool repaired,
	const char *chapter, struct draft *d)
{
	char *key = dedup_key(chapter, d->question);
	size_t i = find_key(st, key);
	if (i != SIZE_MAX && st->bank.questions[i].kind == QUIZ_KIND_CONCEPT &&
		d->kind != QUIZ_KIND_CONCEPT) {
		drop_question(st, i);
		i = SIZE_MAX;
	}
	if (i != SIZE_MAX) {
		struct quiz_question *q = &st->bank.questions[i];
		free(key);
		if (d->kind == QUIZ_KIND_CONCEPT &&
			q->kind != QUIZ_KIND_CONCEPT)
			return;
		q->sources = xrealloc(
			q->sources, (q->n_sources + 1) * sizeof *q->sources);
		q->sources[q->n_sources].file = xstrdup(file);
		q->sources[q->n_sources].line = d->line;
		q->n_sources++;
		if (st->entries[i].repaired && !repaired) {
			/* the clean twin's text wins */
			free(q->question);
			q->question = xstrdup(d->question);
			char *ans = import_clean_markdown(
				d->answer_md, strlen(d->answer_md));
			free(q->answer);
			q->answer = ans;
			st->entries[i].repaired = false;
		}
		st->n_merged++;
		return;
	}

	struct quiz_question q;
	memset(&q, 0, sizeof q);
	q.chapter = (char *)chapter;
	q.kind = d->kind;
	q.lang = (char *)(d->lang ? d->lang : "en");
	q.question = d->question;
	q.answer = import_clean_markdown(d->answer_md, strlen(d->answer_md));
	if (!q.answer[0] && q.kind == QUIZ_KIND_INTERVIEW)
		q.kind = QUIZ_KIND_BEHAVIORAL;
	/* id */
	const char *zh = strcmp(q.lang, "zh") == 0 ? "-zh" : "";
	const char *stem = chapter[0] ? chapter : "misc";
	char *id = NULL;
	if (q.kind == QUIZ_KIND_SUMMARY) {
		id = xasprintf("%s%s-summary", stem, zh);
		for (int k = 2; id_taken(st, id); k++) {
			free(id);
			id = xasprintf("%s%s-summary-%d", stem, zh, k);
		}
	} else {
		const char *letter = q.kind == QUIZ_KIND_CONCEPT ? "c" : "q";
		int num = d->number > 0 ? d->number : 1;
		id = xasprintf("%s%s-%s%d", stem, zh, letter, num);
		while (id_taken(st, id)) {
			free(id);
			id = xasprintf("%s%s-%s%d", stem, zh, letter, ++num);
		}
	}
	q.id = id;
	tag_question(&q);
	struct quiz_keyword *kw = NULL;
	size_t nkw = 0;
	if (q.kind == QUIZ_KIND_BEHAVIORAL && !q.answer[0]) {
		nkw = sizeof behavioral_keywords / sizeof *behavioral_keywords;
		kw = xcalloc(nkw, sizeof *kw);
		for (size_t k = 0; k < nkw; k++) {
			kw[k].term = xstrdup(behavioral_keywords[k]);
			kw[k].weight = KEYWORD_WEIGHT_DEFAULT;
		}
	} else if (q.answer[0]) {
		nkw = import_keywords(d->answer_md, &kw);
	}
	q.keywords = kw;
	q.n_keywords = nkw;
	struct quiz_source src = {(char *)file, d->line};
	q.sources = &src;
	q.n_sources = 1;
	bank_add_question(&st->bank, &q);
	xgrow((void **)&st->entries, &st->cap_entries, st->bank.n_questions,
		sizeof *st->entries);
	st->entries[st->bank.n_questions - 1].key = key;
	st->entries[st->bank.n_questions - 1].repaired = repaired;
	key = NULL;
	if (2 * st->bank.n_questions + 2 > st->n_slots) {
		rehash(st, st->bank.n_questions);
	} else {
		size_t h = key_hash(st->entries[st->bank.n_questions - 1].key) &
			(st->n_slots - 1);
		while (st->slots[h])
			h = (h + 1) & (st->n_slots - 1);
		st->slots[h] = st->bank.n_questions;
	}
	import_keywords_free(kw, nkw);
	free(q.tags);
	free(q.answer);
	free(id);
}

/* ---- the line parser -------------------------------------------------- */

enum collect {
	COLLECT_NONE,
	COLLECT_QUESTION,
	COLLECT_SUMMARY,
	COLLECT_CONCEPT,
	COLLECT_SHEET
};

/* A section of an overview chapter. */
struct outline_item {
	int level;
	char *heading; /* cleaned, without its number */
	struct buf prose; /* its first paragraph of prose */
	bool left_out; /* an example, diagram, cheat sheet or residue */
	bool prose_done; /* no more prose is taken */
	long line; /* of its heading */
};

/* A concept found by a section rule (cheat sheet, counted list,
 * overview). These enter the bank when their chapter ends, so they are
 * numbered after the chapter's heading concepts and a new rule never
 * renumbers an id that existed before it. */
struct deferred {
	char *chapter;
	struct draft d;
};

struct parser {
	struct import_state *st;
	const char *file;
	bool repaired;
	char book[32];
	char chapter[96];
	int chapter_level;
	bool role_doc; /* numbered items are questions (004) */
	bool skip; /* inside chat residue */
	bool interview_ready; /* bold lines are questions */
	bool in_code;
	/* the draft being collected */
	enum collect collect;
	struct draft d;
	struct buf body;
	/* a takeaways block waiting for the chapter heading after it */
	bool summary_pending;
	struct draft pending;
	bool pending_zh;
	/* concepts waiting for the end of their chapter */
	struct deferred *deferred;
	size_t n_deferred;
	size_t cap_deferred;
	/* a counted list: the line before it ("these 5 SQL operations:")
	 * and its keycap items so far */
	char *lead;
	long lead_line;
	struct buf items;
	size_t n_items;
	/* the sections of an overview chapter */
	bool overview;
	struct outline_item *outline;
	size_t n_outline;
	size_t cap_outline;
	/* the open section (a heading at the chapter's level) */
	bool takeaways; /* the chapter is a takeaway chapter */
	char *sec_heading; /* NULL when no section is open */
	long sec_line;
	struct buf sec; /* its text, code left out */
	struct buf sec_intro; /* lines that may introduce code ("Run:",
			       * a sub-heading): kept when text follows,
			       * dropped when code does */
	struct buf sec_full; /* its text with code */
	bool sec_has_takeaway;
	bool sec_flagged; /* its heading flags a key point */
	bool sec_has_sub; /* it has sub-sections */
};

static void add_draft(struct import_state *st, const char *file, bool repaired,
	const char *chapter, struct draft *d);
static void draft_free(struct draft *d);
static void chapter_end(struct parser *p);
static void sheet_end(struct parser *p);

static void set_chapter(struct parser *p, const char *id, const char *title)
{
	const char *dash = strchr(id, '-');
	char *full;
	if (p->st->chapter) {
		full = xstrdup(p->st->chapter);
	} else if (p->st->book && dash) {
		full = xasprintf("%s%s", p->st->book, dash);
	} else {
		full = xstrdup(id);
	}
	if (strcmp(p->chapter, full) != 0) {
		chapter_end(p);
		p->overview = false;
		for (size_t i = 0; i <
			sizeof overview_chapters / sizeof *overview_chapters;
			i++)
			if (strcmp(id, overview_chapters[i]) == 0)
				p->overview = true;
		p->takeaways = false;
		for (size_t i = 0; i <
			sizeof takeaway_chapters / sizeof *takeaway_chapters;
			i++)
			if (strcmp(id, takeaway_chapters[i]) == 0)
				p->takeaways = true;
	}
	snprintf(p->chapter, sizeof p->chapter, "%s", full);
	/* every chapter in document order; a title-less one (001's "ch1.1")
	 * gets its title from a later heading or from curation */
	bool known = false;
	for (size_t i = 0; i < p->st->bank.n_chapters; i++) {
		struct quiz_chapter *c = &p->st->bank.chapters[i];
		if (strcmp(c->id, full) != 0)
			continue;
		known = true;
		if (!c->title[0] && title && title[0]) {
			free(c->title);
			c->title = xstrdup(title);
		}
	}
	if (!known)
		bank_add_chapter(&p->st->bank, full, title ? title : "");
	free(full);
}

static void draft_free(struct draft *d)
{
	free(d->question);
	free(d->answer_md);
	memset(d, 0, sizeof *d);
}

static char *summary_question(const char *chapter, bool zh)
{
	/* "aie-8.2" -> "AIE 8.2" */
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	const char *dash = strchr(chapter, '-');
	if (dash) {
		for (const char *c = chapter; c < dash; c++)
			buf_addc(&b, (char)toupper((unsigned char)*c));
		buf_addc(&b, ' ');
		buf_adds(&b, dash + 1);
	} else {
		buf_adds(&b, chapter);
	}
	char *q = zh
		? xasprintf("用三句话总结 %s 的要点（Key Takeaways）。", b.data)
		: xasprintf("Summarize the key takeaways of %s.", b.data);
	buf_free(&b);
	return q;
}

static void flush(struct parser *p)
{
	if (p->collect == COLLECT_NONE)
		return;
	p->d.answer_md = buf_steal(&p->body);
	if (p->collect == COLLECT_SHEET) {
		sheet_end(p);
		draft_free(&p->d);
		p->collect = COLLECT_NONE;
		return;
	}
	if (p->collect == COLLECT_SUMMARY) {
		bool zh = has_han(p->d.answer_md);
		p->d.lang = zh ? "zh" : NULL;
		if (p->summary_pending) {
			p->pending = p->d;
			p->pending_zh = zh;
			memset(&p->d, 0, sizeof p->d);
			p->collect = COLLECT_NONE;
			return;
		}
		p->d.question = summary_question(p->chapter, zh);
	}
	if (p->d.question && p->d.question[0] &&
		(p->collect == COLLECT_QUESTION ||
			!is_blank(p->d.answer_md, strlen(p->d.answer_md))))
		add_draft(p->st, p->file, p->repaired, p->chapter, &p->d);
	draft_free(&p->d);
	p->collect = COLLECT_NONE;
}

static void emit_pending(struct parser *p)
{
	if (!p->summary_pending || !p->pending.answer_md)
		return;
	p->summary_pending = false;
	p->pending.question = summary_question(p->chapter, p->pending_zh);
	add_draft(p->st, p->file, p->repaired, p->chapter, &p->pending);
	draft_free(&p->pending);
}

static void start(struct parser *p, enum collect c, char *question, long line,
	int number, const char *lang, enum quiz_kind kind)
{
	flush(p);
	p->collect = c;
	p->d.question = question;
	p->d.line = line;
	p->d.number = number;
	p->d.lang = lang;
	p->d.kind = kind;
	buf_init(&p->body);
	buf_add(&p->body, "", 0);
}

/* "ch1.1", "Chapter 8.2 : Data…", "AI Engineering - Chapter 8.1: x".
 * Writes the number and the title after it. */
static bool parse_chapter_heading(
	const char *text, char *num, size_t nsz, const char **title)
{
	const char *s = text;
	const char *ch = find_ci(s, chapter_word_long);
	size_t wl = strlen(chapter_word_long);
	if (!ch) {
		if (!starts_ci(s, strlen(s), chapter_word_short))
			return false;
		ch = s;
		wl = strlen(chapter_word_short);
	}
	if (ch != s && !find_ci(s, "engineering"))
		return false;
	const char *p = ch + wl;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	size_t n = 0;
	while ((isdigit((unsigned char)p[n]) ||
		       (p[n] == '.' && isdigit((unsigned char)p[n + 1]))) &&
		n + 1 < nsz)
		n++;
	memcpy(num, p, n);
	num[n] = '\0';
	p += n;
	while (*p == ' ' || *p == ':' || *p == '-')
		p++;
	*title = p;
	return true;
}

/* Question text after a prefix ("Q1: x", "面试官问 1：x", "Q: x"), with
 * surrounding quotes removed; NULL when the text is not a question. */
static char *parse_question_prefix(
	const char *text, int *number, const char **lang)
{
	for (size_t i = 0;
		i < sizeof question_prefixes / sizeof *question_prefixes; i++) {
		const char *pre = question_prefixes[i].prefix;
		size_t pl = strlen(pre);
		if (strncmp(text, pre, pl) != 0)
			continue;
		const char *p = text + pl;
		int num = 0;
		if (question_prefixes[i].numbered) {
			while (*p == ' ')
				p++;
			if (!isdigit((unsigned char)*p))
				continue;
			while (isdigit((unsigned char)*p))
				num = num * 10 + (*p++ - '0');
			if (*p == ':')
				p++;
			else if (strncmp(p, "：", 3) == 0)
				p += 3;
			else
				continue;
		}
		while (*p == ' ')
			p++;
		/* strip quotes around the question */
		char *q = trim_dup(p);
		size_t ql = strlen(q);
		if (ql >= 6 && strncmp(q, "“", 3) == 0) {
			char *unquoted = xstrdup(q + 3);
			free(q);
			q = unquoted;
			ql -= 3;
			if (ql >= 3 && strcmp(q + ql - 3, "”") == 0)
				q[ql -= 3] = '\0';
		}
		if (ql >= 2 && q[0] == '"' && q[ql - 1] == '"') {
			memmove(q, q + 1, ql - 2);
			q[ql - 2] = '\0';
		}
		*number = num;
		*lang = question_prefixes[i].lang;
		if (has_han(q))
			*lang = "zh";
		return q;
	}
	return NULL;
}

static bool matches_any(const char *text, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (find_ci(text, list[i]))
			return true;
	return false;
}

/* "Six Characteristics of High-Quality Data": lower-cases the capitalised
 * words (all of them, or all but the first), keeping acronyms ("AI",
 * "LoRA"). */
static void sentence_case(char *text, bool keep_first)
{
	for (char *w = text; *w;) {
		char *e = w;
		while (*e && *e != ' ')
			e++;
		bool acronym = false;
		for (char *c = w + 1; c < e; c++)
			if (isupper((unsigned char)*c) && c[-1] != '-')
				acronym = true;
		if (!acronym && !(keep_first && w == text))
			for (char *c = w; c < e; c++)
				if (c == w || c[-1] == '-')
					*c = (char)tolower((unsigned char)*c);
		w = *e ? e + 1 : e;
	}
}

/* "1. What Are Embeddings? (80/20)" -> "What are embeddings?" */
static char *question_heading(const char *text)
{
	const char *p = text;
	while (isdigit((unsigned char)*p))
		p++;
	if (p > text && (*p == '.' || *p == ')'))
		p++;
	while (*p == ' ')
		p++;
	static const char *const starts[] = {
		"What ", "Why ", "How ", "When ", "Which "};
	bool ok = false;
	for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
		if (strncmp(p, starts[i], strlen(starts[i])) == 0)
			ok = true;
	const char *q = strchr(p, '?');
	if (!ok || !q)
		return NULL;
	const char *rest = q + 1;
	while (*rest == ' ')
		rest++;
	if (*rest && *rest != '(')
		return NULL;
	char *out = xstrndup(p, (size_t)(q - p + 1));
	sentence_case(out, true);
	return out;
}

static char *concept_question(const char *text)
{
	char *qh = question_heading(text);
	if (qh)
		return qh;
	for (size_t i = 0; i < sizeof count_words / sizeof *count_words; i++) {
		if (strncmp(text, count_words[i], strlen(count_words[i])) != 0)
			continue;
		char *lower = xstrdup(text);
		sentence_case(lower, false);
		size_t l = strlen(lower);
		while (l && (lower[l - 1] == ':' || lower[l - 1] == '.'))
			lower[--l] = '\0';
		char *q = xasprintf("What are the %s?", lower);
		free(lower);
		return q;
	}
	return NULL;
}

/* ---- section rules: cheat sheets, counted lists, overviews ----------- */

static void defer(struct parser *p, char *question, char *answer_md, long line)
{
	xgrow((void **)&p->deferred, &p->cap_deferred, p->n_deferred + 1,
		sizeof *p->deferred);
	struct deferred *e = &p->deferred[p->n_deferred++];
	memset(e, 0, sizeof *e);
	e->chapter = xstrdup(p->chapter);
	e->d.kind = QUIZ_KIND_CONCEPT;
	e->d.question = question;
	e->d.answer_md = answer_md;
	e->d.line = line;
}

/* The chapter's title (its id when it has none) names the topic in a
 * generated question; curation gives the final wording. */
static char *topic_phrase(const struct parser *p)
{
	const char *t = bank_chapter_title(&p->st->bank, p->chapter);
	return xstrdup(t && t[0] ? t : p->chapter);
}

static bool has_table_row(const char *md)
{
	for (const char *l = md; *l;) {
		const char *t = l;
		while (*t == ' ' || *t == '\t')
			t++;
		if (*t == '|')
			return true;
		const char *nl = strchr(l, '\n');
		if (!nl)
			break;
		l = nl + 1;
	}
	return false;
}

/* A cheat-sheet section with a table: "Model deployment: explain each
 * tool." after the first column's header. */
static void sheet_end(struct parser *p)
{
	const char *md = p->d.answer_md;
	if (!has_table_row(md))
		return;
	const char *row = md;
	while (*row && *row != '|')
		row++;
	const char *nl = strchr(row, '\n');
	char *first = xstrndup(row, nl ? (size_t)(nl - row) : strlen(row));
	char **cells;
	size_t nc = table_cells(first, &cells);
	char *what = xstrdup(nc && cells[0][0] ? cells[0] : "point");
	free_cells(cells, nc);
	free(first);
	sentence_case(what, false);
	char *topic = topic_phrase(p);
	char *q = xasprintf("%s: explain each %s.", topic, what);
	free(topic);
	free(what);
	defer(p, q, p->d.answer_md, p->d.line);
	p->d.answer_md = NULL;
}

/* "1️⃣ SELECT": a digit, an optional VS16, the keycap mark. */
static bool is_keycap_item(const char *s, size_t n)
{
	if (n < 4 || !isdigit((unsigned char)s[0]))
		return false;
	size_t j = 1;
	if (j + 3 <= n && memcmp(s + j, "\xef\xb8\x8f", 3) == 0)
		j += 3;
	return j + 3 <= n && memcmp(s + j, "\xe2\x83\xa3", 3) == 0;
}

/* The question a list's lead line asks: "you only need to know these 5
 * SQL operations:" with 5 items -> "What are the five SQL
 * operations?"; a short label, "Project stages:", -> "What are the
 * project stages?". NULL when the lead states no count that matches. */
static char *list_question(const char *lead, size_t n_items)
{
	size_t len = strlen(lead);
	if (len < 2 || lead[len - 1] != ':')
		return NULL;
	char *text = xstrndup(lead, len - 1);
	char *q = NULL;
	size_t words = 1;
	for (const char *c = text; *c; c++)
		if (*c == ' ')
			words++;
	for (char *w = text; *w && !q;) {
		char *e = w;
		while (*e && *e != ' ')
			e++;
		size_t wl = (size_t)(e - w);
		size_t count = 0;
		if (wl <= 2 && strspn(w, "0123456789") == wl)
			count = (size_t)strtoul(w, NULL, 10);
		for (size_t i = 0; i < sizeof count_words / sizeof *count_words;
			i++)
			if (strlen(count_words[i]) == wl + 1 &&
				strncasecmp(w, count_words[i], wl) == 0)
				count = i + 2;
		if (count == n_items && *e == ' ' && count >= 2 &&
			count - 2 < sizeof count_words / sizeof *count_words) {
			char *word = xstrdup(count_words[count - 2]);
			for (char *c = word; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			q = xasprintf("What are the %s%s?", word, e + 1);
			free(word);
		}
		w = *e ? e + 1 : e;
	}
	if (!q && words <= IMPORT_LIST_LABEL_WORDS) {
		sentence_case(text, false);
		q = xasprintf("What are the %s?", text);
	}
	free(text);
	return q;
}

static void list_end(struct parser *p)
{
	if (p->lead && p->n_items >= IMPORT_LIST_ITEMS_MIN) {
		char *q = list_question(p->lead, p->n_items);
		if (q)
			defer(p, q, buf_steal(&p->items), p->lead_line);
	}
	free(p->lead);
	p->lead = NULL;
	buf_free(&p->items);
	p->n_items = 0;
}

/* The current overview section, or NULL. */
static struct outline_item *outline_open(struct parser *p)
{
	if (!p->overview || !p->n_outline)
		return NULL;
	struct outline_item *it = &p->outline[p->n_outline - 1];
	return it->prose_done ? NULL : it;
}

/* "2. ETL / ELT (Extract → Transform → Load)" without its number. */
static const char *unnumbered(const char *text)
{
	const char *h = text;
	while (isdigit((unsigned char)*h))
		h++;
	if (h > text && (*h == '.' || *h == ')'))
		h++;
	else
		h = text;
	while (*h == ' ')
		h++;
	return h;
}

/* A section heading of an overview chapter: "2. Checking Data Types" ->
 * "Checking Data Types". */
static void outline_add(
	struct parser *p, int level, const char *text, bool left_out, long line)
{
	const char *h = unnumbered(text);
	xgrow((void **)&p->outline, &p->cap_outline, p->n_outline + 1,
		sizeof *p->outline);
	struct outline_item *it = &p->outline[p->n_outline++];
	memset(it, 0, sizeof *it);
	it->level = level;
	it->line = line;
	it->heading = xstrdup(h);
	buf_init(&it->prose);
	buf_add(&it->prose, "", 0);
	it->left_out = left_out ||
		matches_any(text, overview_skip,
			sizeof overview_skip / sizeof *overview_skip);
}

/* A code block in a section: a nested section's prose must come before
 * its code ("### Clustering", code, then a remark about the whole
 * list). */
static void outline_code(struct parser *p)
{
	struct outline_item *it = outline_open(p);
	if (it && it->level > p->chapter_level && !it->prose.len)
		it->prose_done = true;
}

/* One line outside code: the first paragraph of prose of a section
 * (not a list, table or a line that introduces one) is its gist. */
static void outline_line(struct parser *p, const char *t, size_t tl)
{
	struct outline_item *it = outline_open(p);
	if (!it)
		return;
	if (tl == 0) {
		if (it->prose.len)
			it->prose_done = true;
		return;
	}
	char *c = clean_inline(t, tl);
	char *ct = trim_dup(c);
	free(c);
	size_t cl = strlen(ct);
	bool item = ct[0] == '-' || ct[0] == '*' || ct[0] == '|' ||
		ct[0] == '+' ||
		(isdigit((unsigned char)ct[0]) &&
			(ct[1] == '.' || ct[1] == ')'));
	if (cl == 0 || item || ct[cl - 1] == ':' || is_keycap_item(t, tl)) {
		if (it->prose.len)
			it->prose_done = true;
	} else {
		if (it->prose.len)
			buf_addc(&it->prose, ' ');
		buf_adds(&it->prose, ct);
	}
	free(ct);
}

/* A line outside code for the counted-list and overview rules: a keycap
 * list after its lead line, and overview prose. */
static void rules_line(struct parser *p, const char *t, size_t tl, long line)
{
	outline_line(p, t, tl);
	if (tl == 0) {
		if (p->n_items)
			list_end(p);
		return;
	}
	if (is_keycap_item(t, tl)) {
		if (!p->lead)
			return;
		if (!p->n_items) {
			buf_init(&p->items);
			buf_add(&p->items, "", 0);
		}
		buf_add(&p->items, t, tl);
		buf_addc(&p->items, '\n');
		p->n_items++;
		return;
	}
	if (p->n_items)
		list_end(p);
	char *c = clean_inline(t, tl);
	char *ct = trim_dup(c);
	free(c);
	size_t cl = strlen(ct);
	free(p->lead);
	p->lead = NULL;
	if (cl && ct[cl - 1] == ':') {
		p->lead = ct;
		p->lead_line = line;
	} else {
		free(ct);
	}
}

/* The overview question of a chapter: its top-level sections, each with
 * its gist, and the nested sections that have one. */
static void outline_end(struct parser *p)
{
	int top = 0;
	for (size_t i = 0; i < p->n_outline; i++)
		if (!top || p->outline[i].level < top)
			top = p->outline[i].level;
	struct buf md;
	buf_init(&md);
	buf_add(&md, "", 0);
	size_t n = 0;
	long line = 0;
	bool parent_out = true;
	for (size_t i = 0; i < p->n_outline; i++) {
		struct outline_item *it = &p->outline[i];
		bool nested = it->level > top;
		if (!nested)
			parent_out = it->left_out;
		if (it->left_out || (nested && (parent_out || !it->prose.len)))
			continue;
		buf_adds(&md, nested ? "  - " : "- ");
		buf_adds(&md, it->heading);
		if (it->prose.len) {
			buf_adds(&md, ": ");
			buf_adds(&md, it->prose.data);
		}
		buf_addc(&md, '\n');
		if (!n)
			line = it->line;
		n++;
	}
	if (n >= IMPORT_LIST_ITEMS_MIN) {
		char *topic = topic_phrase(p);
		defer(p, xasprintf("What are the essentials of %s?", topic),
			buf_steal(&md), line);
		free(topic);
	}
	buf_free(&md);
	for (size_t i = 0; i < p->n_outline; i++) {
		free(p->outline[i].heading);
		buf_free(&p->outline[i].prose);
	}
	p->n_outline = 0;
}

/* The open section ends: with a takeaway in a takeaway chapter, or
 * flagged as a key point, it is a concept. */
static void section_end(struct parser *p)
{
	if (!p->sec_heading)
		return;
	if (p->takeaways && p->sec_has_takeaway)
		defer(p,
			xasprintf("What should you know about %s?",
				p->sec_heading),
			buf_steal(&p->sec), p->sec_line);
	else if (p->sec_flagged && !p->sec_has_sub)
		defer(p,
			xasprintf("What should you know about %s?",
				p->sec_heading),
			buf_steal(&p->sec_full), p->sec_line);
	free(p->sec_heading);
	p->sec_heading = NULL;
	buf_free(&p->sec);
	buf_free(&p->sec_intro);
	buf_free(&p->sec_full);
	p->sec_has_takeaway = false;
	p->sec_flagged = false;
	p->sec_has_sub = false;
}

/* A heading: one at the chapter's level opens a section, a deeper one
 * is a line of the open section. */
static void section_heading(
	struct parser *p, int level, const char *text, bool left_out, long line)
{
	if (level <= p->chapter_level) {
		section_end(p);
		if (left_out)
			return;
		p->sec_heading = xstrdup(unnumbered(text));
		p->sec_line = line;
		p->sec_flagged = matches_any(text, key_section_flags,
			sizeof key_section_flags / sizeof *key_section_flags);
		buf_init(&p->sec);
		buf_add(&p->sec, "", 0);
		buf_init(&p->sec_intro);
		buf_init(&p->sec_full);
		buf_add(&p->sec_full, "", 0);
		return;
	}
	if (p->sec_heading) {
		p->sec_has_sub = true;
		buf_adds(&p->sec_intro, text);
		buf_addc(&p->sec_intro, '\n');
		buf_adds(&p->sec_full, text);
		buf_addc(&p->sec_full, '\n');
	}
}

/* A line of code, fences included: in the full text only; the lines
 * introducing it leave the code-less text. */
static void section_code(
	struct parser *p, const char *s, size_t n, bool fence_open)
{
	if (!p->sec_heading)
		return;
	if (fence_open)
		buf_clear(&p->sec_intro);
	buf_add(&p->sec_full, s, n);
	buf_addc(&p->sec_full, '\n');
}

/* A line outside code of the open section: into both texts; a line
 * that may introduce code waits in sec_intro. */
static void section_text(struct parser *p, const char *s, size_t n)
{
	if (!p->sec_heading)
		return;
	buf_add(&p->sec_full, s, n);
	buf_addc(&p->sec_full, '\n');
	char *c = clean_inline(s, n);
	char *t = trim_dup(c);
	free(c);
	size_t tl = strlen(t);
	if (starts_ci(t, tl, takeaway_marker))
		p->sec_has_takeaway = true;
	if (tl == 0 || t[tl - 1] == ':') {
		if (tl || p->sec_intro.len) {
			buf_add(&p->sec_intro, s, n);
			buf_addc(&p->sec_intro, '\n');
		} else {
			buf_addc(&p->sec, '\n');
		}
	} else {
		if (p->sec_intro.len)
			buf_add(&p->sec, p->sec_intro.data, p->sec_intro.len);
		buf_clear(&p->sec_intro);
		buf_add(&p->sec, s, n);
		buf_addc(&p->sec, '\n');
	}
	free(t);
}

/* The chapter ends: its overview, then every deferred concept enters
 * the bank. */
static void chapter_end(struct parser *p)
{
	list_end(p);
	section_end(p);
	if (p->overview)
		outline_end(p);
	for (size_t i = 0; i < p->n_deferred; i++) {
		struct deferred *e = &p->deferred[i];
		add_draft(p->st, p->file, p->repaired, e->chapter, &e->d);
		draft_free(&e->d);
		free(e->chapter);
	}
	p->n_deferred = 0;
}

static void on_heading(
	struct parser *p, int level, const char *raw, size_t rawlen, long line)
{
	char *text = clean_inline(raw, rawlen);
	bool section = true; /* a section of the chapter (section rules) */
	bool left_out = false; /* ... that no rule takes */
	/* a check mark before a heading became "+": not part of it */
	const char *h = text;
	while (*h == '+' || *h == ' ')
		h++;
	char *t = trim_dup(h);
	free(text);
	text = t;
	flush(p);
	list_end(p);
	p->interview_ready = false;
	p->skip = false;
	if (matches_any(text, residue_headings,
		    sizeof residue_headings / sizeof *residue_headings)) {
		p->skip = true;
		left_out = true;
		goto done;
	}
	for (size_t i = 0; i < sizeof book_headings / sizeof *book_headings;
		i++) {
		if (strcasecmp(text, book_headings[i].heading) == 0) {
			snprintf(p->book, sizeof p->book, "%s",
				book_headings[i].book);
			section = false;
			goto done;
		}
	}
	char num[16];
	const char *title;
	if (parse_chapter_heading(text, num, sizeof num, &title)) {
		if (find_ci(text, "AI Engineering"))
			snprintf(p->book, sizeof p->book, "aie");
		char *id =
			xasprintf("%s-%s", p->book[0] ? p->book : "misc", num);
		char *tt = trim_dup(title);
		/* 003: "Chapter 8.1 Summary: x" names the same chapter */
		set_chapter(p, id, tt);
		free(tt);
		free(id);
		p->chapter_level = level;
		emit_pending(p);
		section = false;
		goto done;
	}
	if (strncmp(text, "WEEK", 4) == 0 || strncmp(text, "Week", 4) == 0) {
		const char *d = text + 4;
		while (*d == ' ')
			d++;
		char *id = xasprintf("review-week%s", d);
		char *wtitle = xasprintf("Week %s review (Chinese)", d);
		set_chapter(p, id, wtitle);
		p->chapter_level = level;
		free(wtitle);
		free(id);
		section = false;
		goto done;
	}
	for (size_t i = 0;
		i < sizeof section_chapters / sizeof *section_chapters; i++) {
		if (level <= 2 && find_ci(text, section_chapters[i].match)) {
			/* a heading that names the chapter it is in ("ONE
			 * Example That Covers EVERYTHING (Pandas + NumPy)")
			 * stays one of its sections */
			char *before = xstrdup(p->chapter);
			set_chapter(p, section_chapters[i].chapter,
				section_chapters[i].title);
			section = strcmp(before, p->chapter) == 0;
			free(before);
			if (!section)
				p->chapter_level = level;
			if (strncmp(section_chapters[i].chapter, "role-", 5) ==
				0)
				p->role_doc = true;
			goto done;
		}
	}
	if (matches_any(text, summary_headings,
		    sizeof summary_headings / sizeof *summary_headings)) {
		/* A takeaways block at the level of the chapter headings,
		 * after a chapter that had its own, belongs to the chapter
		 * heading that follows it (001's AIE 8.1). */
		bool before_next =
			p->chapter_level && level <= p->chapter_level;
		start(p, COLLECT_SUMMARY, NULL, line, 0, NULL,
			QUIZ_KIND_SUMMARY);
		p->summary_pending = before_next;
		left_out = true;
		goto done;
	}
	if (matches_any(text, sheet_headings,
		    sizeof sheet_headings / sizeof *sheet_headings)) {
		start(p, COLLECT_SHEET, NULL, line, 0, NULL, QUIZ_KIND_CONCEPT);
		left_out = true;
		goto done;
	}
	if (find_ci(text, "Interview-Ready Answer")) {
		p->interview_ready = true;
		goto done;
	}
	int number = 0;
	const char *lang = NULL;
	char *q = parse_question_prefix(text, &number, &lang);
	if (q) {
		start(p, COLLECT_QUESTION, q, line, number, lang,
			QUIZ_KIND_INTERVIEW);
		goto done;
	}
	q = concept_question(text);
	if (q) {
		start(p, COLLECT_CONCEPT, q, line, 0, NULL, QUIZ_KIND_CONCEPT);
	}
done:
	if (section && p->overview)
		outline_add(p, level, text, left_out, line);
	if (section)
		section_heading(p, level, text, left_out, line);
	free(text);
}

/* "If asked “Explain RAG,” answer this:" -> "Explain RAG" */
static char *inline_asked(const char *s)
{
	const char *a = strstr(s, "If asked “");
	if (!a)
		return NULL;
	a += strlen("If asked “");
	const char *e = strstr(a, "”");
	if (!e)
		return NULL;
	char *q = xstrndup(a, (size_t)(e - a));
	size_t l = strlen(q);
	while (l && (q[l - 1] == ',' || q[l - 1] == ' '))
		q[--l] = '\0';
	return q;
}

/* "**Q: Describe X.**" or, in an interview-ready section, a line that is
 * all bold and ends with '?'. */
static char *bold_question(struct parser *p, const char *s, size_t n)
{
	if (n < 5 || strncmp(s, "**", 2) != 0 || strncmp(s + n - 2, "**", 2))
		return NULL;
	char *inner = xstrndup(s + 2, n - 4);
	char *c = clean_inline(inner, strlen(inner));
	free(inner);
	int number;
	const char *lang;
	char *q = parse_question_prefix(c, &number, &lang);
	if (q) {
		free(c);
		return q;
	}
	size_t cl = strlen(c);
	if (p->interview_ready && cl && c[cl - 1] == '?')
		return c;
	free(c);
	return NULL;
}

/* Drops an answer marker ("✅ Answer:", "A:", "✅ 回答：") at the start. */
static void add_body_line(struct parser *p, const char *s, size_t n)
{
	if (p->body.len == 0 || is_blank(p->body.data, p->body.len)) {
		char *c = clean_inline(s, n);
		const char *t = c;
		while (*t == ' ' || *t == '+')
			t++;
		for (size_t i = 0;
			i < sizeof answer_markers / sizeof *answer_markers;
			i++) {
			size_t ml = strlen(answer_markers[i]);
			if (strncmp(t, answer_markers[i], ml) == 0) {
				const char *rest = t + ml;
				while (*rest == ' ')
					rest++;
				if (*rest) {
					buf_adds(&p->body, rest);
					buf_addc(&p->body, '\n');
				}
				free(c);
				return;
			}
		}
		free(c);
	}
	buf_add(&p->body, s, n);
	buf_addc(&p->body, '\n');
}

static void on_line(struct parser *p, const char *s, size_t n, long line)
{
	const char *t = s;
	size_t tl = n;
	trim(&t, &tl);
	bool fence = tl >= 3 && strncmp(t, "```", 3) == 0;
	if (p->in_code || fence) {
		/* code goes into the answer as it is, fences included:
		 * import_clean_markdown keeps it verbatim */
		if (fence && !p->in_code && !p->skip) {
			list_end(p);
			outline_code(p);
		}
		if (!p->skip)
			section_code(p, s, n, fence && !p->in_code);
		if (fence)
			p->in_code = !p->in_code;
		if (p->collect != COLLECT_NONE && !p->skip) {
			buf_add(&p->body, s, n);
			buf_addc(&p->body, '\n');
		}
		return;
	}
	if (n && s[0] == '#') {
		int level = 0;
		while ((size_t)level < n && s[level] == '#')
			level++;
		if ((size_t)level < n && s[level] == ' ') {
			const char *h = s + level + 1;
			size_t hl = n - (size_t)level - 1;
			trim(&h, &hl);
			bool rule = hl > 0;
			for (size_t i = 0; i < hl; i++)
				if (h[i] != '-')
					rule = false;
			if (rule) {
				flush(p);
				return;
			}
			on_heading(p, level, h, hl, line);
			return;
		}
	}
	if (tl >= 3 && (strspn(t, "-") == tl || strspn(t, "*") == tl)) {
		flush(p);
		list_end(p);
		return;
	}
	if (p->skip)
		return;
	rules_line(p, t, tl, line);
	section_text(p, s, n);
	char *tz = xstrndup(t, tl);
	char *q = inline_asked(tz);
	free(tz);
	if (q) {
		start(p, COLLECT_QUESTION, q, line, 0, NULL,
			QUIZ_KIND_INTERVIEW);
		return;
	}
	q = bold_question(p, t, tl);
	if (q) {
		start(p, COLLECT_QUESTION, q, line, 0, has_han(q) ? "zh" : NULL,
			QUIZ_KIND_INTERVIEW);
		return;
	}
	if (p->role_doc && n && isdigit((unsigned char)s[0])) {
		size_t d = 0;
		int num = 0;
		while (d < n && isdigit((unsigned char)s[d]))
			num = num * 10 + (s[d++] - '0');
		if (d + 1 < n && s[d] == '.' && s[d + 1] == ' ') {
			char *c = clean_inline(s + d + 2, n - d - 2);
			start(p, COLLECT_QUESTION, c, line, num, NULL,
				QUIZ_KIND_INTERVIEW);
			return;
		}
	}
	if (p->collect != COLLECT_NONE)
		add_body_line(p, s, n);
}

void import_text(
	struct import_state *st, const char *name, const char *text, size_t len)
{
	struct mojibake_stats ms = {0};
	char *clean;
	bool repaired = mojibake_detect(text, len);
	clean = mojibake_clean(text, len, &ms);
	st->moji.chars_reversed += ms.chars_reversed;
	st->moji.seqs_rebuilt += ms.seqs_rebuilt;
	st->moji.bytes_rebuilt += ms.bytes_rebuilt;
	st->moji.seqs_unresolved += ms.seqs_unresolved;
	st->moji.macroman_fixed += ms.macroman_fixed;
	st->n_documents++;

	struct parser p;
	memset(&p, 0, sizeof p);
	p.st = st;
	p.file = name;
	p.repaired = repaired;
	buf_init(&p.body);
	long line = 1;
	for (const char *s = clean; *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		size_t m = n;
		if (m && s[m - 1] == '\r')
			m--;
		on_line(&p, s, m, line);
		line++;
		if (!nl)
			break;
		s = nl + 1;
	}
	flush(&p);
	if (p.summary_pending) {
		/* no chapter heading followed: the block is the last
		 * chapter's */
		p.summary_pending = true;
		emit_pending(&p);
	}
	chapter_end(&p);
	free(p.deferred);
	free(p.outline);
	draft_free(&p.pending);
	buf_free(&p.body);
	free(clean);
}

/* ---- curation --------------------------------------------------------- */

/* Replaces (or, with replace false, extends without duplicates) a list
 * of strings by a curated one. */
static void curate_strings(
	char ***list, size_t *n, char *const *add, size_t n_add, bool replace)
{
	if (replace) {
		for (size_t i = 0; i < *n; i++)
			free((*list)[i]);
		free(*list);
		*list = NULL;
		*n = 0;
	}
	for (size_t k = 0; k < n_add; k++) {
		bool dup = false;
		for (size_t i = 0; i < *n && !dup; i++)
			dup = strcmp((*list)[i], add[k]) == 0;
		if (dup)
			continue;
		*list = xrealloc(*list, (*n + 1) * sizeof **list);
		(*list)[(*n)++] = xstrdup(add[k]);
	}
}

/* A curated question text is tagged by the rule, as an imported one. */
static void retag(struct quiz_question *q)
{
	for (size_t i = 0; i < q->n_tags; i++)
		free(q->tags[i]);
	free(q->tags);
	q->tags = NULL;
	q->n_tags = 0;
	tag_question(q);
	for (size_t i = 0; i < q->n_tags; i++)
		q->tags[i] = xstrdup(q->tags[i]);
}

static void replace_string(char **dst, const char *v)
{
	if (!v)
		return;
	free(*dst);
	*dst = xstrdup(v);
}

static void curate_keywords(struct quiz_question *q, const struct quiz_patch *p)
{
	struct quiz_keyword *kw =
		xcalloc(p->n_keywords ? p->n_keywords : 1, sizeof *kw);
	for (size_t i = 0; i < p->n_keywords; i++) {
		kw[i] = p->keywords[i];
		kw[i].term = xstrdup(p->keywords[i].term);
		kw[i].aliases = NULL;
		kw[i].n_aliases = 0;
		for (size_t a = 0; a < p->keywords[i].n_aliases; a++)
			kw_add_alias(&kw[i], p->keywords[i].aliases[a]);
	}
	import_keywords_free(q->keywords, q->n_keywords);
	q->keywords = kw;
	q->n_keywords = p->n_keywords;
}

static void curate_question(struct quiz_question *q, const struct quiz_patch *p)
{
	replace_string(&q->question, p->question);
	replace_string(&q->answer, p->answer);
	replace_string(&q->lang, p->lang);
	if (p->has_kind)
		q->kind = p->kind;
	if (p->has_tags)
		curate_strings(&q->tags, &q->n_tags, p->tags, p->n_tags, true);
	else if (p->question)
		retag(q);
	curate_strings(&q->tags, &q->n_tags, p->add_tags, p->n_add_tags, false);
	if (p->has_keywords)
		curate_keywords(q, p);
	if (p->has_misconceptions)
		bank_set_misconceptions(
			q, p->misconceptions, p->n_misconceptions);
}

bool import_curate(
	struct import_state *st, const char *name, const char *json, size_t len)
{
	struct quiz_curation c;
	bank_curation_init(&c);
	if (!bank_load_curation(&c, name, json, len, NULL))
		return false;
	for (size_t i = 0; i < c.n_chapters; i++) {
		bool found = false;
		for (size_t k = 0; k < st->bank.n_chapters; k++) {
			if (strcmp(st->bank.chapters[k].id, c.chapters[i].id) !=
				0)
				continue;
			replace_string(&st->bank.chapters[k].title,
				c.chapters[i].title);
			found = true;
		}
		if (!found)
			bank_add_chapter(&st->bank, c.chapters[i].id,
				c.chapters[i].title);
	}
	for (size_t i = 0; i < c.n_patches; i++) {
		const struct quiz_patch *p = &c.patches[i];
		struct quiz_question *q = NULL;
		for (size_t k = 0; k < st->bank.n_questions && !q; k++)
			if (strcmp(st->bank.questions[k].id, p->id) == 0)
				q = &st->bank.questions[k];
		if (q)
			curate_question(q, p);
		else
			quiz_warn("%s:%ld:%ld: warning: curation for unknown "
				  "question %s",
				name, p->line, p->col, p->id);
	}
	bank_curation_free(&c);
	return true;
}

bool import_write(struct import_state *st, FILE *out)
{
	size_t n = st->bank.n_questions;
	const struct quiz_question **qs = xcalloc(n ? n : 1, sizeof *qs);
	struct quiz_chapter *chapters =
		xcalloc(st->bank.n_chapters ? st->bank.n_chapters : 1,
			sizeof *chapters);
	size_t n_chapters = 0;
	for (size_t i = 0; i < n; i++)
		qs[i] = &st->bank.questions[i];
	for (size_t c = 0; c < st->bank.n_chapters; c++) {
		for (size_t i = 0; i < n; i++) {
			if (strcmp(st->bank.questions[i].chapter,
				    st->bank.chapters[c].id) == 0) {
				chapters[n_chapters++] = st->bank.chapters[c];
				break;
			}
		}
	}
	bool ok = bank_write_json(out, qs, n, chapters, n_chapters, true);
	free(chapters);
	free(qs);
	return ok;
}
