#!/bin/sh
# fuzz.sh - builds the libFuzzer targets of tests/fuzz/ with clang, builds their seed
# corpora from the test inputs, and runs them. `make fuzz` calls it (see fuzz.am),
# passing the build's settings in the environment:
#
#   srcdir, builddir        the source and build trees (absolute paths)
#   CLANG                   clang (default: clang from PATH)
#   FUZZ_LIB_SOURCES        the library's sources, relative to srcdir ($(libftlc_core_la_SOURCES))
#   FUZZ_GEN_SOURCES        generated sources, relative to builddir, or to srcdir where a
#                           release tarball ships them (lexer, parser, protoc-c)
#   FUZZ_EXTRA_SOURCES      sources the targets need besides (relative to srcdir, optional)
#   PROTOBUF_C_CFLAGS/LIBS, JANSSON_CFLAGS/LIBS, UTF8PROC_LIBS
#   FTLC                    the built ftlc, to convert golden .ftl files into txtpb/json/binpb seeds
#   PROTOC                  protoc (optional), to encode text format samples as binary seeds
#                           and to make descriptor sets of the import tests' .proto files
#   FUZZ_SECONDS            run time per target (default 30)
#   FUZZ_TARGETS            targets to run (default: all six)
#   FUZZ_JOBS               parallel compiles (default: number of CPUs)
#   FUZZ_FLAGS              extra libFuzzer flags (e.g. -jobs=2 -workers=2)
#
# Usage: fuzz.sh build|seeds|dicts|run|all
#
# The fuzzers are $builddir/tests/fuzz/fuzz_TARGET; everything else goes under
# $builddir/tests/fuzz/out (never into the source tree's tests/fuzz, also in an in-tree
# build): obj/ (clang objects), seeds/TARGET (seed corpora, rebuilt when missing),
# dict/, corpus/TARGET (what libFuzzer finds, kept between runs), artifacts/ (crash
# inputs), logs/.
# Exit status: 0 when every target ran without finding anything, 1 otherwise.
set -u

: "${srcdir:?srcdir is not set}"
: "${builddir:?builddir is not set}"
CLANG=${CLANG:-}
if test -z "$CLANG"; then CLANG=$(command -v clang 2>/dev/null || true); fi
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
FUZZ_TARGETS=${FUZZ_TARGETS:-schema textproto json binpb toml descset}
FUZZ_JOBS=${FUZZ_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
FUZZ_FLAGS=${FUZZ_FLAGS:-}
FUZZ_LIB_SOURCES=${FUZZ_LIB_SOURCES:-}
FUZZ_GEN_SOURCES=${FUZZ_GEN_SOURCES:-}
FUZZ_EXTRA_SOURCES=${FUZZ_EXTRA_SOURCES:-}
PROTOC=${PROTOC:-}
FTLC=${FTLC:-}

bindir=$builddir/tests/fuzz
out=$bindir/out
fz=$srcdir/tests/fuzz

die() {
    echo "fuzz: error: $*" >&2
    exit 1
}

# ---- build ----------------------------------------------------------------------

CFLAGS_FUZZ="-std=c11 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
-fno-sanitize-recover=undefined"
CPPFLAGS_FUZZ="-I$builddir -I$srcdir -I$srcdir/include -I$srcdir/src -I$builddir/grammar -I$srcdir/grammar \
-I$builddir/proto -I$builddir/tests/unit -I$srcdir/tests/unit -I$fz ${PROTOBUF_C_CFLAGS:-} ${JANSSON_CFLAGS:-}"

# The object file for a source path: obj/<path with / as _>.o
obj_of() {
    echo "$out/obj/$(echo "$1" | sed 's|^\./||; s|/|_|g; s|\.c$||').o"
}

# Whether obj must be (re)built: missing, or older than a file its .d lists.
stale() {
    test -f "$1" && test -f "$1.d" || return 0
    # shellcheck disable=SC2013
    for dep in $(sed 's/^[^:]*://; s/\\$//' "$1.d"); do
        test "$dep" -nt "$1" && return 0
    done
    return 1
}

# compile SOURCE [EXTRA FLAGS...]
compile() {
    src=$1
    shift
    o=$(obj_of "$src")
    stale "$o" || return 0
    echo "  CLANG    ${src#"$srcdir"/}"
    # shellcheck disable=SC2086
    "$CLANG" $CFLAGS_FUZZ $CPPFLAGS_FUZZ "$@" -MMD -MF "$o.d" -c "$src" -o "$o"
}

build() {
    if test -z "$CLANG" || ! "$CLANG" --version >/dev/null 2>&1; then
        die "clang is needed for make fuzz (configure looks for it; or: make fuzz CLANG=/path/to/clang)"
    fi
    mkdir -p "$bindir" "$out/obj" "$out/logs" || die "cannot create $out"
    # A quick check that this clang has libFuzzer (Debian: libclang-rt-dev / clang's runtime).
    printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return 0; }\n' \
        >"$out/obj/probe.c"
    "$CLANG" -fsanitize=fuzzer,address,undefined "$out/obj/probe.c" -o "$out/obj/probe" \
        >"$out/logs/probe.log" 2>&1 ||
        die "$CLANG cannot link -fsanitize=fuzzer,address,undefined (see $out/logs/probe.log)"

    # The library, compiled from source: .c files of the lists, each once.
    srcs=
    for f in $FUZZ_LIB_SOURCES $FUZZ_EXTRA_SOURCES; do
        case $f in *.c) ;; *) continue ;; esac
        case " $srcs " in *" $srcdir/$f "*) continue ;; esac
        test -f "$srcdir/$f" || die "missing source $srcdir/$f"
        srcs="$srcs $srcdir/$f"
    done
    gens=
    for f in $FUZZ_GEN_SOURCES; do
        case $f in *.c) ;; *) continue ;; esac
        g=$builddir/$f
        test -f "$g" || g=$srcdir/$f # shipped in the tarball
        case " $gens " in *" $g "*) continue ;; esac
        test -f "$g" || die "missing generated source $builddir/$f (run make first)"
        gens="$gens $g"
    done
    test -n "$srcs" || die "FUZZ_LIB_SOURCES lists no .c file"

    # Parallel compiles, FUZZ_JOBS at a time; any failure fails the build.
    n=0
    pids=
    failed=0
    for s in $srcs $gens "$fz/fuzz_common.c" "$fz"/fuzz_schema.c "$fz"/fuzz_textproto.c \
        "$fz"/fuzz_json.c "$fz"/fuzz_binpb.c "$fz"/fuzz_toml.c "$fz"/fuzz_descset.c; do
        case $s in
        "$builddir"/grammar/*) compile "$s" -DNDEBUG -w & ;; # lemon/re2c output, as in libftlc_gen.a
        "$builddir"/*) compile "$s" -w & ;;                  # protoc-c output
        *) compile "$s" & ;;
        esac
        pids="$pids $!"
        n=$((n + 1))
        if test "$n" -ge "$FUZZ_JOBS"; then
            for p in $pids; do wait "$p" || failed=1; done
            pids=
            n=0
        fi
    done
    for p in $pids; do wait "$p" || failed=1; done
    test "$failed" = 0 || die "compiling with $CLANG failed"

    libobjs=
    for s in $srcs $gens "$fz/fuzz_common.c"; do libobjs="$libobjs $(obj_of "$s")"; done
    for t in $FUZZ_TARGETS; do
        bin=$bindir/fuzz_$t
        tobj=$(obj_of "$fz/fuzz_$t.c")
        relink=0
        test -f "$bin" || relink=1
        for o in $libobjs $tobj; do test "$o" -nt "$bin" && relink=1; done
        test "$relink" = 1 || continue
        echo "  LINK     tests/fuzz/fuzz_$t"
        # shellcheck disable=SC2086
        "$CLANG" $CFLAGS_FUZZ $libobjs "$tobj" -o "$bin" ${PROTOBUF_C_LIBS:-} ${JANSSON_LIBS:-} ${UTF8PROC_LIBS:-} -lm ||
            die "linking fuzz_$t failed"
    done
}

# ---- seeds ----------------------------------------------------------------------

# seed TARGET FILE [NAME]: copies FILE into the seed corpus of TARGET.
seed() {
    test -f "$2" && test -s "$2" || return 0
    name=${3:-$(echo "${2#"$srcdir"/}" | sed 's|^tests/||; s|/|_|g')}
    cp "$2" "$out/seeds/$1/$name" 2>/dev/null || true
}

# The golden case's command line mentions this output format.
cmd_format() {
    sed -n 's/.*--format[= ]\([a-z]*\).*/\1/p' "$1/cmd" 2>/dev/null | head -n 1
}

# The field and enum value names of the .proto files as a libFuzzer dictionary; for
# json, field names also in lowerCamelCase, each in JSON quotes.
proto_dict() {
    for p in "$srcdir"/proto/xyz/block/ftl/schema/v1/schema.proto \
        "$srcdir"/proto/xyz/block/ftl/v1/language/language.proto "$srcdir"/tests/unit/testmsg.proto; do
        test -f "$p" || continue
        sed -n 's/^[ 	]*\(repeated[ 	]*\|optional[ 	]*\)\{0,1\}[A-Za-z0-9_.<>, ]*[ 	]\([a-z_][a-z0-9_]*\)[ 	]*=[ 	]*[0-9][0-9]*.*/f \2/p;
                s/^[ 	]*\([A-Z][A-Z0-9_]*\)[ 	]*=[ 	]*-\{0,1\}[0-9].*/e \1/p' "$p"
    done | sort -u | awk -v json="$1" '
        function camel(s,   n, w, i, r) {
            n = split(s, w, "_"); r = w[1]
            for (i = 2; i <= n; i++) r = r toupper(substr(w[i], 1, 1)) substr(w[i], 2)
            return r
        }
        json != "json" { print "\"" $2 "\""; next }
        { print "\"\\\"" $2 "\\\"\""; if ($1 == "f") print "\"\\\"" camel($2) "\\\"\"" }' | sort -u
}

# The field tags of the messages of the .proto files given as a libFuzzer dictionary
# for the binary format: for every field, its key (field number << 3 | wire type, as a
# varint: 0 for integers, booleans and enums, 1 for 64-bit and 5 for 32-bit fixed
# types, 2 for strings, bytes, messages, maps and packed repeated numbers), alone and
# followed by a length or value of zero, so that the fuzzer starts from well-formed
# fields (of Schema, of FileDescriptorSet).
binpb_dict() {
    for p; do
        test -f "$p" && cat "$p"
    done | awk '
        function varint(n,   s) {
            s = ""
            while (n >= 128) { s = s sprintf("\\x%02X", n % 128 + 128); n = int(n / 128) }
            return s sprintf("\\x%02X", n)
        }
        /^[ \t]*enum[ \t]+[A-Za-z0-9_]+[ \t]*\{/ { enums[$2] = 1 }
        /^[ \t]*(repeated[ \t]+|optional[ \t]+)?[A-Za-z0-9_.<>, ]+[ \t]+[a-z_][a-z0-9_]*[ \t]*=[ \t]*[0-9]+[ \t]*[;\[]/ {
            line = $0; sub(/^[ \t]*/, "", line); sub(/[ \t]*=.*/, "", line)
            rep = line ~ /^repeated[ \t]/; sub(/^(repeated|optional)[ \t]+/, "", line)
            type = line; sub(/[ \t]+[a-z_][a-z0-9_]*$/, "", type)
            num = $0; sub(/^[^=]*=[ \t]*/, "", num); sub(/[^0-9].*/, "", num)
            fields[NR] = type "|" num "|" rep
        }
        END {
            for (i in fields) {
                split(fields[i], f, "|"); type = f[1]; num = f[2] + 0; rep = f[3] + 0
                base = type; sub(/.*\./, "", base)
                if (type ~ /^(double|fixed64|sfixed64)$/) w = 1
                else if (type ~ /^(float|fixed32|sfixed32)$/) w = 5
                else if (type ~ /^(int32|int64|uint32|uint64|sint32|sint64|bool)$/ || base in enums) w = 0
                else w = 2
                tag = varint(num * 8 + w)
                print "\"" tag "\""
                print "\"" tag "\\x00\""
                if (rep && w != 2) print "\"" varint(num * 8 + 2) "\\x00\""
            }
        }' | LC_ALL=C sort -u
}

# A golden case compiling several files, or with --realm, as one schema seed in the
# multi-file form fuzz_schema.c reads: "//%realm NAME" first, "//%file" lines between.
multi_seed() {
    test -f "$1/cmd" || return 0
    set -f
    # shellcheck disable=SC2046
    set -- "$1" $(cat "$1/cmd")
    set +f
    d=$1
    shift
    realm=
    files=
    prev=
    for a; do
        case $prev in --realm) realm=$a ;; esac
        case $a in
        --realm=*) realm=${a#--realm=} ;;
        *=*.ftl) test -f "$d/${a#*=}" && files="$files ${a#*=}" ;;
        *.ftl) test -f "$d/$a" && files="$files $a" ;;
        esac
        prev=$a
    done
    # shellcheck disable=SC2086
    set -- $files
    test $# -ge 2 || test -n "$realm" || return 0
    {
        test -z "$realm" || echo "//%realm $realm"
        for f; do
            echo "//%file $f"
            cat "$d/$f"
            echo
        done
    } >"$out/seeds/schema/multi_$(basename "$d").ftl"
}

seeds() {
    test -f "$out/seeds/.done" && return 0
    echo "  SEEDS    tests/fuzz/out/seeds"
    rm -rf "$out/seeds"
    for t in schema textproto json binpb toml descset; do mkdir -p "$out/seeds/$t"; done
    conv=$out/seeds/.conv
    mkdir -p "$conv"

    for d in "$srcdir"/tests/golden/*/; do
        d=${d%/}
        for f in "$d"/*.ftl "$d"/*/*.ftl; do seed schema "$f"; done
        for f in "$d"/*.txtpb "$d"/*/*.txtpb; do seed textproto "$f"; done
        for f in "$d"/*.json "$d"/*/*.json; do seed json "$f"; done
        for f in "$d"/*.binpb "$d"/*/*.binpb; do seed binpb "$f"; done
        for f in "$d"/*.toml "$d"/*/*.toml; do seed toml "$f"; done
        multi_seed "$d"
        test -f "$d/expected.stdout" || continue
        case $(cmd_format "$d") in
        txtpb) seed textproto "$d/expected.stdout" "$(basename "$d").txtpb" ;;
        json) seed json "$d/expected.stdout" "$(basename "$d").json" ;;
        binpb) seed binpb "$d/expected.stdout" "$(basename "$d").binpb" ;;
        ftl | '') case $(head -c 5 "$d/cmd") in fmt* | emit*) seed schema "$d/expected.stdout" "$(basename "$d").ftl" ;; esac ;;
        esac
    done
    find "$srcdir/examples" -name '*.ftl' 2>/dev/null | while IFS= read -r f; do seed schema "$f"; done
    find "$srcdir/examples" -name '*.toml' 2>/dev/null | while IFS= read -r f; do seed toml "$f"; done
    for f in "$srcdir"/tests/unit/tp_samples/*.txtpb; do seed textproto "$f"; done
    for f in "$srcdir"/tests/unit/toml_samples/*; do seed toml "$f"; done
    for f in "$fz"/seeds/toml/*; do seed toml "$f" "hand_$(basename "$f")"; done

    # Golden schemas that check cleanly, converted by ftlc into the protobuf formats.
    if test -n "$FTLC" && test -x "$FTLC"; then
        for f in "$out"/seeds/schema/*; do
            b=$(basename "$f" .ftl)
            cp "$f" "$conv/in.ftl"
            for fmt in txtpb json binpb; do
                case $fmt in txtpb) t=textproto ;; *) t=$fmt ;; esac
                (cd "$conv" && "$FTLC" emit --format "$fmt" in.ftl >"out.$fmt" 2>/dev/null) &&
                    seed "$t" "$conv/out.$fmt" "conv_$b.$fmt"
            done
        done
    else
        echo "fuzz: no ftlc at '$FTLC': no txtpb/json/binpb seeds converted from the goldens" >&2
    fi
    # Text format samples (with a "# type: NAME" line) encoded by protoc.
    if test -n "$PROTOC" && command -v "$PROTOC" >/dev/null 2>&1; then
        for f in "$srcdir"/tests/unit/tp_samples/*.txtpb; do
            type=$(sed -n 's/^# type: *\([A-Za-z0-9_.]*\).*/\1/p' "$f" | head -n 1)
            test -n "$type" || continue
            grep -q '^# expect: error' "$f" && continue
            "$PROTOC" --encode="$type" -I"$srcdir/proto" -I"$srcdir/tests/unit" \
                xyz/block/ftl/schema/v1/schema.proto xyz/block/ftl/v1/language/language.proto \
                testmsg.proto <"$f" >"$conv/out.binpb" 2>/dev/null &&
                seed binpb "$conv/out.binpb" "protoc_$(basename "$f" .txtpb).binpb"
        done
    fi
    descset_seeds
    rm -rf "$conv"

    dicts

    for t in schema textproto json binpb toml descset; do
        echo "           $t: $(find "$out/seeds/$t" -type f | wc -l) seeds"
    done
    touch "$out/seeds/.done"
}

# Descriptor sets (with and without source info) of the .proto files of the import
# tests and of protobuf's own, made by protoc; and the goldens' descriptor sets.
descset_seeds() {
    for f in "$srcdir"/tests/golden/imp-*/*.pb "$srcdir"/tests/golden/imp-*/*.binpb \
        "$srcdir"/tests/golden/imp-*/*.desc; do
        seed descset "$f"
    done
    test -n "$PROTOC" && command -v "$PROTOC" >/dev/null 2>&1 || return 0
    i=0
    for p in "$srcdir"/tests/grpc/proto/acme/*/v1/*.proto "$srcdir"/tests/golden/imp-*/*.proto; do
        test -f "$p" || continue
        i=$((i + 1))
        case $p in
        "$srcdir"/tests/grpc/proto/*) dir=$srcdir/tests/grpc/proto ;;
        *) dir=$(dirname "$p") ;;
        esac
        rel=${p#"$dir"/}
        for info in --include_source_info ""; do
            # shellcheck disable=SC2086
            (cd "$dir" && "$PROTOC" --include_imports $info -o "$conv/set.pb" "$rel") 2>/dev/null &&
                seed descset "$conv/set.pb" "protoc_$i${info:+_info}_$(basename "$p" .proto).pb"
        done
    done
    for p in any api duration empty field_mask source_context struct timestamp type wrappers \
        descriptor; do
        "$PROTOC" --include_imports -o "$conv/set.pb" "google/protobuf/$p.proto" 2>/dev/null &&
            seed descset "$conv/set.pb" "protoc_google_$p.pb"
    done
}

# Dictionaries, one per target in $out/dict: the language's words, the .proto field
# and enum value names, the binary field tags. Every one is non-empty (libFuzzer
# refuses an empty -dict=); tests/fuzz/dicts.sh checks that in make check.
dicts() {
    mkdir -p "$out/dict"
    cp "$fz/dict/ftl.dict" "$out/dict/schema.dict"
    cp "$fz/dict/toml.dict" "$out/dict/toml.dict"
    proto_dict text >"$out/dict/textproto.dict"
    proto_dict json >"$out/dict/json.dict"
    cat "$fz/dict/json-syntax.dict" >>"$out/dict/json.dict"
    binpb_dict "$srcdir"/proto/xyz/block/ftl/schema/v1/schema.proto \
        "$srcdir"/proto/xyz/block/ftl/v1/language/language.proto "$srcdir"/tests/unit/testmsg.proto \
        >"$out/dict/binpb.dict"
    # descriptor.proto's field keys, where protobuf's headers are, and the names
    # the mapping treats specially (tests/fuzz/dict/descset.dict).
    { binpb_dict "$(descriptor_proto)"; cat "$fz/dict/descset.dict"; } >"$out/dict/descset.dict"
}

# google/protobuf/descriptor.proto of libprotobuf-dev (where protoc-c found it), or nothing.
descriptor_proto() {
    for d in /usr/include /usr/local/include; do
        test -f "$d/google/protobuf/descriptor.proto" && echo "$d/google/protobuf/descriptor.proto" && return
    done
}

# ---- run ------------------------------------------------------------------------

run() {
    status=0
    mkdir -p "$out/artifacts" "$out/logs"
    for t in $FUZZ_TARGETS; do
        bin=$bindir/fuzz_$t
        test -x "$bin" || die "$bin is not built (fuzz.sh build)"
        mkdir -p "$out/corpus/$t"
        log=$out/logs/$t.log
        dict=
        test -s "$out/dict/$t.dict" && dict=-dict=$out/dict/$t.dict
        echo "  FUZZ     $t for ${FUZZ_SECONDS}s"
        # shellcheck disable=SC2086
        "$bin" -max_total_time="$FUZZ_SECONDS" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" $dict $FUZZ_FLAGS \
            "$out/corpus/$t" "$out/seeds/$t" >"$log" 2>&1
        rc=$?
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
        test -n "$runs" || runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -n 1) # -fork
        last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed 's/^#[0-9]*:\{0,1\}[ 	]*[A-Z]*[ 	]*//; s/ *exec\/s.*//')
        stats="${runs:-?} runs; $last"
        if test "$rc" = 0; then
            echo "           ok: $stats"
        else
            status=1
            echo "fuzz: $t FAILED (exit $rc); log: $log" >&2
            grep -E 'ERROR: |SUMMARY: |property failed|runtime error|Test unit written' "$log" | head -n 20 >&2
            echo "  to reproduce: $bin ARTIFACT; minimise: $bin -minimize_crash=1 -runs=20000 ARTIFACT" >&2
            echo "  then keep it: $srcdir/tests/fuzz/regress/run.sh add $t ARTIFACT" >&2
        fi
    done
    return $status
}

case ${1:-all} in
build) build ;;
seeds) seeds ;;
dicts) dicts ;;
run) run ;;
all) build && seeds && run ;;
*) die "usage: fuzz.sh build|seeds|dicts|run|all" ;;
esac
