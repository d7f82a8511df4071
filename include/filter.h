/* filter: which questions a selection (--chapter, --tag, --kind, --lang)
 * admits. OR within one flag, AND across flags. */
#ifndef QUIZ_FILTER_H
#define QUIZ_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "bank.h"

/* Ownership: the filter owns copies of every string added to it. */
struct quiz_filter {
	char **chapters;
	size_t n_chapters;
	char **tags;
	size_t n_tags;
	char **langs;
	size_t n_langs;
	unsigned kinds; /* bit (1u << kind) per admitted kind; 0 = any */
};

void filter_init(struct quiz_filter *f);
void filter_free(struct quiz_filter *f);
void filter_add_chapter(struct quiz_filter *f, const char *chapter);
void filter_add_tag(struct quiz_filter *f, const char *tag);
void filter_add_lang(struct quiz_filter *f, const char *lang);
/* false when kind is not a known kind name. */
bool filter_add_kind(struct quiz_filter *f, const char *kind);

bool filter_match(const struct quiz_filter *f, const struct quiz_question *q);

/* Chapter selection by prefix on '.' and '-' boundaries: "aie-8" matches
 * "aie-8", "aie-8.1" and "aie-8-x" but not "aie-80". Case-sensitive. */
bool filter_chapter_matches(const char *prefix, const char *chapter);

#endif
