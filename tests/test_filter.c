/* Unit tests of chapter, tag, kind and language filters. */
#include "check.h"
#include "filter.h"

static void chapter_prefix_on_boundaries(void)
{
	CHECK(filter_chapter_matches("aie-8", "aie-8"));
	CHECK(filter_chapter_matches("aie-8", "aie-8.1"));
	CHECK(filter_chapter_matches("aie-8", "aie-8-extra"));
	CHECK(!filter_chapter_matches("aie-8", "aie-80"));
	CHECK(!filter_chapter_matches("aie-8", "aie-"));
	CHECK(filter_chapter_matches("aie", "aie-1.1"));
	CHECK(!filter_chapter_matches("ai", "aie-1.1"));
	CHECK(filter_chapter_matches("aie-", "aie-1.1"));
	CHECK(filter_chapter_matches("mlsd-3.1", "mlsd-3.1"));
	CHECK(!filter_chapter_matches("mlsd-3.1", "mlsd-3.10"));
	CHECK(!filter_chapter_matches("AIE", "aie-8"));
	CHECK(filter_chapter_matches("", "anything"));
}

static struct quiz_question question(const char *chapter, char **tags,
	size_t n_tags, const char *lang, enum quiz_kind kind)
{
	struct quiz_question q = {0};
	q.chapter = (char *)chapter;
	q.tags = tags;
	q.n_tags = n_tags;
	q.lang = (char *)lang;
	q.kind = kind;
	return q;
}

static void or_within_and_across(void)
{
	char *tags[] = {"data", "rag"};
	struct quiz_question q =
		question("aie-8.1", tags, 2, "en", QUIZ_KIND_INTERVIEW);
	struct quiz_filter f;
	filter_init(&f);
	CHECK(filter_match(&f, &q));
	filter_add_chapter(&f, "mlsd");
	CHECK(!filter_match(&f, &q));
	filter_add_chapter(&f, "aie-8");
	CHECK(filter_match(&f, &q));
	filter_add_tag(&f, "sql");
	CHECK(!filter_match(&f, &q));
	filter_add_tag(&f, "rag");
	CHECK(filter_match(&f, &q));
	filter_add_lang(&f, "zh");
	CHECK(!filter_match(&f, &q));
	filter_add_lang(&f, "en");
	CHECK(filter_match(&f, &q));
	CHECK(filter_add_kind(&f, "summary"));
	CHECK(!filter_match(&f, &q));
	CHECK(filter_add_kind(&f, "interview"));
	CHECK(filter_match(&f, &q));
	CHECK(!filter_add_kind(&f, "essay"));
	filter_free(&f);
}

int main(void)
{
	RUN(chapter_prefix_on_boundaries);
	RUN(or_within_and_across);
	return check_done();
}
