/* opts.c - the argument parser and the help texts, both made from the tables of
 * commands.c (see opts.h). */
#define _POSIX_C_SOURCE 200809L
#include "opts.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const CliCommand *cli_command(const char *name)
{
    for (size_t i = 0; name && i < cli_ncommands; i++)
        if (strcmp(cli_commands[i].name, name) == 0) return &cli_commands[i];
    return NULL;
}

const char *cli_option_label(const CliOption *o, char *buf, size_t cap)
{
    if (o->name)
        snprintf(buf, cap, "--%s", o->name);
    else
        snprintf(buf, cap, "-%c", o->short_name);
    return buf;
}

/* ---- setters ------------------------------------------------------------------------- */

int cli_set_flag(CliArgs *a, const CliOption *o, const char *v)
{
    (void)v;
    *(int *)(void *)((char *)a + o->field) = 1;
    return 0;
}

int cli_set_string(CliArgs *a, const CliOption *o, const char *v)
{
    *(const char **)(void *)((char *)a + o->field) = v;
    return 0;
}

int cli_add_list(CliArgs *a, const CliOption *o, const char *v)
{
    CliList *l = (CliList *)(void *)((char *)a + o->field);
    l->items[l->n++] = v;
    return 0;
}

/* ---- parsing ------------------------------------------------------------------------- */

/* The entry for "--name" (len bytes of it, without the dashes) or "-c" that
 * command bit takes; else, through *other, one that another command takes. */
static const CliOption *find_option(const char *name, size_t len, char c, unsigned bit,
                                    const CliOption **other)
{
    *other = NULL;
    for (size_t i = 0; i < cli_noptions; i++) {
        const CliOption *o = &cli_options[i];
        int hit = name ? o->name && strlen(o->name) == len && memcmp(o->name, name, len) == 0
                       : o->short_name == c;
        if (!hit) continue;
        if (o->cmds & bit) return o;
        if (!*other) *other = o;
    }
    return NULL;
}

/* "option '--format' is for emit, export and clients": the commands that take
 * an option another command was given. */
static int not_here(const CliCommand *c, const char *label)
{
    char list[256] = "";
    const char *names[32];
    int n = 0;
    for (size_t k = 0; k < cli_ncommands && n < 32; k++) {
        const CliCommand *other = &cli_commands[k];
        int takes = 0;
        for (size_t i = 0; i < cli_noptions && !takes; i++) {
            const CliOption *o = &cli_options[i];
            char buf[64];
            takes =
                (o->cmds & other->bit) && strcmp(cli_option_label(o, buf, sizeof buf), label) == 0;
            if (!takes && o->name && o->short_name && label[1] != '-')
                takes = (o->cmds & other->bit) && o->short_name == label[1];
        }
        if (takes) names[n++] = other->name;
    }
    for (int i = 0; i < n; i++) {
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s",
                 i == 0       ? ""
                 : i == n - 1 ? " and "
                              : ", ",
                 names[i]);
    }
    char msg[400];
    snprintf(msg, sizeof msg, "option '%s' is for %s", label, list);
    return ftl_cli_usage(c->name, "%s", msg);
}

/* One option at argv[*i] (which starts with '-'); returns 0 or a usage status. */
static int parse_one(const CliCommand *c, CliArgs *a, int argc, char **argv, int *i)
{
    const char *arg = argv[*i], *value = NULL, *name = NULL, *eq = NULL;
    size_t len = 0;
    char ch = 0;
    if (arg[1] == '-') {
        name = arg + 2;
        eq = strchr(name, '=');
        len = eq ? (size_t)(eq - name) : strlen(name);
    } else {
        ch = arg[1];
    }
    const CliOption *other, *o = find_option(name, len, ch, c->bit, &other);
    char label[80];
    if (!o) {
        snprintf(label, sizeof label, "%.*s", (int)(name ? len + 2 : 2), arg);
        if (other) return not_here(c, label);
        return ftl_cli_usage(c->name, "unknown option '%s'", arg);
    }
    cli_option_label(o, label, sizeof label);
    if (name && !o->name) return ftl_cli_usage(c->name, "unknown option '%s'", arg);
    if (!o->arg) {
        /* A flag takes no value, and a short flag stands alone ("-qw" is not two). */
        if (eq || (!name && arg[2])) return ftl_cli_usage(c->name, "unknown option '%s'", arg);
        return o->set(a, o, NULL);
    }
    if (eq)
        value = eq + 1;
    else if (!name && arg[2])
        value = arg + 2;
    else if (*i + 1 < argc)
        value = argv[++*i];
    if (!value || !*value) {
        char msg[120];
        snprintf(msg, sizeof msg, "option '%s' needs %s", label,
                 strcmp(o->arg, "FILE") == 0  ? "a file"
                 : strcmp(o->arg, "DIR") == 0 ? "a directory"
                                              : "a value");
        return ftl_cli_usage(c->name, "%s", msg);
    }
    return o->set(a, o, value);
}

static void list_init(CliList *l, int cap)
{
    l->items = ftl_cli_xrealloc(NULL, ((size_t)cap + 1) * sizeof *l->items);
    memset(l->items, 0, ((size_t)cap + 1) * sizeof *l->items);
    l->n = 0;
}

int cli_parse(const CliCommand *c, int argc, char **argv, int first, CliArgs *a)
{
    memset(a, 0, sizeof *a);
    a->cmd = c;
    a->max_errors = 100;
    a->input_format = -1;
    a->argc = argc;
    a->argv = argv;
    list_init(&a->files, argc);
    list_init(&a->includes, argc);
    list_init(&a->externals, argc);
    list_init(&a->against, argc);
    list_init(&a->warnings, argc);
    list_init(&a->module_names, argc);
    list_init(&a->services, argc);
    list_init(&a->headers, argc);
    int only_files = 0;
    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
            a->files.items[a->files.n++] = arg;
        } else if (strcmp(arg, "--") == 0) {
            only_files = 1;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            cli_help(c, stdout);
            return 1;
        } else if (parse_one(c, a, argc, argv, &i) != 0) {
            return FTL_EXIT_USAGE;
        }
    }
    return 0;
}

void cli_args_free(CliArgs *a)
{
    free(a->files.items);
    free(a->includes.items);
    free(a->externals.items);
    free(a->against.items);
    free(a->warnings.items);
    free(a->module_names.items);
    free(a->services.items);
    free(a->headers.items);
    memset(a, 0, sizeof *a);
}

/* ---- help ----------------------------------------------------------------------------- */

/* "  -o, --output FILE       text": the signature padded to column 26, or alone
 * on its line when longer; each further line of text indented to column 26. */
static void help_option(FILE *out, const CliOption *o)
{
    char sig[80];
    if (o->short_name && o->name)
        snprintf(sig, sizeof sig, "  -%c, --%s%s%s", o->short_name, o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    else if (o->short_name)
        snprintf(sig, sizeof sig, "  -%c%s%s", o->short_name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    else
        snprintf(sig, sizeof sig, "      --%s%s%s", o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    fputs(sig, out);
    size_t col = strlen(sig);
    const char *p = o->help;
    if (col > 24) {
        fputc('\n', out);
        col = 0;
    }
    for (int first = 1; *p; first = 0) {
        size_t n = strcspn(p, "\n");
        fprintf(out, "%*s%.*s\n", (int)(26 - (first ? col : 0)), "", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

static void help_main(FILE *out)
{
    fputs("usage: ftlc <command> [options] [file...]\n"
          "\n"
          "ftlc compiles FTL schemas: it reads schema text, reports every error with its\n"
          "position, and prints the schema in canonical layout.\n"
          "\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < cli_ncommands; i++)
        /* not "realm add" (ftlc realm --help lists those) nor "import proto" */
        if (cli_commands[i].brief && !strchr(cli_commands[i].name, ' '))
            fprintf(out, "  %-10s %s\n", cli_commands[i].name, cli_commands[i].brief);
    fputs(
        "  help       show help for a command\n"
        "\n"
        "Run 'ftlc help <command>' or 'ftlc <command> --help' for a command's options.\n"
        "See ftlc(1), ftlc-check(1), ftlc-emit(1), ftlc-export(1), ftlc-clients(1), ftlc-fmt(1),\n"
        "ftlc-realm(1), ftlc-breaking(1), ftlc-import(1), ftlc-explain(1), ftlc-parse(1),\n"
        "ftlc-lsp(1), ftl-schema(5), ftl-project.toml(5) and ftlc-diagnostics(7).\n",
        out);
}

void cli_help(const CliCommand *c, void *stream)
{
    FILE *out = stream;
    if (!c) {
        help_main(out);
        return;
    }
    fprintf(out, "usage: %s\n", c->usage);
    if (c->about) fprintf(out, "\n%s", c->about);
    int any = 0;
    for (size_t i = 0; i < cli_noptions; i++) {
        if (!(cli_options[i].cmds & c->bit)) continue;
        if (!any) fputs("\noptions:\n", out);
        any = 1;
        help_option(out, &cli_options[i]);
    }
    if (c->bit & CLI_DIAGS || any) fprintf(out, "  -h, --help              show this help\n");
    if (c->after) fprintf(out, "\n%s", c->after);
}

/* ---- response files ------------------------------------------------------------------- */

#define RESPONSE_DEPTH 16

typedef struct Vec {
    char **items;
    int n, cap;
} Vec;

static void vec_push(Vec *v, char *s)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 16;
        v->items = ftl_cli_xrealloc(v->items, (size_t)v->cap * sizeof *v->items);
    }
    v->items[v->n++] = s;
}

/* Splits text into words in place (libiberty's buildargv rules), pushing each. */
static void split_words(char *text, Vec *words)
{
    char *p = text;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
            p++;
        if (!*p) return;
        char *start = p, *w = p, quote = 0;
        for (; *p; p++) {
            if (*p == '\\' && p[1]) {
                *w++ = *++p;
            } else if (quote) {
                if (*p == quote)
                    quote = 0;
                else
                    *w++ = *p;
            } else if (*p == '\'' || *p == '"') {
                quote = *p;
            } else if (strchr(" \t\n\r\f\v", *p)) {
                break;
            } else {
                *w++ = *p;
            }
        }
        int more = *p != '\0';
        *w = '\0';
        vec_push(words, start);
        if (!more) return;
        p++;
    }
}

static int expand(const char *arg, int depth, Vec *out, Vec *owned);

/* Reads @FILE's words into out; -1 (reported) on failure. */
static int expand_file(const char *path, int depth, Vec *out, Vec *owned)
{
    char *text, err[512];
    size_t len;
    if (depth >= RESPONSE_DEPTH) {
        fprintf(stderr, "ftlc: error: response file '%s' nests deeper than %d files\n", path,
                RESPONSE_DEPTH);
        return -1;
    }
    if (ftl_cli_read_file(path, &text, &len, err, sizeof err) != 0) {
        fprintf(stderr, "ftlc: error: response file: %s\n", err);
        return -1;
    }
    if (memchr(text, '\0', len)) {
        fprintf(stderr, "ftlc: error: response file '%s' holds a NUL byte\n", path);
        free(text);
        return -1;
    }
    vec_push(owned, text);
    Vec words = {0};
    split_words(text, &words);
    int rc = 0;
    for (int i = 0; i < words.n && rc == 0; i++)
        rc = expand(words.items[i], depth + 1, out, owned);
    free(words.items);
    return rc;
}

static int expand(const char *arg, int depth, Vec *out, Vec *owned)
{
    if (arg[0] == '@' && arg[1]) return expand_file(arg + 1, depth, out, owned);
    vec_push(out, (char *)arg);
    return 0;
}

int cli_response_files(int argc, char **argv, CliArgv *v)
{
    Vec out = {0}, owned = {0};
    int rc = 0;
    vec_push(&out, argv[0]);
    for (int i = 1; i < argc && rc == 0; i++)
        rc = expand(argv[i], 0, &out, &owned);
    vec_push(&out, NULL);
    v->argc = out.n - 1;
    v->argv = out.items;
    v->owned = owned.items;
    v->nowned = owned.n;
    if (rc == 0) return 0;
    cli_response_free(v);
    return FTL_EXIT_USAGE;
}

void cli_response_free(CliArgv *v)
{
    for (int i = 0; i < v->nowned; i++)
        free(v->owned[i]);
    free(v->owned);
    free(v->argv);
    memset(v, 0, sizeof *v);
}
