#!/usr/bin/env bash
# Checks the packages `./dev bundle` made, as a person installing them would meet them:
#   1. the .deb with dpkg-deb (fields, dependencies, contents), desktop-file-validate and lintian;
#   2. the .deb installed with `apt-get install ./zexa-desktop_*.deb` into a clean Debian 12
#      (a minbase debootstrap under target/package-check/, made once and copied for each run):
#      every shared library of the binary resolves (ldd), the tray library it loads at run time
#      is there, and the menu entry and icons are in place;
#   3. the .rpm, if one was made: its requirements and contents, and its desktop entry.
# In each, the `zexa` command-line tool: /usr/bin/zexa, its man page and completions, and that it
# links no GTK, WebKit or libsoup (it must run on a server without them).
# When the chroot cannot be made (no root, no debootstrap, no Debian mirror) it says why and the
# static checks still run. Prints one line per check and a closing "N passed, N failed" line.
# Usage: scripts/check-package.sh DEB [RPM]
set -uo pipefail

DEB=${1:?usage: scripts/check-package.sh DEB [RPM]}
RPM=${2:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK="$ROOT/target/package-check"
BASE="$WORK/bookworm-base"          # the clean system, reused between runs
RUN="$WORK/bookworm-run"            # a copy of it that the package is installed into
ARCHIVES="$WORK/apt-archives"       # downloaded .debs, kept so a rerun needs no download
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PKG=zexa-desktop
BIN=/usr/bin/zexa-desktop
CLI=/usr/bin/zexa
CLI_FILES=(/usr/share/man/man1/zexa.1.gz /usr/share/bash-completion/completions/zexa /usr/share/fish/vendor_completions.d/zexa.fish)
# What zexa must not link: the window's libraries.
CLI_BANNED='gtk|gdk|webkit|javascriptcore|soup|ayatana|cairo'
# Named after the product by the Tauri bundler.
DESKTOP="/usr/share/applications/Zexa Desktop.desktop"
# The sizes the package must carry: hicolor folder → what is in it.
ICONS=(
  "32x32/apps/$PKG.png" "64x64/apps/$PKG.png" "128x128/apps/$PKG.png" "256x256/apps/$PKG.png"
  "512x512/apps/$PKG.png" "scalable/apps/$PKG.svg"
)

passed=0 failed=0
pass() { printf '  \033[32mok\033[0m   %s\n' "$*"; passed=$((passed + 1)); }
fail() { printf '  \033[31mFAIL\033[0m %s\n' "$*"; failed=$((failed + 1)); }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
section() { printf '\033[1m%s\033[0m\n' "$*"; }

# The files of a desktop entry and its icons, checked in an unpacked tree (the .deb's, the
# .rpm's, or the chroot after installation).
check_entry_and_icons() {
  local tree=$1 label=$2 entry="$1$DESKTOP"
  check "$label: desktop entry $DESKTOP" test -f "$entry"
  [ -f "$entry" ] || return
  check "$label: desktop-file-validate finds nothing" bash -c "out=\$(desktop-file-validate '$entry' 2>&1); [ -z \"\$out\" ] || { echo \"\$out\" | sed 's/^/         /'; false; }"
  check "$label: Exec=$PKG, Icon=$PKG, Categories=Utility;" \
    bash -c "grep -qx 'Exec=$PKG' '$entry' && grep -qx 'Icon=$PKG' '$entry' && grep -qx 'Categories=Utility;' '$entry'"
  local icon missing=()
  for icon in "${ICONS[@]}"; do [ -s "$tree/usr/share/icons/hicolor/$icon" ] || missing+=("$icon"); done
  check "$label: icons at every size (${#ICONS[@]}: 32…512 and scalable)${missing:+, missing: ${missing[*]}}" test ${#missing[@]} -eq 0
  local wrong=()
  for icon in "${ICONS[@]}"; do
    case $icon in *.png) ;; *) continue ;; esac
    local want=${icon%%/*} got
    got=$(file -b "$tree/usr/share/icons/hicolor/$icon" 2>/dev/null | sed -n 's/.*, \([0-9]*\) x \([0-9]*\),.*/\1x\2/p')
    [ "$got" = "$want" ] || wrong+=("$icon is $got")
  done
  check "$label: each PNG has the size of its folder${wrong:+ (${wrong[*]})}" test ${#wrong[@]} -eq 0
}

# The command-line tool in an unpacked tree: binary, man page, completions, and its libraries.
check_cli() {
  local tree=$1 label=$2 zsh=$3 file missing=()
  check "$label: contains $CLI, executable and stripped" \
    bash -c "test -x '$tree$CLI' && ! file '$tree$CLI' | grep -q 'not stripped'"
  for file in "${CLI_FILES[@]}" "$zsh"; do [ -s "$tree$file" ] || missing+=("$file"); done
  check "$label: zexa's man page and bash, zsh, fish completions${missing:+; missing: ${missing[*]}}" test ${#missing[@]} -eq 0
  check "$label: the man page documents zexa run" bash -c "gzip -dc '$tree/usr/share/man/man1/zexa.1.gz' | grep -q 'zexa run'"
  if [ -x "$tree$CLI" ]; then
    local libs size
    libs=$(ldd "$tree$CLI" 2>&1 | awk '{print $1}' | tr '\n' ' ')
    check "$label: ldd zexa names no GTK, WebKit or libsoup library ($libs)" bash -c "! grep -qiE '$CLI_BANNED' <<<'$libs'"
    size=$(stat -c %s "$tree$CLI")
    check "$label: zexa is at most 6 MB ($((size / 1024)) KiB)" test "$size" -le 6291456
  fi
}

# ---- 1. the .deb, statically -------------------------------------------------------------
section "Package: $(basename "$DEB")"
check "dpkg-deb reads it" dpkg-deb --info "$DEB" >/dev/null
field() { dpkg-deb --field "$DEB" "$1"; }
depends=$(field Depends)
recommends=$(field Recommends)
echo "         Depends: $depends"
echo "         Recommends: $recommends"
check "Package: $PKG, Architecture: $(dpkg --print-architecture)" \
  test "$(field Package) $(field Architecture)" = "$PKG $(dpkg --print-architecture)"
depends_on() { grep -qE "(^|[ ,|])$1([ ,(|]|$)" <<<"$depends"; }
# The tray library is loaded at run time (dlopen): no tool can find it in the binary.
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libayatana-appindicator3-1; do
  check "Depends on $dep" depends_on "$dep"
done
for rec in gnome-keyring notification-daemon; do
  check "Recommends $rec (not a hard dependency)" \
    bash -c "grep -q '$rec' <<<'$recommends' && ! grep -q '$rec' <<<'$depends'"
done

unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$DEB" "$unpacked"
check "contains $BIN, executable" test -x "$unpacked$BIN"
check "the binary is stripped" bash -c "! file '$unpacked$BIN' | grep -q 'not stripped'"
# The test build (which the end-to-end tests run) has the fault hooks; a shipped one never.
check "the binary carries no test-only fault hook" bash -c "! grep -qa 'zexa-fault-hook' '$unpacked$BIN'"
# Every library the binary links, as Debian's own tool maps it to packages, is in Depends.
if command -v dpkg-shlibdeps >/dev/null; then
  shlibs=$(cd "$unpacked" && mkdir -p debian && printf 'Source: x\n\nPackage: x\nArchitecture: any\n' >debian/control \
    && dpkg-shlibdeps -O "${BIN#/}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
  rm -rf "$unpacked/debian"
  uncovered=()
  for dep in $(tr ',' '\n' <<<"$shlibs" | sed 's/(.*//; s/ //g'); do depends_on "$dep" || uncovered+=("$dep"); done
  check "Depends covers what dpkg-shlibdeps finds (${shlibs:-nothing found})${uncovered:+; missing: ${uncovered[*]}}" \
    test -n "$shlibs" -a ${#uncovered[@]} -eq 0
fi
check_entry_and_icons "$unpacked" ".deb"
check_cli "$unpacked" ".deb" /usr/share/zsh/vendor-completions/_zexa
# The bundler's own changelog option puts it under the product name ("Zexa Desktop"), so the
# package ships packaging/linux/changelog.gz, which must be the gzip of packaging/linux/changelog.
check "changelog.gz is packaging/linux/changelog, compressed" \
  cmp -s <(gzip -dc "$unpacked/usr/share/doc/$PKG/changelog.gz") "$ROOT/packaging/linux/changelog"

if command -v lintian >/dev/null; then
  # Overrides ship in the package (/usr/share/lintian/overrides/zexa-desktop), each with why.
  lintian_out=$(lintian --display-info --show-overrides "$DEB" 2>&1)
  echo "$lintian_out" | grep -E '^[EWIO]: ' | sed 's/^/         lintian /'
  check "lintian: no error, no warning" bash -c "! grep -qE '^[EW]: ' <<<\"\$1\"" _ "$lintian_out"
else
  fail "lintian is not installed (./dev bundle installs it)"
fi

# ---- 2. installed into a clean Debian 12 -------------------------------------------------
section "Installed into a clean Debian 12 (debootstrap --variant=minbase, in $WORK)"
chroot_problem=""
if [ "$(id -u)" != 0 ]; then chroot_problem="installing into a chroot needs root"
elif ! command -v debootstrap >/dev/null; then chroot_problem="debootstrap is not installed"
elif [ ! -f "$BASE/.ready" ]; then
  echo "         making it (once; later runs reuse it)…"
  rm -rf "$BASE"
  mkdir -p "$WORK"
  if debootstrap --variant=minbase bookworm "$BASE" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; then
    # No service may start inside the chroot.
    printf '#!/bin/sh\nexit 101\n' >"$BASE/usr/sbin/policy-rc.d" && chmod +x "$BASE/usr/sbin/policy-rc.d"
    cp /etc/resolv.conf "$BASE/etc/resolv.conf" 2>/dev/null || true
    touch "$BASE/.ready"
  else
    chroot_problem="debootstrap from $MIRROR failed (see $WORK/debootstrap.log: $(tail -1 "$WORK/debootstrap.log"))"
  fi
fi

if [ -n "$chroot_problem" ]; then
  echo "         Not done: $chroot_problem. The static checks above stand alone."
else
  umount_all() { for m in "$RUN/var/cache/apt/archives" "$RUN/proc"; do mountpoint -q "$m" && umount "$m"; done; }
  rm -rf "$RUN"
  cp -a "$BASE" "$RUN"
  mkdir -p "$ARCHIVES/partial"
  mount --bind "$ARCHIVES" "$RUN/var/cache/apt/archives" && mount -t proc proc "$RUN/proc"
  trap 'umount_all; rm -rf "$unpacked" "$RUN"' EXIT
  cp "$DEB" "$RUN/tmp/"
  in_chroot() { chroot "$RUN" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
  install_log="$WORK/apt-install.log"
  # Depends alone must be enough: Recommends are left out on purpose.
  if in_chroot apt-get update -qq >"$install_log" 2>&1 \
    && in_chroot apt-get install -y --no-install-recommends "/tmp/$(basename "$DEB")" >>"$install_log" 2>&1; then
    pass "apt-get install ./$(basename "$DEB") (Depends only, no Recommends): $(grep -oE '[0-9]+ newly installed' "$install_log" | tail -1)"
    missing=$(in_chroot ldd "$BIN" | grep 'not found')
    check "ldd $BIN: every shared library resolves${missing:+ (${missing//$'\n'/; })}" test -z "$missing"
    # The tray library is loaded at run time (dlopen), so ldd cannot see it.
    check "the tray's libayatana-appindicator3.so.1 is installed" bash -c "chroot '$RUN' ldconfig -p | grep -q 'libayatana-appindicator3.so.1 '"
    missing=$(in_chroot ldd "$CLI" | grep 'not found')
    check "ldd $CLI: every shared library resolves${missing:+ (${missing//$'\n'/; })}" test -z "$missing"
    check "zexa --version runs in the clean system" bash -c "chroot '$RUN' env -i PATH=/usr/bin:/bin $CLI --version | grep -q '^zexa '"
    check "dpkg -s: $PKG is installed" bash -c "chroot '$RUN' dpkg-query -W -f='\${Status}' $PKG | grep -q 'install ok installed'"
    check_entry_and_icons "$RUN" "installed"
    in_chroot apt-get remove -y --purge "$PKG" >>"$install_log" 2>&1
    check "apt-get remove --purge leaves no file of it" test ! -e "$RUN$BIN" -a ! -e "$RUN$DESKTOP" -a ! -e "$RUN$CLI"
  else
    fail "apt-get install ./$(basename "$DEB") in the chroot (log: $install_log)"
    tail -15 "$install_log" | sed 's/^/         /'
  fi
fi

# ---- 3. the .rpm -------------------------------------------------------------------------
if [ -n "$RPM" ]; then
  section "Package: $(basename "$RPM")"
  if command -v rpm >/dev/null; then
    requires=$(rpm -qp --requires "$RPM" 2>/dev/null | tr '\n' ' ')
    echo "         Requires: $requires"
    echo "         Recommends: $(rpm -qp --recommends "$RPM" 2>/dev/null | tr '\n' ' ')"
    for dep in 'libwebkit2gtk-4.1.so.0()(64bit)' 'libgtk-3.so.0()(64bit)' 'libayatana-appindicator3.so.1()(64bit)'; do
      check "Requires $dep" grep -qF "$dep" <<<"$requires"
    done
    rpm_tree=$(mktemp -d)
    (cd "$rpm_tree" && rpm2cpio "$RPM" | cpio -idm --quiet 2>/dev/null)
    check "contains $BIN" test -x "$rpm_tree$BIN"
    check_entry_and_icons "$rpm_tree" ".rpm"
    check_cli "$rpm_tree" ".rpm" /usr/share/zsh/site-functions/_zexa
    rm -rf "$rpm_tree"
  else
    fail "rpm is not installed (./dev bundle installs it) to read the .rpm"
  fi
fi

echo "package checks: $passed passed, $failed failed"
[ "$failed" = 0 ]
