/* json: JSON output built on cJSON, kept behind an opaque type so that the
 * rest of quiz never handles cJSON pointers. */
#include "json.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "util.h"

/* struct json is never defined: a struct json * is a cJSON * in disguise. */
static cJSON *cj(const struct json *v)
{
	return (cJSON *)(void *)(uintptr_t)v;
}

static struct json *wrap(cJSON *v)
{
	if (!v) {
		fputs("quiz: out of memory\n", stderr);
		abort();
	}
	return (struct json *)(void *)v;
}

struct json *json_new_object(void)
{
	return wrap(cJSON_CreateObject());
}

struct json *json_new_array(void)
{
	return wrap(cJSON_CreateArray());
}

void json_free(struct json *root)
{
	cJSON_Delete(cj(root));
}

static void add(struct json *obj, const char *key, cJSON *item)
{
	wrap(item);
	if (!cJSON_AddItemToObject(cj(obj), key, item))
		wrap(NULL);
}

void json_set_str(struct json *obj, const char *key, const char *val)
{
	add(obj, key, val ? cJSON_CreateString(val) : cJSON_CreateNull());
}

/* Rounded so that 0.6 prints as 0.6, not 0.59999999999999998. */
static double tidy(double v)
{
	if (!isfinite(v))
		return 0;
	return round(v * 1e6) / 1e6;
}

void json_set_num(struct json *obj, const char *key, double val)
{
	add(obj, key, cJSON_CreateNumber(tidy(val)));
}

void json_set_int(struct json *obj, const char *key, long long val)
{
	add(obj, key, cJSON_CreateNumber((double)val));
}

void json_set_bool(struct json *obj, const char *key, bool val)
{
	add(obj, key, cJSON_CreateBool(val));
}

struct json *json_set_object(struct json *obj, const char *key)
{
	cJSON *child = cJSON_CreateObject();
	add(obj, key, child);
	return wrap(child);
}

struct json *json_set_array(struct json *obj, const char *key)
{
	cJSON *child = cJSON_CreateArray();
	add(obj, key, child);
	return wrap(child);
}

static void push(struct json *arr, cJSON *item)
{
	wrap(item);
	if (!cJSON_AddItemToArray(cj(arr), item))
		wrap(NULL);
}

void json_push_str(struct json *arr, const char *val)
{
	push(arr, val ? cJSON_CreateString(val) : cJSON_CreateNull());
}

void json_push_num(struct json *arr, double val)
{
	push(arr, cJSON_CreateNumber(tidy(val)));
}

struct json *json_push_object(struct json *arr)
{
	cJSON *child = cJSON_CreateObject();
	push(arr, child);
	return wrap(child);
}

bool json_print(FILE *out, const struct json *v, bool pretty)
{
	char *s = pretty ? cJSON_Print(cj(v)) : cJSON_PrintUnformatted(cj(v));
	if (!s)
		wrap(NULL);
	bool ok = fputs(s, out) >= 0 && fputc('\n', out) != EOF;
	cJSON_free(s);
	return ok;
}
