/* breaking_rules.c - the rule table: IDs (stable: they are diagnostic codes, --except
 * arguments and SARIF rule ids), categories and one-line summaries. The order is the
 * order of FtlBrkRule, of --summary and of the table in ftlc-breaking(1).
 */
#include "realm/breaking.h"

#include <string.h>
#include <strings.h>

typedef struct Rule {
    const char *id, *categories, *summary;
} Rule;

static const Rule RULES[FTL_BRK__COUNT] = {
    {"VERB_NO_DELETE", "WIRE", "an in-scope verb is removed or leaves the scope"},
    {"DECL_NO_DELETE", "SOURCE",
     "an in-scope data, enum, typealias or topic is removed or leaves the scope"},
    {"DECL_SAME_KIND", "SOURCE", "a declaration changes kind (data, enum, typealias)"},
    {"VERB_SAME_REQUEST", "WIRE", "a verb's request type is replaced by an incompatible one"},
    {"VERB_SAME_RESPONSE", "WIRE", "a verb's response type is replaced by an incompatible one"},
    {"TYPE_SAME_PARAMETERS", "SOURCE", "a generic declaration's type parameters change"},
    {"FIELD_NO_DELETE", "WIRE/SOURCE", "a field is removed (WIRE from OUT or BOTH types)"},
    {"FIELD_SAME_TYPE", "WIRE", "a field's type changes incompatibly"},
    {"FIELD_SAME_JSON_NAME", "WIRE", "a field's wire name (+alias json) changes"},
    {"FIELD_NO_REQUIRED_ADD", "WIRE", "a non-optional field is added to an IN or BOTH type"},
    {"FIELD_SAME_OPTIONALITY", "WIRE",
     "T? becomes T in an IN or BOTH type, or T becomes T? in an OUT or BOTH type"},
    {"ENUM_SAME_KIND", "WIRE", "a value enum becomes a type enum or changes its value type"},
    {"ENUM_VALUE_NO_DELETE", "WIRE/SOURCE", "a variant is removed (WIRE from IN or BOTH enums)"},
    {"ENUM_VALUE_SAME_VALUE", "WIRE", "a variant keeps its name but changes its value"},
    {"ENUM_VALUE_NO_ADD_OUT", "WIRE", "a variant is added to an OUT or BOTH enum"},
    {"TOPIC_SAME_EVENT", "WIRE", "an in-scope topic's event type changes incompatibly"},
    {"REALM_SAME_NAME", "WIRE", "the realm's name changes"},
};

const char *ftl_brk_rule_id(FtlBrkRule r)
{
    return RULES[r].id;
}

const char *ftl_brk_rule_categories(FtlBrkRule r)
{
    return RULES[r].categories;
}

const char *ftl_brk_rule_summary(FtlBrkRule r)
{
    return RULES[r].summary;
}

int ftl_brk_rule_parse(const char *id)
{
    for (int i = 0; i < FTL_BRK__COUNT; i++)
        if (strcasecmp(id, RULES[i].id) == 0) return i;
    return -1;
}

const char *ftl_brk_category_name(FtlBrkCategory c)
{
    return c == FTL_BRK_WIRE ? "WIRE" : "SOURCE";
}

const char *ftl_brk_dir_name(FtlBrkDir d)
{
    static const char *const names[] = {"NONE", "IN", "OUT", "BOTH"};
    return names[d & 3];
}

int ftl_brk_scope_parse(const char *name)
{
    static const char *const names[] = {"realm", "module", "all"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) return i;
    return -1;
}
