/* uri.h - file URIs (RFC 8089) and the paths they name. */
#ifndef FTLC_LSP_URI_H
#define FTLC_LSP_URI_H

/* The absolute path of a "file:///..." or "file://localhost/..." URI, with
 * percent-escapes decoded, "." segments and repeated slashes dropped and ".."
 * segments applied (malloc'd); NULL for any other URI, an escape that decodes
 * to NUL, or no memory. */
char *lsp_uri_to_path(const char *uri);

/* The file URI of an absolute path: every byte but the unreserved characters
 * of RFC 3986 and '/' percent-encoded (malloc'd; NULL when out of memory). */
char *lsp_uri_from_path(const char *path);

/* path normalised as lsp_uri_to_path does, in place (path is absolute). */
void lsp_path_normalize(char *path);

#endif
