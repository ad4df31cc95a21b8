/* syntax_error.c - what a syntax error says: the grammar's %syntax_error
 * calls ftl_p_syntax_error with the token found, and this file says what was
 * expected after what, adds hints for common causes (a keyword read as a
 * name, a missing value, a duration with a space, ...) and, at the end of the
 * input, points at the '{' that was never closed. */
#include "syntax/parse_int.h"
#include "parser.h"

#include <stdio.h>
#include <string.h>

int ftl_p_wordlike(const FtlToken *t)
{
    return t->len && t->type != TK_STRING && t->type != TK_COMMENT &&
           ((t->text[0] >= 'a' && t->text[0] <= 'z') || (t->text[0] >= 'A' && t->text[0] <= 'Z') ||
            t->text[0] == '_');
}

int ftl_p_decl_keyword(int t)
{
    switch (t) {
    case TK_DATA:
    case TK_VERB:
    case TK_ENUM:
    case TK_TYPEALIAS:
    case TK_CONFIG:
    case TK_SECRET:
    case TK_DATABASE:
    case TK_TOPIC: return 1;
    default: return 0;
    }
}

static int is_prim_keyword(int t)
{
    return t >= TK_KW_INT && t <= TK_KW_UNIT;
}

/* A keyword the grammar took as an identifier (%fallback): 'data' as a field
 * name, 'Int' as a field name when the type before it is missing. */
int ftl_p_as_ident(const FtlToken *t)
{
    return ftl_p_keyword(t->type) && t->shifted_to && ftl_parser_shifted_ident(t->shifted_to);
}

/* How the expected token t is described in "expected …". */
static const char *expected_name(int t)
{
    switch (t) {
    case 0: return "end of input";
    case TK_IDENT: return "an identifier";
    case TK_STRING: return "a string";
    case TK_NUMBER: return "a number";
    case TK_SHA256: return "a 64-digit SHA-256 digest";
    case TK_PATH: return "an ingress path starting with '/'";
    case TK_DURATION: return "a duration such as '5s'";
    case TK_CRONTEXT: return "a cron expression";
    case TK_LBRACE: return "'{'";
    case TK_RBRACE: return "'}'";
    case TK_LPAREN: return "'('";
    case TK_RPAREN: return "')'";
    case TK_LBRACKET: return "'['";
    case TK_RBRACKET: return "']'";
    case TK_LT: return "'<'";
    case TK_GT: return "'>'";
    case TK_COMMA: return "','";
    case TK_DOT: return "'.'";
    case TK_COLON: return "':'";
    case TK_AT: return "'@'";
    case TK_PLUS: return "'+'";
    case TK_QUESTION: return "'?'";
    case TK_EQ: return "'='";
    default: return NULL;
    }
}

/* Every terminal a message could name, in the order messages list them. */
static const int expected_order[] = {
    TK_LBRACE, TK_LT,     TK_LPAREN, TK_COLON,    TK_EQ,       TK_DOT,      TK_AT,
    TK_COMMA,  TK_GT,     TK_RPAREN, TK_RBRACKET, TK_QUESTION, TK_PLUS,     TK_RBRACE,
    TK_STRING, TK_NUMBER, TK_SHA256, TK_PATH,     TK_DURATION, TK_CRONTEXT, 0};

/* The declaration keywords, in the order messages list them. */
static const int decl_keywords[] = {TK_DATA,  TK_VERB,   TK_ENUM,   TK_TYPEALIAS,
                                    TK_TOPIC, TK_CONFIG, TK_SECRET, TK_DATABASE};

static void add_item(FtlBuf *b, int *n, const char *item)
{
    if (*n) ftl_buf_puts(b, ", ");
    ftl_buf_puts(b, item);
    (*n)++;
}

/* The quoted spelling of a keyword that messages may name on its own. */
static const char *keyword_quoted(int t)
{
    switch (t) {
    case TK_EXPORT: return "'export'";
    case TK_EXTERNAL: return "'external'";
    case TK_BUILTIN: return "'builtin'";
    case TK_DATA: return "'data'";
    case TK_VERB: return "'verb'";
    case TK_ENUM: return "'enum'";
    case TK_TYPEALIAS: return "'typealias'";
    case TK_TOPIC: return "'topic'";
    case TK_CONFIG: return "'config'";
    case TK_SECRET: return "'secret'";
    case TK_DATABASE: return "'database'";
    case TK_POSTGRES: return "'postgres'";
    case TK_MYSQL: return "'mysql'";
    case TK_USES: return "'uses'";
    case TK_FROM: return "'from'";
    case TK_BEGINNING: return "'beginning'";
    case TK_LATEST: return "'latest'";
    case TK_HTTP: return "'http'";
    case TK_GET: return "'GET'";
    case TK_POST: return "'POST'";
    case TK_PUT: return "'PUT'";
    case TK_DELETE: return "'DELETE'";
    case TK_GO: return "'go'";
    case TK_KOTLIN: return "'kotlin'";
    case TK_JAVA: return "'java'";
    case TK_JSON: return "'json'";
    case TK_SHA256KW: return "'sha256'";
    case TK_QUERY: return "'query'";
    case TK_COLUMN: return "'column'";
    case TK_CATCH: return "'catch'";
    default: return "a keyword";
    }
}

/* "a declaration" when every kind may follow; after 'export' only some may,
 * and the message names them. */
static void add_declarations(FtlBuf *b, int *n, int (*accepts)(void *, int), void *parser)
{
    if (!accepts(parser, TK_DATA)) return; /* '+config': metadata, not a declaration */
    int ok[8], nok = 0;
    for (size_t i = 0; i < 8; i++)
        nok += ok[i] = accepts(parser, decl_keywords[i]);
    if (nok == 8) {
        add_item(b, n, "a declaration");
        return;
    }
    for (size_t i = 0; i < 8; i++)
        if (ok[i]) add_item(b, n, keyword_quoted(decl_keywords[i]));
}

/* Turns the last ", " of a list of n items into " or ". */
static void last_comma_to_or(FtlBuf *b, int n)
{
    const char *s = ftl_buf_cstr(b);
    const char *last = NULL;
    for (const char *p = s; (p = strstr(p, ", ")) != NULL; p += 2)
        last = p;
    if (!last || n < 2) return;
    size_t at = (size_t)(last - s);
    FtlBuf r;
    ftl_buf_init(&r);
    ftl_buf_put(&r, s, at);
    ftl_buf_puts(&r, " or ");
    ftl_buf_puts(&r, s + at + 2);
    b->len = 0;
    ftl_buf_put(b, r.data, r.len);
    ftl_buf_free(&r);
}

/* Builds "a type, '}' or end of input" from what the parser would accept. */
static void describe_expected(FtlBuf *b, int (*accepts)(void *, int), void *parser)
{
    int n = 0;
    int ident = accepts(parser, TK_IDENT);
    int type = ident && accepts(parser, TK_KW_INT) && accepts(parser, TK_LBRACKET);
    if (type) add_item(b, &n, "a type");
    add_declarations(b, &n, accepts, parser);
    if (accepts(parser, TK_MODULE)) add_item(b, &n, "'module'");
    if (accepts(parser, TK_REALM) && !ident) add_item(b, &n, "'realm'");
    if (accepts(parser, TK_CALLS) && !ident) add_item(b, &n, "a metadata keyword such as 'calls'");
    if (ident && !type) add_item(b, &n, "an identifier");
    if (!ident) {
        /* Keywords expected in their own right (not as identifiers). */
        static const int kws[] = {TK_EXPORT, TK_EXTERNAL, TK_BUILTIN,   TK_POSTGRES, TK_MYSQL,
                                  TK_USES,   TK_FROM,     TK_BEGINNING, TK_LATEST,   TK_HTTP,
                                  TK_GET,    TK_POST,     TK_PUT,       TK_DELETE,   TK_GO,
                                  TK_KOTLIN, TK_JAVA,     TK_JSON,      TK_SHA256KW, TK_QUERY,
                                  TK_COLUMN, TK_CATCH};
        for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++) {
            if (!accepts(parser, kws[i])) continue;
            if (kws[i] == TK_EXPORT && accepts(parser, TK_DATA)) continue;
            add_item(b, &n, keyword_quoted(kws[i]));
        }
    }
    for (size_t i = 0; i < sizeof expected_order / sizeof expected_order[0]; i++) {
        int t = expected_order[i];
        if (type && (t == TK_LBRACE)) continue;
        if (accepts(parser, t)) add_item(b, &n, expected_name(t));
    }
    if (n == 0)
        ftl_buf_puts(b, "something else");
    else
        last_comma_to_or(b, n);
}

/* What the keyword kw names when it is followed by a name ("module" for
 * 'module m'), or NULL: only keywords the grammar took as themselves count,
 * and '+config x' is metadata, not a config declaration. */
static const char *named_by(const FtlParser *ps, const FtlToken *kw)
{
    if ((kw == ps->prev2 && ps->prev3_type == TK_PLUS) || ftl_p_as_ident(kw)) return NULL;
    switch (kw->type) {
    case TK_MODULE: return "module";
    case TK_REALM: return "realm";
    case TK_DATA: return "data";
    case TK_VERB: return "verb";
    case TK_ENUM: return "enum";
    case TK_TYPEALIAS: return "type alias";
    case TK_CONFIG: return "config";
    case TK_SECRET: return "secret";
    case TK_TOPIC: return "topic";
    case TK_POSTGRES:
    case TK_MYSQL: return "database";
    default: return NULL;
    }
}

/* The name just after a keyword that names something ("after module name")? */
static const char *after_name_of(const FtlParser *ps)
{
    if (!ftl_p_wordlike(ps->prev) || ps->prev->type == TK_SHA256) return NULL;
    return named_by(ps, ps->prev2);
}

/* "after module name", "after 'verb'": where the parser was when it failed. */
static void describe_context(FtlBuf *b, const FtlParser *ps)
{
    const FtlToken *p = ps->prev;
    if (p->type == 0 || p->type == TK_START_SCHEMA || p->type == TK_START_MODULE) return;
    const char *what = after_name_of(ps);
    if (what) {
        ftl_buf_printf(b, " after %s name", what);
        return;
    }
    char d[64];
    ftl_token_describe(p, d, sizeof d);
    ftl_buf_printf(b, " after %s", d);
}

static const char comment_places[] =
    "comments are allowed only right before a module, declaration, field or enum variant; not "
    "before '}', at the top of a schema file or between a declaration and its metadata";

/* A comment followed by something that cannot carry it: report the comment. */
static FtlDiag *dangling_comment(FtlParser *ps, const FtlToken *found)
{
    FtlDiag *g = ftl_error(ps->diags, ps->prev->span, "E0207",
                           "comment has no module, declaration, field or enum variant to "
                           "attach to");
    char d[64];
    ftl_token_describe(found, d, sizeof d);
    ftl_diag_note(g, found->span, "the comment is followed by %s", d);
    ftl_diag_note(g, (FtlSpan){0}, comment_places);
    return g;
}

static FtlDiag *misplaced_comment(FtlParser *ps, const FtlToken *found)
{
    FtlDiag *g = ftl_error(ps->diags, found->span, "E0207", "comment is not allowed here");
    ftl_diag_note(g, (FtlSpan){0}, comment_places);
    return g;
}

/* "'data' was read as a name here": a declaration or type keyword that the
 * grammar took as an identifier just before the error usually means that
 * something is missing before it (a '}' before 'data', a type before 'Int'). */
static void hint_misread_keyword(const FtlParser *ps, FtlDiag *g)
{
    const FtlToken *k = NULL, *p = ps->prev, *p2 = ps->prev2;
    if ((ftl_p_decl_keyword(p->type) || is_prim_keyword(p->type)) && ftl_p_as_ident(p) &&
        !named_by(ps, p2))
        k = p;
    else if (ftl_p_decl_keyword(p2->type) && ftl_p_wordlike(p) && ftl_p_as_ident(p2))
        k = p2;
    if (k)
        ftl_diag_note(g, k->span,
                      "'%.*s' was read as a name here (keywords are contextual); is something "
                      "missing before it?",
                      (int)k->len, k->text);
}

/* Is the innermost open block the body of an enum? */
static int in_enum_body(const FtlParser *ps)
{
    return ps->nopen && ps->open[ps->nopen - 1].span.off + 1 == ps->enum_body;
}

/* "A⏎ B = 2": variant A without a value took B as its type. */
static void hint_enum_variant(const FtlParser *ps, FtlDiag *g, const FtlToken *found)
{
    if (found->type != TK_EQ && found->type != TK_STRING && found->type != TK_NUMBER) return;
    if (!in_enum_body(ps) || !ftl_p_wordlike(ps->prev) || !ftl_p_wordlike(ps->prev2)) return;
    const FtlToken *v = ps->prev, *name = ps->prev2;
    ftl_diag_note(g, v->span,
                  "'%.*s' was read as the value of enum variant '%.*s'; is a value missing after "
                  "'%.*s'?",
                  (int)v->len, v->text, (int)name->len, name->text, (int)name->len, name->text);
}

static void hint_export(const FtlParser *ps, FtlDiag *g, const FtlToken *found)
{
    int after_export =
        ps->prev->type == TK_EXPORT || (ps->prev->type == TK_REALM && ps->prev2->type == TK_EXPORT);
    if (!after_export ||
        (found->type != TK_CONFIG && found->type != TK_SECRET && found->type != TK_DATABASE) ||
        ftl_p_as_ident(ps->prev))
        return;
    ftl_diag_note(g, (FtlSpan){0}, "config, secret and database declarations cannot be exported");
    /* 'export' (and 'realm') up to the keyword go */
    const FtlToken *x = ps->prev->type == TK_EXPORT ? ps->prev : ps->prev2;
    FtlSpan words = {x->span.file, x->span.off, found->span.off};
    ftl_diag_fixit_edit(g, words, "", "remove '%s'", x == ps->prev ? "export" : "export realm");
}

static void hint_module_file(const FtlParser *ps, FtlDiag *g, const FtlToken *found,
                             int (*accepts)(void *, int), void *parser)
{
    int t = found->type;
    if (ps->module_file && accepts(parser, 0) &&
        (t == TK_MODULE || t == TK_BUILTIN || t == TK_REALM || t == TK_EXTERNAL))
        ftl_diag_note(g, (FtlSpan){0},
                      "a file that starts with 'module' is a module file and holds exactly one "
                      "module");
}

/* '+ingress http get /a': methods are case-sensitive. */
static void hint_method(FtlDiag *g, const FtlToken *found, int (*accepts)(void *, int),
                        void *parser)
{
    static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
    if (!ftl_p_wordlike(found) || found->len > 6 || !accepts(parser, TK_GET)) return;
    char up[8];
    for (uint32_t i = 0; i < found->len; i++) {
        char c = found->text[i];
        up[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    up[found->len] = 0;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(up, methods[i]) == 0)
            ftl_diag_fixit_edit(g, found->span, methods[i],
                                "HTTP methods are upper case: write '%s'", methods[i]);
}

/* '+retry 10 5 s': a duration written with a space. Upstream reads the
 * number and stops at the unit: the error is the unit's, as there. */
static const FtlToken *spaced_duration(const FtlParser *ps, const FtlToken *found,
                                       int (*accepts)(void *, int), void *parser)
{
    const FtlToken *unit = &ps->pending;
    if (found->type != TK_NUMBER || !ps->has_pending || !ftl_p_wordlike(unit) || unit->nl_before ||
        !accepts(parser, TK_DURATION))
        return NULL;
    return unit;
}

static FtlDiag *spaced_duration_error(FtlParser *ps, const FtlToken *num, const FtlToken *unit)
{
    FtlDiag *g = ftl_error(ps->diags, unit->span, "E0201",
                           "unexpected '%.*s' after '%.*s': a duration has no space between its "
                           "number and its unit",
                           (int)unit->len, unit->text, (int)num->len, num->text);
    char joined[128];
    snprintf(joined, sizeof joined, "%.*s%.*s", (int)num->len, num->text, (int)unit->len,
             unit->text);
    ftl_diag_fixit_edit(g, ftl_span_join(num->span, unit->span), joined,
                        "write a duration without a space: '%s'", joined);
    return g;
}

static void add_hints(FtlParser *ps, FtlDiag *g, const FtlToken *found, int (*accepts)(void *, int),
                      void *parser)
{
    if (found->type == TK_SHA256 && accepts(parser, TK_IDENT))
        ftl_diag_note(g, (FtlSpan){0},
                      "a word of exactly 64 letters, digits or underscores is "
                      "read as a SHA-256 digest, not as an identifier");
    if (found->type == TK_PUNCT && found->len == 1 && found->text[0] == '-' &&
        accepts(parser, TK_NUMBER))
        ftl_diag_note(g, (FtlSpan){0}, "numbers in FTL schemas are never negative");
    hint_misread_keyword(ps, g);
    hint_enum_variant(ps, g, found);
    hint_export(ps, g, found);
    hint_module_file(ps, g, found, accepts, parser);
    hint_method(g, found, accepts, parser);
    if (ps->insert_lbrace) {
        FtlSpan after = {ps->prev->span.file, ps->prev->span.end, ps->prev->span.end};
        ftl_diag_fixit_edit(g, after, " {", "insert '{' after '%.*s'", (int)ps->prev->len,
                            ps->prev->text);
    }
}

static FtlDiag *unexpected_token(FtlParser *ps, const FtlToken *found, int (*accepts)(void *, int),
                                 void *parser)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, "expected ");
    describe_expected(&b, accepts, parser);
    describe_context(&b, ps);
    char d[64];
    ftl_token_describe(found, d, sizeof d);
    FtlDiag *g = ftl_error(ps->diags, found->span, "E0201", "%s, found %s", ftl_buf_cstr(&b), d);
    ftl_buf_free(&b);
    add_hints(ps, g, found, accepts, parser);
    return g;
}

/* Errors that only echo an earlier one: the end of the input inside an
 * unterminated string, or a '}' or end of input that is out of balance once a
 * '}' has been found not to line up with its '{' (a brace is missing or extra,
 * and an earlier error has already said so). */
static int is_follow_on(const FtlParser *ps, const FtlToken *found)
{
    if (found->type == 0 && ps->truncated) return 1;
    if (!ps->brace_suspect || ps->diags->errors == ps->errors_at_start) return 0;
    return (found->type == 0 && ps->nopen) || (found->type == TK_RBRACE && found->unmatched);
}

/* At the end of the input, the innermost '{' still open was inserted by the
 * parser after a name (a '{' missing there has been reported). */
static void note_unclosed(const FtlParser *ps, FtlDiag *g)
{
    const FtlOpen *o = &ps->open[ps->nopen - 1];
    ftl_diag_note(g, o->span, "to match the '{' inserted after '%.*s'",
                  (int)(o->span.end - o->span.off), ps->text + o->span.off);
}

/* What stands before the '{' o on its line ("module orders"), for messages:
 * at most 40 bytes, or nothing when the '{' starts its line. */
static FtlStr open_label(const FtlParser *ps, const FtlOpen *o)
{
    const char *s = ps->text + o->first, *e = ps->text + o->span.off;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    if (e - s > 40) s = e - 40;
    while (s < e && ((unsigned char)*s & 0xC0) == 0x80)
        s++; /* a whole character */
    return (FtlStr){s, (size_t)(e - s)};
}

/* The 1-based line of offset off (once per file at most: a scan is fine). */
static uint32_t line_at(const char *text, uint32_t off)
{
    uint32_t line = 1;
    for (const char *p = text, *e = text + off; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
        line++;
    return line;
}

/* The fix-it for a '}' that closes the block around the one it should: a
 * '}' of its own just before it, where it stands, and the misplaced '}' on
 * the next line, indented as it was. */
static void insert_rbrace_before(FtlParser *ps, FtlDiag *g, FtlSpan misfit)
{
    uint32_t start = misfit.off;
    while (start > 0 && (ps->text[start - 1] == ' ' || ps->text[start - 1] == '\t'))
        start--;
    int own_line = start == 0 || ps->text[start - 1] == '\n';
    char insert[80];
    uint32_t indent = misfit.off - start;
    if (own_line && indent < sizeof insert - 3)
        snprintf(insert, sizeof insert, "}\n%.*s", (int)indent, ps->text + start);
    else
        snprintf(insert, sizeof insert, "} ");
    FtlSpan at = {misfit.file, misfit.off, misfit.off};
    ftl_diag_fixit_edit(g, at, insert, "insert '}' before the '}' at line %u",
                        line_at(ps->text, misfit.off));
}

/* The fix-it for a block still open at the end: a '}' there, on a line of
 * its own. */
static void insert_rbrace_at_end(FtlParser *ps, FtlDiag *g, FtlSpan eof)
{
    FtlSpan at = {eof.file, eof.off, eof.off};
    int bol = eof.off == 0 || ps->text[eof.off - 1] == '\n';
    ftl_diag_fixit_edit(g, at, bol ? "}\n" : "\n}\n", "insert '}' at the end of the input");
}

/* A '{' is never closed: report that '{' (the innermost one still open at the
 * end of the input or, when a '}' closed a block but lined up with the block
 * around it, the '{' that '}' closed), and where its '}' was expected. */
static FtlDiag *unclosed_block(FtlParser *ps, const FtlToken *eof)
{
    int misfit = ftl_span_valid(ps->misfit) && !ps->misfit_broken;
    const FtlOpen *o = misfit ? &ps->misfit_closed : &ps->open[ps->nopen - 1];
    FtlStr what = open_label(ps, o);
    FtlDiag *g;
    if (what.len)
        g = ftl_error(ps->diags, o->span, "E0209", "'{' after '%.*s' is never closed",
                      (int)what.len, what.ptr);
    else
        g = ftl_error(ps->diags, o->span, "E0209", "'{' is never closed");
    if (misfit) {
        FtlStr outer = open_label(ps, &ps->misfit_outer);
        ftl_diag_note(g, ps->misfit,
                      "its '}' was expected before this one, which is indented like the '{' "
                      "after '%.*s'",
                      (int)outer.len, outer.ptr);
        insert_rbrace_before(ps, g, ps->misfit);
    } else {
        ftl_diag_note(g, eof->span, "its '}' was expected here, at the end of the input");
        insert_rbrace_at_end(ps, g, eof->span);
    }
    return g;
}

void ftl_p_syntax_error(FtlParser *ps, const FtlToken *found, int (*accepts)(void *, int),
                        void *parser)
{
    ps->syntax_error = 1;
    ps->err_diag = -1;
    if (found->type == TK_ILLEGAL) return; /* the lexer has said what is wrong */
    if (is_follow_on(ps, found)) return;
    FtlDiag *g;
    const FtlToken *unit;
    if (ps->prev->type == TK_COMMENT && !ps->prev_rejected && found->type != TK_COMMENT)
        g = dangling_comment(ps, found);
    else if (found->type == TK_COMMENT)
        g = misplaced_comment(ps, found);
    else if ((unit = spaced_duration(ps, found, accepts, parser)) != NULL)
        g = spaced_duration_error(ps, found, unit);
    else if (found->type == 0 && ps->nopen && !ps->open[ps->nopen - 1].inserted)
        g = unclosed_block(ps, found);
    else
        g = unexpected_token(ps, found, accepts, parser);
    if (found->type == 0 && ps->nopen && ps->open[ps->nopen - 1].inserted) note_unclosed(ps, g);
    ps->err_diag = (int)(g - ps->diags->items);
}
