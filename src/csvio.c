/* csvio: every libcsv call. Reading feeds libcsv one line at a time so that
 * records can be given line numbers (libcsv reports only a byte count), and
 * caps record size (libcsv has no limit of its own) before a line or a
 * record can grow past it. */
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
	bool between; /* the last line fed ended a record (or none was fed) */
	long open_line; /* where the last quoted field left open began */
	long open_col;
	size_t record_bytes;
	bool too_long;
	bool stopped;
	csvio_record_fn fn;
	void *ctx;
};

static void on_field(void *data, size_t len, void *vr)
{
	struct reader *r = vr;
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

/* libcsv's strict-mode error at byte done of s, in plain words. */
static const char *parse_error(struct csv_parser *p, const char *s, size_t done)
{
	if (csv_error(p) != CSV_EPARSE)
		return csv_strerror(csv_error(p));
	if (s[done] == '"')
		return "a \" inside a field that does not start with one "
		       "(quote the whole field and double the \" inside)";
	return "text after a closing \" (a field in quotes must end "
	       "at its closing quote; double a \" inside it)";
}

/* The byte offset of the quote that opens the field still open at the end
 * of a line that began outside quotes: only asked when libcsv says one is
 * open, to say where. */
static size_t last_open_quote(const char *s, size_t n, char delim)
{
	size_t open = 0;
	bool quoted = false;
	bool field_start = true;
	for (size_t i = 0; i < n; i++) {
		if (quoted) {
			if (s[i] == '"' && i + 1 < n && s[i + 1] == '"')
				i++;
			else if (s[i] == '"')
				quoted = false;
		} else if (s[i] == '"' && field_start) {
			quoted = true;
			open = i;
		}
		field_start = !quoted && s[i] == delim;
	}
	return open;
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
	r->between = true;
}

/* Keeps every byte of unquoted fields: libcsv would trim spaces. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void parser_init(struct csv_parser *p, char delim)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		xalloc_die();
	csv_set_delim(p, (unsigned char)delim);
	csv_set_space_func(p, no_space);
}

/* getline() that stops after max bytes: a line without end (/dev/zero)
 * comes in parts of max bytes, which the record cap then refuses, instead
 * of growing the line buffer without bound. -1 at the end of f. */
static ssize_t read_line(FILE *f, char **line, size_t *cap, size_t max)
{
	size_t len = 0;
	int c;
	while (len < max && (c = getc_unlocked(f)) != EOF) {
		if (len + 2 > *cap)
			xgrow((void **)line, cap, len + 2, 1);
		(*line)[len++] = (char)c;
		if (c == '\n')
			break;
	}
	if (len == 0)
		return -1;
	(*line)[len] = '\0';
	return (ssize_t)len;
}

bool csvio_read(
	FILE *f, const char *name, bool tab, csvio_record_fn fn, void *ctx)
{
	struct csvio_opts o = {.delim = tab ? '\t' : ','};
	return csvio_read_with(f, name, &o, fn, ctx);
}

bool csvio_read_with(FILE *f, const char *name, struct csvio_opts *o,
	csvio_record_fn fn, void *ctx)
{
	char delim = o->delim ? o->delim : ',';
	long first = o->first_line > 0 ? o->first_line : 1;
	struct csv_parser p;
	parser_init(&p, delim);
	struct reader r = {.line = first - 1,
		.record_line = first,
		.between = true,
		.fn = fn,
		.ctx = ctx};
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	bool ok = true;
	while (ok && !r.stopped &&
		(got = read_line(f, &line, &cap, CSV_FIELD_MAX + 1)) > 0) {
		r.line++;
		/* A record starts on the line after the last one ended, even
		 * when its first field ends lines later (a quoted newline). */
		if (r.between)
			r.record_line = r.line;
		r.between = false;
		const char *s = line;
		size_t n = (size_t)got;
		if (r.line == first && n >= 3 &&
			memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		r.record_bytes += n;
		if (r.record_bytes > CSV_FIELD_MAX)
			r.too_long = true;
		if (r.too_long) {
			quiz_warn("%s:%ld:1: record longer than %u bytes, the "
				  "limit",
				name, r.record_line, CSV_FIELD_MAX);
			ok = false;
			break;
		}
		bool in_quotes = p.pstate == 2 && p.quoted;
		size_t done = csv_parse(&p, s, n, on_field, on_record, &r);
		if (!in_quotes && p.pstate == 2 && p.quoted) {
			r.open_line = r.line;
			r.open_col = (long)(s - line) + 1 +
				(long)last_open_quote(s, n, delim);
		}
		if (done == n)
			continue;
		quiz_warn("%s:%ld:%zu: %s%s", name, r.line,
			(size_t)(s - line) + done + 1, parse_error(&p, s, done),
			o->skip_bad ? " (record skipped)" : "");
		if (!o->skip_bad) {
			ok = false;
			break;
		}
		/* Start afresh on the next line: the records before and
		 * after a malformed one are still worth having. */
		o->n_skipped++;
		csv_free(&p);
		parser_init(&p, delim);
		clear_record(&r);
		r.between = true;
	}
	if (ok && ferror(f)) {
		quiz_warn("%s: %s", name, strerror(errno));
		ok = false;
	}
	if (ok && !r.stopped && csv_fini(&p, on_field, on_record, &r) != 0) {
		quiz_warn("%s:%ld:%ld: a quoted field is never closed (a "
			  "closing \" is missing)%s",
			name, r.open_line, r.open_col,
			o->skip_bad ? " (the rest skipped)" : "");
		if (o->skip_bad)
			o->n_skipped++;
		else
			ok = false;
	}
	clear_record(&r);
	free(r.fields);
	free(r.lens);
	free(line);
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
