/* workspace.h - the folder the server works on: its root (from initialize),
 * its project file (ftl-project.toml, found from the root upwards unless the
 * command line names one) and every .ftl file under the root, which together
 * with the open buffers make one compilation. */
#ifndef FTLC_LSP_WORKSPACE_H
#define FTLC_LSP_WORKSPACE_H

#include <stddef.h>

#define LSP_WS_MAX_FILES 100000u /* .ftl files of one workspace */
#define LSP_WS_MAX_DEPTH 64u     /* folders below the root */

typedef struct LspWorkspace {
    char *root;    /* absolute, normalised */
    char *project; /* the project file, or NULL */
    char **files;  /* the .ftl files under root, sorted */
    size_t nfiles;
    int truncated; /* the scan stopped at LSP_WS_MAX_FILES */
} LspWorkspace;

/* Sets the root (an absolute path) and finds the project file (project, when
 * given, else ftl-project.toml in root or the nearest parent). -1 when out
 * of memory. */
int lsp_ws_init(LspWorkspace *w, const char *root, const char *project);
void lsp_ws_free(LspWorkspace *w);

/* Lists the .ftl files under the root again: hidden folders (.git, the
 * .ftl/realms cache) and symbolic links to folders are not entered. Returns
 * 1 when the list changed, 0 when not, -1 when out of memory (the old list
 * stays). */
int lsp_ws_scan(LspWorkspace *w);

/* Whether path is one of the listed files. */
int lsp_ws_has_file(const LspWorkspace *w, const char *path);

#endif
