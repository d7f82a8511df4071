/* Unit tests of command-line parsing. Usage errors print to stderr; the
 * tests look only at what was parsed. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "tunables.h"

static enum cli_parse_result parse(struct cli *cli, const char *line)
{
	static char store[512];
	static char *argv[32];
	int argc = 0;
	snprintf(store, sizeof store, "quiz %s", line);
	for (char *t = strtok(store, " "); t && argc < 31;
		t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	cli_init(cli);
	return cli_parse(cli, argc, argv);
}

static void options_before_and_after_the_command(void)
{
	struct cli a;
	struct cli b;
	CHECK_INT(parse(&a, "--bank x.json list --count 3 --seed 9"),
		CLI_PARSE_RUN);
	CHECK_STR(a.command, "list");
	CHECK_INT(a.n_banks, 1);
	CHECK_INT(a.count, 3);
	CHECK(a.seed_set && a.seed == 9);
	CHECK_INT(parse(&b, "list --seed 9 --bank x.json --count 3"),
		CLI_PARSE_RUN);
	CHECK_STR(b.command, "list");
	CHECK_INT(b.n_banks, 1);
	CHECK_INT(b.count, 3);
	cli_free(&a);
	cli_free(&b);
}

static void filters_accumulate(void)
{
	struct cli c;
	CHECK_INT(parse(&c,
			  "list --chapter aie-8 --chapter mlsd --tag rag "
			  "--kind summary --lang zh"),
		CLI_PARSE_RUN);
	CHECK_INT(c.filter.n_chapters, 2);
	CHECK_INT(c.filter.n_tags, 1);
	CHECK_INT(c.filter.n_langs, 1);
	CHECK(c.filter.kinds == 1u << QUIZ_KIND_SUMMARY);
	cli_free(&c);
}

static void defaults(void)
{
	struct cli c;
	CHECK_INT(parse(&c, "list"), CLI_PARSE_RUN);
	CHECK_INT(c.format, FORMAT_TEXT);
	CHECK_NEAR(c.pass, PASS_THRESHOLD_DEFAULT, 0);
	CHECK(!c.count_set && !c.seed_set);
	CHECK_INT(c.color, COLOR_AUTO);
	cli_free(&c);
	CHECK_INT(parse(&c, "export"), CLI_PARSE_RUN);
	CHECK_INT(c.format, FORMAT_CSV);
	cli_free(&c);
}

static void positional_arguments(void)
{
	struct cli c;
	CHECK_INT(parse(&c, "show a b --field answer"), CLI_PARSE_RUN);
	CHECK_INT(c.n_args, 2);
	CHECK_STR(c.args[0], "a");
	CHECK_STR(c.args[1], "b");
	CHECK_STR(c.field, "answer");
	cli_free(&c);
	/* After "--" everything is an argument, even what looks like an
	 * option. */
	CHECK_INT(parse(&c, "show -- --chapter"), CLI_PARSE_RUN);
	CHECK_INT(c.n_args, 1);
	CHECK_STR(c.args[0], "--chapter");
	cli_free(&c);
	/* A command name as an argument is an argument. */
	CHECK_INT(parse(&c, "show list"), CLI_PARSE_RUN);
	CHECK_STR(c.command, "show");
	CHECK_STR(c.args[0], "list");
	cli_free(&c);
}

static void usage_errors(void)
{
	static const char *const bad[] = {
		"list --count 0",
		"list --count x",
		"list --count",
		"list --seed -1",
		"list --format yaml",
		"list --kind essay",
		"list --color sometimes",
		"list --pass 0.5",
		"show",
		"show x --format ids",
		"show x --field title",
		"chapters extra",
		"frobnicate",
		"list --nope",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct cli c;
		if (parse(&c, bad[i]) != CLI_PARSE_ERROR) {
			fprintf(stderr, "accepted: quiz %s\n", bad[i]);
			CHECK(false);
		}
		cli_free(&c);
	}
}

static void help_and_version_exit_ok(void)
{
	struct cli c;
	FILE *saved = stdout;
	stdout = fopen("/dev/null", "w");
	CHECK_INT(parse(&c, "--help"), CLI_PARSE_EXIT_OK);
	cli_free(&c);
	CHECK_INT(parse(&c, "list --version"), CLI_PARSE_EXIT_OK);
	cli_free(&c);
	fclose(stdout);
	stdout = saved;
}

int main(void)
{
	RUN(options_before_and_after_the_command);
	RUN(filters_accumulate);
	RUN(defaults);
	RUN(positional_arguments);
	RUN(usage_errors);
	RUN(help_and_version_exit_ok);
	return check_done();
}
