/* bankc: build-time tool that compiles the built-in bank into C data
 * (builtin_questions.c), so that quiz starts without parsing anything. It
 * loads questions/NAME.json with the bank loader itself, so the build fails,
 * with the loader's file:line:col diagnostics, on any error the loader
 * would report at run time, and what the binary holds is what the loader
 * would have made of the files. Strings are emitted once each, as byte
 * arrays (no limit on the length of a string literal to meet).
 *
 *   bankc OUTPUT.c FILE.json...   (named "questions/FILE.json")
 *
 * Runs on the build machine; it links the bank layer, so a cross build
 * would need that layer built for the build machine too. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "util.h"

/* The strings emitted so far, by content: s<index> in the output. */
struct strtab {
	const char **v;
	size_t n;
	size_t cap;
	size_t *slots; /* index + 1; 0 is empty */
	size_t n_slots;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void strtab_rehash(struct strtab *t)
{
	free(t->slots);
	t->n_slots = t->n_slots ? t->n_slots * 2 : 1024;
	t->slots = xcalloc(t->n_slots, sizeof *t->slots);
	for (size_t i = 0; i < t->n; i++) {
		size_t h = hash_str(t->v[i]) & (t->n_slots - 1);
		while (t->slots[h])
			h = (h + 1) & (t->n_slots - 1);
		t->slots[h] = i + 1;
	}
}

/* The index of s, added on first sight. */
static size_t strtab_id(struct strtab *t, const char *s)
{
	if (2 * (t->n + 1) > t->n_slots)
		strtab_rehash(t);
	size_t h = hash_str(s) & (t->n_slots - 1);
	while (t->slots[h]) {
		if (strcmp(t->v[t->slots[h] - 1], s) == 0)
			return t->slots[h] - 1;
		h = (h + 1) & (t->n_slots - 1);
	}
	xgrow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n] = s;
	t->slots[h] = ++t->n;
	return t->n - 1;
}

/* First pass: every string of the bank, so that the arrays can be written
 * before the structs that point at them. */
static void collect(struct strtab *t, const struct quiz_bank *b)
{
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct quiz_question *q = &b->questions[i];
		strtab_id(t, q->id);
		strtab_id(t, q->chapter);
		strtab_id(t, q->lang);
		for (size_t k = 0; k < q->n_tags; k++)
			strtab_id(t, q->tags[k]);
		strtab_id(t, q->question);
		strtab_id(t, q->answer);
		if (q->corrected)
			strtab_id(t, q->corrected);
		for (size_t k = 0; k < q->n_keywords; k++) {
			strtab_id(t, q->keywords[k].term);
			for (size_t a = 0; a < q->keywords[k].n_aliases; a++)
				strtab_id(t, q->keywords[k].aliases[a]);
		}
		for (size_t k = 0; k < q->n_misconceptions; k++) {
			const struct quiz_misconception *m =
				&q->misconceptions[k];
			strtab_id(t, m->claim);
			for (size_t a = 0; a < m->n_aliases; a++)
				strtab_id(t, m->aliases[a]);
			if (m->correction)
				strtab_id(t, m->correction);
		}
		for (size_t k = 0; k < q->n_sources; k++)
			strtab_id(t, q->sources[k].file);
		strtab_id(t, q->bank_file);
	}
	for (size_t i = 0; i < b->n_chapters; i++) {
		strtab_id(t, b->chapters[i].id);
		strtab_id(t, b->chapters[i].title);
	}
}

static void emit_strings(FILE *out, const struct strtab *t)
{
	for (size_t i = 0; i < t->n; i++) {
		fprintf(out, "static unsigned char s%zu[] = {", i);
		size_t col = 0;
		for (const unsigned char *p = (const unsigned char *)t->v[i];;
			p++) {
			fprintf(out, "%s%u,", col++ % 24 == 0 ? "\n" : "", *p);
			if (!*p)
				break;
		}
		fputs("};\n", out);
	}
}

/* "(char *)s12" or "NULL". */
static const char *ref(struct strtab *t, const char *s, char *buf, size_t n)
{
	if (!s)
		return "NULL";
	snprintf(buf, n, "(char *)s%zu", strtab_id(t, s));
	return buf;
}

static void emit_list(
	FILE *out, struct strtab *t, const char *name, char *const *v, size_t n)
{
	if (n == 0)
		return;
	fprintf(out, "static char *%s[] = {", name);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s(char *)s%zu", i ? ", " : "",
			strtab_id(t, v[i]));
	fputs("};\n", out);
}

/* The arrays one question points at: q<i>_tags, q<i>_kw, ... */
static void emit_arrays(
	FILE *out, struct strtab *t, const struct quiz_question *q, size_t i)
{
	char name[64];
	char r1[32];
	char r2[32];
	snprintf(name, sizeof name, "q%zu_tags", i);
	emit_list(out, t, name, q->tags, q->n_tags);
	for (size_t k = 0; k < q->n_keywords; k++) {
		snprintf(name, sizeof name, "q%zu_kw%zu", i, k);
		emit_list(out, t, name, q->keywords[k].aliases,
			q->keywords[k].n_aliases);
	}
	if (q->n_keywords) {
		fprintf(out, "static struct quiz_keyword q%zu_kw[] = {\n", i);
		for (size_t k = 0; k < q->n_keywords; k++) {
			const struct quiz_keyword *kw = &q->keywords[k];
			snprintf(name, sizeof name, "q%zu_kw%zu", i, k);
			fprintf(out,
				"\t{.term = %s, .aliases = %s, .n_aliases = "
				"%zu, .weight = %.17g, .required = %d},\n",
				ref(t, kw->term, r1, sizeof r1),
				kw->n_aliases ? name : "NULL", kw->n_aliases,
				kw->weight, kw->required);
		}
		fputs("};\n", out);
	}
	for (size_t k = 0; k < q->n_misconceptions; k++) {
		snprintf(name, sizeof name, "q%zu_mc%zu", i, k);
		emit_list(out, t, name, q->misconceptions[k].aliases,
			q->misconceptions[k].n_aliases);
	}
	if (q->n_misconceptions) {
		fprintf(out, "static struct quiz_misconception q%zu_mc[] = {\n",
			i);
		for (size_t k = 0; k < q->n_misconceptions; k++) {
			const struct quiz_misconception *m =
				&q->misconceptions[k];
			snprintf(name, sizeof name, "q%zu_mc%zu", i, k);
			fprintf(out,
				"\t{.claim = %s, .aliases = %s, .n_aliases = "
				"%zu, .correction = %s},\n",
				ref(t, m->claim, r1, sizeof r1),
				m->n_aliases ? name : "NULL", m->n_aliases,
				ref(t, m->correction, r2, sizeof r2));
		}
		fputs("};\n", out);
	}
	if (q->n_sources) {
		fprintf(out, "static struct quiz_source q%zu_src[] = {\n", i);
		for (size_t k = 0; k < q->n_sources; k++)
			fprintf(out, "\t{.file = %s, .line = %ld},\n",
				ref(t, q->sources[k].file, r1, sizeof r1),
				q->sources[k].line);
		fputs("};\n", out);
	}
}

static void emit_question(
	FILE *out, struct strtab *t, const struct quiz_question *q, size_t i)
{
	char r[7][32];
	char tags[32];
	char kw[32];
	char mc[32];
	char src[32];
	snprintf(tags, sizeof tags, "q%zu_tags", i);
	snprintf(kw, sizeof kw, "q%zu_kw", i);
	snprintf(mc, sizeof mc, "q%zu_mc", i);
	snprintf(src, sizeof src, "q%zu_src", i);
	fprintf(out,
		"\t{.id = %s, .chapter = %s, .kind = %d, .lang = %s,\n"
		"\t\t.tags = %s, .n_tags = %zu, .question = %s, .answer = "
		"%s,\n"
		"\t\t.corrected = %s, .keywords = %s, .n_keywords = %zu,\n"
		"\t\t.misconceptions = %s, .n_misconceptions = %zu,\n"
		"\t\t.sources = %s, .n_sources = %zu,\n"
		"\t\t.bank_file = %s, .bank_line = %ld, .bank_col = %ld},\n",
		ref(t, q->id, r[0], 32), ref(t, q->chapter, r[1], 32),
		(int)q->kind, ref(t, q->lang, r[2], 32),
		q->n_tags ? tags : "NULL", q->n_tags,
		ref(t, q->question, r[3], 32), ref(t, q->answer, r[4], 32),
		ref(t, q->corrected, r[5], 32), q->n_keywords ? kw : "NULL",
		q->n_keywords, q->n_misconceptions ? mc : "NULL",
		q->n_misconceptions, q->n_sources ? src : "NULL", q->n_sources,
		ref(t, q->bank_file, r[6], 32), q->bank_line, q->bank_col);
}

static void emit(FILE *out, const struct quiz_bank *b)
{
	struct strtab t = {0};
	collect(&t, b);
	fputs("/* Generated by tools/bankc.c from questions/NAME.json: do not "
	      "edit. */\n#include <stddef.h>\n\n#include \"builtin.h\"\n",
		out);
	emit_strings(out, &t);
	for (size_t i = 0; i < b->n_questions; i++)
		emit_arrays(out, &t, &b->questions[i], i);
	/* An empty initializer list is not C11: a bank with nothing still
	 * gets one element, not counted. */
	fputs("const struct quiz_question builtin_questions[] = {\n", out);
	for (size_t i = 0; i < b->n_questions; i++)
		emit_question(out, &t, &b->questions[i], i);
	if (b->n_questions == 0)
		fputs("\t{.id = NULL},\n", out);
	fprintf(out, "};\nconst size_t builtin_n_questions = %zu;\n\n",
		b->n_questions);
	fputs("const struct quiz_chapter builtin_chapters[] = {\n", out);
	char r1[32];
	char r2[32];
	for (size_t i = 0; i < b->n_chapters; i++)
		fprintf(out, "\t{.id = %s, .title = %s},\n",
			ref(&t, b->chapters[i].id, r1, sizeof r1),
			ref(&t, b->chapters[i].title, r2, sizeof r2));
	if (b->n_chapters == 0)
		fputs("\t{.id = NULL},\n", out);
	fprintf(out, "};\nconst size_t builtin_n_chapters = %zu;\n",
		b->n_chapters);
	free(t.v);
	free(t.slots);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: bankc OUTPUT.c FILE.json...\n", stderr);
		return 2;
	}
	struct quiz_bank bank;
	bank_init(&bank);
	bool ok = true;
	for (int i = 2; i < argc; i++) {
		struct buf text;
		buf_init(&text);
		const char *slash = strrchr(argv[i], '/');
		char *name =
			xasprintf("questions/%s", slash ? slash + 1 : argv[i]);
		if (!read_file(argv[i], &text))
			ok = false;
		else
			ok = bank_load_text(
				     &bank, name, text.data, text.len, NULL) &&
				ok;
		free(name);
		buf_free(&text);
	}
	ok = ok && bank_validate(&bank, NULL);
	if (!ok) {
		fputs("bankc: the built-in bank has errors (see above)\n",
			stderr);
		bank_free(&bank);
		return 1;
	}
	FILE *out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		bank_free(&bank);
		return 1;
	}
	emit(out, &bank);
	bank_free(&bank);
	if (fclose(out) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
