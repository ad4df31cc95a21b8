/* cmd_breaking.h - ftlc breaking (cmd_breaking.c). */
#ifndef FTLC_CMD_BREAKING_H
#define FTLC_CMD_BREAKING_H

/* Runs `ftlc breaking ...` (argv[1] is "breaking"); returns the exit status. */
int ftl_cmd_breaking(int argc, char **argv);
/* The text of `ftlc breaking --help`. */
const char *ftl_breaking_help(void);

#endif
