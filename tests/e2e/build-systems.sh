#!/bin/sh
# The build-system example (examples/build): GNU make and CMake under Ninja
# compile each module with its own ftlc run and its depfile. Touching a module
# rebuilds exactly the modules that use it; deleting one makes the build report
# ftlc's diagnostic, not a missing prerequisite. CMake and Ninja parts skip when
# the tools are missing (CI installs them).
. "$(dirname "$0")/lib.sh"
# The builds read the commands their tool prints: nothing of an outer make
# (make -s check) may reach them.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
EXAMPLE=$E2E_DIR/../../examples/build
[ -f "$EXAMPLE/Makefile" ] || EXAMPLE=${SRCDIR:-.}/examples/build

# The modules a build log shows ftlc compiling, sorted, on one line.
built() { grep -o -- '--module [a-z]*' "$1" | sed 's/--module //' | sort | tr '\n' ' '; }

# The mtime of the sources must move forward for make to see the touch.
later() { sleep 1; touch "$@"; }

# --- GNU make ---------------------------------------------------------------------------
cp -R "$EXAMPLE" "$S/make" && cd "$S/make" || exit 2
rm -rf build build-cmake
make FTLC="$FTLC" >"$S/log" 2>&1
t "make builds every module" is "$(built "$S/log")" "audit money orders payments "
make FTLC="$FTLC" >"$S/log" 2>&1
t "make again builds nothing" is "$(built "$S/log")" ""
later modules/money.ftl
make FTLC="$FTLC" >"$S/log" 2>&1
t "touching money rebuilds money and the modules that use it" \
    is "$(built "$S/log")" "money orders payments "
later modules/orders.ftl
make FTLC="$FTLC" >"$S/log" 2>&1
t "touching orders rebuilds orders only" is "$(built "$S/log")" "orders "
rm modules/money.ftl
make -k FTLC="$FTLC" >"$S/log" 2>&1
t "deleting money: make reports ftlc's error" grep -q 'error\[E0310\]: unknown reference "money.Money"' "$S/log"
t "deleting money: no missing-prerequisite error" sh -c "! grep -q 'No rule to make target' '$S/log'"

# --- CMake under Ninja --------------------------------------------------------------------
if command -v cmake >/dev/null 2>&1 && command -v ninja >/dev/null 2>&1; then
    cp -R "$EXAMPLE" "$S/cmake" && cd "$S/cmake" || exit 2
    rm -rf build build-cmake
    cmake -G Ninja -S . -B out -DFTLC="$FTLC" >"$S/log" 2>&1
    t "cmake configures" test $? -eq 0
    cmake --build out -- -v >"$S/log" 2>&1
    t "ninja builds every module" is "$(built "$S/log")" "audit money orders payments "
    later modules/money.ftl
    cmake --build out -- -v >"$S/log" 2>&1
    t "ninja: touching money rebuilds money and its users" is "$(built "$S/log")" "money orders payments "
    cmake --build out -- -v >"$S/log" 2>&1
    t "ninja again builds nothing" is "$(built "$S/log")" ""
    rm modules/money.ftl
    cmake --build out -- -v -k 0 >"$S/log" 2>&1
    t "ninja: deleting money reports ftlc's error" grep -q 'error\[E0310\]: unknown reference "money.Money"' "$S/log"
    t "ninja: no missing-input error" sh -c "! grep -q \"missing and no known rule\" '$S/log'"
else
    echo "e2e-build-systems: cmake or ninja not found: the CMake part is skipped"
fi
finish
