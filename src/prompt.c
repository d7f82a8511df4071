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
/* ECHOCTL is not POSIX; glibc and the BSDs have it. */
#define _DEFAULT_SOURCE
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
	bool paste_mode; /* bracketed paste is switched on in the terminal */
	bool pasted; /* the read ended with a paste of several lines */
	unsigned short cols; /* the terminal's size when last asked */
	unsigned short rows;
	struct termios saved_tio; /* the plain path's terminal settings */
	bool tio_changed;
#if HAVE_LIBEDIT
	EditLine *el;
	mbstate_t mb;
	const char *inject; /* bytes to feed libedit before reading more */
	char esc[8]; /* bytes read after an ESC that began no paste */
	struct buf paste; /* a pasted block that holds a line break */
#endif
};

/* Bracketed paste: a terminal asked with PASTE_ON wraps what is pasted
 * between PASTE_BEGIN and PASTE_END, so a pasted block with blank lines
 * is one part of the answer rather than an answer and what follows. */
#define PASTE_ON "\033[?2004h"
#define PASTE_OFF "\033[?2004l"
#define PASTE_BEGIN "\033[200~"
#define PASTE_END "\033[201~"

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

int prompt_width(struct prompt *p)
{
	/* Asked each time rather than on SIGWINCH: the ioctl is cheap, and
	 * there is no handler or flag to keep. */
	struct winsize ws;
	if (p->cfg.terminal && ioctl(fileno(p->out), TIOCGWINSZ, &ws) == 0 &&
		ws.ws_col > 0)
		p->cfg.width = clamp_width((long)ws.ws_col - 1);
	return p->cfg.width;
}

int prompt_height(const struct prompt *p)
{
	struct winsize ws;
	if (p->cfg.terminal && ioctl(fileno(p->out), TIOCGWINSZ, &ws) == 0 &&
		ws.ws_row > 0)
		return ws.ws_row;
	return 0;
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
		[STYLE_MISS] = "\033[4;31m",
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

/* The signals a terminal prompt blocks and polls for. SIGCONT (after
 * Ctrl-Z and fg) only on the plain path, to redraw the prompt: libedit's
 * own EL_SIGNAL handler does that on its path. Blocking SIGCONT never
 * stops it from continuing the process. */
static void polled_signals(sigset_t *set, bool cont)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	if (cont)
		sigaddset(set, SIGCONT);
}

/* Consumes one pending polled signal and returns it, or 0. SIGTERM and
 * SIGHUP come first: they end the session even after a Ctrl-C. */
static int take_signal(void)
{
	static const int order[] = {SIGTERM, SIGHUP, SIGINT, SIGCONT};
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

/* Whether the terminal's size changed since the last call. */
static bool resized(struct prompt *p)
{
	struct prompt_priv *v = p->priv;
	struct winsize ws;
	if (ioctl(v->fd, TIOCGWINSZ, &ws) != 0)
		return false;
	bool changed = ws.ws_col != v->cols || ws.ws_row != v->rows;
	v->cols = ws.ws_col;
	v->rows = ws.ws_row;
	return changed;
}

enum wait_result {
	WAIT_READY,
	WAIT_TIMEOUT,
	WAIT_INTERRUPT,
	WAIT_TERMINATE,
	WAIT_TICK,
	WAIT_CONTINUED, /* back from Ctrl-Z: redraw */
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
		if (sig == SIGCONT)
			return WAIT_CONTINUED;
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
		/* libedit's handlers took a signal: SIGWINCH (the size
		 * changed: libedit redraws) or SIGCONT after Ctrl-Z, where
		 * it only restores the terminal: the caller redraws. */
		if (n < 0 && tick && !resized(p))
			return WAIT_CONTINUED;
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

/* The line libedit holds, kept when a read ends without Enter. */
static void keep_partial(EditLine *el, struct prompt_priv *v)
{
	const LineInfo *li = el_line(el);
	buf_clear(&v->partial);
	buf_add(&v->partial, li->buffer, (size_t)(li->lastchar - li->buffer));
}

/* One byte of the input within the time given, or false. */
static bool byte_within(int fd, int ms, unsigned char *c)
{
	struct pollfd pfd = {fd, POLLIN, 0};
	return poll(&pfd, 1, ms) > 0 && read(fd, c, 1) == 1;
}

/* Reads a pasted block up to PASTE_END into out, line ends as '\n' (a
 * terminal sends Enter as '\r'), at most ANSWER_MAX bytes kept. */
static void read_paste(int fd, struct buf *out)
{
	const size_t end_len = strlen(PASTE_END);
	size_t matched = 0;
	unsigned char c;
	buf_clear(out);
	buf_add(out, "", 0);
	while (byte_within(fd, -1, &c)) {
		if (c == (unsigned char)PASTE_END[matched]) {
			if (++matched == end_len)
				break;
			continue;
		}
		if (matched) {
			/* A false start of the end marker is pasted text. */
			if (out->len + matched < ANSWER_MAX)
				buf_add(out, PASTE_END, matched);
			matched = c == (unsigned char)PASTE_END[0];
			if (matched)
				continue;
		}
		if (c == '\r')
			c = '\n';
		if (c == '\n' && out->len > 0 &&
			out->data[out->len - 1] == '\r')
			continue;
		if (out->len < ANSWER_MAX)
			buf_addc(out, (char)c);
	}
}

/* After an ESC read from the terminal: the start of a paste (read it
 * whole: true), or an ordinary key sequence, whose bytes read so far are
 * queued in v->esc for libedit (false). */
static bool take_paste(struct prompt_priv *v)
{
	size_t n = 0;
	const char *rest = &PASTE_BEGIN[1];
	unsigned char c;
	while (rest[n] && n + 1 < sizeof v->esc &&
		byte_within(v->fd, POLL_SLICE_MS, &c)) {
		v->esc[n++] = (char)c;
		if ((char)c != rest[n - 1])
			break;
	}
	v->esc[n] = '\0';
	if (rest[n] != '\0' || strcmp(v->esc, rest) != 0) {
		v->inject = v->esc;
		return false;
	}
	read_paste(v->fd, &v->paste);
	return true;
}

/* libedit's character source: poll with a deadline and Ctrl-C checks,
 * then decode UTF-8 bytes. On timeout the line typed so far is kept.
 * Ctrl-D on a line with text submits the answer; a paste without a line
 * break is typed into the line, one with line breaks ends the read. */
static int read_wchar(EditLine *el, wchar_t *wc)
{
	struct prompt *p = NULL;
	el_get(el, EL_CLIENTDATA, &p);
	struct prompt_priv *v = p->priv;
	for (;;) {
		unsigned char c;
		bool typed = false;
		if (v->inject && *v->inject) {
			c = (unsigned char)*v->inject++;
		} else {
			enum wait_result w = wait_input(p, v->deadline, true);
			if (w == WAIT_CONTINUED) {
				/* Back from Ctrl-Z: the prompt and the line
				 * again, below what the shell wrote. */
				format_label(p, v->label_src, v->deadline);
				v->inject = &TICK_SEQ[1];
				*wc = TICK_SEQ[0];
				return 1;
			}
			if (w == WAIT_TICK) {
				format_label(p, v->label_src, v->deadline);
				v->inject = &TICK_SEQ[1];
				*wc = TICK_SEQ[0];
				return 1;
			}
			if (w != WAIT_READY) {
				keep_partial(el, v);
				v->status = w == WAIT_TIMEOUT ? PROMPT_TIMEOUT
					: w == WAIT_INTERRUPT
					? PROMPT_INTERRUPT
					: PROMPT_TERMINATE;
				return -1;
			}
			ssize_t n = read(v->fd, &c, 1);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				v->status = PROMPT_EOF;
				return n == 0 ? 0 : -1;
			}
			typed = true;
		}
		const LineInfo *li = el_line(el);
		bool has_text = li->lastchar > li->buffer;
		if (typed && c == 3) {
			keep_partial(el, v);
			v->status = PROMPT_INTERRUPT;
			return -1;
		}
		if (typed && c == 4 && has_text) {
			keep_partial(el, v);
			v->status = PROMPT_SUBMIT;
			return -1;
		}
		if (typed && c == 0x1b && v->paste_mode && take_paste(v)) {
			if (!memchr(v->paste.data, '\n', v->paste.len)) {
				v->inject = v->paste.data;
				continue;
			}
			keep_partial(el, v);
			v->status = PROMPT_LINE;
			v->pasted = true;
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
	bool editing = false;
#if HAVE_LIBEDIT
	buf_init(&v->paste);
	/* Line editing draws on out: not into a pipe or a file. */
	if (isatty(fileno(out)) == 1)
		v->el = el_init("quiz", in, out, stderr);
	if (v->el) {
		editing = true;
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
	resized(p);
	sigset_t block;
	polled_signals(&block, !editing);
	sigprocmask(SIG_BLOCK, &block, &v->old_mask);
	v->paste_mode = isatty(fileno(out)) == 1;
	/* The plain path: the paste markers are not echoed as ^[[200~. */
#ifdef ECHOCTL
	if (!editing && tcgetattr(v->fd, &v->saved_tio) == 0) {
		struct termios t = v->saved_tio;
		t.c_lflag &= ~(tcflag_t)ECHOCTL;
		v->tio_changed = tcsetattr(v->fd, TCSANOW, &t) == 0;
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
		buf_free(&v->paste);
#endif
		if (v->paste_mode) {
			fputs(PASTE_OFF, p->out);
			fflush(p->out);
		}
		if (v->tio_changed)
			tcsetattr(v->fd, TCSANOW, &v->saved_tio);
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
	/* Bounded like `quiz grade -`: one byte past ANSWER_MAX is kept, so
	 * that the caller sees the line is too long, and an endless line
	 * (/dev/zero) ends after 4 * ANSWER_MAX bytes, the rest read as the
	 * next line. */
	for (size_t n = 0; n < 4 * (size_t)ANSWER_MAX; n++) {
		int c = getc(p->in);
		if (c == EOF)
			break;
		any = true;
		if (c == '\n')
			break;
		if (line->len <= ANSWER_MAX)
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

/* Moves the first whole line of pending (without its line end) into line:
 * a bracketed paste counts as part of the line it is pasted into, up to
 * the line end after it, its markers dropped. false: not a whole line yet. */
static bool take_line(struct buf *pending, struct buf *line)
{
	if (!pending->len)
		return false;
	char *d = pending->data;
	char *nl = memchr(d, '\n', pending->len);
	char *pb = strstr(d, PASTE_BEGIN);
	char *from = d;
	if (pb && (!nl || pb < nl)) {
		char *pe = strstr(pb, PASTE_END);
		nl = pe ? strchr(pe, '\n') : NULL;
		if (!nl)
			return false;
		buf_add(line, d, (size_t)(pb - d));
		pb += strlen(PASTE_BEGIN);
		buf_add(line, pb, (size_t)(pe - pb));
		from = pe + strlen(PASTE_END);
	}
	buf_add(line, from, (size_t)(nl - from));
	size_t used = (size_t)(nl - d) + 1;
	memmove(d, nl + 1, pending->len - used);
	pending->len -= used;
	d[pending->len] = '\0';
	strip_newline(line);
	return true;
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
		if (take_line(&v->pending, line))
			return PROMPT_LINE;
		enum wait_result w = wait_input(p, deadline, false);
		if (w == WAIT_CONTINUED) {
			/* Back from Ctrl-Z: the shell has drawn over us. */
			format_label(p, label, deadline);
			fprintf(p->out, "\n%s", v->label);
			fflush(p->out);
			continue;
		}
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
				return PROMPT_SUBMIT;
			}
			return PROMPT_EOF;
		}
		buf_add(&v->pending, chunk, (size_t)n);
		/* A cooked read ends at a line end, or at Ctrl-D after text
		 * (or at a full buffer): that text is handed over and ends
		 * the answer, unless a paste is still coming. */
		bool in_paste = strstr(v->pending.data, PASTE_BEGIN) &&
			!strstr(v->pending.data, PASTE_END);
		if (chunk[n - 1] != '\n' && (size_t)n < sizeof chunk &&
			!in_paste &&
			!memchr(v->pending.data, '\n', v->pending.len)) {
			buf_add(line, v->pending.data, v->pending.len);
			buf_clear(&v->pending);
			fputc('\n', p->out);
			return PROMPT_SUBMIT;
		}
	}
}

enum prompt_status prompt_read_line(
	struct prompt *p, const char *label, double deadline, struct buf *line)
{
	buf_clear(line);
	buf_add(line, "", 0);
	if (!p->cfg.terminal)
		return read_stream_line(p, label, line);
	struct prompt_priv *v = p->priv;
	/* Again at every read: a shell run in between (Ctrl-Z) turns it
	 * off. */
	if (v->paste_mode)
		fputs(PASTE_ON, p->out);
	fflush(p->out);
#if HAVE_LIBEDIT
	if (v->el) {
		snprintf(v->label_src, sizeof v->label_src, "%s", label);
		v->deadline = deadline;
		v->status = PROMPT_LINE;
		v->pasted = false;
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
		if (v->pasted) {
			/* The pasted lines, shown after the line they
			 * joined. */
			fputs(v->paste.data, p->out);
			if (v->paste.len &&
				v->paste.data[v->paste.len - 1] != '\n')
				fputc('\n', p->out);
			buf_add(line, v->partial.data ? v->partial.data : "",
				v->partial.len);
			buf_add(line, v->paste.data, v->paste.len);
			strip_newline(line);
			return PROMPT_LINE;
		}
		if (v->status == PROMPT_TIMEOUT ||
			v->status == PROMPT_INTERRUPT ||
			v->status == PROMPT_TERMINATE ||
			v->status == PROMPT_SUBMIT) {
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
