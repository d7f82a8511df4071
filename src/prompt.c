/* prompt: terminal input and output details. Everything that knows about
 * ttys lives here: isatty, window size, colour escapes, the locale, libedit,
 * the drill countdown and Ctrl-C.
 *
 * Ctrl-C: while a terminal prompt exists, SIGINT is blocked and polled for
 * with sigpending() between short poll(2) waits on the input. That needs no
 * signal handler and no global flag, and a Ctrl-C typed while quiz is busy
 * grading is simply seen at the next read. SIGTERM and SIGHUP are blocked
 * and polled the same way: the session then records what was graded, prints
 * its summary and exits 128 + the signal. (Left to libedit's handler, they
 * would be re-sent with kill(0, sig) to the whole process group, killing
 * the shell script that started quiz.) */
#include "prompt.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "config.h"
#include "tunables.h"

#if HAVE_LIBEDIT
#include <histedit.h>
#endif

/* How often a blocked read looks for Ctrl-C and the deadline. */
#define POLL_SLICE_MS 100

struct prompt_priv {
	int fd;
	sigset_t old_mask;
	/* Bytes read from the terminal beyond the current line (plain path). */
	struct buf pending;
	/* The prompt being shown and its deadline (libedit path). */
	char label[256];
	char label_src[128];
	double deadline;
	long shown_left;
	int signal; /* SIGTERM or SIGHUP that ended a read, else 0 */
	enum prompt_status status;
	struct buf partial;
#if HAVE_LIBEDIT
	EditLine *el;
	mbstate_t mb;
	const char *inject; /* bytes to feed libedit before reading more */
#endif
};

double prompt_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool prompt_setup_locale(void)
{
	const char *set = setlocale(LC_CTYPE, "");
	const char *cs = set ? nl_langinfo(CODESET) : "";
	if (set && strcmp(cs, "UTF-8") == 0)
		return true;
	if (setlocale(LC_CTYPE, "C.UTF-8"))
		return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	return false;
}

static int clamp_width(long w)
{
	if (w < WRAP_WIDTH_MIN)
		return WRAP_WIDTH_MIN;
	if (w > WRAP_WIDTH_MAX)
		return WRAP_WIDTH_MAX;
	return (int)w;
}

void prompt_detect(
	FILE *in, FILE *out, bool color, bool utf8, struct prompt_config *cfg)
{
	cfg->terminal = isatty(fileno(in)) == 1;
	cfg->interactive = cfg->terminal;
	cfg->color = color;
	cfg->utf8 = utf8;
	cfg->width = WRAP_WIDTH_DEFAULT;
	struct winsize ws;
	long cols = 0;
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		cols = ws.ws_col;
	else if (cfg->terminal && ioctl(fileno(in), TIOCGWINSZ, &ws) == 0 &&
		ws.ws_col > 0)
		cols = ws.ws_col;
	else if (getenv("COLUMNS"))
		parse_long(getenv("COLUMNS"), 1, 100000, &cols);
	/* One column spare: writing into the last one wraps on some terminals.
	 */
	if (cols > 0)
		cfg->width = clamp_width(cols - 1);
}

const char *prompt_sgr(const struct prompt *p, enum prompt_style style)
{
	static const char *const codes[] = {
		[STYLE_BOLD] = "\033[1m",
		[STYLE_DIM] = "\033[2m",
		[STYLE_GOOD] = "\033[32m",
		[STYLE_BAD] = "\033[31m",
		[STYLE_WARN] = "\033[33m",
		[STYLE_MARK] = "\033[1;32m",
		[STYLE_RESET] = "\033[0m",
	};
	return p->cfg.color ? codes[style] : "";
}

/* The prompt text with the time left, e.g. "[1:05] > ". */
static void format_label(struct prompt *p, const char *label, double deadline)
{
	struct prompt_priv *v = p->priv;
	if (deadline <= 0) {
		snprintf(v->label, sizeof v->label, "%s", label);
		return;
	}
	double left = deadline - prompt_now();
	long secs = left <= 0 ? 0 : (long)(left + 0.999);
	v->shown_left = secs;
	bool warn = secs <= COUNTDOWN_WARN_SECONDS && p->cfg.color;
	/* \1 brackets invisible characters for libedit (EL_PROMPT_ESC). */
#if HAVE_LIBEDIT
	const char *open = v->el && warn ? "\1\033[33m\1" : "";
	const char *close = v->el && warn ? "\1\033[0m\1" : "";
#else
	const char *open = warn ? "\033[33m" : "";
	const char *close = warn ? "\033[0m" : "";
#endif
	snprintf(v->label, sizeof v->label, "%s[%ld:%02ld]%s %s", open,
		secs / 60, secs % 60, close, label);
}

/* The signals a terminal prompt blocks and polls for. */
static void polled_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

/* Consumes one pending polled signal and returns it, or 0. SIGTERM and
 * SIGHUP come first: they end the session even after a Ctrl-C. */
static int take_signal(void)
{
	static const int order[] = {SIGTERM, SIGHUP, SIGINT};
	sigset_t pending;
	if (sigpending(&pending) != 0)
		return 0;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (!sigismember(&pending, order[i]))
			continue;
		sigset_t only;
		sigemptyset(&only);
		sigaddset(&only, order[i]);
		int sig;
		sigwait(&only, &sig);
		return sig;
	}
	return 0;
}

/* Consumes a pending SIGINT only (the editor's Ctrl-C). */
static void take_sigint(void)
{
	sigset_t pending;
	if (sigpending(&pending) != 0 || !sigismember(&pending, SIGINT))
		return;
	sigset_t only;
	sigemptyset(&only);
	sigaddset(&only, SIGINT);
	int sig;
	sigwait(&only, &sig);
}

enum wait_result {
	WAIT_READY,
	WAIT_TIMEOUT,
	WAIT_INTERRUPT,
	WAIT_TERMINATE,
	WAIT_TICK,
};

/* Waits until fd is readable, the deadline passes, Ctrl-C is pressed, or
 * (when tick) the countdown shown needs a redraw. */
static enum wait_result wait_input(struct prompt *p, double deadline, bool tick)
{
	struct prompt_priv *v = p->priv;
	for (;;) {
		int sig = take_signal();
		if (sig == SIGINT)
			return WAIT_INTERRUPT;
		if (sig != 0) {
			v->signal = sig;
			return WAIT_TERMINATE;
		}
		int ms = POLL_SLICE_MS;
		if (deadline > 0) {
			double left = deadline - prompt_now();
			if (left <= 0)
				return WAIT_TIMEOUT;
			long secs = (long)(left + 0.999);
			if (tick && secs != v->shown_left)
				return WAIT_TICK;
			if (left * 1000 < ms)
				ms = (int)(left * 1000) + 1;
		}
		struct pollfd pfd = {v->fd, POLLIN, 0};
		int n = poll(&pfd, 1, ms);
		if (n > 0)
			return WAIT_READY;
		if (n < 0 && errno != EINTR)
			return WAIT_READY; /* let read() report it */
	}
}

#if HAVE_LIBEDIT
static char *el_prompt(EditLine *el)
{
	struct prompt *p = NULL;
	el_get(el, EL_CLIENTDATA, &p);
	return p->priv->label;
}

/* An escape sequence no terminal sends, bound to a redraw: feeding it to
 * libedit redraws the line with the new countdown (EL_REFRESH alone would
 * draw after the old text instead of over it). */
#define TICK_SEQ "\033[9753~"

static unsigned char el_tick(EditLine *el, int ch)
{
	(void)el;
	(void)ch;
	return CC_REDISPLAY;
}

/* libedit's character source: poll with a deadline and Ctrl-C checks,
 * then decode UTF-8 bytes. On timeout the line typed so far is kept. */
static int read_wchar(EditLine *el, wchar_t *wc)
{
	struct prompt *p = NULL;
	el_get(el, EL_CLIENTDATA, &p);
	struct prompt_priv *v = p->priv;
	if (v->inject && *v->inject) {
		*wc = (unsigned char)*v->inject++;
		return 1;
	}
	for (;;) {
		enum wait_result w = wait_input(p, v->deadline, true);
		if (w == WAIT_TICK) {
			format_label(p, v->label_src, v->deadline);
			v->inject = &TICK_SEQ[1];
			*wc = TICK_SEQ[0];
			return 1;
		}
		if (w != WAIT_READY) {
			const LineInfo *li = el_line(el);
			buf_clear(&v->partial);
			buf_add(&v->partial, li->buffer,
				(size_t)(li->lastchar - li->buffer));
			v->status = w == WAIT_TIMEOUT ? PROMPT_TIMEOUT
				: w == WAIT_INTERRUPT ? PROMPT_INTERRUPT
						      : PROMPT_TERMINATE;
			return -1;
		}
		unsigned char c;
		ssize_t n = read(v->fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			v->status = PROMPT_EOF;
			return n == 0 ? 0 : -1;
		}
		if (c == 3) {
			const LineInfo *li = el_line(el);
			buf_clear(&v->partial);
			buf_add(&v->partial, li->buffer,
				(size_t)(li->lastchar - li->buffer));
			v->status = PROMPT_INTERRUPT;
			return -1;
		}
		char b = (char)c;
		wchar_t out;
		size_t r = mbrtowc(&out, &b, 1, &v->mb);
		if (r == (size_t)-2)
			continue;
		if (r == (size_t)-1) {
			memset(&v->mb, 0, sizeof v->mb);
			continue; /* drop an invalid byte */
		}
		*wc = out;
		return 1;
	}
}
#endif

void prompt_init(
	struct prompt *p, FILE *in, FILE *out, const struct prompt_config *cfg)
{
	p->in = in;
	p->out = out;
	p->cfg = *cfg;
	p->priv = xcalloc(1, sizeof *p->priv);
	struct prompt_priv *v = p->priv;
	v->fd = fileno(in);
	buf_init(&v->pending);
	buf_init(&v->partial);
	if (!cfg->terminal)
		return;
	sigset_t block;
	polled_signals(&block);
	sigprocmask(SIG_BLOCK, &block, &v->old_mask);
#if HAVE_LIBEDIT
	/* Line editing draws on out: not into a pipe or a file. */
	if (isatty(fileno(out)) == 1)
		v->el = el_init("quiz", in, out, stderr);
	if (v->el) {
		el_set(v->el, EL_CLIENTDATA, (void *)p);
		el_set(v->el, EL_EDITOR, "emacs");
		el_set(v->el, EL_SIGNAL, 1);
		el_set(v->el, EL_PROMPT_ESC, el_prompt, '\1');
		el_set(v->el, EL_GETCFN, read_wchar);
		/* el_wset: the narrow el_set copies the names and never
		 * frees them. */
		el_wset(v->el, EL_ADDFN, L"quiz-tick", L"redraw the countdown",
			el_tick);
		el_set(v->el, EL_BIND, TICK_SEQ, "quiz-tick", NULL);
		/* ~/.editrc, as other libedit programs do. */
		el_source(v->el, NULL);
	}
#endif
}

void prompt_free(struct prompt *p)
{
	struct prompt_priv *v = p->priv;
	if (!v)
		return;
	if (p->cfg.terminal) {
#if HAVE_LIBEDIT
		if (v->el)
			el_end(v->el);
#endif
		/* A signal still pending would kill us on unblocking: the
		 * caller has already seen it, or exits anyway. */
		while (take_signal() != 0)
			continue;
		sigprocmask(SIG_SETMASK, &v->old_mask, NULL);
	}
	buf_free(&v->pending);
	buf_free(&v->partial);
	free(v);
	p->priv = NULL;
}

static void strip_newline(struct buf *line)
{
	while (line->len > 0 &&
		(line->data[line->len - 1] == '\n' ||
			line->data[line->len - 1] == '\r'))
		line->data[--line->len] = '\0';
}

/* Not a terminal: stdio, no deadlines. */
static enum prompt_status read_stream_line(
	struct prompt *p, const char *label, struct buf *line)
{
	if (p->cfg.interactive) {
		fputs(label, p->out);
		fflush(p->out);
	}
	bool any = false;
	for (;;) {
		int c = getc(p->in);
		if (c == EOF)
			break;
		any = true;
		if (c == '\n')
			break;
		buf_addc(line, (char)c);
	}
	if (!any)
		return PROMPT_EOF;
	strip_newline(line);
	return PROMPT_LINE;
}

/* The half-typed line still in the terminal's line buffer: leaving
 * canonical mode for a moment makes it readable. */
static void take_partial_line(int fd, struct buf *out)
{
	struct termios old;
	if (tcgetattr(fd, &old) != 0)
		return;
	struct termios raw = old;
	raw.c_lflag &= ~(tcflag_t)ICANON;
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &raw) != 0)
		return;
	char chunk[4096];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n <= 0)
			break;
		buf_add(out, chunk, (size_t)n);
	}
	tcsetattr(fd, TCSANOW, &old);
}

/* A terminal without libedit: cooked reads, the kernel does the editing. */
static enum prompt_status read_tty_line(
	struct prompt *p, const char *label, double deadline, struct buf *line)
{
	struct prompt_priv *v = p->priv;
	format_label(p, label, deadline);
	fputs(v->label, p->out);
	fflush(p->out);
	for (;;) {
		char *nl = v->pending.len
			? memchr(v->pending.data, '\n', v->pending.len)
			: NULL;
		if (nl) {
			size_t n = (size_t)(nl - v->pending.data);
			buf_add(line, v->pending.data, n);
			memmove(v->pending.data, nl + 1,
				v->pending.len - n - 1);
			v->pending.len -= n + 1;
			v->pending.data[v->pending.len] = '\0';
			strip_newline(line);
			return PROMPT_LINE;
		}
		enum wait_result w = wait_input(p, deadline, false);
		if (w == WAIT_TIMEOUT) {
			take_partial_line(v->fd, &v->pending);
			buf_add(line, v->pending.data ? v->pending.data : "",
				v->pending.len);
			buf_clear(&v->pending);
			strip_newline(line);
			fputc('\n', p->out);
			return PROMPT_TIMEOUT;
		}
		if (w == WAIT_INTERRUPT || w == WAIT_TERMINATE) {
			buf_clear(&v->pending);
			return w == WAIT_INTERRUPT ? PROMPT_INTERRUPT
						   : PROMPT_TERMINATE;
		}
		char chunk[4096];
		ssize_t n = read(v->fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* Ctrl-D after some text hands over that text. */
			if (v->pending.len) {
				buf_add(line, v->pending.data, v->pending.len);
				buf_clear(&v->pending);
				return PROMPT_LINE;
			}
			return PROMPT_EOF;
		}
		buf_add(&v->pending, chunk, (size_t)n);
	}
}

enum prompt_status prompt_read_line(
	struct prompt *p, const char *label, double deadline, struct buf *line)
{
	buf_clear(line);
	buf_add(line, "", 0);
	if (!p->cfg.terminal)
		return read_stream_line(p, label, line);
	fflush(p->out);
#if HAVE_LIBEDIT
	struct prompt_priv *v = p->priv;
	if (v->el) {
		snprintf(v->label_src, sizeof v->label_src, "%s", label);
		v->deadline = deadline;
		v->status = PROMPT_LINE;
		v->inject = NULL;
		memset(&v->mb, 0, sizeof v->mb);
		format_label(p, label, deadline);
		int count = 0;
		const char *s = el_gets(v->el, &count);
		if (s && count > 0) {
			buf_add(line, s, (size_t)count);
			strip_newline(line);
			return PROMPT_LINE;
		}
		if (v->status == PROMPT_TIMEOUT ||
			v->status == PROMPT_INTERRUPT ||
			v->status == PROMPT_TERMINATE) {
			buf_add(line, v->partial.data ? v->partial.data : "",
				v->partial.len);
			fputc('\n', p->out);
			return v->status;
		}
		return PROMPT_EOF;
	}
#endif
	return read_tty_line(p, label, deadline, line);
}

bool prompt_edit(struct prompt *p, struct buf *text)
{
	if (!p->cfg.terminal) {
		quiz_warn(":edit needs a terminal");
		return false;
	}
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	char *path = xasprintf("%s/quiz-answer-XXXXXX", tmp);
	int fd = mkstemp(path);
	if (fd < 0) {
		quiz_warn("cannot create a temporary file in %s: %s", tmp,
			strerror(errno));
		free(path);
		return false;
	}
	bool ok = text->len == 0 ||
		write(fd, text->data, text->len) == (ssize_t)text->len;
	close(fd);
	char *cmd = xasprintf("%s \"$1\"", editor);
	fflush(p->out);
	pid_t pid = ok ? fork() : -1;
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &p->priv->old_mask, NULL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			continue;
		ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
		if (!ok)
			quiz_warn(
				"editor '%s' failed; answer unchanged", editor);
	} else {
		ok = false;
		quiz_warn(
			"cannot run editor '%s': %s", editor, strerror(errno));
	}
	/* Ctrl-C inside the editor belongs to the editor; a SIGTERM or
	 * SIGHUP stays pending for the next read. */
	take_sigint();
	struct buf edited;
	buf_init(&edited);
	if (ok) {
		struct read_limit lim = {
			.max = 4 * (size_t)ANSWER_MAX,
			.what = "answer",
		};
		ok = read_file_limited(path, &edited, &lim);
		if (ok) {
			buf_clear(text);
			buf_add(text, edited.data ? edited.data : "",
				edited.len);
		}
	}
	buf_free(&edited);
	unlink(path);
	free(path);
	free(cmd);
	return ok;
}

int prompt_signal(const struct prompt *p)
{
	return p->priv ? p->priv->signal : 0;
}
