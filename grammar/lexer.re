/* lexer.re - the FTL schema lexer (re2c).
 *
 * Implements LEXICAL STRUCTURE of ftl-schema(5): first-match token classes, the SHA256 token for
 * runs of exactly 64 word characters, contextual keywords (every keyword has
 * its own token code and falls back to IDENT in the grammar), comments as real
 * tokens, and the two special scanning modes of +cron and ingress paths.
 *
 * The input is NUL-terminated (FtlSource guarantees it); a NUL before the end
 * is an ordinary byte inside strings and comments and an error elsewhere.
 */
#define _GNU_SOURCE /* strchrnul */
#include "syntax/token.h"
#include "base/utf8.h"
#include "parser.h"

#include <stdio.h>
#include <string.h>

void ftl_lexer_init(FtlLexer *lx, uint32_t file, const char *text, size_t len, FtlDiags *diags)
{
    lx->base = lx->cur = text;
    lx->lim = text + len;
    lx->file = file;
    lx->mode = FTL_LEX_NORMAL;
    lx->diags = diags;
    lx->in = NULL;
    memset(lx->keyword, 0, sizeof lx->keyword);
    lx->comment_nul = 0;
}

void ftl_lexer_intern(FtlLexer *lx, FtlInterner *in)
{
    lx->in = in;
}

static void lex_advance(FtlLexer *lx, const char *p)
{
    lx->cur = p;
}

/* Starts a token at the cursor and ends it at p. */
static inline int lex_emit(FtlLexer *lx, FtlToken *t, int type, const char *p)
{
    t->type = type;
    t->name = NULL;
    t->text = lx->cur;
    t->len = (uint32_t)(p - lx->cur);
    t->span.file = lx->file;
    t->span.off = (uint32_t)(lx->cur - lx->base);
    t->span.end = (uint32_t)(p - lx->base);
    lx->cur = p;
    return type;
}

_Static_assert(TK_IMAGE < FTL_LEX_KEYWORDS, "every keyword has a slot in FtlLexer.keyword");

/* A keyword: its interned spelling (ftl_lexer_intern), for where the grammar
 * takes it as a name; interned once per lexer, the first time it is met. */
__attribute__((noinline)) static int lex_keyword_first(FtlLexer *lx, FtlToken *t, int type,
                                                       const char *p)
{
    lex_emit(lx, t, type, p);
    if (lx->in) lx->keyword[type] = ftl_intern(lx->in, t->text, t->len);
    t->name = lx->keyword[type];
    return type;
}

/* The first of each keyword is interned out of line (lex_keyword_first), so
 * that ftl_lex_normal calls nothing but in tail position and needs no registers
 * saved for every token. */
static inline int lex_keyword(FtlLexer *lx, FtlToken *t, int type, const char *p)
{
    if (!lx->keyword[type]) return lex_keyword_first(lx, t, type, p);
    lex_emit(lx, t, type, p);
    t->name = lx->keyword[type];
    return type;
}

/* An identifier, interned as it is scanned: the parser uses t->name (out of
 * line, called in tail position: see lex_keyword). The
 * hash reads the name a word at a time, which may read past it up to the
 * NUL after the text (ftl_intern_bounded). */
__attribute__((noinline)) static int lex_ident(FtlLexer *lx, FtlToken *t, const char *p)
{
    lex_emit(lx, t, TK_IDENT, p);
    if (lx->in)
        t->name = ftl_intern_bounded(lx->in, t->text, t->len, lx->lim + 1);
    return TK_IDENT;
}

static int is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* ftl-schema(5), Tokens: a maximal run of exactly 64 word characters is a SHA256 token. */
static int lex_sha256_run(const char *p, const char *lim)
{
    const char *q = p;
    while (q < lim && is_word((unsigned char)*q) && q - p <= 64) q++;
    return q - p == 64;
}


/* An invalid character: consume it (a whole UTF-8 sequence when valid) and
 * report. This, lex_too_long, lex_string and lex_comment are kept out of
 * line, called in tail position, so that ftl_lex_normal needs no stack frame. */
__attribute__((noinline)) static int lex_invalid(FtlLexer *lx, FtlToken *t)
{
    const unsigned char *p = (const unsigned char *)lx->cur;
    int n = ftl_utf8_len(p, (size_t)((const unsigned char *)lx->lim - p));
    lex_emit(lx, t, TK_ILLEGAL, lx->cur + (n > 0 ? n : 1));
    int bom = n == 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF && t->span.off == 0;
    char what[64];
    if (bom)
        snprintf(what, sizeof what, "UTF-8 byte-order mark");
    else if (n > 1)
        snprintf(what, sizeof what, "non-ASCII character '%.*s'", n, (const char *)p);
    else if (p[0] >= 0x80)
        snprintf(what, sizeof what, "UTF-8 byte 0x%02x", p[0]);
    else if (p[0] == 0)
        snprintf(what, sizeof what, "NUL byte");
    else if (p[0] < 0x20 || p[0] == 0x7F)
        snprintf(what, sizeof what, "control character 0x%02x", p[0]);
    else
        snprintf(what, sizeof what, "character '%c'", p[0]);
    FtlDiag *g = ftl_error(lx->diags, t->span, "E0101", "invalid %s", what);
    if (bom) /* deleting its three bytes is the whole fix */
        ftl_diag_fixit_edit(g, t->span, "", "save the file as UTF-8 without a byte-order mark");
    else if (p[0] >= 0x80)
        ftl_diag_note(g, (FtlSpan){0}, "non-ASCII text is only allowed in strings and comments");
    return TK_ILLEGAL;
}

/* A token over a length limit: consumed whole and returned as TK_ILLEGAL, so
 * that the parser skips to the next declaration without a second message. */
__attribute__((noinline)) static int lex_too_long(FtlLexer *lx, FtlToken *t, const char *end, const char *code,
                        const char *what, size_t len, const char *limit)
{
    lex_emit(lx, t, TK_ILLEGAL, end);
    ftl_error(lx->diags, t->span, code, "%s is too long (%zu bytes; the limit is %s)", what, len,
              limit);
    return TK_ILLEGAL;
}

/* A string literal: '"' up to the next unescaped '"'; raw newlines and NUL
 * bytes are allowed inside (Strings in ftl-schema(5)). Escapes are checked by the parser
 * driver as the token is read (parse.c, check_string). */
__attribute__((noinline)) static int lex_string(FtlLexer *lx, FtlToken *t)
{
    const char *p = lx->cur + 1;
    while (p < lx->lim && *p != '"') p += (*p == '\\' && p + 1 < lx->lim) ? 2 : 1;
    if (p >= lx->lim) {
        const char *start = lx->cur;
        lex_emit(lx, t, TK_ILLEGAL, start + 1);
        FtlDiag *g = ftl_error(lx->diags, t->span, "E0102", "unterminated string literal");
        ftl_diag_note(g, (FtlSpan){0}, "the string runs to the end of the input");
        lex_advance(lx, lx->lim);
        return TK_ILLEGAL;
    }
    size_t len = (size_t)(p - lx->cur - 1);
    _Static_assert(FTL_MAX_STRING == 16u << 20, "the E0106 message names the limit");
    if (len > FTL_MAX_STRING)
        return lex_too_long(lx, t, p + 1, "E0106", "string literal", len, "16 MiB");
    return lex_emit(lx, t, TK_STRING, p + 1);
}

/* A comment: '//' to the end of the line, not including the LF (Comments in
 * ftl-schema(5)). */
__attribute__((noinline)) static int lex_comment(FtlLexer *lx, FtlToken *t)
{
    /* strchrnul(3) stops at a NUL byte as well as at the LF, as fast as
     * memchr: a NUL that is not the sentinel is noted (comment_nul) and the
     * LF sought past it. */
    const char *end = strchrnul(lx->cur + 2, '\n');
    if (*end == '\0' && end < lx->lim) {
        lx->comment_nul = 1;
        end = memchr(end, '\n', (size_t)(lx->lim - end));
        if (!end) end = lx->lim;
    }
    return lex_emit(lx, t, TK_COMMENT, end);
}

/* +cron text (D3, ftlc-check(1)): the rest of the physical line after at least one space or
 * tab, up to LF, CR, end of input or '//'. The token covers the trimmed text;
 * an empty text is reported by the parser. */
static int lex_cron(FtlLexer *lx, FtlToken *t)
{
    const char *p = lx->cur;
    while (p < lx->lim && (*p == ' ' || *p == '\t')) p++;
    lex_advance(lx, p);
    const char *e = p;
    while (e < lx->lim && *e != '\n' && *e != '\r' && !(e[0] == '/' && e[1] == '/')) e++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t')) e--;
    return lex_emit(lx, t, TK_CRONTEXT, e);
}

/* Characters of a literal path segment (D4, ftlc-check(1)). */
static int is_pathlit(unsigned char c)
{
    return is_word(c) || (c && strchr("%:-[]<>()*+?.,\\^$|#~!'@=", c) != NULL);
}

/* An ingress path (D4, ftlc-check(1)): '/' then literal segments and {params}, ended by
 * whitespace. Quotes and stray braces are scanned too so that the parser can
 * say precisely what is wrong with the path. */
static int lex_path(FtlLexer *lx, FtlToken *t)
{
    const char *p = lx->cur;
    int in_param = 0;
    while (p < lx->lim) {
        unsigned char c = (unsigned char)*p;
        if (c == '{') in_param = 1;
        else if (c == '}') {
            if (!in_param) break;
            in_param = 0;
        } else if (!(c == '/' || c == '"' || is_pathlit(c)))
            break;
        p++;
    }
    return lex_emit(lx, t, TK_PATH, p);
}

/* Whitespace is skipped here, and remembered on the next token (WHITE SPACE
 * THAT MATTERS in ftl-schema(5)). */
static inline void lex_skip_ws(FtlLexer *lx, FtlToken *t)
{
    const char *p = lx->cur, *start = p;
    int nl = 0;
    /* The NUL after the text is no blank: it ends the loop at the limit. */
    for (;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c > ' ') break; /* the common case first: no blank at all */
        if (c == ' ') continue;
        if (c == '\n') nl = 1;
        else if (c != '\t' && c != '\r' && c != '\f') break;
    }
    lex_advance(lx, p);
    t->ws_before = (uint8_t)(p != start);
    t->nl_before = (uint8_t)nl;
}

/* The next token in the normal mode, after the whitespace before it (token.h). */
int ftl_lex_normal(FtlLexer *lx, FtlToken *t)
{
    lex_skip_ws(lx, t);
    const unsigned char *cur = (const unsigned char *)lx->cur;
    const unsigned char *lim = (const unsigned char *)lx->lim;
    const unsigned char *mar = cur;
    const unsigned char *tok = cur;
    int type;
    (void)mar;
    /* The actions only choose the token's code: one emit for all keeps the
     * function small. */
#define EMIT(ty) do { type = (ty); goto emit; } while (0)
#define KW(ty) do { type = (ty); goto keyword; } while (0)
    /* The NUL after the text is a sentinel: re2c checks the limit only when it
     * reads a NUL, so a NUL inside the text is an ordinary (invalid) byte. */
    /*!re2c
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYCURSOR = cur;
    re2c:define:YYMARKER = mar;
    re2c:define:YYLIMIT = lim;
    re2c:yyfill:enable = 0;
    re2c:eof = 0;
    ident = [a-zA-Z_][a-zA-Z0-9_]*;

    $ { return lex_emit(lx, t, 0, (const char *)tok); }
    "//" { return lex_comment(lx, t); }
    ["] { return lex_string(lx, t); }

    "realm" { KW(TK_REALM); }
    "external" { KW(TK_EXTERNAL); }
    "module" { KW(TK_MODULE); }
    "builtin" { KW(TK_BUILTIN); }
    "export" { KW(TK_EXPORT); }
    "data" { KW(TK_DATA); }
    "verb" { KW(TK_VERB); }
    "enum" { KW(TK_ENUM); }
    "typealias" { KW(TK_TYPEALIAS); }
    "config" { KW(TK_CONFIG); }
    "secret" { KW(TK_SECRET); }
    "database" { KW(TK_DATABASE); }
    "topic" { KW(TK_TOPIC); }
    "postgres" { KW(TK_POSTGRES); }
    "mysql" { KW(TK_MYSQL); }
    "Int" { KW(TK_KW_INT); }
    "Float" { KW(TK_KW_FLOAT); }
    "String" { KW(TK_KW_STRING); }
    "Bytes" { KW(TK_KW_BYTES); }
    "Bool" { KW(TK_KW_BOOL); }
    "Time" { KW(TK_KW_TIME); }
    "Any" { KW(TK_KW_ANY); }
    "Unit" { KW(TK_KW_UNIT); }
    "calls" { KW(TK_CALLS); }
    "secrets" { KW(TK_SECRETS); }
    "uses" { KW(TK_USES); }
    "publish" { KW(TK_PUBLISH); }
    "subscribe" { KW(TK_SUBSCRIBE); }
    "from" { KW(TK_FROM); }
    "beginning" { KW(TK_BEGINNING); }
    "latest" { KW(TK_LATEST); }
    "deadletter" { KW(TK_DEADLETTER); }
    "retry" { KW(TK_RETRY); }
    "catch" { KW(TK_CATCH); }
    "cron" { KW(TK_CRON); }
    "ingress" { KW(TK_INGRESS); }
    "http" { KW(TK_HTTP); }
    "GET" { KW(TK_GET); }
    "POST" { KW(TK_POST); }
    "PUT" { KW(TK_PUT); }
    "DELETE" { KW(TK_DELETE); }
    "alias" { KW(TK_ALIAS); }
    "typemap" { KW(TK_TYPEMAP); }
    "go" { KW(TK_GO); }
    "kotlin" { KW(TK_KOTLIN); }
    "java" { KW(TK_JAVA); }
    "encoding" { KW(TK_ENCODING); }
    "json" { KW(TK_JSON); }
    "lenient" { KW(TK_LENIENT); }
    "migration" { KW(TK_MIGRATION); }
    "sha256" { KW(TK_SHA256KW); }
    "artefact" { KW(TK_ARTEFACT); }
    "executable" { KW(TK_EXECUTABLE); }
    "partitions" { KW(TK_PARTITIONS); }
    "sql" { KW(TK_SQL); }
    "query" { KW(TK_QUERY); }
    "column" { KW(TK_COLUMN); }
    "generated" { KW(TK_GENERATED); }
    "git" { KW(TK_GIT); }
    "dirty" { KW(TK_DIRTY); }
    "fixture" { KW(TK_FIXTURE); }
    "manual" { KW(TK_MANUAL); }
    "transaction" { KW(TK_TRANSACTION); }
    "egress" { KW(TK_EGRESS); }
    "image" { KW(TK_IMAGE); }

    ident {
        if (cur - tok == 64) EMIT(TK_SHA256);
        _Static_assert(FTL_MAX_IDENT == 4096, "the E0105 message names the limit");
        if ((size_t)(cur - tok) > FTL_MAX_IDENT)
            return lex_too_long(lx, t, (const char *)cur, "E0105", "identifier",
                                (size_t)(cur - tok), "4096");
        goto ident;
    }
    [0-9]+ ("." [0-9]+)? {
        if (lex_sha256_run((const char *)tok, (const char *)lim))
            return lex_emit(lx, t, TK_SHA256, (const char *)tok + 64);
        EMIT(TK_NUMBER);
    }

    "{" { EMIT(TK_LBRACE); }
    "}" { EMIT(TK_RBRACE); }
    "(" { EMIT(TK_LPAREN); }
    ")" { EMIT(TK_RPAREN); }
    "[" { EMIT(TK_LBRACKET); }
    "]" { EMIT(TK_RBRACKET); }
    "<" { EMIT(TK_LT); }
    ">" { EMIT(TK_GT); }
    "," { EMIT(TK_COMMA); }
    "." { EMIT(TK_DOT); }
    ":" { EMIT(TK_COLON); }
    "@" { EMIT(TK_AT); }
    "+" { EMIT(TK_PLUS); }
    "?" { EMIT(TK_QUESTION); }
    "=" { EMIT(TK_EQ); }
    [%/\-*\\^$|#~!'] { EMIT(TK_PUNCT); }

    * { return lex_invalid(lx, t); }
    */
#undef EMIT
#undef KW
emit:
    return lex_emit(lx, t, type, (const char *)cur);
keyword:
    return lex_keyword(lx, t, type, (const char *)cur);
ident:
    return lex_ident(lx, t, (const char *)cur);
}

/* +cron text and ingress paths (out of line: rare; inlined into ftl_lex, it
 * would have ftl_lex save registers for every token). */
__attribute__((noinline)) static int lex_special(FtlLexer *lx, FtlToken *t)
{
    FtlLexMode mode = lx->mode;
    lx->mode = FTL_LEX_NORMAL;
    if (mode == FTL_LEX_CRON) {
        t->ws_before = (uint8_t)(lx->cur < lx->lim && (*lx->cur == ' ' || *lx->cur == '\t'));
        t->nl_before = 0;
        if (!t->ws_before) {
            /* '+cron' must be followed by its text on the same line. */
            return lex_emit(lx, t, TK_CRONTEXT, lx->cur);
        }
        return lex_cron(lx, t);
    }
    const char *p = lx->cur;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\n') p++;
    if (mode == FTL_LEX_PATH && p < lx->lim && *p == '/') {
        lex_skip_ws(lx, t);
        return lex_path(lx, t);
    }
    return ftl_lex_normal(lx, t);
}

int ftl_lex(FtlLexer *lx, FtlToken *t)
{
    if (lx->mode != FTL_LEX_NORMAL) return lex_special(lx, t);
    return ftl_lex_normal(lx, t);
}

void ftl_token_describe(const FtlToken *t, char *out, size_t outsz)
{
    if (t->type == 0) {
        snprintf(out, outsz, "end of input");
        return;
    }
    if (t->type == TK_STRING) {
        snprintf(out, outsz, "string literal");
        return;
    }
    if (t->type == TK_COMMENT) {
        snprintf(out, outsz, "comment");
        return;
    }
    if (t->type == TK_CRONTEXT) {
        snprintf(out, outsz, "cron expression");
        return;
    }
    /* Quote the token text, cut short and made printable. */
    size_t n = t->len > 40 ? 40 : t->len;
    char buf[48];
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t->text[i];
        buf[j++] = (c >= 0x20 && c < 0x7F) ? (char)c : '?';
    }
    buf[j] = 0;
    snprintf(out, outsz, "'%s%s'", buf, t->len > n ? "..." : "");
}
