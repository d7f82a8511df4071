/* conffile: the user's defaults in $XDG_CONFIG_HOME/quiz/config (or the
 * file QUIZ_CONFIG names): "key = value" lines, optionally under
 * "[command]" sections, '#' and ';' starting comments. This module reads
 * and splits the file; cli decides what each key means (the long options'
 * names) and applies it where the command line is silent. (Not named
 * config.h: that is meson's generated header.)
 *
 * Ownership: struct conffile owns its path and every entry's strings. */
#ifndef QUIZ_CONFFILE_H
#define QUIZ_CONFFILE_H

#include <stdbool.h>
#include <stddef.h>

struct conffile_entry {
	char *section; /* "" before any [section] */
	char *key;
	char *value; /* trimmed; surrounding double quotes removed */
	long line;
};

struct conffile {
	char *path; /* the file read; NULL when none */
	struct conffile_entry *entries;
	size_t n_entries;
	size_t cap_entries;
};

void conffile_init(struct conffile *c);
void conffile_free(struct conffile *c);

/* The config file to read: QUIZ_CONFIG when set and not empty, else
 * $XDG_CONFIG_HOME/quiz/config, else ~/.config/quiz/config; NULL when
 * none can be named. *named is true for QUIZ_CONFIG (then a missing file
 * is worth a warning). Caller frees. */
char *conffile_path(bool *named);

/* Reads the file at path into c. A missing file is nothing to read, and
 * only reported when must_exist; a line that is neither a comment, a
 * [section] nor key = value is a warning at path:line. */
void conffile_load(struct conffile *c, const char *path, bool must_exist);

/* Splits text (len bytes, named name in warnings) into entries. */
void conffile_parse(
	struct conffile *c, const char *name, const char *text, size_t len);

/* A boolean value: true/yes/on/1 or false/no/off/0; false when it is
 * neither. */
bool conffile_bool(const char *value, bool *out);

#endif
