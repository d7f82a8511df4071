/* csvio: every libcsv call. Reading feeds libcsv one line (or the part of
 * one in a chunk) at a time so that records can be given line numbers
 * (libcsv reports only a byte count), and caps record size (libcsv has no
 * limit of its own). */
#include "csvio.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "tunables.h"
#include "util.h"

struct reader {
	char **fields;
	size_t *lens;
	size_t n;
	size_t cap;
	size_t cap_lens;
	long line; /* line being fed */
	long record_line; /* line where the current record started */
	size_t record_bytes;
	bool too_long;
	bool stopped;
	csvio_record_fn fn;
	void *ctx;
};

static void on_field(void *data, size_t len, void *vr)
{
	struct reader *r = vr;
	if (r->n == 0)
		r->record_line = r->line;
	if (len > CSV_FIELD_MAX) {
		r->too_long = true;
		return;
	}
	xgrow((void **)&r->fields, &r->cap, r->n + 1, sizeof *r->fields);
	xgrow((void **)&r->lens, &r->cap_lens, r->n + 1, sizeof *r->lens);
	r->fields[r->n] = xstrndup(data ? data : "", data ? len : 0);
	r->lens[r->n] = data ? len : 0;
	r->n++;
}

static void clear_record(struct reader *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->fields[i]);
	r->n = 0;
	r->record_bytes = 0;
}

static void on_record(int c, void *vr)
{
	struct reader *r = vr;
	(void)c;
	if (!r->stopped && !r->too_long)
		r->stopped = !r->fn(
			r->ctx, r->record_line, r->fields, r->lens, r->n);
	clear_record(r);
}

/* Keeps every byte of unquoted fields: libcsv would trim spaces. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Feeds one piece of a line (all of it, or up to a chunk's end) to libcsv,
 * after the record cap; false after reporting. */
static bool feed(struct csv_parser *p, struct reader *r, const char *name,
	const char *s, size_t n, size_t col)
{
	r->record_bytes += n;
	if (r->record_bytes > CSV_FIELD_MAX)
		r->too_long = true;
	if (r->too_long) {
		quiz_warn("%s:%ld:1: record longer than %u bytes, the limit",
			name, r->record_line, CSV_FIELD_MAX);
		return false;
	}
	size_t done = csv_parse(p, s, n, on_field, on_record, r);
	if (done != n) {
		quiz_warn("%s:%ld:%zu: %s", name, r->line, col + done + 1,
			csv_strerror(csv_error(p)));
		return false;
	}
	return true;
}

bool csvio_read(
	FILE *f, const char *name, bool tab, csvio_record_fn fn, void *ctx)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		xalloc_die();
	if (tab)
		csv_set_delim(&p, CSV_TAB);
	csv_set_space_func(&p, no_space);
	struct reader r = {.line = 0, .record_line = 1, .fn = fn, .ctx = ctx};
	/* Read in chunks, not lines: a line without end (/dev/zero) must
	 * meet the record cap, not grow a line buffer without bound. */
	char chunk[65536];
	size_t got;
	size_t col = 0; /* bytes of the current line fed so far */
	bool at_line_start = true;
	bool first = true;
	bool ok = true;
	while (ok && !r.stopped && (got = fread(chunk, 1, sizeof chunk, f))) {
		const char *s = chunk;
		const char *end = chunk + got;
		if (first && got >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;
		first = false;
		while (ok && !r.stopped && s < end) {
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			size_t n =
				nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
			if (at_line_start) {
				r.line++;
				col = 0;
			}
			ok = feed(&p, &r, name, s, n, col);
			col += n;
			at_line_start = nl != NULL;
			s += n;
		}
	}
	if (ok && ferror(f)) {
		quiz_warn("%s: %s", name, strerror(errno));
		ok = false;
	}
	if (ok && !r.stopped && csv_fini(&p, on_field, on_record, &r) != 0) {
		quiz_warn("%s:%ld:1: %s (unterminated quoted field?)", name,
			r.record_line, csv_strerror(csv_error(&p)));
		ok = false;
	}
	clear_record(&r);
	free(r.fields);
	free(r.lens);
	csv_free(&p);
	return ok && !r.stopped;
}

static bool needs_quotes(const char *s)
{
	if (*s == '\0')
		return false;
	size_t n = strlen(s);
	return strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' || s[n - 1] == ' ';
}

bool csvio_find_column(
	char *const *fields, size_t n, const char *name, size_t *out)
{
	for (size_t i = 0; i < n; i++) {
		if (strcasecmp(fields[i], name) == 0) {
			*out = i;
			return true;
		}
	}
	return false;
}

/* Writes one field whose control characters, if any, were made visible. */
static void write_visible_field(FILE *out, const char *s, bool tab);

void csvio_write_field(FILE *out, const char *s, bool tab)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	if (str_is_visible(s, n, true)) {
		write_visible_field(out, s, tab);
		return;
	}
	/* A CSV file is read in terminals and spreadsheets too: an id from
	 * a batch file must not carry an escape sequence into either. */
	struct buf b;
	buf_init(&b);
	buf_add_visible(&b, s, n, true);
	write_visible_field(out, b.data, tab);
	buf_free(&b);
}

static void write_visible_field(FILE *out, const char *s, bool tab)
{
	if (!tab) {
		if (needs_quotes(s))
			csv_fwrite(out, s, strlen(s));
		else
			fputs(s, out);
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '\t':
			fputs("\\t", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		default:
			putc(*s, out);
		}
	}
}

void csvio_write_record(
	FILE *out, const char *const *fields, size_t n, bool tab)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(tab ? '\t' : ',', out);
		csvio_write_field(out, fields[i], tab);
	}
	putc('\n', out);
}
