/* history: appending graded answers to history.csv under a lock, reading
 * them back while tolerating damaged rows, and the per-question weakness
 * that orders drills. CSV itself goes through csvio. */
#include "history.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"
#include "sched.h"
#include "tunables.h"
#include "util.h"

/* The first HISTORY_COLUMNS_V1 are the columns of the first version's
 * files, which are still appended to in their own column set. */
static const char *const history_header[HISTORY_COLUMNS] = {
	"time",
	"id",
	"score",
	"verdict",
	"rating",
	"hints",
	"seconds",
	"mode",
	"hash",
	"bank",
	"missed",
};

char *history_path(void)
{
	const char *data = getenv("XDG_DATA_HOME");
	if (data && data[0] == '/')
		return xasprintf("%s/quiz/history.csv", data);
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return xasprintf("%s/.local/share/quiz/history.csv", home);
	return NULL;
}

/* mkdir -p for the directories above path. */
static bool make_parents(const char *path)
{
	char *dir = xstrdup(path);
	bool ok = true;
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			quiz_warn("cannot create %s: %s", dir, strerror(errno));
			ok = false;
			break;
		}
		*p = '/';
	}
	free(dir);
	return ok;
}

static void format_time(time_t t, char out[32])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm)) {
		memset(&tm, 0, sizeof tm);
		tm.tm_mday = 1;
		tm.tm_year = 70;
	}
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Formats through csvio into memory so that the row reaches the file in a
 * single write(2). */
static char *format_record(const char *const *fields, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		xalloc_die();
	csvio_write_record(mem, fields, n, false);
	if (fclose(mem) != 0)
		xalloc_die();
	return text;
}

/* Formats e with the first n_columns columns. */
static char *format_columns(const struct history_entry *e, size_t n_columns)
{
	char when[32];
	char score[32];
	char hints[32];
	char seconds[32];
	format_time(e->time, when);
	double s = e->score < 0 ? 0 : e->score > 1 ? 1 : e->score;
	if (isnan(e->score))
		score[0] = '\0';
	else
		snprintf(score, sizeof score, "%.3f", s);
	snprintf(hints, sizeof hints, "%u", e->hints);
	snprintf(seconds, sizeof seconds, "%.1f",
		e->seconds < 0 ? 0.0 : e->seconds);
	const char *fields[HISTORY_COLUMNS] = {
		when,
		e->id,
		score,
		isnan(e->score) ? "" : grade_verdict_name(e->verdict),
		grade_rating_name(e->rating),
		hints,
		seconds,
		e->mode,
		e->hash ? e->hash : "",
		e->bank ? e->bank : "",
		e->missed ? e->missed : "",
	};
	return format_record(fields, n_columns);
}

char *history_format(const struct history_entry *e)
{
	return format_columns(e, HISTORY_COLUMNS);
}

char *history_format_header(void)
{
	return format_record(history_header, HISTORY_COLUMNS);
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

static bool lock_fd(int fd)
{
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	for (;;) {
		if (fcntl(fd, F_SETLKW, &fl) == 0)
			return true;
		if (errno != EINTR)
			return false;
	}
}

/* Opens path for flags, refusing anything but a regular file: a FIFO
 * would block for ever, a device could be endless. O_NONBLOCK keeps the
 * open itself from waiting on a FIFO; it is cleared once the file is known
 * to be regular. -1 after a warning, or silently with errno ENOENT when
 * a file to read is missing (an empty history). */
static int open_regular(const char *path, int flags)
{
	int fd = open(path, flags | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		if (errno != ENOENT || (flags & O_CREAT))
			quiz_warn("cannot open history %s: %s", path,
				strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		quiz_warn("history %s is not a regular file", path);
		close(fd);
		errno = EINVAL;
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

/* Whether the file's last byte (at size - 1) is a newline. When it cannot
 * be read, no: an extra line break only makes an empty line, which reading
 * skips, while a missing one glues two rows. */
static bool ends_with_newline(int fd, off_t size)
{
	char c = '\0';
	return pread(fd, &c, 1, size - 1) == 1 && c == '\n';
}

/* Whether the file starts with the first version's header: then its
 * rows keep that column set, so that it stays one consistent CSV table and
 * is never rewritten. */
static bool has_v1_header(int fd)
{
	char head[256];
	ssize_t n = pread(fd, head, sizeof head - 1, 0);
	if (n <= 0)
		return false;
	head[n] = '\0';
	char *nl = strchr(head, '\n');
	if (!nl)
		return false;
	if (nl > head && nl[-1] == '\r')
		nl--;
	*nl = '\0';
	char *v1 = format_record(history_header, HISTORY_COLUMNS_V1);
	v1[strcspn(v1, "\n")] = '\0';
	bool same = strcmp(head, v1) == 0;
	free(v1);
	return same;
}

bool history_append(const char *path, const struct history_entry *e)
{
	if (strchr(e->id, '\n') || strchr(e->id, '\r')) {
		quiz_warn("%s: not recording id with a line break", path);
		return false;
	}
	if (!make_parents(path))
		return false;
	int fd = open_regular(path, O_RDWR | O_APPEND | O_CREAT);
	if (fd < 0)
		return false;
	bool ok = lock_fd(fd);
	struct buf out;
	buf_init(&out);
	struct stat st;
	size_t n_columns = HISTORY_COLUMNS;
	/* Under the lock, so exactly one process writes the header, and a
	 * file whose last row lacks its newline (cut by a crash or edited by
	 * hand) gets one first: otherwise our row would be glued to it and
	 * both would be skipped on the next read. */
	if (ok && fstat(fd, &st) == 0) {
		if (st.st_size == 0) {
			char *header =
				format_record(history_header, HISTORY_COLUMNS);
			buf_adds(&out, header);
			free(header);
		} else {
			if (has_v1_header(fd))
				n_columns = HISTORY_COLUMNS_V1;
			if (!ends_with_newline(fd, st.st_size))
				buf_addc(&out, '\n');
		}
	}
	char *row = format_columns(e, n_columns);
	if (strlen(row) > HISTORY_ROW_MAX) {
		quiz_warn("%s: not recording a row longer than %u bytes", path,
			(unsigned)HISTORY_ROW_MAX);
		close(fd);
		buf_free(&out);
		free(row);
		return false;
	}
	buf_adds(&out, row);
	if (ok)
		ok = write_all(fd, out.data, out.len);
	if (!ok)
		quiz_warn("cannot write history %s: %s", path, strerror(errno));
	/* Closing releases the lock. */
	if (close(fd) != 0 && ok) {
		quiz_warn("cannot write history %s: %s", path, strerror(errno));
		ok = false;
	}
	buf_free(&out);
	free(row);
	return ok;
}

bool history_record(const struct history_entry *e)
{
	char *path = history_path();
	if (!path) {
		quiz_warn("not recording history: set HOME or XDG_DATA_HOME");
		return false;
	}
	bool ok = history_append(path, e);
	free(path);
	return ok;
}

/* FNV-1a 64 over s and its terminating NUL, so that ("ab", "c") and
 * ("a", "bc") hash differently. */
static uint64_t fnv_add(uint64_t h, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	do {
		h ^= *p;
		h *= 0x100000001b3u;
	} while (*p++);
	return h;
}

void history_hash(const struct quiz_question *q, char out[HISTORY_HASH_LEN + 1])
{
	uint64_t h = 0xcbf29ce484222325u;
	h = fnv_add(h, q->question);
	h = fnv_add(h, q->answer);
	for (size_t i = 0; i < q->n_keywords; i++) {
		const struct quiz_keyword *k = &q->keywords[i];
		char extra[64];
		snprintf(extra, sizeof extra, "%.17g %d %zu", k->weight,
			k->required, k->n_aliases);
		h = fnv_add(h, k->term);
		h = fnv_add(h, extra);
		for (size_t a = 0; a < k->n_aliases; a++)
			h = fnv_add(h, k->aliases[a]);
	}
	snprintf(out, HISTORY_HASH_LEN + 1, "%016llx", (unsigned long long)h);
}

/* The missed key points of r, HISTORY_MISSED_SEP between them, whole
 * terms only and at most HISTORY_MISSED_MAX bytes. A separator inside a
 * term would split it on reading: such a term is left out. */
static void join_missed(const struct grade_result *r, struct buf *out)
{
	for (size_t i = 0; r && i < r->n_points; i++) {
		const char *t = r->points[i].term;
		if (r->points[i].matched || !t || !*t ||
			strstr(t, HISTORY_MISSED_SEP) || strpbrk(t, "\r\n"))
			continue;
		size_t add =
			strlen(t) + (out->len ? strlen(HISTORY_MISSED_SEP) : 0);
		if (out->len + add > HISTORY_MISSED_MAX)
			break;
		if (out->len)
			buf_adds(out, HISTORY_MISSED_SEP);
		buf_adds(out, t);
	}
}

void history_missed_each(const char *missed,
	void (*fn)(void *ctx, const char *term, size_t len), void *ctx)
{
	size_t sep = strlen(HISTORY_MISSED_SEP);
	for (const char *s = missed ? missed : ""; *s;) {
		const char *end = strstr(s, HISTORY_MISSED_SEP);
		size_t len = end ? (size_t)(end - s) : strlen(s);
		if (len)
			fn(ctx, s, len);
		s += len + (end ? sep : 0);
	}
}

/* A bank's file name without its directories. */
static const char *bank_name(const struct quiz_question *q)
{
	if (!q->bank_file)
		return "";
	const char *slash = strrchr(q->bank_file, '/');
	const char *name = slash ? slash + 1 : q->bank_file;
	/* Rows are lines: a name with a line break is not recorded. */
	return strpbrk(name, "\r\n") ? "" : name;
}

bool history_record_answer(struct history_entry *e,
	const struct quiz_question *q, const struct grade_result *r)
{
	char hash[HISTORY_HASH_LEN + 1];
	history_hash(q, hash);
	struct buf missed;
	buf_init(&missed);
	buf_adds(&missed, "");
	join_missed(r, &missed);
	e->hash = hash;
	e->bank = bank_name(q);
	e->missed = missed.data;
	bool ok = history_record(e);
	e->hash = e->bank = e->missed = NULL;
	buf_free(&missed);
	return ok;
}

/* Whether a line is well-formed CSV as history_append writes it: fields
 * plain (no quote) or quoted with doubled inner quotes. Damaged lines are
 * dropped here so that one bad row cannot end the parse of the rest. */
static bool line_is_csv(const char *s, size_t n)
{
	size_t i = 0;
	for (;;) {
		if (i < n && s[i] == '"') {
			i++;
			for (;;) {
				if (i >= n)
					return false;
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						i += 2;
						continue;
					}
					i++;
					break;
				}
				i++;
			}
		} else {
			while (i < n && s[i] != ',') {
				if (s[i] == '"')
					return false;
				i++;
			}
		}
		if (i == n)
			return true;
		if (s[i] != ',')
			return false;
		i++;
	}
}

static bool parse_verdict(const char *s, enum grade_verdict *out)
{
	const enum grade_verdict all[] = {
		GRADE_INCORRECT,
		GRADE_PARTIAL,
		GRADE_CORRECT,
	};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		if (strcmp(s, grade_verdict_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	}
	return false;
}

/* Rows are handed on one late: a self-grade amendment (mode "rating")
 * that follows its answer's row folds into it first. */
struct read_state {
	history_row_fn fn;
	void *ctx;
	size_t n_bad;
	bool stopped;
	bool has_held;
	struct history_entry held;
	/* The held row's strings: id, mode, hash, bank, missed. */
	struct buf held_text[5];
};

static const char **held_field(struct history_entry *e, size_t i)
{
	const char **f[5] = {&e->id, &e->mode, &e->hash, &e->bank, &e->missed};
	return f[i];
}

/* Hands the held row on, if any. false when fn asked to stop. */
static bool pass_held(struct read_state *st)
{
	if (!st->has_held || st->stopped)
		return !st->stopped;
	st->has_held = false;
	for (size_t i = 0; i < 5; i++)
		*held_field(&st->held, i) = st->held_text[i].data;
	if (!st->fn(st->ctx, &st->held))
		st->stopped = true;
	return !st->stopped;
}

/* Parses a row of HISTORY_COLUMNS_V1 or HISTORY_COLUMNS fields; the
 * first version's rows have no hash, bank or missed points (""). */
static bool parse_row(char **f, size_t n, struct history_entry *e)
{
	long hints;
	e->verdict = GRADE_INCORRECT;
	e->score = NAN;
	if (!sched_parse_utc(f[0], &e->time) || f[1][0] == '\0' ||
		(f[2][0] != '\0' && !parse_double(f[2], 0.0, 1.0, &e->score)) ||
		(f[2][0] != '\0' && !parse_verdict(f[3], &e->verdict)) ||
		(f[2][0] == '\0' && f[3][0] != '\0') ||
		!grade_rating_parse(f[4], &e->rating) ||
		!parse_long(f[5], 0, 1000000, &hints) ||
		!parse_double(f[6], 0.0, 1e9, &e->seconds) || f[7][0] == '\0')
		return false;
	e->id = f[1];
	e->hints = (unsigned)hints;
	e->mode = f[7];
	e->hash = n > 8 ? f[8] : "";
	e->bank = n > 9 ? f[9] : "";
	e->missed = n > 10 ? f[10] : "";
	return true;
}

static bool on_record(void *ctx, long line, char **fields, const size_t *lens,
	size_t n_fields)
{
	struct read_state *st = ctx;
	bool columns_ok =
		n_fields == HISTORY_COLUMNS || n_fields == HISTORY_COLUMNS_V1;
	if (columns_ok && strcmp(fields[0], "time") == 0 &&
		strcmp(fields[1], "id") == 0)
		return true;
	struct history_entry e;
	if (!columns_ok || !parse_row(fields, n_fields, &e)) {
		st->n_bad++;
		return true;
	}
	if (strcmp(e.mode, HISTORY_MODE_RATING) == 0) {
		/* Amends the answer recorded just before, if it is held;
		 * an amendment separated from its row is dropped. */
		if (st->has_held && st->held.time == e.time &&
			strcmp(st->held_text[0].data, e.id) == 0)
			st->held.rating = e.rating;
		return true;
	}
	if (!pass_held(st))
		return false;
	st->held = e;
	for (size_t i = 0; i < 5; i++) {
		buf_clear(&st->held_text[i]);
		buf_adds(&st->held_text[i], *held_field(&e, i));
	}
	st->has_held = true;
	return true;
}

size_t history_parse(const char *name, const char *text, size_t len,
	history_row_fn fn, void *ctx)
{
	struct read_state st = {.fn = fn, .ctx = ctx};
	for (size_t i = 0; i < 5; i++)
		buf_init(&st.held_text[i]);
	struct buf good;
	buf_init(&good);
	/* Keep well-formed lines only; csvio then parses them in one pass. */
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = end - i;
		if (n > 0 && text[i + n - 1] == '\r')
			n--;
		if (n > 0 && n <= HISTORY_ROW_MAX &&
			memchr(text + i, '\0', n) == NULL &&
			line_is_csv(text + i, n)) {
			buf_add(&good, text + i, n);
			buf_addc(&good, '\n');
		} else if (n > 0) {
			st.n_bad++;
		}
		i = end + 1;
	}
	if (good.len > 0) {
		FILE *mem = fmemopen(good.data, good.len, "r");
		if (!mem)
			xalloc_die();
		if (!csvio_read(mem, name, false, on_record, &st) &&
			!st.stopped)
			st.n_bad++;
		fclose(mem);
	}
	pass_held(&st);
	buf_free(&good);
	for (size_t i = 0; i < 5; i++)
		buf_free(&st.held_text[i]);
	return st.n_bad;
}

bool history_read(const char *path, history_row_fn fn, void *ctx, size_t *n_bad)
{
	if (n_bad)
		*n_bad = 0;
	int fd = open_regular(path, O_RDONLY);
	if (fd < 0)
		return errno == ENOENT;
	FILE *f = fdopen(fd, "r");
	if (!f) {
		quiz_warn("cannot read history %s: %s", path, strerror(errno));
		close(fd);
		return false;
	}
	struct buf text;
	buf_init(&text);
	bool ok = read_stream(f, &text, SIZE_MAX, NULL);
	if (!ok)
		quiz_warn("cannot read history %s: %s", path, strerror(errno));
	fclose(f);
	size_t bad = ok ? history_parse(path, text.data ? text.data : "",
				  text.len, fn, ctx)
			: 0;
	buf_free(&text);
	if (n_bad)
		*n_bad = bad;
	return ok;
}

struct id_index {
	const char *id;
	size_t ix;
};

struct weak_state {
	struct id_index *order; /* bank questions sorted by id */
	size_t n;
	double *recent; /* HISTORY_RECENT per question, a ring */
	size_t *n_seen;
};

static int cmp_id(const void *a, const void *b)
{
	const struct id_index *x = a;
	const struct id_index *y = b;
	return strcmp(x->id, y->id);
}

static bool on_weak_row(void *ctx, const struct history_entry *e)
{
	struct weak_state *st = ctx;
	struct id_index key = {e->id, 0};
	struct id_index *hit = st->n
		? bsearch(&key, st->order, st->n, sizeof *st->order, cmp_id)
		: NULL;
	/* Unscored answers (no key points) say nothing about weakness. */
	if (hit && !isnan(e->score)) {
		size_t q = hit->ix;
		st->recent[q * HISTORY_RECENT +
			st->n_seen[q] % HISTORY_RECENT] = e->score;
		st->n_seen[q]++;
	}
	return true;
}

size_t history_weakness(
	const char *path, const struct quiz_bank *bank, double *weak)
{
	size_t n = bank->n_questions;
	struct weak_state st = {NULL, n, NULL, NULL};
	st.order = xcalloc(n ? n : 1, sizeof *st.order);
	st.recent = xcalloc(n ? n * HISTORY_RECENT : 1, sizeof *st.recent);
	st.n_seen = xcalloc(n ? n : 1, sizeof *st.n_seen);
	for (size_t i = 0; i < n; i++) {
		st.order[i].id = bank->questions[i].id;
		st.order[i].ix = i;
	}
	qsort(st.order, n, sizeof *st.order, cmp_id);
	size_t n_bad = 0;
	if (path)
		history_read(path, on_weak_row, &st, &n_bad);
	if (n_bad > 0)
		quiz_warn("%s: skipped %zu damaged row%s", path, n_bad,
			n_bad == 1 ? "" : "s");
	size_t with_history = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = st.n_seen[i] < HISTORY_RECENT ? st.n_seen[i]
							 : HISTORY_RECENT;
		if (k == 0) {
			weak[i] = HISTORY_UNSEEN_WEAKNESS;
			continue;
		}
		double sum = 0;
		for (size_t j = 0; j < k; j++)
			sum += st.recent[i * HISTORY_RECENT + j];
		weak[i] = sum / (double)k;
		with_history++;
	}
	free(st.order);
	free(st.recent);
	free(st.n_seen);
	return with_history;
}
