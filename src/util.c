/* util: allocation wrappers (out of memory is fatal here and nowhere else),
 * growable buffers, "quiz:" diagnostics, strict number parsing. */
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void xalloc_die(void)
{
	fputs("quiz: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		xalloc_die();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		xalloc_die();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		xalloc_die();
	return q;
}

void xgrow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			xalloc_die();
		n *= 2;
	}
	if (n > SIZE_MAX / elem)
		xalloc_die();
	*p = xrealloc(*p, n * elem);
	*cap = n;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct buf b;
	buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

void quiz_vwarn(const char *fmt, va_list ap)
{
	fputs("quiz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void quiz_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	quiz_vwarn(fmt, ap);
	va_end(ap);
}

void buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	if (n > SIZE_MAX - b->len - 1)
		xalloc_die();
	xgrow((void **)&b->data, &b->cap, b->len + n + 1, 1);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		xalloc_die();
	xgrow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
	va_end(again);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *buf_steal(struct buf *b)
{
	char *s = b->data ? b->data : xstrdup("");
	buf_init(b);
	return s;
}

bool read_stream(FILE *f, struct buf *out)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, n);
	if (!out->data)
		buf_add(out, "", 0);
	return !ferror(f);
}

bool read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		quiz_warn("%s: %s", path, strerror(errno));
		return false;
	}
	bool ok = read_stream(f, out);
	int saved = errno;
	fclose(f);
	if (!ok)
		quiz_warn("%s: %s", path, strerror(saved));
	return ok;
}

bool parse_long(const char *s, long min, long max, long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool parse_u64(const char *s, unsigned long long *out)
{
	if (!s || !*s || *s == '-' || *s == '+')
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || end == s)
		return false;
	*out = v;
	return true;
}

bool parse_double(const char *s, double min, double max, double *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || end == s || isnan(v) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}
