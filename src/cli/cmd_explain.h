/* cmd_explain.h - ftlc explain: the documentation of diagnostic codes. */
#ifndef FTLC_CLI_CMD_EXPLAIN_H
#define FTLC_CLI_CMD_EXPLAIN_H

/* ftlc explain [CODE...]; argv[1] is "explain". Returns the exit status. */
int ftl_cmd_explain(int argc, char **argv);

#endif
