/* grade: scores a typed answer against a question's key points.
 * keywords + answer -> score in [0,1], verdict, matched and missed points.
 * Weights and thresholds come from tunables.h; the method is described in
 * doc/SCORING.md.
 *
 * CONTRACT (shared by cli, session and batch grading; extend, don't rename):
 *   grade_ctx_init / grade_ctx_free   per loaded bank (derived keywords, ...)
 *   grade_answer                      one answer -> struct grade_result
 *   grade_result_free
 *   grade_verdict_name, grade_suggest_rating, grade_rating_name/parse
 */
#ifndef QUIZ_GRADE_H
#define QUIZ_GRADE_H

#include <stdbool.h>
#include <stddef.h>

#include "question.h"

enum grade_verdict {
	GRADE_INCORRECT,
	GRADE_PARTIAL,
	GRADE_CORRECT,
};

/* Self-grades, as in spaced repetition. */
enum grade_rating {
	RATING_AGAIN,
	RATING_HARD,
	RATING_GOOD,
	RATING_EASY,
	RATING_COUNT
};

/* One key point of the question and how the answer did on it. */
struct grade_point {
	const char *term; /* display text; owned by the bank or the grade_ctx */
	double weight;
	bool required;
	double credit; /* [0,1]: 1 fully matched, partial for phrases */
	bool matched; /* credit reached the "matched" bar */
	bool reversed; /* not matched: the answer says the opposite (negated,
			* or the other direction: lowers for raises) */
	bool swapped; /* not matched: said of another subject of the
		       * question ("OLAP: row storage" for "OLTP: ...") */
};

/* A misconception the answer makes: the bank's claim, and what is right
 * instead (NULL when the bank gives none). Both owned by the bank. */
struct grade_claim {
	const char *claim;
	const char *correction;
};

/* Ownership: the caller owns the result; free it with grade_result_free. */
struct grade_result {
	double score; /* [0,1], calibrated to read like an interviewer's grade
		       */
	double coverage; /* [0,1], raw weighted key-point coverage */
	/* [0,1], the weighted share of the model answer's content words
	 * said, blended with coverage (GRADE_KEYPOINT_SHARE) for a question
	 * with key points of its own; negative when not used (no such key
	 * points, or the answer in another script than the model answer) */
	double model_coverage;
	enum grade_verdict verdict;
	struct grade_point *points;
	size_t n_points;
	size_t n_matched;
	struct grade_claim *claims; /* misconceptions made */
	size_t n_claims;
	size_t claims_cap;
};

/* Per-bank grading state (e.g. keywords derived from model answers).
 * Fields are private to grade.c. Must outlive results that point into it;
 * the bank must outlive the context. */
struct grade_ctx {
	const struct quiz_bank *bank;
	void *priv;
};

void grade_ctx_init(struct grade_ctx *ctx, const struct quiz_bank *bank);
void grade_ctx_free(struct grade_ctx *ctx);

/* Scores answer (len bytes of UTF-8; invalid bytes tolerated) for q. */
void grade_answer(const struct grade_ctx *ctx, const struct quiz_question *q,
	const char *answer, size_t len, struct grade_result *out);
void grade_result_free(struct grade_result *r);

/* A score as a whole percentage, rounded down, as every output shows it:
 * a failing 59.5% must not read as the passing 60%. */
int grade_percent(double score);

struct buf;

/* The wrong claims of r, as every feedback shows them (quiz grade, a
 * session): its reversed and swapped points, then its misconceptions.
 * grade_claim_count gives their number; grade_claim_text appends line k
 * (k < count; "Careful: you said ...", no newline) to out. */
size_t grade_claim_count(const struct grade_result *r);
void grade_claim_text(const struct grade_result *r, size_t k, struct buf *out);

/* "incorrect", "partial", "correct". */
const char *grade_verdict_name(enum grade_verdict v);
/* The self-grade suggested for a score. */
enum grade_rating grade_suggest_rating(double score);
/* "again", "hard", "good", "easy". */
const char *grade_rating_name(enum grade_rating r);
bool grade_rating_parse(const char *s, enum grade_rating *out);

/* The verdict for a score under a pass threshold (cli --pass): "correct"
 * at or above pass, "partial" at or above GRADE_PARTIAL_THRESHOLD (or
 * pass, when lower), else "incorrect". grade_answer uses
 * PASS_THRESHOLD_DEFAULT. */
enum grade_verdict grade_verdict_for(double score, double pass);

/* The score for a raw weighted key-point coverage in [0,1]: coverage ^
 * GRADE_SCORE_GAMMA, tapered linearly to 0 below GRADE_SCORE_RAMP so that
 * one stray key point out of five or more stays a failing grade. */
double grade_calibrate(double coverage);

/* A stretch of the model answer (bytes [start, end) of q->answer) that a
 * matched key point covers, for highlighting. */
struct grade_span {
	size_t start;
	size_t end;
	size_t point; /* index into the result's points */
};

/* The spans of q->answer covered by r's matched points, sorted by start
 * (they may overlap when two points share words). *out is allocated and
 * owned by the caller (free()); returns their number (0: *out is NULL). */
size_t grade_spans(const struct grade_ctx *ctx, const struct quiz_question *q,
	const struct grade_result *r, struct grade_span **out);

/* Lints the key points and misconceptions of q for quiz check; each
 * problem is one message (without file position) passed to report:
 * duplicate or nested points (they compete for the same words), points of
 * more than GRADE_POINT_WORDS_MAX words, points that only repeat the
 * question, and misconceptions that the model answer itself makes. */
void grade_lint(const struct grade_ctx *ctx, const struct quiz_question *q,
	void (*report)(void *arg, const char *msg), void *arg);

#endif
