/* test_text.c - editor buffers (src/lsp/text.c): line tables for "\n", "\r\n"
 * and "\r", positions in UTF-16 and UTF-8 after emoji and CJK text, and the
 * open documents' full and incremental changes (src/lsp/docs.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "lsp/docs.h"
#include "lsp/text.h"

/* "é" is 2 bytes, 1 unit; "中" 3 bytes, 1 unit; "😀" 4 bytes, 2 UTF-16 units. */
#define SAMPLE                                                                                     \
    "a\xC3\xA9"                                                                                    \
    "b\n\xE4\xB8\xAD\xF0\x9F\x98\x80x\r\ny\rz"

static void test_lines(void **state)
{
    (void)state;
    LspText t = {0};
    assert_int_equal(lsp_text_set(&t, SAMPLE, strlen(SAMPLE)), 0);
    assert_int_equal(t.nlines, 4);
    assert_int_equal(t.lines[1], 5);  /* after "a\u00e9b\n" */
    assert_int_equal(t.lines[2], 15); /* after "\r\n" */
    assert_int_equal(t.lines[3], 17); /* after a lone "\r" */
    lsp_text_free(&t);
    assert_int_equal(lsp_text_set(&t, "", 0), 0);
    assert_int_equal(t.nlines, 1);
    assert_int_equal(t.len, 0);
    assert_string_equal(t.data, "");
    lsp_text_free(&t);
}

static size_t offset_of(const LspText *t, uint32_t line, uint32_t ch, LspEncoding enc)
{
    size_t off = 999;
    assert_int_equal(lsp_text_offset(t, line, ch, enc, &off), 0);
    return off;
}

static void test_offsets_utf16(void **state)
{
    (void)state;
    LspText t = {0};
    assert_int_equal(lsp_text_set(&t, SAMPLE, strlen(SAMPLE)), 0);
    assert_int_equal(offset_of(&t, 0, 2, LSP_ENC_UTF16), 3);   /* after "é" */
    assert_int_equal(offset_of(&t, 1, 1, LSP_ENC_UTF16), 8);   /* after "中" */
    assert_int_equal(offset_of(&t, 1, 3, LSP_ENC_UTF16), 12);  /* after the emoji */
    assert_int_equal(offset_of(&t, 1, 2, LSP_ENC_UTF16), 8);   /* inside it: its start */
    assert_int_equal(offset_of(&t, 1, 4, LSP_ENC_UTF16), 13);  /* the line's end, before \r\n */
    assert_int_equal(offset_of(&t, 1, 99, LSP_ENC_UTF16), 13); /* past it: clamped */
    assert_int_equal(offset_of(&t, 3, 1, LSP_ENC_UTF16), 18);
    size_t off;
    assert_int_equal(lsp_text_offset(&t, 4, 0, LSP_ENC_UTF16, &off), -1);
    lsp_text_free(&t);
}

static void test_offsets_utf8(void **state)
{
    (void)state;
    LspText t = {0};
    assert_int_equal(lsp_text_set(&t, SAMPLE, strlen(SAMPLE)), 0);
    assert_int_equal(offset_of(&t, 0, 3, LSP_ENC_UTF8), 3);
    assert_int_equal(offset_of(&t, 0, 2, LSP_ENC_UTF8), 1); /* inside "é": its start */
    assert_int_equal(offset_of(&t, 1, 7, LSP_ENC_UTF8), 12);
    lsp_text_free(&t);
}

static void position_is(const LspText *t, size_t off, LspEncoding enc, uint32_t line, uint32_t ch)
{
    uint32_t l = 99, c = 99;
    lsp_text_position(t, off, enc, &l, &c);
    assert_int_equal(l, line);
    assert_int_equal(c, ch);
}

static void test_positions(void **state)
{
    (void)state;
    LspText t = {0};
    assert_int_equal(lsp_text_set(&t, SAMPLE, strlen(SAMPLE)), 0);
    position_is(&t, 12, LSP_ENC_UTF16, 1, 3);
    position_is(&t, 12, LSP_ENC_UTF8, 1, 7);
    position_is(&t, 3, LSP_ENC_UTF16, 0, 2);
    position_is(&t, 17, LSP_ENC_UTF16, 3, 0);
    position_is(&t, 1000, LSP_ENC_UTF16, 3, 1); /* clamped to the end */
    lsp_text_free(&t);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* A stray continuation byte and a truncated sequence count a unit each. */
    LspText t = {0};
    const char bad[] = "\x80"
                       "a\xE4\xB8";
    assert_int_equal(lsp_text_set(&t, bad, 4), 0);
    assert_int_equal(lsp_text_units(t.data, t.len, LSP_ENC_UTF16), 4);
    assert_int_equal(offset_of(&t, 0, 2, LSP_ENC_UTF16), 2);
    lsp_text_free(&t);
}

static void test_replace(void **state)
{
    (void)state;
    LspText t = {0};
    assert_int_equal(lsp_text_set(&t, "one\ntwo\n", 8), 0);
    assert_int_equal(lsp_text_replace(&t, 4, 7, "2\n2b", 4), 0);
    assert_string_equal(t.data, "one\n2\n2b\n");
    assert_int_equal(t.nlines, 4);
    assert_int_equal(lsp_text_replace(&t, 0, t.len, "", 0), 0);
    assert_string_equal(t.data, "");
    assert_int_equal(t.nlines, 1);
    lsp_text_free(&t);
}

/* ---- documents ------------------------------------------------------------------ */

static void apply(LspDoc *doc, const char *change_json, LspEncoding enc, int want)
{
    json_error_t e;
    json_t *c = json_loads(change_json, 0, &e);
    assert_non_null(c);
    const char *err = NULL;
    assert_int_equal(lsp_doc_apply(doc, c, enc, &err), want);
    if (want != 0) assert_non_null(err);
    json_decref(c);
}

static void test_docs_incremental(void **state)
{
    (void)state;
    LspDocs d = {0};
    const char *err;
    LspDoc *doc =
        lsp_docs_open(&d, "file:///w/a%20b.ftl", 1, "module \xF0\x9F\x98\x80 {}\n", 15, &err);
    assert_non_null(doc);
    assert_string_equal(doc->path, "/w/a b.ftl");
    assert_ptr_equal(lsp_docs_find_path(&d, "/w/a b.ftl"), doc);
    /* Insert after the emoji (UTF-16 character 9), then replace it. */
    apply(doc,
          "{\"range\": {\"start\": {\"line\": 0, \"character\": 9}, "
          "\"end\": {\"line\": 0, \"character\": 9}}, \"text\": \"x\"}",
          LSP_ENC_UTF16, 0);
    assert_string_equal(doc->text.data, "module \xF0\x9F\x98\x80x {}\n");
    apply(doc,
          "{\"range\": {\"start\": {\"line\": 0, \"character\": 7}, "
          "\"end\": {\"line\": 0, \"character\": 10}}, \"text\": \"m\\nn\"}",
          LSP_ENC_UTF16, 0);
    assert_string_equal(doc->text.data, "module m\nn {}\n");
    assert_int_equal(doc->text.nlines, 3);
    /* A whole-text change, then bad ones that change nothing. */
    apply(doc, "{\"text\": \"module b {}\"}", LSP_ENC_UTF16, 0);
    apply(doc,
          "{\"range\": {\"start\": {\"line\": 5, \"character\": 0}, "
          "\"end\": {\"line\": 5, \"character\": 0}}, \"text\": \"x\"}",
          LSP_ENC_UTF16, -1);
    apply(doc, "{\"range\": {\"start\": {\"line\": 0}}, \"text\": \"x\"}", LSP_ENC_UTF16, -1);
    apply(doc,
          "{\"range\": {\"start\": {\"line\": 0, \"character\": 0}, "
          "\"end\": {\"line\": 0, \"character\": 1}}}",
          LSP_ENC_UTF16, -1);
    assert_string_equal(doc->text.data, "module b {}");
    /* UTF-8 columns count bytes. */
    apply(doc,
          "{\"range\": {\"start\": {\"line\": 0, \"character\": 7}, "
          "\"end\": {\"line\": 0, \"character\": 8}}, \"text\": \"\xC3\xA9\"}",
          LSP_ENC_UTF8, 0);
    assert_string_equal(doc->text.data, "module \xC3\xA9 {}");
    lsp_docs_close(&d, doc);
    assert_null(lsp_docs_find(&d, "file:///w/a%20b.ftl"));
    lsp_docs_free(&d);
}

static void test_docs_reopen_and_bad_uri(void **state)
{
    (void)state;
    LspDocs d = {0};
    const char *err = NULL;
    assert_null(lsp_docs_open(&d, "untitled:Untitled-1", 1, "", 0, &err));
    assert_string_equal(err, "not a file URI");
    LspDoc *a = lsp_docs_open(&d, "file:///a.ftl", 1, "x", 1, &err);
    LspDoc *b = lsp_docs_open(&d, "file:///a.ftl", 7, "yy", 2, &err);
    assert_ptr_equal(a, b);
    assert_int_equal(d.n, 1);
    assert_int_equal(b->version, 7);
    assert_string_equal(b->text.data, "yy");
    lsp_docs_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_offsets_utf16),
        cmocka_unit_test(test_offsets_utf8),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_replace),
        cmocka_unit_test(test_docs_incremental),
        cmocka_unit_test(test_docs_reopen_and_bad_uri),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
