/* gen.c - writes a large valid FTL schema, or the equivalent .proto, for
 * benchmarks.
 *
 * usage: gen [--proto] MEGABYTES > out
 *        gen --small > out      (one small module, about 1 KB: the editor's case)
 *        gen --aliases N > out  (a chain of N type aliases, each naming the next)
 *        gen --alias-cycle N    (the same chain closed into a cycle: E0425)
 *        gen --deadletters N    (N verbs subscribing with a dead-letter topic each)
 * The last three are the shapes that were once quadratic (alias-cycle detection,
 * dead-letter topic generation): bench/shapes.sh and tests/robust/linear.sh.
 * One realm of many modules; each module has configs, a database, a topic,
 * enums, generic and plain data, verbs with +calls into the previous module,
 * an ingress verb, a subscriber and comments, so every stage has realistic
 * work. About a third of the declarations are `export realm` (the status
 * enum, the page, the event and its topic, two records, two verbs and the
 * ingress verb: some 35% of the text), the public schema `ftlc export`
 * writes, so that it measures a writer. With --proto, the same shape as protobuf: a package per
 * module, messages for data, an enum, a service with an RPC per verb, and imports of the previous
 * module; sized to the same number of declarations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RECORDS = 8, VERBS = 8 };

/* The shape of a module: how many records and verbs it has. */
typedef struct Shape {
    int records, verbs;
} Shape;

static const Shape full = {RECORDS, VERBS}, small = {2, 1};

/* Records and verbs 0 and 1 are visible to other realms, the rest to the realm. */
static const char *realm_wide(int i)
{
    return i < 2 ? " realm" : "";
}

static long ftl_module(FILE *out, int m, Shape sh)
{
    long n = 0;
    n += fprintf(out, "  // Module %d: generated for benchmarks.\n  module m%d {\n", m, m);
    n += fprintf(out, "    config limit Int\n    secret apiKey String\n\n");
    n += fprintf(out, "    database postgres db\n\n");
    n += fprintf(out, "    export realm topic events m%d.Event\n      +partitions 4\n\n", m);
    n += fprintf(out, "    export realm enum Status: String {\n      Active = \"active\"\n"
                      "      Inactive = \"inactive\"\n    }\n\n");
    n +=
        fprintf(out, "    // A page of results.\n    export realm data Page<T> {\n      items [T]\n"
                     "      next String?\n      total Int\n    }\n\n");
    for (int d = 0; d < sh.records; d++) {
        n += fprintf(out, "    // Record %d of module %d.\n    export%s data Record%d {\n", d, m,
                     realm_wide(d), d);
        n += fprintf(out,
                     "      id String +alias json \"id\"\n      count Int\n"
                     "      ratio Float?\n      tags {String: [String]}\n"
                     "      status m%d.Status\n      created Time\n    }\n\n",
                     m);
    }
    n += fprintf(out, "    export realm data Event {\n      id String\n      at Time\n    }\n\n");
    for (int v = 0; v < sh.verbs; v++) {
        n += fprintf(out,
                     "    // Fetches records.\n    export%s verb get%d(m%d.Record%d) "
                     "m%d.Page<m%d.Record%d>\n",
                     realm_wide(v), v, m, v, m, m, v);
        n += fprintf(out, "      +calls m%d.get%d", m, (v + 1) % sh.verbs);
        if (m > 0) n += fprintf(out, ", m%d.get%d", m - 1, v);
        n += fprintf(out, "\n      +database uses m%d.db\n      +config m%d.limit\n\n", m, m);
    }
    n += fprintf(out,
                 "    export realm verb http%d(builtin.HttpRequest<Unit, m%d.Record0, Unit>) "
                 "builtin.HttpResponse<m%d.Record1, String>\n"
                 "      +ingress http GET /m%d/records/{id}\n\n",
                 m, m, m, m);
    n += fprintf(out,
                 "    verb consume(m%d.Event) Unit\n      +subscribe m%d.events "
                 "from=beginning\n      +retry 3 5s 1m\n  }\n",
                 m, m);
    return n;
}

/* The same declarations as protobuf, one file (packages cannot be split in
 * one file, so modules become message name prefixes). */
static long proto_module(FILE *out, int m)
{
    long n = 0;
    n += fprintf(out, "// Module %d: generated for benchmarks.\n", m);
    n += fprintf(out,
                 "enum M%dStatus {\n  M%d_STATUS_ACTIVE = 0;\n  M%d_STATUS_INACTIVE = 1;\n}\n\n", m,
                 m, m);
    for (int d = 0; d < RECORDS; d++) {
        n += fprintf(out, "// Record %d of module %d.\nmessage M%dRecord%d {\n", d, m, m, d);
        n += fprintf(out,
                     "  string id = 1 [json_name = \"id\"];\n  int64 count = 2;\n"
                     "  optional double ratio = 3;\n  map<string, Strings> tags = 4;\n"
                     "  M%dStatus status = 5;\n  google.protobuf.Timestamp created = 6;\n}\n\n",
                     m);
        n += fprintf(out,
                     "message M%dPage%d {\n  repeated M%dRecord%d items = 1;\n"
                     "  optional string next = 2;\n  int64 total = 3;\n}\n\n",
                     m, d, m, d);
    }
    n += fprintf(
        out, "message M%dEvent {\n  string id = 1;\n  google.protobuf.Timestamp at = 2;\n}\n\n", m);
    n += fprintf(out, "// Fetches records.\nservice M%dService {\n", m);
    for (int v = 0; v < VERBS; v++)
        n += fprintf(out, "  rpc Get%d(M%dRecord%d) returns (M%dPage%d);\n", v, m, v, m, v);
    n += fprintf(out, "  rpc Consume(M%dEvent) returns (google.protobuf.Empty);\n}\n", m);
    return n;
}

/* One module of the shapes above (kind: "--aliases", "--alias-cycle" or
 * "--deadletters"); 1 for an unknown kind, before writing anything. */
static int shape(const char *kind, long n)
{
    int cycle = strcmp(kind, "--alias-cycle") == 0, chain = cycle || !strcmp(kind, "--aliases");
    if (!chain && strcmp(kind, "--deadletters") != 0) return 1;
    if (n < 1) n = 1;
    printf("realm bench {\n  module m {\n");
    if (chain) {
        for (long i = 0; i + 1 < n; i++)
            printf("    typealias A%ld m.A%ld\n", i, i + 1);
        if (cycle)
            printf("    typealias A%ld m.A0\n", n - 1);
        else
            printf("    typealias A%ld String\n", n - 1);
    } else {
        printf("    export topic events Int\n");
        for (long i = 0; i < n; i++)
            printf(
                "    verb consume%ld(Int) Unit\n      +subscribe m.events from=latest deadletter\n",
                i);
    }
    printf("  }\n}\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 2 && shape(argv[1], atol(argv[2])) == 0) return 0;
    if (argc > 1 && strcmp(argv[1], "--small") == 0) {
        printf("realm bench {\n");
        ftl_module(stdout, 0, small);
        printf("}\n");
        return 0;
    }
    int proto = argc > 1 && strcmp(argv[1], "--proto") == 0;
    double mb = argc > 1 + proto ? atof(argv[1 + proto]) : 1.0;
    long target = (long)(mb * 1024 * 1024), n = 0;
    if (proto) {
        /* Sized by module count, so the .proto describes the same schema as
         * the .ftl of the same megabytes. */
        long per = 0;
        FILE *null = fopen("/dev/null", "w");
        if (!null) return 1;
        per = ftl_module(null, 0, full) + 1;
        fclose(null);
        long modules = target / per + 1;
        printf(
            "syntax = \"proto3\";\npackage bench;\n\nimport \"google/protobuf/timestamp.proto\";\n"
            "import \"google/protobuf/empty.proto\";\n\nmessage Strings {\n  repeated string "
            "values = 1;\n}\n\n");
        for (long m = 0; m < modules; m++)
            proto_module(stdout, (int)m);
        return 0;
    }
    n += printf("realm bench {\n");
    for (int m = 0; n < target; m++) {
        if (m) n += printf("\n");
        n += ftl_module(stdout, m, full);
    }
    printf("}\n");
    return 0;
}
