/* names.h - how protobuf names become FTL names (the naming rows of the mapping
 * table in ftlc-import(1)). Every function appends to out and is deterministic:
 * the same proto name always gives the same FTL name. */
#ifndef FTLC_IMPORT_NAMES_H
#define FTLC_IMPORT_NAMES_H

#include "base/buf.h"

/* protobuf's JSON name of a field (protoc's ToJsonName in descriptor.cc): each
 * '_' is dropped and the letter after it upper-cased: "po_number" -> "poNumber". */
void ftl_imp_json_name(FtlBuf *out, const char *proto_name);

/* A verb name from an RPC method: lowerCamel, with underscores removed as in
 * JSON names and a leading run of capitals lowered as one word:
 * "GetInvoice" -> "getInvoice", "HTTPGet" -> "httpGet", "URL" -> "url". */
void ftl_imp_lower_camel(FtlBuf *out, const char *name);

/* The module of a package: its last segment that is not a version
 * ("acme.billing.v1" -> "billing", "google.protobuf" -> "protobuf",
 * "foo.v1beta2" -> "foo"); a package of versions only keeps its last segment. */
void ftl_imp_module_name(FtlBuf *out, const char *package);

/* Is segment a version: 'v', digits, then letters and digits ("v1", "v2beta1")? */
int ftl_imp_is_version(const char *s, size_t n);

/* Appends s as an identifier FTL text can hold: every byte outside [A-Za-z0-9_]
 * becomes '_', a leading digit gets a '_' before it, an empty name becomes "_",
 * and a name of exactly 64 characters (a SHA256 token: ftl-schema(5), Tokens) gets a '_'
 * after it. Returns 1 when the result differs from s. */
int ftl_imp_ident(FtlBuf *out, const char *s);

/* Splits comment text into lines for '//' comments: CR dropped, control
 * characters and bytes that are not UTF-8 replaced (by ' ' and U+FFFD), leading
 * and trailing empty lines dropped. Calls line(ctx, text, len) for each line. */
void ftl_imp_comment_lines(const char *text, void (*line)(void *ctx, const char *s, size_t n),
                           void *ctx);

#endif
