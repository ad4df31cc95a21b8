/* parser.y - the FTL schema grammar (lemon): GRAMMAR and METADATA in
 * ftl-schema(5).
 *
 * Keywords are contextual: each has its own token and falls back to IDENT
 * wherever the grammar cannot take it as a keyword (Keywords in ftl-schema(5)).
 * Comments
 * are grammar symbols, allowed only before modules, declarations, fields and
 * enum variants (Comments in ftl-schema(5)). Error productions at the realm,
 * module and declaration level let the driver (src/syntax/parse.c) resynchronise
 * after a syntax
 * error and report every independent error in one run.
 *
 * Actions stay short: the tree is built by the ftl_p_* functions of
 * src/syntax/build.c.
 */

%name FtlParse
%token_prefix TK_
%token_type {FtlTok}
/* The driver's state, given once to FtlParseAlloc: as %extra_argument it was
 * passed with every token and stored by FtlParse for each. */
%extra_context {FtlParser *ps}
%start_symbol input
%stack_size 4096

%include {
#include <assert.h>
#include <stdlib.h>
#include "syntax/parse_int.h"
/* The span of a token (TS) and of a list (LS) of this file. */
#define TS(t) ftl_p_tspan(ps, &(t))
#define LS(l) ftl_list_span(ps, (l))
/* An optional list that is absent: empty, where ftl_list_open would open it.
 * Comments and metadata are never empty lists in this grammar: each
 * construct that may carry them has a rule without them, so that the common
 * field or declaration without comments or metadata pays for no empty
 * reduction (lemon reduces an empty rule like any other). */
#define NO_LIST ((FtlList){ps->nscratch, 0, 0, 0})
}

/* The token lemon rejects is the driver's current one, whole (ps->cur):
 * lemon's copy holds only where it is and its name. */
%syntax_error {
    (void)yyminor;
    ftl_p_syntax_error(ps, ps->cur, ftl_parser_accepts, yypParser);
}
%parse_failure { ps->failed = 1; }
%stack_overflow { ps->failed = 1; }

/* Tokens the lexer and driver produce that no rule mentions by name. */
%token PUNCT ILLEGAL.

%fallback IDENT REALM EXTERNAL MODULE BUILTIN EXPORT DATA VERB ENUM TYPEALIAS CONFIG SECRET
    DATABASE TOPIC POSTGRES MYSQL KW_INT KW_FLOAT KW_STRING KW_BYTES KW_BOOL KW_TIME KW_ANY
    KW_UNIT CALLS SECRETS USES PUBLISH SUBSCRIBE FROM BEGINNING LATEST DEADLETTER RETRY CATCH
    CRON INGRESS HTTP GET POST PUT DELETE ALIAS TYPEMAP GO KOTLIN JAVA ENCODING JSON LENIENT
    MIGRATION SHA256KW ARTEFACT EXECUTABLE PARTITIONS SQL QUERY COLUMN GENERATED GIT DIRTY
    FIXTURE MANUAL TRANSACTION EGRESS IMAGE.

%type realms {FtlList}
%type modules {FtlList}
%type decls {FtlList}
%type metas {FtlList}
%type fields {FtlList}
%type variants {FtlList}
%type comments {FtlList}
%type tparams {FtlList}
%type tplist {FtlList}
%type typelist {FtlList}
%type reflist {FtlList}
%type strlist {FtlList}
%type realm {FtlRealm *}
%type realm_head {FtlRealm *}
%type module {FtlModule *}
%type module_head {FtlModule *}
%type decl {FtlDecl *}
%type decl_head {FtlDecl *}
%type variant {FtlVariant *}
%type value {FtlVariant *}
%type vis {FtlVisSpec}
%type type {FtlType *}
%type ref {FtlRef *}
%type refname {FtlRef *}
%type meta_body {FtlMeta *}
%type enum_type {FtlType *}

/* ---- files ------------------------------------------------------------------ */

input ::= START_SCHEMA realms(L). {
    ps->result->realms = (FtlRealm **)ftl_list_take(ps, L);
    ps->result->nrealms = L.n;
}
input ::= START_MODULE module(M). {
    ps->result->is_module_file = 1;
    ps->result->module = M;
}
/* Text after the module of a module file: the driver skips it to the end, and
 * the tree keeps the module. */
input ::= START_MODULE module(M) error. {
    ps->result->is_module_file = 1;
    ps->result->module = M;
}

realms(A) ::= . { A = ftl_list_open(ps); }
realms(A) ::= realms(A) realm(R). { ftl_list_push(ps, &A, R, R->span); }
realms(A) ::= realms(A) error SYNC_REALM.

realm(A) ::= realm_head(A) modules(L) RBRACE(E). { ftl_p_realm_end(ps, A, L, &E); }
realm_head(A) ::= REALM(K) IDENT(N) LBRACE(B). { A = ftl_p_realm(ps, NULL, &K, &N, &B); }
realm_head(A) ::= EXTERNAL(X) REALM(K) IDENT(N) LBRACE(B). { A = ftl_p_realm(ps, &X, &K, &N, &B); }

modules(A) ::= . { A = ftl_list_open(ps); }
modules(A) ::= modules(A) module(M). { ftl_list_push(ps, &A, M, M->span); }
modules(A) ::= modules(A) error SYNC_MODULE.

module(A) ::= module_head(A) decls(D) RBRACE(E). { ftl_p_module_end(ps, A, NO_LIST, D, &E); }
module(A) ::= module_head(A) metas(M) decls(D) RBRACE(E). { ftl_p_module_end(ps, A, M, D, &E); }
module_head(A) ::= MODULE(K) IDENT(N) LBRACE(B). {
    A = ftl_p_module(ps, NO_LIST, NULL, &K, &N, &B);
}
module_head(A) ::= comments(C) MODULE(K) IDENT(N) LBRACE(B). {
    A = ftl_p_module(ps, C, NULL, &K, &N, &B);
}
module_head(A) ::= BUILTIN(X) MODULE(K) IDENT(N) LBRACE(B). {
    A = ftl_p_module(ps, NO_LIST, &X, &K, &N, &B);
}
module_head(A) ::= comments(C) BUILTIN(X) MODULE(K) IDENT(N) LBRACE(B). {
    A = ftl_p_module(ps, C, &X, &K, &N, &B);
}

/* One comment or more (NO_LIST where there are none). */
comments(A) ::= COMMENT(C). {
    A = ftl_list_open(ps);
    ftl_p_comment(ps, &A, &C);
}
comments(A) ::= comments(A) COMMENT(C). { ftl_p_comment(ps, &A, &C); }


/* ---- declarations ------------------------------------------------------------ */

decls(A) ::= . { A = ftl_list_open(ps); }
/* A declaration is pushed here, with its comments, not reduced to a
 * nonterminal of its own first: that reduction, for every declaration,
 * carried nothing. decl_head is a declaration that may end with metadata:
 * these rules attach it, if any. */
decls(A) ::= decls(A) decl(D). { ftl_list_push(ps, &A, D, D->span); }
decls(A) ::= decls(A) comments(C) decl(D). {
    ftl_p_decl_comments(ps, D, C);
    ftl_list_push(ps, &A, D, D->span);
}
decls(A) ::= decls(A) decl_head(D). { ftl_list_push(ps, &A, D, D->span); }
decls(A) ::= decls(A) decl_head(D) metas(M). {
    D->meta = ftl_p_metas(ps, M);
    ftl_p_decl_end(D, LS(M));
    ftl_list_push(ps, &A, D, D->span);
}
decls(A) ::= decls(A) comments(C) decl_head(D). {
    ftl_p_decl_comments(ps, D, C);
    ftl_list_push(ps, &A, D, D->span);
}
decls(A) ::= decls(A) comments(C) decl_head(D) metas(M). {
    D->meta = ftl_p_metas(ps, M);
    ftl_p_decl_end(D, LS(M));
    ftl_p_decl_comments(ps, D, C);
    ftl_list_push(ps, &A, D, D->span);
}
decls(A) ::= decls(A) error SYNC_DECL.

vis(A) ::= . { A.vis = FTL_VIS_NONE; A.span = (FtlSpan){0}; }
vis(A) ::= EXPORT(E). { A.vis = FTL_VIS_MODULE; A.span = TS(E); }
vis(A) ::= EXPORT(E) REALM(R). { A.vis = FTL_VIS_REALM; A.span = ftl_span_join(TS(E), TS(R)); }
vis(A) ::= EXPORT(E) COLON REALM(R). {
    A.vis = FTL_VIS_REALM;
    A.span = ftl_span_join(TS(E), TS(R));
}

decl(A) ::= vis(V) DATA(K) IDENT(N) tparams(P) LBRACE fields(F) RBRACE(E). {
    A = ftl_p_decl(ps, FTL_DECL_DATA, V, &K, &N);
    ftl_p_tparams(ps, A, P);
    A->fields = ftl_p_fields(ps, F);
    A->nfields = F.n;
    ftl_p_decl_end(A, TS(E));
}
decl(A) ::= vis(V) DATA(K) IDENT(N) tparams(P) LBRACE metas(M) fields(F) RBRACE(E). {
    A = ftl_p_decl(ps, FTL_DECL_DATA, V, &K, &N);
    ftl_p_tparams(ps, A, P);
    A->meta = ftl_p_metas(ps, M);
    A->fields = ftl_p_fields(ps, F);
    A->nfields = F.n;
    ftl_p_decl_end(A, TS(E));
}
decl_head(A) ::= vis(V) VERB(K) IDENT(N) LPAREN type(Q) RPAREN type(R). {
    A = ftl_p_decl(ps, FTL_DECL_VERB, V, &K, &N);
    A->request = Q;
    A->response = R;
    ftl_p_decl_end(A, ftl_type_span(R));
}
decl_head(A) ::= DATABASE(K) POSTGRES(E) IDENT(N). {
    A = ftl_p_decl(ps, FTL_DECL_DATABASE, (FtlVisSpec){0}, &K, &N);
    A->engine = ftl_p_ident(ps, &E);
}
decl_head(A) ::= DATABASE(K) MYSQL(E) IDENT(N). {
    A = ftl_p_decl(ps, FTL_DECL_DATABASE, (FtlVisSpec){0}, &K, &N);
    A->engine = ftl_p_ident(ps, &E);
}
decl(A) ::= vis(V) ENUM(K) IDENT(N) enum_type(T) enum_open variants(L) RBRACE(E). {
    A = ftl_p_decl(ps, FTL_DECL_ENUM, V, &K, &N);
    A->kind_type = T;
    A->variants = (FtlVariant **)ftl_list_take(ps, L);
    A->nvariants_ = L.n;
    ftl_p_decl_end(A, TS(E));
}
decl_head(A) ::= vis(V) TYPEALIAS(K) IDENT(N) type(T). {
    A = ftl_p_decl(ps, FTL_DECL_TYPEALIAS, V, &K, &N);
    A->kind_type = T;
    ftl_p_decl_end(A, ftl_type_span(T));
}
decl(A) ::= CONFIG(K) IDENT(N) type(T). {
    A = ftl_p_decl(ps, FTL_DECL_CONFIG, (FtlVisSpec){0}, &K, &N);
    A->kind_type = T;
    ftl_p_decl_end(A, ftl_type_span(T));
}
decl(A) ::= SECRET(K) IDENT(N) type(T). {
    A = ftl_p_decl(ps, FTL_DECL_SECRET, (FtlVisSpec){0}, &K, &N);
    A->kind_type = T;
    ftl_p_decl_end(A, ftl_type_span(T));
}
decl_head(A) ::= vis(V) TOPIC(K) IDENT(N) type(T). {
    A = ftl_p_decl(ps, FTL_DECL_TOPIC, V, &K, &N);
    A->kind_type = T;
    ftl_p_decl_end(A, ftl_type_span(T));
}

tparams(A) ::= . { A = ftl_list_open(ps); }
tparams(A) ::= LT tplist(L) GT. { A = L; }
tplist(A) ::= IDENT(N). {
    A = ftl_list_open(ps);
    ftl_list_push(ps, &A, ftl_p_tparam(ps, &N), TS(N));
}
tplist(A) ::= tplist(A) COMMA IDENT(N). { ftl_list_push(ps, &A, ftl_p_tparam(ps, &N), TS(N)); }

fields(A) ::= . { A = ftl_list_open(ps); }
/* A field is pushed here, not reduced to a nonterminal of its own first
 * (that reduction, for every field, carried nothing). */
fields(A) ::= fields(A) IDENT(N) type(T). {
    FtlField *f = ftl_p_field(ps, NO_LIST, &N, T, NO_LIST);
    ftl_list_push(ps, &A, f, f->span);
}
fields(A) ::= fields(A) IDENT(N) type(T) metas(M). {
    FtlField *f = ftl_p_field(ps, NO_LIST, &N, T, M);
    ftl_list_push(ps, &A, f, f->span);
}
fields(A) ::= fields(A) comments(C) IDENT(N) type(T). {
    FtlField *f = ftl_p_field(ps, C, &N, T, NO_LIST);
    ftl_list_push(ps, &A, f, f->span);
}
fields(A) ::= fields(A) comments(C) IDENT(N) type(T) metas(M). {
    FtlField *f = ftl_p_field(ps, C, &N, T, M);
    ftl_list_push(ps, &A, f, f->span);
}

/* Marks the body of an enum, for the hint about a variant without a value. */
enum_open ::= LBRACE(B). { ps->enum_body = B.off + 1; }

enum_type(A) ::= . { A = NULL; }
enum_type(A) ::= COLON type(T). { A = T; }

variants(A) ::= . { A = ftl_list_open(ps); }
variants(A) ::= variants(A) variant(V). { ftl_list_push(ps, &A, V, V->span); }
variant(A) ::= IDENT(N) EQ value(V). { A = ftl_p_variant(ps, NO_LIST, &N, V); }
variant(A) ::= comments(C) IDENT(N) EQ value(V). { A = ftl_p_variant(ps, C, &N, V); }
variant(A) ::= IDENT(N) value(V). { A = ftl_p_variant(ps, NO_LIST, &N, V); }
variant(A) ::= comments(C) IDENT(N) value(V). { A = ftl_p_variant(ps, C, &N, V); }
value(A) ::= STRING(S). { A = ftl_p_value(ps, FTL_VAL_STRING, &S, NULL); }
value(A) ::= NUMBER(S). { A = ftl_p_value(ps, FTL_VAL_INT, &S, NULL); }
value(A) ::= type(T). { A = ftl_p_value(ps, FTL_VAL_TYPE, NULL, T); }

/* ---- types ------------------------------------------------------------------- */

/* Primitives, arrays and maps are types themselves, with and without '?': a
 * rule such as type ::= base costs lemon a reduction for every type read, and
 * carries nothing. References are not: the states that read a reference are
 * shared with the references of metadata (+calls), and so are the tokens on
 * which they reduce; a syntax error after a reference in metadata is found,
 * and its expected tokens listed, after that reduction. References written
 * out here would have states of their own, and those messages would change. */
type(A) ::= KW_INT(T). { A = ftl_p_prim(ps, FTL_TY_INT, &T); }
type(A) ::= KW_INT(T) QUESTION(Q). { A = ftl_p_optional(ps, ftl_p_prim(ps, FTL_TY_INT, &T), &Q); }
type(A) ::= KW_FLOAT(T). { A = ftl_p_prim(ps, FTL_TY_FLOAT, &T); }
type(A) ::= KW_FLOAT(T) QUESTION(Q). { A = ftl_p_optional(ps, ftl_p_prim(ps, FTL_TY_FLOAT, &T), &Q); }
type(A) ::= KW_STRING(T). { A = ftl_p_prim(ps, FTL_TY_STRING, &T); }
type(A) ::= KW_STRING(T) QUESTION(Q). { A = ftl_p_optional(ps, ftl_p_prim(ps, FTL_TY_STRING, &T), &Q); }
type(A) ::= KW_BYTES(T). { A = ftl_p_prim(ps, FTL_TY_BYTES, &T); }
type(A) ::= KW_BYTES(T) QUESTION(Q). { A = ftl_p_optional(ps, ftl_p_prim(ps, FTL_TY_BYTES, &T), &Q); }
type(A) ::= KW_BOOL(T). { A = ftl_p_prim(ps, FTL_TY_BOOL, &T); }
type(A) ::= KW_BOOL(T) QUESTION(Q). { A = ftl_p_optional(ps, ftl_p_prim(ps, FTL_TY_BOOL, &T), &Q); }
type(A) ::= KW_TIME(T). { A = ftl_p_prim(ps, FTL_TY_TIME, &T); }
type(A) ::= KW_TIME(T) QUESTION(Q). { A = ftl_p_optional(ps, ftl_p_prim(ps, FTL_TY_TIME, &T), &Q); }
type(A) ::= KW_ANY(T). { A = ftl_p_prim(ps, FTL_TY_ANY, &T); }
type(A) ::= KW_ANY(T) QUESTION(Q). { A = ftl_p_optional(ps, ftl_p_prim(ps, FTL_TY_ANY, &T), &Q); }
type(A) ::= KW_UNIT(T). { A = ftl_p_prim(ps, FTL_TY_UNIT, &T); }
type(A) ::= KW_UNIT(T) QUESTION(Q). { A = ftl_p_optional(ps, ftl_p_prim(ps, FTL_TY_UNIT, &T), &Q); }
/* A reference is a type's node (FtlType, ftl_ref_new): its span is the type's. */
type(A) ::= ref(R). { A = R; }
type(A) ::= ref(R) QUESTION(Q). { A = ftl_p_optional(ps, R, &Q); }
type(A) ::= LBRACKET(L) type(E) RBRACKET(R). {
    A = ftl_p_type2(ps, FTL_TY_ARRAY, ftl_span_join(TS(L), TS(R)), E, NULL);
}
type(A) ::= LBRACKET(L) type(E) RBRACKET(R) QUESTION(Q). {
    A = ftl_p_type2(ps, FTL_TY_ARRAY, ftl_span_join(TS(L), TS(R)), E, NULL);
    A = ftl_p_optional(ps, A, &Q);
}
type(A) ::= LBRACE(L) type(K) COLON type(V) RBRACE(R). {
    A = ftl_p_type2(ps, FTL_TY_MAP, ftl_span_join(TS(L), TS(R)), K, V);
}
type(A) ::= LBRACE(L) type(K) COLON type(V) RBRACE(R) QUESTION(Q). {
    A = ftl_p_type2(ps, FTL_TY_MAP, ftl_span_join(TS(L), TS(R)), K, V);
    A = ftl_p_optional(ps, A, &Q);
}

/* A reference with type arguments starts as a refname, one without is a ref
 * at once (the '<' after the name tells them apart). */
ref(A) ::= IDENT(N). { A = ftl_p_ref(ps, NULL, &N, NULL, 0); }
ref(A) ::= IDENT(M) DOT IDENT(N). { A = ftl_p_ref(ps, &M, &N, NULL, 0); }
ref(A) ::= IDENT(N) AT IDENT(R). { A = ftl_p_ref(ps, NULL, &N, &R, 0); }
ref(A) ::= IDENT(M) DOT IDENT(N) AT IDENT(R). { A = ftl_p_ref(ps, &M, &N, &R, 0); }
/* One type argument is read as a type, not reduced to a typelist first (a
 * reduction per reference with arguments, which carried nothing). */
ref(A) ::= refname(A) LT type(T) GT(G). {
    FtlList l = ftl_list_open(ps);
    ftl_list_push(ps, &l, T, ftl_type_span(T));
    ftl_p_ref_args(ps, A, l, &G);
}
ref(A) ::= refname(A) LT typelist(L) GT(G). { ftl_p_ref_args(ps, A, L, &G); }
refname(A) ::= IDENT(N). { A = ftl_p_ref(ps, NULL, &N, NULL, 1); }
refname(A) ::= IDENT(M) DOT IDENT(N). { A = ftl_p_ref(ps, &M, &N, NULL, 1); }
refname(A) ::= IDENT(N) AT IDENT(R). { A = ftl_p_ref(ps, NULL, &N, &R, 1); }
refname(A) ::= IDENT(M) DOT IDENT(N) AT IDENT(R). { A = ftl_p_ref(ps, &M, &N, &R, 1); }

/* Two type arguments or more. */
typelist(A) ::= type(T) COMMA type(U). {
    A = ftl_list_open(ps);
    ftl_list_push(ps, &A, T, ftl_type_span(T));
    ftl_list_push(ps, &A, U, ftl_type_span(U));
}
typelist(A) ::= typelist(A) COMMA type(T). { ftl_list_push(ps, &A, T, ftl_type_span(T)); }

/* ---- metadata (METADATA in ftl-schema(5)) ---------------------------------------- */

/* One item of metadata or more (NO_LIST where there is none); an item is
 * pushed here, with its '+', not reduced to a nonterminal of its own first. */
metas(A) ::= PLUS(P) meta_body(B). {
    A = ftl_list_open(ps);
    B->span = ftl_span_join(TS(P), B->span);
    ftl_list_push(ps, &A, B, B->span);
}
metas(A) ::= metas(A) PLUS(P) meta_body(B). {
    B->span = ftl_span_join(TS(P), B->span);
    ftl_list_push(ps, &A, B, B->span);
}

reflist(A) ::= ref(R). { A = ftl_list_open(ps); ftl_list_push(ps, &A, R, ftl_ref_span(R)); }
reflist(A) ::= reflist(A) COMMA ref(R). { ftl_list_push(ps, &A, R, ftl_ref_span(R)); }

meta_body(A) ::= CALLS(K) reflist(L). { A = ftl_p_meta(ps, FTL_MD_CALLS, &K); ftl_p_meta_refs(ps, A, L); }
meta_body(A) ::= CONFIG(K) reflist(L). { A = ftl_p_meta(ps, FTL_MD_CONFIG, &K); ftl_p_meta_refs(ps, A, L); }
meta_body(A) ::= SECRETS(K) reflist(L). { A = ftl_p_meta(ps, FTL_MD_SECRETS, &K); ftl_p_meta_refs(ps, A, L); }
meta_body(A) ::= DATABASE(K) USES reflist(L). {
    A = ftl_p_meta(ps, FTL_MD_DATABASES, &K);
    ftl_p_meta_refs(ps, A, L);
}
meta_body(A) ::= PUBLISH(K) reflist(L). { A = ftl_p_meta(ps, FTL_MD_PUBLISH, &K); ftl_p_meta_refs(ps, A, L); }

meta_body(A) ::= SUBSCRIBE(K) ref(R) FROM EQ BEGINNING(E) deadletter(D). {
    A = ftl_p_meta(ps, FTL_MD_SUBSCRIBE, &K);
    A->from = FTL_FROM_BEGINNING;
    A->flag = D.end != 0;
    ftl_meta_alloc_refs(ps->arena, A, 1)[0] = R;
    ftl_p_meta_end(A, D.end ? TS(D) : TS(E));
}
meta_body(A) ::= SUBSCRIBE(K) ref(R) FROM EQ LATEST(E) deadletter(D). {
    A = ftl_p_meta(ps, FTL_MD_SUBSCRIBE, &K);
    A->from = FTL_FROM_LATEST;
    A->flag = D.end != 0;
    ftl_meta_alloc_refs(ps->arena, A, 1)[0] = R;
    ftl_p_meta_end(A, D.end ? TS(D) : TS(E));
}
%type deadletter {FtlTok}
deadletter(A) ::= . { A = (FtlTok){0}; }
deadletter(A) ::= DEADLETTER(A).

/* +retry [COUNT] [MIN [MAX]] [catch REF]: the driver glues a number and an
 * identifier written without space into one DURATION token (WHITE SPACE THAT
 * MATTERS in ftl-schema(5)). */
meta_body(A) ::= RETRY(K) retry_count(C) retry_durs(D) retry_catch(R). {
    A = ftl_p_retry(ps, &K, &C, &D, R);
}
%type retry_durs {FtlRetryDurs}
retry_durs(A) ::= . { A = (FtlRetryDurs){0}; }
retry_durs(A) ::= DURATION(X). { A = (FtlRetryDurs){X.off, X.end, 0, 0}; }
retry_durs(A) ::= DURATION(X) DURATION(Y). { A = (FtlRetryDurs){X.off, X.end, Y.off, Y.end}; }
%type retry_catch {FtlRef *}
retry_catch(A) ::= . { A = NULL; }
retry_catch(A) ::= CATCH ref(R). { A = R; }
%type retry_count {FtlTok}
retry_count(A) ::= . { A = (FtlTok){0}; }
retry_count(A) ::= NUMBER(A).

meta_body(A) ::= CRON(K) CRONTEXT(T). { A = ftl_p_meta(ps, FTL_MD_CRON, &K); ftl_p_cron(ps, A, &T); }

meta_body(A) ::= INGRESS(K) method(M) PATH(P). {
    A = ftl_p_meta(ps, FTL_MD_INGRESS, &K);
    A->ingress_type = "";
    A->method = ftl_p_ident(ps, &M);
    ftl_p_path(ps, A, &P);
}
meta_body(A) ::= INGRESS(K) HTTP method(M) PATH(P). {
    A = ftl_p_meta(ps, FTL_MD_INGRESS, &K);
    A->ingress_type = "http";
    A->method = ftl_p_ident(ps, &M);
    ftl_p_path(ps, A, &P);
}
%type method {FtlTok}
method(A) ::= GET(A).
method(A) ::= POST(A).
method(A) ::= PUT(A).
method(A) ::= DELETE(A).

meta_body(A) ::= ALIAS(K) IDENT(I) STRING(S). {
    A = ftl_p_meta(ps, FTL_MD_ALIAS, &K);
    ftl_p_alias_kind(ps, A, &I);
    A->s1 = ftl_p_string(ps, &S);
    ftl_p_meta_end(A, TS(S));
}
meta_body(A) ::= TYPEMAP(K) runtime(R) STRING(S). {
    A = ftl_p_meta(ps, FTL_MD_TYPEMAP, &K);
    A->s1 = ftl_p_word(ps, &R);
    A->s2 = ftl_p_string(ps, &S);
    ftl_p_meta_end(A, TS(S));
}
%type runtime {FtlTok}
runtime(A) ::= GO(A).
runtime(A) ::= KOTLIN(A).
runtime(A) ::= JAVA(A).

meta_body(A) ::= ENCODING(K) JSON(J). {
    A = ftl_p_meta(ps, FTL_MD_ENCODING, &K);
    A->s1 = ftl_p_word(ps, &J);
    ftl_p_meta_end(A, TS(J));
}
meta_body(A) ::= ENCODING(K) JSON(J) LENIENT(L). {
    A = ftl_p_meta(ps, FTL_MD_ENCODING, &K);
    A->s1 = ftl_p_word(ps, &J);
    A->flag = 1;
    ftl_p_meta_end(A, TS(L));
}
meta_body(A) ::= MIGRATION(K) SHA256KW COLON SHA256(D). {
    A = ftl_p_meta(ps, FTL_MD_MIGRATION, &K);
    A->s1 = ftl_p_word(ps, &D);
    ftl_p_meta_end(A, TS(D));
}
meta_body(A) ::= ARTEFACT(K) STRING(P) STRING(D) executable(X). {
    A = ftl_p_meta(ps, FTL_MD_ARTEFACT, &K);
    A->s1 = ftl_p_string(ps, &P);
    ftl_p_hex_digest(ps, &A->s2, &D);
    A->flag = X.end != 0;
    ftl_p_meta_end(A, X.end ? TS(X) : TS(D));
}
%type executable {FtlTok}
executable(A) ::= . { A = (FtlTok){0}; }
executable(A) ::= EXECUTABLE(A).
meta_body(A) ::= PARTITIONS(K) NUMBER(N). {
    A = ftl_p_meta(ps, FTL_MD_PARTITIONS, &K);
    A->partitions = ftl_p_int(ps, &N);
    ftl_p_meta_end(A, TS(N));
}
meta_body(A) ::= SQL(K) QUERY IDENT(C) STRING(S). {
    A = ftl_p_meta(ps, FTL_MD_SQL_QUERY, &K);
    A->s1 = ftl_p_word(ps, &C);
    A->s2 = ftl_p_string(ps, &S);
    ftl_p_meta_end(A, TS(S));
}
meta_body(A) ::= SQL(K) COLUMN sqlpart(T) DOT sqlpart(N). {
    A = ftl_p_meta(ps, FTL_MD_SQL_COLUMN, &K);
    A->s1 = T.name ? ftl_p_word(ps, &T) : ftl_p_string(ps, &T);
    A->s2 = N.name ? ftl_p_word(ps, &N) : ftl_p_string(ps, &N);
    ftl_p_meta_end(A, TS(N));
}
%type sqlpart {FtlTok}
sqlpart(A) ::= IDENT(A).
sqlpart(A) ::= STRING(A).
meta_body(A) ::= GENERATED(K). { A = ftl_p_meta(ps, FTL_MD_GENERATED, &K); }
meta_body(A) ::= GIT(K) STRING(R) STRING(C) dirty(D). {
    A = ftl_p_meta(ps, FTL_MD_GIT, &K);
    A->s1 = ftl_p_string(ps, &R);
    A->s2 = ftl_p_string(ps, &C);
    A->flag = D.end != 0;
    ftl_p_meta_end(A, D.end ? TS(D) : TS(C));
}
%type dirty {FtlTok}
dirty(A) ::= . { A = (FtlTok){0}; }
dirty(A) ::= DIRTY(A).
meta_body(A) ::= FIXTURE(K). { A = ftl_p_meta(ps, FTL_MD_FIXTURE, &K); }
meta_body(A) ::= FIXTURE(K) MANUAL(M). {
    A = ftl_p_meta(ps, FTL_MD_FIXTURE, &K);
    A->flag = 1;
    ftl_p_meta_end(A, TS(M));
}
meta_body(A) ::= TRANSACTION(K). { A = ftl_p_meta(ps, FTL_MD_TRANSACTION, &K); }
meta_body(A) ::= EGRESS(K) strlist(L). { A = ftl_p_meta(ps, FTL_MD_EGRESS, &K); ftl_p_meta_strs(ps, A, L); }
strlist(A) ::= STRING(S). {
    A = ftl_list_open(ps);
    FtlStr *s = ftl_arena_alloc(ps->arena, sizeof *s);
    *s = ftl_p_string(ps, &S);
    ftl_list_push(ps, &A, s, TS(S));
}
strlist(A) ::= strlist(A) COMMA STRING(S). {
    FtlStr *s = ftl_arena_alloc(ps->arena, sizeof *s);
    *s = ftl_p_string(ps, &S);
    ftl_list_push(ps, &A, s, TS(S));
}
meta_body(A) ::= IMAGE(K) STRING(I) COLON STRING(D). {
    A = ftl_p_meta(ps, FTL_MD_IMAGE, &K);
    A->s1 = ftl_p_string(ps, &I);
    ftl_p_hex_digest(ps, &A->s2, &D);
    ftl_p_meta_end(A, TS(D));
}

%code {
_Static_assert(YYNTOKEN <= FTL_TOKEN_CODES, "the driver's tables by token code have a slot for "
                                            "every token (parse_int.h)");

/* ---- simulating the parser (messages, recovery, keyword tracking) ---------------- */

/* A copy of the parser's state stack that costs nothing until it changes: the
 * real stack's entries below `keep` are shared, entries above it are local.
 * Most questions are answered by the top state alone. */
typedef struct SimStack {
    const yyParser *p;
    int keep, n;
    YYACTIONTYPE local[64];
} SimStack;

static void sim_init(SimStack *s, const yyParser *p)
{
    s->p = p;
    s->keep = (int)(p->yytos - p->yystack) + 1;
    s->n = 0;
}

static YYACTIONTYPE sim_top(const SimStack *s)
{
    return s->n ? s->local[s->n - 1] : s->p->yystack[s->keep - 1].stateno;
}

static int sim_pop(SimStack *s, int k)
{
    if (k <= s->n) {
        s->n -= k;
    } else {
        s->keep -= k - s->n;
        s->n = 0;
    }
    return s->keep + s->n > 0;
}

static int sim_push(SimStack *s, YYACTIONTYPE st)
{
    if (s->n == (int)(sizeof s->local / sizeof s->local[0])) return 0;
    s->local[s->n++] = st;
    return 1;
}

/* The action for look-ahead la in state st, as yy_find_shift_action finds it:
 * a keyword without an action of its own is looked up as IDENT when fallback
 * is allowed, and *via_fallback says so. Messages use fallback = 0: they name
 * the tokens the grammar takes as themselves. */
static YYACTIONTYPE sim_action(int la, YYACTIONTYPE st, int fallback, int *via_fallback)
{
    if (st > YY_MAX_SHIFT) return st;
    int i = yy_shift_ofst[st] + la;
    if (i >= 0 && i < (int)(sizeof yy_lookahead / sizeof yy_lookahead[0]) && yy_lookahead[i] == la)
        return yy_action[i];
    if (fallback && la < (int)(sizeof yyFallback / sizeof yyFallback[0]) && yyFallback[la]) {
        *via_fallback = 1;
        return sim_action(yyFallback[la], st, 0, via_fallback);
    }
    return yy_default[st];
}

/* Feeds tok to the simulated parser: makes the reductions lemon would make
 * until tok is shifted (returns 1, or 2 if it was shifted as IDENT through
 * %fallback) or rejected (returns 0). */
static int sim_shift(SimStack *s, int tok, int fallback)
{
    for (int guard = 0; guard < 4 * YYSTACKDEPTH; guard++) {
        int via = 0;
        YYACTIONTYPE act = sim_action(tok, sim_top(s), fallback, &via);
        if (act >= YY_MIN_REDUCE) {
            unsigned rule = act - YY_MIN_REDUCE;
            if (!sim_pop(s, -yyRuleInfoNRhs[rule])) return 0;
            if (!sim_push(s, yy_find_reduce_action(sim_top(s), (YYCODETYPE)yyRuleInfoLhs[rule])))
                return 0;
        } else if (act <= YY_MAX_SHIFT) {
            return sim_push(s, act) ? 1 + via : 0;
        } else if (act <= YY_MAX_SHIFTREDUCE) {
            /* lemon keeps the pending reduction on the stack, as a reduce action */
            return sim_push(s, (YYACTIONTYPE)(act + YY_MIN_REDUCE - YY_MIN_SHIFTREDUCE)) ? 1 + via
                                                                                        : 0;
        } else {
            return act == YY_ACCEPT_ACTION;
        }
    }
    return 0;
}

/* Would the parser, in its current state, accept token tok as itself (not as
 * IDENT through %fallback)? Used for "expected …" and for recovery. */
int ftl_parser_accepts(void *parser, int tok)
{
    SimStack s;
    sim_init(&s, parser);
    return sim_shift(&s, tok, 0) != 0;
}

/* How the parser would take tok (fallback included): 0 rejected, 1 as itself,
 * 2 as IDENT. */
int ftl_parser_takes(void *parser, int tok)
{
    SimStack s;
    sim_init(&s, parser);
    return sim_shift(&s, tok, 1);
}

/* The state on top of the stack: after a token is fed, the state its shift
 * went to (or the reduction pending after a shift-reduce). */
unsigned ftl_parser_top(void *parser)
{
    return ((yyParser *)parser)->yytos->stateno;
}

/* Was top (from ftl_parser_top) reached by shifting IDENT? Every state, and
 * every shift-reduce, has one symbol that leads to it, so a keyword fed just
 * before was taken as an identifier (%fallback) exactly when that symbol is
 * IDENT. Only asked when a message is written, so a scan of the IDENT column
 * is fine. */
int ftl_parser_shifted_ident(unsigned top)
{
    for (unsigned st = 0; st <= YY_MAX_SHIFT; st++) {
        int i = yy_shift_ofst[st] + TK_IDENT;
        if (i < 0 || i >= (int)(sizeof yy_lookahead / sizeof yy_lookahead[0]) ||
            yy_lookahead[i] != TK_IDENT)
            continue;
        unsigned act = yy_action[i];
        if (act <= YY_MAX_SHIFT ? act == top
                                : act <= YY_MAX_SHIFTREDUCE &&
                                      act + YY_MIN_REDUCE - YY_MIN_SHIFTREDUCE == top)
            return 1;
    }
    return 0;
}

/* Would the parser accept tok1 as itself and then tok2 (fallback included)? */
int ftl_parser_accepts2(void *parser, int tok1, int tok2)
{
    SimStack s;
    sim_init(&s, parser);
    return sim_shift(&s, tok1, 0) && sim_shift(&s, tok2, 1);
}

/* After the driver has resynchronised, report the next error at once rather
 * than lemon's default of staying silent for three tokens. */
void ftl_parser_clear_errors(void *parser)
{
    ((yyParser *)parser)->yyerrcnt = -1;
}
}
