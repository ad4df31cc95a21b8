/* toml_edit.c - edits of a parsed TOML document that keep every byte they do
 * not touch (see toml_edit.h): each edit records the original bytes it
 * replaces and their replacement; apply sorts them and copies the text around
 * them, then parses the result again as a safety net. */
#include "realm/toml_edit.h"
#include "realm/toml_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* ------------------------------------------------------------------------------------ */
/* Editing                                                                              */

typedef enum { OP_REPLACE, OP_INSERT_KEY, OP_REMOVE_TABLE, OP_APPEND_TABLE } OpKind;

struct FtlTomlEditOp {
    OpKind kind;
    size_t start, end; /* original bytes replaced (not used by OP_APPEND_TABLE) */
    char *text;        /* replacement, malloc'd */
    size_t len;
    size_t seq;
    char *key;                 /* INSERT_KEY: the key, malloc'd */
    const FtlTomlTable *table; /* the table concerned (the one removed, for all the
                                  regions of a REMOVE_TABLE) */
};

void ftl_toml_edit_init(FtlTomlEdit *e, const FtlTomlDoc *doc)
{
    memset(e, 0, sizeof *e);
    e->doc = doc;
}

void ftl_toml_edit_free(FtlTomlEdit *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->ops[i].text);
        free(e->ops[i].key);
    }
    free(e->ops);
    memset(e, 0, sizeof *e);
}

static void add_op(FtlTomlEdit *e, OpKind kind, size_t start, size_t end, FtlBuf *text,
                   const FtlTomlTable *t)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 8;
        e->ops = ftl_xrealloc(e->ops, e->cap * sizeof *e->ops);
    }
    FtlTomlEditOp *op = &e->ops[e->n];
    op->kind = kind;
    op->start = start;
    op->end = end;
    op->text = (char *)ftl_buf_cstr(text);
    op->len = text->len;
    op->seq = e->n;
    op->key = NULL;
    op->table = t;
    e->n++;
}

#define NOPOS ((size_t)-1)

/* An editing error, positioned at off in the original text unless off is NOPOS. */
static int edit_fail(const FtlTomlEdit *e, FtlTomlError *err, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int edit_fail(const FtlTomlEdit *e, FtlTomlError *err, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (off == NOPOS)
        ftl_toml_error_at(err, NULL, 0, 0, fmt, ap);
    else
        ftl_toml_error_at(err, e->doc->text, e->doc->len, off, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

static int utf8_ok(const char *s)
{
    /* check_bytes also rejects control characters; those get escaped, so only UTF-8
     * matters here: check a copy with them replaced. */
    size_t n = strlen(s);
    char *copy = ftl_xmalloc(n + 1);
    for (size_t i = 0; i <= n; i++)
        copy[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
    int ok = ftl_toml_valid_utf8(copy, n);
    free(copy);
    return ok;
}

/* The table at path; NULL with *err set when there is none. Its position (that of
 * its header, its `{` or the key that made it; NOPOS for the root) in *pos. */
static FtlTomlTable *edit_table(const FtlTomlEdit *e, const char *path, FtlTomlError *err,
                                size_t *pos)
{
    *pos = NOPOS;
    if (!path || !*path) return e->doc->root;
    FtlArena a;
    ftl_arena_init(&a);
    Key k;
    FtlTomlTable *t = NULL;
    if (ftl_toml_parse_path(&a, path, &k) < 0) {
        edit_fail(e, err, NOPOS, "invalid table path \"%.200s\"", path);
    } else {
        FtlTomlValue *v = ftl_toml_walk(e->doc->root, &k, k.n);
        if (!v)
            edit_fail(e, err, NOPOS, "no table [%.200s]", path);
        else if (v->type != FTL_TOML_TABLE)
            edit_fail(e, err, v->span.start, "\"%.200s\" is not a table", path);
        else
            t = v->table;
        if (t) *pos = v->span.start;
    }
    ftl_arena_free(&a);
    return t;
}

/* Whether t is of or a table under it. */
static int is_descendant(const FtlTomlTable *t, const FtlTomlTable *of)
{
    for (; t; t = t->parent)
        if (t == of) return 1;
    return 0;
}

/* Whether an edit of this kind concerns t or, with above set, a table above t, or,
 * with below set, a table under t. */
static int has_op(const FtlTomlEdit *e, OpKind kind, const FtlTomlTable *t, int above, int below)
{
    for (size_t i = 0; i < e->n; i++) {
        const FtlTomlTable *u = e->ops[i].table;
        if (e->ops[i].kind == kind &&
            (u == t || (above && is_descendant(t, u)) || (below && is_descendant(u, t))))
            return 1;
    }
    return 0;
}

/* Whether an earlier edit changes bytes inside [start, end). */
static int span_taken(const FtlTomlEdit *e, size_t start, size_t end)
{
    for (size_t i = 0; i < e->n; i++) {
        const FtlTomlEditOp *op = &e->ops[i];
        if (op->kind != OP_APPEND_TABLE && op->start < end && start < op->end) return 1;
    }
    return 0;
}

/* Lines, for placing edits. A line is [start, end) with end after its newline (or
 * at the end of the file). */

/* Start of the line that ends at end (end is a line start > 0, or the file's end). */
static size_t prev_line(const FtlTomlDoc *doc, size_t end)
{
    size_t ls = end;
    if (ls > 0 && doc->text[ls - 1] == '\n') ls--;
    while (ls > 0 && doc->text[ls - 1] != '\n')
        ls--;
    return ls;
}

/* Start of the line after the one at ls. */
static size_t next_line(const FtlTomlDoc *doc, size_t ls)
{
    const char *nl = memchr(doc->text + ls, '\n', doc->len - ls);
    return nl ? (size_t)(nl - doc->text) + 1 : doc->len;
}

/* What the line at ls holds: 0 blank, '#' a comment, 1 anything else. */
static int line_kind(const FtlTomlDoc *doc, size_t ls)
{
    while (ls < doc->len && (doc->text[ls] == ' ' || doc->text[ls] == '\t'))
        ls++;
    if (ls >= doc->len || doc->text[ls] == '\n' || doc->text[ls] == '\r') return 0;
    return doc->text[ls] == '#' ? '#' : 1;
}

/* Where the section before header i ends: below it nothing is a comment or blank
 * line that header i could own. */
/* The first line at or after the line start s that is not blank, going no further
 * than limit. */
static size_t skip_blank_lines(const FtlTomlDoc *doc, size_t s, size_t limit)
{
    while (s < limit && line_kind(doc, s) == 0 && next_line(doc, s) <= limit)
        s = next_line(doc, s);
    return s;
}

static size_t bom_len(const FtlTomlDoc *doc)
{
    return doc->len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static size_t section_floor(const FtlTomlDoc *doc, size_t i)
{
    size_t bom = bom_len(doc);
    size_t lo = i ? doc->headers[i - 1]->body.end : doc->root->body.end;
    return lo > bom ? lo : bom;
}

/* Start of the comment lines directly above header i (its header line if none). */
static size_t leading_comments(const FtlTomlDoc *doc, size_t i)
{
    size_t lo = section_floor(doc, i), s = doc->headers[i]->header.start;
    while (s > lo && prev_line(doc, s) >= lo && line_kind(doc, prev_line(doc, s)) == '#')
        s = prev_line(doc, s);
    return s;
}

/* Start of the blank lines directly above the line at s, going no lower than lo. */
static size_t blank_lines_before(const FtlTomlDoc *doc, size_t s, size_t lo)
{
    while (s > lo && prev_line(doc, s) >= lo && line_kind(doc, prev_line(doc, s)) == 0)
        s = prev_line(doc, s);
    return s;
}

/* Whether an add_table edit adds table path.key or a table under it. */
static int appended_under(const FtlTomlEdit *e, const char *path, const char *key)
{
    FtlArena a;
    ftl_arena_init(&a);
    Key k;
    FtlBuf o = {0};
    ftl_buf_put(&o, "[", 1);
    if (ftl_toml_parse_path(&a, path, &k) == 0) {
        for (size_t i = 0; i < k.n; i++) {
            ftl_toml_put_key(&o, k.segs[i].s, k.segs[i].len);
            ftl_buf_put(&o, ".", 1);
        }
    }
    ftl_toml_put_key(&o, key, strlen(key));
    int found = 0;
    for (size_t i = 0; i < e->n && !found; i++) {
        const FtlTomlEditOp *op = &e->ops[i];
        found = op->kind == OP_APPEND_TABLE && op->len > o.len &&
                !memcmp(op->text, o.data, o.len) &&
                (op->text[o.len] == ']' || op->text[o.len] == '.');
    }
    ftl_buf_free(&o);
    ftl_arena_free(&a);
    return found;
}

int ftl_toml_edit_set_string(FtlTomlEdit *e, const char *table_path, const char *key,
                             const char *value, FtlTomlError *err)
{
    const FtlTomlDoc *doc = e->doc;
    size_t tpos;
    FtlTomlTable *t = edit_table(e, table_path, err, &tpos);
    if (!t) return -1;
    if (!utf8_ok(key) || !utf8_ok(value))
        return edit_fail(e, err, NOPOS, "key or value is not valid UTF-8");
    if (has_op(e, OP_REMOVE_TABLE, t, 1, 0))
        return edit_fail(e, err, NOPOS, "table [%.200s] is removed by another edit", table_path);
    const FtlTomlEntry *en = ftl_toml_find_entry(t, key, strlen(key));
    FtlBuf o = {0};
    if (en) {
        const FtlTomlValue *v = en->value;
        if (v->type == FTL_TOML_TABLE || (v->type == FTL_TOML_ARRAY && v->array_of_tables))
            return edit_fail(e, err, en->key_span.start, "\"%.200s\" is a table, not a value", key);
        if (span_taken(e, v->span.start, v->span.end))
            return edit_fail(e, err, en->key_span.start, "\"%.200s\" is changed by another edit",
                             key);
        ftl_toml_put_quoted(&o, value, strlen(value));
        add_op(e, OP_REPLACE, v->span.start, v->span.end, &o, t);
        return 0;
    }
    if (t->kind == FTL_TOML_INLINE)
        return edit_fail(e, err, tpos, "cannot add key \"%.200s\" to an inline table", key);
    if (t->kind != FTL_TOML_ROOT && t->kind != FTL_TOML_HEADER)
        return edit_fail(e, err, NOPOS,
                         "table [%.200s] has no section of its own to add \"%.200s\" to",
                         table_path, key);
    for (size_t i = 0; i < e->n; i++)
        if (e->ops[i].kind == OP_INSERT_KEY && e->ops[i].table == t && !strcmp(e->ops[i].key, key))
            return edit_fail(e, err, NOPOS, "\"%.200s\" is changed by another edit", key);
    if (appended_under(e, table_path, key))
        return edit_fail(e, err, NOPOS, "another edit adds a table [%.200s%s%.200s]",
                         nz(table_path), table_path && *table_path ? "." : "", key);
    size_t pos;
    if (t->body.end > t->body.start) {
        pos = t->body.end;
        size_t i = t->last_line.start;
        while (doc->text[i] == ' ' || doc->text[i] == '\t')
            i++;
        ftl_buf_put(&o, doc->text + t->last_line.start, i - t->last_line.start);
    } else if (t->kind == FTL_TOML_HEADER) {
        pos = t->header.end;
    } else {
        pos = doc->nheaders
                  ? blank_lines_before(doc, leading_comments(doc, 0), section_floor(doc, 0))
                  : doc->len;
    }
    int at_eof_open = pos == doc->len && doc->len > bom_len(doc) && doc->text[doc->len - 1] != '\n';
    FtlBuf line = {0};
    if (at_eof_open) ftl_buf_puts(&line, doc->nl);
    ftl_buf_put(&line, o.data ? o.data : "", o.len);
    ftl_buf_free(&o);
    ftl_toml_put_key(&line, key, strlen(key));
    ftl_buf_puts(&line, " = ");
    ftl_toml_put_quoted(&line, value, strlen(value));
    if (!at_eof_open) ftl_buf_puts(&line, doc->nl);
    add_op(e, OP_INSERT_KEY, pos, pos, &line, t);
    e->ops[e->n - 1].key = ftl_xmalloc(strlen(key) + 1);
    strcpy(e->ops[e->n - 1].key, key);
    return 0;
}

int ftl_toml_edit_remove_key(FtlTomlEdit *e, const char *table_path, const char *key,
                             FtlTomlError *err)
{
    size_t tpos;
    const FtlTomlTable *t = edit_table(e, table_path, err, &tpos);
    if (!t) return -1;
    if (has_op(e, OP_REMOVE_TABLE, t, 1, 0))
        return edit_fail(e, err, NOPOS, "table [%.200s] is removed by another edit", table_path);
    const FtlTomlEntry *en = ftl_toml_find_entry(t, key, strlen(key));
    if (!en && t->kind == FTL_TOML_ROOT)
        return edit_fail(e, err, NOPOS, "no key \"%.200s\" in the root table", key);
    if (!en)
        return edit_fail(e, err, NOPOS, "no key \"%.200s\" in table [%.200s]", key, table_path);
    if (!en->has_line)
        return edit_fail(e, err, en->key_span.start,
                         "cannot remove \"%.200s\": it is not a key/value line of its own", key);
    if (span_taken(e, en->line.start, en->line.end))
        return edit_fail(e, err, en->key_span.start, "\"%.200s\" is changed by another edit", key);
    FtlBuf o = {0};
    add_op(e, OP_REPLACE, en->line.start, en->line.end, &o, t);
    return 0;
}

int ftl_toml_edit_add_table(FtlTomlEdit *e, const char *table_path, const char *const *keys,
                            const char *const *values, size_t n, FtlTomlError *err)
{
    const FtlTomlDoc *doc = e->doc;
    FtlArena a;
    ftl_arena_init(&a);
    Key k;
    int rc = 0;
    if (ftl_toml_parse_path(&a, table_path, &k) < 0 || k.n == 0) {
        rc = edit_fail(e, err, NOPOS, "invalid table path \"%.200s\"", nz(table_path));
        goto done;
    }
    /* The table may exist only as implied by a header under it, or be removed by
     * another edit; nothing on the way may be a value. */
    for (size_t i = 1; i <= k.n && rc == 0; i++) {
        const FtlTomlValue *v = ftl_toml_walk(doc->root, &k, i);
        if (!v) break;
        if (v->type != FTL_TOML_TABLE || v->table->kind == FTL_TOML_INLINE) {
            char name[200];
            ftl_toml_show_key(name, sizeof name, &k, i);
            rc = edit_fail(e, err, v->span.start, "cannot add table [%.200s]: \"%s\" is %s",
                           table_path, name,
                           v->type == FTL_TOML_TABLE ? "an inline table" : "not a table");
        } else if (i == k.n && v->table->kind != FTL_TOML_IMPLICIT &&
                   !has_op(e, OP_REMOVE_TABLE, v->table, 0, 0)) {
            rc = edit_fail(e, err, v->span.start, "table [%.200s] already exists", table_path);
        }
    }
    for (size_t i = 1; i <= k.n && rc == 0; i++) { /* a key another edit adds */
        const FtlTomlTable *parent =
            i == 1 ? doc->root : ftl_toml_as_table(ftl_toml_walk(doc->root, &k, i - 1));
        const KeySeg *seg = &k.segs[i - 1];
        for (size_t j = 0; parent && j < e->n && rc == 0; j++) {
            const FtlTomlEditOp *op = &e->ops[j];
            if (op->kind == OP_INSERT_KEY && op->table == parent && strlen(op->key) == seg->len &&
                !memcmp(op->key, seg->s, seg->len))
                rc = edit_fail(e, err, NOPOS,
                               "cannot add table [%.200s]: another edit adds \"%.200s\" as a key",
                               table_path, op->key);
        }
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!utf8_ok(keys[i]) || !utf8_ok(values[i]))
            rc = edit_fail(e, err, NOPOS, "key or value is not valid UTF-8");
        for (size_t j = 0; j < i && rc == 0; j++)
            if (strcmp(keys[i], keys[j]) == 0)
                rc = edit_fail(e, err, NOPOS, "duplicate key \"%.200s\"", keys[i]);
    }
    if (rc < 0) goto done;
    FtlBuf o = {0};
    ftl_buf_put(&o, "[", 1);
    for (size_t i = 0; i < k.n; i++) {
        if (i) ftl_buf_put(&o, ".", 1);
        ftl_toml_put_key(&o, k.segs[i].s, k.segs[i].len);
    }
    ftl_buf_put(&o, "]", 1);
    ftl_buf_puts(&o, doc->nl);
    for (size_t i = 0; i < e->n; i++) {
        const FtlTomlEditOp *op = &e->ops[i];
        if (op->kind == OP_APPEND_TABLE && op->len >= o.len && !memcmp(op->text, o.data, o.len)) {
            ftl_buf_free(&o);
            rc = edit_fail(e, err, NOPOS, "table [%.200s] is added twice", table_path);
            goto done;
        }
    }
    for (size_t i = 0; i < n; i++) {
        ftl_toml_put_key(&o, keys[i], strlen(keys[i]));
        ftl_buf_puts(&o, " = ");
        ftl_toml_put_quoted(&o, values[i], strlen(values[i]));
        ftl_buf_puts(&o, doc->nl);
    }
    add_op(e, OP_APPEND_TABLE, doc->len, doc->len, &o, NULL);
done:
    ftl_arena_free(&a);
    return rc;
}

int ftl_toml_edit_remove_table(FtlTomlEdit *e, const char *table_path, FtlTomlError *err)
{
    const FtlTomlDoc *doc = e->doc;
    if (!table_path || !*table_path)
        return edit_fail(e, err, NOPOS, "cannot remove the root table");
    size_t tpos;
    const FtlTomlTable *t = edit_table(e, table_path, err, &tpos);
    if (!t) return -1;
    if (t->kind != FTL_TOML_HEADER && t->kind != FTL_TOML_IMPLICIT)
        return edit_fail(e, err, NOPOS, "table [%.200s] has no [header] of its own", table_path);
    if (has_op(e, OP_REMOVE_TABLE, t, 1, 1))
        return edit_fail(e, err, NOPOS, "table [%.200s] is removed by another edit", table_path);
    if (has_op(e, OP_INSERT_KEY, t, 0, 1) || has_op(e, OP_REPLACE, t, 0, 1))
        return edit_fail(e, err, NOPOS, "table [%.200s] is changed by another edit", table_path);
    size_t first = e->n;
    for (size_t i = 0; i < doc->nheaders; i++) {
        const FtlTomlTable *h = doc->headers[i];
        if (!is_descendant(h, t)) continue;
        /* From the comments above the header to those above the next header (less the
         * blank lines before them) or to the end of the file; and the blank lines before
         * it, so that one blank line stays between neighbours (at the start of the file,
         * ftl_toml_edit_apply() drops those after it instead). */
        size_t lo = section_floor(doc, i), start = leading_comments(doc, i);
        size_t end = i + 1 < doc->nheaders ? leading_comments(doc, i + 1) : doc->len;
        while (end < doc->len && end > h->body.end && prev_line(doc, end) >= h->body.end &&
               line_kind(doc, prev_line(doc, end)) == 0)
            end = prev_line(doc, end);
        start = blank_lines_before(doc, start, lo);
        if (e->n > first && e->ops[e->n - 1].end >= start) { /* adjoins the previous one */
            if (end > e->ops[e->n - 1].end) e->ops[e->n - 1].end = end;
            continue;
        }
        FtlBuf o = {0};
        add_op(e, OP_REMOVE_TABLE, start, end, &o, t);
    }
    return 0;
}

static int op_cmp(const void *a, const void *b)
{
    const FtlTomlEditOp *x = *(const FtlTomlEditOp *const *)a;
    const FtlTomlEditOp *y = *(const FtlTomlEditOp *const *)b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

char *ftl_toml_edit_apply(const FtlTomlEdit *e, size_t *len, FtlTomlError *err)
{
    const FtlTomlDoc *doc = e->doc;
    const FtlTomlEditOp **ops = ftl_xmalloc((e->n ? e->n : 1) * sizeof *ops);
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++)
        if (e->ops[i].kind != OP_APPEND_TABLE) ops[n++] = &e->ops[i];
    qsort(ops, n, sizeof *ops, op_cmp);
    FtlBuf o = {0};
    ftl_buf_put(&o, "", 0);
    size_t cur = 0, bom = bom_len(doc);
    int prev_del = 0, strip = 0;
    for (size_t i = 0; i < n; i++) {
        const FtlTomlEditOp *op = ops[i];
        int del = op->len == 0 && op->start < op->end;
        if (del && prev_del && op->start <= cur) {
            /* removals may touch or overlap (removed neighbours share blank lines) */
            if (op->end > cur) cur = op->end;
            continue;
        }
        if (op->start < cur) { /* nothing else may: the edit functions see to that */
            free(ops);
            ftl_buf_free(&o);
            edit_fail(e, err, op->start, "two edits change the same bytes");
            return NULL;
        }
        if (strip) cur = skip_blank_lines(doc, cur, op->start);
        ftl_buf_put(&o, doc->text + cur, op->start - cur);
        ftl_buf_put(&o, op->text, op->len);
        /* a removal that leaves the file empty so far takes the blank lines after it */
        strip = del && o.len == op->start && op->start <= bom;
        cur = op->end;
        prev_del = del;
    }
    if (strip) cur = skip_blank_lines(doc, cur, doc->len);
    ftl_buf_put(&o, doc->text + cur, doc->len - cur);
    free(ops);
    for (size_t i = 0; i < e->n; i++) {
        const FtlTomlEditOp *op = &e->ops[i];
        if (op->kind != OP_APPEND_TABLE) continue;
        int empty = o.len == 0 || (o.len == 3 && memcmp(o.data, "\xEF\xBB\xBF", 3) == 0);
        if (!empty) {
            if (o.data[o.len - 1] != '\n') ftl_buf_puts(&o, doc->nl);
            /* is the last line blank? */
            size_t j = o.len - 1;
            if (j > 0 && o.data[j - 1] == '\r') j--;
            while (j > 0 && (o.data[j - 1] == ' ' || o.data[j - 1] == '\t'))
                j--;
            if (j > 0 && o.data[j - 1] != '\n') ftl_buf_puts(&o, doc->nl);
        }
        ftl_buf_put(&o, op->text, op->len);
    }
    FtlTomlError perr;
    FtlTomlDoc *check = ftl_toml_parse(o.data, o.len, &perr);
    if (!check) {
        if (err) {
            *err = perr;
            snprintf(err->message, sizeof err->message,
                     "the edited file would not be valid TOML: %d:%d: %.200s", perr.line,
                     perr.column, perr.message);
        }
        ftl_buf_free(&o);
        return NULL;
    }
    ftl_toml_free(check);
    if (len) *len = o.len;
    return o.data;
}
