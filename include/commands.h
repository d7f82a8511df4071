/* commands: entry points of the subcommands, dispatched from cli.c's table.
 * Each returns an enum quiz_exit value. */
#ifndef QUIZ_COMMANDS_H
#define QUIZ_COMMANDS_H

#include "cli.h"

/* browse.c: read-only commands */
int cmd_list(struct cli *cli);
int cmd_show(struct cli *cli);
int cmd_chapters(struct cli *cli);
int cmd_tags(struct cli *cli);
int cmd_check(struct cli *cli);
int cmd_export(struct cli *cli);

/* cmd_grade.c: grade one answer, or a CSV of them with --batch */
int cmd_grade(struct cli *cli);

/* cmd_import.c: build a bank from Markdown or text documents */
int cmd_import(struct cli *cli);

/* cmd_session.c: interactive sessions */
int cmd_ask(struct cli *cli);
int cmd_drill(struct cli *cli);

/* cmd_progress.c: progress from the history */
int cmd_stats(struct cli *cli);
int cmd_history(struct cli *cli);
int cmd_plan(struct cli *cli);

#endif
