/* cardtext: the text of a flashcard field: Anki's HTML reduced to text,
 * plain fields cleaned, and cloze deletions found and rendered. Pure
 * functions over strings; the results are allocated and owned by the
 * caller (free()). */
#ifndef QUIZ_CARDTEXT_H
#define QUIZ_CARDTEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Anki's HTML to text: entities decoded, <br> and blocks as line breaks,
 * list items as "- " or "1. " lines, other tags, comments, scripts and
 * [sound:...] references dropped. */
char *cardtext_html(const char *s);

/* Plain text as it was, without carriage returns and other controls,
 * blank lines at either end or blank space at its end. */
char *cardtext_plain(const char *s);

/* One cloze deletion, {{cN::text}} or {{cN::text::hint}}. */
struct cloze {
	int number;
	const char *text; /* within the note's text */
	size_t text_len;
	const char *hint; /* or NULL */
	size_t hint_len;
	const char *start; /* "{{" */
	const char *end; /* past "}}" */
};

/* The next cloze deletion at or after s; false when there is none. */
bool cardtext_next_cloze(const char *s, struct cloze *c);

/* The note's text with cloze `number` blanked ([...] or [hint]) and every
 * other deletion shown; number 0 shows them all. */
char *cardtext_cloze(const char *text, int number);

#endif
