/* csvio: every libcsv call (history, batch grading, CSV import and
 * export). Reading is streaming: one callback per record, in constant memory
 * apart from the longest record. */
#ifndef QUIZ_CSVIO_H
#define QUIZ_CSVIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One record: fields[i] are NUL-terminated and valid only during the call.
 * line is the 1-based line where the record starts. Return false to stop. */
typedef bool (*csvio_record_fn)(void *ctx, long line, char **fields,
	const size_t *lens, size_t n_fields);

/* Reads CSV (or TSV when tab) from f, strips a leading BOM, enforces
 * CSV_FIELD_MAX. Returns false on a syntax or read error, after reporting
 * "name:line:col: message" through quiz_warn, or when fn returned false. */
bool csvio_read(
	FILE *f, const char *name, bool tab, csvio_record_fn fn, void *ctx);

/* How csvio_read_with reads. */
struct csvio_opts {
	char delim; /* the field separator; 0 means ',' */
	long first_line; /* the number of f's first line; 0 means 1 */
	/* A malformed record is a warning and reading goes on at the next
	 * line (else it ends the read with false). */
	bool skip_bad;
	size_t n_skipped; /* out: malformed records skipped */
};

/* csvio_read with any separator, line numbers that start where the caller
 * says (for text after a preamble), and optionally skipping malformed
 * records. */
bool csvio_read_with(FILE *f, const char *name, struct csvio_opts *o,
	csvio_record_fn fn, void *ctx);

/* The index of the first header field equal to name, ignoring ASCII case;
 * false when there is none. */
bool csvio_find_column(
	char *const *fields, size_t n, const char *name, size_t *out);

/* Writes one field, quoted only when it must be (CSV) or with tabs and
 * newlines escaped as \t \n \\ (TSV). Other control characters and bytes
 * that are not UTF-8 are written visibly, as buf_add_visible does. */
void csvio_write_field(FILE *out, const char *s, bool tab);
/* Writes a whole record and the line end ("\r\n" is not used: "\n"). */
void csvio_write_record(
	FILE *out, const char *const *fields, size_t n, bool tab);

#endif
