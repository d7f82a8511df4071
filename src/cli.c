/* cli: the command line. One table of options shared by every command (so
 * global options may stand before or after the command), a table of
 * commands saying which options and formats each accepts, and what the
 * commands share: loading the selected bank and selecting questions. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "config.h"
#include "output.h"
#include "sample.h"
#include "sched.h"
#include "tunables.h"
#include "util.h"

enum opt_id {
	OPT_BANK,
	OPT_CHAPTER,
	OPT_TAG,
	OPT_KIND,
	OPT_LANG,
	OPT_COUNT,
	OPT_SEED,
	OPT_FORMAT,
	OPT_COLOR,
	OPT_FIELD,
	OPT_PASS,
	OPT_RECORD,
	OPT_BATCH,
	OPT_TIME,
	OPT_TOTAL,
	OPT_REPORT,
	OPT_BOOK,
	OPT_RULES,
	OPT_HELP,
	OPT_VERSION,
	OPT_DUE,
	OPT_NEW,
	OPT_WEAK,
	OPT_NO_RECORD,
	OPT_BY,
	OPT_SINCE,
	OPT_COUNT_ALL
};

/* getopt_long returns 1, '?' and ':' itself: option values start above. */
#define OPT_BASE 256
#define O(id) (1u << (id))
/* Options every command accepts. */
#define O_GLOBAL (O(OPT_BANK) | O(OPT_COLOR) | O(OPT_HELP) | O(OPT_VERSION))
#define O_FILTERS (O(OPT_CHAPTER) | O(OPT_TAG) | O(OPT_KIND) | O(OPT_LANG))
/* Selection by progress (--due --new --weak). */
#define O_PROGRESS (O(OPT_DUE) | O(OPT_NEW) | O(OPT_WEAK))

#define F(fmt) (1u << (fmt))

/* Sorted by name, as --help lists them. */
static const struct option long_options[] = {
	{"bank", required_argument, NULL, OPT_BASE + OPT_BANK},
	{"batch", required_argument, NULL, OPT_BASE + OPT_BATCH},
	{"book", required_argument, NULL, OPT_BASE + OPT_BOOK},
	{"by", required_argument, NULL, OPT_BASE + OPT_BY},
	{"chapter", required_argument, NULL, OPT_BASE + OPT_CHAPTER},
	{"color", required_argument, NULL, OPT_BASE + OPT_COLOR},
	{"colour", required_argument, NULL, OPT_BASE + OPT_COLOR},
	{"count", required_argument, NULL, OPT_BASE + OPT_COUNT},
	{"due", no_argument, NULL, OPT_BASE + OPT_DUE},
	{"field", required_argument, NULL, OPT_BASE + OPT_FIELD},
	{"format", required_argument, NULL, OPT_BASE + OPT_FORMAT},
	{"help", no_argument, NULL, OPT_BASE + OPT_HELP},
	{"kind", required_argument, NULL, OPT_BASE + OPT_KIND},
	{"lang", required_argument, NULL, OPT_BASE + OPT_LANG},
	{"new", no_argument, NULL, OPT_BASE + OPT_NEW},
	{"no-record", no_argument, NULL, OPT_BASE + OPT_NO_RECORD},
	{"pass", required_argument, NULL, OPT_BASE + OPT_PASS},
	{"record", no_argument, NULL, OPT_BASE + OPT_RECORD},
	{"report", required_argument, NULL, OPT_BASE + OPT_REPORT},
	{"rules", required_argument, NULL, OPT_BASE + OPT_RULES},
	{"seed", required_argument, NULL, OPT_BASE + OPT_SEED},
	{"since", required_argument, NULL, OPT_BASE + OPT_SINCE},
	{"tag", required_argument, NULL, OPT_BASE + OPT_TAG},
	{"time", required_argument, NULL, OPT_BASE + OPT_TIME},
	{"total", required_argument, NULL, OPT_BASE + OPT_TOTAL},
	{"version", no_argument, NULL, OPT_BASE + OPT_VERSION},
	{"weak", no_argument, NULL, OPT_BASE + OPT_WEAK},
	{NULL, 0, NULL, 0},
};

struct command {
	const char *name;
	int (*run)(struct cli *cli);
	unsigned options; /* O(...) beyond O_GLOBAL */
	unsigned formats; /* F(...) accepted by --format */
	size_t min_args;
	size_t max_args; /* SIZE_MAX: any number */
	const char *usage; /* after "quiz " */
};

#define MANY ((size_t)-1)

static const struct command commands[] = {
	{"ask", cmd_ask,
		O_FILTERS | O_PROGRESS | O(OPT_COUNT) | O(OPT_SEED) |
			O(OPT_FORMAT) | O(OPT_NO_RECORD),
		F(FORMAT_TEXT) | F(FORMAT_JSON) | F(FORMAT_NDJSON), 0, MANY,
		"ask [ID...] [filters] [--due|--new|--weak] [--count N] "
		"[--seed S] [--no-record] [--format FMT]"},
	{"chapters", cmd_chapters, O_FILTERS | O(OPT_FORMAT),
		F(FORMAT_TEXT) | F(FORMAT_JSON) | F(FORMAT_CSV) |
			F(FORMAT_TSV) | F(FORMAT_IDS),
		0, 0, "chapters [filters] [--format FMT]"},
	{"check", cmd_check, 0, F(FORMAT_TEXT), 0, MANY, "check [FILE...]"},
	{"drill", cmd_drill,
		O_FILTERS | O_PROGRESS | O(OPT_COUNT) | O(OPT_SEED) |
			O(OPT_FORMAT) | O(OPT_TIME) | O(OPT_TOTAL) |
			O(OPT_REPORT) | O(OPT_NO_RECORD),
		F(FORMAT_TEXT) | F(FORMAT_JSON) | F(FORMAT_NDJSON), 0, MANY,
		"drill [ID...] [filters] [--due|--new|--weak] [--count N] "
		"[--time S] [--total S] [--report FILE] [--no-record] "
		"[--format FMT]"},
	{"export", cmd_export, O_FILTERS | O(OPT_FORMAT),
		F(FORMAT_CSV) | F(FORMAT_JSON), 0, 0,
		"export [filters] [--format csv|json]"},
	{"grade", cmd_grade,
		O(OPT_PASS) | O(OPT_BATCH) | O(OPT_FORMAT) | O(OPT_RECORD),
		F(FORMAT_TEXT) | F(FORMAT_JSON) | F(FORMAT_CSV), 0, 2,
		"grade ID [ANSWER|-] [--pass X] [--record] "
		"[--format text|json] | grade --batch FILE.csv [--pass X] "
		"[--format csv]"},
	{"history", cmd_history, O_FILTERS | O(OPT_SINCE) | O(OPT_FORMAT),
		F(FORMAT_CSV) | F(FORMAT_JSON) | F(FORMAT_NDJSON), 0, 0,
		"history [filters] [--since DATE] [--format csv|json|ndjson]"},
	{"import", cmd_import,
		O(OPT_BOOK) | O(OPT_CHAPTER) | O(OPT_RULES) | O(OPT_FORMAT),
		F(FORMAT_JSON), 1, MANY,
		"import FILE... [--book NAME] [--chapter ID] [--rules FILE]"},
	{"list", cmd_list,
		O_FILTERS | O_PROGRESS | O(OPT_COUNT) | O(OPT_SEED) |
			O(OPT_FORMAT),
		F(FORMAT_TEXT) | F(FORMAT_JSON) | F(FORMAT_NDJSON) |
			F(FORMAT_CSV) | F(FORMAT_TSV) | F(FORMAT_IDS),
		0, 0,
		"list [filters] [--due|--new|--weak] [--count N] [--seed S] "
		"[--format FMT]"},
	{"plan", cmd_plan, O_FILTERS | O(OPT_BY) | O(OPT_FORMAT),
		F(FORMAT_TEXT) | F(FORMAT_JSON) | F(FORMAT_IDS), 0, 0,
		"plan --by DATE [filters] [--format text|json|ids]"},
	{"show", cmd_show, O(OPT_FIELD) | O(OPT_FORMAT),
		F(FORMAT_TEXT) | F(FORMAT_JSON) | F(FORMAT_NDJSON), 1, MANY,
		"show ID... [--field question|answer|keywords] [--format FMT]"},
	{"stats", cmd_stats, O_FILTERS | O(OPT_FORMAT),
		F(FORMAT_TEXT) | F(FORMAT_JSON) | F(FORMAT_CSV), 0, 0,
		"stats [filters] [--format text|json|csv]"},
	{"tags", cmd_tags, O_FILTERS | O(OPT_FORMAT),
		F(FORMAT_TEXT) | F(FORMAT_JSON) | F(FORMAT_CSV) |
			F(FORMAT_TSV) | F(FORMAT_IDS),
		0, 0, "tags [filters] [--format FMT]"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* The command run when none is named (`quiz --chapter aie-8`). */
static const char *const default_command = "ask";

static const char *const format_names[] = {
	[FORMAT_TEXT] = "text",
	[FORMAT_JSON] = "json",
	[FORMAT_NDJSON] = "ndjson",
	[FORMAT_CSV] = "csv",
	[FORMAT_TSV] = "tsv",
	[FORMAT_IDS] = "ids",
};

const char *cli_format_name(enum output_format f)
{
	return format_names[f];
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static const char *option_name(int id)
{
	for (const struct option *o = long_options; o->name; o++)
		if (o->val == OPT_BASE + id)
			return o->name;
	return "?";
}

static void usage_vwarn(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

static void usage_vwarn(const char *fmt, va_list ap)
{
	quiz_vwarn(fmt, ap);
	fputs("Try 'quiz --help' for more information.\n", stderr);
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	usage_vwarn(fmt, ap);
	va_end(ap);
	return QUIZ_EXIT_ERROR;
}

/* The same report for checks that answer true or false. */
static bool usage_false(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static bool usage_false(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	usage_vwarn(fmt, ap);
	va_end(ap);
	return false;
}

static void print_help(FILE *out)
{
	fputs("Usage: quiz [COMMAND] [OPTIONS] [ARGS]\n"
	      "Quiz yourself on ML and AI-engineering interview questions.\n"
	      "\nCommands (default: ask):\n",
		out);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  quiz %s\n", commands[i].usage);
	fputs("\nFilters (repeatable; OR within one, AND across):\n"
	      "  --chapter C   chapter C and its sub-chapters (aie-8: aie-8.1, "
	      "aie-8.2, ...);\n"
	      "                import: put every question in chapter C\n"
	      "  --tag T       questions tagged T\n"
	      "  --kind K      interview, summary, concept or behavioral\n"
	      "  --lang L      language, e.g. en or zh\n"
	      "  --due         ask, drill, list: answered questions due for "
	      "review now\n"
	      "  --new         ask, drill, list: questions never answered\n"
	      "  --weak        ask, drill, list: answered questions, lowest "
	      "recall first\n"
	      "\nOptions:\n"
	      "  --bank PATH   use this bank file or directory of *.json "
	      "instead of the\n"
	      "                built-in bank (repeatable; also QUIZ_BANK, "
	      "colon-separated)\n"
	      "  --count N     ask or list at most N questions\n"
	      "  --seed S      shuffle with seed S (same seed, same "
	      "questions, same order;\n"
	      "                ask, list and drill)\n"
	      "  --format F    text, json, ndjson, csv, tsv or ids, where "
	      "the command has it\n"
	      "  --color WHEN  auto, always or never (NO_COLOR is honoured)\n"
	      "  -h, --help    show this help and exit\n"
	      "  -V, --version show the version and exit\n"
	      "\nCommand options:\n"
	      "  --field F     show: print only question, answer or keywords\n"
	      "  --pass X      grade: the pass mark, 0 to 1 (default 0.6)\n"
	      "  --batch FILE  grade: score every id,answer row of a CSV file\n"
	      "  --record      grade: also append the result to the history\n"
	      "  --time S      drill: seconds for each question (default 120)\n"
	      "  --total S     drill: seconds for the whole drill\n"
	      "  --report FILE drill: also write the report as Markdown\n"
	      "  --no-record   ask, drill: do not append answers to the "
	      "history\n"
	      "  --by DATE     plan: the interview date, YYYY-MM-DD\n"
	      "  --since DATE  history: rows from this day on, YYYY-MM-DD\n"
	      "  --book NAME   import: the book id for the notes\n"
	      "  --rules FILE  import: recognise documents by these rules "
	      "instead of the\n"
	      "                built-in curation/rules.json\n"
	      "\nExit status: 0 success (grade: passed), 1 grade below the "
	      "pass "
	      "mark or\ncheck found warnings, 2 usage or data error.\n"
	      "See quiz(1) and quiz-bank(5).\n",
		out);
}

static bool parse_format(const char *s, enum output_format *out)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0];
		i++) {
		if (strcmp(s, format_names[i]) == 0) {
			*out = (enum output_format)i;
			return true;
		}
	}
	return false;
}

void cli_init(struct cli *cli)
{
	memset(cli, 0, sizeof *cli);
	filter_init(&cli->filter);
	cli->pass = PASS_THRESHOLD_DEFAULT;
	cli->format = FORMAT_TEXT;
	cli->color = COLOR_AUTO;
	bank_init(&cli->bank);
}

void cli_free(struct cli *cli)
{
	filter_free(&cli->filter);
	free(cli->banks);
	free(cli->args);
	bank_free(&cli->bank);
	conffile_free(&cli->config);
}

static void add_arg(struct cli *cli, char *arg)
{
	cli->args = xrealloc(cli->args, (cli->n_args + 1) * sizeof *cli->args);
	cli->args[cli->n_args++] = arg;
}

static bool option_false(const struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A bad option value: a usage error on the command line, a warning naming
 * the line in the config file (whose value is then ignored). */
static bool option_false(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (cli->origin) {
		struct buf b;
		buf_init(&b);
		buf_vprintf(&b, fmt, ap);
		quiz_warn("%s: %s (ignored)", cli->origin, b.data);
		buf_free(&b);
	} else {
		usage_vwarn(fmt, ap);
	}
	va_end(ap);
	return false;
}

/* Applies one option; returns false after reporting a bad value. */
static bool apply_option(struct cli *cli, int id, const char *arg)
{
	long l;
	unsigned long long u;
	/* An empty filter matched everything ("--chapter $unset" listed the
	 * whole bank). */
	if (arg && !*arg &&
		(id == OPT_CHAPTER || id == OPT_TAG || id == OPT_LANG ||
			id == OPT_KIND || id == OPT_BANK))
		return option_false(
			cli, "--%s needs a value, not ''", option_name(id));
	switch (id) {
	case OPT_BANK:
		cli->banks = xrealloc(
			cli->banks, (cli->n_banks + 1) * sizeof *cli->banks);
		cli->banks[cli->n_banks++] = arg;
		return true;
	case OPT_CHAPTER:
		filter_add_chapter(&cli->filter, arg);
		cli->chapter = arg;
		return true;
	case OPT_TAG:
		filter_add_tag(&cli->filter, arg);
		return true;
	case OPT_LANG:
		filter_add_lang(&cli->filter, arg);
		return true;
	case OPT_KIND:
		if (filter_add_kind(&cli->filter, arg))
			return true;
		return option_false(cli,
			"unknown kind '%s' (interview, summary, "
			"concept, behavioral)",
			arg);
	case OPT_COUNT:
		if (!parse_long(arg, 1, 1000000, &l))
			return option_false(cli,
				"--count needs a whole number from 1 "
				"to 1000000, not '%s'",
				arg);
		cli->count = (size_t)l;
		cli->count_set = true;
		return true;
	case OPT_SEED:
		if (!parse_u64(arg, &u))
			return option_false(cli,
				"--seed needs a non-negative whole "
				"number, not '%s'",
				arg);
		cli->seed = (uint64_t)u;
		cli->seed_set = true;
		return true;
	case OPT_FORMAT:
		if (!parse_format(arg, &cli->format))
			return option_false(cli,
				"unknown format '%s' (text, json, "
				"ndjson, csv, tsv, ids)",
				arg);
		cli->format_set = true;
		return true;
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			cli->color = COLOR_AUTO;
		else if (strcmp(arg, "always") == 0)
			cli->color = COLOR_ALWAYS;
		else if (strcmp(arg, "never") == 0)
			cli->color = COLOR_NEVER;
		else
			return option_false(cli,
				"--color needs auto, always or "
				"never, not '%s'",
				arg);
		return true;
	case OPT_FIELD:
		if (strcmp(arg, "question") != 0 &&
			strcmp(arg, "answer") != 0 &&
			strcmp(arg, "keywords") != 0)
			return option_false(cli,
				"--field needs question, answer "
				"or keywords, not '%s'",
				arg);
		cli->field = arg;
		return true;
	case OPT_PASS:
		if (!parse_double(arg, 0, 1, &cli->pass))
			return option_false(cli,
				"--pass needs a number from 0 to "
				"1, not '%s'",
				arg);
		return true;
	case OPT_RECORD:
		cli->record = true;
		return true;
	case OPT_BATCH:
		cli->batch = arg;
		return true;
	case OPT_TIME:
	case OPT_TOTAL: {
		double *d =
			id == OPT_TIME ? &cli->time_limit : &cli->total_limit;
		if (!parse_double(arg, 0.001, 86400, d))
			return option_false(cli,
				"--%s needs a number of seconds "
				"greater than 0, not '%s'",
				option_name(id), arg);
		return true;
	}
	case OPT_REPORT:
		cli->report = arg;
		return true;
	case OPT_BOOK:
		cli->book = arg;
		return true;
	case OPT_RULES:
		cli->rules = arg;
		return true;
	case OPT_DUE:
		cli->progress |= CLI_DUE;
		return true;
	case OPT_NEW:
		cli->progress |= CLI_NEW;
		return true;
	case OPT_WEAK:
		cli->progress |= CLI_WEAK;
		return true;
	case OPT_NO_RECORD:
		cli->no_record = true;
		return true;
	case OPT_BY:
	case OPT_SINCE: {
		long *day = id == OPT_BY ? &cli->by_day : &cli->since_day;
		if (!cli_parse_date(arg, day))
			return usage_false("--%s needs a date as YYYY-MM-DD, "
					   "not '%s'",
				option_name(id), arg);
		*(id == OPT_BY ? &cli->by : &cli->since) = arg;
		return true;
	}
	default:
		return true;
	}
}

/* The option a config key names, or -1. */
static int config_option(const char *key, bool *takes_value)
{
	for (const struct option *o = long_options; o->name; o++) {
		if (strcmp(o->name, key) == 0) {
			*takes_value = o->has_arg != no_argument;
			return o->val - OPT_BASE;
		}
	}
	return -1;
}

/* Applies one config entry unless the command line gave its option or the
 * entry does not apply to cmd (a warning only in cmd's own section). */
static bool apply_config_entry(struct cli *cli, const struct command *cmd,
	const struct conffile_entry *e, unsigned seen)
{
	bool in_section = e->section[0] != '\0';
	bool takes_value = false;
	int id = config_option(e->key, &takes_value);
	if (id < 0 || id == OPT_HELP || id == OPT_VERSION || (seen & O(id)))
		return false;
	if (!((cmd->options | O_GLOBAL) & O(id))) {
		if (in_section)
			quiz_warn("%s:%ld: --%s does not apply to '%s' "
				  "(ignored)",
				cli->config.path, e->line, e->key, cmd->name);
		return false;
	}
	char *where = xasprintf("%s:%ld", cli->config.path, e->line);
	cli->origin = where;
	bool ok = true;
	bool on = false;
	enum output_format saved = cli->format;
	if (!takes_value && !conffile_bool(e->value, &on)) {
		ok = option_false(cli, "%s needs true or false, not '%s'",
			e->key, e->value);
	} else if (takes_value) {
		ok = apply_option(cli, id, e->value);
	} else if (on) {
		ok = apply_option(cli, id, NULL);
	}
	if (ok && id == OPT_FORMAT && !(cmd->formats & F(cli->format))) {
		/* A format some other command has: not this one's default. */
		if (in_section)
			option_false(cli, "'%s' has no --format %s", cmd->name,
				e->value);
		cli->format = saved;
		cli->format_set = false;
		ok = false;
	}
	cli->origin = NULL;
	free(where);
	return ok;
}

/* The config file's defaults for what the command line left unsaid: the
 * [command] section's first, then the file's global lines for the
 * options that section did not set. */
static void apply_config(
	struct cli *cli, const struct command *cmd, unsigned seen)
{
	bool named = false;
	char *path = conffile_path(&named);
	if (!path)
		return;
	conffile_load(&cli->config, path, named);
	free(path);
	const struct conffile *c = &cli->config;
	bool takes_value;
	for (size_t i = 0; i < c->n_entries; i++) {
		const struct conffile_entry *e = &c->entries[i];
		int id = config_option(e->key, &takes_value);
		if (e->section[0] && !find_command(e->section) &&
			(i == 0 ||
				strcmp(c->entries[i - 1].section, e->section)))
			quiz_warn("%s:%ld: unknown command '[%s]' (its lines "
				  "are ignored)",
				c->path, e->line, e->section);
		else if (id < 0 || id == OPT_HELP || id == OPT_VERSION)
			quiz_warn("%s:%ld: unknown key '%s' (the keys are the "
				  "long options' names; see quiz --help)",
				c->path, e->line, e->key);
	}
	unsigned from_section = 0;
	for (size_t i = 0; i < c->n_entries; i++) {
		const struct conffile_entry *e = &c->entries[i];
		if (strcmp(e->section, cmd->name) == 0 &&
			apply_config_entry(cli, cmd, e, seen))
			from_section |= O(config_option(e->key, &takes_value));
	}
	for (size_t i = 0; i < c->n_entries; i++)
		if (c->entries[i].section[0] == '\0')
			apply_config_entry(
				cli, cmd, &c->entries[i], seen | from_section);
}

/* getopt_long takes an unambiguous prefix ("--cou" for --count) and
 * refuses an ambiguous one as unknown: say which options it could be. */
static void unknown_long_option(const char *arg)
{
	const char *name = arg + strspn(arg, "-");
	size_t len = strcspn(name, "=");
	struct buf b;
	buf_init(&b);
	size_t n = 0;
	for (const struct option *o = long_options; o->name && len; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		buf_adds(&b, n++ ? ", --" : "--");
		buf_adds(&b, o->name);
	}
	if (n > 1)
		cli_usage_error("ambiguous option '%.*s': %s",
			(int)(name - arg + len), arg, b.data);
	else
		cli_usage_error("unknown option '%s'", arg);
	buf_free(&b);
}

static enum cli_parse_result parse_args(
	struct cli *cli, int argc, char **argv, const struct command **cmd_out)
{
	unsigned seen = 0;
	const struct command *cmd = NULL;
	int c;
	opterr = 0;
	optind = 1;
	/* "-" returns operands in place, so the command may come anywhere
	 * and options after it still parse, whatever POSIXLY_CORRECT says. */
	while ((c = getopt_long(argc, argv, "-:hV", long_options, NULL)) !=
		-1) {
		if (c == 'h')
			c = OPT_BASE + OPT_HELP;
		if (c == 'V')
			c = OPT_BASE + OPT_VERSION;
		if (c == 1) {
			if (!cmd && cli->n_args == 0 && find_command(optarg))
				cmd = find_command(optarg);
			else
				add_arg(cli, optarg);
			continue;
		}
		if (c == '?' && optopt != 0) {
			/* A short option, or an answer that starts with '-'. */
			cli_usage_error(
				"unknown option '-%c' (an argument that "
				"starts with '-' goes after '--')",
				optopt);
			return CLI_PARSE_ERROR;
		}
		if (c == '?') {
			unknown_long_option(argv[optind - 1]);
			return CLI_PARSE_ERROR;
		}
		if (c == ':') {
			cli_usage_error(
				"option '%s' needs a value", argv[optind - 1]);
			return CLI_PARSE_ERROR;
		}
		seen |= O(c - OPT_BASE);
		if (!apply_option(cli, c - OPT_BASE, optarg))
			return CLI_PARSE_ERROR;
	}
	for (int i = optind; i < argc; i++) {
		if (!cmd && cli->n_args == 0 && find_command(argv[i]))
			cmd = find_command(argv[i]);
		else
			add_arg(cli, argv[i]);
	}
	if (seen & O(OPT_HELP)) {
		print_help(stdout);
		return CLI_PARSE_EXIT_OK;
	}
	if (seen & O(OPT_VERSION)) {
		printf("quiz %s\n", QUIZ_VERSION);
		return CLI_PARSE_EXIT_OK;
	}
	/* Without a command word, a first argument is a mistyped command,
	 * never an id for the default command. */
	bool implicit = cmd == NULL;
	if (!cmd)
		cmd = find_command(default_command);
	cli->selects = seen & (O_FILTERS | O_PROGRESS);
	if (cmd)
		apply_config(cli, cmd, seen);
	if (!cmd) {
		if (cli->n_args)
			cli_usage_error("unknown command '%s'", cli->args[0]);
		else
			cli_usage_error("no command given");
		return CLI_PARSE_ERROR;
	}
	if (implicit && cli->n_args > 0) {
		cli_usage_error("unknown command '%s'", cli->args[0]);
		return CLI_PARSE_ERROR;
	}
	unsigned bad = seen & ~(cmd->options | O_GLOBAL);
	for (int id = 0; id < OPT_COUNT_ALL; id++) {
		if (bad & O(id)) {
			cli_usage_error("option --%s does not apply to '%s'",
				option_name(id), cmd->name);
			return CLI_PARSE_ERROR;
		}
	}
	if (cli->format_set && !(cmd->formats & F(cli->format))) {
		cli_usage_error("'%s' has no --format %s", cmd->name,
			format_names[cli->format]);
		return CLI_PARSE_ERROR;
	}
	/* Commands without a text form default to CSV (export). */
	if (!cli->format_set && !(cmd->formats & F(FORMAT_TEXT)))
		cli->format = FORMAT_CSV;
	if (cli->n_args < cmd->min_args || cli->n_args > cmd->max_args) {
		cli_usage_error("usage: quiz %s", cmd->usage);
		return CLI_PARSE_ERROR;
	}
	cli->command = cmd->name;
	*cmd_out = cmd;
	return CLI_PARSE_RUN;
}

/* Finishes standard output: a reader that went away (quiz list | head) is
 * not an error worth a message; any other write error is. */
static int finish_output(int status)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return status;
	if (errno == EPIPE)
		return status;
	quiz_warn("write error: %s", strerror(errno));
	return QUIZ_EXIT_ERROR;
}

enum cli_parse_result cli_parse(struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = NULL;
	return parse_args(cli, argc, argv, &cmd);
}

int cli_main(int argc, char **argv)
{
	struct cli cli;
	const struct command *cmd = NULL;
	int status;
	signal(SIGPIPE, SIG_IGN);
	cli_init(&cli);
	switch (parse_args(&cli, argc, argv, &cmd)) {
	case CLI_PARSE_RUN:
		status = cmd->run(&cli);
		break;
	case CLI_PARSE_EXIT_OK:
		status = QUIZ_EXIT_OK;
		break;
	default:
		status = QUIZ_EXIT_ERROR;
		break;
	}
	cli_free(&cli);
	return finish_output(status);
}

/* The files loaded so far, by device and inode: the same file named twice
 * (or by two spellings of its path) is loaded once, rather than clashing
 * with itself as duplicate ids. */
struct loaded_files {
	dev_t *dev;
	ino_t *ino;
	size_t n;
	size_t cap_dev;
	size_t cap_ino;
};

static bool load_once(struct quiz_bank *bank, const char *path,
	struct loaded_files *seen, struct bank_diag *diag)
{
	struct stat st;
	/* A path that cannot be read is for the loader to report. */
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return bank_load_path(bank, path, diag);
	for (size_t i = 0; i < seen->n; i++)
		if (seen->dev[i] == st.st_dev && seen->ino[i] == st.st_ino)
			return true;
	xgrow((void **)&seen->dev, &seen->cap_dev, seen->n + 1,
		sizeof *seen->dev);
	xgrow((void **)&seen->ino, &seen->cap_ino, seen->n + 1,
		sizeof *seen->ino);
	seen->dev[seen->n] = st.st_dev;
	seen->ino[seen->n] = st.st_ino;
	seen->n++;
	return bank_load_path(bank, path, diag);
}

bool cli_load_paths(struct quiz_bank *bank, const char *const *paths, size_t n,
	struct bank_diag *diag)
{
	struct loaded_files seen = {0};
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		ok = load_once(bank, paths[i], &seen, diag) && ok;
	free(seen.dev);
	free(seen.ino);
	return ok;
}

/* Splits QUIZ_BANK on ':' and loads each part. */
static bool load_env_banks(
	struct quiz_bank *bank, const char *env, struct bank_diag *diag)
{
	char *copy = xstrdup(env);
	bool ok = true;
	bool any = false;
	char *save = NULL;
	struct loaded_files seen = {0};
	for (char *p = strtok_r(copy, ":", &save); p;
		p = strtok_r(NULL, ":", &save)) {
		ok = load_once(bank, p, &seen, diag) && ok;
		any = true;
	}
	free(seen.dev);
	free(seen.ino);
	free(copy);
	if (!any) {
		quiz_warn("QUIZ_BANK is set but names no bank");
		return false;
	}
	return ok;
}

/* A problem with the data, not with how quiz was called: no usage hint. */
static bool data_false(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static bool data_false(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	quiz_vwarn(fmt, ap);
	va_end(ap);
	return false;
}

/* Every --chapter, --tag and --lang must name something in the bank: a
 * typo should say so rather than select nothing. */
static bool check_filter_values(const struct cli *cli)
{
	const struct quiz_bank *b = &cli->bank;
	for (size_t i = 0; i < cli->filter.n_chapters; i++) {
		bool hit = false;
		for (size_t k = 0; k < b->n_questions && !hit; k++)
			hit = filter_chapter_matches(cli->filter.chapters[i],
				b->questions[k].chapter);
		if (!hit)
			return data_false("no chapter '%s' in the bank "
					  "(see 'quiz chapters')",
				cli->filter.chapters[i]);
	}
	for (size_t i = 0; i < cli->filter.n_tags; i++) {
		bool hit = false;
		for (size_t k = 0; k < b->n_questions && !hit; k++)
			for (size_t t = 0; t < b->questions[k].n_tags && !hit;
				t++)
				hit = strcmp(b->questions[k].tags[t],
					      cli->filter.tags[i]) == 0;
		if (!hit)
			return data_false("no tag '%s' in the bank (see "
					  "'quiz tags')",
				cli->filter.tags[i]);
	}
	for (size_t i = 0; i < cli->filter.n_langs; i++) {
		bool hit = false;
		for (size_t k = 0; k < b->n_questions && !hit; k++)
			hit = strcmp(b->questions[k].lang,
				      cli->filter.langs[i]) == 0;
		if (!hit)
			return data_false("no questions in language '%s' "
					  "in the bank",
				cli->filter.langs[i]);
	}
	return true;
}

bool cli_load_bank(struct cli *cli)
{
	if (cli->bank_loaded)
		return true;
	bool ok = true;
	const char *env = getenv("QUIZ_BANK");
	if (cli->n_banks) {
		ok = cli_load_paths(&cli->bank, cli->banks, cli->n_banks, NULL);
	} else if (env && *env) {
		ok = load_env_banks(&cli->bank, env, NULL);
	} else {
		ok = bank_load_builtin(&cli->bank, NULL);
	}
	ok = ok && bank_validate(&cli->bank, NULL);
	bank_index(&cli->bank);
	if (!ok) {
		quiz_warn("cannot use the bank: fix the problems above "
			  "(quiz check)");
		return false;
	}
	cli->bank_loaded = true;
	return check_filter_values(cli);
}

const struct quiz_question *cli_find_question(
	const struct cli *cli, const char *id)
{
	const struct quiz_question *q = bank_find(&cli->bank, id);
	if (!q)
		quiz_warn("unknown question id '%s' (see 'quiz list --format "
			  "ids')",
			id);
	return q;
}

bool cli_parse_date(const char *s, long *day)
{
	/* apply_option passes NULL for options without a value */
	return s && sched_parse_date(s, day) && s[10] == '\0';
}

size_t cli_select(struct cli *cli, bool shuffle, size_t default_count,
	const double *priority, const bool *keep, size_t **out)
{
	struct sample_opts opts = {
		.count = cli->count_set ? cli->count : default_count,
		.shuffle = shuffle || cli->seed_set,
		.seed = cli->seed,
		.priority = priority,
		.keep = keep,
	};
	if (opts.shuffle && !cli->seed_set) {
		cli->seed = sample_fresh_seed();
		cli->seed_set = true;
		opts.seed = cli->seed;
	}
	return sample_select(&cli->bank, &cli->filter, &opts, out);
}

bool cli_color(const struct cli *cli, int fd)
{
	if (cli->color == COLOR_ALWAYS)
		return true;
	if (cli->color == COLOR_NEVER)
		return false;
	const char *no = getenv("NO_COLOR");
	if (no && *no)
		return false;
	const char *term = getenv("TERM");
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fd);
}
