/* history: appending graded answers to history.csv under a lock, reading
 * them back while tolerating damaged rows, and the per-question weakness
 * that orders drills. CSV itself goes through csvio. */
#include "history.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"
#include "tunables.h"
#include "util.h"

static const char *const history_header[HISTORY_COLUMNS] = {
	"time",
	"id",
	"score",
	"verdict",
	"rating",
	"hints",
	"seconds",
	"mode",
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

char *history_format(const struct history_entry *e)
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
	};
	return format_record(fields, HISTORY_COLUMNS);
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

bool history_append(const char *path, const struct history_entry *e)
{
	if (strchr(e->id, '\n') || strchr(e->id, '\r')) {
		quiz_warn("%s: not recording id with a line break", path);
		return false;
	}
	char *row = history_format(e);
	if (strlen(row) > HISTORY_ROW_MAX) {
		quiz_warn("%s: not recording a row longer than %u bytes", path,
			(unsigned)HISTORY_ROW_MAX);
		free(row);
		return false;
	}
	if (!make_parents(path)) {
		free(row);
		return false;
	}
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		quiz_warn("cannot open history %s: %s", path, strerror(errno));
		free(row);
		return false;
	}
	bool ok = lock_fd(fd);
	struct buf out;
	buf_init(&out);
	struct stat st;
	/* Under the lock, so exactly one process writes the header. */
	if (ok && fstat(fd, &st) == 0 && st.st_size == 0) {
		char *header = format_record(history_header, HISTORY_COLUMNS);
		buf_adds(&out, header);
		free(header);
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

/* Days since 1970-01-01 of a civil date (proleptic Gregorian); timegm() is
 * not POSIX. */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool parse_time(const char *s, time_t *out)
{
	int y, mo, d, h, mi, se;
	char z;
	int used = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &y, &mo, &d, &h, &mi, &se,
		    &z, &used) != 7 ||
		z != 'Z' || s[used] != '\0')
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
		se > 60 || h < 0 || mi < 0 || se < 0)
		return false;
	long days = days_from_civil(y, mo, d);
	*out = (time_t)days * 86400 + h * 3600 + mi * 60 + se;
	return true;
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

struct read_state {
	history_row_fn fn;
	void *ctx;
	size_t n_bad;
	bool stopped;
};

static bool parse_row(char **f, struct history_entry *e)
{
	long hints;
	e->verdict = GRADE_INCORRECT;
	e->score = NAN;
	if (!parse_time(f[0], &e->time) || f[1][0] == '\0' ||
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
	return true;
}

static bool on_record(void *ctx, long line, char **fields, const size_t *lens,
	size_t n_fields)
{
	struct read_state *st = ctx;
	if (n_fields == HISTORY_COLUMNS && strcmp(fields[0], "time") == 0 &&
		strcmp(fields[1], "id") == 0)
		return true;
	struct history_entry e;
	if (n_fields != HISTORY_COLUMNS || !parse_row(fields, &e)) {
		st->n_bad++;
		return true;
	}
	if (!st->fn(st->ctx, &e)) {
		st->stopped = true;
		return false;
	}
	return true;
}

bool history_read(const char *path, history_row_fn fn, void *ctx, size_t *n_bad)
{
	struct read_state st = {fn, ctx, 0, false};
	struct buf text;
	struct buf good;
	buf_init(&text);
	buf_init(&good);
	if (n_bad)
		*n_bad = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		bool missing = errno == ENOENT;
		if (!missing)
			quiz_warn("cannot read history %s: %s", path,
				strerror(errno));
		return missing;
	}
	bool ok = read_stream(f, &text);
	if (!ok)
		quiz_warn("cannot read history %s: %s", path, strerror(errno));
	fclose(f);
	/* Keep well-formed lines only; csvio then parses them in one pass. */
	for (size_t i = 0; ok && i < text.len;) {
		const char *nl = memchr(text.data + i, '\n', text.len - i);
		size_t end = nl ? (size_t)(nl - text.data) : text.len;
		size_t n = end - i;
		if (n > 0 && text.data[i + n - 1] == '\r')
			n--;
		if (n > 0 && n <= HISTORY_ROW_MAX &&
			memchr(text.data + i, '\0', n) == NULL &&
			line_is_csv(text.data + i, n)) {
			buf_add(&good, text.data + i, n);
			buf_addc(&good, '\n');
		} else if (n > 0) {
			st.n_bad++;
		}
		i = end + 1;
	}
	if (ok && good.len > 0) {
		FILE *mem = fmemopen(good.data, good.len, "r");
		if (!mem)
			xalloc_die();
		if (!csvio_read(mem, path, false, on_record, &st) &&
			!st.stopped)
			st.n_bad++;
		fclose(mem);
	}
	buf_free(&text);
	buf_free(&good);
	if (n_bad)
		*n_bad = st.n_bad;
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
