/* curation: loading curation/curation.json, the hand corrections that
 * import applies to the questions it makes. The file is validated as
 * strictly as a bank, through the same loader; an entry gives the same
 * fields as a question (loader_fields), each replacing what import made.
 *
 * The API stays in bank.h as bank_curation_*: struct quiz_patch is the bank
 * format's set of optional question fields, which the bank loader itself
 * parses questions through. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "loader.h"
#include "util.h"

void bank_curation_init(struct quiz_curation *c)
{
	memset(c, 0, sizeof *c);
}

void bank_curation_free(struct quiz_curation *c)
{
	for (size_t i = 0; i < c->n_chapters; i++) {
		free(c->chapters[i].id);
		free(c->chapters[i].title);
	}
	free(c->chapters);
	for (size_t i = 0; i < c->n_patches; i++)
		loader_patch_free(&c->patches[i]);
	free(c->patches);
	bank_curation_init(c);
}

static bool parse_patch(struct loader *ld, const cJSON *v, struct quiz_patch *p)
{
	static const char *const keys[] = {"question", "answer", "lang", "kind",
		"tags", "add_tags", "keywords", "misconceptions", NULL};
	bool ok = true;
	memset(p, 0, sizeof *p);
	if (!cJSON_IsObject(v)) {
		loader_report(ld, BANK_ERROR, v,
			"a curation entry must be an "
			"object");
		return false;
	}
	loader_check_keys(ld, v, keys, "curation entry");
	loader_fields(ld, v, false, p, &ok);
	loader_strings(ld, loader_member(v, "add_tags"), "add_tags", TEXT_NAME,
		&p->add_tags, &p->n_add_tags, &ok);
	p->id = xstrdup(v->string);
	return ok;
}

bool bank_load_curation(struct quiz_curation *c, const char *name,
	const char *text, size_t len, struct bank_diag *diag)
{
	static const char *const root_keys[] = {"chapters", "questions", NULL};
	struct bank_diag quiet = {0};
	struct loader ld;
	if (!loader_open(&ld, name, text, len, diag ? diag : &quiet))
		return false;
	const cJSON *root = ld.root;
	if (!cJSON_IsObject(root)) {
		loader_report(&ld, BANK_ERROR, root,
			"curation must be an object "
			"{\"chapters\": {...}, \"questions\": {...}}");
	} else {
		loader_check_keys(&ld, root, root_keys, "curation");
		const cJSON *chs = loader_member(root, "chapters");
		const cJSON *ch;
		if (chs && !cJSON_IsObject(chs))
			loader_report(&ld, BANK_ERROR, chs,
				"\"chapters\" must be "
				"an object of id: title");
		size_t cap = 0;
		const cJSON *ch_obj = cJSON_IsObject(chs) ? chs : NULL;
		cJSON_ArrayForEach(ch, ch_obj)
		{
			if (!cJSON_IsString(ch)) {
				loader_report(&ld, BANK_ERROR, ch,
					"a chapter title "
					"must be a string");
				continue;
			}
			if (!loader_check_text(
				    &ld, ch, "title", TEXT_LINE, true))
				continue;
			xgrow((void **)&c->chapters, &cap, c->n_chapters + 1,
				sizeof *c->chapters);
			c->chapters[c->n_chapters].id = xstrdup(ch->string);
			c->chapters[c->n_chapters].title =
				xstrdup(ch->valuestring);
			c->n_chapters++;
		}
		const cJSON *qs = loader_member(root, "questions");
		if (qs && !cJSON_IsObject(qs))
			loader_report(&ld, BANK_ERROR, qs,
				"\"questions\" must be "
				"an object of id: entry");
		cap = 0;
		const cJSON *e;
		const cJSON *q_obj = cJSON_IsObject(qs) ? qs : NULL;
		cJSON_ArrayForEach(e, q_obj)
		{
			struct quiz_patch p;
			bool ok = parse_patch(&ld, e, &p);
			if (ok)
				loader_line_col(&ld, e, &p.line, &p.col);
			xgrow((void **)&c->patches, &cap, c->n_patches + 1,
				sizeof *c->patches);
			c->patches[c->n_patches++] = p;
		}
	}
	bool ok = ld.errors == 0;
	loader_close(&ld);
	if (!ok)
		bank_curation_free(c);
	return ok;
}
