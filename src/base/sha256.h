/* sha256.h - SHA-256 (FIPS 180-4), for the integrity of cached realm schemas
 * (schema-sha256 in ftl-project.toml(5)).
 *
 *   char hex[FTL_SHA256_HEX];
 *   ftl_sha256_hex(data, len, hex);   // 64 lower-case hex digits and a NUL
 */
#ifndef FTLC_SHA256_H
#define FTLC_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define FTL_SHA256_LEN 32
#define FTL_SHA256_HEX 65 /* 64 digits and a NUL */

typedef struct FtlSha256 {
    uint32_t h[8];
    uint64_t total; /* bytes hashed so far */
    unsigned char block[64];
    size_t fill; /* bytes waiting in block */
} FtlSha256;

void ftl_sha256_init(FtlSha256 *c);
void ftl_sha256_update(FtlSha256 *c, const void *data, size_t len);
void ftl_sha256_final(FtlSha256 *c, unsigned char out[FTL_SHA256_LEN]);

/* The digest of len bytes as lower-case hex. */
void ftl_sha256_hex(const void *data, size_t len, char out[FTL_SHA256_HEX]);

#endif
