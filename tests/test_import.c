/* test_import: the importer on strings: Markdown cleaning, keywords, the
 * question formats, chapters and summaries, merging a repaired twin, and
 * the section rules that make concept questions. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "import.h"
#include "keywords.h"
#include "markdown.h"
#include "mojibake.h"
#include "rules.h"
#include "util.h"

static char *clean(const char *md)
{
	return markdown_text(md, strlen(md), NULL);
}

static void test_clean_markdown(void)
{
	char *c = clean("✅ **Answer:**  \n- **Text formats** (CSV) are "
			"*human-readable*.  \n📌 **Example**: Parquet\n");
	CHECK_STR(c,
		"+ Answer:\n- Text formats (CSV) are human-readable.\n"
		"Example: Parquet");
	free(c);
	c = clean("1️⃣ **First.**\n> quoted line\n* bullet\nα * x");
	CHECK_STR(c, "1. First.\nquoted line\n- bullet\nα * x");
	free(c);
	/* code stays as it is, indented */
	c = clean("Call:\n```python\nf(**kwargs)  # ✅ ok\n```\nDone *now*.");
	CHECK_STR(c, "Call:\n    f(**kwargs)  # ✅ ok\nDone now.");
	free(c);
	c = clean("| **A** | **B** |\n|---|---|\n| x | ✅ yes ❌ no |\n");
	CHECK_STR(c, "A  B\n-------------\nx  + yes - no");
	free(c);
}

static const struct quiz_keyword *kw_find(
	const struct quiz_keyword *kw, size_t n, const char *term)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kw[i].term, term) == 0)
			return &kw[i];
	return NULL;
}

static void test_keywords(void)
{
	struct quiz_keyword *kw;
	size_t n = keywords_generate(
		"- **Batch processing**: fixed intervals.\n"
		"- RAG (Retrieval-Augmented Generation) adds context.\n"
		"| Method | Best |\n|---|---|\n| **ETL** | schemas |\n",
		NULL, &kw);
	CHECK(n >= 3);
	const struct quiz_keyword *k = kw_find(kw, n, "Batch processing");
	CHECK(k && k->weight > 1.0);
	k = kw_find(kw, n, "RAG");
	CHECK(k && k->n_aliases == 1 &&
		strcmp(k->aliases[0], "retrieval-augmented generation") == 0);
	CHECK(kw_find(kw, n, "ETL") != NULL);
	CHECK(kw_find(kw, n, "Method") == NULL); /* header, not a point */
	keywords_free(kw, n);
}

static const char doc[] = "# MLSD\n"
			  "## ch1.2\n"
			  "### 📌 Key Takeaways (3-Sentence Summary)\n"
			  "- 1️⃣ Latency matters.\n"
			  "### 📌 If an Interviewer Asks...\n"
			  "#### ❓ Q1: Why measure latency?\n"
			  "✅ Answer:\n"
			  "Percentiles (p95) show outliers.\n"
			  "---\n"
			  "#### **❓ Q2: What is batching?**\n"
			  "✅ **Answer:**  \n"
			  "- **Batching** raises throughput.\n"
			  "# AIE\n"
			  "## Ch1.3 planning\n"
			  "#### **❓ Q1: Build or buy?**\n"
			  "✅ **Answer:**\n"
			  "- **Build** if core.\n"
			  "---\n"
			  "## **📌 Key Takeaways (3-Sentence Summary)**\n"
			  "1️⃣ **Data curation matters.**\n"
			  "---\n"
			  "## 📌 AI Engineering - Chapter 8.1: data\n"
			  "### **❓ Q1: Data-centric or model-centric?**\n"
			  "✅ **Answer:**\n"
			  "- **Data-Centric AI** improves data.\n"
			  "## WEEK 1\n"
			  "### ❓ Q1: 如何设计推荐系统？\n"
			  "✅ 回答要点：\n"
			  "数据处理管道（Data Pipeline）：特征工程\n"
			  "### **Q: What is LoRA?**\n"
			  "> LoRA adds small matrices.\n"
			  "If asked “Explain RAG,” answer this:\n"
			  "> “RAG = retrieval + generation.”\n"
			  "# 🚀 Next topic?\n"
			  "1️⃣ **Want me to continue?**\n";

static const struct quiz_question *find(
	const struct import_state *st, const char *id)
{
	return bank_find(&st->bank, id);
}

static void test_formats(void)
{
	struct import_state st;
	import_init(&st, NULL, NULL);
	import_text(&st, "doc.md", doc, strlen(doc));
	const struct quiz_question *q = find(&st, "mlsd-1.2-q1");
	CHECK(q && strcmp(q->question, "Why measure latency?") == 0);
	CHECK(q && strcmp(q->answer, "Percentiles (p95) show outliers.") == 0);
	CHECK(q && q->n_sources == 1 && q->sources[0].line == 6);
	q = find(&st, "mlsd-1.2-q2");
	CHECK(q && strcmp(q->answer, "- Batching raises throughput.") == 0);
	q = find(&st, "mlsd-1.2-summary");
	CHECK(q && q->kind == QUIZ_KIND_SUMMARY &&
		strcmp(q->question,
			"Summarize the key takeaways of MLSD 1.2.") == 0);
	/* the takeaways block before the 8.1 heading is 8.1's */
	q = find(&st, "aie-8.1-summary");
	CHECK(q && strcmp(q->answer, "1. Data curation matters.") == 0);
	CHECK(find(&st, "aie-1.3-summary") == NULL);
	CHECK(find(&st, "aie-1.3-q1") != NULL);
	CHECK(find(&st, "aie-8.1-q1") != NULL);
	q = find(&st, "review-week1-zh-q1");
	CHECK(q && strcmp(q->lang, "zh") == 0);
	q = find(&st, "review-week1-q1");
	CHECK(q && strcmp(q->question, "What is LoRA?") == 0 &&
		strcmp(q->answer, "LoRA adds small matrices.") == 0);
	q = find(&st, "review-week1-q2");
	CHECK(q && strcmp(q->question, "Explain RAG") == 0);
	CHECK_INT(st.bank.n_questions, 9);
	import_free(&st);
}

static void test_overrides(void)
{
	struct import_state st;
	import_init(&st, "book", NULL);
	import_text(&st, "doc.md", doc, strlen(doc));
	CHECK(find(&st, "book-1.2-q1") != NULL);
	import_free(&st);
	import_init(&st, NULL, "x-1");
	import_text(&st, "doc.md", doc, strlen(doc));
	CHECK(find(&st, "x-1-q1") != NULL);
	CHECK(find(&st, "mlsd-1.2-q1") == NULL);
	import_free(&st);
}

/* A damaged twin merges into the clean document's questions, which keep
 * the clean text and gain the twin's source. */
static void test_twin_merge(void)
{
	struct import_state st;
	import_init(&st, NULL, NULL);
	char *bad = mojibake_damage(doc, strlen(doc));
	import_text(&st, "bad.md", bad, strlen(bad));
	import_text(&st, "good.md", doc, strlen(doc));
	CHECK_INT(st.bank.n_questions, 9);
	CHECK_INT(st.n_merged, 9);
	CHECK(st.moji.bytes_rebuilt > 0);
	const struct quiz_question *q = find(&st, "review-week1-zh-q1");
	CHECK(q && strcmp(q->question, "如何设计推荐系统？") == 0);
	CHECK(q && q->n_sources == 2);
	free(bad);
	import_free(&st);
}

static void test_curation(void)
{
	struct import_state st;
	import_init(&st, NULL, NULL);
	import_text(&st, "doc.md", doc, strlen(doc));
	const char *cur =
		"{\"chapters\":{\"mlsd-1.2\":\"Research vs. "
		"production\"},\"questions\":{\"mlsd-1.2-q1\":{\"keywords\":"
		"[\"latency\",{\"term\":\"p95\",\"weight\":2,\"required\":true,"
		"\"aliases\":[\"95th percentile\"]}],\"add_tags\":[\"x\"]}}}";
	CHECK(import_curate(&st, "c.json", cur, strlen(cur)));
	const struct quiz_question *q = find(&st, "mlsd-1.2-q1");
	CHECK(q && q->n_keywords == 2 && q->keywords[1].required &&
		q->keywords[1].weight == 2.0 && q->keywords[1].n_aliases == 1);
	CHECK_STR(bank_chapter_title(&st.bank, "mlsd-1.2"),
		"Research vs. production");
	CHECK(!import_curate(&st, "c.json", "{", 1));
	import_free(&st);
}

/* Two takeaways blocks after "## WEEK 1" both waited for a chapter heading
 * in one slot: the first was overwritten (leaked, and its text lost). Both
 * now make the chapter's one summary (LeakSanitizer checks the free under
 * -Db_sanitize=address). */
static void test_week_then_two_takeaways_leaked(void)
{
	static const char week[] = "## WEEK 1\n\n"
				   "## Key Takeaways\n- First point.\n\n"
				   "## Key Takeaways\n- Second point.\n";
	struct import_state st;
	import_init(&st, NULL, NULL);
	import_text(&st, "week.md", week, strlen(week));
	const struct quiz_question *q = find(&st, "review-week1-summary");
	CHECK(q && strcmp(q->answer, "- First point.\n\n- Second point.") == 0);
	CHECK_INT(st.bank.n_questions, 1);
	import_free(&st);
}

/* Import wrote banks that --bank then refused: control characters of the
 * notes reached question, answer and keywords, a chapter id from a
 * heading kept its spaces, a file name its tab. The output now loads
 * without an error. */
static void test_import_writes_bank_the_loader_refuses(void)
{
	static const char hostile[] =
		"## WEEK 1 recap\tand more\n"
		"### Q1: What is \001latency\033[31m?\n"
		"Answer: it is \002 time\x7f, \x1b]0;pwned\x07 and \xc2\x9b "
		"**tab\tterm** here.\r\n"
		"## Key Takeaways\n- One \x0b point.\n";
	struct import_state st;
	import_init(&st, NULL, NULL);
	import_text(&st, "we\tird\n.md", hostile, strlen(hostile));
	char *json = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&json, &len);
	CHECK(import_write(&st, out));
	fclose(out);
	struct quiz_bank b;
	bank_init(&b);
	struct bank_diag diag = {0};
	diag.lint = true;
	CHECK(bank_load_text(&b, "out.json", json, len, &diag));
	CHECK(bank_validate(&b, &diag));
	CHECK_INT(diag.n_errors, 0);
	const struct quiz_question *q =
		bank_find(&b, "review-week1-recap-and-more-q1");
	CHECK(q && strcmp(q->question, "What is latency[31m?") == 0);
	CHECK_INT(b.n_questions, 2);
	bank_free(&b);
	free(json);
	import_free(&st);
}

/* A rules file whose tag or language has a space made every tagged
 * question unloadable; it is refused like any invalid rules file. */
static void test_rules_tag_with_space_refused(void)
{
	static const char *const bad[] = {
		"{\"tags\": {\"my tag\": [\"x\"]}}",
		"{\"chapter_tags\": {\"aie-\": [\"a b\"]}}",
		("{\"question_prefixes\": [{\"prefix\": \"Q\", \"lang\": "
		 "\"z h\"}]}"),
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct import_rules r;
		rules_init(&r);
		CHECK(!rules_load(&r, "rules.json", bad[i], strlen(bad[i])));
		rules_free(&r);
	}
}

/* A summary's question names only its chapter, so it had no topical tag
 * and `--tag rag` missed aie-1.1-summary: its answer tags it. One passing
 * mention is not enough. */
static void test_summary_tagged_by_content(void)
{
	static const char notes[] = "# AIE\n## Chapter 1.1 : Intro\n"
				    "### Key Takeaways\n"
				    "- Retrieval grounds answers.\n"
				    "- RAG adds retrieved context.\n"
				    "- A safety review once.\n";
	struct import_state st;
	import_init(&st, NULL, NULL);
	import_text(&st, "n.md", notes, strlen(notes));
	const struct quiz_question *q = find(&st, "aie-1.1-summary");
	bool rag = false;
	bool safety = false;
	for (size_t i = 0; q && i < q->n_tags; i++) {
		rag = rag || strcmp(q->tags[i], "rag") == 0;
		safety = safety || strcmp(q->tags[i], "safety") == 0;
	}
	CHECK(rag);
	CHECK(!safety);
	import_free(&st);
}

/* The section rules of 002's 80/20 notes: counted keycap lists,
 * cheat-sheet tables, key-point sections, topic overviews and takeaway
 * sections. */
static const char notes[] =
	"# ✅ **80/20 SQL — What You REALLY Need**\n"
	"You only need to know these **5 SQL operations**:\n"
	"\n"
	"1️⃣ SELECT\n"
	"2️⃣ WHERE\n"
	"3️⃣ GROUP BY\n"
	"4️⃣ JOIN\n"
	"5️⃣ ORDER BY\n"
	"\n"
	"Only **4 joins** matter:\n"
	"1️⃣ INNER\n2️⃣ LEFT\n3️⃣ RIGHT\n"
	"# 🎯 **80/20 Summary**\n"
	"| Skill | Why |\n|---|---|\n| JOIN | Combine sources |\n"
	"| WHERE | Filter rows |\n"
	"# 🎯 **Cheat Sheet**\n"
	"Just prose, no table.\n"
	"# ⭐ **1. What Is a Join? (80/20)**\n"
	"Combines rows of two tables.\n"
	"# 🔥 **2. JOIN (very important for interviews)**\n"
	"Match rows on a key:\n"
	"```sql\nSELECT * FROM a JOIN b ON a.id = b.id;\n```\n"
	"# 🔥 **3. Metrics (most important)**\n"
	"## **Recall**\n"
	"Sub-sections: no key-point question.\n"
	"# ✅ **Python for ML — 80/20 Essentials**\n"
	"# 🔹 **Functions**\n"
	"A function lets you reuse logic.\n"
	"```python\ndef f(): pass\n```\n"
	"# 🔹 **Loops**\n"
	"```python\nfor x in y: pass\n```\n"
	"Used for repeating tasks.\n"
	"# 🔹 **2. Files**\n"
	"## **Reading**\n"
	"```python\nopen()\n```\n"
	"Prose after a nested section's code is not its gist.\n"
	"## **Writing**\n"
	"Write results to disk.\n"
	"# ⭐ **ONE Example That Uses All**\n"
	"This example is left out.\n"
	"# ✅ **80/20 Data Engineering Concepts**\n"
	"# ⭐ **1️⃣ Batch vs Real-Time Data**\n"
	"### Batch\n"
	"- Daily jobs\n"
	"### Streaming\n"
	"```python\nkafka()\n```\n"
	"**80/20 takeaway:**\n"
	"Most ML is batch.\n"
	"# ⭐ **2️⃣ File Formats**\n"
	"Parquet is compressed.\n";

static void test_section_rules(void)
{
	struct import_state st;
	import_init(&st, NULL, NULL);
	import_text(&st, "notes.md", notes, strlen(notes));
	/* a heading concept keeps the first number although the list and
	 * the table come before it: section-rule concepts enter the bank
	 * when their chapter ends */
	const struct quiz_question *q = find(&st, "notes-sql-c1");
	CHECK(q && strcmp(q->question, "What is a join?") == 0);
	q = find(&st, "notes-sql-c2");
	CHECK(q && q->kind == QUIZ_KIND_CONCEPT &&
		strcmp(q->question, "What are the five SQL operations?") == 0);
	CHECK(q &&
		strcmp(q->answer,
			"1. SELECT\n2. WHERE\n3. GROUP BY\n"
			"4. JOIN\n5. ORDER BY") == 0);
	CHECK(q && q->sources[0].line == 2);
	q = find(&st, "notes-sql-c3");
	CHECK(q &&
		strcmp(q->question,
			"SQL for ML engineers: explain each skill.") == 0);
	CHECK(q &&
		strcmp(q->answer,
			"Skill  Why\n----------------------\n"
			"JOIN   Combine sources\nWHERE  Filter rows") == 0);
	CHECK(q && q->n_tags == 1 && strcmp(q->tags[0], "sql") == 0);
	/* a flagged section keeps its code */
	q = find(&st, "notes-sql-c4");
	CHECK(q &&
		strcmp(q->question,
			"What should you know about JOIN (very "
			"important for interviews)?") == 0);
	CHECK(q &&
		strcmp(q->answer,
			"Match rows on a key:\n    SELECT * FROM "
			"a JOIN b ON a.id = b.id;") == 0);
	/* a count that does not match the list, a sheet without a table, a
	 * flagged section with sub-sections */
	CHECK(find(&st, "notes-sql-c5") == NULL);
	q = find(&st, "notes-python-c1");
	CHECK(q &&
		strcmp(q->question,
			"What are the essentials of Python for ML?") == 0);
	CHECK(q &&
		strcmp(q->answer,
			"- Functions: A function lets you reuse "
			"logic.\n- Loops: Used for repeating tasks.\n- Files\n"
			"  - Writing: Write results to disk.") == 0);
	q = find(&st, "notes-dataeng-c1");
	CHECK(q &&
		strcmp(q->question,
			"What should you know about Batch vs "
			"Real-Time Data?") == 0);
	CHECK(q &&
		strcmp(q->answer,
			"Batch\n- Daily jobs\n80/20 takeaway:\n"
			"Most ML is batch.") == 0);
	/* a section without a takeaway is no question */
	CHECK(find(&st, "notes-dataeng-c2") == NULL);
	CHECK_INT(st.bank.n_questions, 6);
	/* curated question text is tagged by the rule */
	const char *cur = "{\"questions\":{\"notes-python-c1\":{\"question\":"
			  "\"How do you deploy Python code?\"}}}";
	CHECK(import_curate(&st, "c.json", cur, strlen(cur)));
	q = find(&st, "notes-python-c1");
	CHECK(q && q->n_tags == 2 && strcmp(q->tags[0], "deployment") == 0 &&
		strcmp(q->tags[1], "ml-basics") == 0);
	import_free(&st);
}

/* A topic the rules name is a concept at any level, sub-sections and
 * code included, up to the next heading of its level or above (002's
 * "Types of Agents" lists each type under its own heading; 003's tables
 * sit under level-3 headings). */
static void test_topic_headings(void)
{
	static const char rules[] =
		"{\"book_headings\": {\"AIE\": \"aie\"},"
		" \"section_chapters\": [{\"match\": \"Agentic AI\","
		" \"chapter\": \"topics_md-agents\", \"title\": \"Agents\"}],"
		" \"topic_headings\": [\"Types of Agents\", \"Volume Needs\"]}";
	static const char topics_md[] =
		"# AIE\n# Chapter 8.1 : Data curation\n"
		"## 4. Data Quantity\n"
		"### Factors That Influence Data Volume Needs\n"
		"| Factor | Impact |\n|---|---|\n"
		"| Task complexity | Harder tasks need more |\n"
		"### Key Data Sources\n"
		"Not part of the topic.\n"
		"## 🧠 **Agentic AI (AI Agents)**\n"
		"# ⭐ 7️⃣ Types of Agents (80/20)\n"
		"### **ReAct Agents**\n"
		"LLM decides tools on the fly.\n"
		"```\nThought: ...\n```\n"
		"### **Multi-Agent Systems**\n"
		"Specialized agents collaborating.\n"
		"# ⭐ 8️⃣ When to Use Agents vs. RAG?\n"
		"When the task needs tools.\n";
	struct import_rules r;
	rules_init(&r);
	CHECK(rules_load(&r, "rules.json", rules, strlen(rules)));
	struct import_state st;
	import_init(&st, NULL, NULL);
	import_use_rules(&st, &r);
	import_text(&st, "n.md", topics_md, strlen(topics_md));
	const struct quiz_question *q = find(&st, "aie-8.1-c1");
	CHECK(q &&
		strcmp(q->question,
			"What should you know about Factors That "
			"Influence Data Volume Needs?") == 0);
	CHECK(q && q->sources[0].line == 4);
	CHECK(q && strstr(q->answer, "Harder tasks need more") &&
		!strstr(q->answer, "Not part"));
	q = find(&st, "topics_md-agents-c2");
	CHECK(q &&
		strcmp(q->question,
			"What should you know about Types of Agents "
			"(80/20)?") == 0);
	CHECK(q && strstr(q->answer, "ReAct Agents") &&
		strstr(q->answer, "Thought: ...") &&
		strstr(q->answer, "Specialized agents collaborating.") &&
		!strstr(q->answer, "When the task"));
	import_free(&st);
}

int main(void)
{
	RUN(test_clean_markdown);
	RUN(test_keywords);
	RUN(test_formats);
	RUN(test_overrides);
	RUN(test_twin_merge);
	RUN(test_curation);
	RUN(test_week_then_two_takeaways_leaked);
	RUN(test_import_writes_bank_the_loader_refuses);
	RUN(test_rules_tag_with_space_refused);
	RUN(test_summary_tagged_by_content);
	RUN(test_section_rules);
	RUN(test_topic_headings);
	return check_done();
}
