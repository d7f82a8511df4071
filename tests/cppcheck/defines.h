/* Macros cppcheck needs to parse quiz without reading system headers
 * (passed with --include by .ci/run): cJSON's loop over an array or object,
 * which it would otherwise take for an unknown function call. */
#define cJSON_ArrayForEach(e, a) for (e = (a) ? (a)->child : 0; e; e = e->next)
