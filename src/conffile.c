/* conffile: reading and splitting the config file. What a key means is
 * cli's business; here a line is a comment, a [section] or key = value. */
#include "conffile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tunables.h"
#include "util.h"

void conffile_init(struct conffile *c)
{
	memset(c, 0, sizeof *c);
}

void conffile_free(struct conffile *c)
{
	for (size_t i = 0; i < c->n_entries; i++) {
		free(c->entries[i].section);
		free(c->entries[i].key);
		free(c->entries[i].value);
	}
	free(c->entries);
	free(c->path);
	conffile_init(c);
}

char *conffile_path(bool *named)
{
	const char *env = getenv("QUIZ_CONFIG");
	*named = env && *env;
	if (*named)
		return xstrdup(env);
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/quiz/config", xdg);
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return xasprintf("%s/.config/quiz/config", home);
	return NULL;
}

/* s[0..n) without blanks at either end. */
static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && strchr(" \t\r", s[n - 1]))
		n--;
	return xstrndup(s, n);
}

void conffile_parse(
	struct conffile *c, const char *name, const char *text, size_t len)
{
	const char *end = text + len;
	char *section = xstrdup("");
	long line = 0;
	for (const char *s = text; s < end;) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		size_t n = eol ? (size_t)(eol - s) : (size_t)(end - s);
		char *l = trimmed(s, n);
		s = eol ? eol + 1 : end;
		line++;
		size_t ln = strlen(l);
		char *eq = strchr(l, '=');
		if (ln == 0 || l[0] == '#' || l[0] == ';') {
			/* a comment or a blank line */
		} else if (l[0] == '[' && l[ln - 1] == ']') {
			free(section);
			section = trimmed(l + 1, ln - 2);
		} else if (!eq || eq == l) {
			quiz_warn("%s:%ld: expected 'key = value' or "
				  "'[command]', not '%s' (line ignored)",
				name, line, l);
		} else {
			xgrow((void **)&c->entries, &c->cap_entries,
				c->n_entries + 1, sizeof *c->entries);
			struct conffile_entry *e = &c->entries[c->n_entries++];
			e->section = xstrdup(section);
			e->key = trimmed(l, (size_t)(eq - l));
			e->value = trimmed(eq + 1, strlen(eq + 1));
			size_t vn = strlen(e->value);
			if (vn >= 2 && e->value[0] == '"' &&
				e->value[vn - 1] == '"') {
				memmove(e->value, e->value + 1, vn - 2);
				e->value[vn - 2] = '\0';
			}
			e->line = line;
		}
		free(l);
	}
	free(section);
}

void conffile_load(struct conffile *c, const char *path, bool must_exist)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (must_exist || errno != ENOENT)
			quiz_warn("%s: %s (no defaults read)", path,
				strerror(errno));
		return;
	}
	struct buf b;
	buf_init(&b);
	bool more = false;
	if (read_stream(f, &b, CONFFILE_MAX, &more) && !more) {
		free(c->path);
		c->path = xstrdup(path);
		conffile_parse(c, path, b.data ? b.data : "", b.len);
	} else if (more) {
		quiz_warn("%s: larger than %u bytes, the limit (no defaults "
			  "read)",
			path, CONFFILE_MAX);
	} else {
		quiz_warn("%s: %s (no defaults read)", path, strerror(errno));
	}
	fclose(f);
	buf_free(&b);
}

bool conffile_bool(const char *value, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(value, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(value, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}
