/* jsonpos: where the values of a cJSON tree stand in the text it was parsed
 * from, for file:line:col diagnostics. cJSON keeps no positions, so a small
 * scanner records the offset of every value in document order, and a
 * pre-order walk of the tree (which keeps document order) pairs each node
 * with its offset. Lines are indexed once, so turning an offset into
 * line:col costs a binary search.
 *
 * Ownership: a struct jsonpos borrows the text and the tree, which must
 * outlive it, and owns its tables until jsonpos_free(). */
#ifndef QUIZ_JSONPOS_H
#define QUIZ_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

struct cJSON;
struct jsonpos_node;

struct jsonpos {
	const char *text;
	size_t len;
	size_t *line_starts; /* offset where each line begins */
	size_t n_lines;
	bool built; /* the node map below is built on first use */
	size_t *offs; /* value offsets in document order */
	size_t n_offs;
	size_t cap_offs;
	struct jsonpos_node *nodes; /* sorted by node pointer */
	size_t n_nodes;
	size_t cap_nodes;
};

/* Indexes the lines of text (len bytes). */
void jsonpos_init(struct jsonpos *jp, const char *text, size_t len);
void jsonpos_free(struct jsonpos *jp);

/* Line and column, both from 1, of a byte offset; the column counts bytes.
 */
void jsonpos_line_col(
	const struct jsonpos *jp, size_t off, long *line, long *col);

/* The offset of node, a node of root, which cJSON parsed from the text
 * (valid JSON); 0 for a node not in the tree. The first call builds the map
 * of every node. */
size_t jsonpos_offset(
	struct jsonpos *jp, const struct cJSON *root, const struct cJSON *node);

/* Sets *out (n entries, caller frees; *out NULL and *n 0 on entry) to the
 * offsets of the elements of the array that is the member key of the root
 * object, without the cost of the full map. Nothing when there is no such
 * array. */
void jsonpos_member_elements(
	const struct jsonpos *jp, const char *key, size_t **out, size_t *n);

#endif
