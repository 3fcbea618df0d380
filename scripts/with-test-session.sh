#!/usr/bin/env bash
# Runs a command inside a private test session: an Xvfb display, a D-Bus session bus, a fresh
# kernel session keyring and an unlocked gnome-keyring (the Secret Service), with XDG folders
# in a temp dir so nothing touches the developer's own config, keychain or logs.
# Usage: scripts/with-test-session.sh COMMAND [ARGS...]
set -euo pipefail

if [ -z "${ZEXA_TEST_SESSION_INNER:-}" ]; then
  export ZEXA_TEST_SESSION_INNER=1
  # rustup's proxies need their homes when HOME changes below.
  export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- keyctl session - "$0" "$@"
fi

session_dir=$(mktemp -d -t zexa-test-session.XXXXXX)
export XDG_DATA_HOME="$session_dir/data" XDG_CONFIG_HOME="$session_dir/config"
export XDG_CACHE_HOME="$session_dir/cache" XDG_RUNTIME_DIR="$session_dir/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

keyring_pids_before=$(pgrep -u "$(id -u)" -x gnome-keyring-d | sort || true)
# The newline matters: with empty stdin gnome-keyring creates no `login` collection.
eval "$(printf '\n' | gnome-keyring-daemon --unlock --components=secrets)"
keyring_pids=$(comm -13 <(echo "$keyring_pids_before") <(pgrep -u "$(id -u)" -x gnome-keyring-d | sort || true))
export GNOME_KEYRING_CONTROL
# A fixed locale so number and date formatting is the same on every machine.
export LANG=en_US.UTF-8
unset LC_ALL
export ZEXA_TEST_SESSION=1
echo "test session: DISPLAY=$DISPLAY, D-Bus $DBUS_SESSION_BUS_ADDRESS, keyring unlocked, XDG dirs in $session_dir" >&2

status=0
"$@" || status=$?
# A daemon left behind would keep CI's output pipe open; stop the one this session started.
[ -n "$keyring_pids" ] && kill $keyring_pids 2>/dev/null || true
rm -rf "$session_dir"
exit $status
