#!/bin/sh
# Structural test of 'ftlc check --error-format sarif' (SARIF 2.1.0).
#
# For a few inputs (several errors over two files, notes and help, a warning,
# a federation error, a syntax error, a clean input, a file name with a space,
# standard input) it runs ftlc twice, once with --error-format sarif and once
# with --error-format json, and checks the SARIF log:
#   - it is JSON; "version" is "2.1.0"; "$schema" is present;
#   - runs[0].tool.driver.name is set; every rules[] entry has an "id";
#   - runs[0].columnKind is "unicodeCodePoints" (columns count code points);
#   - every result has "ruleId" (listed in rules[]), "level" (error, warning,
#     note or none), "message.text", and locations[0].physicalLocation with
#     artifactLocation.uri (a valid RFC 3986 URI reference) and region
#     startLine/startColumn (integers >= 1);
#   - results match the JSON diagnostics one to one (code, level, file, line,
#     column), and the exit status is the same as with the text format;
#   - runs[0].columnKind is unicodeCodePoints; each of a result's fixes has a
#     description, one artifactChange with a valid URI and one replacement
#     (deletedRegion with four integers >= 1, insertedContent.text), and the
#     fixes are the JSON "fixits" one to one (message, range, replacement).
# Uses python3 when available (unless SARIF_NO_PYTHON=1), otherwise a coarser
# grep-based check.
# Prints "sarif: N passed, M failed"; exits non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$here/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-sarif.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
pass=0
fail=0
failed=""
PY=
[ "${SARIF_NO_PYTHON:-0}" = 1 ] || { command -v python3 >/dev/null 2>&1 && PY=python3; }

# ---- inputs ----------------------------------------------------------------------------
mkdir -p "$scratch/in"
cat >"$scratch/in/a.ftl" <<'EOF'
realm shop {
  module a {
    data P {
    }

    export data D {
      p a.P
      q a.Nope
    }

    verb v(Unit) Unit
      +calls a.D
  }
}
EOF
cat >"$scratch/in/b.ftl" <<'EOF'
realm shop {
  module b {
    data E {
      x a.D@shop
    }

    verb w(Unit) Unit
      +egress "100%\t${host}"
      +cron Mon
      +cron Tue
  }
}
EOF
cat >"$scratch/in/fed.ftl" <<'EOF'
external realm bank {
  module payments {
    export realm data Money {
      amount Int
    }
  }
}

realm shop {
  module c {
    export realm verb api(payments.Money@bank) Unit

    verb pay(Unit) Unit
      +publish payments.Money@bank
  }
}
EOF
printf 'realm r {\n  module m {\n    data D {\n      x Int??\n    }\n  }\n}\n' >"$scratch/in/syntax.ftl"
printf 'realm r {\n  module m {\n    data D {\n    }\n  }\n}\n' >"$scratch/in/clean.ftl"
printf 'realm r {\n  module m {\n    data D {\n      x m.Nope\n    }\n  }\n}\n' >"$scratch/in/my file.ftl"
cp "$scratch/in/my file.ftl" "$scratch/in/stdin.ftl"

# ---- the validator ---------------------------------------------------------------------------
cat >"$scratch/validate.py" <<'EOF'
import json, re, sys

sarif_path, json_path = sys.argv[1], sys.argv[2]
problems = []

def bad(msg):
    problems.append(msg)

# RFC 3986 URI-reference characters: unreserved, reserved and %HH escapes.
URI_RE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")

try:
    with open(sarif_path, encoding="utf-8") as f:
        log = json.load(f)
except Exception as e:
    print("  SARIF output is not JSON: %s" % e)
    sys.exit(1)
try:
    with open(json_path, encoding="utf-8") as f:
        diags = json.load(f)
except Exception as e:
    print("  --error-format json output is not JSON: %s" % e)
    sys.exit(1)

if not isinstance(log, dict):
    bad("top level is not an object")
    log = {}
if log.get("version") != "2.1.0":
    bad('"version" is %r, expected "2.1.0"' % log.get("version"))
if not isinstance(log.get("$schema"), str) or not log.get("$schema"):
    bad('"$schema" is missing')
runs = log.get("runs")
if not isinstance(runs, list) or not runs:
    bad('"runs" is missing or empty')
    runs = [{}]
run = runs[0] if isinstance(runs[0], dict) else {}
if run.get("columnKind") != "unicodeCodePoints":
    bad("runs[0].columnKind is not unicodeCodePoints")
driver = ((run.get("tool") or {}).get("driver")) or {}
if not isinstance(driver.get("name"), str) or not driver.get("name"):
    bad("runs[0].tool.driver.name is missing")
rules = driver.get("rules", [])
if not isinstance(rules, list):
    bad("runs[0].tool.driver.rules is not an array")
    rules = []
rule_ids = []
for i, r in enumerate(rules):
    if not isinstance(r, dict) or not isinstance(r.get("id"), str) or not r.get("id"):
        bad("rules[%d] has no id" % i)
    else:
        rule_ids.append(r["id"])
if len(set(rule_ids)) != len(rule_ids):
    bad("rules[] lists an id twice: %s" % rule_ids)
results = run.get("results")
if not isinstance(results, list):
    bad("runs[0].results is missing")
    results = []

if run.get("columnKind") != "unicodeCodePoints":
    bad('runs[0].columnKind is %r: ftlc columns count code points' % run.get("columnKind"))
got = []
got_fixes = []
for i, res in enumerate(results):
    where = "results[%d]" % i
    if not isinstance(res, dict):
        bad(where + " is not an object")
        continue
    rid = res.get("ruleId")
    if not isinstance(rid, str) or not rid:
        bad(where + " has no ruleId")
    elif rid not in rule_ids:
        bad(where + " ruleId %s is not in rules[]" % rid)
    level = res.get("level")
    if level not in ("error", "warning", "note", "none"):
        bad(where + " has level %r" % level)
    text = (res.get("message") or {}).get("text")
    if not isinstance(text, str) or not text:
        bad(where + " has no message.text")
    locs = res.get("locations")
    if not isinstance(locs, list) or not locs or not isinstance(locs[0], dict):
        bad(where + " has no locations[0]")
        continue
    phys = locs[0].get("physicalLocation") or {}
    uri = (phys.get("artifactLocation") or {}).get("uri")
    if not isinstance(uri, str) or not uri:
        bad(where + " has no locations[0].physicalLocation.artifactLocation.uri")
    elif not URI_RE.match(uri):
        bad(where + " artifactLocation.uri %r is not a valid URI reference (RFC 3986)" % uri)
    region = phys.get("region") or {}
    line, col = region.get("startLine"), region.get("startColumn")
    for k, v in (("startLine", line), ("startColumn", col)):
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            bad(where + " region.%s is %r" % (k, v))
    got.append((rid, level, line, col))
    fixes = res.get("fixes", [])
    if not isinstance(fixes, list):
        bad(where + " fixes is not an array")
        fixes = []
    for j, fx in enumerate(fixes):
        fw = where + ".fixes[%d]" % j
        desc = ((fx or {}).get("description") or {}).get("text")
        changes = (fx or {}).get("artifactChanges")
        if not isinstance(desc, str) or not desc:
            bad(fw + " has no description.text")
        if not isinstance(changes, list) or len(changes) != 1:
            bad(fw + " has no artifactChanges[0]")
            continue
        curi = (changes[0].get("artifactLocation") or {}).get("uri")
        if not isinstance(curi, str) or not URI_RE.match(curi):
            bad(fw + " artifactLocation.uri %r is not a valid URI reference" % curi)
        reps = changes[0].get("replacements")
        if not isinstance(reps, list) or len(reps) != 1:
            bad(fw + " has no replacements[0]")
            continue
        dr = reps[0].get("deletedRegion") or {}
        for k in ("startLine", "startColumn", "endLine", "endColumn"):
            v = dr.get(k)
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                bad(fw + " deletedRegion.%s is %r" % (k, v))
        ins = (reps[0].get("insertedContent") or {}).get("text")
        if not isinstance(ins, str):
            bad(fw + " has no insertedContent.text")
        got_fixes.append((rid, line, col, desc, dr.get("startLine"), dr.get("startColumn"),
                          dr.get("endLine"), dr.get("endColumn"), ins))

want = []
want_fixes = []
if isinstance(diags, list):
    for d in diags:
        lvl = {"error": "error", "warning": "warning", "note": "note"}.get(d.get("severity"), d.get("severity"))
        want.append((d.get("code"), lvl, d.get("line"), d.get("column")))
        for fx in d.get("fixits", []):
            r = fx.get("range", {})
            want_fixes.append((d.get("code"), d.get("line"), d.get("column"), fx.get("message"),
                               r.get("line"), r.get("column"), r.get("end_line"),
                               r.get("end_column"), fx.get("replacement")))
else:
    bad("--error-format json output is not an array")
if sorted(map(repr, got)) != sorted(map(repr, want)):
    bad("results differ from the JSON diagnostics:\n    sarif: %s\n    json:  %s" % (got, want))
if sorted(map(repr, got_fixes)) != sorted(map(repr, want_fixes)):
    bad("fixes differ from the JSON fixits:\n    sarif: %s\n    json:  %s" % (got_fixes, want_fixes))

for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
EOF

# Coarse check without python3.
grep_validate() {
    s=$1
    gv=0
    grep -q '"version": *"2\.1\.0"' "$s" || { echo '  no "version": "2.1.0"'; gv=1; }
    grep -q '"\$schema": *"[^"]' "$s" || { echo '  no "$schema"'; gv=1; }
    grep -q '"driver": *{[^}]*"name": *"[^"]' "$s" || { echo '  no tool.driver.name'; gv=1; }
    nres=$(grep -o '"ruleId": *"[^"]*"' "$s" | wc -l)
    for key in '"level": *"\(error\|warning\|note\|none\)"' '"message": *{ *"text": *"' \
               '"artifactLocation": *{ *"uri": *"[^"]' '"startLine": *[1-9]' '"startColumn": *[1-9]'; do
        n=$(grep -o "$key" "$s" | wc -l)
        # every result has it (notes may add more locations, never fewer)
        [ "$n" -ge "$nres" ] || { echo "  only $n of $nres results match $key"; gv=1; }
    done
    for id in $(grep -o '"ruleId": *"[^"]*"' "$s" | sed 's/.*"\([^"]*\)"$/\1/' | sort -u); do
        grep -q "\"id\": *\"$id\"" "$s" || { echo "  rule $id missing from rules[]"; gv=1; }
    done
    if grep -q '"uri": *"[^"]*[ <>\\{}|^`][^"]*"' "$s"; then echo '  an artifactLocation.uri is not a valid URI reference'; gv=1; fi
    return $gv
}

# run NAME EXPECTED_EXIT ARGS... (in the input folder; a leading '<FILE' feeds stdin)
run() {
    name=$1
    want=$2
    shift 2
    stdin=/dev/null
    case $1 in "<"*) stdin=$scratch/in/${1#<}; shift ;; esac
    (cd "$scratch/in" && "$FTLC" check --error-format sarif "$@" <"$stdin" >"$scratch/$name.out" 2>"$scratch/$name.sarif")
    code=$?
    (cd "$scratch/in" && "$FTLC" check --error-format json "$@" <"$stdin" >/dev/null 2>"$scratch/$name.json")
    ok=1
    if [ "$code" != "$want" ]; then
        echo "--- $name: exit status $code, expected $want"
        ok=0
    fi
    if [ -s "$scratch/$name.out" ]; then
        echo "--- $name: unexpected standard output"
        ok=0
    fi
    if [ -n "$PY" ]; then
        $PY "$scratch/validate.py" "$scratch/$name.sarif" "$scratch/$name.json" >"$scratch/$name.why" 2>&1 || ok=0
    else
        grep_validate "$scratch/$name.sarif" >"$scratch/$name.why" 2>&1 || ok=0
    fi
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        echo "--- $name: invalid SARIF"
        cat "$scratch/$name.why"
        fail=$((fail + 1))
        failed="$failed $name"
    fi
}

run multi-error 1 a.ftl b.ftl
run federation 1 fed.ftl
run syntax-error 1 syntax.ftl
run clean 0 clean.ftl
run warnings-as-errors 1 -W error a.ftl b.ftl
run quiet 1 -q a.ftl b.ftl
run file-name-with-space 1 "my file.ftl"
run stdin 1 "<stdin.ftl" -

[ -n "$failed" ] && echo "failed:$failed"
echo "sarif: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
