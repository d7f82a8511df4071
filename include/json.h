/* json: building and printing JSON output (grade results, session records,
 * summaries). Wraps cJSON so that no other module but bank sees it.
 * Ownership: every value belongs to the root it was created under; free
 * only roots, with json_free. */
#ifndef QUIZ_JSON_H
#define QUIZ_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct json;

struct json *json_new_object(void);
struct json *json_new_array(void);
void json_free(struct json *root);

/* Object members. A NULL string value is written as null. */
void json_set_str(struct json *obj, const char *key, const char *val);
void json_set_num(struct json *obj, const char *key, double val);
void json_set_int(struct json *obj, const char *key, long long val);
void json_set_bool(struct json *obj, const char *key, bool val);
/* New child object or array under key; owned by obj. */
struct json *json_set_object(struct json *obj, const char *key);
struct json *json_set_array(struct json *obj, const char *key);

/* Array elements. */
void json_push_str(struct json *arr, const char *val);
void json_push_num(struct json *arr, double val);
struct json *json_push_object(struct json *arr);

/* Prints v and a newline: indented when pretty, else on one line (ndjson).
 * Returns false on a write error. */
bool json_print(FILE *out, const struct json *v, bool pretty);

/* For bank.c, the one other module that builds cJSON trees: prints a tree
 * the same way. */
struct cJSON;
bool json_print_cjson(FILE *out, const struct cJSON *tree, bool pretty);

#endif
