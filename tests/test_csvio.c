/* Unit tests of the libcsv wrapper. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "csvio.h"
#include "util.h"

struct rows {
	struct buf text; /* "line:field|field\n" per record */
	int stop_after;
	int n;
};

static bool collect(
	void *ctx, long line, char **fields, const size_t *lens, size_t n)
{
	struct rows *r = ctx;
	buf_printf(&r->text, "%ld:", line);
	for (size_t i = 0; i < n; i++) {
		CHECK_INT(strlen(fields[i]), lens[i]);
		buf_printf(&r->text, "%s%s", i ? "|" : "", fields[i]);
	}
	buf_addc(&r->text, '\n');
	r->n++;
	return r->stop_after == 0 || r->n < r->stop_after;
}

static bool parse(const char *in, bool tab, struct rows *r)
{
	FILE *f = fmemopen((void *)in, strlen(in), "r");
	buf_init(&r->text);
	buf_adds(&r->text, "");
	r->n = 0;
	bool ok = csvio_read(f, "t.csv", tab, collect, r);
	fclose(f);
	return ok;
}

static void reads_quotes_newlines_and_bom(void)
{
	struct rows r = {0};
	CHECK(parse("\xEF\xBB\xBFid,answer\r\na, x \n\"b\",\"two\nlines, "
		    "\"\"q\"\"\"\nc,\n",
		false, &r));
	CHECK_STR(r.text.data,
		"1:id|answer\n2:a| x \n3:b|two\nlines, \"q\"\n"
		"5:c|\n");
	buf_free(&r.text);
}

static void reads_tsv(void)
{
	struct rows r = {0};
	CHECK(parse("id\tanswer\nx\ty, z\n", true, &r));
	CHECK_STR(r.text.data, "1:id|answer\n2:x|y, z\n");
	buf_free(&r.text);
}

static void unterminated_quote_is_an_error(void)
{
	struct rows r = {0};
	CHECK(!parse("id,answer\na,\"open\n", false, &r));
	buf_free(&r.text);
}

static void callback_can_stop(void)
{
	struct rows r = {.stop_after = 1};
	CHECK(!parse("a\nb\nc\n", false, &r));
	CHECK_INT(r.n, 1);
	buf_free(&r.text);
}

static void writes_quoting_only_when_needed(void)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	const char *row[] = {"plain", "a,b", "say \"hi\"", "two\nlines", ""};
	csvio_write_record(f, row, 5, false);
	csvio_write_record(f, row, 5, true);
	fclose(f);
	CHECK_STR(out,
		"plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n"
		"plain\ta,b\tsay \"hi\"\ttwo\\nlines\t\n");
	free(out);
}

/* Issue 13, "escape sequences reach the terminal": an id from a batch file
 * is written back visibly, in CSV and TSV (where the backslash of the
 * visible form is escaped like any other). */
static void writes_control_characters_visibly(void)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	const char *row[] = {"\x1b]0;pwned\x07"
			     "evil",
		"a,\x1b"};
	csvio_write_record(f, row, 2, false);
	csvio_write_record(f, row, 2, true);
	fclose(f);
	CHECK_STR(out,
		"\\x1b]0;pwned\\x07evil,\"a,\\x1b\"\n"
		"\\\\x1b]0;pwned\\\\x07evil\ta,\\\\x1b\n");
	free(out);
}

static void finds_the_first_column_ignoring_case(void)
{
	char id[] = "ID", answer[] = "answer", again[] = "Answer";
	char *header[] = {id, answer, again};
	size_t col = 99;
	CHECK(csvio_find_column(header, 3, "id", &col) && col == 0);
	CHECK(csvio_find_column(header, 3, "ANSWER", &col) && col == 1);
	col = 99;
	CHECK(!csvio_find_column(header, 3, "score", &col) && col == 99);
	CHECK(!csvio_find_column(header, 0, "id", &col));
}

int main(void)
{
	RUN(reads_quotes_newlines_and_bom);
	RUN(reads_tsv);
	RUN(unterminated_quote_is_an_error);
	RUN(callback_can_stop);
	RUN(writes_quoting_only_when_needed);
	RUN(writes_control_characters_visibly);
	RUN(finds_the_first_column_ignoring_case);
	return check_done();
}
