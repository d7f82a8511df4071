/* prompt: the only terminal-aware code. Reads answer lines (libedit line
 * editing when built with it and the input is a terminal, else plain
 * cooked reads), enforces deadlines with a visible countdown by polling the
 * input (no SIGALRM), turns Ctrl-C into a status instead of a death, runs
 * $EDITOR, and knows the terminal's width, colours and locale.
 *
 * The same struct also reads from any FILE * (pipes, test transcripts):
 * then there is no line editing, no deadline and no signal handling.
 *
 * Ownership: the caller owns struct prompt and the FILEs it was given;
 * prompt_free releases what prompt_init set up (libedit, signal mask). */
#ifndef QUIZ_PROMPT_H
#define QUIZ_PROMPT_H

#include <stdbool.h>
#include <stdio.h>

#include "util.h"

enum prompt_status {
	PROMPT_LINE, /* a whole line was read; after a bracketed paste it
		      * holds the pasted lines, blank ones included */
	PROMPT_SUBMIT, /* Ctrl-D after text: line holds it, the answer ends */
	PROMPT_EOF, /* end of input: Ctrl-D on an empty line, or EOF */
	PROMPT_TIMEOUT, /* the deadline passed; line holds what was typed */
	PROMPT_INTERRUPT, /* Ctrl-C */
	PROMPT_TERMINATE, /* SIGTERM or SIGHUP (prompt_signal says which) */
};

enum prompt_style {
	STYLE_BOLD,
	STYLE_DIM,
	STYLE_GOOD, /* matched points, high scores */
	STYLE_BAD, /* missed points, low scores */
	STYLE_WARN, /* middling scores, the last seconds of a countdown */
	STYLE_MARK, /* matched key points inside the model answer */
	STYLE_MISS, /* missed key points inside the model answer */
	STYLE_RESET,
};

struct prompt_config {
	bool terminal; /* in is a terminal: editing, Ctrl-C, deadlines */
	bool interactive; /* show prompts and ask for self-grades */
	bool color;
	bool utf8; /* the output takes UTF-8 (bar glyphs) */
	int width; /* columns to wrap text to */
};

struct prompt_priv;

struct prompt {
	FILE *in;
	FILE *out;
	struct prompt_config cfg;
	struct prompt_priv *priv;
};

/* Sets LC_CTYPE from the environment, falling back to C.UTF-8 when that
 * is not UTF-8 (libedit drops multibyte input in the C locale). Returns
 * whether the locale is UTF-8. */
bool prompt_setup_locale(void);

/* A config for real streams: terminal and interactive when in is a tty,
 * width from the terminal of out (else COLUMNS, else WRAP_WIDTH_DEFAULT),
 * clamped to [WRAP_WIDTH_MIN, WRAP_WIDTH_MAX]. */
void prompt_detect(
	FILE *in, FILE *out, bool color, bool utf8, struct prompt_config *cfg);

/* The width to wrap to now: a terminal's is read again each time, so
 * that text after a resize fits the new size. */
int prompt_width(struct prompt *p);

/* The terminal's rows, or 0 when out is not a terminal. */
int prompt_height(const struct prompt *p);

void prompt_init(
	struct prompt *p, FILE *in, FILE *out, const struct prompt_config *cfg);
void prompt_free(struct prompt *p);

/* Reads one line, without its line end, into line (cleared first). label
 * is shown first when interactive. deadline is a prompt_now() time, 0 for
 * none; on a terminal the time left is shown in the prompt and kept up to
 * date. Ignored when not on a terminal. */
enum prompt_status prompt_read_line(
	struct prompt *p, const char *label, double deadline, struct buf *line);

/* Opens $VISUAL or $EDITOR (default vi) on a private temporary file (mode
 * 0600) holding text, and replaces text with what was saved. false after
 * a warning (not a terminal, editor failed); text is then unchanged. */
bool prompt_edit(struct prompt *p, struct buf *text);

/* The signal (SIGTERM or SIGHUP) behind the last PROMPT_TERMINATE, else 0.
 * The caller ends its work cleanly and exits 128 + that signal. */
int prompt_signal(const struct prompt *p);

/* Monotonic seconds. */
double prompt_now(void);

/* The escape sequence for a style, or "" without colour. */
const char *prompt_sgr(const struct prompt *p, enum prompt_style style);

#endif
