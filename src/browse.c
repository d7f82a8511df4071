/* browse: the read-only commands over a loaded bank: list, show, chapters,
 * tags, check and export. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bank.h"
#include "cardimport.h"
#include "commands.h"
#include "csvio.h"
#include "grade.h"
#include "json.h"
#include "output.h"
#include "progress.h"
#include "util.h"

/* Question text on one line, for listings. */
static void put_oneline(FILE *out, const char *s)
{
	bool space = false;
	for (; *s; s++) {
		if (*s == '\n' || *s == '\t' || *s == ' ') {
			space = true;
			continue;
		}
		if (space)
			putc(' ', out);
		space = false;
		putc(*s, out);
	}
}

static size_t max_width(
	const struct quiz_bank *b, const size_t *idx, size_t n, bool chapter)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		const struct quiz_question *q = &b->questions[idx[i]];
		size_t len = strlen(chapter ? q->chapter : q->id);
		if (len > w)
			w = len;
	}
	return w;
}

static char *join_tags(const struct quiz_question *q, const char *sep)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "");
	for (size_t i = 0; i < q->n_tags; i++) {
		if (i)
			buf_adds(&b, sep);
		buf_adds(&b, q->tags[i]);
	}
	return buf_steal(&b);
}

static void write_question_row(
	FILE *out, const struct quiz_question *q, bool tab)
{
	char *tags = join_tags(q, ";");
	const char *fields[] = {q->id, q->chapter, bank_kind_name(q->kind),
		q->lang, tags, q->question};
	csvio_write_record(out, fields, sizeof fields / sizeof fields[0], tab);
	free(tags);
}

static int print_questions(struct cli *cli, const size_t *idx, size_t n)
{
	const struct quiz_bank *b = &cli->bank;
	FILE *out = stdout;
	bool tab = cli->format == FORMAT_TSV;
	if (cli->format == FORMAT_JSON) {
		const struct quiz_question **qs = xcalloc(n, sizeof *qs);
		for (size_t i = 0; i < n; i++)
			qs[i] = &b->questions[idx[i]];
		bank_write_json(out, qs, n, NULL, 0, false);
		free(qs);
		return QUIZ_EXIT_OK;
	}
	if (cli->format == FORMAT_CSV || cli->format == FORMAT_TSV) {
		static const char *const head[] = {
			"id", "chapter", "kind", "lang", "tags", "question"};
		csvio_write_record(
			out, head, sizeof head / sizeof head[0], tab);
	}
	size_t wid = max_width(b, idx, n, false);
	size_t wch = max_width(b, idx, n, true);
	for (size_t i = 0; i < n && !ferror(out); i++) {
		const struct quiz_question *q = &b->questions[idx[i]];
		switch (cli->format) {
		case FORMAT_IDS:
			fprintf(out, "%s\n", q->id);
			break;
		case FORMAT_NDJSON:
			bank_write_question_json(out, q, false);
			break;
		case FORMAT_CSV:
		case FORMAT_TSV:
			write_question_row(out, q, tab);
			break;
		default:
			fprintf(out, "%-*s  %-*s  ", (int)wid, q->id, (int)wch,
				q->chapter);
			put_oneline(out, q->question);
			putc('\n', out);
			break;
		}
	}
	return QUIZ_EXIT_OK;
}

int cmd_list(struct cli *cli)
{
	if (!cli_load_bank(cli))
		return QUIZ_EXIT_ERROR;
	size_t *idx;
	size_t nq = cli->bank.n_questions;
	bool *keep = NULL;
	double *priority = NULL;
	/* With --seed, list orders as ask does (due, new, the rest); --due,
	 * --new and --weak select by progress. */
	if (cli->progress || cli->seed_set) {
		struct progress prog;
		progress_init(&prog, &cli->bank);
		char *path = history_path();
		progress_load(&prog, path);
		free(path);
		keep = xcalloc(nq ? nq : 1, sizeof *keep);
		priority = xcalloc(nq ? nq : 1, sizeof *priority);
		progress_order(
			&prog, cli->progress, time(NULL), keep, priority);
		progress_free(&prog);
	}
	size_t n = cli_select(cli, false, 0, priority, keep, &idx);
	int status = print_questions(cli, idx, n);
	free(keep);
	free(priority);
	free(idx);
	return status;
}

/* " (also: a / b)", or nothing when there are no aliases. */
static void put_aliases(FILE *out, char *const *aliases, size_t n)
{
	for (size_t a = 0; a < n; a++)
		fprintf(out, "%s%s", a ? " / " : " (also: ", aliases[a]);
	if (n)
		putc(')', out);
}

static void show_text(
	FILE *out, const struct quiz_bank *b, const struct quiz_question *q)
{
	const char *title = bank_chapter_title(b, q->chapter);
	fprintf(out, "%s\n", q->id);
	fprintf(out, "Chapter: %s%s%s\n", q->chapter[0] ? q->chapter : "-",
		title[0] ? " — " : "", title);
	fprintf(out, "Kind:    %s\nLang:    %s\n", bank_kind_name(q->kind),
		q->lang);
	if (q->n_tags) {
		char *tags = join_tags(q, ", ");
		fprintf(out, "Tags:    %s\n", tags);
		free(tags);
	}
	fprintf(out, "\nQuestion:\n%s\n", q->question);
	fprintf(out, "\nAnswer:\n%s\n",
		q->answer[0] ? q->answer : "(no model answer)");
	if (q->corrected)
		fprintf(out, "\nCorrected from the notes: %s\n", q->corrected);
	if (q->n_keywords) {
		fputs("\nKey points:\n", out);
		for (size_t i = 0; i < q->n_keywords; i++) {
			const struct quiz_keyword *k = &q->keywords[i];
			fprintf(out, "  - %s", k->term);
			put_aliases(out, k->aliases, k->n_aliases);
			if (k->weight != KEYWORD_WEIGHT_DEFAULT)
				fprintf(out, " [weight %g]", k->weight);
			if (k->required)
				fputs(" [required]", out);
			putc('\n', out);
		}
	}
	if (q->n_misconceptions)
		fputs("\nMisconceptions:\n", out);
	for (size_t i = 0; i < q->n_misconceptions; i++) {
		const struct quiz_misconception *m = &q->misconceptions[i];
		fprintf(out, "  - %s", m->claim);
		put_aliases(out, m->aliases, m->n_aliases);
		putc('\n', out);
		if (m->correction)
			fprintf(out, "    Correction: %s\n", m->correction);
	}
	for (size_t i = 0; i < q->n_sources; i++) {
		fprintf(out, "%s%s",
			i ? ", " : "\nSource:  ", q->sources[i].file);
		if (q->sources[i].line)
			fprintf(out, ":%ld", q->sources[i].line);
	}
	if (q->n_sources)
		putc('\n', out);
}

static void show_field(
	FILE *out, const struct quiz_question *q, const char *field)
{
	if (strcmp(field, "question") == 0) {
		fprintf(out, "%s\n", q->question);
	} else if (strcmp(field, "answer") == 0) {
		fprintf(out, "%s\n", q->answer);
	} else {
		for (size_t i = 0; i < q->n_keywords; i++)
			fprintf(out, "%s\n", q->keywords[i].term);
	}
}

/* The question's id and one field, under the bank's field names (the key
 * points as their terms): a part of the question object. */
static void field_json(
	struct json *obj, const struct quiz_question *q, const char *field)
{
	json_set_str(obj, "id", q->id);
	if (strcmp(field, "question") == 0) {
		json_set_str(obj, "question", q->question);
	} else if (strcmp(field, "answer") == 0) {
		json_set_str(obj, "answer", q->answer);
	} else {
		struct json *k = json_set_array(obj, "keywords");
		for (size_t i = 0; i < q->n_keywords; i++)
			json_push_str(k, q->keywords[i].term);
	}
}

/* JSON and NDJSON: one object for one id, an array for several (JSON), a
 * line each (NDJSON); with --field, each object holds the id and that
 * field. */
static void show_json(
	const struct cli *cli, const struct quiz_question *const *qs, size_t n)
{
	bool lines = cli->format == FORMAT_NDJSON;
	if (!cli->field) {
		if (lines || n == 1) {
			for (size_t i = 0; i < n; i++)
				bank_write_question_json(stdout, qs[i], !lines);
		} else {
			bank_write_json(stdout, qs, n, NULL, 0, false);
		}
		return;
	}
	struct json *arr = json_new_array();
	for (size_t i = 0; i < n; i++) {
		if (lines || n == 1) {
			struct json *obj = json_new_object();
			field_json(obj, qs[i], cli->field);
			json_print(stdout, obj, !lines);
			json_free(obj);
		} else {
			field_json(json_push_object(arr), qs[i], cli->field);
		}
	}
	if (!lines && n > 1)
		json_print(stdout, arr, true);
	json_free(arr);
}

int cmd_show(struct cli *cli)
{
	if (!cli_load_bank(cli))
		return QUIZ_EXIT_ERROR;
	const struct quiz_question **qs = xcalloc(cli->n_args, sizeof *qs);
	for (size_t i = 0; i < cli->n_args; i++) {
		qs[i] = cli_find_question(cli, cli->args[i]);
		if (!qs[i]) {
			free(qs);
			return QUIZ_EXIT_ERROR;
		}
	}
	if (cli->format == FORMAT_JSON || cli->format == FORMAT_NDJSON) {
		show_json(cli, qs, cli->n_args);
		free(qs);
		return QUIZ_EXIT_OK;
	}
	for (size_t i = 0; i < cli->n_args; i++) {
		if (cli->field) {
			show_field(stdout, qs[i], cli->field);
		} else {
			if (i)
				puts("");
			show_text(stdout, &cli->bank, qs[i]);
		}
	}
	free(qs);
	return QUIZ_EXIT_OK;
}

struct tally {
	const char *name;
	size_t count;
	size_t first; /* order of first appearance */
};

static void tally_add(
	struct tally **t, size_t *n, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*t)[i].name, name) == 0) {
			(*t)[i].count++;
			return;
		}
	}
	xgrow((void **)t, cap, *n + 1, sizeof **t);
	(*t)[*n] = (struct tally){name, 1, *n};
	(*n)++;
}

/* Chapters in bank order; tags by count, then name. */
static int cmp_tag(const void *a, const void *b)
{
	const struct tally *x = a;
	const struct tally *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int print_tally(struct cli *cli, bool chapters)
{
	if (!cli_load_bank(cli))
		return QUIZ_EXIT_ERROR;
	const struct quiz_bank *b = &cli->bank;
	struct tally *t = NULL;
	size_t n = 0;
	size_t cap = 0;
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct quiz_question *q = &b->questions[i];
		if (!filter_match(&cli->filter, q))
			continue;
		if (chapters)
			tally_add(
				&t, &n, &cap, q->chapter[0] ? q->chapter : "-");
		for (size_t k = 0; !chapters && k < q->n_tags; k++)
			tally_add(&t, &n, &cap, q->tags[k]);
	}
	if (!chapters && n)
		qsort(t, n, sizeof *t, cmp_tag);
	const char *what = chapters ? "chapter" : "tag";
	bool tab = cli->format == FORMAT_TSV;
	if (cli->format == FORMAT_JSON) {
		struct json *arr = json_new_array();
		for (size_t i = 0; i < n; i++) {
			struct json *o = json_push_object(arr);
			json_set_str(o, "id", t[i].name);
			if (chapters)
				json_set_str(o, "title",
					bank_chapter_title(b, t[i].name));
			json_set_int(o, "count", (long long)t[i].count);
		}
		json_print(stdout, arr, true);
		json_free(arr);
	} else if (cli->format == FORMAT_CSV || cli->format == FORMAT_TSV) {
		const char *head[] = {"id", "count", "title"};
		csvio_write_record(stdout, head, chapters ? 3 : 2, tab);
		for (size_t i = 0; i < n; i++) {
			char count[32];
			snprintf(count, sizeof count, "%zu", t[i].count);
			const char *row[] = {t[i].name, count,
				bank_chapter_title(b, t[i].name)};
			csvio_write_record(stdout, row, chapters ? 3 : 2, tab);
		}
	} else {
		size_t w = strlen(what);
		for (size_t i = 0; i < n; i++)
			if (strlen(t[i].name) > w)
				w = strlen(t[i].name);
		for (size_t i = 0; i < n && !ferror(stdout); i++) {
			if (cli->format == FORMAT_IDS) {
				printf("%s\n", t[i].name);
				continue;
			}
			const char *title = chapters
				? bank_chapter_title(b, t[i].name)
				: "";
			printf("%-*s  %5zu%s%s\n", (int)w, t[i].name,
				t[i].count, title[0] ? "  " : "", title);
		}
	}
	free(t);
	return QUIZ_EXIT_OK;
}

int cmd_chapters(struct cli *cli)
{
	return print_tally(cli, true);
}

int cmd_tags(struct cli *cli)
{
	return print_tally(cli, false);
}

/* quiz check prints problems on stdout, one per line, as compilers do, so
 * that editors and grep can read them. They are collected first: the
 * loaders, the whole-bank checks and the lint find them in that order, and
 * a reader wants them in the order of the files, then of the lines. */
struct check_msg {
	size_t file_rank; /* the file's first appearance among the messages */
	size_t seq; /* keeps equal positions in the order found */
	long line;
	long col;
	char *text;
};

struct check_msgs {
	struct check_msg *v;
	size_t n;
	size_t cap;
	char **files;
	size_t n_files;
	size_t cap_files;
};

static void check_report(void *ctx, enum bank_severity sev, const char *file,
	long line, long col, const char *msg)
{
	struct check_msgs *m = ctx;
	size_t rank = 0;
	while (rank < m->n_files && strcmp(m->files[rank], file) != 0)
		rank++;
	if (rank == m->n_files) {
		xgrow((void **)&m->files, &m->cap_files, m->n_files + 1,
			sizeof *m->files);
		m->files[m->n_files++] = xstrdup(file);
	}
	xgrow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v);
	m->v[m->n] = (struct check_msg){rank, m->n, line, col,
		xasprintf("%s:%ld:%ld: %s: %s", file, line, col,
			sev == BANK_ERROR ? "error" : "warning", msg)};
	m->n++;
}

static int cmp_check_msg(const void *a, const void *b)
{
	const struct check_msg *x = a;
	const struct check_msg *y = b;
	if (x->file_rank != y->file_rank)
		return x->file_rank < y->file_rank ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Prints the messages sorted by position and frees them. */
static void check_flush(struct check_msgs *m)
{
	if (m->n)
		qsort(m->v, m->n, sizeof *m->v, cmp_check_msg);
	for (size_t i = 0; i < m->n; i++) {
		puts(m->v[i].text);
		free(m->v[i].text);
	}
	for (size_t i = 0; i < m->n_files; i++)
		free(m->files[i]);
	free(m->v);
	free(m->files);
}

struct lint_arg {
	struct bank_diag *diag;
	const struct quiz_question *q;
};

static void lint_report(void *arg, const char *msg)
{
	struct lint_arg *la = arg;
	bank_report(la->diag, BANK_WARNING, la->q, "%s", msg);
}

/* A key point that its own model answer does not make can never be
 * matched by a candidate who answers like the model: the grader itself
 * decides, so the lint is exactly as fuzzy as grading. */
static void lint_keywords(const struct quiz_bank *b, struct bank_diag *diag)
{
	struct grade_ctx ctx;
	grade_ctx_init(&ctx, b);
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct quiz_question *q = &b->questions[i];
		if (q->n_keywords == 0 || q->answer[0] == '\0')
			continue;
		struct grade_result r;
		grade_answer(&ctx, q, q->answer, strlen(q->answer), &r);
		for (size_t k = 0; k < r.n_points; k++)
			if (!r.points[k].matched)
				bank_report(diag, BANK_WARNING, q,
					"keyword \"%s\" "
					"of \"%s\" does not occur in its model "
					"answer",
					r.points[k].term, q->id);
		grade_result_free(&r);
		struct lint_arg la = {diag, q};
		grade_lint(&ctx, q, lint_report, &la);
	}
	grade_ctx_free(&ctx);
}

int cmd_check(struct cli *cli)
{
	struct check_msgs msgs = {0};
	struct bank_diag diag = {
		.report = check_report, .ctx = &msgs, .lint = true};
	struct quiz_bank *b = &cli->bank;
	const char *env = getenv("QUIZ_BANK");
	if (cli->n_args) {
		cli_load_paths(
			b, (const char *const *)cli->args, cli->n_args, &diag);
	} else if (cli->n_banks) {
		cli_load_paths(b, cli->banks, cli->n_banks, &diag);
	} else if (env && *env) {
		cli_load_bank(cli);
		diag.n_errors += cli->bank_loaded ? 0 : 1;
	} else {
		bank_load_builtin(b, &diag);
	}
	if (bank_validate(b, &diag) && diag.n_errors == 0)
		lint_keywords(b, &diag);
	check_flush(&msgs);
	/* The count comes after the problems, also when both streams go to
	 * one file. */
	fflush(stdout);
	if (diag.n_errors || diag.n_warnings)
		quiz_warn("%zu error%s, %zu warning%s", diag.n_errors,
			diag.n_errors == 1 ? "" : "s", diag.n_warnings,
			diag.n_warnings == 1 ? "" : "s");
	if (diag.n_errors)
		return QUIZ_EXIT_ERROR;
	return diag.n_warnings ? QUIZ_EXIT_FAIL : QUIZ_EXIT_OK;
}

/* Anki's CSV import reads these header lines (Anki 2.1.55 and later): the
 * chapter is the deck, the id the note's guid (so that importing a newer
 * export updates the notes), and the key points a column that quiz import
 * reads back, with the kind and language. */
static void export_anki(const struct quiz_bank *b, const size_t *idx, size_t n)
{
	fputs("#separator:comma\n#html:false\n"
	      "#columns:Front,Back,Tags,Deck,GUID,Keywords,Kind,Lang\n"
	      "#tags column:3\n#deck column:4\n#guid column:5\n",
		stdout);
	for (size_t i = 0; i < n && !ferror(stdout); i++) {
		const struct quiz_question *q = &b->questions[idx[i]];
		char *tags = join_tags(q, " ");
		struct buf kw;
		buf_init(&kw);
		cardimport_format_keywords(&kw, q->keywords, q->n_keywords);
		const char *row[] = {q->question, q->answer, tags, q->chapter,
			q->id, kw.data, bank_kind_name(q->kind), q->lang};
		csvio_write_record(stdout, row, 8, false);
		buf_free(&kw);
		free(tags);
	}
}

int cmd_export(struct cli *cli)
{
	if (!cli_load_bank(cli))
		return QUIZ_EXIT_ERROR;
	const struct quiz_bank *b = &cli->bank;
	size_t *idx;
	size_t n = cli_select(cli, false, 0, NULL, NULL, &idx);
	if (cli->format == FORMAT_JSON) {
		const struct quiz_question **qs = xcalloc(n, sizeof *qs);
		for (size_t i = 0; i < n; i++)
			qs[i] = &b->questions[idx[i]];
		/* Only the titles of chapters that questions use. */
		struct quiz_chapter *chs = xcalloc(b->n_chapters, sizeof *chs);
		size_t n_chs = 0;
		for (size_t c = 0; c < b->n_chapters; c++) {
			bool used = false;
			for (size_t i = 0; i < n && !used; i++)
				used = strcmp(qs[i]->chapter,
					       b->chapters[c].id) == 0;
			if (used)
				chs[n_chs++] = b->chapters[c];
		}
		bank_write_json(stdout, qs, n, chs, n_chs, true);
		free(chs);
		free(qs);
	} else {
		export_anki(b, idx, n);
	}
	free(idx);
	return QUIZ_EXIT_OK;
}
