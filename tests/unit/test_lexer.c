/* test_lexer.c - the re2c lexer (LEXICAL STRUCTURE in ftl-schema(5)): token
 * classes, spans,
 * whitespace flags, the +cron and ingress-path modes, lexical errors and
 * robustness on arbitrary bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/diag.h"
#include "syntax/parse.h"
#include "base/source.h"
#include "syntax/token.h"
#include "parser.h"

/* ---- helpers ------------------------------------------------------------------- */

enum { MAX_TOKS = 256 };

/* A lexed input: the text (with its NUL sentinel) stays alive as long as the
 * tokens, which point into it. */
typedef struct Lexed {
    FtlSources src; /* file 1 holds the text */
    char *text;
    size_t len;
    FtlToken toks[MAX_TOKS];
    int n; /* tokens before end of input */
    FtlToken eof;
    FtlDiags diags;
    int comment_nul; /* FtlLexer.comment_nul at the end */
} Lexed;

static Lexed *lex_n(const char *s, size_t len)
{
    Lexed *L = calloc(1, sizeof *L);
    assert_non_null(L);
    ftl_sources_init(&L->src);
    assert_int_equal(ftl_sources_add(&L->src, "t.ftl", s, len), 1);
    L->text = ftl_sources_get(&L->src, 1)->data;
    L->len = len;
    ftl_diags_init(&L->diags);
    FtlLexer lx;
    ftl_lexer_init(&lx, 1, L->text, len, &L->diags);
    for (;;) {
        FtlToken t;
        memset(&t, 0, sizeof t);
        int type = ftl_lex(&lx, &t);
        assert_int_equal(type, t.type);
        if (type == 0) {
            L->eof = t;
            break;
        }
        assert_true(L->n < MAX_TOKS);
        L->toks[L->n++] = t;
    }
    L->comment_nul = lx.comment_nul;
    return L;
}

static Lexed *lex(const char *s)
{
    return lex_n(s, strlen(s));
}

static void lexed_free(Lexed *L)
{
    ftl_diags_free(&L->diags);
    ftl_sources_free(&L->src);
    free(L);
}

/* Line and column of byte offset off of the lexed text. */
static FtlPos pos_at(const Lexed *L, uint32_t off)
{
    return ftl_source_pos(ftl_sources_get(&L->src, 1), off);
}
#define LINE(L, off) (pos_at((L), (off)).line)
#define COL(L, off) (pos_at((L), (off)).col)

/* Checks one token completely: type, text, start (line, col, offset) and end. */
static void check_tok_at(const char *file, int line, const Lexed *L, int i, int type,
                         const char *text, unsigned l1, unsigned c1, unsigned l2, unsigned c2,
                         unsigned off)
{
    if (i >= L->n) {
        fail_msg("%s:%d: token %d missing (only %d tokens)", file, line, i, L->n);
        return;
    }
    const FtlToken *t = &L->toks[i];
    size_t tl = strlen(text);
    FtlPos p = pos_at(L, t->span.off), e = pos_at(L, t->span.end);
    if (t->type != type || t->len != tl || memcmp(t->text, text, tl) != 0 || p.line != l1 ||
        p.col != c1 || e.line != l2 || e.col != c2 || t->span.off != off ||
        t->span.end != off + tl || t->span.file != 1 || t->text != L->text + off) {
        fail_msg("%s:%d: token %d: expected type %d '%s' %u:%u-%u:%u @%u+%zu, got type %d "
                 "'%.*s' %u:%u-%u:%u @%u-%u",
                 file, line, i, type, text, l1, c1, l2, c2, off, tl, t->type, (int)t->len, t->text,
                 p.line, p.col, e.line, e.col, t->span.off, t->span.end);
    }
}
#define CHECK_TOK(L, i, type, text, l1, c1, l2, c2, off)                                           \
    check_tok_at(__FILE__, __LINE__, (L), (i), (type), (text), (l1), (c1), (l2), (c2), (off))

/* Only the type and text of token i. */
static void check_tt_at(const char *file, int line, const Lexed *L, int i, int type,
                        const char *text)
{
    if (i >= L->n) {
        fail_msg("%s:%d: token %d missing (only %d tokens)", file, line, i, L->n);
        return;
    }
    const FtlToken *t = &L->toks[i];
    size_t tl = strlen(text);
    if (t->type != type || t->len != tl || memcmp(t->text, text, tl) != 0)
        fail_msg("%s:%d: token %d: expected type %d '%s', got type %d '%.*s'", file, line, i, type,
                 text, t->type, (int)t->len, t->text);
}
#define CHECK_TT(L, i, type, text) check_tt_at(__FILE__, __LINE__, (L), (i), (type), (text))

/* Exactly one diagnostic, with this code and this span. */
static void check_one_diag_at(const char *file, int line, const Lexed *L, const char *code,
                              unsigned off, unsigned end, unsigned l1, unsigned c1, unsigned l2,
                              unsigned c2)
{
    if (L->diags.count != 1) {
        fail_msg("%s:%d: expected exactly one diagnostic, got %u", file, line, L->diags.count);
        return;
    }
    const FtlDiag *g = &L->diags.items[0];
    FtlPos p = pos_at(L, g->span.off), e = pos_at(L, g->span.end);
    if (g->sev != FTL_SEV_ERROR || strcmp(g->code, code) != 0 || g->span.file != 1 ||
        g->span.off != off || g->span.end != end || p.line != l1 || p.col != c1 || e.line != l2 ||
        e.col != c2)
        fail_msg("%s:%d: expected error %s @%u-%u %u:%u-%u:%u, got sev %d %s @%u-%u "
                 "%u:%u-%u:%u (%s)",
                 file, line, code, off, end, l1, c1, l2, c2, (int)g->sev, g->code, g->span.off,
                 g->span.end, p.line, p.col, e.line, e.col, g->msg);
    assert_int_equal(L->diags.errors, 1);
}
#define CHECK_ONE_DIAG(L, code, off, end, l1, c1, l2, c2)                                          \
    check_one_diag_at(__FILE__, __LINE__, (L), (code), (off), (end), (l1), (c1), (l2), (c2))

static void check_no_diags(const Lexed *L)
{
    if (L->diags.count)
        fail_msg("unexpected diagnostic %s: %s", L->diags.items[0].code, L->diags.items[0].msg);
}

/* ---- punctuation ------------------------------------------------------------------- */

static void test_punctuation(void **state)
{
    (void)state;
    /* Every character that starts a punctuation token except '_' (which
     * starts an identifier; Tokens in ftl-schema(5)). */
    static const struct {
        char c;
        int type;
    } cases[] = {
        {'%', TK_PUNCT},    {'/', TK_PUNCT},  {'-', TK_PUNCT},  {':', TK_COLON}, {'[', TK_LBRACKET},
        {']', TK_RBRACKET}, {'{', TK_LBRACE}, {'}', TK_RBRACE}, {'<', TK_LT},    {'>', TK_GT},
        {'(', TK_LPAREN},   {')', TK_RPAREN}, {'*', TK_PUNCT},  {'+', TK_PLUS},  {'?', TK_QUESTION},
        {'.', TK_DOT},      {',', TK_COMMA},  {'\\', TK_PUNCT}, {'^', TK_PUNCT}, {'$', TK_PUNCT},
        {'|', TK_PUNCT},    {'#', TK_PUNCT},  {'~', TK_PUNCT},  {'!', TK_PUNCT}, {'\'', TK_PUNCT},
        {'@', TK_AT},       {'=', TK_EQ},
    };
    assert_int_equal(sizeof cases / sizeof cases[0], 27);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char s[2] = {cases[i].c, 0};
        Lexed *L = lex(s);
        assert_int_equal(L->n, 1);
        CHECK_TOK(L, 0, cases[i].type, s, 1, 1, 1, 2, 0);
        check_no_diags(L);
        lexed_free(L);
    }
    /* All of them in a row: each is its own one-character token. */
    Lexed *L = lex("%/-:[]{}<>()*+?.,\\^$|#~!'@=");
    assert_int_equal(L->n, 27);
    for (int i = 0; i < L->n; i++) {
        assert_int_equal(L->toks[i].len, 1);
        assert_int_equal(COL(L, L->toks[i].span.off), (unsigned)i + 1);
        assert_int_equal(L->toks[i].ws_before, 0);
    }
    CHECK_TOK(L, 26, TK_EQ, "=", 1, 27, 1, 28, 26);
    check_no_diags(L);
    lexed_free(L);

    /* '_' alone is an identifier. */
    L = lex("_");
    CHECK_TOK(L, 0, TK_IDENT, "_", 1, 1, 1, 2, 0);
    lexed_free(L);
}

/* ---- keywords ---------------------------------------------------------------------- */

static void test_keywords(void **state)
{
    (void)state;
    static const struct {
        const char *word;
        int type;
    } kws[] = {
        {"realm", TK_REALM},
        {"external", TK_EXTERNAL},
        {"module", TK_MODULE},
        {"builtin", TK_BUILTIN},
        {"export", TK_EXPORT},
        {"data", TK_DATA},
        {"verb", TK_VERB},
        {"enum", TK_ENUM},
        {"typealias", TK_TYPEALIAS},
        {"config", TK_CONFIG},
        {"secret", TK_SECRET},
        {"database", TK_DATABASE},
        {"topic", TK_TOPIC},
        {"postgres", TK_POSTGRES},
        {"mysql", TK_MYSQL},
        {"Int", TK_KW_INT},
        {"Float", TK_KW_FLOAT},
        {"String", TK_KW_STRING},
        {"Bytes", TK_KW_BYTES},
        {"Bool", TK_KW_BOOL},
        {"Time", TK_KW_TIME},
        {"Any", TK_KW_ANY},
        {"Unit", TK_KW_UNIT},
        {"calls", TK_CALLS},
        {"secrets", TK_SECRETS},
        {"uses", TK_USES},
        {"publish", TK_PUBLISH},
        {"subscribe", TK_SUBSCRIBE},
        {"from", TK_FROM},
        {"beginning", TK_BEGINNING},
        {"latest", TK_LATEST},
        {"deadletter", TK_DEADLETTER},
        {"retry", TK_RETRY},
        {"catch", TK_CATCH},
        {"cron", TK_CRON},
        {"ingress", TK_INGRESS},
        {"http", TK_HTTP},
        {"GET", TK_GET},
        {"POST", TK_POST},
        {"PUT", TK_PUT},
        {"DELETE", TK_DELETE},
        {"alias", TK_ALIAS},
        {"typemap", TK_TYPEMAP},
        {"go", TK_GO},
        {"kotlin", TK_KOTLIN},
        {"java", TK_JAVA},
        {"encoding", TK_ENCODING},
        {"json", TK_JSON},
        {"lenient", TK_LENIENT},
        {"migration", TK_MIGRATION},
        {"sha256", TK_SHA256KW},
        {"artefact", TK_ARTEFACT},
        {"executable", TK_EXECUTABLE},
        {"partitions", TK_PARTITIONS},
        {"sql", TK_SQL},
        {"query", TK_QUERY},
        {"column", TK_COLUMN},
        {"generated", TK_GENERATED},
        {"git", TK_GIT},
        {"dirty", TK_DIRTY},
        {"fixture", TK_FIXTURE},
        {"manual", TK_MANUAL},
        {"transaction", TK_TRANSACTION},
        {"egress", TK_EGRESS},
        {"image", TK_IMAGE},
    };
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++) {
        const char *w = kws[i].word;
        unsigned n = (unsigned)strlen(w);
        char buf[64];

        Lexed *L = lex(w);
        assert_int_equal(L->n, 1);
        CHECK_TOK(L, 0, kws[i].type, w, 1, 1, 1, n + 1, 0);
        check_no_diags(L);
        lexed_free(L);

        /* A longer word, a different case or a trailing digit is an identifier. */
        snprintf(buf, sizeof buf, "%sx", w);
        L = lex(buf);
        assert_int_equal(L->n, 1);
        CHECK_TT(L, 0, TK_IDENT, buf);
        lexed_free(L);
        snprintf(buf, sizeof buf, "%s_1", w);
        L = lex(buf);
        CHECK_TT(L, 0, TK_IDENT, buf);
        lexed_free(L);
        snprintf(buf, sizeof buf, "_%s", w);
        L = lex(buf);
        CHECK_TT(L, 0, TK_IDENT, buf);
        lexed_free(L);

        /* Followed by punctuation: the keyword ends there. */
        snprintf(buf, sizeof buf, "%s.", w);
        L = lex(buf);
        assert_int_equal(L->n, 2);
        CHECK_TT(L, 0, kws[i].type, w);
        CHECK_TOK(L, 1, TK_DOT, ".", 1, n + 1, 1, n + 2, n);
        lexed_free(L);
    }
    /* Keywords are case-sensitive. */
    Lexed *L = lex("get Get int STRING Data Module json JSON");
    assert_int_equal(L->n, 8);
    for (int i = 0; i < L->n; i++)
        assert_int_equal(L->toks[i].type, i == 6 ? TK_JSON : TK_IDENT);
    lexed_free(L);
    /* Longest match between keywords: "database" is not "data" + "base". */
    L = lex("database secrets datab");
    CHECK_TT(L, 0, TK_DATABASE, "database");
    CHECK_TT(L, 1, TK_SECRETS, "secrets");
    CHECK_TT(L, 2, TK_IDENT, "datab");
    assert_int_equal(L->n, 3);
    lexed_free(L);
}

/* ---- identifiers, numbers ----------------------------------------------------------- */

static void test_ident(void **state)
{
    (void)state;
    Lexed *L = lex("abc _x1 A_B9 x\tz__");
    assert_int_equal(L->n, 5);
    CHECK_TOK(L, 0, TK_IDENT, "abc", 1, 1, 1, 4, 0);
    CHECK_TOK(L, 1, TK_IDENT, "_x1", 1, 5, 1, 8, 4);
    CHECK_TOK(L, 2, TK_IDENT, "A_B9", 1, 9, 1, 13, 8);
    CHECK_TOK(L, 3, TK_IDENT, "x", 1, 14, 1, 15, 13);
    CHECK_TOK(L, 4, TK_IDENT, "z__", 1, 16, 1, 19, 15); /* a TAB is one column */
    check_no_diags(L);
    lexed_free(L);
}

static void test_numbers(void **state)
{
    (void)state;
    Lexed *L = lex("1.5 007 0 42");
    assert_int_equal(L->n, 4);
    CHECK_TOK(L, 0, TK_NUMBER, "1.5", 1, 1, 1, 4, 0);
    CHECK_TOK(L, 1, TK_NUMBER, "007", 1, 5, 1, 8, 4);
    CHECK_TOK(L, 2, TK_NUMBER, "0", 1, 9, 1, 10, 8);
    CHECK_TOK(L, 3, TK_NUMBER, "42", 1, 11, 1, 13, 10);
    check_no_diags(L);
    lexed_free(L);

    /* 1e5: Number 1 then Ident e5, glued (no whitespace before e5). */
    L = lex("1e5");
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 0, TK_NUMBER, "1", 1, 1, 1, 2, 0);
    CHECK_TOK(L, 1, TK_IDENT, "e5", 1, 2, 1, 4, 1);
    assert_int_equal(L->toks[1].ws_before, 0);
    lexed_free(L);

    /* -3: Punct then Number. */
    L = lex("-3");
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 0, TK_PUNCT, "-", 1, 1, 1, 2, 0);
    CHECK_TOK(L, 1, TK_NUMBER, "3", 1, 2, 1, 3, 1);
    lexed_free(L);

    /* .5: Punct '.' then Number. */
    L = lex(".5");
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 0, TK_DOT, ".", 1, 1, 1, 2, 0);
    CHECK_TOK(L, 1, TK_NUMBER, "5", 1, 2, 1, 3, 1);
    lexed_free(L);

    /* 1. and 1.5.3: a fraction needs digits, and there is only one. */
    L = lex("1. 1.5.3");
    assert_int_equal(L->n, 5);
    CHECK_TT(L, 0, TK_NUMBER, "1");
    CHECK_TT(L, 1, TK_DOT, ".");
    CHECK_TT(L, 2, TK_NUMBER, "1.5");
    CHECK_TT(L, 3, TK_DOT, ".");
    CHECK_TT(L, 4, TK_NUMBER, "3");
    lexed_free(L);

    /* 1m5s: Number 1 immediately followed by Ident m5s (used by +retry). */
    L = lex("1m5s");
    assert_int_equal(L->n, 2);
    CHECK_TT(L, 0, TK_NUMBER, "1");
    CHECK_TT(L, 1, TK_IDENT, "m5s");
    lexed_free(L);
}

/* ---- SHA256 ---------------------------------------------------------------------- */

static void test_sha256(void **state)
{
    (void)state;
    char buf[200];
    /* Exactly 64 word characters: SHA256. */
    memset(buf, 'a', 64);
    buf[64] = 0;
    Lexed *L = lex(buf);
    assert_int_equal(L->n, 1);
    CHECK_TOK(L, 0, TK_SHA256, buf, 1, 1, 1, 65, 0);
    lexed_free(L);

    /* 63 and 65: identifiers. */
    buf[63] = 0;
    L = lex(buf);
    assert_int_equal(L->n, 1);
    CHECK_TOK(L, 0, TK_IDENT, buf, 1, 1, 1, 64, 0);
    lexed_free(L);
    memset(buf, 'a', 65);
    buf[65] = 0;
    L = lex(buf);
    assert_int_equal(L->n, 1);
    CHECK_TOK(L, 0, TK_IDENT, buf, 1, 1, 1, 66, 0);
    lexed_free(L);

    /* 64 digits: SHA256, not Number. 63 digits: Number. */
    memset(buf, '7', 64);
    buf[64] = 0;
    L = lex(buf);
    assert_int_equal(L->n, 1);
    CHECK_TOK(L, 0, TK_SHA256, buf, 1, 1, 1, 65, 0);
    lexed_free(L);
    buf[63] = 0;
    L = lex(buf);
    assert_int_equal(L->n, 1);
    CHECK_TT(L, 0, TK_NUMBER, buf);
    lexed_free(L);

    /* A hex digest starting with digits, and one starting with '_'. */
    const char *hex = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef";
    assert_int_equal(strlen(hex), 64);
    snprintf(buf, sizeof buf, "sha256:%s x", hex);
    L = lex(buf);
    assert_int_equal(L->n, 4);
    CHECK_TT(L, 0, TK_SHA256KW, "sha256");
    CHECK_TT(L, 1, TK_COLON, ":");
    CHECK_TOK(L, 2, TK_SHA256, hex, 1, 8, 1, 72, 7);
    CHECK_TOK(L, 3, TK_IDENT, "x", 1, 73, 1, 74, 72);
    lexed_free(L);
    buf[0] = '_';
    memset(buf + 1, 'b', 63);
    buf[64] = 0;
    L = lex(buf);
    assert_int_equal(L->n, 1);
    CHECK_TT(L, 0, TK_SHA256, buf);
    lexed_free(L);

    /* 64 digits then more word characters: a 67-character run, not SHA256. */
    memset(buf, '1', 64);
    memcpy(buf + 64, "abc", 4);
    L = lex(buf);
    for (int i = 0; i < L->n; i++)
        assert_int_not_equal(L->toks[i].type, TK_SHA256);
    lexed_free(L);

    /* 64 characters ended by punctuation: SHA256 then the punctuation. */
    memset(buf, 'c', 64);
    memcpy(buf + 64, "}", 2);
    L = lex(buf);
    assert_int_equal(L->n, 2);
    CHECK_TT(L, 1, TK_RBRACE, "}");
    assert_int_equal(L->toks[0].type, TK_SHA256);
    lexed_free(L);
    check_no_diags(L = lex(hex));
    lexed_free(L);
}

/* ---- strings ------------------------------------------------------------------------ */

static void test_strings(void **state)
{
    (void)state;
    /* A raw newline inside: the span ends on line 2. */
    Lexed *L = lex("\"a\nbc\" x");
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 0, TK_STRING, "\"a\nbc\"", 1, 1, 2, 4, 0);
    CHECK_TOK(L, 1, TK_IDENT, "x", 2, 5, 2, 6, 7);
    assert_int_equal(L->toks[1].nl_before, 0); /* the newline was inside the string */
    check_no_diags(L);
    lexed_free(L);

    /* \" does not end the string; \\ does not escape the closing quote. */
    L = lex("\"a\\\"b\" \"c\\\\\"d");
    assert_int_equal(L->n, 3);
    CHECK_TOK(L, 0, TK_STRING, "\"a\\\"b\"", 1, 1, 1, 7, 0);
    CHECK_TOK(L, 1, TK_STRING, "\"c\\\\\"", 1, 8, 1, 13, 7);
    CHECK_TOK(L, 2, TK_IDENT, "d", 1, 13, 1, 14, 12);
    lexed_free(L);

    /* Empty string; a string containing '//' is not a comment. */
    L = lex("\"\" \"//x\"");
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 0, TK_STRING, "\"\"", 1, 1, 1, 3, 0);
    CHECK_TOK(L, 1, TK_STRING, "\"//x\"", 1, 4, 1, 9, 3);
    lexed_free(L);

    /* Bad escapes are the decoder's business, not the lexer's. */
    L = lex("\"\\q\"");
    assert_int_equal(L->n, 1);
    CHECK_TT(L, 0, TK_STRING, "\"\\q\"");
    check_no_diags(L);
    lexed_free(L);

    /* NUL bytes and non-ASCII text are allowed inside strings. */
    L = lex_n("\"a\0\xc3\xa9\xff\" y", 9);
    assert_int_equal(L->n, 2);
    assert_int_equal(L->toks[0].type, TK_STRING);
    assert_int_equal(L->toks[0].len, 7);
    CHECK_TOK(L, 1, TK_IDENT, "y", 1, 8, 1, 9, 8);
    check_no_diags(L);
    lexed_free(L);
}

/* Columns count code points: multi-byte characters inside a string are one
 * column each. */
static void test_utf8_columns(void **state)
{
    (void)state;
    /* "héllo😀" is 12 bytes, 8 code points. */
    Lexed *L = lex("\"h\xc3\xa9llo\xf0\x9f\x98\x80\" x");
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 0, TK_STRING, "\"h\xc3\xa9llo\xf0\x9f\x98\x80\"", 1, 1, 1, 9, 0);
    CHECK_TOK(L, 1, TK_IDENT, "x", 1, 10, 1, 11, 13);
    lexed_free(L);

    /* The same in a comment, then the next line starts at column 1 again. */
    L = lex("a // \xe2\x82\xac\xe2\x82\xac\n  b");
    assert_int_equal(L->n, 3);
    CHECK_TOK(L, 1, TK_COMMENT, "// \xe2\x82\xac\xe2\x82\xac", 1, 3, 1, 8, 2);
    CHECK_TOK(L, 2, TK_IDENT, "b", 2, 3, 2, 4, 14);
    lexed_free(L);
}

/* ---- comments ------------------------------------------------------------------- */

static void test_comments(void **state)
{
    (void)state;
    /* The span excludes the LF; the next token is on line 2 with nl_before. */
    Lexed *L = lex("x // hello  \ny");
    assert_int_equal(L->n, 3);
    CHECK_TOK(L, 1, TK_COMMENT, "// hello  ", 1, 3, 1, 13, 2);
    CHECK_TOK(L, 2, TK_IDENT, "y", 2, 1, 2, 2, 13);
    assert_int_equal(L->toks[1].ws_before, 1);
    assert_int_equal(L->toks[1].nl_before, 0);
    assert_int_equal(L->toks[2].nl_before, 1);
    lexed_free(L);

    /* A CR before the LF is part of the comment. */
    L = lex("// c\r\nz");
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 0, TK_COMMENT, "// c\r", 1, 1, 1, 6, 0);
    CHECK_TOK(L, 1, TK_IDENT, "z", 2, 1, 2, 2, 6);
    lexed_free(L);

    /* At the end of input, "//" alone, and "///". */
    L = lex("//\n/// x\n//");
    assert_int_equal(L->n, 3);
    CHECK_TOK(L, 0, TK_COMMENT, "//", 1, 1, 1, 3, 0);
    CHECK_TOK(L, 1, TK_COMMENT, "/// x", 2, 1, 2, 6, 3);
    CHECK_TOK(L, 2, TK_COMMENT, "//", 3, 1, 3, 3, 9);
    lexed_free(L);

    /* '//' directly after other tokens, even in the middle of a path-like text. */
    L = lex("a//b\n/c");
    assert_int_equal(L->n, 4);
    CHECK_TT(L, 0, TK_IDENT, "a");
    CHECK_TOK(L, 1, TK_COMMENT, "//b", 1, 2, 1, 5, 1);
    CHECK_TOK(L, 2, TK_PUNCT, "/", 2, 1, 2, 2, 5);
    CHECK_TT(L, 3, TK_IDENT, "c");
    check_no_diags(L);
    assert_int_equal(L->comment_nul, 0);
    lexed_free(L);

    /* Bytes that are errors elsewhere are fine inside a comment. */
    L = lex_n("// &;`\x0b\xff\0x\ny", 12);
    assert_int_equal(L->n, 2);
    assert_int_equal(L->toks[0].type, TK_COMMENT);
    assert_int_equal(L->toks[0].len, 10);
    assert_memory_equal(L->toks[0].text, "// &;`\x0b\xff\0x", 10);
    assert_int_equal(L->toks[0].span.off, 0);
    assert_int_equal(L->toks[0].span.end, 10);
    assert_int_equal(COL(L, 10), 11);
    CHECK_TOK(L, 1, TK_IDENT, "y", 2, 1, 2, 2, 11);
    check_no_diags(L);
    assert_int_equal(L->comment_nul, 1); /* E0603 reads such comments again */
    lexed_free(L);

    /* A NUL in a comment on the last line, with no LF after it; a NUL in a
     * string is not noted (E0603 reads strings from the tree). */
    L = lex_n("\"\0\" // a\0b", 10);
    assert_int_equal(L->n, 2);
    assert_int_equal(L->toks[1].type, TK_COMMENT);
    assert_int_equal(L->toks[1].span.end, 10);
    assert_int_equal(L->comment_nul, 1);
    lexed_free(L);
    L = lex_n("\"\0\" // ab", 9);
    assert_int_equal(L->comment_nul, 0);
    lexed_free(L);
}

/* ---- whitespace flags, positions --------------------------------------------------- */

static void test_ws_flags(void **state)
{
    (void)state;
    Lexed *L = lex("a b\n c\td\r\ne\x0c"
                   "f\n\n  g");
    assert_int_equal(L->n, 7);
    static const struct {
        const char *text;
        int ws, nl;
        unsigned line, col;
    } want[] = {
        {"a", 0, 0, 1, 1}, {"b", 1, 0, 1, 3}, {"c", 1, 1, 2, 2}, {"d", 1, 0, 2, 4},
        {"e", 1, 1, 3, 1}, {"f", 1, 0, 3, 3}, {"g", 1, 1, 5, 3},
    };
    for (int i = 0; i < 7; i++) {
        CHECK_TT(L, i, TK_IDENT, want[i].text);
        assert_int_equal(L->toks[i].ws_before, want[i].ws);
        assert_int_equal(L->toks[i].nl_before, want[i].nl);
        assert_int_equal(LINE(L, L->toks[i].span.off), want[i].line);
        assert_int_equal(COL(L, L->toks[i].span.off), want[i].col);
    }
    check_no_diags(L);
    lexed_free(L);

    /* A leading newline; a lone CR is whitespace but not a newline. */
    L = lex("\nx\ry");
    CHECK_TOK(L, 0, TK_IDENT, "x", 2, 1, 2, 2, 1);
    assert_int_equal(L->toks[0].ws_before, 1);
    assert_int_equal(L->toks[0].nl_before, 1);
    CHECK_TOK(L, 1, TK_IDENT, "y", 2, 3, 2, 4, 3);
    assert_int_equal(L->toks[1].ws_before, 1);
    assert_int_equal(L->toks[1].nl_before, 0);
    lexed_free(L);

    /* Tabs are one column each. */
    L = lex("\t\tx\t=");
    CHECK_TOK(L, 0, TK_IDENT, "x", 1, 3, 1, 4, 2);
    CHECK_TOK(L, 1, TK_EQ, "=", 1, 5, 1, 6, 4);
    lexed_free(L);
}

static void test_end_of_input(void **state)
{
    (void)state;
    Lexed *L = lex("a\n");
    assert_int_equal(L->n, 1);
    assert_int_equal(L->eof.type, 0);
    assert_int_equal(L->eof.span.off, 2);
    assert_int_equal(L->eof.span.end, 2);
    assert_int_equal(LINE(L, L->eof.span.off), 2);
    assert_int_equal(COL(L, L->eof.span.off), 1);
    assert_int_equal(L->eof.nl_before, 1);
    lexed_free(L);

    L = lex("");
    assert_int_equal(L->n, 0);
    assert_int_equal(L->eof.span.off, 0);
    assert_int_equal(LINE(L, L->eof.span.off), 1);
    assert_int_equal(COL(L, L->eof.span.off), 1);
    lexed_free(L);

    L = lex(" \t\n ");
    assert_int_equal(L->n, 0);
    assert_int_equal(LINE(L, L->eof.span.off), 2);
    assert_int_equal(COL(L, L->eof.span.off), 2);
    lexed_free(L);

    /* ftl_lex keeps returning 0 once at the end. */
    FtlDiags d;
    ftl_diags_init(&d);
    FtlLexer lx;
    const char *s = "x";
    ftl_lexer_init(&lx, 1, s, 1, &d);
    FtlToken t;
    assert_int_equal(ftl_lex(&lx, &t), TK_IDENT);
    assert_int_equal(ftl_lex(&lx, &t), 0);
    assert_int_equal(ftl_lex(&lx, &t), 0);
    assert_int_equal(t.span.off, 1);
    ftl_diags_free(&d);
}

/* ---- lexical errors ------------------------------------------------------------------ */

/* One bad character c (len bytes) between 'a ' and ' b': ILLEGAL with one E0101. */
static void check_illegal(const char *bad, size_t blen, unsigned cols)
{
    char buf[32];
    memcpy(buf, "a ", 2);
    memcpy(buf + 2, bad, blen);
    memcpy(buf + 2 + blen, " b", 2);
    size_t n = blen + 4;
    Lexed *L = lex_n(buf, n);
    if (L->n != 3) fail_msg("byte 0x%02x: expected 3 tokens, got %d", (unsigned char)bad[0], L->n);
    CHECK_TT(L, 0, TK_IDENT, "a");
    assert_int_equal(L->toks[1].type, TK_ILLEGAL);
    assert_int_equal(L->toks[1].len, blen);
    assert_int_equal(L->toks[1].span.off, 2);
    assert_int_equal(L->toks[1].span.end, 2 + blen);
    assert_int_equal(COL(L, L->toks[1].span.off), 3);
    assert_int_equal(COL(L, L->toks[1].span.end), 3 + cols);
    CHECK_TOK(L, 2, TK_IDENT, "b", 1, 4 + cols, 1, 5 + cols, (unsigned)(3 + blen));
    CHECK_ONE_DIAG(L, "E0101", 2, (unsigned)(2 + blen), 1, 3, 1, 3 + cols);
    lexed_free(L);
}

static void test_illegal_each_class(void **state)
{
    (void)state;
    /* Characters that start no rule. */
    check_illegal("&", 1, 1);
    check_illegal(";", 1, 1);
    check_illegal("`", 1, 1);
    /* Control characters: VT (not whitespace), SOH, ESC, DEL. */
    check_illegal("\x0b", 1, 1);
    check_illegal("\x01", 1, 1);
    check_illegal("\x1b", 1, 1);
    check_illegal("\x7f", 1, 1);
    /* A NUL byte before the end of the text is not the end of input. */
    check_illegal("\0", 1, 1);
    /* Non-ASCII outside strings and comments: one token per character. */
    check_illegal("\xc3\xa9", 2, 1);         /* é */
    check_illegal("\xe2\x82\xac", 3, 1);     /* € */
    check_illegal("\xf0\x9f\x98\x80", 4, 1); /* 😀 */
    /* Invalid UTF-8: one byte at a time. */
    check_illegal("\xff", 1, 1);
    check_illegal("\xc0", 1, 1);
    check_illegal("\xf5", 1, 1);
}

/* An invalid byte is one column, as upstream (Go) counts it: each byte of an
 * invalid sequence decodes to one U+FFFD rune. That includes a stray
 * continuation byte (0x80-0xBF). */
static void test_columns_invalid_utf8(void **state)
{
    (void)state;
    /* A stray continuation byte outside strings: one column, like any other. */
    check_illegal("\x80", 1, 1);
    /* Inside a string: "\x80" is three columns, so x is at column 5. */
    Lexed *L = lex("\"\x80\" x");
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 0, TK_STRING, "\"\x80\"", 1, 1, 1, 4, 0);
    CHECK_TOK(L, 1, TK_IDENT, "x", 1, 5, 1, 6, 4);
    lexed_free(L);
    /* A truncated sequence (E2 82) in a comment is two invalid bytes: 2 columns. */
    L = lex("\"\xe2\x82\" x");
    CHECK_TOK(L, 1, TK_IDENT, "x", 1, 6, 1, 7, 5);
    lexed_free(L);
}

static void test_illegal_sequences(void **state)
{
    (void)state;
    /* café: 'caf' then the error at é (Characters in ftl-schema(5)). */
    Lexed *L = lex("caf\xc3\xa9");
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 0, TK_IDENT, "caf", 1, 1, 1, 4, 0);
    CHECK_TOK(L, 1, TK_ILLEGAL, "\xc3\xa9", 1, 4, 1, 5, 3);
    CHECK_ONE_DIAG(L, "E0101", 3, 5, 1, 4, 1, 5);
    lexed_free(L);

    /* A truncated sequence at the end of input: one invalid byte. */
    L = lex("x\xe2\x82");
    assert_int_equal(L->toks[1].type, TK_ILLEGAL);
    assert_int_equal(L->toks[1].span.off, 1);
    assert_true(L->toks[1].len >= 1);
    for (int i = 1; i < L->n; i++)
        assert_int_equal(L->toks[i].type, TK_ILLEGAL);
    assert_int_equal(L->diags.count, (unsigned)(L->n - 1));
    for (unsigned i = 0; i < L->diags.count; i++)
        assert_string_equal(L->diags.items[i].code, "E0101");
    assert_int_equal(L->eof.span.off, 3);
    lexed_free(L);

    /* An overlong encoding (C0 80) and a surrogate (ED A0 80) are not characters. */
    L = lex("\xc0\x80");
    assert_int_equal(L->n, 2);
    assert_int_equal(L->toks[0].len, 1);
    assert_int_equal(L->toks[1].len, 1);
    assert_int_equal(L->diags.count, 2);
    lexed_free(L);
    L = lex("\xed\xa0\x80");
    assert_int_equal(L->n, 3);
    assert_int_equal(L->diags.count, 3);
    lexed_free(L);

    /* Several errors in a row each get their own diagnostic. */
    L = lex("&&;");
    assert_int_equal(L->n, 3);
    assert_int_equal(L->diags.count, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(L->toks[i].type, TK_ILLEGAL);
        assert_int_equal(L->diags.items[i].span.off, (unsigned)i);
        assert_string_equal(L->diags.items[i].code, "E0101");
    }
    lexed_free(L);
}

static void test_bom(void **state)
{
    (void)state;
    Lexed *L = lex("\xef\xbb\xbfmodule m {}");
    assert_true(L->n >= 2);
    CHECK_TOK(L, 0, TK_ILLEGAL, "\xef\xbb\xbf", 1, 1, 1, 2, 0);
    CHECK_TOK(L, 1, TK_MODULE, "module", 1, 2, 1, 8, 3);
    CHECK_ONE_DIAG(L, "E0101", 0, 3, 1, 1, 1, 2);
    assert_non_null(strstr(L->diags.items[0].msg, "byte-order mark"));
    lexed_free(L);
}

static void test_unterminated_string(void **state)
{
    (void)state;
    Lexed *L = lex("x \"abc\ndef");
    assert_int_equal(L->n, 2);
    CHECK_TT(L, 0, TK_IDENT, "x");
    assert_int_equal(L->toks[1].type, TK_ILLEGAL);
    assert_int_equal(L->toks[1].span.off, 2);
    assert_int_equal(LINE(L, L->toks[1].span.off), 1);
    assert_int_equal(COL(L, L->toks[1].span.off), 3);
    /* The error points at the opening quote. */
    CHECK_ONE_DIAG(L, "E0102", 2, 3, 1, 3, 1, 4);
    /* The rest of the input was swallowed. */
    assert_int_equal(L->eof.span.off, 10);
    assert_int_equal(LINE(L, L->eof.span.off), 2);
    assert_int_equal(COL(L, L->eof.span.off), 4);
    lexed_free(L);

    /* A trailing backslash escapes nothing that could close it. */
    L = lex("\"ab\\\"");
    assert_int_equal(L->n, 1);
    assert_int_equal(L->toks[0].type, TK_ILLEGAL);
    CHECK_ONE_DIAG(L, "E0102", 0, 1, 1, 1, 1, 2);
    lexed_free(L);

    L = lex("\"");
    assert_int_equal(L->n, 1);
    assert_int_equal(L->toks[0].type, TK_ILLEGAL);
    CHECK_ONE_DIAG(L, "E0102", 0, 1, 1, 1, 1, 2);
    lexed_free(L);
}

/* ---- +cron mode ------------------------------------------------------------------------ */

/* Lexes text; after the token at index `after` the mode is set to mode. */
static Lexed *lex_mode(const char *s, int after, FtlLexMode mode)
{
    Lexed *L = calloc(1, sizeof *L);
    assert_non_null(L);
    L->len = strlen(s);
    ftl_sources_init(&L->src);
    assert_int_equal(ftl_sources_add(&L->src, "t.ftl", s, L->len), 1);
    L->text = ftl_sources_get(&L->src, 1)->data;
    ftl_diags_init(&L->diags);
    FtlLexer lx;
    ftl_lexer_init(&lx, 1, L->text, L->len, &L->diags);
    if (after < 0) lx.mode = mode;
    for (;;) {
        FtlToken t;
        memset(&t, 0, sizeof t);
        int type = ftl_lex(&lx, &t);
        assert_int_equal(lx.mode, FTL_LEX_NORMAL); /* a mode lasts one token */
        if (type == 0) {
            L->eof = t;
            break;
        }
        assert_true(L->n < MAX_TOKS);
        L->toks[L->n++] = t;
        if (L->n - 1 == after) lx.mode = mode;
    }
    return L;
}

static void test_cron_mode(void **state)
{
    (void)state;
    /* The rest of the line, trimmed, stops at '//'. */
    Lexed *L = lex_mode("+cron  0 */5 *\t* * *  // weekly\nverb", 1, FTL_LEX_CRON);
    assert_int_equal(L->n, 5);
    CHECK_TT(L, 0, TK_PLUS, "+");
    CHECK_TT(L, 1, TK_CRON, "cron");
    CHECK_TOK(L, 2, TK_CRONTEXT, "0 */5 *\t* * *", 1, 8, 1, 21, 7);
    CHECK_TOK(L, 3, TK_COMMENT, "// weekly", 1, 23, 1, 32, 22);
    CHECK_TOK(L, 4, TK_VERB, "verb", 2, 1, 2, 5, 32);
    assert_int_equal(L->toks[4].nl_before, 1);
    check_no_diags(L);
    lexed_free(L);

    /* Ends at CR, LF or end of input; '}' on the same line is swallowed. */
    L = lex_mode("+cron 12h\r\nx", 1, FTL_LEX_CRON);
    CHECK_TOK(L, 2, TK_CRONTEXT, "12h", 1, 7, 1, 10, 6);
    CHECK_TOK(L, 3, TK_IDENT, "x", 2, 1, 2, 2, 11);
    lexed_free(L);
    L = lex_mode("+cron Mon }", 1, FTL_LEX_CRON);
    assert_int_equal(L->n, 3);
    CHECK_TOK(L, 2, TK_CRONTEXT, "Mon }", 1, 7, 1, 12, 6);
    lexed_free(L);
    L = lex_mode("+cron * * * * *", 1, FTL_LEX_CRON);
    assert_int_equal(L->n, 3);
    CHECK_TT(L, 2, TK_CRONTEXT, "* * * * *");
    lexed_free(L);

    /* Empty when the next character is a newline (the parser reports it). */
    L = lex_mode("+cron\nMon", 1, FTL_LEX_CRON);
    assert_int_equal(L->n, 4);
    assert_int_equal(L->toks[2].type, TK_CRONTEXT);
    assert_int_equal(L->toks[2].len, 0);
    assert_int_equal(L->toks[2].span.off, 5);
    assert_int_equal(L->toks[2].span.end, 5);
    CHECK_TOK(L, 3, TK_IDENT, "Mon", 2, 1, 2, 4, 6);
    lexed_free(L);
    L = lex_mode("+cron   \nMon", 1, FTL_LEX_CRON);
    assert_int_equal(L->toks[2].type, TK_CRONTEXT);
    assert_int_equal(L->toks[2].len, 0);
    CHECK_TOK(L, 3, TK_IDENT, "Mon", 2, 1, 2, 4, 9);
    lexed_free(L);
    /* Only a comment after +cron: empty text, then the comment. */
    L = lex_mode("+cron // x", 1, FTL_LEX_CRON);
    assert_int_equal(L->n, 4);
    assert_int_equal(L->toks[2].type, TK_CRONTEXT);
    assert_int_equal(L->toks[2].len, 0);
    CHECK_TT(L, 3, TK_COMMENT, "// x");
    lexed_free(L);
    /* At end of input. */
    L = lex_mode("+cron", 1, FTL_LEX_CRON);
    assert_int_equal(L->n, 3);
    assert_int_equal(L->toks[2].type, TK_CRONTEXT);
    assert_int_equal(L->toks[2].len, 0);
    lexed_free(L);
    /* Characters that are errors in normal mode are cron text. */
    L = lex_mode("+cron a;b&c", 1, FTL_LEX_CRON);
    assert_int_equal(L->n, 3);
    CHECK_TT(L, 2, TK_CRONTEXT, "a;b&c");
    check_no_diags(L);
    lexed_free(L);
}

/* ---- ingress path mode --------------------------------------------------------------- */

static void test_path_mode(void **state)
{
    (void)state;
    /* One PATH token up to whitespace. */
    Lexed *L = lex_mode("GET /a/{id}/b +x", 0, FTL_LEX_PATH);
    assert_int_equal(L->n, 4);
    CHECK_TT(L, 0, TK_GET, "GET");
    CHECK_TOK(L, 1, TK_PATH, "/a/{id}/b", 1, 5, 1, 14, 4);
    assert_int_equal(L->toks[1].ws_before, 1);
    CHECK_TOK(L, 2, TK_PLUS, "+", 1, 15, 1, 16, 14);
    CHECK_TT(L, 3, TK_IDENT, "x");
    lexed_free(L);

    /* Stops at an unmatched '}' (the end of the enclosing block). */
    L = lex_mode("GET /a/b}", 0, FTL_LEX_PATH);
    assert_int_equal(L->n, 3);
    CHECK_TOK(L, 1, TK_PATH, "/a/b", 1, 5, 1, 9, 4);
    CHECK_TOK(L, 2, TK_RBRACE, "}", 1, 9, 1, 10, 8);
    lexed_free(L);
    L = lex_mode("GET /a/{id}}", 0, FTL_LEX_PATH);
    assert_int_equal(L->n, 3);
    CHECK_TT(L, 1, TK_PATH, "/a/{id}");
    CHECK_TT(L, 2, TK_RBRACE, "}");
    lexed_free(L);

    /* Stops at a newline and at a tab. */
    L = lex_mode("GET /x\n}", 0, FTL_LEX_PATH);
    assert_int_equal(L->n, 3);
    CHECK_TT(L, 1, TK_PATH, "/x");
    CHECK_TOK(L, 2, TK_RBRACE, "}", 2, 1, 2, 2, 7);
    lexed_free(L);
    L = lex_mode("GET /x\ty", 0, FTL_LEX_PATH);
    CHECK_TT(L, 1, TK_PATH, "/x");
    CHECK_TT(L, 2, TK_IDENT, "y");
    lexed_free(L);

    /* The root path, and segments made of any path-literal characters. */
    L = lex_mode("GET /", 0, FTL_LEX_PATH);
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 1, TK_PATH, "/", 1, 5, 1, 6, 4);
    lexed_free(L);
    L = lex_mode("GET /v1.0/users-list/a_b=c,d/%41:x", 0, FTL_LEX_PATH);
    assert_int_equal(L->n, 2);
    CHECK_TT(L, 1, TK_PATH, "/v1.0/users-list/a_b=c,d/%41:x");
    check_no_diags(L);
    lexed_free(L);
    /* Glued to the method: still a path. */
    L = lex_mode("GET/a", 0, FTL_LEX_PATH);
    assert_int_equal(L->n, 2);
    CHECK_TOK(L, 1, TK_PATH, "/a", 1, 4, 1, 6, 3);
    assert_int_equal(L->toks[1].ws_before, 0);
    lexed_free(L);

    /* Without a '/' next, the mode does nothing. */
    L = lex_mode("GET x/y", 0, FTL_LEX_PATH);
    assert_int_equal(L->n, 4);
    CHECK_TT(L, 1, TK_IDENT, "x");
    CHECK_TT(L, 2, TK_PUNCT, "/");
    CHECK_TT(L, 3, TK_IDENT, "y");
    lexed_free(L);

    /* Only one token is lexed in path mode. */
    L = lex_mode("GET /a /b", 0, FTL_LEX_PATH);
    assert_int_equal(L->n, 4);
    CHECK_TT(L, 1, TK_PATH, "/a");
    CHECK_TT(L, 2, TK_PUNCT, "/");
    CHECK_TT(L, 3, TK_IDENT, "b");
    lexed_free(L);
}

/* ---- robustness ------------------------------------------------------------------- */

static uint64_t rng_state;

static uint32_t rng(void)
{
    /* xorshift64*: deterministic, so a failure is reproducible. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * UINT64_C(2685821657736338717)) >> 32);
}

/* True if s[0..n) is valid UTF-8 (no overlongs, surrogates or values above
 * U+10FFFF). */
static int utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            k = 2, cp = c & 0x1F, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF)
            k = 3, cp = c & 0x0F, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4)
            k = 4, cp = c & 0x07, min = 0x10000;
        else
            return 0;
        if (i + k > n) return 0;
        for (size_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += k;
    }
    return 1;
}

/* Line and column of byte offset off of valid UTF-8 text, computed
 * independently of the lexer. */
static void pos_of(const char *s, uint32_t off, uint32_t *line, uint32_t *col)
{
    uint32_t l = 1, c = 1;
    for (uint32_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n')
            l++, c = 1;
        else if ((ch & 0xC0) != 0x80)
            c++;
    }
    *line = l;
    *col = c;
}

static void test_random_bytes(void **state)
{
    (void)state;
    static const char alphabet[] = "ab_Z09 \t\n\r\"\\/{}[]()<>+-.:,@=?&;`\x0b\x0c\x7f";
    rng_state = UINT64_C(0x9E3779B97F4A7C15);
    static const char *const multibyte[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                            "\xef\xbb\xbf", "\xc2\xa0"};
    char buf[140];
    for (int iter = 0; iter < 10000; iter++) {
        size_t len = rng() % 128;
        int any_bytes = iter % 2; /* odd iterations: arbitrary bytes; even: valid UTF-8 */
        size_t i = 0;
        while (i < len) {
            uint32_t r = rng();
            if (r % 3 == 0 && any_bytes) {
                buf[i++] = (char)(r >> 8); /* any byte, including NUL and >= 0x80 */
            } else if (r % 7 == 0) {
                const char *m = multibyte[(r >> 8) % 5];
                size_t k = strlen(m);
                memcpy(buf + i, m, k);
                i += k;
            } else {
                buf[i++] = alphabet[(r >> 8) % (sizeof alphabet - 1)];
            }
        }
        len = i;
        buf[len] = '\0';
        int valid = utf8_valid((const unsigned char *)buf, len);
        if (!any_bytes) assert_true(valid);
        FtlSources src;
        ftl_sources_init(&src);
        ftl_sources_add(&src, "r.ftl", buf, len);
        const FtlSource *f = ftl_sources_get(&src, 1);
        FtlDiags d;
        ftl_diags_init(&d);
        FtlLexer lx;
        ftl_lexer_init(&lx, 1, f->data, len, &d);
        uint32_t prev_end = 0;
        unsigned illegal = 0;
        size_t ntok = 0;
        for (;;) {
            /* Exercise the special modes too, now and then. */
            uint32_t m = rng() % 16;
            lx.mode = m == 0 ? FTL_LEX_CRON : m == 1 ? FTL_LEX_PATH : FTL_LEX_NORMAL;
            FtlToken t;
            int type = ftl_lex(&lx, &t);
            if (t.span.off > t.span.end || t.span.end > len || t.span.off < prev_end)
                fail_msg("iteration %d: token %zu span %u-%u out of order/range (len %zu)", iter,
                         ntok, t.span.off, t.span.end, len);
            if (t.span.file != 1 || t.text != f->data + t.span.off ||
                t.len != t.span.end - t.span.off)
                fail_msg("iteration %d: token %zu text does not match its span", iter, ntok);
            /* Positions agree with a naive count (Positions in ftlc(1)). */
            if (valid) {
                uint32_t l, c;
                FtlPos ps, pe;
                ftl_span_pos(&src, t.span, &ps, &pe);
                pos_of(buf, t.span.off, &l, &c);
                if (l != ps.line || c != ps.col)
                    fail_msg("iteration %d: token %zu at %u:%u, expected %u:%u", iter, ntok,
                             ps.line, ps.col, l, c);
                pos_of(buf, t.span.end, &l, &c);
                if (l != pe.line || c != pe.col)
                    fail_msg("iteration %d: token %zu ends at %u:%u, expected %u:%u", iter, ntok,
                             pe.line, pe.col, l, c);
            }
            prev_end = t.span.end;
            if (type == 0) {
                assert_int_equal(t.span.off, len);
                break;
            }
            if (type == TK_ILLEGAL) illegal++;
            if (type != TK_CRONTEXT) assert_true(t.len > 0); /* progress */
            if (t.len) ntok++;
            assert_true(ntok <= len);
        }
        /* Every error token was reported once, and nothing else was. */
        if (d.count != illegal)
            fail_msg("iteration %d: %u illegal tokens but %u diagnostics", iter, illegal, d.count);
        for (unsigned k = 0; k < d.count; k++)
            assert_true(strcmp(d.items[k].code, "E0101") == 0 ||
                        strcmp(d.items[k].code, "E0102") == 0);
        ftl_diags_free(&d);
        ftl_sources_free(&src);
    }
}

static void test_big_input(void **state)
{
    (void)state;
    /* 10 MB on one line: "id_12345 " repeated. */
    const size_t target = 10u * 1024 * 1024;
    char *text = malloc(target + 32);
    assert_non_null(text);
    size_t len = 0, words = 0;
    while (len < target) {
        int n = snprintf(text + len, 32, "id_%zu ", words % 100000);
        len += (size_t)n;
        words++;
    }
    text[len] = '\0';
    FtlSources src;
    ftl_sources_init(&src);
    uint32_t id = ftl_sources_adopt(&src, "big.ftl", text, len);
    const FtlSource *f = ftl_sources_get(&src, id);
    FtlDiags d;
    ftl_diags_init(&d);
    FtlLexer lx;
    ftl_lexer_init(&lx, id, f->data, len, &d);
    clock_t t0 = clock();
    FtlToken t, last;
    memset(&last, 0, sizeof last);
    size_t n = 0;
    while (ftl_lex(&lx, &t) != 0) {
        if (t.type != TK_IDENT) fail_msg("token %zu has type %d", n, t.type);
        last = t;
        n++;
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_equal(n, words);
    assert_int_equal(d.count, 0);
    assert_int_equal(last.span.end, len - 1);
    FtlPos ps, pe;
    ftl_span_pos(&src, last.span, &ps, &pe);
    assert_int_equal(ps.line, 1);
    assert_int_equal(pe.line, 1);
    assert_int_equal(pe.col, len); /* ASCII: column = offset + 1 */
    assert_int_equal(t.span.off, len);
    /* Linear time: 10 MB takes well under a second, even with sanitizers; the
     * bound is loose enough for valgrind (make check-valgrind), and quadratic
     * time would still take hours. */
    if (secs > 60.0) fail_msg("lexing 10 MB took %.2f s", secs);

    /* The same through ftl_lex_all. */
    assert_int_equal(ftl_lex_all(&src, id, &d), words);
    ftl_sources_free(&src);
    ftl_diags_free(&d);
}

static void test_token_describe(void **state)
{
    (void)state;
    Lexed *L = lex("verb \"s\" // c\n{");
    char out[64];
    ftl_token_describe(&L->toks[0], out, sizeof out);
    assert_string_equal(out, "'verb'");
    ftl_token_describe(&L->toks[1], out, sizeof out);
    assert_string_equal(out, "string literal");
    ftl_token_describe(&L->toks[2], out, sizeof out);
    assert_string_equal(out, "comment");
    ftl_token_describe(&L->toks[3], out, sizeof out);
    assert_string_equal(out, "'{'");
    ftl_token_describe(&L->eof, out, sizeof out);
    assert_string_equal(out, "end of input");
    lexed_free(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_ident),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_utf8_columns),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_ws_flags),
        cmocka_unit_test(test_end_of_input),
        cmocka_unit_test(test_illegal_each_class),
        cmocka_unit_test(test_columns_invalid_utf8),
        cmocka_unit_test(test_illegal_sequences),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_unterminated_string),
        cmocka_unit_test(test_cron_mode),
        cmocka_unit_test(test_path_mode),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_big_input),
        cmocka_unit_test(test_token_describe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
