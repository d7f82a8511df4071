/* Unit tests of the config file reader: lines, sections, quotes, booleans. */
#include <string.h>

#include "check.h"
#include "conffile.h"

static void splits_keys_values_and_sections(void)
{
	static const char text[] = "# comment\r\n; another\n\n"
				   "  count =  5 \r\n"
				   "bank = \"/a b/bank.json\"\n"
				   "[grade]\n"
				   "pass=0.7\n"
				   "[ list ]\n"
				   "format = ids";
	struct conffile c;
	conffile_init(&c);
	conffile_parse(&c, "t", text, strlen(text));
	CHECK_INT(c.n_entries, 4);
	if (c.n_entries == 4) {
		CHECK_STR(c.entries[0].section, "");
		CHECK_STR(c.entries[0].key, "count");
		CHECK_STR(c.entries[0].value, "5");
		CHECK_INT(c.entries[0].line, 4);
		CHECK_STR(c.entries[1].value, "/a b/bank.json");
		CHECK_STR(c.entries[2].section, "grade");
		CHECK_STR(c.entries[2].key, "pass");
		CHECK_STR(c.entries[2].value, "0.7");
		CHECK_STR(c.entries[3].section, "list");
		CHECK_INT(c.entries[3].line, 9);
	}
	conffile_free(&c);
}

static void lines_without_a_key_are_skipped(void)
{
	static const char text[] = "just words\n= value\ncount = 2\n";
	struct conffile c;
	conffile_init(&c);
	conffile_parse(&c, "t", text, strlen(text));
	CHECK_INT(c.n_entries, 1);
	CHECK_INT(c.entries[0].line, 3);
	conffile_free(&c);
}

static void reads_booleans(void)
{
	bool b = false;
	CHECK(conffile_bool("Yes", &b) && b);
	CHECK(conffile_bool("on", &b) && b);
	CHECK(conffile_bool("0", &b) && !b);
	CHECK(conffile_bool("FALSE", &b) && !b);
	CHECK(!conffile_bool("maybe", &b));
}

int main(void)
{
	RUN(splits_keys_values_and_sections);
	RUN(lines_without_a_key_are_skipped);
	RUN(reads_booleans);
	return check_done();
}
