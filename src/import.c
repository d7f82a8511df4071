/* import: the bank being built from notes. Drafts from the line parser
 * (notes.c) become questions here: merged across documents by their
 * text, given ids and topical tags, then curated by hand and written as
 * bank JSON. */
#include "import.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keywords.h"
#include "markdown.h"
#include "notes.h"
#include "tunables.h"
#include "util.h"

/* ---- the bank being built --------------------------------------------- */

void import_init(struct import_state *st, const char *book, const char *chapter)
{
	import_init_with(st, NULL, book, chapter);
}

void import_init_with(struct import_state *st, const struct import_rules *rules,
	const char *book, const char *chapter)
{
	memset(st, 0, sizeof *st);
	bank_init(&st->bank);
	rules_init(&st->own_rules);
	/* a broken built-in file was reported: import with the generic
	 * recognisers */
	if (!rules)
		rules_load_builtin(&st->own_rules);
	st->rules = rules ? rules : &st->own_rules;
	st->book = book;
	st->chapter = chapter;
}

void import_use_rules(struct import_state *st, struct import_rules *rules)
{
	rules_free(&st->own_rules);
	st->own_rules = *rules;
	st->rules = &st->own_rules;
	rules_init(rules);
}

void import_free(struct import_state *st)
{
	for (size_t i = 0; i < st->bank.n_questions; i++) {
		free(st->entries[i].key);
		free(st->entries[i].base);
	}
	bank_free(&st->bank);
	rules_free(&st->own_rules);
	free(st->entries);
	free(st->slots);
	memset(st, 0, sizeof *st);
}

/* Cuts s to at most max bytes, at the start of a character. */
static void cut_utf8(char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return;
	while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	s[max] = '\0';
}

static bool is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7F;
}

bool import_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > IMPORT_CHAPTER_MAX)
		return false;
	for (; *s; s++)
		if (*s == ' ' || is_control((unsigned char)*s))
			return false;
	return true;
}

void import_clean_name(char *s)
{
	for (char *c = s; *c; c++)
		if (*c == ' ' || is_control((unsigned char)*c))
			*c = '-';
	cut_utf8(s, IMPORT_CHAPTER_MAX);
}

void import_clean_line(char *s, size_t max)
{
	for (char *c = s; *c; c++)
		if (is_control((unsigned char)*c))
			*c = ' ';
	cut_utf8(s, max);
}

/* The n-th candidate id of a question (import_entry). */
static char *candidate(const struct import_entry *e, int n)
{
	if (e->summary)
		return n <= 1 ? xstrdup(e->base)
			      : xasprintf("%s-%d", e->base, n);
	return xasprintf("%s%d", e->base, n);
}

static bool id_taken(const struct import_state *st, const char *id)
{
	return bank_find(&st->bank, id) != NULL;
}

static void add_tag(struct quiz_question *q, size_t *cap, const char *tag)
{
	xgrow((void **)&q->tags, cap, q->n_tags + 1, sizeof *q->tags);
	q->tags[q->n_tags++] = (char *)tag;
}

/* How often the words start a word of text, counting up to `enough`. */
static size_t trigger_hits(
	const struct rules_list *w, const char *text, size_t enough)
{
	size_t hits = 0;
	for (size_t k = 0; k < w->n && hits < enough; k++) {
		const char *trig = w->v[k];
		for (const char *f = markdown_find_ci(text, trig);
			f && hits < enough; f = markdown_find_ci(f + 1, trig))
			if (f == text || !isalnum((unsigned char)f[-1]))
				hits++;
	}
	return hits;
}

/* Topical tags: a rule's tag when one of its words occurs
 * (case-insensitively, at a word start) in the question text, or for a
 * summary, whose question names only its chapter, IMPORT_SUMMARY_TAG_HITS
 * times in its answer; a chapter rule's tags for every question of a
 * chapter with its id prefix. The tags point into the rules. */
static void tag_question(const struct import_rules *r, struct quiz_question *q)
{
	size_t cap = 0;
	bool summary = q->kind == QUIZ_KIND_SUMMARY;
	for (size_t t = 0; t < r->n_tags; t++) {
		const struct rules_list *w = &r->tags[t].words;
		bool hit = summary
			? trigger_hits(w, q->answer, IMPORT_SUMMARY_TAG_HITS) >=
				IMPORT_SUMMARY_TAG_HITS
			: trigger_hits(w, q->question, 1) > 0;
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
	free(st->entries[i].base);
	size_t rest = st->bank.n_questions - i - 1;
	memmove(q, q + 1, rest * sizeof *q);
	memmove(&st->entries[i], &st->entries[i + 1],
		rest * sizeof *st->entries);
	st->bank.n_questions--;
	rehash(st, st->bank.n_questions);
}

void import_add_draft(struct import_state *st, const char *file, bool repaired,
	const char *chapter, struct draft *d)
{
	char *key = rules_question_key(chapter, d->question);
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
			cut_utf8(q->question, BANK_TEXT_MAX);
			char *ans = markdown_text(d->answer_md,
				strlen(d->answer_md),
				&st->rules->residue_lines);
			free(q->answer);
			cut_utf8(ans, BANK_TEXT_MAX);
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
	cut_utf8(q.question, BANK_TEXT_MAX);
	q.answer = markdown_text(
		d->answer_md, strlen(d->answer_md), &st->rules->residue_lines);
	cut_utf8(q.answer, BANK_TEXT_MAX);
	if (!q.answer[0] && q.kind == QUIZ_KIND_INTERVIEW)
		q.kind = QUIZ_KIND_BEHAVIORAL;
	/* id: the first free of the candidates; import_settle_ids gives
	 * the rules' ids */
	const char *zh = strcmp(q.lang, "zh") == 0 ? "-zh" : "";
	const char *stem = chapter[0] ? chapter : "misc";
	struct import_entry e = {key, repaired, NULL, false, 1};
	if (q.kind == QUIZ_KIND_SUMMARY) {
		e.base = xasprintf("%s%s-summary", stem, zh);
		e.summary = true;
	} else {
		e.base = xasprintf("%s%s-%s", stem, zh,
			q.kind == QUIZ_KIND_CONCEPT ? "c" : "q");
		e.first = d->number > 0 ? d->number : 1;
	}
	int num = e.first;
	char *id = candidate(&e, num);
	while (id_taken(st, id)) {
		free(id);
		id = candidate(&e, ++num);
	}
	q.id = id;
	tag_question(st->rules, &q);
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
		nkw = keywords_generate(d->answer_md, st->rules, &kw);
	}
	for (size_t k = 0; k < nkw; k++) {
		import_clean_line(kw[k].term, BANK_TEXT_MAX);
		for (size_t a = 0; a < kw[k].n_aliases; a++)
			import_clean_line(kw[k].aliases[a], BANK_TEXT_MAX);
	}
	q.keywords = kw;
	q.n_keywords = nkw;
	struct quiz_source src = {(char *)file, d->line};
	q.sources = &src;
	q.n_sources = 1;
	bank_add_question(&st->bank, &q);
	xgrow((void **)&st->entries, &st->cap_entries, st->bank.n_questions,
		sizeof *st->entries);
	st->entries[st->bank.n_questions - 1] = e;
	st->ids_settled = false;
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
	replace_string(&q->corrected, p->corrected);
	replace_string(&q->lang, p->lang);
	if (p->has_kind)
		q->kind = p->kind;
	if (p->has_tags)
		curate_strings(&q->tags, &q->n_tags, p->tags, p->n_tags, true);
	else if (p->question || (p->answer && q->kind == QUIZ_KIND_SUMMARY))
		retag(r, q);
	curate_strings(&q->tags, &q->n_tags, p->add_tags, p->n_add_tags, false);
	if (p->has_keywords)
		curate_keywords(q, p);
	if (p->has_misconceptions)
		bank_set_misconceptions(
			q, p->misconceptions, p->n_misconceptions);
}

/* The id of rules "ids" for question i, or NULL. */
static const struct rules_id *kept_id(const struct import_state *st, size_t i)
{
	for (size_t k = 0; k < st->rules->n_ids; k++)
		if (strcmp(st->rules->ids[k].key, st->entries[i].key) == 0)
			return &st->rules->ids[k];
	return NULL;
}

/* Whether id is used: reserved by the rules' ids of a chapter that this
 * import has (a question of it that the rules list is here), or the
 * final id of another question j (final[j] set) or, for one not yet
 * settled, its present one. */
static bool id_used(const struct import_state *st, char *const *final,
	const char *id, size_t self)
{
	for (size_t k = 0; k < st->rules->n_ids; k++) {
		const struct rules_id *r = &st->rules->ids[k];
		if (strcmp(r->id, id) != 0)
			continue;
		for (size_t i = 0; i < st->bank.n_questions; i++)
			if (strcmp(st->bank.questions[i].chapter, r->chapter) ==
					0 &&
				kept_id(st, i))
				return true;
	}
	for (size_t j = 0; j < st->bank.n_questions; j++) {
		if (j == self)
			continue;
		const char *has =
			final[j] ? final[j] : st->bank.questions[j].id;
		if (strcmp(has, id) == 0)
			return true;
	}
	return false;
}

/* Gives every question the rules list (by its chapter and imported
 * text) its id, wherever the notes put it; the others keep theirs unless
 * it is one the rules reserve, then take the next free candidate. So a
 * question the importer newly recognises never takes a curated id, and
 * a curated question never moves. */
static void settle_ids(struct import_state *st)
{
	size_t n = st->bank.n_questions;
	if (st->ids_settled || !st->rules->n_ids || !n)
		return;
	st->ids_settled = true;
	char **final = xcalloc(n, sizeof *final);
	for (size_t i = 0; i < n; i++) {
		const struct rules_id *r = kept_id(st, i);
		if (r)
			final[i] = xstrdup(r->id);
	}
	for (size_t i = 0; i < n; i++) {
		if (final[i])
			continue;
		struct import_entry *e = &st->entries[i];
		char *id = xstrdup(st->bank.questions[i].id);
		int num = e->first;
		while (id_used(st, final, id, i)) {
			free(id);
			id = candidate(e, num++);
		}
		final[i] = id;
	}
	for (size_t i = 0; i < n; i++) {
		free(st->bank.questions[i].id);
		st->bank.questions[i].id = final[i];
	}
	free(final);
}

bool import_curate(
	struct import_state *st, const char *name, const char *json, size_t len)
{
	settle_ids(st);
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
			curate_question(st->rules, q, p);
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
	settle_ids(st);
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
