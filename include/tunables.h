/* tunables: every weight, threshold and cap of quiz in one place. Tests refer
 * to these names rather than to the numbers. */
#ifndef QUIZ_TUNABLES_H
#define QUIZ_TUNABLES_H

/* --- general ----------------------------------------------------------- */
/* Default --pass threshold: a score at or above it passes `quiz grade`. */
#define PASS_THRESHOLD_DEFAULT 0.6

/* --- limits (quiz(1) LIMITS; SECURITY.md) ------------------------------ */
/* Every input is read within a limit checked before memory grows past it:
 * banks and notes come from strangers, and answers may be of any size. */
/* Largest bank file read (also notes, curation and rules files), checked
 * with fstat before reading; QUIZ_MAX_BANK_BYTES raises it
 * (quiz_max_bank_bytes). The tree cJSON builds costs about 2.4 times the
 * file. */
#define BANK_FILE_MAX (64u * 1024u * 1024u)
/* Most questions in one bank file (a directory of files may hold more):
 * bounds the per-question tables however small the questions are. */
#define BANK_QUESTIONS_MAX 1000000u
/* Deepest nesting of JSON arrays and objects: cJSON's CJSON_NESTING_LIMIT,
 * compiled into the library (a bank needs 4). */
#define BANK_DEPTH_MAX 1000
/* Smallest bank file worth a compiled cache (cache.h): below it parsing
 * takes a few milliseconds, and tests with small banks write no cache. */
#define BANK_CACHE_MIN (256u * 1024u)
/* Longest id, chapter, tag or lang string accepted in a bank. */
#define BANK_NAME_MAX 128
/* Longest question or answer text accepted in a bank. */
#define BANK_TEXT_MAX (256u * 1024u)
/* Largest config file read (quiz(5)-style settings, a few lines). */
#define CONFFILE_MAX (1024u * 1024u)
/* Largest CSV record read, in bytes (a batch row, a history row); the
 * record is refused before libcsv holds more. */
#define CSV_FIELD_MAX (1024u * 1024u)
/* Default number of questions in an interactive session and a drill. */
#define SESSION_COUNT_DEFAULT 10
#define DRILL_COUNT_DEFAULT 5

/* --- grader (owned by grade/norm/token/match) -------------------------- */
/* Words of at least this many characters tolerate one typo (an edit or a
 * transposition of neighbours); shorter words must match exactly. */
#define MATCH_TYPO_MIN1 4
/* ... and two typos from this length on. */
#define MATCH_TYPO_MIN2 9
#define MATCH_TYPO_MAX 2
/* Longest word (bytes) compared with typos; longer ones match exactly. */
#define MATCH_WORD_MAX 48
/* Credit for a word matched with typos (an exact match gets 1). */
#define MATCH_TYPO_CREDIT 0.9
/* A phrase found in part earns the share of its words found in order, once
 * at least this many of them are found. */
#define MATCH_PARTIAL_MIN 2
/* Consecutive words of a phrase may be this many positions apart. */
#define MATCH_PHRASE_WINDOW 3
/* Acronyms of 2 to 6 letters match the words they abbreviate. */
#define MATCH_ACRONYM_MIN 2
#define MATCH_ACRONYM_MAX 6

/* A key point counts as matched with at least this much credit (2 words
 * of a 3-word phrase, not 1 of 2). */
#define GRADE_MATCHED_BAR 0.6
/* score = coverage ^ GRADE_SCORE_GAMMA: interviewers give most of the
 * grade for the first key points (see doc/SCORING.md)... */
#define GRADE_SCORE_GAMMA 0.5
/* ... except below this coverage, where the score falls linearly to 0: a
 * word or two in common is not half an answer. */
#define GRADE_SCORE_RAMP 0.3
/* An answer that matches at most one key point, or at most this share of
 * them, of a question that has at least GRADE_FEW_POINTS_MIN scores at
 * most GRADE_FEW_POINTS_CAP: a point or two in common is what an answer
 * to another question has too. */
#define GRADE_FEW_POINTS_SHARE 0.25
#define GRADE_FEW_POINTS_MIN 3
#define GRADE_FEW_POINTS_CAP 0.3
/* A misconception is made, and a subject of "SUBJECT: CLAIM" points is
 * named, when it is found whole: this much credit, every word (typos
 * allowed), not most of them. */
#define GRADE_WHOLE_BAR 0.85
/* Each wrong claim of an answer (a misconception of the bank it makes, a
 * key point it says the other way round or of another subject) takes
 * this share of its score: a wrong claim costs more than an omission. */
#define GRADE_WRONG_CLAIM_COST 0.5
/* A question with key points of its own is scored on a blend of two
 * coverages: this share from its key points, the rest from the model
 * answer's content words (the points a question without key points
 * derives). Key points carry roles, polarity and aliases; the model
 * answer's words reward an answer that says the same things in other
 * phrases than the points', and cost an answer that reuses the key terms
 * and says little else. Question-grouped cross-validation of Spearman on
 * the interview dev set picks 0.0-0.1; 0.1 drops the T answers' pass rate
 * below its target, 0.2 keeps it (bench/README.md). */
#define GRADE_KEYPOINT_SHARE 0.2
/* Credit of a key point's two words found in one sentence in the other
 * order ("the quality of the data" for "data quality"). Anything from
 * 0.75 to 1 gives the same dev figures within 0.001. */
#define GRADE_UNORDERED_CREDIT 0.9
/* The score when a required key point is missed is at most this. */
#define GRADE_REQUIRED_CAP 0.5
/* Verdicts: "correct" at or above the pass threshold, "partial" at or
 * above this, else "incorrect". */
#define GRADE_PARTIAL_THRESHOLD 0.3
/* Weight of a derived key point that the question itself contains. */
#define GRADE_QUESTION_WORD_WEIGHT 0.8
/* The bank's own key points weigh idf ^ GRADE_KEYWORD_IDF_POWER (mean over
 * a term's words), idf computed over the loaded bank's model answers: a key
 * point made of words that most model answers use is easily hit by an
 * answer to another question. */
#define GRADE_KEYWORD_IDF_POWER 1.0
/* Most key points derived from one model answer: a bound on the work per
 * answer, above every model answer of the built-in bank (at 48, 203 of the
 * 278 dev answers were graded against a model answer cut short, and its
 * last sentences counted for nothing). */
#define GRADE_DERIVED_MAX 128
/* Shortest derived word (characters): single letters name things (bulb A). */
#define GRADE_DERIVED_MIN_CHARS 2
/* quiz check: a key point longer than this (words) is a sentence, not a
 * point. */
#define GRADE_POINT_WORDS_MAX 6
/* Self-grade suggestions: below the partial threshold "again", below the
 * pass threshold "hard", below this "good", else "easy". */
#define GRADE_EASY_THRESHOLD 0.85

/* --- import and mojibake (owned by import/mojibake) --------------------- */
/* Text is taken as double-encoded when at least this many characters map
 * back to a UTF-8 lead byte followed by a continuation byte (and they
 * outnumber the characters no code page byte stands for). */
#define MOJIBAKE_DETECT_MIN_PAIRS 3
/* Keywords generated for an answered question (before curation). */
#define IMPORT_KEYWORDS_MAX 10
#define IMPORT_KEYWORDS_MIN 3
/* Largest question number read from notes ("Q12:", "12. "): more digits
 * make no question number (they would overflow an int). */
#define IMPORT_NUMBER_MAX 99999
/* Longest keyword term taken from a bold span or a list-item head. */
#define IMPORT_KEYWORD_TERM_MAX 60
/* A keycap list, or a topic overview, makes a concept question when it
 * has at least this many items. */
#define IMPORT_LIST_ITEMS_MIN 3
/* A list's lead line without a count ("Project stages:") names the list
 * when it has at most this many words. */
#define IMPORT_LIST_LABEL_WORDS 3

/* --- session and drill -------------------------------------------------- */
/* Each :hint lowers the score of that answer by this much (floor 0). */
#define HINT_PENALTY 0.10
/* A hint reveals this fraction of a key point's characters (at least one). */
#define HINT_REVEAL_FRACTION (1.0 / 3.0)
/* Width of the score bar, in columns. */
#define SCORE_BAR_WIDTH 20
/* Text is wrapped to the terminal width, but never wider than this (long
 * lines are hard to read) nor narrower than the minimum. */
#define WRAP_WIDTH_MAX 100
#define WRAP_WIDTH_MIN 20
/* Width assumed when the output is not a terminal and COLUMNS is unset. */
#define WRAP_WIDTH_DEFAULT 80
/* A model answer taller than the screen shows this many lines at least
 * before ":more" shows the rest. */
#define MORE_LINES_MIN 5
/* Drill: seconds per question when --time is not given. */
#define DRILL_TIME_DEFAULT 120
/* Longest answer graded: `quiz grade` reads at most 4 * ANSWER_MAX bytes
 * and grades the first ANSWER_MAX code points, with a warning (also of a
 * --batch answer); typing in a session stops at ANSWER_MAX bytes. */
#define ANSWER_MAX (64u * 1024u)
/* Summary: how many recurring missed key points and review items to list. */
#define SUMMARY_MISSED_MAX 5
#define SUMMARY_REVIEW_MAX 5
/* Drill countdown: redraw period, and from when on it is highlighted. */
#define COUNTDOWN_TICK_MS 1000
#define COUNTDOWN_WARN_SECONDS 10
/* Weakness for drill order: the mean of the last HISTORY_RECENT scores of a
 * question. Questions never answered get HISTORY_UNSEEN_WEAKNESS, so they
 * come after those usually failed and before those usually passed. */
#define HISTORY_RECENT 3
#define HISTORY_UNSEEN_WEAKNESS 0.5
/* Longest history row we write or accept (bytes). */
#define HISTORY_ROW_MAX 1024

/* --- progress (owned by sched, history, progress) ----------------------- */
/* FSRS: the probability of recall a review is scheduled for, and the
 * longest interval in days (ts-fsrs's defaults). */
#define SCHED_RETENTION 0.9
#define SCHED_MAX_INTERVAL 36500
/* History rows list the missed key points in at most this many bytes
 * (whole terms; the rest are left out), so that a row stays well under
 * HISTORY_ROW_MAX. */
#define HISTORY_MISSED_MAX 512
/* quiz stats: the mastery bar's width, and how many of the most missed
 * key points it lists. */
#define STATS_BAR_WIDTH 20
#define STATS_MISSED_MAX 10

#endif
