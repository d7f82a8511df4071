/* keypoints: the grader's prepared key points, shared by the files of the
 * grade module (grade.c matches and scores, keypoints.c prepares, lint.c
 * checks a bank's key points). Not a public interface: callers use
 * grade.h.
 *
 * A question's key points (its bank keywords and misconceptions, or the
 * points derived from its model answer) are prepared once into a struct
 * prep kept in the grade context; grading an answer reuses the context's
 * scratch buffers. */
#ifndef QUIZ_KEYPOINTS_H
#define QUIZ_KEYPOINTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "grade.h"
#include "norm.h"
#include "token.h"
#include "util.h"

/* One way to say a key point: its term or one alias. */
struct form {
	char *text; /* normalized; the tokens refer to it */
	struct token_list toks;
	uint32_t *a; /* the primary tokens, in order */
	size_t na;
	uint32_t *b; /* compounds joined (nb == 0: none) */
	size_t nb;
	bool *glued; /* per token of a: part of a compound with the one
		      * before */
	size_t subject; /* an alias's own subject ("OLAP: ..."), SIZE_MAX:
			 * the point's */
	bool acronym; /* written in capitals: may match its expansion */
	bool paraphrased; /* made by the lexicon, not written in the bank */
	bool initials; /* its initials may stand for it in an answer
			* (mark_initials) */
	bool anti; /* says the opposite of its key words: an odd
		    * number of negators and antonyms */
	bool any_order; /* a key point's two words that say the same in
			 * either order (see any_order) */
};

struct point {
	const char *term; /* the bank's term, or owned */
	char *owned;
	double weight;
	bool required;
	bool negated; /* stands negated in the model answer */
	bool shared; /* CJK only: its characters may also count for
		      * other points, as overlapping bigrams must */
	bool claim; /* a bank point or misconception: polarity over the
		     * clause, not only the next word */
	size_t subject; /* "SUBJECT: CLAIM": index into prep's subjects,
			 * SIZE_MAX when the point has none */
	const char *correction; /* misconceptions: what is right */
	struct form *forms;
	size_t n_forms;
};

/* The subject of "SUBJECT: CLAIM" points, and the ways to say it. */
struct subject {
	char *text;
	struct form *forms;
	size_t n_forms;
};

/* Where a subject is named in the answer (positions first..last). */
struct mention {
	uint32_t first;
	uint32_t last;
	size_t subject;
};

/* What a match says, compared with the point. */
enum said {
	SAID_SAME,
	SAID_OPPOSITE, /* negated or reversed in direction */
	SAID_OTHER_SUBJECT, /* of another subject of the question */
	SAID_NO_SUBJECT, /* no subject in its sentence */
};

struct prep {
	const struct quiz_question *q;
	struct point *points;
	size_t n;
	struct point *mis; /* misconceptions */
	size_t n_mis;
	struct subject *subjects;
	size_t n_subjects;
	size_t subj_cap;
	size_t max_tokens; /* longest form */
	struct point *model; /* the model answer's derived points, for a
			      * question with key points of its own */
	size_t n_model;
	bool model_cjk; /* most of them are CJK */
	uint32_t *topic; /* sorted key ids of the question, the model
			  * answer and the key points */
	size_t n_topic;
};

struct priv {
	struct token_ctx tc;
	uint32_t *df; /* model answers holding each key id (index) */
	size_t n_df; /* ids counted */
	size_t n_docs;
	/* The bank whose answers are still to count: df is needed only for
	 * the bank's own key points (prep_keywords), so it is counted when
	 * the first question that has them is prepared; NULL once counted. */
	const struct quiz_bank *df_bank;
	struct norm norm;
	struct token_list ans;
	struct prep *bank_preps; /* one per bank question, prepared lazily */
	bool *bank_ready;
	struct prep *extra; /* questions not in the bank */
	size_t n_extra;
	size_t cap_extra;
	bool *used;
	size_t used_cap;
	size_t *hits;
	size_t *scratch;
	size_t *best;
	const uint32_t *best_idx; /* the form's tokens p->best matched, NULL
				   * for an acronym */
	size_t *keep; /* the best form's match, kept aside */
	size_t *alt; /* an in-order match, kept while another order is tried */
	struct buf lines; /* an answer with its line ends marked */
	size_t hits_cap;
	bool *mask; /* used, plus a contradicting match */
	bool *hit; /* positions some point matched on its own */
	double *cred;
	size_t *order;
	size_t *words; /* answer words each point matched alone */
	enum said *said; /* how each point's rejected match said it */
	size_t points_cap;
	struct mention *mentions; /* subjects named in the answer */
	size_t n_mentions;
	size_t mentions_cap;
	uint32_t *sentence; /* sentence number of each answer position */
	size_t sentence_cap;
};

/* The context's private state. */
struct priv *grade_priv(const struct grade_ctx *ctx);
/* q's prepared key points, prepared on first use (grade.c). */
const struct prep *grade_prep(struct priv *p, const struct grade_ctx *ctx,
	const struct quiz_question *q);

/* norm_text of an answer whose line ends end sentences (see keypoints.c).
 * The result lives in p->norm until the next call. */
const char *keypoints_norm_lines(
	struct priv *p, const char *s, size_t len, bool spans);
/* Prepares q's key points into *pr; keypoints_free releases them. */
void keypoints_build(
	struct priv *p, const struct quiz_question *q, struct prep *pr);
void keypoints_free(struct prep *pr);
bool keypoints_has_id(const struct token_list *l, uint32_t id);

#endif
