/* diagcodes.c - the table of diagnostic codes (diagcodes.h). Each entry says
 * what a code means, gives an example that triggers it and says how to fix it;
 * the man page ftlc-diagnostics(7) and `ftlc explain` are made from it. Keep
 * entries in code order. */
#include "base/diagcodes.h"

#include <string.h>
#include <strings.h>

/* What several examples start with: an external realm to refer to, and a
 * project file with a pin of realm bank (the examples add its keys). */
#define EXTERNAL_BANK                                                                              \
    "external realm bank {\n"                                                                      \
    "  module payments {\n"                                                                        \
    "    export realm verb charge(Unit) Unit\n"                                                    \
    "    export realm data Money { amount Int }\n"                                                 \
    "    export realm topic paid payments.Money\n"                                                 \
    "    config key String\n"                                                                      \
    "  }\n"                                                                                        \
    "}\n"                                                                                          \
    "\n"
#define PROJECT_BANK                                                                               \
    "realm shop {}\n"                                                                              \
    "-- ftl-project.toml --\n"                                                                     \
    "name = \"shop\"\n"                                                                            \
    "\n"                                                                                           \
    "[realms.egress.bank]\n"                                                                       \
    "git-repo = \"https://example.com/bank.git\"\n"

/* The examples of ftlc breaking: an older version (old.ftl), then "-- new.ftl --" and
 * the new one. BRK_DATA and BRK_ENUM declare T with the lines given, and a verb that
 * makes it IN (send), OUT (get) or BOTH (echo). */
#define BRK_ARGS "old.ftl", "breaking --against old.ftl new.ftl"
#define BRK_NEW "-- new.ftl --\n"
#define BRK_REALM(name, body) "realm " name " {\n  module m {\n" body "  }\n}\n"
#define BRK_DATA(fields, verb)                                                                     \
    BRK_REALM("shop",                                                                              \
              "    export realm data T {\n" fields "    }\n    export realm verb " verb "\n")
#define BRK_ENUM(variants, verb)                                                                   \
    BRK_REALM("shop", "    export realm enum T: String {\n" variants                               \
                      "    }\n    export realm verb " verb "\n")

const FtlCodeDoc ftl_code_docs[] = {
    {"E0001", "a file cannot be read or written", FTL_SEV_ERROR, FTL_SCOPE_ANY,
     "An input, an -I module, an --external-realm file, the project file, a pinned realm's "
     "cached schema, the depfile or an output could not be read or written: it does not "
     "exist, is a directory, is not readable, or is larger than 4 GiB. For ftlc breaking "
     "also a file of the older version, or (--against-git) the revision, which git cannot "
     "resolve or read the file at. The command line shows it as 'ftlc: error: ...' (ftlc "
     "breaking: 'ftlc breaking: error: ...') before the other diagnostics and exits with "
     "status 2; programs that use libftlc(3) get it as a diagnostic without a position.",
     NULL, NULL, NULL, "Check the path and its permissions; give standard input as '-'."},
    {"E0101", "invalid character", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "Outside string literals and comments, a character that starts no token: ';', '&', a "
     "backquote, a control character other than tab, line feed, carriage return and form "
     "feed, a NUL byte, a UTF-8 byte-order mark, or any non-ASCII character or byte that is "
     "not valid UTF-8. Non-ASCII text may stand only in strings and comments.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data D {\n"
     "      x Int;\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Delete the character, or move the text into a string or a comment; names are ASCII. "
     "'ftlc check --fix' deletes a byte-order mark."},
    {"E0102", "unterminated string literal", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "A '\"' without a closing '\"' before the end of the input. Strings may span lines, so "
     "this is reported at the opening quote, and an error about the end of the input may "
     "follow.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb q(Unit) Unit\n"
     "      +sql query one \"SELECT 1\n"
     "  }\n"
     "}\n",
     "Close the string with '\"'; a '\"' inside a string is written '\\\"'."},
    {"E0103", "invalid escape sequence", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "A backslash in a string literal that starts no valid escape: an unknown escape "
     "(including \\'), \\ooo without three octal digits or above \\377, \\xhh without two "
     "hexadecimal digits, \\uhhhh or \\Uhhhhhhhh with too few digits or not naming a Unicode "
     "scalar value, or a backslash at the end of a line.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    enum E: String {\n"
     "      A = \"\\q\"\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Write the escape as Go writes it (\\n, \\t, \\\\, \\\", \\u00e9, ...), or write a backslash "
     "as \\\\."},
    {"E0104", "invalid ingress path", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "An +ingress path that ends with '/' (other than the root path '/'), has an empty "
     "segment ('//'), holds a '\"', or has a '{' or '}' that is not part of a whole segment "
     "'{name}' whose name is an identifier.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    export verb list(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, "
     "Unit>\n"
     "      +ingress http GET /users/\n"
     "  }\n"
     "}\n",
     "Drop the trailing '/' or the empty segment; write a path parameter as a whole segment, "
     "such as /users/{id}."},
    {"E0105", "identifier too long", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "An identifier of more than 4096 bytes. No schema needs one; the limit keeps hostile "
     "input cheap.",
     NULL, NULL, NULL, "Use a shorter name."},
    {"E0106", "string literal too long", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "A string literal of more than 16 MiB. The limit keeps hostile input cheap.", NULL, NULL, NULL,
     "Keep large texts (SQL, documents) out of the schema."},
    {"E0201", "syntax error", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "A token the grammar does not accept at that point. The message says what was expected, "
     "after what, and what was found. Notes explain common causes: a word of exactly 64 "
     "letters, digits or underscores (read as a SHA-256 digest, not as an identifier), a "
     "minus sign (numbers are never negative), a keyword read as a name, a duration written "
     "with a space. When a module or realm name is followed by something other than '{', "
     "parsing goes on as if the '{' were there.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module orders verb place(Unit) Unit\n"
     "}\n",
     "Write what the message says was expected; the help line, when there is one, shows the "
     "edit, and 'ftlc check --fix' makes it ('{' after a module or realm name, an HTTP "
     "method in upper case, a duration without a space, 'export' removed before config, "
     "secret and database)."},
    {"E0202", "nesting too deep", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "More than 200 brackets of any kind ('{', '[', '(', '<') open at the same time, such as "
     "a field type of 201 nested arrays. Parsing of the file stops there.",
     NULL, NULL, NULL,
     "Flatten the type: name the inner types with data declarations or type aliases."},
    {"E0203", "invalid integer literal", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "Where an integer is required (an enum value, the number of +partitions, the count of "
     "+retry): a fraction, a digit 8 or 9 after a leading 0 (which makes the literal octal), "
     "or a value outside the signed 64-bit range.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    enum E: Int {\n"
     "      A = 09\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Write a decimal integer without a leading zero (9), or an octal one with digits 0 to 7 "
     "only."},
    {"E0204", "missing cron expression", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "+cron with no text on the rest of its line (or only a // comment): the pattern is the "
     "rest of the line.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb tick(Unit) Unit\n"
     "      +cron\n"
     "    verb tock(Unit) Unit\n"
     "  }\n"
     "}\n",
     "Write the pattern on the same line, such as '+cron 0 * * * *' or '+cron 5m'."},
    {"E0205", "unknown alias kind", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "The word after +alias is neither json nor unspecified (in any letter case).", "in.ftl",
     "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data D {\n"
     "      note String +alias yaml \"n\"\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Write '+alias json \"name\"' ('ftlc check --fix' does)."},
    {"E0206", "invalid digest", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "The digest string of +artefact or +image is not exactly 64 hexadecimal digits.", "in.ftl",
     "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb v(Unit) Unit\n"
     "      +artefact \"bin/app\" \"abc\"\n"
     "  }\n"
     "}\n",
     "Give the SHA-256 digest of the artefact or image: 64 hexadecimal digits."},
    {"E0207", "misplaced comment", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "A comment where none may stand: at the top of a schema file, directly before a '}', "
     "between a declaration and its metadata or between metadata items, or after the final "
     "'}'. Comments document the module, declaration, field or enum variant that follows "
     "them.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data A {}\n"
     "    // about nothing\n"
     "  }\n"
     "}\n",
     "Move the comment before what it documents, or delete it."},
    {"E0208", "errors not shown", FTL_SEV_NOTE, FTL_SCOPE_ANY,
     "A note after the errors shown: more errors (and warnings) were found than --max-errors "
     "lets through (100 by default), or the parser stopped reading a file after too many "
     "errors. It says how many were left out.",
     "in.ftl", "check --max-errors 1 in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data D {\n"
     "      a m.X\n"
     "      b m.Y\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Fix the errors shown, or give --max-errors 0 to see them all."},
    {"E0209", "block never closed", FTL_SEV_ERROR, FTL_SCOPE_TEXT,
     "A '{' with no matching '}'. The error points at that '{', and a note at the place "
     "where its '}' was expected: the end of the input or, when a '}' that closed the block "
     "is indented like the '{' of the block around it, just before that '}'.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data D {\n"
     "      x Int\n"
     "  }\n"
     "}\n",
     "Insert the '}' where the note says ('ftlc check --fix' does)."},
    {"E0301", "module name is a Go keyword", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A module is named after a Go keyword (break, map, type, ...): upstream FTL generates "
     "Go packages named after modules.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module map {}\n"
     "}\n",
     "Rename the module."},
    {"E0302", "declaration named after a primitive type", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A declaration is named Int, Float, String, Bytes, Bool, Time, Any or Unit "
     "(case-sensitive): those names always denote the primitive types.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data String {}\n"
     "  }\n"
     "}\n",
     "Rename the declaration (string or Text are fine)."},
    {"E0303", "invalid topic name", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A topic name does not start with a lower-case letter. This applies to generated "
     "dead-letter topics too: a verb Consume that subscribes with deadletter gets the topic "
     "ConsumeFailed, reported at the subscription.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data E {}\n"
     "    topic Events m.E\n"
     "  }\n"
     "}\n",
     "Start the name with a lower-case letter (events)."},
    {"E0304", "duplicate realm", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "Two external realms of the same name, or an external realm with the name of the local "
     "realm. Two realm blocks of the same name are one realm, unless they are in the same "
     "file.",
     "in.ftl", "check in.ftl",
     "external realm a {}\n"
     "external realm a {}\n",
     "Give each realm one block, or rename one."},
    {"E0305", "duplicate module", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "Two modules of the same name in one realm, also in different files.", "in.ftl",
     "check in.ftl",
     "realm r {\n"
     "  module a {}\n"
     "  module a {}\n"
     "}\n",
     "Merge the modules, or rename one."},
    {"E0306", "duplicate declaration", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "Two declarations of the same kind and name in one module. Declarations of different "
     "kinds may share a name (a config and a secret, say).",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    config X String\n"
     "    config X Int\n"
     "  }\n"
     "}\n",
     "Remove or rename one of them."},
    {"E0307", "builtin module reserved", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "'builtin module' with a name other than builtin: only the builtin module is one.", "in.ftl",
     "check in.ftl",
     "realm r {\n"
     "  builtin module foo {}\n"
     "}\n",
     "Remove the word builtin ('ftlc check --fix' does)."},
    {"E0308", "module dependency cycle", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "The modules of a realm depend on each other in a cycle. A module depends on every "
     "module that its qualified references name, anywhere in its declarations. The cycle is "
     "reported once, at a reference of its first edge, as upstream FTL finds it.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module a {\n"
     "    export verb x(Unit) Unit\n"
     "      +calls b.y\n"
     "  }\n"
     "\n"
     "  module b {\n"
     "    export verb y(Unit) Unit\n"
     "      +calls a.x\n"
     "  }\n"
     "}\n",
     "Move what both modules need into a third module, or into one of them."},
    {"E0309", "wrong module file for -I", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A file loaded with -I is not a module file, or declares another module than the one it "
     "was loaded for; or, in a protobuf format, it holds more or fewer than one module "
     "besides the builtin module.",
     "in.ftl", "check -I inc in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb v(audit.Log) Unit\n"
     "  }\n"
     "}\n"
     "-- inc/audit.ftl --\n"
     "module wrong {\n"
     "}\n",
     "Name the file after the module it declares (DIR/NAME.ftl holds 'module NAME')."},
    {"E0310", "unknown reference", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A reference names no type parameter, declaration or builtin declaration, in any type "
     "position or metadata; or a module.name@realm names no declaration of that external "
     "realm. A fix-it suggests a near name when there is one. In a module file checked alone "
     "only references into the module itself and the builtin module are checked (all that is "
     "in scope there; upstream's module pass skips them, its realm check reports them); "
     "references into other modules get note I0301.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data D {\n"
     "      x m.Nope\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Correct the name, declare what it names, or give the module it is in (-I, the realm's "
     "files). 'ftlc check --fix' writes the near name when there is one."},
    {"E0311", "invalid reference", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "The name of a module, of the builtin module, of the enclosing module or of a primitive "
     "type where a declaration is needed.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb v(Unit) Unit\n"
     "      +calls Int\n"
     "  }\n"
     "}\n",
     "Name a declaration: module.Name."},
    {"E0312", "+calls names no verb", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A +calls reference names a declaration that is not a verb.", "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data D {}\n"
     "    verb v(Unit) Unit\n"
     "      +calls m.D\n"
     "  }\n"
     "}\n",
     "Name the verb that is called."},
    {"E0313", "not exported", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A reference into another module of the realm names a declaration that is not exported. "
     "Config, secret and database declarations can never be used from another module.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module a {\n"
     "    verb x(Unit) Unit\n"
     "  }\n"
     "\n"
     "  module b {\n"
     "    verb y(Unit) Unit\n"
     "      +calls a.x\n"
     "  }\n"
     "}\n",
     "Mark the declaration 'export' (or 'export realm'); 'ftlc check --fix' marks it "
     "'export' (a config, secret or database stays in its module: no edit)."},
    {"E0314", "visibility too low", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A data, enum or type alias declaration is less visible than a data or type alias "
     "declaration whose types (or metadata) use it, or than a verb with metadata whose "
     "request or response uses it. Reported at the declaration that needs more visibility. "
     "Builtin declarations satisfy every requirement.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data P {}\n"
     "    export data D {\n"
     "      p m.P\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Mark the declaration as visible as its user ('export' here); 'ftlc check --fix' does, "
     "unless users ask for different visibilities."},
    {"E0315", "wrong number of type arguments", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A reference to a data declaration has a different number of type arguments than the "
     "declaration has type parameters; builtin declarations included.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data Page<T> {\n"
     "      items [T]\n"
     "    }\n"
     "    data D {\n"
     "      p m.Page\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Give one type argument per type parameter: m.Page<String>. Type arguments of data "
     "without type parameters 'ftlc check --fix' removes."},
    {"E0316", "type arguments not allowed", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "Type arguments on a reference to a declaration that is not data: to a declaration of "
     "the same module or the builtin module other than a type alias, or to one that is not "
     "exported. Also type arguments on a type parameter.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    enum E: Int {}\n"
     "    data D {\n"
     "      x m.E<Int>\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Remove the type arguments ('ftlc check --fix' does)."},
    {"E0401", "metadata repeated", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A verb has two metadata items of the same kind (other than +subscribe).", "in.ftl",
     "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb a(Unit) Unit\n"
     "    verb b(Unit) Unit\n"
     "    verb v(Unit) Unit\n"
     "      +calls m.a\n"
     "      +calls m.b\n"
     "  }\n"
     "}\n",
     "Merge them into one item: '+calls m.a, m.b'. For +calls and +config 'ftlc check "
     "--fix' does: the first item lists the references of the others, which go."},
    {"E0402", "two subscriptions", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A verb has two +subscribe items: a subscriber subscribes to one topic.", "in.ftl",
     "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data E {}\n"
     "    topic t m.E\n"
     "    topic u m.E\n"
     "    verb v(m.E) Unit\n"
     "      +subscribe m.t from=latest\n"
     "      +subscribe m.u from=latest\n"
     "  }\n"
     "}\n",
     "Give each subscription a verb of its own."},
    {"E0403", "metadata not valid here", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "Metadata where it is not valid: on a field anything but +alias and +sql column; on "
     "data +calls, +config, +secrets and +sql; on a type alias anything but +typemap; on a "
     "verb +sql column; on a database anything but +migration (not checked in module files).",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data D {\n"
     "      f Int +generated\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Move the item to a declaration that takes it, or remove it."},
    {"E0404", "ingress types not HTTP", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "The request of an +ingress verb is not builtin.HttpRequest with three type arguments, "
     "or its response not builtin.HttpResponse with two, directly or through type aliases of "
     "the same module.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    export verb a(builtin.Empty) builtin.Empty\n"
     "      +ingress http GET /a\n"
     "  }\n"
     "}\n",
     "Take builtin.HttpRequest<Body, Path, Query> and return builtin.HttpResponse<Body, "
     "Error>."},
    {"E0406", "invalid ingress body", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "The body of an ingress request or response is not a valid payload: Unit for a GET "
     "request; otherwise Bytes, String, Int, Float, Bool, Unit, an array, a map, a data "
     "declaration, a type enum, or a type alias with +typemap or written as one of these. A "
     "type argument naming another module or the builtin module is not checked. In a module "
     "file, also a type argument that does not resolve.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    export verb v(builtin.HttpRequest<Bytes, Unit, Unit>) builtin.HttpResponse<Unit, Unit>\n"
     "      +ingress http GET /b\n"
     "  }\n"
     "}\n",
     "Use a payload type (Unit for GET requests), or another method."},
    {"E0407", "invalid ingress parameters", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "The path parameter type of an ingress request is not String, Int, Float, Bool, Unit, "
     "data, a map to String or a type alias as for E0406; or its query type is not Unit, "
     "data or a map to String or [String].",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    export verb v(builtin.HttpRequest<Unit, Unit, {String: Int}>) builtin.HttpResponse<Unit, "
     "Unit>\n"
     "      +ingress http GET /b\n"
     "  }\n"
     "}\n",
     "Use a data declaration whose fields are the parameters, or a map of strings."},
    {"E0408", "path does not fit its type", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "The path does not fit the path parameter type: a {p} with no field p in the data, a "
     "map with a key other than String, a scalar type with more than one parameter, any "
     "other type with a parameter; or a path without parameters and a type other than Unit "
     "or a map. Reported at the {p}.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    export verb v(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit>\n"
     "      +ingress http GET /u/{a}/{b}\n"
     "  }\n"
     "}\n",
     "Make the path parameter type a data declaration with a field per parameter."},
    {"E0409", "duplicate route", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "Two +ingress items of a realm have the same method and path; parameter names do not "
     "count (/users/{id} and /users/{name} collide).",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    export verb a(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit>\n"
     "      +ingress http GET /users\n"
     "    export verb b(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit>\n"
     "      +ingress http GET /users\n"
     "  }\n"
     "}\n",
     "Give each route its own method or path."},
    {"E0410", "invalid cron expression", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "The +cron pattern is not valid; the message says why. The forms (intervals such as 5m, "
     "weekdays, and 5 to 7 fields) are in ftl-schema(5).",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb v(Unit) Unit\n"
     "      +cron 90s\n"
     "  }\n"
     "}\n",
     "Write an interval of 1 to 59 seconds or minutes, or 1 to 23 hours, a weekday, or "
     "fields."},
    {"E0411", "cron verb takes or returns something", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A +cron verb has a request or a response other than Unit.", "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb v(String) Unit\n"
     "      +cron Mon\n"
     "  }\n"
     "}\n",
     "Make the verb go from Unit to Unit ('ftlc check --fix' writes Unit in their place)."},
    {"E0412", "retry without subscription", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "+retry on a verb without +subscribe. As upstream, the metadata sorted after +retry is "
     "then not checked.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb v(Unit) Unit\n"
     "      +retry 3 1s\n"
     "  }\n"
     "}\n",
     "Remove +retry, or make the verb a subscriber."},
    {"E0413", "bad retry policy", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A backoff that is not a duration of d, h, m and s in that order; no minimum backoff "
     "with a count other than 0; a backoff under 1s or over 1d; a maximum below the minimum; "
     "a backoff with count 0 and no catch.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data E {}\n"
     "    topic t m.E\n"
     "    verb v(m.E) Unit\n"
     "      +subscribe m.t from=latest\n"
     "      +retry 3 1m 1s\n"
     "  }\n"
     "}\n",
     "Write durations such as 5s or 1m30s, the minimum first: '+retry 3 1s 1m'. A duration "
     "whose units are out of order (30s1m) 'ftlc check --fix' writes largest unit first."},
    {"E0414", "bad catch verb", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "The catch verb of the same module is not a verb, does not take builtin.CatchRequest<R> "
     "with R the subscriber's request (or Any), or returns something other than Unit. In a "
     "module file also a catch verb that does not resolve. A catch verb of another module is "
     "not checked.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data E {}\n"
     "    topic t m.E\n"
     "    verb v(m.E) Unit\n"
     "      +subscribe m.t from=latest\n"
     "      +retry 3 1s catch m.c\n"
     "    verb c(m.E) Unit\n"
     "  }\n"
     "}\n",
     "Make the catch verb take builtin.CatchRequest<m.E> and return Unit ('ftlc check --fix' "
     "writes Unit as its response)."},
    {"E0415", "subscription to something not a topic", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "+subscribe names something other than a topic.", "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb w(Unit) Unit\n"
     "    verb v(Unit) Unit\n"
     "      +subscribe m.w from=latest\n"
     "  }\n"
     "}\n",
     "Name a topic."},
    {"E0416", "subscriber type differs from the topic", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A subscriber's request type differs from the topic's event type (compared resolved).",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data A {}\n"
     "    data B {}\n"
     "    topic t m.B\n"
     "    verb v(m.A) Unit\n"
     "      +subscribe m.t from=latest\n"
     "  }\n"
     "}\n",
     "Take the topic's event type ('ftlc check --fix' writes it as the request)."},
    {"E0417", "subscriber returns something", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A subscriber has a response other than Unit.", "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data B {}\n"
     "    topic t m.B\n"
     "    verb v(m.B) m.B\n"
     "      +subscribe m.t from=latest\n"
     "  }\n"
     "}\n",
     "Return Unit ('ftlc check --fix' writes it as the response)."},
    {"E0418", "bad dead-letter topic", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "The dead-letter topic VERBFailed of a deadletter subscription is declared as something "
     "other than a topic, or as a topic whose type is not builtin.FailedEvent<request>.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data E {}\n"
     "    topic t m.E\n"
     "    verb v(m.E) Unit\n"
     "      +subscribe m.t from=latest deadletter\n"
     "    data vFailed {}\n"
     "  }\n"
     "}\n",
     "Rename the declaration, or declare 'topic vFailed builtin.FailedEvent<m.E>'. When the "
     "topic has another type, 'ftlc check --fix' writes builtin.FailedEvent of the request "
     "type in its place."},
    {"E0419", "query verb without one datasource", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A +sql query verb uses no datasource or more than one: the databases of its +database "
     "uses and, transitively, of the verbs it +calls.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb q(Unit) Unit\n"
     "      +sql query one \"SELECT 1\"\n"
     "  }\n"
     "}\n",
     "Add '+database uses m.db' naming the one database it queries."},
    {"E0420", "bad transaction verb", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A +transaction verb uses no datasource or more than one (as for E0419), or directly "
     "calls another +transaction verb.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb t(Unit) Unit\n"
     "      +transaction\n"
     "  }\n"
     "}\n",
     "Name the one database it uses with +database uses; do not nest transactions."},
    {"E0421", "egress placeholder names no config", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "A ${name} placeholder in an +egress target names no config of the module.", "in.ftl",
     "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    verb v(Unit) Unit\n"
     "      +egress \"${url}\"\n"
     "  }\n"
     "}\n",
     "Declare 'config url String' in the module, or correct the name. 'ftlc check --fix' "
     "declares every missing config of a module, before the first verb that needs one."},
    {"E0422", "two migrations", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A database has more than one +migration item.", "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    database postgres db\n"
     "      +migration sha256:0000000000000000000000000000000000000000000000000000000000000000\n"
     "      +migration sha256:1111111111111111111111111111111111111111111111111111111111111111\n"
     "  }\n"
     "}\n",
     "Keep one +migration."},
    {"E0423", "enum variant of the wrong type", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A variant of a value enum has a value of another type category than the enum's type "
     "(after type aliases): a string in an Int enum, and so on.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    enum E: Int {\n"
     "      A = \"a\"\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Give the variant a value of the enum's type, or change the enum's type."},
    {"E0424", "bad type enum", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A type enum (no ': Type') has no variants, or a variant whose value is a string or "
     "number instead of a type.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    enum E {\n"
     "      A = \"a\"\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Give the enum a value type ('enum E: String'), or make every variant a type. When "
     "every variant's value is a string (or every one an integer), 'ftlc check --fix' "
     "writes the value type."},
    {"E0425", "type alias cycle", FTL_SEV_ERROR, FTL_SCOPE_MODULE,
     "Type aliases form a cycle; reported once, at the first alias of the cycle.", "in.ftl",
     "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    typealias A m.B\n"
     "    typealias B m.A\n"
     "  }\n"
     "}\n",
     "Make one of the aliases name a type that is not an alias."},
    {"E0501", "two local realms", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "More than one local realm: two realm blocks with different names, or a block whose "
     "name differs from --realm. Other realms can only be imported as 'external realm' "
     "blocks.",
     "in.ftl", "check in.ftl",
     "realm a {}\n"
     "realm b {}\n",
     "Keep one local realm; write the others as 'external realm', or pin them with ftlc "
     "realm add."},
    {"E0502", "realm suffix without module", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A realm suffix on a reference without a module.", "in.ftl", "check in.ftl",
     EXTERNAL_BANK "realm r {\n"
                   "  module m {\n"
                   "    verb v(Unit) Unit\n"
                   "      +calls charge@bank\n"
                   "  }\n"
                   "}\n",
     "Qualify the reference: payments.charge@bank. When one module of the realm declares the "
     "name, 'ftlc check --fix' writes it."},
    {"E0503", "unknown realm", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A realm suffix names no external realm of the compilation.", "in.ftl", "check in.ftl",
     EXTERNAL_BANK "realm r {\n"
                   "  module m {\n"
                   "    verb v(Unit) Unit\n"
                   "      +calls payments.charge@bnk\n"
                   "  }\n"
                   "}\n",
     "Correct the realm name, or add the realm (an external realm block, --external-realm, "
     "or ftlc realm add). 'ftlc check --fix' writes the near name when there is one."},
    {"E0504", "cross-realm reference not allowed here", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A cross-realm reference where only local ones are allowed: only verb calls and types "
     "cross realms; topics, configuration, secrets, databases and catch verbs stay inside "
     "their realm.",
     "in.ftl", "check in.ftl",
     EXTERNAL_BANK "realm r {\n"
                   "  module m {\n"
                   "    verb v(Unit) Unit\n"
                   "      +publish payments.paid@bank\n"
                   "  }\n"
                   "}\n",
     "Refer to a declaration of the local realm."},
    {"E0505", "builtin across realms", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A builtin declaration referred to across realms.", "in.ftl", "check in.ftl",
     EXTERNAL_BANK "realm r {\n"
                   "  module m {\n"
                   "    data D {\n"
                   "      x builtin.Empty@bank\n"
                   "    }\n"
                   "  }\n"
                   "}\n",
     "Write builtin.Empty: every realm has the builtin module ('ftlc check --fix' does)."},
    {"E0506", "config, secret or database of another realm", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A config, secret or database of another realm referred to.", "in.ftl", "check in.ftl",
     EXTERNAL_BANK "realm r {\n"
                   "  module m {\n"
                   "    data D {\n"
                   "      x payments.key@bank\n"
                   "    }\n"
                   "  }\n"
                   "}\n",
     "Declare the config, secret or database in the local realm."},
    {"E0507", "realm API exposes an external type", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "The public API of the local realm (its 'export realm' declarations and what they use) "
     "exposes a type of an external realm; reported at the reference, with the chain that "
     "reaches it. A realm's public schema must be self-contained.",
     "in.ftl", "check in.ftl",
     EXTERNAL_BANK "realm r {\n"
                   "  module m {\n"
                   "    export realm verb api(payments.Money@bank) Unit\n"
                   "  }\n"
                   "}\n",
     "Declare a type of the local realm for the API, and convert in the verb."},
    {"E0508", "external realm refers to another realm", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "A realm suffix inside an external realm names another realm: a realm's public schema "
     "is self-contained.",
     "in.ftl", "check in.ftl",
     "external realm bank {\n"
     "  module p {\n"
     "    verb v(Unit) Unit\n"
     "      +calls q.w@other\n"
     "  }\n"
     "}\n",
     "Fix the external realm's schema where it is published."},
    {"E0509", "wrong --external-realm file", FTL_SEV_ERROR, FTL_SCOPE_REALM,
     "An --external-realm file holds a realm of another name, is a module file (in a "
     "protobuf format: modules without a realm), or does not hold the realm.",
     "in.ftl", "check --external-realm bank=other.ftl in.ftl",
     "realm shop {}\n"
     "-- other.ftl --\n"
     "realm other {}\n",
     "Give the realm's own name: --external-realm other=other.ftl."},
    {"E0601", "undecodable protobuf input", FTL_SEV_ERROR, FTL_SCOPE_PROTO,
     "A protobuf input (.txtpb, .json, .binpb) that cannot be decoded as the message "
     "xyz.block.ftl.schema.v1.Schema: a syntax error, an unknown field or enum value name, a "
     "value of the wrong type, a truncated binary message, messages nested more than 200 "
     "deep.",
     "in.json", "check in.json", "[1, 2, 3]\n",
     "Give a Schema message, as 'ftlc emit' or upstream FTL writes it."},
    {"E0602", "protobuf input schema text cannot say", FTL_SEV_ERROR, FTL_SCOPE_PROTO,
     "A protobuf input that decodes, but says what schema text cannot: a name that is not an "
     "identifier, a type, declaration or metadata item with no member set, an enum number or "
     "ingress method that does not exist, a negative number, an inline declaration used as a "
     "type, an external realm without a name. Reported at the start of the file, naming the "
     "realm, module and declaration.",
     "in.json", "check in.json",
     "{\"realms\": [{\"name\": \"shop\", \"modules\": [{\"name\": \"9lives\"}]}]}\n",
     "Fix the tool that wrote the message."},
    {"E0603", "NUL byte in a protobuf string", FTL_SEV_ERROR, FTL_SCOPE_PROTO,
     "A string with a NUL byte (an escape such as \\u0000 or \\x00, or a NUL byte in a "
     "comment) when the schema is written in a protobuf format: protobuf-c strings end at "
     "NUL. Nothing is written. check and the ftl format accept such a string.",
     "in.ftl", "emit --format json in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    enum E: String {\n"
     "      A = \"a\\u0000b\"\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Remove the NUL from the string."},
    {"E0620", "protoc rejected an input", FTL_SEV_ERROR, FTL_SCOPE_IMPORT_PROTO,
     "protoc, which ftlc import proto runs on the .proto files, reported an error: its message, "
     "at the place it names (with the source line when the file is found under the -I folders). "
     "A message without a place (a file protoc cannot find) has none. Nothing is written.",
     "x.proto", "import proto --realm r x.proto",
     "syntax = \"proto3\";\n"
     "message A {\n"
     "  int32 a = 1\n"
     "}\n",
     "Correct the .proto file, or give protoc the folders of its imports with -I."},
    {"E0621", "type not in the descriptors", FTL_SEV_ERROR, FTL_SCOPE_IMPORT,
     "A field or RPC names a message or enum that the descriptors do not hold: a descriptor set "
     "written without protoc's --include_imports, or a server whose reflection service did not "
     "send the file. The message names the type and the field or RPC.",
     NULL, NULL, NULL,
     "Write the descriptor set with 'protoc --include_imports -o FILE', or give the .proto "
     "files; for a server, make its reflection service serve every file its services use."},
    {"E0623", "two packages, one module", FTL_SEV_ERROR, FTL_SCOPE_IMPORT,
     "Two protobuf packages map to the same module name (acme.billing.v1 and acme.billing.v2 "
     "both to billing: a module is a package's last segment that is not a version).",
     "a.proto", "import proto --realm r a.proto b.proto",
     "syntax = \"proto3\";\n"
     "package acme.billing.v1;\n"
     "message M {}\n"
     "-- b.proto --\n"
     "syntax = \"proto3\";\n"
     "package acme.billing.v2;\n"
     "message N {}\n",
     "Give one package another module name: --module-name acme.billing.v2=billingv2."},
    {"E0624", "no such service", FTL_SEV_ERROR, FTL_SCOPE_IMPORT,
     "--service names a service the descriptors do not define.", "x.proto",
     "import proto --realm r --service acme.x.v1.Nope x.proto",
     "syntax = \"proto3\";\n"
     "package acme.x.v1;\n"
     "service S { rpc Get(M) returns (M); }\n"
     "message M {}\n",
     "Give the service's full name (package and service: acme.x.v1.S)."},
    {"E0625", "nothing to import", FTL_SEV_ERROR, FTL_SCOPE_IMPORT,
     "Every RPC of the services to import streams (a verb takes one request and returns one "
     "response), or the inputs declare no service, message or enum. For .proto files whose "
     "services only stream, without --service, their types are imported instead (W0627).",
     "x.proto", "import proto --realm r --service acme.x.v1.Feed x.proto",
     "syntax = \"proto3\";\n"
     "package acme.x.v1;\n"
     "service Feed { rpc Tail(M) returns (stream M); }\n"
     "message M {}\n",
     "Import services that have unary RPCs; expose a stream to FTL through a proxy (as a "
     "topic) instead."},
    {"E0627", "not a descriptor set", FTL_SEV_ERROR, FTL_SCOPE_IMPORT_PROTO,
     "A .pb, .binpb, .desc or .protoset file is not a binary google.protobuf.FileDescriptorSet.",
     "x.pb", "import proto --realm r x.pb", "this is not a descriptor set\n",
     "Write it with 'protoc --include_imports --include_source_info -o FILE x.proto'."},
    {"E0630", "gRPC server unreachable", FTL_SEV_ERROR, FTL_SCOPE_IMPORT_GRPC,
     "The server cannot be reached (nothing listens at the address, or the name does not "
     "resolve); the message has gRPC's words.",
     "ftl-project.toml", "import grpc --plaintext 127.0.0.1:1", "name = \"shipping\"\n",
     "Check the address and that the server runs; --plaintext for a server without TLS."},
    {"E0631", "no server reflection", FTL_SEV_ERROR, FTL_SCOPE_IMPORT_GRPC,
     "The server implements neither grpc.reflection.v1.ServerReflection nor its v1alpha.", NULL,
     NULL, NULL,
     "Turn on server reflection in the server (grpc-go's reflection.Register, grpc-java's "
     "ProtoReflectionService, @grpc/reflection, ...), or import its .proto files with "
     "'ftlc import proto'."},
    {"E0632", "TLS failure", FTL_SEV_ERROR, FTL_SCOPE_IMPORT_GRPC,
     "The TLS handshake with the server failed: a certificate the trusted roots do not vouch "
     "for, a name it does not cover, or a server that does not speak TLS.",
     NULL, NULL, NULL,
     "Give the server's CA with --cacert FILE, or --plaintext for a server without TLS."},
    {"E0633", "gRPC timeout", FTL_SEV_ERROR, FTL_SCOPE_IMPORT_GRPC,
     "The server did not answer within --timeout seconds (30 by default).", NULL, NULL, NULL,
     "Check that the address is a gRPC server; give a longer --timeout."},
    {"E0634", "reflection call failed", FTL_SEV_ERROR, FTL_SCOPE_IMPORT_GRPC,
     "The reflection call ended with another status (UNAUTHENTICATED, say), the server "
     "answered a request with an error, or its answer is not what the protocol allows.",
     NULL, NULL, NULL,
     "Give the server what it wants (--header 'authorization: Bearer TOKEN'); the message has "
     "the server's status and words."},
    {"E0635", "service not listed", FTL_SEV_ERROR, FTL_SCOPE_IMPORT_GRPC,
     "The server does not list a service --service names, or lists none besides the reflection "
     "and health services.",
     NULL, NULL, NULL, "Give the full names the server lists."},
    {"E0701", "invalid TOML", FTL_SEV_ERROR, FTL_SCOPE_PROJECT,
     "ftl-project.toml is not valid TOML; the message is the reader's, at the offending "
     "character.",
     "in.ftl", "check in.ftl",
     "realm shop {}\n"
     "-- ftl-project.toml --\n"
     "name = \"shop\n",
     "Correct the TOML."},
    {"E0702", "project key of the wrong type", FTL_SEV_ERROR, FTL_SCOPE_PROJECT,
     "A key of ftl-project.toml has the wrong type ('name = 3', a realm that is not a table).",
     "in.ftl", "check in.ftl",
     "realm shop {}\n"
     "-- ftl-project.toml --\n"
     "name = 3\n",
     "Give the key a value of the type ftl-project.toml(5) describes."},
    {"E0703", "project value refused", FTL_SEV_ERROR, FTL_SCOPE_PROJECT,
     "A value of ftl-project.toml that is refused: a realm name that is not an identifier, a "
     "git-repo or git-branch git could misread, a git-commit or schema-sha256 that is not "
     "hex of the right length, an absolute git-path or one with '..', an empty string. Such "
     "a pin is left out: nothing runs git with it.",
     "in.ftl", "check in.ftl", PROJECT_BANK "git-commit = \"main\"\n",
     "Correct the value; 'ftlc realm add' and 'ftlc realm update' write valid pins."},
    {"E0704", "pin without git-repo", FTL_SEV_ERROR, FTL_SCOPE_PROJECT,
     "A pinned realm of ftl-project.toml has no git-repo.", "in.ftl", "check in.ftl",
     "realm shop {}\n"
     "-- ftl-project.toml --\n"
     "name = \"shop\"\n"
     "\n"
     "[realms.egress.bank]\n"
     "git-commit = \"0123456789abcdef0123456789abcdef01234567\"\n",
     "Add the repository, or pin the realm with 'ftlc realm add'."},
    {"E0705", "realm pinned twice", FTL_SEV_ERROR, FTL_SCOPE_PROJECT,
     "A realm is pinned twice in ftl-project.toml, or the realm added has the local realm's "
     "name. (Adding a realm pinned already moves its pin, as ftlc realm update does.)",
     "in.ftl", "check in.ftl",
     PROJECT_BANK "\n"
                  "[external-realms.bank]\n"
                  "git-repo = \"https://example.com/bank.git\"\n",
     "Keep one pin; 'ftlc realm update' changes a pin."},
    {"E0706", "pinned schema not cached", FTL_SEV_ERROR, FTL_SCOPE_PROJECT,
     "The public schema of a pinned realm is not in the cache (.ftl/realms/NAME/COMMIT.EXT), "
     "so the compilation cannot read it (check, emit, export, fetch --offline).",
     "in.ftl", "check in.ftl",
     PROJECT_BANK "git-commit = \"0123456789abcdef0123456789abcdef01234567\"\n",
     "Run 'ftlc realm fetch'."},
    {"E0707", "cached schema does not match its hash", FTL_SEV_ERROR, FTL_SCOPE_PROJECT,
     "A cached or fetched schema does not match the SHA-256 recorded for it in "
     "ftl-project.lock: the file changed, or the repository's history was rewritten.",
     NULL, NULL, NULL,
     "Run 'ftlc realm fetch' to fetch it again; if the pin is wrong, 'ftlc realm update' it."},
    {"E0708", "git failed", FTL_SEV_ERROR, FTL_SCOPE_REALM_CMD,
     "Git failed (the repository cannot be cloned or the branch resolved), or the commit has "
     "no schema file at the path.",
     NULL, NULL, NULL, "Check the repository, branch and --git-path; the message has git's words."},
    {"E0709", "fetched schema invalid", FTL_SEV_ERROR, FTL_SCOPE_REALM_CMD,
     "The public schema fetched for a realm is not valid (its own diagnostics come first, "
     "pointing into it); nothing was written.",
     NULL, NULL, NULL, "Fix the schema in the realm's repository, or pin another commit."},
    {"E0710", "pin without commit or branch", FTL_SEV_ERROR, FTL_SCOPE_PROJECT,
     "A pin without git-commit (fetch, compiling) or without git-branch (update).", "in.ftl",
     "check in.ftl",
     "realm shop {}\n"
     "-- ftl-project.toml --\n"
     "name = \"shop\"\n"
     "\n"
     "[realms.egress.bank]\n"
     "git-repo = \"https://example.com/bank.git\"\n",
     "Run 'ftlc realm update NAME' to pin the branch's commit."},
    {"E0711", "project file cannot be edited", FTL_SEV_ERROR, FTL_SCOPE_REALM_CMD,
     "The project file cannot be edited as asked (a realm written as an inline table that "
     "needs a new key, say); nothing was written.",
     NULL, NULL, NULL,
     "Write the realm's pin as a table ([realms.egress.NAME]) and run the command again."},
    {"E0712", "cached schema cannot be used", FTL_SEV_ERROR, FTL_SCOPE_PROJECT,
     "A cache entry under .ftl/realms that is not read: a symbolic link (the entry or a folder "
     "on the way), not a regular file (a FIFO, a device), or over 64 MiB. A cloned repository "
     "may hold anything there; ftlc never reads or writes through it.",
     NULL, NULL, NULL, "Remove it and run 'ftlc realm fetch', which writes a regular file."},
    {"E0713", "project cannot be edited now", FTL_SEV_ERROR, FTL_SCOPE_REALM_CMD,
     "ftlc realm add, update, remove or fetch cannot edit the project: ftl-project.toml or "
     "ftl-project.lock is read-only or a symbolic link, another ftlc realm command holds the "
     "project's lock past --timeout, or the command was interrupted. Nothing was written.",
     NULL, NULL, NULL,
     "Make the file writable, give the file a link points to with --project, or wait for "
     "the other command."},
    {"E0714", "realm request cannot run", FTL_SEV_ERROR, FTL_SCOPE_REALM_CMD,
     "A realm command that cannot run as asked: no project file was found or given, a realm "
     "named is not pinned, or (for programs using libftlc) the request is incomplete.",
     NULL, NULL, NULL,
     "Give the project with --project FILE; list the pins with 'ftlc realm list'."},
    {"E0715", "project file or cache cannot be written", FTL_SEV_ERROR, FTL_SCOPE_REALM_CMD,
     "A file of the project or its cache cannot be read or written (permissions, a full disk, "
     "the file-size limit); what was written is undone.",
     NULL, NULL, NULL, "The message names the file and the system's reason."},
    {"E0716", "update breaks what the local realm uses", FTL_SEV_ERROR, FTL_SCOPE_REALM_CMD,
     "ftlc realm update (or realm add of a name already pinned) refused to move a realm: its "
     "new public schema breaks what the local realm uses of it (the verbs its +calls name, the "
     "types its declarations name), by the rules of ftlc-breaking(1). Each change that breaks "
     "it is reported before, with its rule as the code. Nothing was written.",
     NULL, NULL, NULL,
     "Adapt the local realm to the new API first, ask the realm's owners to keep it "
     "compatible, or update with --force and fix what breaks; --dry-run shows every change."},
    {"E0717", "update makes the local schema fail to check", FTL_SEV_ERROR, FTL_SCOPE_REALM_CMD,
     "ftlc realm update (or realm add of a name already pinned) refused to move a realm: the "
     "local realm's schema (the .ftl files under the project's folder) checks with the pinned "
     "schema but not with the new one; its errors are reported before. Nothing was written.",
     NULL, NULL, NULL,
     "Fix the local schema for the new API, or update with --force and fix it after."},
    {"I0301", "references to other modules not checked", FTL_SEV_NOTE, FTL_SCOPE_MODULE,
     "A module file checked alone (no realm, no -I) is validated as upstream FTL validates a "
     "module file: its references into other modules cannot be resolved. One note per other "
     "module says so, at the first reference. A note never fails the run, also with -W error.",
     "m.ftl", "check m.ftl",
     "module m {\n"
     "  data D {\n"
     "    x other.Typo\n"
     "  }\n"
     "}\n",
     "Pass -I DIR (where DIR/other.ftl holds module other), or check the realm's files "
     "together."},
    {"I0626", "what the descriptors lack", FTL_SEV_NOTE, FTL_SCOPE_IMPORT,
     "The descriptors lacked what ftlc import would have used: comments (no source info), JSON "
     "names (derived then by protobuf's rule), proto3_optional (a oneof named '_field' with that "
     "one field is then taken for an optional field) or full type names (relative ones are "
     "resolved by protobuf's scoping rules). Servers that rebuild descriptors send such ones "
     "(the Node.js stack does); so do descriptor sets written without --include_source_info. "
     "The realm is the same but for the comments. A note never fails the run.",
     NULL, NULL, NULL, "Serve (or write) protoc's own descriptors, with source info."},
    {"W0001", "missing -I directory", FTL_SEV_WARNING, FTL_SCOPE_INCLUDE,
     "A directory given with -I does not exist.", "in.ftl", "check -I nosuchdir in.ftl",
     "realm r {}\n", "Correct the path, or drop the option."},
    {"W0301", "module named builtin", FTL_SEV_WARNING, FTL_SCOPE_REALM,
     "A module named builtin without the word builtin: it is replaced by the builtin module "
     "and its declarations are ignored. Upstream FTL replaces it silently.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module builtin {\n"
     "    export data X {}\n"
     "  }\n"
     "}\n",
     "Rename the module."},
    {"W0501", "redundant realm suffix", FTL_SEV_WARNING, FTL_SCOPE_REALM,
     "A realm suffix names the enclosing realm.", "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    data D {}\n"
     "    data E {\n"
     "      x m.D@r\n"
     "    }\n"
     "  }\n"
     "}\n",
     "Remove the suffix ('ftlc check --fix' does)."},
    {"W0502", "API declaration not marked export realm", FTL_SEV_WARNING, FTL_SCOPE_REALM,
     "A declaration in the public API of the local realm is not marked 'export realm'. When "
     "E0314 already reports the declaration, it is not reported twice.",
     "in.ftl", "check in.ftl",
     "realm r {\n"
     "  module m {\n"
     "    export data P {}\n"
     "    export realm verb v(m.P) Unit\n"
     "  }\n"
     "}\n",
     "Mark the declaration 'export realm' ('ftlc check --fix' does)."},
    {"W0620", "streaming RPC left out", FTL_SEV_WARNING, FTL_SCOPE_IMPORT,
     "A client-, server- or bidirectional-streaming RPC has no FTL form: a verb takes one "
     "request and returns one response. It is left out of the realm.",
     "x.proto", "import proto --realm r x.proto",
     "syntax = \"proto3\";\n"
     "package acme.x.v1;\n"
     "service S {\n"
     "  rpc Get(M) returns (M);\n"
     "  rpc Tail(M) returns (stream M);\n"
     "}\n"
     "message M {}\n",
     "Nothing to fix in the realm; a proxy can expose the stream another way (a topic)."},
    {"W0621", "uint64 value", FTL_SEV_WARNING, FTL_SCOPE_IMPORT,
     "A uint64 or fixed64 field (or UInt64Value) becomes Int, which holds values up to "
     "2^63-1 only.",
     "x.proto", "import proto --realm r x.proto",
     "syntax = \"proto3\";\n"
     "package acme.x.v1;\n"
     "service S { rpc Get(M) returns (M); }\n"
     "message M { uint64 big = 1; }\n",
     "Keep the values below 2^63, or carry them as strings."},
    {"W0622", "name changed", FTL_SEV_WARNING, FTL_SCOPE_IMPORT,
     "A protobuf name FTL cannot take as it is was changed: a module named like a Go keyword "
     "or builtin, a declaration named like a primitive type (type_, String_), a name taken in "
     "its module (numbered; a verb first takes its service's name before its own), a JSON name "
     "that is no identifier (the field then keeps its JSON name with +alias json).",
     "x.proto", "import proto --realm r x.proto",
     "syntax = \"proto3\";\n"
     "package acme.x.v1;\n"
     "service S { rpc Get(String) returns (String); }\n"
     "message String { string value = 1; }\n",
     "Nothing to fix; rename the protobuf element if the FTL name matters."},
    {"W0627", "only types imported", FTL_SEV_WARNING, FTL_SCOPE_IMPORT_PROTO,
     "Every RPC of the services of the .proto files streams: their messages and enums are "
     "imported, without verbs (with --service, or from a server, this is error E0625).",
     "x.proto", "import proto --realm r x.proto",
     "syntax = \"proto3\";\n"
     "package acme.x.v1;\n"
     "service Feed { rpc Tail(M) returns (stream M); }\n"
     "message M {}\n",
     "Nothing to fix when a realm of shared types is what is wanted."},
    {"W0629", "protoc warning", FTL_SEV_WARNING, FTL_SCOPE_IMPORT_PROTO,
     "protoc warned about an input (an unused import, say); its message, at its place.", "x.proto",
     "import proto --realm r x.proto",
     "syntax = \"proto3\";\n"
     "package acme.x.v1;\n"
     "import \"google/protobuf/empty.proto\";\n"
     "message M {}\n",
     "Follow protoc's advice."},
    {"W0701", "unknown project key", FTL_SEV_WARNING, FTL_SCOPE_PROJECT,
     "An unknown key in [realms] or in a pin of ftl-project.toml (most likely a typo: the "
     "message lists the keys ftlc reads).",
     "in.ftl", "check in.ftl",
     PROJECT_BANK "git-comit = \"0123456789abcdef0123456789abcdef01234567\"\n", "Correct the key."},
    {"W0702", "pinned schema unverified", FTL_SEV_WARNING, FTL_SCOPE_PROJECT,
     "A pin without a recorded SHA-256 (in ftl-project.lock, for its git-commit): its cached "
     "schema is used unverified.",
     NULL, NULL, NULL, "Run 'ftlc realm update NAME' to record the hash."},
    {"W0703", "realm cache kept", FTL_SEV_WARNING, FTL_SCOPE_REALM_CMD,
     "ftlc realm remove unpinned a realm but kept files in its cache folder that it did not "
     "write (another name, a link, a folder), or could not delete the folder (a link on the "
     "way is never followed).",
     NULL, NULL, NULL, "Look at what is named and remove what is not yours to keep."},

    {"W0704", "forced realm update", FTL_SEV_WARNING, FTL_SCOPE_REALM_CMD,
     "ftlc realm update --force (or realm add --force) moved a realm although the new schema "
     "breaks what the local realm uses, or its schema no longer checks with it (what E0716 and "
     "E0717 refuse without --force).",
     NULL, NULL, NULL, "Adapt the local realm to the new API: 'ftlc check' shows what fails."},
    /* The rules of ftlc breaking (src/realm/breaking_rules.c): their IDs are the codes of
     * its findings. */
    {"VERB_NO_DELETE", "verb removed or out of scope", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A verb in scope (by default, one marked export realm) was removed, or is no longer "
     "in scope: it lost its export realm (or, with --scope module, its export). Its "
     "callers' calls fail.",
     BRK_ARGS,
     BRK_REALM("shop", "    export realm verb a(String) String\n"
                       "    export realm verb b(String) String\n")
         BRK_NEW BRK_REALM("shop", "    export realm verb a(String) String\n"),
     "Keep the verb (deprecate it in a comment first), or ship the removal with the "
     "callers moved off it; --except VERB_NO_DELETE accepts it."},
    {"DECL_NO_DELETE", "declaration removed or out of scope", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A data, enum, typealias or topic in scope was removed, or no declaration in scope "
     "reaches it any more. The clients generated for callers name it and no longer build "
     "(a SOURCE change); what the wire carries is reported by the rules of the verbs "
     "that used it.",
     BRK_ARGS,
     BRK_REALM("shop", "    export realm data A {\n"
                       "      x Int\n"
                       "    }\n"
                       "    export realm typealias Cents Int\n")
         BRK_NEW BRK_REALM("shop", "    export realm typealias Cents Int\n"),
     "Keep the declaration in the API, or accept the change with --except DECL_NO_DELETE "
     "or --category wire."},
    {"DECL_SAME_KIND", "declaration changed kind", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A data, enum or typealias of the API became another of the three under the same "
     "name; generated clients change the type they declare for it.",
     BRK_ARGS,
     BRK_REALM("shop", "    export realm data A {\n"
                       "      x Int\n"
                       "    }\n") BRK_NEW BRK_REALM("shop", "    export realm typealias A Int\n"),
     "Keep the kind and add a declaration of the new kind under a new name."},
    {"VERB_SAME_REQUEST", "verb request type replaced", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A verb's request type was replaced by another type. It is a WIRE change when what "
     "the wire carries differs (callers' requests no longer fit), a SOURCE change when "
     "the new type is another spelling of the same JSON: an alias that resolves to the "
     "old type, or a renamed copy of the same structure. A change inside the request "
     "type is reported where it happens, by the field and enum rules.",
     BRK_ARGS,
     BRK_REALM("shop", "    export realm data A {\n"
                       "      x Int\n"
                       "    }\n"
                       "    export realm data B {\n"
                       "      y String\n"
                       "    }\n"
                       "    export realm verb a(m.A) Unit\n")
         BRK_NEW BRK_REALM("shop", "    export realm data A {\n"
                                   "      x Int\n"
                                   "    }\n"
                                   "    export realm data B {\n"
                                   "      y String\n"
                                   "    }\n"
                                   "    export realm verb a(m.B) Unit\n"),
     "Keep the request type and change it compatibly (add optional fields), or add a "
     "verb with the new request."},
    {"VERB_SAME_RESPONSE", "verb response type replaced", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A verb's response type was replaced by another type: a WIRE change when what the "
     "wire carries differs (callers cannot read the response), a SOURCE change when it "
     "is another spelling of the same JSON (an alias, a renamed copy of the same "
     "structure).",
     BRK_ARGS,
     BRK_REALM("shop", "    export realm verb a(Unit) Int\n")
         BRK_NEW BRK_REALM("shop", "    export realm verb a(Unit) String\n"),
     "Keep the response type and change it compatibly (add fields), or add a verb with "
     "the new response."},
    {"TYPE_SAME_PARAMETERS", "type parameters changed", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "The type parameters of a generic data declaration changed (in number or names); "
     "generated clients declare them.",
     BRK_ARGS,
     BRK_REALM("shop", "    export realm data Page<T> {\n"
                       "      items [T]\n"
                       "    }\n") BRK_NEW BRK_REALM("shop", "    export realm data Page<T, U> {\n"
                                                            "      items [T]\n"
                                                            "      more [U]?\n"
                                                            "    }\n"),
     "Keep the parameters; declare a new generic type for the new ones."},
    {"FIELD_NO_DELETE", "field removed", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A field was removed from a data type reached by a verb or topic in scope. Callers "
     "that receive the type (OUT or BOTH) still read the field: a WIRE change. Callers "
     "that only send it (IN) send a field the server ignores, but their generated "
     "clients no longer build: a SOURCE change.",
     BRK_ARGS,
     BRK_DATA("      a Int\n"
              "      b String\n",
              "get(Unit) m.T") BRK_NEW BRK_DATA("      a Int\n", "get(Unit) m.T"),
     "Keep the field (make it optional in a type callers send), or remove it in a new "
     "version of the API."},
    {"FIELD_SAME_TYPE", "field type changed", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A field's type (or a typealias's target, which changes every field that uses it) "
     "was replaced by an incompatible one: a WIRE change. Another spelling of the same "
     "wire type (Int to an alias of Int) is a SOURCE change.",
     BRK_ARGS,
     BRK_DATA("      a Int\n", "echo(m.T) m.T")
         BRK_NEW BRK_DATA("      a Float\n", "echo(m.T) m.T"),
     "Keep the type; add a field of the new type beside it."},
    {"FIELD_SAME_JSON_NAME", "field wire name changed", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A field's name on the wire changed: its +alias json, or its name when it has none "
     "(adding an alias changes it). JSON written with the old name is no longer read.",
     BRK_ARGS,
     BRK_DATA("      a Int\n", "send(m.T) Unit")
         BRK_NEW BRK_DATA("      a Int +alias json \"b\"\n", "send(m.T) Unit"),
     "Keep the wire name: when renaming the field, give it +alias json with the old "
     "name."},
    {"FIELD_NO_REQUIRED_ADD", "required field added to a request type", FTL_SEV_ERROR,
     FTL_SCOPE_BREAKING,
     "A field that is not optional was added to a type that callers send (IN or BOTH): "
     "their requests lack it.",
     BRK_ARGS,
     BRK_DATA("      a Int\n", "send(m.T) Unit") BRK_NEW BRK_DATA("      a Int\n"
                                                                  "      b String\n",
                                                                  "send(m.T) Unit"),
     "Make the new field optional (T?), or add it to a type only callers receive."},
    {"FIELD_SAME_OPTIONALITY", "field optionality changed", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "An optional field became required in a type callers send (IN, BOTH: requests "
     "without it no longer fit), or a required field became optional in a type callers "
     "receive (OUT, BOTH: callers that expect it get nothing). The opposite changes are "
     "compatible.",
     BRK_ARGS,
     BRK_DATA("      a Int?\n", "send(m.T) Unit")
         BRK_NEW BRK_DATA("      a Int\n", "send(m.T) Unit"),
     "Keep the optionality; in a request type, a field may become optional, in a "
     "response type required."},
    {"ENUM_SAME_KIND", "enum kind changed", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A value enum became a type enum or the other way round, or a value enum changed "
     "its value type (String to Int): every value changes on the wire.",
     BRK_ARGS,
     BRK_REALM("shop", "    export realm enum A: String {\n"
                       "      X = \"x\"\n"
                       "    }\n") BRK_NEW BRK_REALM("shop", "    export realm enum A: Int {\n"
                                                            "      X = 1\n"
                                                            "    }\n"),
     "Keep the enum as it is and declare a new one."},
    {"ENUM_VALUE_NO_DELETE", "enum variant removed", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A variant was removed from an enum reached by a verb or topic in scope. Callers "
     "that send the enum (IN or BOTH) may send the variant: a WIRE change. For an enum "
     "callers only receive (OUT) the generated clients change: a SOURCE change.",
     BRK_ARGS,
     BRK_ENUM("      A = \"a\"\n"
              "      B = \"b\"\n",
              "send(m.T) Unit") BRK_NEW BRK_ENUM("      A = \"a\"\n", "send(m.T) Unit"),
     "Keep the variant (and reject it with an error response, if it must go)."},
    {"ENUM_VALUE_SAME_VALUE", "enum variant value changed", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A variant kept its name but changed its value (in a type enum, its type): what "
     "callers send and read under that name changed.",
     BRK_ARGS,
     BRK_ENUM("      A = \"a\"\n", "get(Unit) m.T")
         BRK_NEW BRK_ENUM("      A = \"x\"\n", "get(Unit) m.T"),
     "Keep the value; add a variant with the new value."},
    {"ENUM_VALUE_NO_ADD_OUT", "enum variant added to a response type", FTL_SEV_ERROR,
     FTL_SCOPE_BREAKING,
     "A variant was added to an enum that callers receive (OUT or BOTH): clients that "
     "handle every variant reject the one they do not know.",
     BRK_ARGS,
     BRK_ENUM("      A = \"a\"\n", "get(Unit) m.T") BRK_NEW BRK_ENUM("      A = \"a\"\n"
                                                                     "      B = \"b\"\n",
                                                                     "get(Unit) m.T"),
     "Make sure callers accept unknown variants, then accept the change with --except "
     "ENUM_VALUE_NO_ADD_OUT; or add the variant in a new enum."},
    {"TOPIC_SAME_EVENT", "topic event type replaced", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "A topic's event type was replaced by another type: subscribers cannot read the "
     "events (WIRE), or, for another spelling of the same JSON, their generated code "
     "changes (SOURCE).",
     BRK_ARGS,
     BRK_REALM("shop", "    export realm data Ev {\n"
                       "      x Int\n"
                       "    }\n"
                       "    export realm topic t m.Ev\n")
         BRK_NEW BRK_REALM("shop", "    export realm data Ev {\n"
                                   "      x Int\n"
                                   "    }\n"
                                   "    export realm topic t String\n"),
     "Keep the event type and change it compatibly, or publish the new events to a new "
     "topic."},
    {"REALM_SAME_NAME", "realm renamed", FTL_SEV_ERROR, FTL_SCOPE_BREAKING,
     "The local realm's name changed (in its realm block or in ftl-project.toml). Every "
     "other realm refers to its verbs as module.verb@realm and pins it by name: all of "
     "those references break. It is reported once; the realm's declarations are compared "
     "as if it had kept its name.",
     BRK_ARGS,
     BRK_REALM("shop", "    export realm verb a(String) Unit\n")
         BRK_NEW BRK_REALM("store", "    export realm verb a(String) Unit\n"),
     "Keep the realm's name."},
};
const size_t ftl_ncode_docs = sizeof ftl_code_docs / sizeof ftl_code_docs[0];

const FtlCodeDoc *ftl_code_doc(const char *code)
{
    for (size_t i = 0; i < ftl_ncode_docs; i++)
        if (strcasecmp(ftl_code_docs[i].code, code) == 0) return &ftl_code_docs[i];
    return NULL;
}

const char *ftl_code_scope_text(FtlCodeScope s)
{
    switch (s) {
    case FTL_SCOPE_TEXT: return "every command that reads schema text";
    case FTL_SCOPE_ANY: return "every command that reports diagnostics";
    case FTL_SCOPE_MODULE:
        return "check, emit, export and clients, also for a module file checked alone";
    case FTL_SCOPE_REALM:
        return "check, emit, export and clients, when they check a realm (not for a module file "
               "checked alone)";
    case FTL_SCOPE_PROTO:
        return "check, emit, export and clients, when they read or write a protobuf format";
    case FTL_SCOPE_PROJECT:
        return "the commands that read ftl-project.toml: check, emit, export, clients and ftlc "
               "realm";
    case FTL_SCOPE_REALM_CMD: return "ftlc realm";
    case FTL_SCOPE_INCLUDE: return "check, emit, export and clients, for their -I options";
    case FTL_SCOPE_BREAKING: return "ftlc breaking";
    case FTL_SCOPE_IMPORT: return "ftlc import proto and ftlc import grpc";
    case FTL_SCOPE_IMPORT_PROTO: return "ftlc import proto";
    case FTL_SCOPE_IMPORT_GRPC: return "ftlc import grpc";
    }
    return "";
}

const char *ftl_code_class(const char *code)
{
    static const struct {
        const char *prefix, *title;
    } classes[] = {
        {"E01", "Lexical errors"},
        {"E02", "Syntax errors"},
        {"E03", "Names, duplicates, references and visibility"},
        {"E04", "Verbs, metadata and declarations"},
        {"E05", "Federation"},
        {"E06", "Protobuf inputs and outputs"},
        {"E07", "Project files and pinned realms"},
        {"I", "Notes"},
        {"W", "Warnings"},
    };
    if (strchr(code, '_')) return "Breaking changes"; /* the rule IDs of ftlc breaking */
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strncmp(code, classes[i].prefix, strlen(classes[i].prefix)) == 0)
            return classes[i].title;
    return "Other";
}
