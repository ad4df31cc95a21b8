/* parse_int.h - state shared by the lemon grammar and the parser driver. */
#ifndef FTLC_PARSE_INT_H
#define FTLC_PARSE_INT_H

#include "base/arena.h"
#include "base/buf.h"
#include "syntax/ast.h"
#include "base/diag.h"
#include "base/intern.h"
#include "syntax/token.h"
#include "parser.h" /* the token codes (TK_*) */

/* Every token code is below this (asserted in grammar/parser.y, which knows
 * how many there are): the driver's tables by token code need no bounds test. */
enum { FTL_TOKEN_CODES = 128 };

/* A token as lemon carries it (its minor value): where it is in this file's
 * text and, for an identifier or keyword, its interned name (FtlToken.name).
 * Lemon copies it onto its stack for every token: 16 bytes, where a whole
 * FtlToken is 48. The driver keeps the whole token of the one being fed in
 * FtlParser.cur, for syntax errors. An optional token that is absent is all
 * zero (end 0: every token ends after offset 0). */
typedef struct FtlTok {
    uint32_t off, end;
    union {
        const char *name; /* identifiers and keywords */
        uint32_t depth;   /* '{': the nesting of braces before it */
    };
} FtlTok;

/* A list under construction: its items sit on the parser's scratch stack from
 * index start. Lists nest strictly in an LR parse, so one stack serves all. */
typedef struct FtlList {
    uint32_t start, n;
    uint32_t off, end; /* the items' extent in this file (ftl_list_span) */
} FtlList;

typedef struct FtlVisSpec {
    FtlVis vis;
    FtlSpan span;
} FtlVisSpec;

/* The +retry backoffs: where the DURATION tokens are (end 0: absent). */
typedef struct FtlRetryDurs {
    uint32_t min_off, min_end, max_off, max_end;
} FtlRetryDurs;

/* A '{' not yet closed: for "to match this '{'" and for judging whether the
 * '}' that closes it lines up with it. */
typedef struct FtlOpen {
    FtlSpan span;     /* the '{'; for an inserted one, the name it was inserted after */
    uint32_t first;   /* offset of the first token on its line */
    uint8_t inserted; /* missing in the source; the parser went on as if it were there */
} FtlOpen;

typedef struct FtlParser {
    FtlArena *arena;
    FtlInterner *in;
    FtlDiags *diags;
    uint32_t file;
    const char *text; /* the source text */
    void **scratch;
    uint32_t nscratch, capscratch;
    FtlFile *result;
    /* What the driver looks at after every token, all in one test (raised) */
    union {
        struct {
            uint8_t syntax_error;  /* set by %syntax_error, consumed by the driver */
            uint8_t failed;        /* the parser could not recover */
            uint8_t prev_rejected; /* prev was the token of a syntax error */
            uint8_t zero;          /* always 0: the struct covers every byte of raised */
        };
        uint32_t raised; /* nonzero when one of them is set */
    };
    int insert_lbrace; /* the error was a missing '{' after a module, realm, data or enum name */
    int module_file;   /* parsing a module file (FILE KINDS in ftl-schema(5)) */
    int err_diag;      /* index of the diagnostic of the last syntax error, or -1 */
    unsigned errors_at_start;           /* diags->errors when this file's parse began */
    uint32_t realm_depth, module_depth; /* '{' depth inside the current realm / module */
    const char *module_name;            /* of the current module */
    uint32_t enum_body;                 /* offset + 1 of the '{' of the last enum body */
    const FtlToken *cur;                /* the token being fed to lemon (for %syntax_error) */
    /* The two tokens fed before the current one: slots of the driver's ring,
     * which rotates pointers rather than copy 48-byte tokens (parse.c). */
    FtlToken *prev, *prev2;
    int prev3_type;   /* and the one before them */
    FtlToken pending; /* the token after the current one, when has_pending */
    int has_pending;
    FtlOpen *open; /* unclosed '{', innermost last */
    uint32_t nopen, capopen;
    FtlOpen last_closed; /* what the last '}' closed */
    int brace_suspect;   /* some '}' did not line up with its '{' */
    int suspect_before;  /* brace_suspect before the last '}' */
    /* The first '}' that did not line up with its '{' but with the '{' of the
     * block around it (file 0: none yet), the '{' it closed and that of the
     * block around: the closed '{' is likely the one whose '}' is missing. */
    FtlSpan misfit;
    FtlOpen misfit_closed, misfit_outer;
    int misfit_broken; /* a later '}' contradicts that guess: make none */
    int truncated;     /* the input ended inside an unterminated string */
    FtlBuf tmp;
    /* The fields of the data declaration being read, until ftl_p_fields puts
     * them side by side in the tree; a full block is left as it is (the
     * list points into it) and a twice larger one taken. */
    FtlField *fieldpool;
    uint32_t nfieldpool, capfieldpool;
} FtlParser;

static inline FtlSpan ftl_p_tspan(const FtlParser *ps, const FtlTok *t)
{
    FtlSpan s = {ps->file, t->off, t->end};
    return s;
}

/* The span of a list's items; invalid when it is empty. */
static inline FtlSpan ftl_list_span(const FtlParser *ps, FtlList l)
{
    FtlSpan s = {l.n ? ps->file : 0, l.off, l.end};
    return s;
}

FtlList ftl_list_open(FtlParser *ps);
void ftl_list_grow(FtlParser *ps);
/* Pushes item on the list l, whose span grows by span's (inline: the grammar's
 * actions push most nodes they make). */
static inline void ftl_list_push(FtlParser *ps, FtlList *l, void *item, FtlSpan span)
{
    /* Anything above the list's end is debris of an abandoned construct. */
    ps->nscratch = l->start + l->n;
    if (ps->nscratch == ps->capscratch) ftl_list_grow(ps);
    ps->scratch[ps->nscratch++] = item;
    /* as ftl_span_join would extend the items' span (an item without one adds nothing) */
    if (span.file == ps->file && ftl_span_valid(span)) {
        if (!l->end) {
            l->off = span.off;
            l->end = span.end;
        } else if (span.end > l->end) {
            l->end = span.end;
        }
    }
    l->n++;
}
/* Moves the items into an arena array of pointers and pops them. */
void **ftl_list_take(FtlParser *ps, FtlList l);

const char *ftl_p_ident(FtlParser *ps, const FtlTok *t);
FtlStr ftl_p_string(FtlParser *ps, const FtlTok *t);
FtlComments ftl_p_comments(FtlParser *ps, FtlList l);
/* Pushes the comment t on the list l: where it is, two items per comment,
 * made into FtlComment values when the list is taken (ftl_p_comments). */
void ftl_p_comment(FtlParser *ps, FtlList *l, const FtlTok *t);
int64_t ftl_p_int(FtlParser *ps, const FtlTok *t);

FtlType *ftl_p_prim(FtlParser *ps, FtlTypeKind k, const FtlTok *t);
FtlType *ftl_p_type2(FtlParser *ps, FtlTypeKind k, FtlSpan span, FtlType *a, FtlType *b);
FtlType *ftl_p_optional(FtlParser *ps, FtlType *t, const FtlTok *question);
FtlRef *ftl_p_ref(FtlParser *ps, const FtlTok *mod, const FtlTok *name, const FtlTok *realm,
                  int args);
void ftl_p_ref_args(FtlParser *ps, FtlRef *r, FtlList args, const FtlTok *gt);

FtlMeta *ftl_p_meta(FtlParser *ps, FtlMetaKind k, const FtlTok *kw);
void ftl_p_meta_end(FtlMeta *m, FtlSpan end);
void ftl_p_meta_refs(FtlParser *ps, FtlMeta *m, FtlList refs);
void ftl_p_meta_strs(FtlParser *ps, FtlMeta *m, FtlList strs);
FtlMeta *ftl_p_retry(FtlParser *ps, const FtlTok *kw, const FtlTok *count, const FtlRetryDurs *durs,
                     FtlRef *catch_ref);
void ftl_p_cron(FtlParser *ps, FtlMeta *m, const FtlTok *text);
void ftl_p_path(FtlParser *ps, FtlMeta *m, const FtlTok *path);
void ftl_p_alias_kind(FtlParser *ps, FtlMeta *m, const FtlTok *kind);
void ftl_p_hex_digest(FtlParser *ps, FtlStr *out, const FtlTok *t);
FtlStr ftl_p_word(FtlParser *ps, const FtlTok *t);

FtlDecl *ftl_p_decl(FtlParser *ps, FtlDeclKind k, FtlVisSpec vis, const FtlTok *kw,
                    const FtlTok *name);
void ftl_p_decl_end(FtlDecl *d, FtlSpan end);
void ftl_p_decl_comments(FtlParser *ps, FtlDecl *d, FtlList comments);
FtlField *ftl_p_field(FtlParser *ps, FtlList comments, const FtlTok *name, FtlType *type,
                      FtlList meta);
/* The fields of list l, side by side in the tree (FtlDecl.fields). */
FtlField *ftl_p_fields(FtlParser *ps, FtlList l);
FtlVariant *ftl_p_variant(FtlParser *ps, FtlList comments, const FtlTok *name, FtlVariant *v);
FtlVariant *ftl_p_value(FtlParser *ps, FtlValueKind k, const FtlTok *t, FtlType *type);
FtlMetaList ftl_p_metas(FtlParser *ps, FtlList l);
FtlTypeParam *ftl_p_tparam(FtlParser *ps, const FtlTok *name);
void ftl_p_tparams(FtlParser *ps, FtlDecl *d, FtlList l);

FtlModule *ftl_p_module(FtlParser *ps, FtlList comments, const FtlTok *builtin, const FtlTok *kw,
                        const FtlTok *name, const FtlTok *lbrace);
void ftl_p_module_end(FtlParser *ps, FtlModule *m, FtlList meta, FtlList decls,
                      const FtlTok *rbrace);
FtlRealm *ftl_p_realm(FtlParser *ps, const FtlTok *ext, const FtlTok *kw, const FtlTok *name,
                      const FtlTok *lbrace);
void ftl_p_realm_end(FtlParser *ps, FtlRealm *r, FtlList modules, const FtlTok *rbrace);

/* The span of len bytes at offset off inside token t (build.c). */
FtlSpan ftl_p_span_in_token(FtlSpan t, size_t off, size_t len);

/* Every keyword has its own token code, REALM … IMAGE in the order of the
 * %fallback declaration of grammar/parser.y (inline: asked for every token). */
static inline int ftl_p_keyword(int t)
{
    return t >= TK_REALM && t <= TK_IMAGE;
}

/* Token classes (syntax_error.c): a token that reads as a word (an
 * identifier or a keyword); a keyword's token code; a keyword the grammar
 * took as an identifier (%fallback). */
int ftl_p_wordlike(const FtlToken *t);
int ftl_p_decl_keyword(int type); /* data, verb, enum, ... */
int ftl_p_as_ident(const FtlToken *t);

/* Called from %syntax_error with the expected-token predicate of the grammar
 * (syntax_error.c). */
void ftl_p_syntax_error(FtlParser *ps, const FtlToken *found, int (*accepts)(void *, int),
                        void *parser);

/* The lemon parser (grammar/parser.c). */
void *FtlParseAlloc(void *(*malloc_fn)(size_t), FtlParser *ps);
void FtlParseFree(void *p, void (*free_fn)(void *));
void FtlParse(void *p, int major, FtlTok minor);
int ftl_parser_accepts(void *parser, int token);
int ftl_parser_takes(void *parser, int token);
unsigned ftl_parser_top(void *parser);
int ftl_parser_shifted_ident(unsigned top);
int ftl_parser_accepts2(void *parser, int tok1, int tok2);
void ftl_parser_clear_errors(void *parser);

#endif
