/* test_pbwrite.c - the streaming protobuf writer (proto/pbwrite.h) against
 * protobuf-c: on every schema of the golden tests, cases and examples, the text
 * format, JSON and binary output of ftl_pb_write must be byte for byte what
 * the message tree of the same view (proto_out.h, the mapping built with
 * protobuf-c's generated structs) gives through protobuf_c_message_pack and
 * the descriptor-driven writers of textproto.h and protojson.h. Also the
 * drain (output handed on in chunks) and the errors: E0603 (checked by
 * schema_io.h's writers before a byte is written) and JSON that is not UTF-8.
 *
 * Schemas: each folder of tests/golden and examples/ is compiled with all its
 * inputs, with the --realm of its cmd when there is one; a folder whose
 * inputs do not check together is tried file by file; and each case of the
 * .test files of tests/cases with its inputs. Views: the schema, its public
 * part, and each module alone. */
#define _POSIX_C_SOURCE 200809L /* getline, strdup */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/fileio.h"
#include "check/canon.h"
#include "check/check_proto.h"
#include "proto/pbwrite.h"
#include "pb_oracle.h"
#include "proto/protojson.h"
#include "proto/schema_io.h"
#include "proto/textproto.h"
#include "realm/public.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef GOLDEN_SRC
#define GOLDEN_SRC "tests/golden"
#endif
#ifndef EXAMPLES_SRC
#define EXAMPLES_SRC "examples"
#endif
#ifndef CASES_SRC
#define CASES_SRC "tests/cases"
#endif

typedef struct Run {
    FtlArena arena;
    FtlInterner in;
    FtlSources src;
    FtlDiags diags;
    FtlSchema s;
} Run;

static void run_init(Run *r)
{
    ftl_arena_init(&r->arena);
    ftl_intern_init(&r->in, &r->arena);
    ftl_sources_init(&r->src);
    ftl_diags_init(&r->diags);
    ftl_schema_init(&r->s, &r->arena, &r->in, &r->diags, &r->src);
}

static void run_free(Run *r)
{
    ftl_schema_free(&r->s);
    ftl_diags_free(&r->diags);
    ftl_sources_free(&r->src);
    ftl_intern_free(&r->in);
    ftl_arena_free(&r->arena);
}

/* ---- the two paths ------------------------------------------------------------------------ */

static const FtlPbFormat pb_formats[] = {FTL_PB_TEXT, FTL_PB_JSON, FTL_PB_BINARY};
static const FtlFormat io_formats[] = {FTL_FORMAT_TXTPB, FTL_FORMAT_JSON, FTL_FORMAT_BINPB};

static unsigned compared; /* outputs compared, over all schemas */

/* ftl_pb_write with its options spelled out; err has room for 512 bytes. */
static int pbw(FtlBuf *out, FtlSchema *s, const FtlCanonView *v, FtlPbFormat f, int positions,
               FtlPbDrain drain, void *ctx, char *err)
{
    FtlPbOptions o = {f, positions, drain, ctx, 0};
    return ftl_pb_write(out, s, v, &o, err, 512);
}

static void show_difference(const char *what, const FtlBuf *a, const FtlBuf *b)
{
    size_t i = 0;
    while (i < a->len && i < b->len && a->data[i] == b->data[i])
        i++;
    size_t from = i > 200 ? i - 200 : 0;
    fprintf(stderr,
            "%s: differs at byte %zu (lengths %zu and %zu)\n--- writer:\n%.*s\n--- "
            "protobuf-c:\n%.*s\n",
            what, i, a->len, b->len, (int)((a->len < i + 200 ? a->len : i + 200) - from),
            a->data ? a->data + from : "", (int)((b->len < i + 200 ? b->len : i + 200) - from),
            b->data ? b->data + from : "");
}

/* Both paths on one view in every format, with and without positions. A
 * view the protobuf formats cannot carry (E0603) is written by neither. */
static void compare_view(Run *r, const FtlCanonView *v, const char *what)
{
    if (ftl_check_protobuf(&r->diags, &r->src, v)) return;
    for (int k = 0; k < 3; k++)
        for (int positions = 0; positions < 2; positions++) {
            FtlBuf a, b;
            char erra[512], errb[512];
            ftl_buf_init(&a);
            ftl_buf_init(&b);
            int rca = pbw(&a, &r->s, v, pb_formats[k], positions, NULL, NULL, erra);
            FtlPbSchema *m = ftl_proto_from_view(&r->s, v, positions ? r->s.src : NULL);
            int rcb = ftl_oracle_encode(&b, m, io_formats[k], errb, sizeof errb);
            assert_int_equal(rca, rcb);
            if (rca == 0 && (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)) {
                show_difference(what, &a, &b);
                fail_msg("%s: format %d, positions %d", what, k, positions);
            }
            if (rca != 0) assert_string_equal(erra, errb);
            if (rca == 0 && a.data) assert_int_equal(a.data[a.len], '\0'); /* FtlBuf's text */
            compared++;
            ftl_buf_free(&a);
            ftl_buf_free(&b);
        }
}

static void compare_schema(Run *r, const char *what)
{
    FtlCanonView v;
    ftl_canon_view(&r->s, &v);
    compare_view(r, &v, what);
    if (ftl_public_view(&r->s, &v) == 0) compare_view(r, &v, what);
    for (uint32_t i = 0; i < r->s.nrealms; i++)
        for (uint32_t j = 0; j < r->s.realms[i]->nmodules; j++) {
            ftl_canon_view(&r->s, &v);
            ftl_canon_view_only(&r->s, &v, r->s.realms[i]->modules[j]->name);
            compare_view(r, &v, what);
        }
}

/* ---- compiling the golden inputs ------------------------------------------------------------ */

static int is_input(const char *name)
{
    static const char *const exts[] = {".ftl", ".txtpb", ".json", ".binpb"};
    if (strncmp(name, "expected.", 9) == 0) return 0;
    size_t n = strlen(name);
    for (size_t i = 0; i < 4; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strcmp(name + n - e, exts[i]) == 0) return 1;
    }
    return 0;
}

/* The --realm NAME of a command line, if any, in out (256 bytes). */
static const char *realm_of(const char *line, char *out)
{
    const char *p = strstr(line, "--realm");
    if (p && (p[7] == ' ' || p[7] == '=') && sscanf(p + 8, "%255s", out) == 1) return out;
    return NULL;
}

/* The --realm NAME of a golden case's cmd, if any, in out (256 bytes). */
static const char *cmd_realm(const char *dir, char *out)
{
    char path[4200], line[4096];
    snprintf(path, sizeof path, "%.4000s/cmd", dir);
    FILE *f = fopen(path, "r");
    const char *realm = NULL;
    if (!f) return NULL;
    if (fgets(line, sizeof line, f)) realm = realm_of(line, out);
    fclose(f);
    return realm;
}

/* Checks what r has read and compares every view when it checks. */
static int check_and_compare(Run *r, const char *realm, const char *what)
{
    FtlCheckOptions co = {realm, 0, NULL, NULL, {0, 0, 0}};
    int ok = r->diags.errors == 0 && ftl_schema_check(&r->s, &co) == 0;
    if (ok) compare_schema(r, what);
    return ok;
}

/* Reads an input (data malloc'd with a spare byte, taken over) into r. */
static void add_input(Run *r, const char *name, char *data, size_t len)
{
    FtlFile **fs;
    uint32_t k = ftl_io_read(&r->s, name, data, len, ftl_format_of_path(name), 0, &fs);
    for (uint32_t j = 0; j < k; j++)
        ftl_schema_add_file(&r->s, fs[j]);
}

/* Compiles files (full paths) and compares every view when they check. */
static int try_compile(char **files, size_t n, const char *realm, const char *what)
{
    Run r;
    run_init(&r);
    for (size_t i = 0; i < n; i++) {
        char *data, err[512];
        size_t len;
        if (ftl_read_file(files[i], &data, &len, err, sizeof err) == 0)
            add_input(&r, files[i], data, len);
    }
    int ok = check_and_compare(&r, realm, what);
    run_free(&r);
    return ok;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned compare_folder(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    char *files[256], realm_buf[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 256) {
        if (!is_input(e->d_name)) continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        files[n] = malloc(len);
        snprintf(files[n], len, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(files[n], &st) == 0 && S_ISREG(st.st_mode))
            n++;
        else
            free(files[n]);
    }
    closedir(d);
    qsort(files, n, sizeof *files, name_cmp);
    const char *realm = cmd_realm(dir, realm_buf);
    unsigned checked = 0;
    if (n && try_compile(files, n, realm, dir))
        checked++;
    else if (n > 1)
        for (size_t i = 0; i < n; i++)
            checked += (unsigned)try_compile(&files[i], 1, realm, files[i]);
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    return checked;
}

/* Calls each on the entries of dir (but . files) and sums what it returns. */
static unsigned each_entry(const char *dir, unsigned (*each)(const char *path, const char *name))
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    unsigned sum = 0;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        sum += each(path, e->d_name);
    }
    closedir(d);
    return sum;
}

/* A folder of tests/golden or examples. */
static unsigned tree_entry(const char *path, const char *name)
{
    (void)name;
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? compare_folder(path) : 0;
}

/* ---- the cases of tests/cases ---------------------------------------------------------- */

/* One case of a .test file (tests/cases/run.sh): its input files and the
 * --realm of its command. */
typedef struct Case {
    char name[256], realm_buf[256];
    const char *realm;
    char *files[32];
    FtlBuf texts[32];
    size_t n;
    int in_file; /* the lines read now belong to files[n - 1] */
} Case;

/* Compiles the case's inputs together and compares every view when they
 * check; then clears it. */
static unsigned case_done(Case *c)
{
    unsigned ok = 0;
    if (c->n) {
        Run r;
        run_init(&r);
        for (size_t i = 0; i < c->n; i++) {
            FtlBuf *t = &c->texts[i];
            ftl_buf_cstr(t);
            add_input(&r, c->files[i], t->data, t->len); /* taken over */
            ftl_buf_init(t);
        }
        ok = (unsigned)check_and_compare(&r, c->realm, c->name);
        run_free(&r);
    }
    for (size_t i = 0; i < c->n; i++)
        free(c->files[i]);
    memset(c, 0, sizeof *c);
    return ok;
}

/* A line of a .test file (without its line feed). */
static unsigned case_line(Case *c, const char *line)
{
    unsigned ok = 0;
    if (strncmp(line, "=== ", 4) == 0) {
        ok = case_done(c);
        snprintf(c->name, sizeof c->name, "%s", line + 4);
    } else if (strncmp(line, "--- ", 4) == 0) {
        const char *sec = line + 4;
        c->in_file =
            strcmp(sec, "stdout") && strcmp(sec, "stderr") && strcmp(sec, "exit") && c->n < 32;
        if (c->in_file) {
            c->files[c->n] = strdup(sec);
            ftl_buf_init(&c->texts[c->n++]);
        }
    } else if (c->in_file) {
        ftl_buf_puts(&c->texts[c->n - 1], line);
        ftl_buf_putc(&c->texts[c->n - 1], '\n');
    } else if (strncmp(line, "$ ftlc ", 7) == 0) {
        c->realm = realm_of(line, c->realm_buf);
    }
    return ok;
}

/* Every case of a .test file whose inputs check. */
static unsigned cases_entry(const char *path, const char *name)
{
    size_t n = strlen(name);
    if (n < 6 || strcmp(name + n - 5, ".test") != 0) return 0;
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    Case c;
    memset(&c, 0, sizeof c);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned checked = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        if (len && line[len - 1] == '\n') line[len - 1] = '\0';
        checked += case_line(&c, line);
    }
    checked += case_done(&c);
    free(line);
    fclose(f);
    return checked;
}

static void test_golden_schemas(void **state)
{
    (void)state;
    compared = 0;
    unsigned schemas = each_entry(GOLDEN_SRC, tree_entry) + each_entry(EXAMPLES_SRC, tree_entry);
    unsigned cases = each_entry(CASES_SRC, cases_entry);
    /* Most golden cases check; far fewer would mean the inputs were not found. */
    fprintf(stderr, "%u schemas and %u cases, %u outputs\n", schemas, cases, compared);
    assert_true(schemas > 200);
    assert_true(cases > 50);
    assert_true(compared >= 6 * (schemas + cases));
}

/* ---- drain, errors ----------------------------------------------------------------------------
 */

static int compile_text(Run *r, const char *text, const char *realm)
{
    run_init(r);
    size_t len = strlen(text);
    char *data = malloc(len + 1);
    memcpy(data, text, len + 1);
    FtlFile **fs;
    uint32_t k = ftl_io_read(&r->s, "t.ftl", data, len, FTL_FORMAT_FTL, 0, &fs);
    for (uint32_t j = 0; j < k; j++)
        ftl_schema_add_file(&r->s, fs[j]);
    FtlCheckOptions co = {realm, 0, NULL, NULL, {0, 0, 0}};
    return r->diags.errors == 0 ? (int)ftl_schema_check(&r->s, &co) : -1;
}

typedef struct Drained {
    FtlBuf all;
    unsigned calls;
    unsigned fail_after; /* 0: never fails */
} Drained;

static int drain_into(void *ctx, const void *data, size_t len)
{
    Drained *d = ctx;
    d->calls++;
    if (d->fail_after && d->calls > d->fail_after) return -1;
    ftl_buf_put(&d->all, data, len);
    return 0;
}

/* A schema large enough to be drained in several chunks. */
static char *big_schema(void)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, "realm r {\n  module m {\n");
    for (int i = 0; i < 3000; i++)
        ftl_buf_printf(&b,
                       "    // Record %d\n    export data D%d {\n      a String\n      b [Int]\n"
                       "      c {String: m.D0?}\n    }\n",
                       i, i);
    ftl_buf_puts(&b, "  }\n}\n");
    return b.data;
}

static void test_drain_same_bytes(void **state)
{
    (void)state;
    char *text = big_schema();
    Run r;
    assert_int_equal(compile_text(&r, text, NULL), 0);
    FtlCanonView v;
    ftl_canon_view(&r.s, &v);
    for (int k = 0; k < 3; k++) {
        FtlBuf whole, rest;
        Drained d = {{0}, 0, 0};
        char err[512];
        ftl_buf_init(&whole);
        ftl_buf_init(&rest);
        ftl_buf_init(&d.all);
        assert_int_equal(pbw(&whole, &r.s, &v, pb_formats[k], 1, NULL, NULL, err), 0);
        assert_true(whole.len > 2 * FTL_PB_CHUNK);
        assert_int_equal(pbw(&rest, &r.s, &v, pb_formats[k], 1, drain_into, &d, err), 0);
        assert_int_equal(rest.len, 0); /* everything was handed on */
        assert_true(d.calls >= 2);
        assert_int_equal(d.all.len, whole.len);
        assert_memory_equal(d.all.data, whole.data, whole.len);
        /* A drain that fails stops the output: -2. */
        Drained f = {{0}, 0, 1};
        ftl_buf_init(&f.all);
        assert_int_equal(pbw(&rest, &r.s, &v, pb_formats[k], 1, drain_into, &f, err), -2);
        ftl_buf_free(&f.all);
        ftl_buf_free(&d.all);
        ftl_buf_free(&whole);
        ftl_buf_free(&rest);
    }
    run_free(&r);
    free(text);
}

/* E0603 for a string with a NUL byte, in every protobuf format, by each of
 * schema_io.h's writers; nothing reaches a drain. */
/* Writes v in every format and asserts that nothing was allocated in the
 * compilation's arena meanwhile, and that the scratch held one module's copy
 * at a time (a block or two, not 400 modules' worth). The FTL text is left in
 * out. */
static void write_all_in_scratch(Run *r, const FtlCanonView *v, FtlBuf *out)
{
    const FtlArenaBlock *head = r->arena.head;
    const char *cur = r->arena.cur;
    char err[512];
    for (int k = 0; k < 3; k++) {
        out->len = 0;
        assert_int_equal(ftl_io_check_view(&r->s, v, io_formats[k], 1, err, sizeof err), 0);
        assert_int_equal(ftl_io_write_view(out, &r->s, v, io_formats[k], 1, err, sizeof err), 0);
    }
    out->len = 0;
    assert_int_equal(ftl_io_write_view(out, &r->s, v, FTL_FORMAT_FTL, 0, err, sizeof err), 0);
    assert_ptr_equal(r->arena.head, head);
    assert_ptr_equal(r->arena.cur, cur);
    assert_true(r->s.canon_scratch.total <= 16 * 1024);
    assert_int_equal(r->s.canon_open, 0);
}

/* A view is lazy (canon.h): writing it in every format puts one module at a
 * time in canonical order (the public view's also stripped), in the schema's
 * scratch arena, and allocates nothing in the compilation's arena, so a
 * schema's canonical copies are never all held at once. Every module here
 * needs a copy (declarations out of order, a verb's metadata out of order, a
 * public verb's metadata stripped). */
static void test_view_one_module_at_a_time(void **state)
{
    (void)state;
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, "realm r {\n");
    for (int i = 0; i < 400; i++)
        ftl_buf_printf(&b,
                       "  module m%d {\n    config c String\n    export realm data B {}\n"
                       "    export realm data A {}\n    verb w(Unit) Unit\n"
                       "    export realm verb v(Unit) Unit\n      +config m%d.c\n"
                       "      +calls m%d.w\n  }\n",
                       i, i, i);
    ftl_buf_puts(&b, "}\n");
    Run r;
    assert_int_equal(compile_text(&r, b.data, NULL), 0);
    FtlCanonView v;
    FtlBuf out;
    ftl_buf_init(&out);
    ftl_canon_view(&r.s, &v);
    const FtlModule *m0 = v.realms[0]->modules[1];   /* after the builtin module */
    assert_ptr_equal(m0, r.s.realms[0]->modules[1]); /* the tree's own */
    const FtlModule *opened = ftl_canon_open(&v, m0);
    assert_string_equal(m0->decls[1]->name, "B");
    assert_string_equal(opened->decls[1]->name, "A");
    /* Opens nest: a module opened while another is open is copied into the
     * scratch too, and the scratch is emptied only when the last is closed,
     * so the outer reader's copy outlives the inner close. */
    const char *arena_cur = r.arena.cur, *scratch_cur = r.s.canon_scratch.cur;
    const FtlModule *inner = ftl_canon_open(&v, r.s.realms[0]->modules[2]);
    assert_int_equal(r.s.canon_open, 2);
    assert_ptr_not_equal(r.s.canon_scratch.cur, scratch_cur);
    ftl_canon_close(&v);
    assert_int_equal(r.s.canon_open, 1);
    assert_string_equal(inner->name, "m1");
    assert_string_equal(inner->decls[1]->name, "A");
    assert_string_equal(opened->decls[1]->name, "A");
    assert_ptr_equal(r.arena.cur, arena_cur);
    ftl_canon_close(&v);
    assert_int_equal(r.s.canon_open, 0);
    const char *empty = r.s.canon_scratch.cur;
    ftl_canon_open(&v, m0);
    assert_ptr_not_equal(r.s.canon_scratch.cur, empty);
    ftl_canon_close(&v);
    assert_ptr_equal(r.s.canon_scratch.cur, empty);
    write_all_in_scratch(&r, &v, &out);
    /* In canonical order all the same. */
    const char *m7 = strstr(out.data, "module m7 {");
    assert_non_null(m7);
    const char *a = strstr(m7, "data A"), *bb = strstr(m7, "data B");
    assert_true(a && bb && a < bb);
    const char *calls = strstr(m7, "+calls m7.w"), *config = strstr(m7, "+config m7.c");
    assert_true(calls && config && calls < config);
    /* The public view: its modules list only what it keeps (made with it),
     * and are sorted and stripped as they are read. */
    assert_int_equal(ftl_public_view(&r.s, &v), 0);
    const FtlModule *shell = v.realms[0]->modules[0];
    assert_string_equal(shell->name, "m0");
    assert_string_equal(shell->decls[0]->name, "B"); /* as written, until it is read */
    opened = ftl_canon_open(&v, shell);
    assert_string_equal(opened->decls[0]->name, "A");
    ftl_canon_close(&v);
    write_all_in_scratch(&r, &v, &out);
    m7 = strstr(out.data, "module m7 {");
    assert_non_null(m7);
    a = strstr(m7, "data A");
    bb = strstr(m7, "data B");
    assert_true(a && bb && a < bb);
    assert_null(strstr(out.data, "+calls"));
    assert_null(strstr(out.data, "config c"));
    ftl_buf_free(&out);
    ftl_buf_free(&b);
    run_free(&r);
}

static void test_nul_string(void **state)
{
    (void)state;
    Run r;
    assert_int_equal(compile_text(&r,
                                  "module m {\n  // \\0 is fine here\n  enum E: String {\n"
                                  "    A = \"a\\u0000b\"\n  }\n}\n",
                                  NULL),
                     0);
    FtlCanonView v;
    ftl_canon_view(&r.s, &v);
    for (int k = 0; k < 3; k++) {
        FtlBuf out;
        Drained d = {{0}, 0, 0};
        char err[512];
        ftl_buf_init(&out);
        ftl_buf_init(&d.all);
        unsigned before = r.diags.errors;
        assert_int_equal(ftl_io_write_view(&out, &r.s, &v, io_formats[k], 0, err, sizeof err), -1);
        assert_string_equal(err, "");
        assert_int_equal(out.len, 0);
        assert_int_equal(r.diags.errors, before + 1);
        assert_string_equal(r.diags.items[r.diags.count - 1].code, "E0603");
        assert_int_equal(
            ftl_io_stream_view(&r.s, &v, io_formats[k], 0, 0, drain_into, &d, err, sizeof err), -1);
        assert_int_equal(r.diags.errors, before + 2);
        assert_int_equal(d.calls, 0);
        assert_int_equal(ftl_io_check_view(&r.s, &v, io_formats[k], 0, err, sizeof err), -1);
        assert_int_equal(r.diags.errors, before + 3);
        ftl_buf_free(&out);
        ftl_buf_free(&d.all);
    }
    /* FTL text carries it. */
    FtlBuf out;
    char err[512];
    ftl_buf_init(&out);
    assert_int_equal(ftl_io_check_view(&r.s, &v, FTL_FORMAT_FTL, 0, err, sizeof err), 0);
    assert_int_equal(ftl_io_write_view(&out, &r.s, &v, FTL_FORMAT_FTL, 0, err, sizeof err), 0);
    assert_non_null(strstr(out.data, "\\x00"));
    ftl_buf_free(&out);
    run_free(&r);
}

/* JSON refuses a string that is not UTF-8 (here from the protobuf text format,
 * which carries any bytes), naming where it is; the other formats write it. */
static void test_json_not_utf8(void **state)
{
    (void)state;
    static const char txtpb[] =
        "realms {\n  name: \"r\"\n  modules {\n    name: \"m\"\n    decls {\n      data {\n"
        "        name: \"D\"\n        comments: \"ok\"\n        comments: \"bad \\377\"\n      }\n"
        "    }\n  }\n}\n";
    Run r;
    run_init(&r);
    size_t len = strlen(txtpb);
    char *data = malloc(len + 1);
    memcpy(data, txtpb, len + 1);
    FtlFile **fs;
    uint32_t k = ftl_io_read(&r.s, "t.txtpb", data, len, FTL_FORMAT_TXTPB, 0, &fs);
    for (uint32_t j = 0; j < k; j++)
        ftl_schema_add_file(&r.s, fs[j]);
    FtlCheckOptions co = {NULL, 0, NULL, NULL, {0, 0, 0}};
    assert_int_equal(ftl_schema_check(&r.s, &co), 0);
    FtlCanonView v;
    ftl_canon_view(&r.s, &v);
    FtlBuf out;
    Drained d = {{0}, 0, 0};
    char err[512];
    ftl_buf_init(&out);
    ftl_buf_init(&d.all);
    const char *want = "cannot write JSON at realms[0].modules[1].decls[0].data.comments[1]: "
                       "string is not valid UTF-8 (byte 0xff)";
    assert_int_equal(pbw(&out, &r.s, &v, FTL_PB_JSON, 0, NULL, NULL, err), -1);
    assert_string_equal(err, want);
    assert_int_equal(pbw(&out, &r.s, &v, FTL_PB_JSON, 0, drain_into, &d, err), -1);
    assert_string_equal(err, want);
    assert_int_equal(d.calls, 0);
    assert_int_equal(ftl_pb_check(&r.s, &v, FTL_PB_JSON, 0, err, sizeof err), -1);
    assert_string_equal(err, want);
    assert_int_equal(ftl_pb_check(&r.s, &v, FTL_PB_TEXT, 0, err, sizeof err), 0);
    out.len = 0;
    assert_int_equal(pbw(&out, &r.s, &v, FTL_PB_TEXT, 0, NULL, NULL, err), 0);
    assert_non_null(strstr(out.data, "comments: \"bad \\377\""));
    compare_view(&r, &v, "not UTF-8");
    ftl_buf_free(&out);
    ftl_buf_free(&d.all);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_schemas),
        cmocka_unit_test(test_drain_same_bytes),
        cmocka_unit_test(test_view_one_module_at_a_time),
        cmocka_unit_test(test_nul_string),
        cmocka_unit_test(test_json_not_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
