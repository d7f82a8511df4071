/* sections: the section rules of the notes parser. A cheat sheet with a
 * table, a counted list after its lead line, the sections of an overview
 * chapter, the sections of a takeaway chapter or with a flagged heading,
 * and the topics the rules name become concepts; they are deferred to the
 * end of their chapter so they are numbered after its heading concepts. */
#include "notes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "tunables.h"

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
void sections_sheet_end(struct parser *p)
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
	notes_sentence_case(what, false);
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
		for (size_t i = 0; i < NOTES_N_COUNT_WORDS; i++)
			if (strlen(notes_count_words[i]) == wl + 1 &&
				strncasecmp(w, notes_count_words[i], wl) == 0)
				count = i + 2;
		if (count == n_items && *e == ' ' && count >= 2 &&
			count - 2 < NOTES_N_COUNT_WORDS) {
			char *word = xstrdup(notes_count_words[count - 2]);
			for (char *c = word; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			q = xasprintf("What are the %s%s?", word, e + 1);
			free(word);
		}
		w = *e ? e + 1 : e;
	}
	if (!q && words <= IMPORT_LIST_LABEL_WORDS) {
		notes_sentence_case(text, false);
		q = xasprintf("What are the %s?", text);
	}
	free(text);
	return q;
}

void sections_list_end(struct parser *p)
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
		left_out || rules_match_any(&p->st->rules->overview_skip, text);
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
			sections_list_end(p);
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
		sections_list_end(p);
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
			rules_match_any(&p->st->rules->key_section_flags, text);
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
	const char *marker = p->st->rules->takeaway_marker;
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

/* The open topic ends: a concept answered by all it holds. */
static void topic_end(struct parser *p)
{
	if (!p->topic_heading)
		return;
	if (!markdown_is_blank(p->topic.data, p->topic.len))
		defer(p,
			xasprintf("What should you know about %s?",
				p->topic_heading),
			buf_steal(&p->topic), p->topic_line);
	free(p->topic_heading);
	p->topic_heading = NULL;
	buf_free(&p->topic);
}

/* A heading of the rules' topic_headings opens a topic at any level: a
 * concept whose sub-sections belong to it ("Types of Agents" lists each
 * type under its own heading), up to the next heading of its level or
 * above. A deeper heading is a line of the open topic. */
static void topic_heading(
	struct parser *p, int level, const char *text, bool left_out, long line)
{
	if (p->topic_heading && level > p->topic_level) {
		if (left_out)
			return;
		buf_adds(&p->topic, text);
		buf_addc(&p->topic, '\n');
		return;
	}
	topic_end(p);
	if (left_out || !rules_match_any(&p->st->rules->topic_headings, text))
		return;
	p->topic_heading = xstrdup(unnumbered(text));
	p->topic_level = level;
	p->topic_line = line;
	buf_init(&p->topic);
	buf_add(&p->topic, "", 0);
}

static void topic_add(struct parser *p, const char *s, size_t n)
{
	if (!p->topic_heading)
		return;
	buf_add(&p->topic, s, n);
	buf_addc(&p->topic, '\n');
}

/* The chapter ends: its overview, then every deferred concept enters
 * the bank. */
void sections_chapter_end(struct parser *p)
{
	sections_list_end(p);
	section_end(p);
	topic_end(p);
	if (p->overview)
		outline_end(p);
	for (size_t i = 0; i < p->n_deferred; i++) {
		struct deferred *e = &p->deferred[i];
		import_add_draft(
			p->st, p->file, p->repaired, e->chapter, &e->d);
		notes_draft_free(&e->d);
		free(e->chapter);
	}
	p->n_deferred = 0;
}

void sections_heading(
	struct parser *p, int level, const char *text, bool left_out, long line)
{
	if (p->overview)
		outline_add(p, level, text, left_out, line);
	section_heading(p, level, text, left_out, line);
	topic_heading(p, level, text, left_out, line);
}

void sections_code(struct parser *p, const char *s, size_t n, bool fence_open)
{
	if (fence_open) {
		sections_list_end(p);
		outline_code(p);
	}
	section_code(p, s, n, fence_open);
	topic_add(p, s, n);
}

void sections_line(struct parser *p, const char *s, size_t n, const char *t,
	size_t tl, long line)
{
	rules_line(p, t, tl, line);
	section_text(p, s, n);
	topic_add(p, s, n);
}
