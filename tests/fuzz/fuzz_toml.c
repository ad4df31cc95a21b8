/* fuzz_toml.c - the TOML reader and editor (toml.h) that ftlc uses for
 * ftl-project.toml: ftl_toml_parse, then every accessor on every value, lookups
 * by path, positions, quoting, and edits.
 *
 * Properties (toml.h):
 *   - every key of a table reachable from the root by table keys is found again by
 *     ftl_toml_get(root, its dotted path) and by ftl_toml_entry();
 *   - ftl_toml_quote(s) is a basic string that reads back as s;
 *   - an edit the editor accepts applies (the result parses) and does what it
 *     says: set_string sets, remove_key removes, add_table adds, remove_table
 *     removes; all accepted edits of one FtlTomlEdit apply together. */
#include "fuzz.h"

#include "realm/toml_edit.h"

#include <stdlib.h>
#include <string.h>

/* Bounds: paths deeper than this are not followed, and at most this many edits
 * are tried per input (each one parses the document again). */
#define MAX_DEPTH 32
#define MAX_EDITS 12

static const char NEW_VALUE[] = "fuzz \"v\"\\\n\x01\xc3\xa9";

typedef struct Walk {
    const FtlTomlDoc *doc;
    const char *segs[MAX_DEPTH + 1];
    size_t nsegs;
    unsigned edits;
    FtlTomlEdit all; /* every accepted edit, applied together at the end */
    unsigned nall;
} Walk;

static void touch_value(const FtlTomlDoc *doc, const FtlTomlValue *v, int depth);

static void touch_table(const FtlTomlDoc *doc, const FtlTomlTable *t, int depth)
{
    int line, col;
    ftl_toml_position(doc, t->header.start, &line, &col);
    ftl_toml_position(doc, t->body.end, &line, &col);
    for (const FtlTomlEntry *e = t->first; e; e = e->next) {
        ftl_toml_position(doc, e->key_span.start, &line, &col);
        if (e->has_line) ftl_toml_position(doc, e->line.end, &line, &col);
        touch_value(doc, e->value, depth + 1);
    }
}

/* Every accessor on v and everything under it (arrays of tables included). */
static void touch_value(const FtlTomlDoc *doc, const FtlTomlValue *v, int depth)
{
    if (!v || depth > FTL_TOML_MAX_DEPTH + MAX_DEPTH) return;
    size_t len;
    int64_t i;
    double d;
    int b, line, col;
    (void)ftl_toml_type_name(v->type);
    ftl_toml_position(doc, v->span.start, &line, &col);
    ftl_toml_position(doc, v->span.end, &line, &col);
    const char *s = ftl_toml_as_string(v, &len);
    (void)ftl_toml_as_int(v, &i);
    (void)ftl_toml_as_float(v, &d);
    (void)ftl_toml_as_bool(v, &b);
    if (s && v->type == FTL_TOML_STRING) {
        /* quoting: `k = <quoted>` reads back as the same bytes */
        char *q = ftl_toml_quote(s, len);
        size_t qn = strlen(q);
        char *line_text = malloc(qn + 5);
        if (line_text) {
            memcpy(line_text, "k = ", 4);
            memcpy(line_text + 4, q, qn + 1);
            FtlTomlError err;
            FtlTomlDoc *back = ftl_toml_parse(line_text, qn + 4, &err);
            FTL_FUZZ_CHECK(back != NULL, "ftl_toml_quote() gives a valid basic string");
            size_t blen;
            const char *bs = ftl_toml_as_string(ftl_toml_get(ftl_toml_root(back), "k"), &blen);
            FTL_FUZZ_CHECK(bs && blen == len && memcmp(bs, s, len) == 0,
                           "ftl_toml_quote() reads back as the string quoted");
            ftl_toml_free(back);
            free(line_text);
        }
        free(q);
    }
    size_t n = ftl_toml_array_len(v);
    for (size_t k = 0; k < n; k++)
        touch_value(doc, ftl_toml_array_at(v, k), depth + 1);
    (void)ftl_toml_array_at(v, n); /* out of range: NULL */
    const FtlTomlTable *t = ftl_toml_as_table(v);
    if (t) touch_table(doc, t, depth + 1);
}

/* The dotted path of w's segments (NULL for the root); malloc'd. */
static char *path_of(const Walk *w)
{
    return w->nsegs ? ftl_toml_path(w->segs, w->nsegs) : NULL;
}

/* Applies one edit; the result must parse. Returns the new document. */
static FtlTomlDoc *apply(FtlTomlEdit *e, const char *what)
{
    FtlTomlError err;
    size_t len;
    char *text = ftl_toml_edit_apply(e, &len, &err);
    FTL_FUZZ_CHECK(text != NULL, what);
    FtlTomlDoc *doc = ftl_toml_parse(text, len, &err);
    FTL_FUZZ_CHECK(doc != NULL, "the text ftl_toml_edit_apply() returns parses");
    free(text);
    return doc;
}

static void edit_key(Walk *w, const char *tpath, const FtlTomlEntry *e)
{
    FtlTomlError err;
    FtlTomlEdit ed;
    int is_value = e->value->type != FTL_TOML_TABLE &&
                   !(e->value->type == FTL_TOML_ARRAY && e->value->array_of_tables);
    /* set_string on the existing key */
    ftl_toml_edit_init(&ed, w->doc);
    if (ftl_toml_edit_set_string(&ed, tpath, e->key, NEW_VALUE, &err) == 0) {
        FtlTomlDoc *d2 = apply(&ed, "an accepted set_string applies");
        const FtlTomlTable *t2 = ftl_toml_table(d2, tpath);
        size_t len;
        const FtlTomlEntry *e2 = t2 ? ftl_toml_entry(t2, e->key) : NULL;
        const char *s = e2 ? ftl_toml_as_string(e2->value, &len) : NULL;
        FTL_FUZZ_CHECK(s && len == strlen(NEW_VALUE) && memcmp(s, NEW_VALUE, len) == 0,
                       "set_string sets the key");
        ftl_toml_free(d2);
        if (w->edits % 3 == 0 &&
            ftl_toml_edit_set_string(&w->all, tpath, e->key, NEW_VALUE, &err) == 0)
            w->nall++;
    }
    ftl_toml_edit_free(&ed);
    /* remove_key */
    ftl_toml_edit_init(&ed, w->doc);
    if (ftl_toml_edit_remove_key(&ed, tpath, e->key, &err) == 0) {
        FtlTomlDoc *d2 = apply(&ed, "an accepted remove_key applies");
        const FtlTomlTable *t2 = ftl_toml_table(d2, tpath);
        if (is_value)
            FTL_FUZZ_CHECK(!t2 || !ftl_toml_entry(t2, e->key), "remove_key removes the key");
        ftl_toml_free(d2);
        if (w->edits % 3 == 1 && ftl_toml_edit_remove_key(&w->all, tpath, e->key, &err) == 0)
            w->nall++;
    }
    ftl_toml_edit_free(&ed);
    w->edits++;
}

static void edit_table(Walk *w, const char *tpath, const FtlTomlTable *t)
{
    FtlTomlError err;
    FtlTomlEdit ed;
    /* a new key */
    ftl_toml_edit_init(&ed, w->doc);
    if (ftl_toml_edit_set_string(&ed, tpath, "fuzz-new", "x", &err) == 0) {
        FtlTomlDoc *d2 = apply(&ed, "an accepted set_string of a new key applies");
        const FtlTomlTable *t2 = ftl_toml_table(d2, tpath);
        const char *s = t2 ? ftl_toml_as_string(ftl_toml_get(t2, "fuzz-new"), NULL) : NULL;
        FTL_FUZZ_CHECK(s && strcmp(s, "x") == 0, "set_string adds the key");
        ftl_toml_free(d2);
    }
    ftl_toml_edit_free(&ed);
    /* remove_table */
    if (tpath) {
        ftl_toml_edit_init(&ed, w->doc);
        if (ftl_toml_edit_remove_table(&ed, tpath, &err) == 0) {
            FtlTomlDoc *d2 = apply(&ed, "an accepted remove_table applies");
            FTL_FUZZ_CHECK(!ftl_toml_table(d2, tpath), "remove_table removes the table");
            ftl_toml_free(d2);
            if (w->edits % 2 == 0 && ftl_toml_edit_remove_table(&w->all, tpath, &err) == 0)
                w->nall++;
        }
        ftl_toml_edit_free(&ed);
    }
    /* add_table under it */
    const char *segs[MAX_DEPTH + 2];
    memcpy(segs, w->segs, w->nsegs * sizeof *segs);
    segs[w->nsegs] = "fuzz.new";
    char *npath = ftl_toml_path(segs, w->nsegs + 1);
    const char *keys[] = {"a", "b c"}, *values[] = {"1", "\"2\""};
    ftl_toml_edit_init(&ed, w->doc);
    if (ftl_toml_edit_add_table(&ed, npath, keys, values, 2, &err) == 0) {
        FtlTomlDoc *d2 = apply(&ed, "an accepted add_table applies");
        const FtlTomlTable *t2 = ftl_toml_table(d2, npath);
        FTL_FUZZ_CHECK(t2 != NULL, "add_table adds the table");
        const FtlTomlEntry *e2 = ftl_toml_entry(t2, "b c");
        const char *s = e2 ? ftl_toml_as_string(e2->value, NULL) : NULL;
        FTL_FUZZ_CHECK(s && strcmp(s, "\"2\"") == 0, "add_table adds the keys");
        ftl_toml_free(d2);
    }
    ftl_toml_edit_free(&ed);
    free(npath);
    (void)t;
    w->edits++;
}

/* Tables reachable by path: lookups, then edits (while the budget lasts). */
static void walk_table(Walk *w, const FtlTomlTable *t)
{
    const FtlTomlTable *root = ftl_toml_root(w->doc);
    char *tpath = path_of(w);
    FTL_FUZZ_CHECK(ftl_toml_table(w->doc, tpath) == t,
                   "ftl_toml_table() finds a table by its path");
    for (const FtlTomlEntry *e = t->first; e; e = e->next) {
        if (strlen(e->key) != e->key_len) continue; /* a NUL in the key: no path names it */
        FTL_FUZZ_CHECK(ftl_toml_entry(t, e->key) == e, "ftl_toml_entry() finds a key");
        w->segs[w->nsegs] = e->key;
        char *p = ftl_toml_path(w->segs, w->nsegs + 1);
        FTL_FUZZ_CHECK(ftl_toml_get(root, p) == e->value, "ftl_toml_get() finds a key by its path");
        free(p);
        if (w->edits < MAX_EDITS) edit_key(w, tpath, e);
        if (e->value->type == FTL_TOML_TABLE && w->nsegs < MAX_DEPTH) {
            w->nsegs++;
            walk_table(w, e->value->table);
            w->nsegs--;
        }
    }
    if (w->edits < MAX_EDITS) edit_table(w, tpath, t);
    free(tpath);
}

int ftl_fuzz_toml(const uint8_t *data, size_t size)
{
    if (size > FTL_FUZZ_MAX_INPUT) return 0;
    FtlTomlError err;
    FtlTomlDoc *doc = ftl_toml_parse((const char *)data, size, &err);
    if (!doc) return 0;
    size_t len;
    const char *text = ftl_toml_text(doc, &len);
    FTL_FUZZ_CHECK(len == size && memcmp(text, data, size) == 0, "the document keeps the text");
    const FtlTomlTable *root = ftl_toml_root(doc);
    touch_table(doc, root, 0);
    (void)ftl_toml_get(root, "a.\"b\".c");
    (void)ftl_toml_get(root, "not a [path");

    Walk w;
    memset(&w, 0, sizeof w);
    w.doc = doc;
    ftl_toml_edit_init(&w.all, doc);
    walk_table(&w, root);
    if (w.nall) {
        FtlTomlDoc *d2 = apply(&w.all, "accepted edits apply together");
        ftl_toml_free(d2);
    }
    ftl_toml_edit_free(&w.all);
    ftl_toml_free(doc);
    return 0;
}

#ifndef FTL_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ftl_fuzz_toml(data, size);
}
#endif
