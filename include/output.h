/* output: the formats a command may write its results in (--format).
 * Its own header so that the session layer can take a format without
 * depending on the command line that parsed it. */
#ifndef QUIZ_OUTPUT_H
#define QUIZ_OUTPUT_H

enum output_format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_NDJSON,
	FORMAT_CSV,
	FORMAT_TSV,
	FORMAT_IDS,
};

#endif
