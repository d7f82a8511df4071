/* mojibake: detection and repair of double-encoded text. The damage this
 * module undoes: UTF-8 bytes were decoded one by one through a Windows code
 * page (cp1254, or cp1252 which differs only in six letters) and the
 * characters re-encoded as UTF-8; the bytes the code page leaves undefined
 * (0x81 0x8D 0x8E 0x8F 0x90 0x9D 0x9E) vanished, and so did 0xAD, which
 * decodes to an invisible soft hyphen that was stripped. Also repairs the
 * rarer Mac Roman double encoding of Latin letters ("Fr√©chet").
 *
 * Ownership: every returned string is malloc'd, NUL-terminated and owned by
 * the caller. No function here keeps state between calls. */
#ifndef QUIZ_MOJIBAKE_H
#define QUIZ_MOJIBAKE_H

#include <stdbool.h>
#include <stddef.h>

/* What a repair did, for reports and tests. */
struct mojibake_stats {
	size_t chars_reversed; /* characters mapped back to their byte */
	size_t seqs_rebuilt; /* characters that had lost bytes */
	size_t bytes_rebuilt; /* lost bytes put back */
	size_t seqs_unresolved; /* damaged characters no candidate fitted */
	size_t macroman_fixed; /* Mac Roman pairs turned into one letter */
};

/* True if the byte is one the damage loses. */
bool mojibake_lost_byte(unsigned char b);

/* True if text (valid UTF-8) looks double-encoded: enough characters that
 * map back to a UTF-8 lead byte followed by continuation bytes. */
bool mojibake_detect(const char *text, size_t len);

/* Applies the damage to UTF-8 text (the inverse of the repair, for tests
 * and for matching repaired text against a clean twin). */
char *mojibake_damage(const char *text, size_t len);

/* Removes from UTF-8 text the bytes the damage loses, keeping the rest:
 * two texts that differ only in lost bytes get the same key. The result
 * need not be valid UTF-8; use it only for comparison. */
char *mojibake_key(const char *text, size_t len);

/* Repairs double-encoded text: maps each character back to its byte,
 * rebuilds each lost byte from the candidates the UTF-8 structure allows,
 * choosing by context and a prior on characters. The result is valid UTF-8
 * without U+FFFD. stats may be NULL; counts are added to it. */
char *mojibake_repair(
	const char *text, size_t len, struct mojibake_stats *stats);

/* Repairs only Mac Roman double-encoded Latin letters ("√©" -> "é"). */
char *mojibake_fix_macroman(
	const char *text, size_t len, struct mojibake_stats *stats);

/* The whole pipeline for a document: repair when detected, else the
 * Mac Roman fix. */
char *mojibake_clean(
	const char *text, size_t len, struct mojibake_stats *stats);

#endif
