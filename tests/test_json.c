/* Unit tests of JSON output. */
#include <stdlib.h>

#include "check.h"
#include "json.h"

static char *print(const struct json *v, bool pretty)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	CHECK(json_print(f, v, pretty));
	fclose(f);
	return out;
}

static void escapes_and_numbers(void)
{
	struct json *o = json_new_object();
	json_set_str(o, "s", "q\"\\\n\t\x01 中");
	json_set_num(o, "score", 0.6);
	json_set_num(o, "third", 1.0 / 3.0);
	json_set_int(o, "n", 12);
	json_set_bool(o, "ok", true);
	json_set_str(o, "none", NULL);
	char *s = print(o, false);
	CHECK_STR(s,
		"{\"s\":\"q\\\"\\\\\\n\\t\\u0001 中\",\"score\":0.6,"
		"\"third\":0.333333,\"n\":12,\"ok\":true,\"none\":null}\n");
	free(s);
	json_free(o);
}

static void pretty_layout(void)
{
	struct json *a = json_new_array();
	struct json *o = json_push_object(a);
	struct json *tags = json_set_array(o, "tags");
	json_push_str(tags, "a");
	json_push_num(tags, 2);
	json_set_array(o, "empty");
	char *s = print(a, true);
	CHECK_STR(s,
		"[\n  {\n    \"tags\": [\"a\", 2],\n    \"empty\": []\n"
		"  }\n]\n");
	free(s);
	json_free(a);
}

int main(void)
{
	RUN(escapes_and_numbers);
	RUN(pretty_layout);
	return check_done();
}
