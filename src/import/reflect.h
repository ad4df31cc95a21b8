/* reflect.h - a gRPC server reflection client (gRPC's C core): the services a
 * server offers and the file descriptors that define them.
 *
 * Only the helper program ftlc-grpc-reflect (reflect_main.c) links the client:
 * ftlc runs that program (reflect_run.h), so that no other command loads gRPC
 * and the libraries it needs. FtlGrpcTarget is what both sides share.
 *
 * It speaks grpc.reflection.v1.ServerReflection and, when the server does not
 * implement it, grpc.reflection.v1alpha.ServerReflection (the same messages
 * under another service name; grpc/reflection/v1alpha/reflection.proto). One
 * bidirectional stream carries every request: the list of services, the file
 * that defines each service wanted (with the files it depends on), then any
 * dependency still missing, by file name.
 */
#ifndef FTLC_REFLECT_H
#define FTLC_REFLECT_H

#include "base/buf.h"
#include "base/diag.h"
#include "import/descset.h"

typedef struct FtlGrpcTarget {
    const char *address;        /* HOST:PORT (any target gRPC takes) */
    int plaintext;              /* no TLS */
    const char *cacert_file;    /* a file of PEM roots to trust instead of the system's */
    const char *cacert;         /* its text (the helper reads it), or NULL */
    const char *const *headers; /* "key: value", sent with the call */
    int nheaders;
    int timeout; /* seconds for the whole exchange */
} FtlGrpcTarget;

/* Services a server lists that are not imported unless asked for by name
 * (reflect_run.c: the helper and the fuzz target use it). */
int ftl_reflect_is_infrastructure(const char *service);

/* Checks a server address given as HOST:PORT (an IPv6 host in brackets:
 * [::1]:50051), or as a gRPC target with a scheme (dns:, ipv4:, ipv6:, unix:,
 * unix-abstract:; gRPC's doc/naming.md), which is passed on as written.
 * Returns 0, or -1 with the reason in err: without it gRPC's resolver quietly
 * reads "127.0.0.1" as port 0 and "127.0.0.1:99999" as port 34463 (the number
 * modulo 65536). */
int ftl_reflect_check_address(const char *address, char *err, size_t errsz);

/* Fetches into p the files that define the services named (all the server lists
 * but the reflection and health services when nservices is 0) and what they
 * depend on; appends each file added to p, as the server sent it, to set as a
 * FileDescriptorSet's field 'file'. *chosen (in p's arena) receives the
 * services' full names, sorted.
 * Returns 0, or -1 after reporting why (E0630-E0635, no position): an
 * unreachable server, a TLS failure, a timeout, no reflection service, a service
 * it does not list, or an answer that is not what the protocol says. */
int ftl_reflect_fetch(const FtlGrpcTarget *t, const char *const *services, int nservices,
                      FtlDsPool *p, FtlBuf *set, FtlDiags *d, const char ***chosen, int *nchosen);

#endif
