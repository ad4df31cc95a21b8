#!/bin/sh
# A realm whose public schema (or project file) is invalid is never pinned: the
# diagnostics point into the fetched file and nothing is written.
. "$(dirname "$0")/lib.sh"

make_shop "$S/shop"
cd "$S/shop" || exit 2
printf '# the shop\nname = "shop"  # local realm\n' >ftl-project.toml

# A repository whose commit holds FILE with the given contents (stdin).
bad_repo() { # DIR FILE
    rm -rf "$1" && mkdir -p "$1" && git init -q "$1" && git -C "$1" symbolic-ref HEAD refs/heads/main
    mkdir -p "$(dirname "$1/$2")"
    cat >"$1/$2"
    git_commit "$1" "bad"
}

# Adds from DIR (extra options after it) and checks the command failed with exit 1
# having written nothing.
refused() { # WHAT DIR [OPTIONS...]
    what=$1 dir=$2
    shift 2
    snap=$(snapshot .)
    run realm add --git-repo "$dir" --git-branch main "$@"
    t "$what: exit 1" code_is 1
    t "$what: nothing written" is "$(snapshot .)" "$snap"
    t "$what: no cache folder" missing .ftl
}

short() { printf %.12s "$(head_of "$1")"; }

# --- protobuf text that does not parse ------------------------------------------------
bad_repo "$S/r1" ftl-external-schema.txtpb <<'TXT'
realms {
  name: "bank"
  modules { name: "accounts" 
TXT
refused "truncated txtpb" "$S/r1"
t "truncated txtpb: positioned in the fetched file" \
    err_has "r1@$(short "$S/r1")/ftl-external-schema.txtpb:4:1: error[E0601]"
t "truncated txtpb: E0601" err_has "error[E0601]: invalid protobuf text format"
t "truncated txtpb: summary names the repository" \
    err_has "error[E0709]: the public schema 'ftl-external-schema.txtpb' at commit $(short "$S/r1") of '$S/r1' is not valid; nothing was written"

# --- a schema with an error the checker finds -------------------------------------------
bad_repo "$S/r2" public.ftl <<'FTL'
external realm bank {
  module accounts {
    export realm verb withdraw(accounts.Missing) Unit
  }
}
FTL
refused "unknown type" "$S/r2" --git-path public.ftl
t "unknown type: E03xx at its place in the fetched file" \
    err_has "r2@$(short "$S/r2")/public.ftl:3:32: error[E0"

# --- two realms ---------------------------------------------------------------------------
bad_repo "$S/r3" public.ftl <<'FTL'
external realm bank {
  module accounts {
    export realm verb ping(Unit) Unit
  }
}
external realm tax {
  module rates {
    export realm verb rate(Unit) Unit
  }
}
FTL
refused "two realms" "$S/r3" --git-path public.ftl
t "two realms: the second is E0509" \
    err_has "r3@$(short "$S/r3")/public.ftl:6:16: error[E0509]: a second realm \"tax\": a realm's public schema holds exactly one realm"

# --- modules without a realm ------------------------------------------------------------
bad_repo "$S/r4" public.ftl <<'FTL'
module accounts {
  export realm verb ping(Unit) Unit
}
FTL
refused "module file" "$S/r4" --git-path public.ftl --name bank
t "module file: E0509" err_has "error[E0509]: 'bank@$(short "$S/r4")/public.ftl' is a module file"

# --- a reference out of the realm -----------------------------------------------------
bad_repo "$S/r5" public.ftl <<'FTL'
external realm bank {
  module accounts {
    export realm verb ping(rates.Rate@tax) Unit
  }
}
FTL
refused "not self-contained" "$S/r5" --git-path public.ftl
t "not self-contained: the reference is the error" err_has "r5@$(short "$S/r5")/public.ftl:3:"

# --- the realm's own ftl-project.toml is not TOML ---------------------------------------
bad_repo "$S/r6" ftl-project.toml <<'TOML'
name = "bank
TOML
refused "bad remote project" "$S/r6"
t "bad remote project: E0701 in its project file" \
    err_has "r6@$(short "$S/r6")/ftl-project.toml:1:8: error[E0701]: invalid TOML"

# --- an empty file ------------------------------------------------------------------------
bad_repo "$S/r7" ftl-external-schema.json </dev/null
printf '{}' >"$S/r7/ftl-external-schema.json" && git_commit "$S/r7" "empty json"
refused "no realm" "$S/r7" --git-path ftl-external-schema.json --name bank
t "no realm: E0509" err_has "holds no realm \"bank\""

# --- the diagnostics in another format ----------------------------------------------------
refused "no realm, --error-format github" "$S/r7" --git-path ftl-external-schema.json \
    --name bank --error-format github
t "--error-format github: a workflow command" err_has ",title=ftlc E0509::"
refused "no realm, --error-format sarif" "$S/r7" --git-path ftl-external-schema.json \
    --name bank --error-format sarif
t "--error-format sarif: the rule" err_has "\"ruleId\": \"E0509\""

t "the project file is untouched by all of it" is "$(cat ftl-project.toml)" '# the shop
name = "shop"  # local realm'

finish
