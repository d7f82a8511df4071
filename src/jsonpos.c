/* jsonpos: the JSON text scanner that gives cJSON nodes their offsets, and
 * the line index that turns offsets into line:col. */
#include "jsonpos.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct jsonpos_node {
	const cJSON *node;
	size_t off;
};

static size_t skip_ws(const char *s, size_t i, size_t len)
{
	while (i < len &&
		(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

/* Strings are most of a bank: memchr finds the closing quote in long
 * steps, and a quote counts only when an even number of backslashes
 * precedes it. */
static size_t skip_string(const char *s, size_t i, size_t len)
{
	size_t j = i + 1;
	for (;;) {
		const char *q = j < len ? memchr(s + j, '"', len - j) : NULL;
		if (!q)
			return len;
		size_t k = (size_t)(q - s);
		size_t slashes = 0;
		while (k - slashes > i + 1 && s[k - slashes - 1] == '\\')
			slashes++;
		if (slashes % 2 == 0)
			return k + 1;
		j = k + 1;
	}
}

/* Records the offset of the value at i and of every value inside it (when
 * jp is not NULL); the text is known to be valid JSON (cJSON parsed it).
 * Returns the offset after the value. */
static size_t scan_value(
	const char *s, size_t i, size_t len, struct jsonpos *jp)
{
	i = skip_ws(s, i, len);
	if (jp) {
		xgrow((void **)&jp->offs, &jp->cap_offs, jp->n_offs + 1,
			sizeof *jp->offs);
		jp->offs[jp->n_offs++] = i;
	}
	if (i >= len)
		return i;
	char open = s[i];
	if (open == '"')
		return skip_string(s, i, len);
	if (open != '{' && open != '[') {
		while (i < len && !strchr(",]} \t\r\n", s[i]))
			i++;
		return i;
	}
	char close = open == '{' ? '}' : ']';
	i = skip_ws(s, i + 1, len);
	if (i < len && s[i] == close)
		return i + 1;
	while (i < len) {
		if (open == '{') {
			i = skip_string(s, skip_ws(s, i, len), len);
			i = skip_ws(s, i, len) + 1; /* the colon */
		}
		i = skip_ws(s, scan_value(s, i, len, jp), len);
		if (i < len && s[i] == close)
			return i + 1;
		i++; /* the comma */
	}
	return i;
}

static void pair_nodes(const cJSON *node, struct jsonpos *jp, size_t *k)
{
	xgrow((void **)&jp->nodes, &jp->cap_nodes, jp->n_nodes + 1,
		sizeof *jp->nodes);
	size_t off = *k < jp->n_offs ? jp->offs[*k] : 0;
	jp->nodes[jp->n_nodes++] = (struct jsonpos_node){node, off};
	(*k)++;
	const cJSON *child;
	cJSON_ArrayForEach(child, node) pair_nodes(child, jp, k);
}

static int cmp_node(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct jsonpos_node *)a)->node;
	uintptr_t y = (uintptr_t)((const struct jsonpos_node *)b)->node;
	return (x > y) - (x < y);
}

void jsonpos_init(struct jsonpos *jp, const char *text, size_t len)
{
	memset(jp, 0, sizeof *jp);
	jp->text = text;
	jp->len = len;
	size_t cap = 0;
	xgrow((void **)&jp->line_starts, &cap, 1, sizeof *jp->line_starts);
	jp->line_starts[0] = 0;
	jp->n_lines = 1;
	for (const char *p = text;
		(p = memchr(p, '\n', len - (size_t)(p - text))) != NULL; p++) {
		xgrow((void **)&jp->line_starts, &cap, jp->n_lines + 1,
			sizeof *jp->line_starts);
		jp->line_starts[jp->n_lines++] = (size_t)(p - text) + 1;
	}
}

void jsonpos_free(struct jsonpos *jp)
{
	free(jp->line_starts);
	free(jp->offs);
	free(jp->nodes);
	memset(jp, 0, sizeof *jp);
}

void jsonpos_line_col(
	const struct jsonpos *jp, size_t off, long *line, long *col)
{
	size_t lo = 0;
	size_t hi = jp->n_lines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (jp->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (long)lo + 1;
	*col = (long)(off - jp->line_starts[lo]) + 1;
}

size_t jsonpos_offset(
	struct jsonpos *jp, const struct cJSON *root, const struct cJSON *node)
{
	if (!jp->built) {
		scan_value(jp->text, 0, jp->len, jp);
		size_t k = 0;
		pair_nodes(root, jp, &k);
		qsort(jp->nodes, jp->n_nodes, sizeof *jp->nodes, cmp_node);
		jp->built = true;
	}
	struct jsonpos_node key = {node, 0};
	const struct jsonpos_node *hit = bsearch(
		&key, jp->nodes, jp->n_nodes, sizeof *jp->nodes, cmp_node);
	return hit ? hit->off : 0;
}

void jsonpos_member_elements(
	const struct jsonpos *jp, const char *key, size_t **out, size_t *n)
{
	const char *s = jp->text;
	size_t len = jp->len;
	size_t key_len = strlen(key);
	size_t cap = 0;
	size_t i = skip_ws(s, 0, len);
	if (i >= len || s[i] != '{')
		return;
	i = skip_ws(s, i + 1, len);
	while (i < len && s[i] == '"') {
		size_t start = i + 1;
		i = skip_string(s, i, len);
		bool wanted = i - start - 1 == key_len &&
			memcmp(s + start, key, key_len) == 0;
		i = skip_ws(s, skip_ws(s, i, len) + 1, len);
		if (wanted && i < len && s[i] == '[') {
			i = skip_ws(s, i + 1, len);
			while (i < len && s[i] != ']') {
				xgrow((void **)out, &cap, *n + 1, sizeof **out);
				(*out)[(*n)++] = i;
				i = skip_ws(
					s, scan_value(s, i, len, NULL), len);
				if (i < len && s[i] == ',')
					i = skip_ws(s, i + 1, len);
			}
			return;
		}
		i = skip_ws(s, scan_value(s, i, len, NULL), len);
		if (i < len && s[i] == ',')
			i = skip_ws(s, i + 1, len);
	}
}
