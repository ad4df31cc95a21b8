/* test_robust.c - the resource limits and the file I/O guarantees from the
 * inside: the error limit and its note (E0208), the parser giving up on a
 * hopeless file, the identifier and string length limits (E0105, E0106), the
 * input size limit on files and streams, atomic writes (permissions, symbolic
 * links, nothing left behind, FIFOs written in place, outputs that are inputs;
 * written in parts: committed, dropped, failing midway),
 * the directory functions that never follow a link, and the undo log of the
 * realm operations. oom.sh, kill.sh and limits.sh test the
 * same from the command line. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/intern.h"
#include "syntax/parse.h"
#include "base/source.h"
#include "syntax/token.h"
#include "realm/undo.h"
#include "parser.h"

/* ---- the error limit ------------------------------------------------------------ */

static const FtlSpan NOPOS = {0, 0, 0};

static FtlSpan at(uint32_t off)
{
    FtlSpan s = {1, off, off + 1};
    return s;
}

static void add_errors(FtlDiags *d, unsigned n, uint32_t from)
{
    for (unsigned i = 0; i < n; i++)
        ftl_error(d, at(from + i), "E0201", "error %u", i);
}

static void test_view_under_limit_is_the_list(void **state)
{
    (void)state;
    FtlDiags d, v;
    ftl_diags_init(&d);
    assert_int_equal(d.max_errors, FTL_MAX_ERRORS_DEFAULT);
    add_errors(&d, 100, 0);
    ftl_diags_view(&d, &v);
    assert_int_equal(v.count, 100);
    assert_ptr_equal(v.items, d.items);
    ftl_diags_view_free(&v);
    ftl_diags_free(&d);
}

static void test_view_cuts_and_counts(void **state)
{
    (void)state;
    FtlDiags d, v;
    ftl_diags_init(&d);
    d.max_errors = 3;
    add_errors(&d, 3, 0);
    ftl_warning(&d, at(10), "W0301", "shown: before the cut");
    add_errors(&d, 2, 20);
    ftl_warning(&d, at(30), "W0301", "hidden");
    ftl_warning(&d, at(31), "W0301", "hidden");
    ftl_diags_sort(&d);
    ftl_diags_view(&d, &v);
    assert_int_equal(v.count, 5); /* 3 errors, 1 warning, the note */
    const FtlDiag *note = &v.items[4];
    assert_int_equal(note->sev, FTL_SEV_NOTE);
    assert_string_equal(note->code, "E0208");
    assert_false(ftl_span_valid(note->span));
    assert_string_equal(note->msg,
                        "2 more errors and 2 warnings not shown (--max-errors 0 shows all)");
    ftl_diags_view_free(&v);
    ftl_diags_free(&d);
}

static void test_view_singular_and_unlimited(void **state)
{
    (void)state;
    FtlDiags d, v;
    ftl_diags_init(&d);
    d.max_errors = 2;
    add_errors(&d, 3, 0);
    ftl_diags_view(&d, &v);
    assert_string_equal(v.items[2].msg, "1 more error not shown (--max-errors 0 shows all)");
    ftl_diags_view_free(&v);
    d.max_errors = 0; /* all */
    ftl_diags_view(&d, &v);
    assert_int_equal(v.count, 3);
    ftl_diags_view_free(&v);
    ftl_diags_free(&d);
}

static void test_view_gave_up(void **state)
{
    (void)state;
    FtlDiags d, v;
    ftl_diags_init(&d);
    add_errors(&d, 2, 0);
    ftl_diags_give_up(&d, at(7));
    ftl_diags_give_up(&d, at(9)); /* the first place counts */
    ftl_diags_view(&d, &v);
    assert_int_equal(v.count, 3);
    assert_int_equal(v.items[2].span.off, 7);
    assert_string_equal(v.items[2].msg,
                        "parsing stopped here after too many errors (--max-errors 0 shows all)");
    ftl_diags_view_free(&v);
    ftl_diags_free(&d);
    assert_false(ftl_span_valid(d.gave_up));
}

/* The text rendering ends with the note, as one line. */
static void test_render_text_summary(void **state)
{
    (void)state;
    FtlDiags d;
    ftl_diags_init(&d);
    d.max_errors = 1;
    ftl_error(&d, NOPOS, "E0509", "one");
    ftl_error(&d, NOPOS, "E0509", "two");
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    FtlSources src;
    ftl_sources_init(&src);
    ftl_diags_render(&d, &src, (FtlDiagStyle){FTL_DIAG_TEXT, 0}, out);
    fclose(out);
    assert_string_equal(text, "error[E0509]: one\n"
                              "note[E0208]: 1 more error not shown (--max-errors 0 shows all)\n");
    free(text);
    ftl_sources_free(&src);
    ftl_diags_free(&d);
}

/* ---- the parser gives up ---------------------------------------------------------- */

typedef struct Parsed {
    FtlArena arena;
    FtlInterner in;
    FtlDiags diags;
    FtlSources src;
} Parsed;

static Parsed *parse_with_limit(const char *text, size_t len, unsigned max_errors)
{
    Parsed *p = calloc(1, sizeof *p);
    assert_non_null(p);
    ftl_arena_init(&p->arena);
    ftl_intern_init(&p->in, &p->arena);
    ftl_diags_init(&p->diags);
    p->diags.max_errors = max_errors;
    ftl_sources_init(&p->src);
    uint32_t id = ftl_sources_add(&p->src, "t.ftl", text, len);
    assert_non_null(ftl_parse_file(&p->arena, &p->in, &p->diags, &p->src, id));
    return p;
}

static void parsed_free(Parsed *p)
{
    ftl_diags_free(&p->diags);
    ftl_sources_free(&p->src);
    ftl_intern_free(&p->in);
    ftl_arena_free(&p->arena);
    free(p);
}

/* 1000 invalid characters in a module: the parser stops after max_errors + 1
 * of them. */
static void test_parser_gives_up(void **state)
{
    (void)state;
    static const char head[] = "realm r { module m {\n", tail[] = "\n} }\n";
    char text[sizeof head + 1000 + sizeof tail];
    size_t n = strlen(head);
    memcpy(text, head, n);
    memset(text + n, ';', 1000);
    memcpy(text + n + 1000, tail, sizeof tail);
    size_t len = strlen(text);
    Parsed *p = parse_with_limit(text, len, 5);
    assert_int_equal(p->diags.errors, 6);
    assert_true(ftl_span_valid(p->diags.gave_up));
    parsed_free(p);
    p = parse_with_limit(text, len, 0); /* no limit: every one */
    assert_int_equal(p->diags.errors, 1000);
    assert_false(ftl_span_valid(p->diags.gave_up));
    parsed_free(p);
}

/* ---- length limits ------------------------------------------------------------------ */

/* Lexes text whole; returns the type of its first token and the code of the
 * first diagnostic (or ""). */
static int lex_first(const char *text, size_t len, const char **code)
{
    FtlDiags d;
    ftl_diags_init(&d);
    FtlLexer lx;
    ftl_lexer_init(&lx, 1, text, len, &d);
    FtlToken t;
    int type = ftl_lex(&lx, &t);
    assert_int_equal(t.len, len); /* the whole input, in one token */
    *code = d.count ? d.items[0].code : "";
    ftl_diags_free(&d);
    return type;
}

static char *repeat(char c, size_t n, char quote)
{
    char *s = malloc(n + 3);
    assert_non_null(s);
    size_t q = quote ? 1 : 0;
    memset(s + q, c, n);
    if (quote) s[0] = s[n + 1] = quote;
    s[n + 2 * q] = 0;
    return s;
}

static void test_identifier_limit(void **state)
{
    (void)state;
    const char *code;
    char *ok = repeat('a', FTL_MAX_IDENT, 0), *bad = repeat('a', FTL_MAX_IDENT + 1, 0);
    assert_int_equal(lex_first(ok, FTL_MAX_IDENT, &code), TK_IDENT);
    assert_string_equal(code, "");
    assert_int_equal(lex_first(bad, FTL_MAX_IDENT + 1, &code), TK_ILLEGAL);
    assert_string_equal(code, "E0105");
    assert_int_equal(
        lex_first("a23456789012345678901234567890123456789012345678901234567890123", 63, &code),
        TK_IDENT);
    free(ok);
    free(bad);
}

static void test_string_limit(void **state)
{
    (void)state;
    const char *code;
    char *ok = repeat('x', FTL_MAX_STRING, '"'), *bad = repeat('x', FTL_MAX_STRING + 1, '"');
    assert_int_equal(lex_first(ok, FTL_MAX_STRING + 2, &code), TK_STRING);
    assert_string_equal(code, "");
    assert_int_equal(lex_first(bad, FTL_MAX_STRING + 3, &code), TK_ILLEGAL);
    assert_string_equal(code, "E0106");
    free(ok);
    free(bad);
}

/* ---- the input size limit ------------------------------------------------------------ */

static char dir[] = "/tmp/ftlc-robust-XXXXXX";

static int make_dir(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *path_in(const char *name)
{
    static char p[4][256];
    static int next;
    char *s = p[next++ % 4];
    snprintf(s, 256, "%s/%s", dir, name);
    return s;
}

static void put_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void test_read_limit_file(void **state)
{
    (void)state;
    const char *p = path_in("hundred");
    char hundred[100];
    memset(hundred, 'x', sizeof hundred);
    put_file(p, hundred, sizeof hundred);
    char *data = NULL, err[512];
    size_t len = 0;
    assert_int_equal(ftl_read_file_max(p, 100, &data, &len, err, sizeof err), 0);
    assert_int_equal(len, 100);
    assert_int_equal(data[100], 0);
    free(data);
    assert_int_equal(ftl_read_file_max(p, 99, &data, &len, err, sizeof err), -1);
    assert_int_equal(errno, EFBIG);
    char want[512];
    snprintf(want, sizeof want, "'%s' is too large (the limit is 99 bytes)", p);
    assert_string_equal(err, want);
}

/* Standard input: refused as soon as more than max bytes have arrived. */
static void test_read_limit_stream(void **state)
{
    (void)state;
    for (size_t max = 199; max <= 200; max++) {
        int fds[2], saved = dup(0);
        assert_int_equal(pipe(fds), 0);
        char buf[200];
        memset(buf, 'y', sizeof buf);
        assert_int_equal(write(fds[1], buf, sizeof buf), (ssize_t)sizeof buf);
        close(fds[1]);
        dup2(fds[0], 0);
        close(fds[0]);
        char *data = NULL, err[512];
        size_t len = 0;
        int rc = ftl_read_file_max("-", max, &data, &len, err, sizeof err);
        int e = errno;
        dup2(saved, 0);
        close(saved);
        if (max == 200) {
            assert_int_equal(rc, 0);
            assert_int_equal(len, 200);
            free(data);
        } else {
            assert_int_equal(rc, -1);
            assert_int_equal(e, EFBIG);
            assert_string_equal(err, "standard input is too large (the limit is 199 bytes)");
        }
    }
}

static void test_read_empty_and_missing(void **state)
{
    (void)state;
    const char *p = path_in("empty");
    put_file(p, "", 0);
    char *data = NULL, err[512];
    size_t len = 1;
    assert_int_equal(ftl_read_file(p, &data, &len, err, sizeof err), 0);
    assert_int_equal(len, 0);
    assert_int_equal(data[0], 0);
    free(data);
    assert_int_equal(ftl_read_file(path_in("missing"), &data, &len, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot open"));
}

/* Whether the mapping holding p is read-only (/proc/self/maps, proc(5));
 * a system without /proc says so too. */
static int read_only(const void *p)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return 1;
    char line[512], perms[8] = "";
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && (uintptr_t)p >= lo &&
            (uintptr_t)p < hi)
            break;
        perms[0] = '\0';
    }
    fclose(f);
    return perms[0] == 'r' && perms[1] == '-';
}

/* ftl_input_read: a large regular file is mapped, read-only, and ends in a
 * NUL, also when its length is a multiple of the page size (the NUL is then
 * on a page of its own); a small one, and standard input, are read; errors are those of
 * ftl_read_file; the source set borrows a mapped text as any other. */
static void test_input_mapped(void **state)
{
    (void)state;
    long page = sysconf(_SC_PAGESIZE);
    assert_true(page > 0);
    size_t sizes[] = {FTL_MAP_MIN, FTL_MAP_MIN + 1, FTL_MAP_MIN + 1 + (size_t)page / 2,
                      FTL_MAP_MIN - 1, 10};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        char *text = malloc(n);
        assert_non_null(text);
        for (size_t i = 0; i < n; i++)
            text[i] = (char)('a' + i % 26);
        const char *p = path_in("input");
        put_file(p, text, n);
        FtlInput in;
        char err[512];
        assert_int_equal(ftl_input_read(p, 1, &in, err, sizeof err), 0);
        assert_int_equal(in.len, n);
        assert_memory_equal(in.data, text, n);
        assert_int_equal(in.data[n], 0);
        if (n >= FTL_MAP_MIN)
            assert_true(in.map > n && in.map % (size_t)page == 0);
        else
            assert_int_equal(in.map, 0);
        if (in.map)
            assert_true(read_only(in.data)); /* nothing writes a text (fileio.h) */
        else
            in.data[0] = 'Z'; /* a copy: the file keeps its bytes */
        FtlSources src;
        ftl_sources_init(&src);
        uint32_t id = ftl_sources_borrow(&src, p, in.data, in.len);
        assert_ptr_equal(ftl_sources_get(&src, id)->data, in.data);
        uint32_t nlines;
        ftl_source_lines(ftl_sources_get(&src, id), &nlines);
        assert_int_equal(nlines, 1);
        ftl_sources_free(&src);
        ftl_input_free(&in);
        assert_int_equal(ftl_input_read(p, 1, &in, err, sizeof err), 0);
        assert_int_equal(in.data[0], 'a');
        ftl_input_free(&in);
        assert_null(in.data);
        free(text);
    }
    FtlInput in;
    char err[512];
    assert_int_equal(ftl_input_read(path_in("missing"), 1, &in, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot open"));
    assert_int_equal(ftl_input_read(dir, 1, &in, err, sizeof err), -1);
    assert_non_null(strstr(err, "it is a directory"));
}

static void test_input_stream(void **state)
{
    (void)state;
    int fds[2], saved = dup(0);
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], "module m {}\n", 12), 12);
    close(fds[1]);
    dup2(fds[0], 0);
    close(fds[0]);
    FtlInput in;
    char err[512];
    int rc = ftl_input_read("-", 1, &in, err, sizeof err);
    dup2(saved, 0);
    close(saved);
    assert_int_equal(rc, 0);
    assert_int_equal(in.map, 0);
    assert_int_equal(in.len, 12);
    assert_string_equal(in.data, "module m {}\n");
    ftl_input_free(&in);
}

/* ---- atomic writes ------------------------------------------------------------------- */

static char *slurp(const char *path)
{
    char *data = NULL, err[512];
    size_t len;
    assert_int_equal(ftl_read_file(path, &data, &len, err, sizeof err), 0);
    return data;
}

/* No "NAME.ftlc-XXXXXX" left in the directory. */
static void assert_no_temporaries(void)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".ftlc-")) fail_msg("temporary file left: %s", e->d_name);
    closedir(d);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

static void test_write_new_file_honours_umask(void **state)
{
    (void)state;
    const char *p = path_in("new.txt");
    char err[512];
    mode_t old = umask(027);
    assert_int_equal(ftl_write_atomic(p, "new\n", 4, err, sizeof err), 0);
    umask(old);
    assert_int_equal(mode_of(p), 0640);
    char *got = slurp(p);
    assert_string_equal(got, "new\n");
    free(got);
    assert_no_temporaries();
}

static void test_write_keeps_mode_and_link(void **state)
{
    (void)state;
    const char *p = path_in("old.txt"), *link = path_in("link.txt");
    char err[512];
    put_file(p, "old\n", 4);
    assert_int_equal(chmod(p, 0604), 0);
    assert_int_equal(symlink("old.txt", link), 0);
    assert_int_equal(ftl_write_atomic(link, "replaced\n", 9, err, sizeof err), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(mode_of(p), 0604);
    char *got = slurp(p);
    assert_string_equal(got, "replaced\n");
    free(got);
    assert_no_temporaries();
}

static void test_write_error_is_reported(void **state)
{
    (void)state;
    char err[512];
    assert_int_equal(ftl_write_atomic(path_in("no/such/dir/x"), "x", 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "No such file or directory"));
    assert_no_temporaries();
}

/* p is still a FIFO (rename would have replaced it); it is removed, and
 * nothing was left beside it. */
static void assert_fifo_removed(const char *p)
{
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(unlink(p), 0);
    assert_no_temporaries();
}

/* A FIFO destination is opened and written in place: the reader gets the
 * output and the FIFO is still a FIFO (rename would have replaced it). */
static void test_write_fifo_in_place(void **state)
{
    (void)state;
    const char *p = path_in("pipe");
    char err[512], got[16] = "";
    assert_int_equal(mkfifo(p, 0600), 0);
    int rd = open(p, O_RDONLY | O_NONBLOCK); /* a reader, so the writer's open does not block */
    assert_true(rd >= 0);
    assert_int_equal(ftl_write_atomic(p, "through\n", 8, err, sizeof err), 0);
    assert_int_equal(read(rd, got, sizeof got - 1), 8);
    assert_string_equal(got, "through\n");
    close(rd);
    assert_fifo_removed(p);
}

static void test_write_directory_refused(void **state)
{
    (void)state;
    char err[512];
    assert_int_equal(mkdir(path_in("adir"), 0700), 0);
    assert_int_equal(ftl_write_atomic(path_in("adir"), "x", 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "it is a directory"));
    assert_int_equal(rmdir(path_in("adir")), 0);
}

/* The same file under another name (./x, a hard link, a symbolic link) is
 * found by device and inode; both names are in the message, nothing is written. */
static void test_output_same_as_input(void **state)
{
    (void)state;
    char a[4200], hard[4200], soft[4200], other[4200], err[512];
    snprintf(a, sizeof a, "%s", path_in("in.ftl"));
    snprintf(hard, sizeof hard, "%s", path_in("hard.ftl"));
    snprintf(soft, sizeof soft, "%s", path_in("soft.ftl"));
    snprintf(other, sizeof other, "%s", path_in("other.ftl"));
    put_file(a, "module m {}\n", 12);
    put_file(other, "module o {}\n", 12);
    assert_int_equal(link(a, hard), 0);
    assert_int_equal(symlink("in.ftl", soft), 0);
    const char *inputs[] = {other, a};
    assert_ptr_equal(ftl_same_file(hard, inputs, 2), inputs[1]);
    assert_ptr_equal(ftl_same_file(soft, inputs, 2), inputs[1]);
    assert_null(ftl_same_file(other, inputs + 1, 1));
    assert_null(ftl_same_file(path_in("absent.ftl"), inputs, 2));
    assert_int_equal(ftl_write_output(soft, "x", 1, inputs, 2, err, sizeof err), -1);
    assert_non_null(strstr(err, "refusing to write"));
    assert_non_null(strstr(err, soft));
    assert_non_null(strstr(err, a));
    char *got = slurp(a);
    assert_string_equal(got, "module m {}\n");
    free(got);
    assert_int_equal(ftl_write_output(other, "y\n", 2, inputs + 1, 1, err, sizeof err), 0);
    unlink(a), unlink(hard), unlink(soft), unlink(other);
}

/* ---- atomic writes in parts (base/atomic.h) ------------------------------------------ */

/* The old contents of a file written in parts stay until the commit, which
 * puts the parts in place whole, with the old file's permissions. */
static void test_atomic_parts_commit(void **state)
{
    (void)state;
    const char *p = path_in("parts.txt");
    char err[512];
    put_file(p, "old\n", 4);
    assert_int_equal(chmod(p, 0640), 0);
    FtlAtomicFile a;
    assert_int_equal(ftl_atomic_open(&a, p, err, sizeof err), 0);
    assert_int_equal(ftl_atomic_write(&a, "one ", 4), 0);
    assert_int_equal(ftl_atomic_write(&a, "", 0), 0);
    assert_int_equal(ftl_atomic_write(&a, "two\n", 4), 0);
    char *got = slurp(p);
    assert_string_equal(got, "old\n");
    free(got);
    assert_int_equal(ftl_atomic_commit(&a, err, sizeof err), 0);
    got = slurp(p);
    assert_string_equal(got, "one two\n");
    free(got);
    assert_int_equal(mode_of(p), 0640);
    assert_no_temporaries();
    unlink(p);
}

/* Dropped after some parts: the old file as it was, nothing left beside it;
 * a new file is never created. */
static void test_atomic_drop(void **state)
{
    (void)state;
    const char *p = path_in("dropped.txt");
    char err[512];
    put_file(p, "old\n", 4);
    FtlAtomicFile a;
    assert_int_equal(ftl_atomic_open(&a, p, err, sizeof err), 0);
    assert_int_equal(ftl_atomic_write(&a, "new contents\n", 13), 0);
    ftl_atomic_drop(&a);
    char *got = slurp(p);
    assert_string_equal(got, "old\n");
    free(got);
    assert_no_temporaries();
    const char *q = path_in("never.txt");
    assert_int_equal(ftl_atomic_open(&a, q, err, sizeof err), 0);
    assert_int_equal(ftl_atomic_write(&a, "x", 1), 0);
    ftl_atomic_drop(&a);
    assert_int_equal(access(q, F_OK), -1);
    assert_no_temporaries();
    unlink(p);
}

/* A write that fails midway (past the file-size limit, as a full disk would)
 * fails every later one; the commit says why and leaves the old file byte for
 * byte, with nothing beside it. */
static void test_atomic_fails_midway(void **state)
{
    (void)state;
    const char *p = path_in("midway.txt");
    char err[512], old[3000];
    memset(old, 'o', sizeof old);
    put_file(p, old, sizeof old);
    struct rlimit lim, was;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
    void (*sig)(int) = signal(SIGXFSZ, SIG_IGN); /* EFBIG rather than a signal */
    FtlAtomicFile a;
    assert_int_equal(ftl_atomic_open(&a, p, err, sizeof err), 0);
    lim = was;
    lim.rlim_cur = 1024;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    assert_int_equal(ftl_atomic_write(&a, old, 1000), 0);
    assert_int_equal(ftl_atomic_write(&a, old, 1000), -1);
    assert_int_equal(ftl_atomic_write(&a, "x", 1), -1);
    int rc = ftl_atomic_commit(&a, err, sizeof err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
    signal(SIGXFSZ, sig);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, "cannot write '"));
    assert_non_null(strstr(err, strerror(EFBIG)));
    char *got;
    size_t len;
    assert_int_equal(ftl_read_file(p, &got, &len, err, sizeof err), 0);
    assert_int_equal(len, sizeof old);
    assert_memory_equal(got, old, sizeof old);
    free(got);
    assert_no_temporaries();
    unlink(p);
}

/* In place (a FIFO): nothing reaches it before the commit, everything then. */
static void test_atomic_in_place_at_commit(void **state)
{
    (void)state;
    const char *p = path_in("pipe2");
    char err[512], got[16] = "";
    assert_int_equal(mkfifo(p, 0600), 0);
    int rd = open(p, O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    FtlAtomicFile a;
    assert_int_equal(ftl_atomic_open(&a, p, err, sizeof err), 0);
    assert_int_equal(ftl_atomic_write(&a, "thr", 3), 0);
    assert_int_equal(ftl_atomic_write(&a, "ough\n", 5), 0);
    assert_true(read(rd, got, sizeof got - 1) <= 0);
    assert_int_equal(ftl_atomic_commit(&a, err, sizeof err), 0);
    assert_int_equal(read(rd, got, sizeof got - 1), 8);
    assert_string_equal(got, "through\n");
    close(rd);
    assert_fifo_removed(p);
}

/* Opening refuses what ftl_write_atomic refuses, saying the same. */
static void test_atomic_open_refused(void **state)
{
    (void)state;
    char err[512];
    FtlAtomicFile a;
    assert_int_equal(mkdir(path_in("bdir"), 0700), 0);
    assert_int_equal(ftl_atomic_open(&a, path_in("bdir"), err, sizeof err), -1);
    assert_non_null(strstr(err, "it is a directory"));
    assert_int_equal(rmdir(path_in("bdir")), 0);
    assert_int_equal(ftl_atomic_open(&a, path_in("no/such/dir/x"), err, sizeof err), -1);
    assert_non_null(strstr(err, "No such file or directory"));
    assert_no_temporaries();
}

/* ---- inside a directory, never through a link (the project's cache) ---------------- */

static int dir_fd(void)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    assert_true(fd >= 0);
    return fd;
}

static void test_read_at_refuses_what_is_not_a_file(void **state)
{
    (void)state;
    int d = dir_fd();
    char err[512], *data = NULL;
    size_t len = 0;
    put_file(path_in("ok.txtpb"), "realms {}\n", 10);
    assert_int_equal(ftl_read_at(d, NULL, "ok.txtpb", 100, &data, &len, err, sizeof err), 0);
    assert_int_equal(len, 10);
    free(data);
    assert_int_equal(ftl_read_at(d, NULL, "absent", 100, &data, &len, err, sizeof err), 1);
    assert_int_equal(symlink("ok.txtpb", path_in("link.txtpb")), 0);
    assert_int_equal(ftl_read_at(d, NULL, "link.txtpb", 100, &data, &len, err, sizeof err), 2);
    assert_non_null(strstr(err, "'link.txtpb' is not read: it is a symbolic link"));
    assert_int_equal(mkfifo(path_in("fifo.txtpb"), 0600), 0);
    assert_int_equal(ftl_read_at(d, NULL, "fifo.txtpb", 100, &data, &len, err, sizeof err), 2);
    assert_non_null(strstr(err, "it is not a regular file"));
    assert_int_equal(ftl_read_at(d, NULL, "ok.txtpb", 9, &data, &len, err, sizeof err), 2);
    assert_non_null(strstr(err, "is too large (the limit is 9 bytes)"));
    unlink(path_in("ok.txtpb")), unlink(path_in("link.txtpb")), unlink(path_in("fifo.txtpb"));
    close(d);
}

/* A link in the middle of the path is not followed, for reads and writes. */
static void test_dir_at_refuses_links(void **state)
{
    (void)state;
    int d = dir_fd();
    char err[512], *data = NULL;
    size_t len = 0;
    assert_int_equal(mkdir(path_in("real"), 0700), 0);
    put_file(path_in("real/x"), "x", 1);
    assert_int_equal(symlink("real", path_in("via")), 0);
    assert_int_equal(ftl_read_at(d, "proj", "via/x", 100, &data, &len, err, sizeof err), -1);
    assert_non_null(strstr(err, "'proj/via' is a symbolic link or not a directory"));
    assert_int_equal(ftl_write_at(d, NULL, "via/y", "y", 1, NULL, NULL, err, sizeof err), -1);
    assert_int_equal(access(path_in("real/y"), F_OK), -1);
    assert_int_equal(ftl_unlink_at(d, NULL, "via/x", err, sizeof err), -1);
    assert_int_equal(access(path_in("real/x"), F_OK), 0);
    unlink(path_in("real/x")), unlink(path_in("via")), rmdir(path_in("real"));
    close(d);
}

static void made(void *ctx, const char *rel, size_t n)
{
    char *log = ctx;
    strncat(log, rel, n);
    strcat(log, ";");
}

/* A write over a link replaces the link; its target keeps its text. */
static void test_write_at_replaces_a_link(void **state)
{
    (void)state;
    int d = dir_fd();
    char err[512], log[256] = "";
    put_file(path_in("target"), "precious\n", 9);
    assert_int_equal(mkdir(path_in("c"), 0700), 0);
    assert_int_equal(symlink("../target", path_in("c/entry")), 0);
    assert_int_equal(ftl_write_at(d, NULL, "c/entry", "new\n", 4, made, log, err, sizeof err), 0);
    struct stat st;
    assert_int_equal(lstat(path_in("c/entry"), &st), 0);
    assert_true(S_ISREG(st.st_mode));
    char *got = slurp(path_in("target"));
    assert_string_equal(got, "precious\n");
    free(got);
    assert_string_equal(log, "");
    assert_int_equal(ftl_write_at(d, NULL, "a/b/f", "f", 1, made, log, err, sizeof err), 0);
    assert_string_equal(log, "a;a/b;");
    assert_int_equal(ftl_unlink_at(d, NULL, "c/entry", err, sizeof err), 0);
    assert_int_equal(ftl_unlink_at(d, NULL, "c/entry", err, sizeof err), 1);
    unlink(path_in("target")), unlink(path_in("a/b/f")), rmdir(path_in("a/b")), rmdir(path_in("a"));
    rmdir(path_in("c"));
    close(d);
}

/* The undo log puts back a file it replaced, removes the files and folders it
 * made, and deletes what was dropped only at commit. */
static void test_undo_log(void **state)
{
    (void)state;
    int d = dir_fd();
    char err[512];
    put_file(path_in("project.toml"), "old\n", 4);
    put_file(path_in("stale"), "s", 1);
    FtlUndo u;
    ftl_undo_init(&u, d, NULL);
    assert_int_equal(ftl_undo_write(&u, "project.toml", "new\n", 4, err, sizeof err), 0);
    assert_int_equal(ftl_undo_write(&u, ".c/r/n/x.txtpb", "x", 1, err, sizeof err), 0);
    assert_int_equal(ftl_undo_remove(&u, "stale", err, sizeof err), 0);
    ftl_undo_remove_later(&u, "project.toml");
    assert_int_equal(access(path_in("stale"), F_OK), -1);
    ftl_undo_rollback(&u);
    char *got = slurp(path_in("project.toml"));
    assert_string_equal(got, "old\n");
    free(got);
    got = slurp(path_in("stale"));
    assert_string_equal(got, "s");
    free(got);
    assert_int_equal(access(path_in(".c"), F_OK), -1);
    ftl_undo_init(&u, d, NULL);
    assert_int_equal(ftl_undo_write(&u, "n/x", "x", 1, err, sizeof err), 0);
    ftl_undo_remove_later(&u, "stale");
    assert_int_equal(access(path_in("stale"), F_OK), 0);
    ftl_undo_commit(&u);
    assert_int_equal(access(path_in("stale"), F_OK), -1);
    assert_int_equal(access(path_in("n/x"), F_OK), 0);
    unlink(path_in("n/x")), rmdir(path_in("n")), unlink(path_in("project.toml"));
    close(d);
    assert_no_temporaries();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_view_under_limit_is_the_list),
        cmocka_unit_test(test_view_cuts_and_counts),
        cmocka_unit_test(test_view_singular_and_unlimited),
        cmocka_unit_test(test_view_gave_up),
        cmocka_unit_test(test_render_text_summary),
        cmocka_unit_test(test_parser_gives_up),
        cmocka_unit_test(test_identifier_limit),
        cmocka_unit_test(test_string_limit),
        cmocka_unit_test(test_read_limit_file),
        cmocka_unit_test(test_read_limit_stream),
        cmocka_unit_test(test_read_empty_and_missing),
        cmocka_unit_test(test_input_mapped),
        cmocka_unit_test(test_input_stream),
        cmocka_unit_test(test_write_new_file_honours_umask),
        cmocka_unit_test(test_write_keeps_mode_and_link),
        cmocka_unit_test(test_write_error_is_reported),
        cmocka_unit_test(test_write_fifo_in_place),
        cmocka_unit_test(test_write_directory_refused),
        cmocka_unit_test(test_output_same_as_input),
        cmocka_unit_test(test_atomic_parts_commit),
        cmocka_unit_test(test_atomic_drop),
        cmocka_unit_test(test_atomic_fails_midway),
        cmocka_unit_test(test_atomic_in_place_at_commit),
        cmocka_unit_test(test_atomic_open_refused),
        cmocka_unit_test(test_read_at_refuses_what_is_not_a_file),
        cmocka_unit_test(test_dir_at_refuses_links),
        cmocka_unit_test(test_write_at_replaces_a_link),
        cmocka_unit_test(test_undo_log),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
