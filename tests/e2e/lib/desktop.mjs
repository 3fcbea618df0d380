// The X desktop around the app: a system tray host (trayer), a notification daemon (dunst),
// xdotool to find and click windows, ImageMagick to capture the screen.

import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

import { sleep } from "./webdriver.mjs";

export function x(command, ...args) {
  return execFileSync(command, args, { encoding: "utf8" }).trim();
}

export async function waitUntil(what, check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(150);
  }
}

export function geometry(windowId) {
  const shell = x("xdotool", "getwindowgeometry", "--shell", String(windowId));
  const values = Object.fromEntries(shell.split("\n").map((line) => line.split("=")));
  return { x: Number(values.X), y: Number(values.Y), width: Number(values.WIDTH), height: Number(values.HEIGHT) };
}

export function visibleWindows(pid) {
  try {
    return x("xdotool", "search", "--onlyvisible", "--pid", String(pid)).split("\n").filter(Boolean);
  } catch {
    return []; // xdotool exits 1 when nothing matches
  }
}

/** The colour at one screen pixel as [r, g, b] (0–255). */
export function pixel(px, py) {
  const out = x("convert", "x:root", "-crop", `1x1+${px}+${py}`, "-depth", "8", "txt:-");
  const [, r, g, b] = out.match(/\((\d+),(\d+),(\d+)/);
  return [Number(r), Number(g), Number(b)];
}

export function startTrayHost() {
  const child = spawn("trayer", ["--edge", "top", "--align", "right", "--widthtype", "request", "--height", "32",
    "--SetDockType", "true", "--transparent", "false", "--tint", "0x333333"], { stdio: "ignore" });
  return { stop: () => child.kill() };
}

/** The app's tray icon in the tray host: `pid`'s small window at the top of the screen. */
export function trayIconOf(pid) {
  return waitUntil("the tray icon in trayer", () =>
    visibleWindows(pid).map((w) => ({ id: w, ...geometry(w) })).find((g) => g.width <= 64 && g.y < 32),
  );
}

/** Opens the tray menu with a click on `icon`; resolves to the menu's window. */
export function openTrayMenu(pid, icon) {
  const before = new Set(visibleWindows(pid));
  x("xdotool", "mousemove", String(icon.x + icon.width / 2), String(icon.y + icon.height / 2), "click", "1");
  // GTK maps a few helper windows too; the menu is the new one of menu size.
  return waitUntil("the tray menu", () =>
    visibleWindows(pid).find((w) => {
      if (before.has(w)) return false;
      const box = geometry(w);
      return box.width > 100 && box.height > 80 && box.x >= 0;
    }),
  );
}

/**
 * "Refresh now" from the tray menu, by keyboard: Open is the first item, Refresh now the second.
 * With `asked` (true once the server got the monitor's request), the keys are known to have
 * reached the menu: a menu mapped a moment before GTK took the keyboard can miss synthetic keys,
 * so the menu is closed and opened again, at most three times.
 */
export async function refreshFromTray(pid, icon, asked) {
  await sleep(5_200); // the monitor merges refresh requests less than 5 s apart
  for (let attempt = 1; ; attempt++) {
    await openTrayMenu(pid, icon);
    for (const key of ["Down", "Down", "Return"]) {
      x("xdotool", "key", key);
      await sleep(120);
    }
    if (!asked) return;
    try {
      return await waitUntil("the monitor's request after Refresh now", asked, 5_000);
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`# Refresh now: no request after attempt ${attempt}; the menu is opened again`);
      x("xdotool", "key", "Escape");
    }
  }
}

/** The process that owns org.freedesktop.Notifications on the session bus, or null. */
function notificationOwnerPid() {
  try {
    const reply = x("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.Notifications");
    return Number(reply.match(/uint32 (\d+)/)[1]);
  } catch {
    return null; // no owner
  }
}

/** dunst as the session's notification server, printing every notification it gets. */
export async function startNotificationDaemon(logPath) {
  // dunst is D-Bus activatable: an app that notified while no test listened (an earlier test's
  // revoked key, say) got one started by this test session's bus, printing nowhere. It would
  // keep the name and swallow every notification, so end that one (by its id, checked to be a
  // dunst) and wait for the name to be free.
  const stale = notificationOwnerPid();
  if (stale) {
    const command = readFileSync(`/proc/${stale}/cmdline`, "latin1");
    if (!command.includes("dunst")) throw new Error(`org.freedesktop.Notifications is owned by ${command}`);
    process.kill(stale, "SIGTERM");
    await waitUntil("the earlier notification daemon to let go of its name", () => notificationOwnerPid() === null);
  }
  const child = spawn("sh", ["-c", `exec dunst -print > "${logPath}" 2>/dev/null`], { stdio: "ignore" });
  // Ours, not another one activated meanwhile (`exec` keeps the shell's pid for dunst).
  await waitUntil("dunst to own org.freedesktop.Notifications", () => notificationOwnerPid() === child.pid);
  return {
    /** Summaries of the notifications received so far, in order. */
    summaries: () =>
      readFileSync(logPath, "utf8").split("\n").filter((l) => l.trim().startsWith("summary:"))
        .map((l) => l.trim().slice("summary:".length).trim().replace(/^'|'$/g, "")),
    log: () => readFileSync(logPath, "utf8"),
    stop: () => child.kill(),
  };
}

/** What the X clipboard holds, read with the OS's own tool (null when it holds no text). */
export function clipboardText() {
  try {
    return execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8", timeout: 5000 });
  } catch {
    return null;
  }
}
