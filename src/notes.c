/* notes: the Markdown line parser of import. Recognises books,
 * chapters, questions, answers and summaries by the generic recognisers
 * below and the import rules (rules.h), collects each question's answer,
 * and feeds the section rules (sections.c); the line loop applies them in
 * a fixed order. doc/BANK.md describes the rules. */
#include "notes.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "mojibake.h"
#include "norm.h"

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
const char *const notes_count_words[NOTES_N_COUNT_WORDS] = {
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

/* Reads the digits at *p (at most n bytes) as a question number and
 * moves past them; false, without moving, when there are none or they
 * exceed IMPORT_NUMBER_MAX. */
static bool read_number(const char **p, size_t n, int *num)
{
	const char *s = *p;
	size_t d = 0;
	int v = 0;
	while (d < n && isdigit((unsigned char)s[d])) {
		v = v * 10 + (s[d++] - '0');
		if (v > IMPORT_NUMBER_MAX)
			return false;
	}
	if (d == 0)
		return false;
	*p = s + d;
	*num = v;
	return true;
}

static bool list_holds(const struct rules_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

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
	/* a chapter id from a heading ("WEEK 1 recap") */
	import_clean_name(full);
	if (strcmp(p->chapter, full) != 0) {
		sections_chapter_end(p);
		p->overview = list_holds(&p->st->rules->overview_chapters, id);
		p->takeaways = list_holds(&p->st->rules->takeaway_chapters, id);
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
			import_clean_line(c->title, BANK_TEXT_MAX);
		}
	}
	if (!known) {
		char *t = xstrdup(title ? title : "");
		import_clean_line(t, BANK_TEXT_MAX);
		bank_add_chapter(&p->st->bank, full, t);
		free(t);
	}
	free(full);
}

void notes_draft_free(struct draft *d)
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

/* A takeaways block that waits for the chapter heading after it. A
 * second one adds to the first of its language: the chapter has one
 * summary question, so they would merge and lose the second's text. */
static void pend_summary(struct parser *p, bool zh)
{
	for (size_t k = 0; k < p->n_pending; k++) {
		struct draft *e = &p->pending[k];
		if ((e->lang != NULL) != zh)
			continue;
		char *both = xasprintf("%s\n%s", e->answer_md, p->d.answer_md);
		free(e->answer_md);
		e->answer_md = both;
		notes_draft_free(&p->d);
		return;
	}
	xgrow((void **)&p->pending, &p->cap_pending, p->n_pending + 1,
		sizeof *p->pending);
	p->pending[p->n_pending++] = p->d;
	memset(&p->d, 0, sizeof p->d);
}

static void flush(struct parser *p)
{
	if (p->collect == COLLECT_NONE)
		return;
	p->d.answer_md = buf_steal(&p->body);
	if (p->collect == COLLECT_SHEET) {
		sections_sheet_end(p);
		notes_draft_free(&p->d);
		p->collect = COLLECT_NONE;
		return;
	}
	if (p->collect == COLLECT_SUMMARY) {
		bool zh = norm_has_han(p->d.answer_md);
		p->d.lang = zh ? "zh" : NULL;
		if (p->summary_pending) {
			pend_summary(p, zh);
			p->collect = COLLECT_NONE;
			return;
		}
		p->d.question = summary_question(p->chapter, zh);
	}
	if (p->d.question && p->d.question[0] &&
		(p->collect == COLLECT_QUESTION ||
			!markdown_is_blank(
				p->d.answer_md, strlen(p->d.answer_md))))
		import_add_draft(
			p->st, p->file, p->repaired, p->chapter, &p->d);
	notes_draft_free(&p->d);
	p->collect = COLLECT_NONE;
}

static void emit_pending(struct parser *p)
{
	if (!p->summary_pending || !p->n_pending)
		return;
	p->summary_pending = false;
	for (size_t i = 0; i < p->n_pending; i++) {
		struct draft *d = &p->pending[i];
		d->question = summary_question(p->chapter, d->lang != NULL);
		import_add_draft(p->st, p->file, p->repaired, p->chapter, d);
		notes_draft_free(d);
	}
	p->n_pending = 0;
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
			if (!read_number(&p, SIZE_MAX, &num))
				continue;
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
void notes_sentence_case(char *text, bool keep_first)
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

/* "1. What Are Embeddings? (80/20)" -> "What are embeddings?"; the
 * enumerator may be a letter ("F) Which ...?"). */
static char *question_heading(const char *text)
{
	const char *p = text;
	while (isdigit((unsigned char)*p))
		p++;
	if (p > text && (*p == '.' || *p == ')'))
		p++;
	else if (isupper((unsigned char)p[0]) && p[1] == ')')
		p += 2; /* "F) Which decoding method to use?" */
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
	notes_sentence_case(out, true);
	return out;
}

static char *concept_question(const char *text)
{
	char *qh = question_heading(text);
	if (qh)
		return qh;
	for (size_t i = 0; i < NOTES_N_COUNT_WORDS; i++) {
		if (strncmp(text, notes_count_words[i],
			    strlen(notes_count_words[i])) != 0)
			continue;
		char *lower = xstrdup(text);
		notes_sentence_case(lower, false);
		size_t l = strlen(lower);
		while (l && (lower[l - 1] == ':' || lower[l - 1] == '.'))
			lower[--l] = '\0';
		char *q = xasprintf("What are the %s?", lower);
		free(lower);
		return q;
	}
	return NULL;
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
	sections_list_end(p);
	p->interview_ready = false;
	p->skip = false;
	const struct import_rules *r = p->st->rules;
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
	if (section)
		sections_heading(p, level, text, left_out, line);
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
	char *q = parse_question_prefix(p->st->rules, c, &number, &lang);
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
		const struct rules_list *more = &p->st->rules->answer_markers;
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
		if (!p->skip)
			sections_code(p, s, n, fence && !p->in_code);
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
		sections_list_end(p);
		return;
	}
	if (p->skip)
		return;
	sections_line(p, s, n, t, tl, line);
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
	const char *after = s;
	int num = 0;
	if (p->role_doc && read_number(&after, n, &num)) {
		size_t d = (size_t)(after - s);
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

/* Removes the control characters that the bank loader refuses (and that
 * could drive a terminal): C0 but tab and newline, a carriage return
 * that ends no line, DEL, and C1 (U+0080-U+009F). */
static void strip_controls(char *s)
{
	char *w = s;
	for (const unsigned char *r = (const unsigned char *)s; *r; r++) {
		if (*r == 0xC2 && r[1] >= 0x80 && r[1] <= 0x9F) {
			r++;
			continue;
		}
		bool keep = *r >= 0x20 || *r == '\t' || *r == '\n' ||
			(*r == '\r' && r[1] == '\n');
		if (keep && *r != 0x7F)
			*w++ = (char)*r;
	}
	*w = '\0';
}

void import_text(
	struct import_state *st, const char *name, const char *text, size_t len)
{
	struct mojibake_stats ms = {0};
	char *clean;
	bool repaired = mojibake_detect(text, len);
	clean = mojibake_clean(text, len, &ms);
	strip_controls(clean);
	st->moji.chars_reversed += ms.chars_reversed;
	st->moji.seqs_rebuilt += ms.seqs_rebuilt;
	st->moji.bytes_rebuilt += ms.bytes_rebuilt;
	st->moji.seqs_unresolved += ms.seqs_unresolved;
	st->moji.macroman_fixed += ms.macroman_fixed;
	st->n_documents++;

	struct parser p;
	memset(&p, 0, sizeof p);
	p.st = st;
	char *file = xstrdup(name);
	import_clean_line(file, BANK_TEXT_MAX);
	p.file = file;
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
	sections_chapter_end(&p);
	free(p.deferred);
	free(p.outline);
	for (size_t i = 0; i < p.n_pending; i++)
		notes_draft_free(&p.pending[i]);
	free(p.pending);
	buf_free(&p.body);
	free(clean);
	free(file);
}
