/* util: allocation that never fails, growable buffers, diagnostics with the
 * "quiz:" prefix, and the exit-status enum every command returns. */
#ifndef QUIZ_UTIL_H
#define QUIZ_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
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

/* "quiz: message" on stderr. */
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

/* Reads a whole stream; false (errno set) on a read error. */
bool read_stream(FILE *f, struct buf *out);
/* Reads a whole file; false on error, with the reason reported via quiz_warn.
 */
bool read_file(const char *path, struct buf *out);

/* Strict number parsing: the whole string must be a number in range. */
bool parse_long(const char *s, long min, long max, long *out);
bool parse_u64(const char *s, unsigned long long *out);
bool parse_double(const char *s, double min, double max, double *out);

/* True if s starts with prefix. */
bool str_starts(const char *s, const char *prefix);

#endif
