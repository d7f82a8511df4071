/* cache: compiled bank files under $XDG_CACHE_HOME/quiz/ (else
 * ~/.cache/quiz/), one per bank path, so that a big bank is parsed once and
 * then mapped. A cache file is keyed by the bank file's size, mtime and a
 * hash of its whole content: a bank that changed in any way misses (never
 * stale). It is written to a temporary file and renamed into place
 * (readers see the old file or the new one, never half of one; of two
 * concurrent writers the last rename wins), is checked for bounds when
 * read (a damaged one misses), and is safe to delete at any time.
 *
 * The built-in bank is compiled into the program in the same format
 * (tools/bankc.c), so that start-up relocates no pointers and parses
 * nothing.
 *
 * Ownership: questions loaded from a cache are borrowed (question.h):
 * their strings point into the mapping and their arrays into one block,
 * both kept in the bank's stores until bank_free(). */
#ifndef QUIZ_CACHE_H
#define QUIZ_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "question.h"

/* What identifies one version of a bank file. */
struct cache_key {
	const char *path; /* as given; made absolute to name the cache */
	uint64_t size;
	int64_t mtime_sec;
	int64_t mtime_nsec;
	uint64_t hash; /* cache_hash() of the content */
};

/* Reads fd (a regular file of st->st_size bytes) to its end and fills key
 * with its size, mtime and content hash; false on a read error or when the
 * file did not hold st_size bytes (changing under us: no cache then). */
bool cache_key_of(
	int fd, const char *path, const struct stat *st, struct cache_key *key);

/* The hash of a cache key (exposed for tests). */
uint64_t cache_hash(const void *data, size_t len);
/* The content hash cache_key_of() gives a file of these len bytes: a miss
 * keys the cache by the bytes it parsed, which may differ from the bytes
 * hashed before if the file changed in between. */
uint64_t cache_hash_text(const char *text, size_t len);

/* On a hit appends the cached questions (borrowed, bank_file set to
 * key->path) and chapter titles to bank and returns true; false leaves
 * bank as it was. */
bool cache_load(struct quiz_bank *bank, const struct cache_key *key);

/* Writes the cache of key->path from the n questions at qs and the
 * chapters the file declared. Best effort: any failure leaves no file and
 * says nothing (the cache only saves time). */
void cache_store(const struct cache_key *key, const struct quiz_question *qs,
	size_t n, const struct quiz_chapter *chapters, size_t n_chapters);

/* The bytes of a cache file for the n questions at qs and the chapters
 * (into out, emptied first; left empty when too big for the format). With
 * key NULL it is an image for cache_load_image() (tools/bankc.c). */
struct buf;
void cache_image(const struct cache_key *key, const struct quiz_question *qs,
	size_t n, const struct quiz_chapter *chapters, size_t n_chapters,
	struct buf *out);

/* Appends the questions (borrowed, bank_file set to file) and chapters of
 * an image that lives as long as the bank (the built-in bank's); false,
 * and bank as it was, when it does not read as one. */
bool cache_load_image(struct quiz_bank *bank, const void *image, size_t len,
	const char *file);

/* Unmaps and frees the stores of a bank (bank_free()). */
void cache_release(struct bank_store *stores);

#endif
