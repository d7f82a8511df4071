/* tunables: every weight, threshold and cap of quiz in one place. Tests refer
 * to these names rather than to the numbers. */
#ifndef QUIZ_TUNABLES_H
#define QUIZ_TUNABLES_H

/* --- general ----------------------------------------------------------- */
/* Default --pass threshold: a score at or above it passes `quiz grade`. */
#define PASS_THRESHOLD_DEFAULT 0.6
/* Largest bank file we will read: larger is almost surely a mistake. */
#define BANK_FILE_MAX (64u * 1024u * 1024u)
/* Longest id, chapter, tag or lang string accepted in a bank. */
#define BANK_NAME_MAX 128
/* Longest question or answer text accepted in a bank. */
#define BANK_TEXT_MAX (256u * 1024u)
/* Largest CSV field read (answers in batch files, history rows). */
#define CSV_FIELD_MAX (1024u * 1024u)
/* Default number of questions in an interactive session and a drill. */
#define SESSION_COUNT_DEFAULT 10
#define DRILL_COUNT_DEFAULT 5

/* --- grader (owned by grade/norm/token/match) -------------------------- */

/* --- import and mojibake (owned by import/mojibake) --------------------- */
/* Text is taken as double-encoded when at least this many characters map
 * back to a UTF-8 lead byte followed by a continuation byte (and they
 * outnumber the characters no code page byte stands for). */
#define MOJIBAKE_DETECT_MIN_PAIRS 3
/* Keywords generated for an answered question (before curation). */
#define IMPORT_KEYWORDS_MAX 10
#define IMPORT_KEYWORDS_MIN 3
/* Longest keyword term taken from a bold span or a list-item head. */
#define IMPORT_KEYWORD_TERM_MAX 60

/* --- session and drill -------------------------------------------------- */

#endif
