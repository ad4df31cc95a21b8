/* breaking_rules.c - the rule table: IDs (stable: they are diagnostic codes, --except
 * arguments and SARIF rule ids, documented in src/base/diagcodes.c) and categories. The order is
 * the order of FtlBrkRule, of --summary and of the table in ftlc-breaking(1).
 */
#include "realm/breaking.h"

#include <string.h>
#include <strings.h>

/* FtlBreakingRule of include/ftlc.h: the API hands this table out as it is. */
static const FtlBreakingRule RULES[FTL_BRK__COUNT] = {
    {"VERB_NO_DELETE", "WIRE"},
    {"DECL_NO_DELETE", "SOURCE"},
    {"DECL_SAME_KIND", "SOURCE"},
    {"VERB_SAME_REQUEST", "WIRE"},
    {"VERB_SAME_RESPONSE", "WIRE"},
    {"TYPE_SAME_PARAMETERS", "SOURCE"},
    {"FIELD_NO_DELETE", "WIRE/SOURCE"},
    {"FIELD_SAME_TYPE", "WIRE"},
    {"FIELD_SAME_JSON_NAME", "WIRE"},
    {"FIELD_NO_REQUIRED_ADD", "WIRE"},
    {"FIELD_SAME_OPTIONALITY", "WIRE"},
    {"ENUM_SAME_KIND", "WIRE"},
    {"ENUM_VALUE_NO_DELETE", "WIRE/SOURCE"},
    {"ENUM_VALUE_SAME_VALUE", "WIRE"},
    {"ENUM_VALUE_NO_ADD_OUT", "WIRE"},
    {"TOPIC_SAME_EVENT", "WIRE"},
    {"REALM_SAME_NAME", "WIRE"},
};

const FtlBreakingRule *ftl_brk_rules(void)
{
    return RULES;
}

const char *ftl_brk_rule_id(FtlBrkRule r)
{
    return RULES[r].id;
}

const char *ftl_brk_rule_categories(FtlBrkRule r)
{
    return RULES[r].category;
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
