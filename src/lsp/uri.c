/* uri.c - file URIs and paths (see uri.h). */
#define _POSIX_C_SOURCE 200809L
#include "uri.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hex(int c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

void lsp_path_normalize(char *path)
{
    /* Segments are copied one by one; w is where the next one goes. */
    char *w = path, *r = path;
    while (*r) {
        while (*r == '/')
            r++;
        char *seg = r;
        while (*r && *r != '/')
            r++;
        size_t n = (size_t)(r - seg);
        if (n == 0 || (n == 1 && seg[0] == '.')) continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (w > path && *--w != '/') {
            }
            continue;
        }
        *w++ = '/';
        memmove(w, seg, n);
        w += n;
    }
    if (w == path) *w++ = '/';
    *w = 0;
}

char *lsp_uri_to_path(const char *uri)
{
    const char *p;
    if (strncmp(uri, "file:///", 8) == 0)
        p = uri + 7;
    else if (strncmp(uri, "file://localhost/", 17) == 0)
        p = uri + 16;
    else
        return NULL;
    size_t n = strcspn(p, "?#");
    char *path = malloc(n + 1), *w = path;
    if (!path) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != '%') {
            *w++ = p[i];
            continue;
        }
        int hi = i + 2 < n ? hex((unsigned char)p[i + 1]) : -1;
        int lo = hi >= 0 ? hex((unsigned char)p[i + 2]) : -1;
        if (lo < 0 || (hi == 0 && lo == 0)) {
            free(path);
            return NULL;
        }
        *w++ = (char)(hi * 16 + lo);
        i += 2;
    }
    *w = 0;
    lsp_path_normalize(path);
    return path;
}

char *lsp_uri_from_path(const char *path)
{
    size_t n = strlen(path);
    char *uri = malloc(7 + 3 * n + 1), *w = uri;
    if (!uri) return NULL;
    memcpy(w, "file://", 7);
    w += 7;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            *w++ = (char)*p;
        else
            w += sprintf(w, "%%%02X", *p);
    }
    *w = 0;
    return uri;
}
