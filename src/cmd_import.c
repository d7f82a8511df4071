/* cmd_import: `quiz import FILE... [--book NAME] [--chapter ID] [--rules
 * FILE]`. Reads Markdown notes (and, for *.json arguments, curation files
 * applied after all notes are read) by the built-in import rules or those
 * of --rules, and writes one bank JSON to stdout. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cardimport.h"
#include "commands.h"
#include "import.h"
#include "rules.h"
#include "util.h"

static bool is_json(const char *path)
{
	size_t n = strlen(path);
	return n > 5 && strcmp(path + n - 5, ".json") == 0;
}

/* Replaces the built-in rules by those of path; false after reporting. */
static bool use_rules(struct import_state *st, const char *path)
{
	struct buf b;
	buf_init(&b);
	if (!read_file(path, &b)) {
		buf_free(&b);
		return false;
	}
	struct import_rules r;
	rules_init(&r);
	bool ok = rules_load(&r, path, b.data ? b.data : "", b.len);
	if (ok)
		import_use_rules(st, &r);
	buf_free(&b);
	return ok;
}

/* Reads notes (a file, a pipe, or stdin for "-") or a curation file; false
 * after reporting. Notes may come from a pipe, so they are read up to the
 * bank file limit rather than refused for not being a regular file. */
static bool read_notes(const char *path, struct buf *b)
{
	struct read_limit lim = {
		.max = quiz_max_bank_bytes(),
		.what = is_json(path) ? "curation file" : "notes file",
		.raise = "set QUIZ_MAX_BANK_BYTES",
		.any_file = !is_json(path),
	};
	if (strcmp(path, "-") != 0)
		return read_file_limited(path, b, &lim);
	bool more = false;
	if (!read_stream(stdin, b, lim.max, &more)) {
		quiz_warn("-: cannot read stdin");
		return false;
	}
	if (more)
		quiz_warn("-: notes larger than %zu bytes, the limit (%s to "
			  "raise it)",
			lim.max, lim.raise);
	return !more;
}

/* True when path names cards (CSV, TSV, Anki text) rather than notes:
 * by its name, else by its first bytes. Standard input stays notes. */
static bool is_cards(const char *path)
{
	char head[32];
	size_t n = 0;
	/* Only a regular file is peeked at: opening a FIFO would wait for a
	 * writer, and reading it would eat what the import needs. */
	int fd = strcmp(path, "-") == 0
		? -1
		: open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		ssize_t got = read(fd, head, sizeof head);
		n = got > 0 ? (size_t)got : 0;
	}
	if (fd >= 0)
		close(fd);
	return cardimport_is_cards(path, head, n);
}

/* quiz import of cards: every file must yield questions, and no id may
 * repeat across files. */
static int import_cards(struct cli *cli)
{
	if (cli->book || cli->rules)
		return cli_usage_error("--%s applies to Markdown notes, not "
				       "to cards",
			cli->book ? "book" : "rules");
	struct quiz_bank bank;
	bank_init(&bank);
	int status = QUIZ_EXIT_OK;
	for (size_t i = 0; i < cli->n_args && status == QUIZ_EXIT_OK; i++) {
		if (!is_cards(cli->args[i])) {
			status = cli_usage_error("%s: notes and cards cannot "
						 "be imported together",
				cli->args[i]);
			break;
		}
		struct buf b;
		buf_init(&b);
		if (!read_file(cli->args[i], &b) ||
			cardimport_text(&bank, cli->args[i],
				b.data ? b.data : "", b.len, cli->chapter) == 0)
			status = QUIZ_EXIT_ERROR;
		buf_free(&b);
	}
	if (status == QUIZ_EXIT_OK && !bank_validate(&bank, NULL))
		status = QUIZ_EXIT_ERROR;
	if (status == QUIZ_EXIT_OK) {
		const struct quiz_question **qs =
			xcalloc(bank.n_questions, sizeof *qs);
		for (size_t i = 0; i < bank.n_questions; i++)
			qs[i] = &bank.questions[i];
		bank_write_json(stdout, qs, bank.n_questions, bank.chapters,
			bank.n_chapters, true);
		free(qs);
	}
	bank_free(&bank);
	return status;
}

int cmd_import(struct cli *cli)
{
	/* the ids import writes start with these: a bank the loader refuses
	 * is not written */
	if (cli->book && !import_name_ok(cli->book))
		return cli_usage_error("--book: a book id is 1 to %d bytes "
				       "without spaces or control characters",
			IMPORT_CHAPTER_MAX);
	if (cli->chapter && !import_name_ok(cli->chapter))
		return cli_usage_error("--chapter: a chapter id is 1 to %d "
				       "bytes without spaces or control "
				       "characters",
			IMPORT_CHAPTER_MAX);
	for (size_t i = 0; i < cli->n_args; i++)
		if (is_cards(cli->args[i]))
			return import_cards(cli);
	struct import_state st;
	import_init(&st, cli->book, cli->chapter);
	int status = QUIZ_EXIT_OK;
	if (cli->rules && !use_rules(&st, cli->rules))
		status = QUIZ_EXIT_ERROR;
	for (int pass = 0; pass < 2 && status == QUIZ_EXIT_OK; pass++) {
		for (size_t i = 0; i < cli->n_args; i++) {
			const char *path = cli->args[i];
			if (is_json(path) != (pass == 1))
				continue;
			struct buf b;
			buf_init(&b);
			if (!read_notes(path, &b)) {
				buf_free(&b);
				status = QUIZ_EXIT_ERROR;
				break;
			}
			const char *data = b.data ? b.data : "";
			if (pass == 0)
				import_text(&st, path, data, b.len);
			else if (!import_curate(&st, path, data, b.len))
				status = QUIZ_EXIT_ERROR;
			buf_free(&b);
		}
	}
	/* as for cards: an empty bank is no import (prose, a wrong file) */
	if (status == QUIZ_EXIT_OK && st.bank.n_questions == 0) {
		quiz_warn("%s%s: no questions found: expected headings or "
			  "lines that ask a question (see quiz(1), import)",
			cli->args[0], cli->n_args > 1 ? " and the others" : "");
		status = QUIZ_EXIT_ERROR;
	}
	if (status == QUIZ_EXIT_OK) {
		size_t n = st.bank.n_questions;
		/* a reader that went away (quiz import ... | head) ends
		 * the output quietly, as for every command */
		errno = 0;
		if ((!import_write(&st, stdout) || fflush(stdout)) &&
			errno != EPIPE) {
			quiz_warn("cannot write the bank to stdout");
			status = QUIZ_EXIT_ERROR;
		}
		if (getenv("QUIZ_IMPORT_STATS"))
			fprintf(stderr,
				"quiz: import: %zu documents, %zu "
				"questions, %zu merged duplicates; mojibake: "
				"%zu characters reversed, %zu rebuilt (%zu "
				"bytes), %zu unresolved, %zu Mac Roman\n",
				st.n_documents, n, st.n_merged,
				st.moji.chars_reversed, st.moji.seqs_rebuilt,
				st.moji.bytes_rebuilt, st.moji.seqs_unresolved,
				st.moji.macroman_fixed);
	}
	import_free(&st);
	return status;
}
