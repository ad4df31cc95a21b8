/* fuzz.h - the fuzz targets of tests/fuzz/ and what they share.
 *
 * Each fuzz_<name>.c defines ftl_fuzz_<name>(), which runs one input through a
 * stage of libftlc exactly as ftlc does, and (unless FTL_FUZZ_NO_MAIN is defined)
 * LLVMFuzzerTestOneInput() calling it. The replay driver (replay.c) is built from
 * the same files with FTL_FUZZ_NO_MAIN, so a crash input found by a fuzzer replays
 * through the same code in the normal (gcc, --enable-sanitizers) build.
 *
 * The targets never print, never touch the file system and free everything they
 * allocate. Besides crashes, they check a few properties ftlc promises
 * (tests/fuzz/README.md) and abort() when one fails; see FTL_FUZZ_CHECK.
 */
#ifndef FTLC_FUZZ_H
#define FTLC_FUZZ_H

#include "base/arena.h"
#include "base/diag.h"
#include "base/intern.h"
#include "check/schema.h"
#include "base/source.h"

#include <protobuf-c/protobuf-c.h>

#include <stddef.h>
#include <stdint.h>

/* Inputs larger than this are skipped (make fuzz also passes -max_len=65536). */
#define FTL_FUZZ_MAX_INPUT (1u << 20)

/* The targets: each returns 0 (libFuzzer's convention; inputs are never rejected). */
int ftl_fuzz_schema(const uint8_t *data, size_t size); /* lexer, parser, fmt, checker, emitters */
int ftl_fuzz_textproto(const uint8_t *data, size_t size); /* text format reader and writer */
int ftl_fuzz_json(const uint8_t *data, size_t size);      /* protobuf JSON reader and writer */
int ftl_fuzz_binpb(const uint8_t *data, size_t size);     /* binary Schema -> text, AST, checker */
int ftl_fuzz_toml(const uint8_t *data, size_t size);      /* TOML reader, lookups, editor */
int ftl_fuzz_descset(const uint8_t *data, size_t size);   /* ftlc import: mapping, checker */

/* libFuzzer's entry point, declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One compilation, set up as ftlc's Run + FtlSchema. */
typedef struct FtlFuzzRun {
    FtlArena arena;
    FtlInterner in;
    FtlSources src;
    FtlDiags diags;
    FtlSchema s;
} FtlFuzzRun;

void ftl_fuzz_run_init(FtlFuzzRun *r);
void ftl_fuzz_run_free(FtlFuzzRun *r);

/* Validates the files added to r->s as `ftlc check` does (no -I, no file access)
 * when nothing failed before, renders the diagnostics in every format to a sink,
 * and when the schema is valid emits it as `ftlc emit` / `ftlc export` would, in
 * every format, with and without positions. realm is --realm (may be NULL). */
void ftl_fuzz_check_and_emit(FtlFuzzRun *r, const char *realm);

/* The messages the protobuf targets read: Schema first (the one ftlc reads), then
 * messages that reach the rest of the descriptor-driven codecs (every scalar type,
 * maps, oneofs, google.protobuf.Struct/Value). NULL-terminated. */
extern const ProtobufCMessageDescriptor *const ftl_fuzz_descriptors[];

/* Runs a message that one of the readers built through everything downstream:
 * the text format writer, a round trip through text, binary and JSON (each
 * writer's output must read back and print the same), and, for a Schema, the
 * conversion to the AST, the checker and the emitters (ftlc emit FILE.txtpb).
 * name/text/len register the input as a source, for diagnostics. */
void ftl_fuzz_message(const ProtobufCMessage *m, const char *name, const char *text, size_t len);

/* Whether the binary input p nests messages (known to d) at most max deep, as
 * ftlc checks before protobuf_c_message_unpack (which recurses). */
int ftl_fuzz_depth_ok(const ProtobufCMessageDescriptor *d, const uint8_t *p, size_t n, int max);

/* Property failures: prints what and where, then aborts (a crash for the fuzzer). */
#define FTL_FUZZ_CHECK(cond, what)                                                                 \
    do {                                                                                           \
        if (!(cond)) ftl_fuzz_fail(__FILE__, __LINE__, (what));                                    \
    } while (0)
_Noreturn void ftl_fuzz_fail(const char *file, int line, const char *what);
/* Two texts that must be equal; when they are not, both are shown (up to 4 KiB each). */
#define FTL_FUZZ_SAME(a, an, b, bn, what)                                                          \
    ftl_fuzz_check_same(__FILE__, __LINE__, (a), (an), (b), (bn), (what))
void ftl_fuzz_check_same(const char *file, int line, const char *a, size_t an, const char *b,
                         size_t bn, const char *what);

#endif
