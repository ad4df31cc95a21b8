/* test_sha256.c - SHA-256 against the FIPS 180-4 / NIST examples, lengths around
 * the padding boundaries (checked with sha256sum), and incremental hashing in
 * every chunking. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sha256.h"

static void expect_hex(const void *data, size_t len, const char *want)
{
    char hex[FTL_SHA256_HEX];
    ftl_sha256_hex(data, len, hex);
    assert_string_equal(hex, want);
}

static void to_hex(const unsigned char d[FTL_SHA256_LEN], char out[FTL_SHA256_HEX])
{
    for (int i = 0; i < FTL_SHA256_LEN; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf", SHA2 additional examples). */
static void test_nist_vectors(void **state)
{
    (void)state;
    expect_hex("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect_hex("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    expect_hex(m448, strlen(m448),
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                       "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    expect_hex(m896, strlen(m896),
               "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    expect_hex("The quick brown fox jumps over the lazy dog", 43,
               "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
}

static void test_million_a(void **state)
{
    (void)state;
    char *a = malloc(1000000);
    assert_non_null(a);
    memset(a, 'a', 1000000);
    expect_hex(a, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
}

/* The padding needs a second block from 56 bytes (mod 64) on. */
static void test_padding_boundaries(void **state)
{
    (void)state;
    static const struct {
        size_t n;
        const char *hex;
    } cases[] = {
        {55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
        {56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
        {57, "ae14a2563ccf969d99aca69ce6bb74981f734bbf9f655f73b8f06db68cab5217"},
        {63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
        {64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
        {65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"},
        {119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"},
        {120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"},
        {128, "24da1b81d0b16df6428eee73c69fcb2a93c76bc6df706f0c6670fe6bfe800464"},
    };
    char x[128];
    memset(x, 'x', sizeof x);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_hex(x, cases[i].n, cases[i].hex);
}

static void test_binary_bytes(void **state)
{
    (void)state;
    expect_hex("\x00\xff\x80"
               "binary",
               9, "9d24659a5909033d191df82133169133d8a461bf114b3b495fff9bcdf1dd08e7");
}

/* Feeding the same bytes in pieces of any size gives the same digest. */
static void test_incremental(void **state)
{
    (void)state;
    unsigned char data[300];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7 + 3);
    char whole[FTL_SHA256_HEX], parts[FTL_SHA256_HEX];
    ftl_sha256_hex(data, sizeof data, whole);
    for (size_t step = 1; step <= 130; step++) {
        FtlSha256 c;
        unsigned char d[FTL_SHA256_LEN];
        ftl_sha256_init(&c);
        for (size_t off = 0; off < sizeof data; off += step)
            ftl_sha256_update(&c, data + off, off + step <= sizeof data ? step : sizeof data - off);
        ftl_sha256_final(&c, d);
        to_hex(d, parts);
        if (strcmp(whole, parts) != 0) fail_msg("chunks of %zu: %s != %s", step, parts, whole);
    }
}

/* Empty updates change nothing. */
static void test_empty_updates(void **state)
{
    (void)state;
    FtlSha256 c;
    unsigned char d[FTL_SHA256_LEN];
    char hex[FTL_SHA256_HEX];
    ftl_sha256_init(&c);
    ftl_sha256_update(&c, "", 0);
    ftl_sha256_update(&c, "ab", 2);
    ftl_sha256_update(&c, "", 0);
    ftl_sha256_update(&c, "c", 1);
    ftl_sha256_final(&c, d);
    to_hex(d, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nist_vectors),       cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_padding_boundaries), cmocka_unit_test(test_binary_bytes),
        cmocka_unit_test(test_incremental),        cmocka_unit_test(test_empty_updates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
