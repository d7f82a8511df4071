/* builtin: loading the bank compiled into the binary. Start-up uses the C
 * data that tools/bankc.c made of questions/NAME.json at build time, so it
 * parses nothing and copies no string; `quiz check` (a lint load) parses
 * the embedded JSON text instead, so that its diagnostics keep pointing
 * at file:line:col. tests/test_builtin.c holds the two equal. */
#include "bank.h"
#include "builtin.h"

bool bank_load_builtin_json(struct quiz_bank *bank, struct bank_diag *diag)
{
	bool ok = true;
	for (size_t i = 0; i < builtin_count; i++)
		ok = bank_load_text(bank, builtin_files[i].name,
			     builtin_files[i].data, builtin_files[i].len,
			     diag) &&
			ok;
	return ok;
}

bool bank_load_builtin(struct quiz_bank *bank, struct bank_diag *diag)
{
	if (diag && diag->lint)
		return bank_load_builtin_json(bank, diag);
	bank_adopt(bank, builtin_questions, builtin_n_questions);
	for (size_t i = 0; i < builtin_n_chapters; i++)
		bank_add_chapter(bank, builtin_chapters[i].id,
			builtin_chapters[i].title);
	return true;
}
