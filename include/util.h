/* util: allocation that never fails, growable buffers, diagnostics with the
 * "quiz:" prefix, and the exit-status enum every command returns. */
#ifndef QUIZ_UTIL_H
#define QUIZ_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses; documented in quiz(1) EXIT STATUS. */
enum quiz_exit {
	QUIZ_EXIT_OK = 0, /* success; grade: the answer passed */
	QUIZ_EXIT_FAIL =
		1, /* grade: below the pass mark; check: warnings only */
	QUIZ_EXIT_ERROR = 2, /* usage, unknown id, unreadable or invalid bank */
	QUIZ_EXIT_INTERRUPT = 130, /* interrupted by the user (SIGINT) */
};

/* Out of memory is fatal here and only here: these never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p (holding *cap elements of size elem) to hold at least need. */
void xgrow(void **p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "quiz: out of memory" and aborts: for the libraries' allocations
 * (cJSON, libcsv, libstemmer, memory streams) that report failure. */
_Noreturn void xalloc_die(void);

/* "quiz: message" on stderr, made visible (buf_add_visible): messages
 * quote names and ids from input, which must not drive the terminal. */
void quiz_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void quiz_vwarn(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

/* A growable NUL-terminated byte string; caller owns it (buf_free). */
struct buf {
	char *data; /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};
void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_clear(struct buf *b);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Detaches the string; the caller frees it. The buffer is left empty. */
char *buf_steal(struct buf *b);

/* Length of the UTF-8 sequence at s (at most n bytes) and its code point in
 * *cp; 0 when it is not valid UTF-8 (overlong, surrogate, truncated). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Appends s[0..n) with everything a terminal could act on made visible:
 * C0 controls, DEL and C1 controls as \xNN (C1 by its code point,
 * \u0080..\u009f), and bytes that are not UTF-8 as \xNN. Tab and newline
 * are kept when keep_lines. Backslashes are kept as they are: the result is
 * for reading, not for parsing back, and escaping twice changes nothing. */
void buf_add_visible(struct buf *b, const char *s, size_t n, bool keep_lines);
/* True when s[0..n) needs no change by buf_add_visible (keep_lines). */
bool str_is_visible(const char *s, size_t n, bool keep_lines);
/* Writes s to f as buf_add_visible would; for text outputs of strings from
 * input. */
void fput_visible(FILE *f, const char *s, bool keep_lines);

/* The most bytes read of one bank file (and of a notes, curation or rules
 * file): $QUIZ_MAX_BANK_BYTES when it is set to a positive number, else
 * BANK_FILE_MAX. An invalid value is reported and the default used. */
size_t quiz_max_bank_bytes(void);

/* Appends at most max bytes of f to out: reading stops there, and *more
 * (when not NULL) tells whether f had more. False (errno set) on a read
 * error. out holds a NUL-terminated string afterwards, also when empty. */
bool read_stream(FILE *f, struct buf *out, size_t max, bool *more);

/* How read_file_limited reads a file. */
struct read_limit {
	size_t max; /* the most bytes read: a larger file is an error */
	const char *what; /* what the file is, for messages: "bank file" */
	const char *raise; /* how to raise max ("set QUIZ_MAX_BANK_BYTES"),
			    * or NULL */
	bool any_file; /* also FIFOs and devices, else only regular files */
};
/* Reads a whole file (appending to out) within lim. The file is opened
 * without blocking and checked before it is read: a directory, a FIFO or a
 * device (unless any_file) and a regular file larger than lim->max are
 * refused without reading a byte; from a FIFO or device reading stops
 * after lim->max bytes. False after reporting through quiz_warn. */
bool read_file_limited(
	const char *path, struct buf *out, const struct read_limit *lim);
/* The reading part of read_file_limited, for a stream already open
 * (standard input), reported as name. */
bool read_stream_limited(FILE *f, const char *name, struct buf *out,
	const struct read_limit *lim);
/* read_file_limited for a bank file: regular, at most
 * quiz_max_bank_bytes(). */
bool read_file(const char *path, struct buf *out);

/* Length in bytes of the first max_chars code points of s[0..len) (a byte
 * that is not UTF-8 counts as one). */
size_t utf8_prefix(const char *s, size_t len, size_t max_chars);

/* Strict number parsing: the whole string must be a number in range. */
bool parse_long(const char *s, long min, long max, long *out);
bool parse_u64(const char *s, unsigned long long *out);
bool parse_double(const char *s, double min, double max, double *out);

/* True if s starts with prefix. */
bool str_starts(const char *s, const char *prefix);

#endif
