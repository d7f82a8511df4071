/* bankwrite: questions back out as bank JSON (export, list and show
 * --format json, import). What it writes loads back to the same questions;
 * a keyword with nothing but a term is written as a plain string. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "bank.h"
#include "json.h"
#include "util.h"

static cJSON *checked(cJSON *v)
{
	if (!v)
		xalloc_die();
	return v;
}

static void put(cJSON *obj, const char *key, cJSON *v)
{
	cJSON_AddItemToObject(obj, key, checked(v));
}

static cJSON *string_array(char *const *v, size_t n)
{
	cJSON *arr = checked(cJSON_CreateArray());
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, checked(cJSON_CreateString(v[i])));
	return arr;
}

static cJSON *source_json(const struct quiz_source *s)
{
	cJSON *o = checked(cJSON_CreateObject());
	put(o, "file", cJSON_CreateString(s->file));
	if (s->line > 0)
		put(o, "line", cJSON_CreateNumber((double)s->line));
	return o;
}

static cJSON *misconceptions_json(const struct quiz_question *q)
{
	cJSON *arr = checked(cJSON_CreateArray());
	for (size_t i = 0; i < q->n_misconceptions; i++) {
		const struct quiz_misconception *m = &q->misconceptions[i];
		if (m->n_aliases == 0 && !m->correction) {
			cJSON_AddItemToArray(
				arr, checked(cJSON_CreateString(m->claim)));
			continue;
		}
		cJSON *mo = checked(cJSON_CreateObject());
		put(mo, "claim", cJSON_CreateString(m->claim));
		if (m->n_aliases)
			put(mo, "aliases",
				string_array(m->aliases, m->n_aliases));
		if (m->correction)
			put(mo, "correction",
				cJSON_CreateString(m->correction));
		cJSON_AddItemToArray(arr, mo);
	}
	return arr;
}

static cJSON *question_json(const struct quiz_question *q)
{
	cJSON *o = checked(cJSON_CreateObject());
	put(o, "id", cJSON_CreateString(q->id));
	put(o, "chapter", cJSON_CreateString(q->chapter));
	put(o, "kind", cJSON_CreateString(bank_kind_name(q->kind)));
	put(o, "lang", cJSON_CreateString(q->lang));
	put(o, "tags", string_array(q->tags, q->n_tags));
	put(o, "question", cJSON_CreateString(q->question));
	put(o, "answer", cJSON_CreateString(q->answer));
	cJSON *kws = checked(cJSON_CreateArray());
	for (size_t i = 0; i < q->n_keywords; i++) {
		const struct quiz_keyword *k = &q->keywords[i];
		bool plain = k->weight == KEYWORD_WEIGHT_DEFAULT &&
			!k->required && k->n_aliases == 0;
		if (plain) {
			cJSON_AddItemToArray(
				kws, checked(cJSON_CreateString(k->term)));
			continue;
		}
		cJSON *ko = checked(cJSON_CreateObject());
		put(ko, "term", cJSON_CreateString(k->term));
		if (k->weight != KEYWORD_WEIGHT_DEFAULT)
			put(ko, "weight", cJSON_CreateNumber(k->weight));
		if (k->n_aliases)
			put(ko, "aliases",
				string_array(k->aliases, k->n_aliases));
		if (k->required)
			put(ko, "required", cJSON_CreateTrue());
		cJSON_AddItemToArray(kws, ko);
	}
	put(o, "keywords", kws);
	if (q->n_misconceptions)
		put(o, "misconceptions", misconceptions_json(q));
	if (q->n_sources == 1) {
		put(o, "source", source_json(&q->sources[0]));
	} else if (q->n_sources > 1) {
		cJSON *arr = checked(cJSON_CreateArray());
		for (size_t i = 0; i < q->n_sources; i++)
			cJSON_AddItemToArray(arr, source_json(&q->sources[i]));
		put(o, "source", arr);
	}
	return o;
}

static bool print_tree(FILE *out, cJSON *tree, bool pretty)
{
	bool ok = json_print_cjson(out, tree, pretty);
	cJSON_Delete(tree);
	return ok;
}

bool bank_write_json(FILE *out, const struct quiz_question *const *qs, size_t n,
	const struct quiz_chapter *chapters, size_t n_chapters, bool as_bank)
{
	cJSON *arr = checked(cJSON_CreateArray());
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, question_json(qs[i]));
	if (!as_bank)
		return print_tree(out, arr, true);
	cJSON *root = checked(cJSON_CreateObject());
	if (n_chapters) {
		cJSON *chs = checked(cJSON_CreateArray());
		for (size_t i = 0; i < n_chapters; i++) {
			cJSON *c = checked(cJSON_CreateObject());
			put(c, "id", cJSON_CreateString(chapters[i].id));
			put(c, "title", cJSON_CreateString(chapters[i].title));
			cJSON_AddItemToArray(chs, c);
		}
		put(root, "chapters", chs);
	}
	put(root, "questions", arr);
	return print_tree(out, root, true);
}

bool bank_write_question_json(
	FILE *out, const struct quiz_question *q, bool pretty)
{
	return print_tree(out, question_json(q), pretty);
}
