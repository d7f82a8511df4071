/* cli: option parsing and command dispatch (work in progress). */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "util.h"

int cli_main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("quiz %s\n", QUIZ_VERSION);
		return QUIZ_EXIT_OK;
	}
	quiz_warn("no command yet");
	return QUIZ_EXIT_ERROR;
}
