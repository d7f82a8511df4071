/* builtin: loading the bank compiled into the binary. Start-up decodes the
 * images that tools/bankc.c made of questions/NAME.json at build time (the
 * cache's format: offsets, so the program has no pointers to relocate),
 * so it parses nothing and copies no string; `quiz check` (a lint load)
 * parses the embedded JSON text instead, so that its diagnostics keep
 * pointing at file:line:col. tests/test_builtin.c holds the two equal. */
#include "bank.h"
#include "builtin.h"
#include "cache.h"

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
	bool ok = true;
	for (size_t i = 0; i < builtin_images_count; i++)
		ok = cache_load_image(bank, builtin_images[i].data,
			     builtin_images[i].len, builtin_images[i].name) &&
			ok;
	return ok;
}
