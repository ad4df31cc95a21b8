/* realm_cmd.h - ftlc realm add | update | list | remove | fetch. */
#ifndef FTLC_REALM_CMD_H
#define FTLC_REALM_CMD_H

/* Runs `ftlc realm ...` (argv[1] is "realm"); returns the exit status. */
int ftl_realm_main(int argc, char **argv);

/* The help of `ftlc realm` (sub NULL) or of one of its commands; NULL for an
 * unknown command. */
const char *ftl_realm_help(const char *sub);

#endif
