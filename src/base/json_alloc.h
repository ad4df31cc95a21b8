/* json_alloc.h - jansson's allocator, which is the process's, while calls of
 * the library are in progress (json_alloc.c says how and why). */
#ifndef FTLC_JSON_ALLOC_H
#define FTLC_JSON_ALLOC_H

#include <jansson.h>

/* Every API call (session/run.c) enters before its work and leaves after it,
 * however it ends. */
void ftl_json_enter(void);
void ftl_json_leave(void);
/* The allocator installed between them. */
void *ftl_json_alloc(size_t n);
void ftl_json_release(void *p);

#endif
