/* gen.c - writes a large valid FTL schema for benchmarks.
 *
 * usage: gen MEGABYTES > schema.ftl
 * One realm of many modules; each module has configs, a database, a topic,
 * enums, generic and plain data, verbs with +calls into the previous module,
 * ingress verbs, and comments, so every stage has realistic work. */
#include <stdio.h>
#include <stdlib.h>

static long module_text(FILE *out, int m)
{
    long n = 0;
    n += fprintf(out, "  // Module %d: generated for benchmarks.\n  module m%d {\n", m, m);
    n += fprintf(out, "    config limit Int\n    secret apiKey String\n\n");
    n += fprintf(out, "    database postgres db\n\n");
    n += fprintf(out, "    export topic events m%d.Event\n      +partitions 4\n\n", m);
    n += fprintf(out, "    export enum Status: String {\n      Active = \"active\"\n"
                      "      Inactive = \"inactive\"\n    }\n\n");
    n += fprintf(out, "    // A page of results.\n    export data Page<T> {\n      items [T]\n"
                      "      next String?\n      total Int\n    }\n\n");
    for (int d = 0; d < 8; d++) {
        n += fprintf(out, "    // Record %d of module %d.\n    export data Record%d {\n", d, m, d);
        n += fprintf(out, "      id String +alias json \"id\"\n      count Int\n"
                          "      ratio Float?\n      tags {String: [String]}\n"
                          "      status m%d.Status\n      created Time\n    }\n\n", m);
    }
    n += fprintf(out, "    export data Event {\n      id String\n      at Time\n    }\n\n");
    for (int v = 0; v < 8; v++) {
        n += fprintf(out, "    // Fetches records.\n    export verb get%d(m%d.Record%d) "
                          "m%d.Page<m%d.Record%d>\n", v, m, v, m, m, v);
        n += fprintf(out, "      +calls m%d.get%d", m, (v + 1) % 8);
        if (m > 0) n += fprintf(out, ", m%d.get%d", m - 1, v);
        n += fprintf(out, "\n      +database uses m%d.db\n      +config m%d.limit\n\n", m, m);
    }
    n += fprintf(out, "    export verb http%d(builtin.HttpRequest<Unit, m%d.Record0, Unit>) "
                      "builtin.HttpResponse<m%d.Record1, String>\n"
                      "      +ingress http GET /m%d/records/{id}\n\n", m, m, m, m);
    n += fprintf(out, "    verb consume(m%d.Event) Unit\n      +subscribe m%d.events "
                      "from=beginning\n      +retry 3 5s 1m\n  }\n", m, m);
    return n;
}

int main(int argc, char **argv)
{
    double mb = argc > 1 ? atof(argv[1]) : 1.0;
    long target = (long)(mb * 1024 * 1024), n = 0;
    n += printf("realm bench {\n");
    for (int m = 0; n < target; m++) {
        if (m) n += printf("\n");
        n += module_text(stdout, m);
    }
    printf("}\n");
    return 0;
}
