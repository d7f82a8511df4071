/* util: allocation wrappers (out of memory is fatal here and nowhere else),
 * growable buffers, "quiz:" diagnostics, strict number parsing. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tunables.h"

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
	struct buf msg;
	struct buf out;
	buf_init(&msg);
	buf_init(&out);
	buf_vprintf(&msg, fmt, ap);
	buf_adds(&out, "quiz: ");
	buf_add_visible(&out, msg.data ? msg.data : "", msg.len, false);
	buf_addc(&out, '\n');
	fputs(out.data, stderr);
	buf_free(&msg);
	buf_free(&out);
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

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0)
		return 0;
	unsigned char c = u[0];
	size_t len;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((u[k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (u[k] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
		v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* The bytes of a code point that a terminal acts on: C0 but tab and
 * newline when lines are kept, DEL, and C1. */
static bool is_control(uint32_t cp, bool keep_lines)
{
	if (keep_lines && (cp == '\t' || cp == '\n'))
		return false;
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* Length of the longest prefix of s[0..n) that buf_add_visible keeps as
 * it is. */
static size_t visible_prefix(const char *s, size_t n, bool keep_lines)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0 || is_control(cp, keep_lines))
			return i;
		i += len;
	}
	return n;
}

bool str_is_visible(const char *s, size_t n, bool keep_lines)
{
	return visible_prefix(s, n, keep_lines) == n;
}

void buf_add_visible(struct buf *b, const char *s, size_t n, bool keep_lines)
{
	size_t i = 0;
	for (;;) {
		size_t run = visible_prefix(s + i, n - i, keep_lines);
		buf_add(b, s + i, run);
		i += run;
		if (i == n)
			return;
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0 || cp < 0x80)
			buf_printf(b, "\\x%02x", (unsigned char)s[i]);
		else
			buf_printf(b, "\\u%04x", (unsigned)cp);
		i += len ? len : 1;
	}
}

void fput_visible(FILE *f, const char *s, bool keep_lines)
{
	size_t n = strlen(s);
	if (str_is_visible(s, n, keep_lines)) {
		fputs(s, f);
		return;
	}
	struct buf b;
	buf_init(&b);
	buf_add_visible(&b, s, n, keep_lines);
	fputs(b.data, f);
	buf_free(&b);
}

size_t quiz_max_bank_bytes(void)
{
	const char *env = getenv("QUIZ_MAX_BANK_BYTES");
	unsigned long long v;
	if (!env || !*env)
		return BANK_FILE_MAX;
	if (!parse_u64(env, &v) || v == 0 || v > SIZE_MAX - 1) {
		quiz_warn("QUIZ_MAX_BANK_BYTES=%s is not a positive number of "
			  "bytes: using %u",
			env, BANK_FILE_MAX);
		return BANK_FILE_MAX;
	}
	return (size_t)v;
}

bool read_stream(FILE *f, struct buf *out, size_t max, bool *more)
{
	char chunk[65536];
	size_t got = 0;
	bool over = false;
	while (!over) {
		size_t want = sizeof chunk;
		/* One byte past max tells whether there is more. */
		if (max - got < want)
			want = max - got + 1;
		size_t n = fread(chunk, 1, want, f);
		if (n == 0)
			break;
		if (n > max - got) {
			n = max - got;
			over = true;
		}
		buf_add(out, chunk, n);
		got += n;
	}
	if (!out->data)
		buf_add(out, "", 0);
	if (more)
		*more = over;
	return !ferror(f);
}

static void warn_too_large(const char *path, const struct read_limit *lim)
{
	if (lim->raise)
		quiz_warn("%s: %s larger than %zu bytes, the limit (%s to "
			  "raise it)",
			path, lim->what, lim->max, lim->raise);
	else
		quiz_warn("%s: %s larger than %zu bytes, the limit", path,
			lim->what, lim->max);
}

bool read_file_limited(
	const char *path, struct buf *out, const struct read_limit *lim)
{
	/* O_NONBLOCK: opening a FIFO without a writer must not hang; it
	 * does not change how a regular file reads. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		quiz_warn("%s: %s", path, strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		quiz_warn("%s: %s", path, strerror(errno));
		close(fd);
		return false;
	}
	bool regular = S_ISREG(st.st_mode);
	if (S_ISDIR(st.st_mode)) {
		quiz_warn("%s: %s", path, strerror(EISDIR));
		close(fd);
		return false;
	}
	if (!regular && !lim->any_file) {
		quiz_warn("%s: not a regular file: a %s must be one", path,
			lim->what);
		close(fd);
		return false;
	}
	if (regular && (unsigned long long)st.st_size > lim->max) {
		warn_too_large(path, lim);
		close(fd);
		return false;
	}
	if (!regular) {
		int flags = fcntl(fd, F_GETFL);
		if (flags >= 0)
			fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	}
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		quiz_warn("%s: %s", path, strerror(errno));
		close(fd);
		return false;
	}
	if (regular)
		xgrow((void **)&out->data, &out->cap,
			out->len + (size_t)st.st_size + 1, 1);
	bool ok = read_stream_limited(f, path, out, lim);
	fclose(f);
	return ok;
}

bool read_stream_limited(FILE *f, const char *name, struct buf *out,
	const struct read_limit *lim)
{
	bool more = false;
	if (!read_stream(f, out, lim->max, &more)) {
		quiz_warn("%s: %s", name, strerror(errno));
		return false;
	}
	if (more)
		warn_too_large(name, lim);
	return !more;
}

bool read_file(const char *path, struct buf *out)
{
	struct read_limit lim = {
		.max = quiz_max_bank_bytes(),
		.what = "bank file",
		.raise = "set QUIZ_MAX_BANK_BYTES",
	};
	return read_file_limited(path, out, &lim);
}

size_t utf8_prefix(const char *s, size_t len, size_t max_chars)
{
	size_t i = 0;
	for (size_t n = 0; n < max_chars && i < len; n++) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
	}
	return i;
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
	/* strtoull skips spaces and negates after a sign: " -1" would be
	 * the largest value, lifting a limit instead of refusing it. */
	if (!s || *s < '0' || *s > '9')
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
