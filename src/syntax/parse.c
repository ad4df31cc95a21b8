/* parse.c - the parser driver: runs the lexer and the lemon parser over a file.
 *
 * It pulls tokens from the lexer, chooses the lexer's mode for +cron text and
 * ingress paths, glues +retry durations, tracks brace depth and nesting, and
 * feeds lemon, whose actions build the tree (build.c) and whose syntax errors
 * are described by syntax_error.c. After a syntax error it skips to the next
 * declaration, module or realm boundary (whichever the grammar's error
 * production accepted) and resumes, so that errors do not cascade.
 */
#include "syntax/parse.h"
#include "base/strlit.h"
#include "syntax/parse_int.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

/* ---- the parser's scratch stack --------------------------------------------------------- */

/* ftl_list_push's slow path (parse_int.h): room for more items. */
void ftl_list_grow(FtlParser *ps)
{
    ps->capscratch = ps->capscratch ? ps->capscratch * 2 : 256;
    ps->scratch = ftl_xrealloc(ps->scratch, ps->capscratch * sizeof *ps->scratch);
}

/* ---- the driver --------------------------------------------------------------------- */

typedef struct Driver {
    FtlParser ps;
    FtlLexer lx;
    void *parser;
    /* ps.prev, ps.prev2 and the slot the next token is read into, in some
     * order: feeding a token turns its slot into prev, prev into prev2 and
     * prev2's into the free slot, with no token copied. */
    FtlToken ring[3];
    FtlToken *slot;
    int last;         /* type of the last token read, for the lexer modes */
    int ingress_http; /* the last 'http' read came right after 'ingress' */
    FtlToken rbrace;  /* the last '}' the parser accepted */
    int in_retry;
    const uint8_t *special; /* special_token, or every_token while in_retry */
    unsigned errors_seen;   /* diags->errors when next_token last looked (E0208) */
    uint32_t nesting;       /* brackets of every kind; '{' alone is ps.nopen */
    uint32_t line_first;    /* offset of the first token of the current line (newlines
                               inside string literals do not count) */
    int stop;               /* parsing stops: brackets nested too deeply (E0202), or more
                               errors in this file than can be shown (E0208) */
    const FtlSource *src;   /* the text, for give_back */
    uint32_t give_back_at;  /* where give_back gives the text behind back next */
} Driver;

/* A mapped text is given back every GIVE_BACK_STEP bytes, all but the last
 * GIVE_BACK_KEEP before the token just read (the tokens the driver and the
 * parser still look at, and some slack): the mapped input then adds a few
 * pages, not its size, to what the tree takes (bench/README.md, round 8). */
#define GIVE_BACK_STEP (1u << 20)
#define GIVE_BACK_KEEP (64u << 10)

/* Gives back the text well behind offset off (ftl_source_release). */
static void give_back(Driver *dv, uint32_t off)
{
    ftl_source_release(dv->src, off - GIVE_BACK_KEEP);
    dv->give_back_at = off < UINT32_MAX - GIVE_BACK_STEP ? off + GIVE_BACK_STEP : UINT32_MAX;
}

static int raw_token(Driver *dv, FtlToken *t)
{
    if (dv->ps.has_pending) {
        *t = dv->ps.pending;
        dv->ps.has_pending = 0;
        return t->type;
    }
    return ftl_lex(&dv->lx, t);
}

/* raw_token for next_token: with no token pending and the lexer in its normal
 * mode (the common token: one test for both), straight to the lexer. */
static inline void read_token(Driver *dv, FtlToken *t)
{
    if (dv->ps.has_pending | (int)dv->lx.mode)
        raw_token(dv, t);
    else
        ftl_lex_normal(&dv->lx, t);
}

/* The token after the current one, without consuming it. */
static const FtlToken *peek_token(Driver *dv)
{
    if (!dv->ps.has_pending) {
        ftl_lex(&dv->lx, &dv->ps.pending);
        dv->ps.has_pending = 1;
    }
    return &dv->ps.pending;
}

/* Tokens that need more of next_token than the common one: brackets, the
 * tokens that set the lexer's mode (+cron, ingress methods), +retry and
 * literals to check (SPECIAL), and 'http', of which the lexer's mode must know
 * whether 'ingress' came before it (HTTP_ONLY: not through next_special,
 * whose check of the nesting runs where it always ran). The others (names,
 * most keywords, ',', '.') need none. */
enum { SPECIAL = 1, HTTP_ONLY = 2 };
static const uint8_t special_token[FTL_TOKEN_CODES] = {
    [TK_LBRACE] = SPECIAL, [TK_RBRACE] = SPECIAL, [TK_LBRACKET] = SPECIAL, [TK_RBRACKET] = SPECIAL,
    [TK_LPAREN] = SPECIAL, [TK_RPAREN] = SPECIAL, [TK_LT] = SPECIAL,       [TK_GT] = SPECIAL,
    [TK_CRON] = SPECIAL,   [TK_GET] = SPECIAL,    [TK_POST] = SPECIAL,     [TK_PUT] = SPECIAL,
    [TK_DELETE] = SPECIAL, [TK_RETRY] = SPECIAL,  [TK_STRING] = SPECIAL,   [TK_ILLEGAL] = SPECIAL,
    [TK_HTTP] = HTTP_ONLY};
/* While in_retry, every token is special (glue_retry). */
static const uint8_t every_token[sizeof special_token] = {[0 ... sizeof special_token - 1] = 1};

/* +retry: a number glued to a word is a duration ('5s', '1m5s'; WHITE SPACE
 * THAT MATTERS in ftl-schema(5)). */
static void glue_retry(Driver *dv, FtlToken *t)
{
    if (dv->in_retry && t->type == TK_NUMBER) {
        FtlToken n;
        raw_token(dv, &n);
        if (ftl_p_wordlike(&n) && !n.ws_before) {
            t->type = TK_DURATION;
            t->len = (uint32_t)(n.text + n.len - t->text);
            t->span = ftl_span_join(t->span, n.span);
        } else {
            dv->ps.pending = n;
            dv->ps.has_pending = 1;
        }
    }
    if (t->type == TK_PLUS)
        dv->in_retry = 0;
    else if (t->type == TK_RETRY && dv->last == TK_PLUS)
        dv->in_retry = 1;
    else if (t->type != TK_NUMBER && t->type != TK_DURATION)
        dv->in_retry = 0;
    dv->special = dv->in_retry ? every_token : special_token;
}

/* glue_retry for every token: only 'retry' and the tokens after it can
 * change anything, so the others cost one test here, inline (next_token runs
 * for each token of the input). */
static inline void glue_duration(Driver *dv, FtlToken *t)
{
    if (dv->in_retry || t->type == TK_RETRY) glue_retry(dv, t);
}

/* 'ingress http': what set_lexer_mode asks of an 'http', noted as it is read
 * (rather than the types of the last two tokens kept for every token). */
static void note_http(Driver *dv, const FtlToken *t)
{
    if (t->type == TK_HTTP) dv->ingress_http = dv->last == TK_INGRESS;
}

/* The lexer's mode for the token after t: +cron text, ingress paths. */
static void set_lexer_mode(Driver *dv, const FtlToken *t)
{
    if (t->type == TK_CRON && dv->last == TK_PLUS) dv->lx.mode = FTL_LEX_CRON;
    if ((t->type == TK_GET || t->type == TK_POST || t->type == TK_PUT || t->type == TK_DELETE) &&
        (dv->last == TK_INGRESS || (dv->last == TK_HTTP && dv->ingress_http)))
        dv->lx.mode = FTL_LEX_PATH;
    note_http(dv, t);
}

static void push_open(FtlParser *ps, FtlOpen o)
{
    if (ps->nopen == ps->capopen) {
        ps->capopen = ps->capopen ? ps->capopen * 2 : 16;
        ps->open = ftl_xrealloc(ps->open, ps->capopen * sizeof *ps->open);
    }
    ps->open[ps->nopen++] = o;
}

/* Indentation is measured only this far back: a longer run of blanks (not a
 * real schema) counts as lined up, so that no input makes this slow. */
enum { INDENT_SCAN_MAX = 256 };

/* The indentation of the token at off that starts its line: the blanks before
 * it; -1 if there are too many to count. */
static int indent_before(const char *text, uint32_t off)
{
    uint32_t i = off;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t') && off - i < INDENT_SCAN_MAX)
        i--;
    return off - i < INDENT_SCAN_MAX ? (int)(off - i) : -1;
}

/* Does the '}' t line up with the '{' o: on the same line, or first on its own
 * line and indented like the line of the '{'? One that does not hints that a
 * brace is missing or extra. first: the first token of the line of t. */
static int lines_up(const char *text, const FtlOpen *o, const FtlToken *t, uint32_t first)
{
    if (!t->nl_before) return first == o->first;
    int a = indent_before(text, t->span.off), b = indent_before(text, o->first);
    return a < 0 || b < 0 || a == b;
}

/* A '}' that closed a block but lines up with the block around it: the
 * closed block is likely the one whose '}' is missing (kept for the error at
 * the end of the input, syntax_error.c). A later '}' that lines up with a
 * block opened before it says otherwise: no guess then. */
static void track_misfit(FtlParser *ps, const FtlToken *t)
{
    if (ps->misfit_broken) return;
    if (ftl_span_valid(ps->misfit)) {
        if (t->lined_up && ps->last_closed.span.off < ps->misfit.off) ps->misfit_broken = 1;
        return;
    }
    if (t->lined_up || !t->nl_before || !ps->nopen) return;
    const FtlOpen *outer = &ps->open[ps->nopen - 1];
    int a = indent_before(ps->text, t->span.off), b = indent_before(ps->text, outer->first);
    if (a < 0 || a != b || outer->inserted) return;
    ps->misfit = t->span;
    ps->misfit_closed = ps->last_closed;
    ps->misfit_outer = *outer;
}

static void close_brace(Driver *dv, FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    if (dv->nesting) dv->nesting--;
    if (!ps->nopen) {
        t->unmatched = 1;
        t->depth = 0;
        return;
    }
    ps->last_closed = ps->open[--ps->nopen];
    ps->suspect_before = ps->brace_suspect;
    t->depth = ps->nopen;
    t->lined_up = (uint8_t)lines_up(ps->text, &ps->last_closed, t, dv->line_first);
    if (!t->lined_up) ps->brace_suspect = 1;
    track_misfit(ps, t);
}

/* Brace depth, the stack of open '{' and the nesting limit (E0202), for every
 * token read, including those skipped by recovery (t->depth is the depth
 * before t: next_token sets it). */
static void track_brackets(Driver *dv, FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    switch (t->type) {
    case TK_LBRACE:
        push_open(ps, (FtlOpen){t->span, dv->line_first, 0});
        dv->nesting++;
        break;
    case TK_RBRACE: close_brace(dv, t); break;
    case TK_LBRACKET:
    case TK_LPAREN:
    case TK_LT: dv->nesting++; break;
    case TK_RBRACKET:
    case TK_RPAREN:
    case TK_GT:
        if (dv->nesting) dv->nesting--;
        break;
    default: break;
    }
    if (dv->nesting > FTL_MAX_NESTING && !dv->stop) {
        dv->stop = 1;
        ftl_error(ps->diags, t->span, "E0202",
                  "brackets are nested too deeply (more than %d levels)", FTL_MAX_NESTING);
    }
}

/* Escapes are checked as soon as a literal is read, so that they are reported
 * even where the construct around the literal is broken, and only once. */
static void check_string(FtlParser *ps, const FtlToken *t)
{
    size_t off, len;
    const char *msg;
    if (ftl_str_decode(t->text + 1, t->len - 2, NULL, &off, &len, &msg) != 0)
        ftl_error(ps->diags, ftl_p_span_in_token(t->span, off + 1, len), "E0103",
                  "invalid escape sequence in string literal: %s", msg);
}

static void next_special(Driver *dv, FtlToken *t)
{
    glue_duration(dv, t);
    set_lexer_mode(dv, t);
    track_brackets(dv, t);
    if (t->type == TK_STRING) check_string(&dv->ps, t);
    /* An unterminated string is the lone quote (a string over the length limit
     * is the whole literal, and the input goes on after it). */
    else if (t->type == TK_ILLEGAL && t->text[0] == '"' && t->len == 1)
        dv->ps.truncated = 1;
}

/* SPECIAL, HTTP_ONLY or 0 (SPECIAL for every token while in_retry). */
static inline int is_special(const Driver *dv, int type)
{
    return dv->special[type];
}

/* The errors of this file went up or down since next_token last looked: more
 * than can be shown (E0208)? Then stop, so that a hopeless input costs no more
 * than max_errors errors' worth of work. Only a change of the count can change
 * the answer (max_errors is fixed), so the common token pays one comparison. */
static void errors_changed(Driver *dv, const FtlToken *t)
{
    dv->errors_seen = dv->ps.diags->errors;
    if (ftl_diags_too_many(dv->ps.diags, dv->ps.errors_at_start) && !dv->stop) {
        dv->stop = 1;
        ftl_diags_give_up(dv->ps.diags, t->span);
    }
}

/* next_token for a special token or after the error count changed. Returns
 * 0 if parsing stops (nothing else sets dv->stop). */
static int next_slow(Driver *dv, FtlToken *t)
{
    int special = is_special(dv, t->type);
    if (special == HTTP_ONLY)
        note_http(dv, t);
    else if (special)
        next_special(dv, t);
    if (dv->ps.diags->errors != dv->errors_seen) errors_changed(dv, t);
    return !dv->stop;
}

/* The next token as the grammar sees it: with lexer modes applied, +retry
 * durations glued, brackets tracked and string escapes checked. Returns 0 if
 * parsing stops. Inline in the main loop (parse_tokens): a call per token
 * cost more than the common token's work, whose return value the compiler
 * then knows; next_token is the out-of-line copy for recovery. */
__attribute__((always_inline)) static inline int next_token_inline(Driver *dv, FtlToken *t)
{
    read_token(dv, t);
    t->unmatched = t->lined_up = 0;
    t->shifted_to = 0;
    t->depth = dv->ps.nopen;
    /* a line's first token: tested once a line rather than once a token (a
     * text of one long line is given back when it has been parsed) */
    if (t->nl_before) {
        dv->line_first = t->span.off;
        if (__builtin_expect(t->span.off >= dv->give_back_at, 0)) give_back(dv, t->span.off);
    }
    int go = 1;
    if (is_special(dv, t->type) || dv->ps.diags->errors != dv->errors_seen) go = next_slow(dv, t);
    dv->last = t->type;
    return go;
}

static int next_token(Driver *dv, FtlToken *t)
{
    return next_token_inline(dv, t);
}

/* Bookkeeping after a token was fed that the parser rejected, or that is a
 * keyword or a '}', or after the parser failed (out of line: the common token
 * needs none of it). Returns what feed returns. */
static int fed_special(Driver *dv, const FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    ps->prev_rejected = ps->syntax_error;
    if (ps->syntax_error) return 1;
    /* Whether a keyword stayed one decides messages ("after data name", "'data'
     * was read as a name"); worked out from this state only when they are written. */
    if (ftl_p_keyword(t->type))
        ps->prev->shifted_to = (uint16_t)ftl_parser_top(dv->parser);
    else if (t->type == TK_RBRACE)
        dv->rbrace = *t;
    return ps->failed;
}

/* What lemon keeps of a token (parse_int.h). */
static inline FtlTok minor_of(const FtlToken *t)
{
    FtlTok m = {t->span.off, t->span.end, {t->name}};
    if (t->type == TK_LBRACE) m.depth = t->depth;
    return m;
}

static inline void parse(Driver *dv, const FtlToken *t)
{
    dv->ps.cur = t;
    FtlParse(dv->parser, t->type, minor_of(t));
}

/* The tokens fed_special looks at: keywords and '}', in one range test. The
 * codes between them are the START and SYNC tokens, which the lexer never
 * returns and fed_special passes over like any other. */
static inline int kw_or_rbrace(int type)
{
    _Static_assert(TK_IMAGE < TK_RBRACE && TK_RBRACE - TK_IMAGE <= 4,
                   "'}' just after the keywords");
    return (unsigned)(type - TK_REALM) <= TK_RBRACE - TK_REALM;
}

/* After a token was fed: what the driver keeps of it. Returns nonzero after
 * a syntax error or when the parser failed (one test for the common token). */
static inline int fed(Driver *dv, const FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    if (ps->raised || kw_or_rbrace(t->type)) return fed_special(dv, t);
    return 0;
}

/* The ring of prev, prev2 and the slot the lexer reads into turns: fed (in a
 * slot of the ring) becomes prev, prev becomes prev2, and prev2's slot, whose
 * type is kept as prev3_type, is returned to be read into next. */
static inline FtlToken *ring_turn(FtlParser *ps, FtlToken *fed)
{
    FtlToken *freed = ps->prev2;
    ps->prev3_type = freed->type;
    ps->prev2 = ps->prev;
    ps->prev = fed;
    return freed;
}

/* Feeds t, the token read last (in dv->slot): its slot becomes prev. Returns
 * nonzero after a syntax error or when the parser failed. */
static inline int feed(Driver *dv, FtlToken *t)
{
    parse(dv, t);
    dv->slot = ring_turn(&dv->ps, t);
    return fed(dv, t);
}

/* Feeds t, a token the driver made ('{' inserted, '}' given back, SYNC
 * tokens aside): a copy of it becomes prev, and the token read stays in
 * dv->slot. */
static int feed_made(Driver *dv, const FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    parse(dv, t);
    FtlToken *slot = ring_turn(ps, ps->prev2); /* prev2's slot, now prev */
    *slot = *t;
    return fed(dv, slot);
}

static FtlSpan end_of_input(const FtlLexer *lx)
{
    FtlSpan s = {lx->file, (uint32_t)(lx->lim - lx->base), (uint32_t)(lx->lim - lx->base)};
    return s;
}

/* ---- recovery ------------------------------------------------------------------------- */

static int starts_module(const FtlParser *ps, const FtlToken *t)
{
    return (t->type == TK_MODULE || t->type == TK_BUILTIN) && !ps->module_file;
}

/* Where may parsing resume after an error at this level? sync 0: nowhere but
 * the end of the input (after the module of a module file). A module among
 * declarations resumes too: the '}' of the module before it is missing. */
static int is_sync_point(const FtlParser *ps, int sync, const FtlToken *t, uint32_t target,
                         int after_block)
{
    if (t->type == TK_RBRACE)
        return sync && sync != TK_SYNC_REALM && !t->unmatched && t->depth + 1 == target;
    if (t->depth != target || !(t->nl_before || after_block)) return 0;
    switch (sync) {
    case TK_SYNC_DECL:
        return ftl_p_decl_keyword(t->type) || t->type == TK_EXPORT || t->type == TK_COMMENT ||
               starts_module(ps, t);
    case TK_SYNC_MODULE:
        return t->type == TK_MODULE || t->type == TK_BUILTIN || t->type == TK_COMMENT;
    case TK_SYNC_REALM: return t->type == TK_REALM || t->type == TK_EXTERNAL;
    default: return 0;
    }
}

static void skip_to(Driver *dv, FtlToken *t, int sync, uint32_t target, int after_block)
{
    while (t->type != 0 && !dv->stop && !is_sync_point(&dv->ps, sync, t, target, after_block)) {
        after_block = t->type == TK_RBRACE && t->depth == target;
        next_token(dv, t);
    }
    if (t->type == 0) t->span = end_of_input(&dv->lx);
}

/* Which error production lemon has shifted: declarations, modules or realms. */
static int sync_level(void *parser)
{
    static const int syncs[] = {TK_SYNC_DECL, TK_SYNC_MODULE, TK_SYNC_REALM};
    for (size_t i = 0; i < 3; i++)
        if (ftl_parser_accepts(parser, syncs[i])) return syncs[i];
    return 0;
}

static void feed_sync(Driver *dv, const FtlToken *at, int sync)
{
    FtlToken s = *at;
    s.type = sync;
    parse(dv, &s);
    ftl_parser_clear_errors(dv->parser);
}

/* lemon popped the '}' that had just closed a block, because the token after it
 * fits nowhere. Was that '}' one too many? Only if it closed a module of a
 * realm without lining up with it and a declaration follows. */
static int rbrace_was_extra(const Driver *dv, const FtlToken *t, int sync)
{
    return sync == TK_SYNC_DECL && !dv->ps.module_file && !dv->rbrace.lined_up &&
           (ftl_p_decl_keyword(t->type) || t->type == TK_EXPORT);
}

/* The extra '}' is dropped: the module stays open and t continues it. */
static void reopen(Driver *dv, FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    if (ps->err_diag >= 0)
        ftl_diag_note(&ps->diags->items[ps->err_diag], dv->rbrace.span,
                      "this '}' closed module '%s'; is it one too many?", ps->module_name);
    push_open(ps, ps->last_closed);
    dv->nesting++;
    t->depth = ps->nopen;
    ps->brace_suspect = 1;
}

/* The '}' was right and the token after it is wrong: give the '}' back to the
 * parser and skip to where the level around the closed block goes on. */
static int reclose(Driver *dv, FtlToken *t, int sync)
{
    feed_sync(dv, t, sync);
    FtlToken rb = dv->rbrace;
    feed_made(dv, &rb);
    if (dv->ps.syntax_error) return 0;
    ftl_parser_clear_errors(dv->parser);
    if (sync == TK_SYNC_DECL && dv->ps.module_file)
        skip_to(dv, t, 0, 0, 1);
    else if (sync == TK_SYNC_DECL)
        skip_to(dv, t, TK_SYNC_MODULE, dv->ps.realm_depth, 1);
    else
        skip_to(dv, t, TK_SYNC_REALM, 0, 1);
    return !dv->stop;
}

/* "module n" among declarations: the module before it lacks its '}'. Close
 * it, so that module n and the modules after it are parsed as usual. */
static void close_module(Driver *dv, FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    FtlToken rb = *t;
    rb.type = TK_RBRACE;
    rb.text = "}";
    rb.len = 1;
    rb.span.end = rb.span.off;
    ps->nopen--; /* t is at the module's depth, so its '{' is the innermost */
    if (dv->nesting) dv->nesting--;
    rb.depth = t->depth = ps->nopen;
    feed_made(dv, &rb);
}

/* After a syntax error lemon has popped to an error production; skip input up
 * to the boundary that production stands for and tell the parser with a SYNC
 * token. t becomes the token to resume with. Returns 0 if parsing must stop. */
static int recover(Driver *dv, FtlToken *t)
{
    int sync = sync_level(dv->parser);
    if (!sync && ftl_parser_accepts(dv->parser, 0)) { /* after the module of a module file */
        skip_to(dv, t, 0, 0, 0);
        return !dv->stop;
    }
    if (!sync) return 0;
    uint32_t target = sync == TK_SYNC_DECL     ? dv->ps.module_depth
                      : sync == TK_SYNC_MODULE ? dv->ps.realm_depth
                                               : 0;
    int after_block = 0;
    /* A '}' is inside the block it closes; t->depth is the depth after it. */
    uint32_t at = t->depth + (t->type == TK_RBRACE && !t->unmatched);
    if (at < target) { /* lemon popped the '}' before t: the parser is in a closed block */
        if (!rbrace_was_extra(dv, t, sync)) return reclose(dv, t, sync);
        reopen(dv, t);
        after_block = 1;
    }
    skip_to(dv, t, sync, target, after_block);
    if (dv->stop) return 0;
    feed_sync(dv, t, sync);
    if (sync == TK_SYNC_DECL && starts_module(&dv->ps, t)) close_module(dv, t);
    return 1;
}

/* ---- inserting a missing '{' ---------------------------------------------------------- */

/* "module m⏎ data D {…}", "data D⏎ x Int": right after the name of a module,
 * realm, data or enum, a token that would fit after a '{'. Not when t more
 * likely starts something new: a declaration after 'data D', or a word with
 * its own '{' ("module a b {"). */
static int lbrace_is_missing(Driver *dv, const FtlToken *t)
{
    const FtlParser *ps = &dv->ps;
    int kw = ps->prev2->type;
    if (!ftl_p_wordlike(ps->prev) || t->type == TK_LBRACE || t->type == TK_ILLEGAL) return 0;
    if (ftl_parser_takes(dv->parser, t->type) || ftl_p_as_ident(ps->prev2) ||
        !ftl_parser_accepts2(dv->parser, TK_LBRACE, t->type))
        return 0;
    if ((kw == TK_DATA || kw == TK_ENUM) && (ftl_p_decl_keyword(t->type) || t->type == TK_EXPORT))
        return 0;
    return !(ftl_p_wordlike(t) && peek_token(dv)->type == TK_LBRACE);
}

/* lbrace_is_missing can hold only after the keyword of a module, realm, data
 * or enum (inline: asked for every token; a jump). */
static inline int after_block_keyword(const FtlParser *ps)
{
    switch (ps->prev2->type) {
    case TK_MODULE:
    case TK_REALM:
    case TK_DATA:
    case TK_ENUM: return 1;
    default: return 0;
    }
}

/* The offset of the first token on the line of off (only on the error path:
 * the scan is as long as the line). */
static uint32_t first_on_line(const char *text, uint32_t off)
{
    uint32_t i = off;
    while (i > 0 && text[i - 1] != '\n')
        i--;
    while (i < off && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\f'))
        i++;
    return i;
}

/* "module m⏎ }": t, a '}' read before the '{' was inserted, closed an outer
 * block; it closes the inserted '{' instead. */
static void close_inserted(Driver *dv, FtlToken *t, FtlOpen o)
{
    FtlParser *ps = &dv->ps;
    if (t->unmatched) {
        t->unmatched = 0;
    } else {
        push_open(ps, ps->last_closed);
        ps->brace_suspect = ps->suspect_before;
    }
    t->lined_up = (uint8_t)lines_up(ps->text, &o, t, dv->line_first);
    if (!t->lined_up) ps->brace_suspect = 1;
    ps->last_closed = o;
}

/* Rather than lose the block (and cascade at its '}'), report the missing '{'
 * and go on as if it were there. */
static void maybe_insert_lbrace(Driver *dv, FtlToken *t)
{
    if (!lbrace_is_missing(dv, t)) return;
    FtlParser *ps = &dv->ps;
    ps->insert_lbrace = 1;
    ftl_p_syntax_error(ps, t, ftl_parser_accepts, dv->parser);
    ps->insert_lbrace = 0;
    ps->syntax_error = 0;
    FtlToken lb = *ps->prev; /* the name: "to match the '{' inserted after 'm'" points there */
    lb.type = TK_LBRACE;
    lb.shifted_to = 0;
    lb.depth = ps->nopen;
    FtlOpen o = {lb.span, first_on_line(ps->text, lb.span.off), 1};
    dv->nesting++;
    if (t->type == TK_RBRACE)
        close_inserted(dv, t, o);
    else
        push_open(ps, o);
    t->depth = ps->nopen;
    feed_made(dv, &lb);
}

/* ---- files ---------------------------------------------------------------------------- */

/* Module file or schema file: decided by the first token that is not a comment
 * (FILE KINDS in ftl-schema(5)). */
static int choose_entry(const FtlSources *src, uint32_t file_id)
{
    const FtlSource *f = ftl_sources_get(src, file_id);
    FtlDiags quiet;
    ftl_diags_init(&quiet);
    FtlLexer lx;
    ftl_lexer_init(&lx, file_id, f->data, f->len, &quiet);
    FtlToken t;
    while (ftl_lex(&lx, &t) == TK_COMMENT) {
    }
    ftl_diags_free(&quiet);
    return (t.type == TK_MODULE || t.type == TK_BUILTIN) ? TK_START_MODULE : TK_START_SCHEMA;
}

/* t was fed and rejected, or the parser failed: recover and feed on until
 * the parser takes a token. Returns 0 if parsing ends. last_error: the
 * offset of the last token recovered at. */
static int after_error(Driver *dv, FtlToken *t, uint32_t *last_error)
{
    while (dv->ps.syntax_error && !dv->ps.failed) {
        dv->ps.syntax_error = 0;
        /* A second error at the same token would never end. */
        if (t->type == 0 || t->span.off == *last_error) return 0;
        /* t is prev now: recovery reads on from a copy of it in the free slot */
        *dv->slot = *t;
        t = dv->slot;
        if (!recover(dv, t)) return 0;
        *last_error = t->span.off;
        feed(dv, t);
    }
    return !dv->ps.failed && t->type != 0;
}

/* Feeds t, a token that is not the end of the input (inline: the common
 * token's path). Returns 0 if parsing ends. */
static inline int feed_token(Driver *dv, FtlToken *t, uint32_t *last_error)
{
    if (after_block_keyword(&dv->ps)) maybe_insert_lbrace(dv, t);
    return !feed(dv, t) || after_error(dv, t, last_error);
}

/* The end of the input: fed like a token, and parsing ends. */
static void feed_end(Driver *dv, FtlToken *t, uint32_t *last_error)
{
    t->span = end_of_input(&dv->lx);
    if (after_block_keyword(&dv->ps)) maybe_insert_lbrace(dv, t);
    if (feed(dv, t)) after_error(dv, t, last_error);
}

/* Feeds the whole input, recovering from syntax errors. */
static void parse_tokens(Driver *dv)
{
    uint32_t last_error = UINT32_MAX;
    for (;;) {
        FtlToken *t = dv->slot;
        if (!next_token_inline(dv, t)) return;
        if (t->type == 0) {
            feed_end(dv, t, &last_error);
            return;
        }
        if (!feed_token(dv, t, &last_error)) return;
    }
}

FtlFile *ftl_parse_file(FtlArena *arena, FtlInterner *in, FtlDiags *diags, const FtlSources *src,
                        uint32_t file_id)
{
    const FtlSource *f = ftl_sources_get(src, file_id);
    /* The tree takes some 5.3 bytes for each byte of text (bench/README.md,
     * round 4): room for it in one block. */
    ftl_arena_reserve(arena, f->len * 6);
    Driver dv;
    memset(&dv, 0, sizeof dv);
    FtlParser *ps = &dv.ps;
    ps->arena = arena;
    ps->in = in;
    ps->diags = diags;
    ps->file = file_id;
    ps->text = f->data;
    ps->err_diag = -1;
    ps->errors_at_start = diags->errors;
    dv.errors_seen = diags->errors;
    dv.special = special_token;
    dv.src = f;
    dv.give_back_at = f->mapped ? GIVE_BACK_STEP : UINT32_MAX;
    ps->prev = &dv.ring[0];
    ps->prev2 = &dv.ring[1];
    dv.slot = &dv.ring[2];
    ftl_buf_init(&ps->tmp);
    ps->result = FTL_NEW(arena, FtlFile);
    ps->result->file_id = file_id;
    ftl_lexer_init(&dv.lx, file_id, f->data, f->len, diags);
    ftl_lexer_intern(&dv.lx, in);
    dv.parser = FtlParseAlloc(ftl_xmalloc, ps);

    FtlToken start = {0};
    start.type = choose_entry(src, file_id);
    start.span = (FtlSpan){file_id, 0, 0};
    ps->module_file = start.type == TK_START_MODULE;
    feed_made(&dv, &start);
    parse_tokens(&dv);

    /* Read to its end: the rest of the compilation reads little of the text
     * (comments, the lines of diagnostics), which maps those pages again. */
    ftl_source_release(f, f->len);
    /* What the lexer learnt of the text is the source's (as its line table,
     * made on demand through the same const pointer: source.h). */
    ((FtlSource *)f)->comments_nul_free = !dv.lx.comment_nul;
    FtlParseFree(dv.parser, free);
    free(ps->scratch);
    free(ps->open);
    ftl_buf_free(&ps->tmp);
    return ps->result;
}

void ftl_scan_tokens(const FtlSources *src, uint32_t file_id,
                     void (*each)(void *ctx, const FtlToken *t), void *ctx)
{
    const FtlSource *f = ftl_sources_get(src, file_id);
    FtlDiags quiet;
    ftl_diags_init(&quiet);
    Driver dv;
    memset(&dv, 0, sizeof dv);
    dv.ps.diags = &quiet;
    dv.give_back_at = UINT32_MAX; /* nothing is given back: no source is kept */
    ftl_lexer_init(&dv.lx, file_id, f->data, f->len, &quiet);
    FtlToken t;
    /* next_token's steps that decide what the tokens are, without the parser */
    while (raw_token(&dv, &t) != 0) {
        glue_duration(&dv, &t);
        set_lexer_mode(&dv, &t);
        dv.last = t.type;
        each(ctx, &t);
        if (quiet.count > 64) ftl_diags_free(&quiet); /* keep nothing of a broken file */
    }
    ftl_diags_free(&quiet);
}

size_t ftl_lex_all(const FtlSources *src, uint32_t file_id, FtlDiags *diags)
{
    const FtlSource *f = ftl_sources_get(src, file_id);
    FtlLexer lx;
    ftl_lexer_init(&lx, file_id, f->data, f->len, diags);
    FtlToken t;
    size_t n = 0;
    while (ftl_lex(&lx, &t) != 0)
        n++;
    return n;
}
