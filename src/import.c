/* import: Markdown interview notes to bank questions. The recognisers are
 * the generic ones below plus the rules of struct import_rules (rules.h:
 * book and chapter headings, question prefixes, answer markers, summary
 * and residue headings, section rules, tags); the line loop applies them
 * in a fixed order. doc/BANK.md describes the rules. */
#include "import.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keywords.h"
#include "markdown.h"
#include "norm.h"
#include "tunables.h"
#include "util.h"

/* ---- generic recognisers ---------------------------------------------- */

/* The word that introduces a numbered chapter ("Chapter 8.2 : x"): at the
 * start of a heading, or after a book name (rules "book_names"). */
static const char *const chapter_word = "chapter";

/* Headings that open a key-takeaways block (a summary question). */
static const char *const summary_heading = "Key Takeaways";

/* Question prefixes, after emoji and emphasis are removed; rules add
 * more. */
static const struct rules_prefix generic_prefixes[] = {
	{"Q", true, NULL},
	{"Q:", false, NULL},
};

/* Lines that open an answer; the marker is dropped. Rules add more. */
static const char *const generic_answer_markers[] = {
	"Answer:",
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

/* ---- small helpers ---------------------------------------------------- */

static bool list_holds(const struct rules_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

/* ---- the bank being built --------------------------------------------- */

void import_init(struct import_state *st, const char *book, const char *chapter)
{
	memset(st, 0, sizeof *st);
	bank_init(&st->bank);
	rules_init(&st->rules);
	/* a broken built-in file was reported: import with the generic
	 * recognisers */
	rules_load_builtin(&st->rules);
	st->book = book;
	st->chapter = chapter;
}

void import_use_rules(struct import_state *st, struct import_rules *rules)
{
	rules_free(&st->rules);
	st->rules = *rules;
	rules_init(rules);
}

void import_free(struct import_state *st)
{
	for (size_t i = 0; i < st->bank.n_questions; i++)
		free(st->entries[i].key);
	bank_free(&st->bank);
	rules_free(&st->rules);
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

static void add_tag(struct quiz_question *q, size_t *cap, const char *tag)
{
	xgrow((void **)&q->tags, cap, q->n_tags + 1, sizeof *q->tags);
	q->tags[q->n_tags++] = (char *)tag;
}

/* Topical tags: a rule's tag when one of its words occurs
 * (case-insensitively, at a word start) in the question text; a chapter
 * rule's tags for every question of a chapter with its id prefix. The
 * tags point into the rules. */
static void tag_question(const struct import_rules *r, struct quiz_question *q)
{
	size_t cap = 0;
	for (size_t t = 0; t < r->n_tags; t++) {
		bool hit = false;
		const struct rules_list *w = &r->tags[t].words;
		for (size_t k = 0; k < w->n && !hit; k++) {
			const char *trig = w->v[k];
			for (const char *f =
					markdown_find_ci(q->question, trig);
				f; f = markdown_find_ci(f + 1, trig)) {
				if (f == q->question ||
					!isalnum((unsigned char)f[-1])) {
					hit = true;
					break;
				}
			}
		}
		if (hit)
			add_tag(q, &cap, r->tags[t].name);
	}
	for (size_t c = 0; c < r->n_chapter_tags; c++) {
		if (!str_starts(q->chapter, r->chapter_tags[c].name))
			continue;
		const struct rules_list *w = &r->chapter_tags[c].words;
		for (size_t k = 0; k < w->n; k++) {
			bool have = false;
			for (size_t i = 0; i < q->n_tags; i++)
				if (strcmp(q->tags[i], w->v[k]) == 0)
					have = true;
			if (!have)
				add_tag(q, &cap, w->v[k]);
		}
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
	keywords_free(q->keywords, q->n_keywords);
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
			char *ans = markdown_text(d->answer_md,
				strlen(d->answer_md), &st->rules.residue_lines);
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
	q.answer = markdown_text(
		d->answer_md, strlen(d->answer_md), &st->rules.residue_lines);
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
	tag_question(&st->rules, &q);
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
		nkw = keywords_generate(d->answer_md, &st->rules, &kw);
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
	keywords_free(kw, nkw);
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
		p->overview = list_holds(&p->st->rules.overview_chapters, id);
		p->takeaways = list_holds(&p->st->rules.takeaway_chapters, id);
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
		bool zh = norm_has_han(p->d.answer_md);
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
			!markdown_is_blank(
				p->d.answer_md, strlen(p->d.answer_md))))
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

/* The book a chapter heading names ("AI Engineering - Chapter 8.1"), or
 * NULL. */
static const char *book_name(const struct import_rules *r, const char *text)
{
	for (size_t i = 0; i < r->n_book_names; i++)
		if (markdown_find_ci(text, r->book_names[i].text))
			return r->book_names[i].book;
	return NULL;
}

/* "ch1.1", "Chapter 8.2 : Data…", "AI Engineering - Chapter 8.1: x".
 * Writes the number and the title after it. */
static bool parse_chapter_heading(const struct import_rules *r,
	const char *text, char *num, size_t nsz, const char **title)
{
	const char *s = text;
	const char *ch = markdown_find_ci(s, chapter_word);
	size_t wl = strlen(chapter_word);
	const char *abbr = r->chapter_abbreviation;
	if (!ch) {
		if (!abbr || !markdown_starts_ci(s, strlen(s), abbr))
			return false;
		ch = s;
		wl = strlen(abbr);
	}
	if (ch != s && !book_name(r, s))
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
static char *parse_question_prefix(const struct import_rules *r,
	const char *text, int *number, const char **lang)
{
	size_t n_generic = sizeof generic_prefixes / sizeof *generic_prefixes;
	for (size_t i = 0; i < n_generic + r->n_question_prefixes; i++) {
		const struct rules_prefix *qp = i < n_generic
			? &generic_prefixes[i]
			: &r->question_prefixes[i - n_generic];
		const char *pre = qp->prefix;
		size_t pl = strlen(pre);
		if (strncmp(text, pre, pl) != 0)
			continue;
		const char *p = text + pl;
		int num = 0;
		if (qp->numbered) {
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
		char *q = markdown_trim_dup(p);
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
		*lang = qp->lang;
		if (norm_has_han(q))
			*lang = "zh";
		return q;
	}
	return NULL;
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
	size_t nc = markdown_table_cells(first, &cells);
	char *what = xstrdup(nc && cells[0][0] ? cells[0] : "point");
	markdown_free_cells(cells, nc);
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
	it->left_out =
		left_out || rules_match_any(&p->st->rules.overview_skip, text);
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
	char *c = markdown_inline(t, tl);
	char *ct = markdown_trim_dup(c);
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
	char *c = markdown_inline(t, tl);
	char *ct = markdown_trim_dup(c);
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
		p->sec_flagged =
			rules_match_any(&p->st->rules.key_section_flags, text);
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
	char *c = markdown_inline(s, n);
	char *t = markdown_trim_dup(c);
	free(c);
	size_t tl = strlen(t);
	const char *marker = p->st->rules.takeaway_marker;
	if (marker && markdown_starts_ci(t, tl, marker))
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

/* A numbered chapter's title: the rule's with "{}" replaced by the
 * number. */
static char *numbered_title(const char *title, const char *number)
{
	const char *hole = strstr(title, "{}");
	if (!hole)
		return xstrdup(title);
	return xasprintf(
		"%.*s%s%s", (int)(hole - title), title, number, hole + 2);
}

static void on_heading(
	struct parser *p, int level, const char *raw, size_t rawlen, long line)
{
	char *text = markdown_inline(raw, rawlen);
	bool section = true; /* a section of the chapter (section rules) */
	bool left_out = false; /* ... that no rule takes */
	/* a check mark before a heading became "+": not part of it */
	const char *h = text;
	while (*h == '+' || *h == ' ')
		h++;
	char *t = markdown_trim_dup(h);
	free(text);
	text = t;
	flush(p);
	list_end(p);
	p->interview_ready = false;
	p->skip = false;
	const struct import_rules *r = &p->st->rules;
	if (rules_match_any(&r->residue_headings, text)) {
		p->skip = true;
		left_out = true;
		goto done;
	}
	for (size_t i = 0; i < r->n_book_headings; i++) {
		if (strcasecmp(text, r->book_headings[i].text) == 0) {
			snprintf(p->book, sizeof p->book, "%s",
				r->book_headings[i].book);
			section = false;
			goto done;
		}
	}
	char num[16];
	const char *title;
	if (parse_chapter_heading(r, text, num, sizeof num, &title)) {
		const char *book = book_name(r, text);
		if (book)
			snprintf(p->book, sizeof p->book, "%s", book);
		char *id =
			xasprintf("%s-%s", p->book[0] ? p->book : "misc", num);
		char *tt = markdown_trim_dup(title);
		/* 003: "Chapter 8.1 Summary: x" names the same chapter */
		set_chapter(p, id, tt);
		free(tt);
		free(id);
		p->chapter_level = level;
		emit_pending(p);
		section = false;
		goto done;
	}
	for (size_t i = 0; i < r->n_numbered_chapters; i++) {
		const struct rules_chapter *c = &r->numbered_chapters[i];
		if (strncmp(text, c->match, strlen(c->match)) != 0)
			continue;
		const char *d = text + strlen(c->match);
		while (*d == ' ')
			d++;
		char *id = xasprintf("%s%s", c->chapter, d);
		char *ctitle = numbered_title(c->title, d);
		set_chapter(p, id, ctitle);
		p->chapter_level = level;
		free(ctitle);
		free(id);
		section = false;
		goto done;
	}
	for (size_t i = 0; i < r->n_section_chapters; i++) {
		const struct rules_chapter *c = &r->section_chapters[i];
		if (level <= 2 && markdown_find_ci(text, c->match)) {
			/* a heading that names the chapter it is in ("ONE
			 * Example That Covers EVERYTHING (Pandas + NumPy)")
			 * stays one of its sections */
			char *before = xstrdup(p->chapter);
			set_chapter(p, c->chapter, c->title);
			section = strcmp(before, p->chapter) == 0;
			free(before);
			if (!section)
				p->chapter_level = level;
			for (size_t k = 0; k < r->numbered_question_chapters.n;
				k++)
				if (str_starts(c->chapter,
					    r->numbered_question_chapters.v[k]))
					p->role_doc = true;
			goto done;
		}
	}
	if (markdown_find_ci(text, summary_heading) ||
		rules_match_any(&r->summary_headings, text)) {
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
	if (rules_match_any(&r->sheet_headings, text)) {
		start(p, COLLECT_SHEET, NULL, line, 0, NULL, QUIZ_KIND_CONCEPT);
		left_out = true;
		goto done;
	}
	if (rules_match_any(&r->answer_sections, text)) {
		p->interview_ready = true;
		goto done;
	}
	int number = 0;
	const char *lang = NULL;
	char *q = parse_question_prefix(r, text, &number, &lang);
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
	char *c = markdown_inline(inner, strlen(inner));
	free(inner);
	int number;
	const char *lang;
	char *q = parse_question_prefix(&p->st->rules, c, &number, &lang);
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
	if (p->body.len == 0 || markdown_is_blank(p->body.data, p->body.len)) {
		char *c = markdown_inline(s, n);
		const char *t = c;
		while (*t == ' ' || *t == '+')
			t++;
		const struct rules_list *more = &p->st->rules.answer_markers;
		size_t n_generic = sizeof generic_answer_markers /
			sizeof *generic_answer_markers;
		for (size_t i = 0; i < n_generic + more->n; i++) {
			const char *m = i < n_generic
				? generic_answer_markers[i]
				: more->v[i - n_generic];
			size_t ml = strlen(m);
			if (strncmp(t, m, ml) == 0) {
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
	markdown_trim(&t, &tl);
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
			markdown_trim(&h, &hl);
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
		start(p, COLLECT_QUESTION, q, line, 0,
			norm_has_han(q) ? "zh" : NULL, QUIZ_KIND_INTERVIEW);
		return;
	}
	if (p->role_doc && n && isdigit((unsigned char)s[0])) {
		size_t d = 0;
		int num = 0;
		while (d < n && isdigit((unsigned char)s[d]))
			num = num * 10 + (s[d++] - '0');
		if (d + 1 < n && s[d] == '.' && s[d + 1] == ' ') {
			char *c = markdown_inline(s + d + 2, n - d - 2);
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
static void retag(const struct import_rules *r, struct quiz_question *q)
{
	for (size_t i = 0; i < q->n_tags; i++)
		free(q->tags[i]);
	free(q->tags);
	q->tags = NULL;
	q->n_tags = 0;
	tag_question(r, q);
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
			keywords_add_alias(&kw[i], p->keywords[i].aliases[a]);
	}
	keywords_free(q->keywords, q->n_keywords);
	q->keywords = kw;
	q->n_keywords = p->n_keywords;
}

static void curate_question(const struct import_rules *r,
	struct quiz_question *q, const struct quiz_patch *p)
{
	replace_string(&q->question, p->question);
	replace_string(&q->answer, p->answer);
	replace_string(&q->lang, p->lang);
	if (p->has_kind)
		q->kind = p->kind;
	if (p->has_tags)
		curate_strings(&q->tags, &q->n_tags, p->tags, p->n_tags, true);
	else if (p->question)
		retag(r, q);
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
			curate_question(&st->rules, q, p);
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
