/* cli: the command line. One option table for every command (global options
 * may stand before or after the command), dispatch through a command table,
 * and what commands share: loading the selected bank and selecting
 * questions. */
#ifndef QUIZ_CLI_H
#define QUIZ_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bank.h"
#include "conffile.h"
#include "filter.h"
#include "output.h"

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The progress selections; the same bits as enum progress_class
 * (progress.h), which cli_select's callers pass them to. */
enum { CLI_DUE = 1, CLI_NEW = 2, CLI_WEAK = 4 };

/* Everything parsed from argv and the environment. Owned by main(); free
 * with cli_free. Strings point into argv unless noted. */
struct cli {
	const char *command; /* the command being run, e.g. "list" */
	char **args; /* positional arguments after the command */
	size_t n_args;
	const char **banks; /* --bank, in order (array owned) */
	size_t n_banks;
	struct quiz_filter filter; /* --chapter --tag --kind --lang (owned) */
	const char *chapter; /* last --chapter (import's override) */
	enum output_format format;
	bool format_set;
	enum color_mode color;
	size_t count;
	bool count_set;
	uint64_t seed;
	bool seed_set;
	const char *field; /* show --field */
	double pass; /* grade --pass; PASS_THRESHOLD_DEFAULT */
	bool record; /* grade --record */
	const char *batch; /* grade --batch FILE */
	double time_limit; /* drill --time, seconds; 0 = none */
	double total_limit; /* drill --total, seconds; 0 = none */
	const char *report; /* drill --report FILE */
	const char *book; /* import --book */
	const char *rules; /* import --rules */
	unsigned progress; /* --due --new --weak: CLI_DUE | ... */
	bool selects; /* a filter or --due/--new/--weak on the command line
		       * (not from the config file) */
	bool no_record; /* ask, drill --no-record */
	const char *by; /* plan --by DATE */
	long by_day; /* ... as days since 1970-01-01 */
	const char *since; /* history --since DATE */
	long since_day;
	struct quiz_bank bank; /* filled by cli_load_bank */
	bool bank_loaded;
	/* The config file's defaults; option values from it point here. */
	struct conffile config;
	/* "file:line" while a config value is applied, for its messages. */
	const char *origin;
};

/* Parses argv into cli and runs the command; returns the exit status. */
int cli_main(int argc, char **argv);

void cli_init(struct cli *cli);
void cli_free(struct cli *cli);

enum cli_parse_result {
	CLI_PARSE_RUN, /* cli->command is set: run it */
	CLI_PARSE_EXIT_OK, /* --help or --version was printed */
	CLI_PARSE_ERROR, /* a usage error was reported */
};
/* Parses argv (not modified, but getopt may permute it) into cli. */
enum cli_parse_result cli_parse(struct cli *cli, int argc, char **argv);

/* Loads the bank chosen by --bank, else QUIZ_BANK, else the built-in one,
 * into cli->bank (once). false after reporting the problem. */
bool cli_load_bank(struct cli *cli);

/* The loaded bank's question with this id; NULL after telling the user
 * the id is unknown and where to find the ids. */
const struct quiz_question *cli_find_question(
	const struct cli *cli, const char *id);

/* Loads each of paths[0..n) with bank_load_path, a file named twice only
 * once. false if any had an error. */
bool cli_load_paths(struct quiz_bank *bank, const char *const *paths, size_t n,
	struct bank_diag *diag);

/* "quiz: <message>" and a hint to run --help; returns QUIZ_EXIT_ERROR. */
/* The name of a format, as --format takes it. */
const char *cli_format_name(enum output_format f);

int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The questions a session with these options asks, in order: filters
 * (and keep[i], when keep is not NULL), then --seed shuffling (shuffle
 * decides whether to shuffle without --seed), then priority (sample.h),
 * then --count (default_count when --count is absent; 0 = all). Caller
 * frees *out. */
size_t cli_select(struct cli *cli, bool shuffle, size_t default_count,
	const double *priority, const bool *keep, size_t **out);

/* Parses a date YYYY-MM-DD into days since 1970-01-01; false when it is
 * not one (2026-02-30 is not). */
bool cli_parse_date(const char *s, long *day);

/* Whether colour is on for a stream given --color and NO_COLOR. */
bool cli_color(const struct cli *cli, int fd);

#endif
