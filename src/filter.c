/* filter: which questions --chapter, --tag, --kind and --lang admit. */
#include "filter.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void filter_init(struct quiz_filter *f)
{
	memset(f, 0, sizeof *f);
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void filter_free(struct quiz_filter *f)
{
	free_list(f->chapters, f->n_chapters);
	free_list(f->tags, f->n_tags);
	free_list(f->langs, f->n_langs);
	filter_init(f);
}

static void push(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

void filter_add_chapter(struct quiz_filter *f, const char *chapter)
{
	push(&f->chapters, &f->n_chapters, chapter);
}

void filter_add_tag(struct quiz_filter *f, const char *tag)
{
	push(&f->tags, &f->n_tags, tag);
}

void filter_add_lang(struct quiz_filter *f, const char *lang)
{
	push(&f->langs, &f->n_langs, lang);
}

bool filter_add_kind(struct quiz_filter *f, const char *kind)
{
	enum quiz_kind k;
	if (!bank_kind_parse(kind, &k))
		return false;
	f->kinds |= 1u << k;
	return true;
}

bool filter_chapter_matches(const char *prefix, const char *chapter)
{
	size_t n = strlen(prefix);
	if (n == 0)
		return true;
	if (strncmp(prefix, chapter, n) != 0)
		return false;
	/* A prefix that itself ends on a boundary ("aie-") needs no more. */
	char last = prefix[n - 1];
	char next = chapter[n];
	return next == '\0' || next == '.' || next == '-' || last == '.' ||
		last == '-';
}

static bool any_equal(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

bool filter_match(const struct quiz_filter *f, const struct quiz_question *q)
{
	if (f->kinds && !(f->kinds & (1u << q->kind)))
		return false;
	if (f->n_langs && !any_equal(f->langs, f->n_langs, q->lang))
		return false;
	if (f->n_chapters) {
		bool hit = false;
		for (size_t i = 0; i < f->n_chapters && !hit; i++)
			hit = filter_chapter_matches(
				f->chapters[i], q->chapter);
		if (!hit)
			return false;
	}
	if (f->n_tags) {
		bool hit = false;
		for (size_t i = 0; i < q->n_tags && !hit; i++)
			hit = any_equal(f->tags, f->n_tags, q->tags[i]);
		if (!hit)
			return false;
	}
	return true;
}
