/* json: JSON output built on cJSON, kept behind an opaque type so that the
 * rest of quiz never handles cJSON pointers. */
#include "json.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* struct json is never defined: a struct json * is a cJSON * in disguise. */
static cJSON *cj(const struct json *v)
{
	return (cJSON *)(void *)(uintptr_t)v;
}

static struct json *wrap(cJSON *v)
{
	if (!v)
		xalloc_die();
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

/* --- printing -------------------------------------------------------- *
 * Our own printer rather than cJSON_Print: two-space indentation as jq
 * prints it, short arrays of scalars on one line, UTF-8 kept as is. */

static void put_string(FILE *out, const char *s)
{
	putc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(out, "\\u%04x", *p);
			else
				putc(*p, out);
		}
	}
	putc('"', out);
}

static void put_number(FILE *out, double d)
{
	if (!isfinite(d)) {
		fputs("null", out);
		return;
	}
	if (d == floor(d) && fabs(d) < 1e15) {
		fprintf(out, "%.0f", d);
		return;
	}
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%.15g", d);
	if (strtod(tmp, NULL) != d)
		snprintf(tmp, sizeof tmp, "%.17g", d);
	fputs(tmp, out);
}

static bool is_scalar(const cJSON *v)
{
	return !cJSON_IsArray(v) && !cJSON_IsObject(v);
}

static void indent(FILE *out, int depth)
{
	for (int i = 0; i < depth; i++)
		fputs("  ", out);
}

static void put_value(FILE *out, const cJSON *v, bool pretty, int depth)
{
	if (cJSON_IsString(v)) {
		put_string(out, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		put_number(out, v->valuedouble);
	} else if (cJSON_IsTrue(v)) {
		fputs("true", out);
	} else if (cJSON_IsFalse(v)) {
		fputs("false", out);
	} else if (cJSON_IsNull(v)) {
		fputs("null", out);
	} else {
		bool obj = cJSON_IsObject(v);
		/* Empty containers and arrays of scalars stay on one line. */
		bool flat = !pretty || !v->child;
		if (!obj && pretty) {
			flat = true;
			for (const cJSON *c = v->child; c; c = c->next)
				flat = flat && is_scalar(c);
		}
		putc(obj ? '{' : '[', out);
		for (const cJSON *c = v->child; c; c = c->next) {
			if (flat) {
				if (c != v->child)
					fputs(pretty ? ", " : ",", out);
			} else {
				fputs(c == v->child ? "\n" : ",\n", out);
				indent(out, depth + 1);
			}
			if (obj) {
				put_string(out, c->string);
				fputs(pretty ? ": " : ":", out);
			}
			put_value(out, c, pretty, depth + 1);
		}
		if (!flat) {
			putc('\n', out);
			indent(out, depth);
		}
		putc(obj ? '}' : ']', out);
	}
}

bool json_print_cjson(FILE *out, const struct cJSON *tree, bool pretty)
{
	put_value(out, tree, pretty, 0);
	putc('\n', out);
	return !ferror(out);
}

bool json_print(FILE *out, const struct json *v, bool pretty)
{
	return json_print_cjson(out, cj(v), pretty);
}
