// Launches the real built app under tauri-driver with its own fresh config, data, cache and
// log folders, and gives back a WebDriver session on its window.

import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { Session, sleep } from "./webdriver.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const SCREENSHOTS = join(ROOT, "target", "e2e-screenshots");
const LOGS = join(ROOT, "target", "e2e-logs");

const APP_BIN = process.env.ZEXA_APP_BIN ?? join(ROOT, "target", "debug", "zexa-desktop");
const TAURI_DRIVER = process.env.TAURI_DRIVER ?? join(ROOT, "target", "tools", "bin", "tauri-driver");

// The driver's two ports are picked below the kernel's ephemeral range. A port from `listen(0)`
// is free only until it is closed: before WebKitWebDriver listens on it seconds later, any
// outgoing connection (the app's, the driver's own to WebKitWebDriver) or another `listen(0)`
// may be given it, and WebKitWebDriver then fails ("Unable to listen for HTTP server") while
// tauri-driver spins. Ports below the range are never handed out that way.
const EPHEMERAL_LOW = (() => {
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
})();
const PORT_FLOOR = Math.max(1025, EPHEMERAL_LOW - 12_000);
const portsTaken = new Set();

function canListen(port) {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolveFree(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolveFree(true)));
  });
}

async function freePort() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORT_FLOOR + Math.floor(Math.random() * (EPHEMERAL_LOW - PORT_FLOOR));
    if (portsTaken.has(port)) continue;
    if (await canListen(port)) {
      // Not handed out twice by this process, so the two ports of a launch always differ.
      portsTaken.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${PORT_FLOOR} and ${EPHEMERAL_LOW}`);
}

/**
 * Starts the app. `env` adds variables for the app (it inherits this process's environment,
 * with XDG folders pointed at a fresh `home` so every launch starts as a first launch unless
 * `home` from an earlier launch is passed back in). A variable given as `null` is removed.
 */
export async function launchApp({ env = {}, home } = {}) {
  await singleInstanceFree();
  home ??= mkdtempSync(join(tmpdir(), "zexa-e2e-"));
  const xdg = {
    XDG_CONFIG_HOME: join(home, "config"),
    // The keyring daemon already runs with its own folders; the app's data (logs) goes here.
    XDG_DATA_HOME: join(home, "data"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
  for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true });

  const port = await freePort();
  const nativePort = await freePort();
  // Marks every process of this launch (driver, WebKitWebDriver, the app) so none outlives it.
  const runId = randomUUID();
  mkdirSync(LOGS, { recursive: true });
  const log = openSync(join(LOGS, `${runId}.log`), "a");
  const driverEnv = { ...process.env, ...xdg, ...env, ZEXA_E2E_RUN: runId };
  for (const [name, value] of Object.entries(driverEnv)) if (value === null) delete driverEnv[name];
  const driver = spawn(TAURI_DRIVER, ["--port", String(port), "--native-port", String(nativePort)], {
    env: driverEnv,
    stdio: ["ignore", log, log],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForDriver(base, driver);
  const session = await Session.create(base, {
    browserName: "wry",
    "tauri:options": { application: APP_BIN },
  });
  return {
    session,
    home,
    /** The processes of this launch: every one carries `ZEXA_E2E_RUN=<runId>` in its environment. */
    runId,
    async close() {
      await session.close().catch(() => {});
      driver.kill("SIGTERM");
      await new Promise((r) => (driver.exitCode !== null ? r() : driver.once("exit", r)));
      await waitForGone(killMarked(runId));
    },
  };
}

/** The name the single-instance plugin holds on the session bus while an app runs. */
const SINGLE_INSTANCE_NAME = '"ao.zexa.desktop.SingleInstance';

/**
 * Waits until no app holds the single-instance name. A launch while the last app is still
 * dying (or while the bus has not yet noticed that it died) would hand over to it and quit.
 */
export async function singleInstanceFree() {
  const held = () =>
    execFileSync(
      "dbus-send",
      ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"],
      { encoding: "utf8" },
    ).includes(SINGLE_INSTANCE_NAME);
  const deadline = Date.now() + 10_000;
  while (held()) {
    if (Date.now() > deadline) throw new Error("another Zexa Desktop still holds the single-instance name after 10 s");
    await sleep(50);
  }
}

/** The processes of one launch (driver, WebKitWebDriver, the app, WebKit's): each one whose
 * environment carries its run id, with its command name and environment. */
export function launchProcesses(runId) {
  const marker = `ZEXA_E2E_RUN=${runId}`;
  const found = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, "latin1").split("\0");
      if (environ.includes(marker)) found.push({ pid, comm: readFileSync(`/proc/${pid}/comm`, "latin1").trim(), environ });
    } catch {
      // gone already, or not ours to read
    }
  }
  return found;
}

/** Ends whatever is left of one launch. */
function killMarked(runId) {
  const killed = [];
  for (const { pid } of launchProcesses(runId)) {
    try {
      process.kill(Number(pid), "SIGKILL");
      killed.push(pid);
    } catch {
      // gone already
    }
  }
  return killed;
}

/** A process that has exited (a zombie has already closed its sockets, D-Bus name included). */
function exited(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, "latin1").replace(/^.*\) /s, "").startsWith("Z");
  } catch {
    return true; // gone
  }
}

/**
 * Waits until the killed processes have exited: the next launch must not find the last app
 * still holding the single-instance name on D-Bus (it would hand over to a dying app and quit).
 */
async function waitForGone(pids) {
  const deadline = Date.now() + 10_000;
  while (!pids.every(exited)) {
    if (Date.now() > deadline) throw new Error(`processes ${pids.filter((p) => !exited(p))} did not exit within 10 s`);
    await sleep(50);
  }
}

async function waitForDriver(base, driver) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited with ${driver.exitCode}`);
    try {
      const response = await fetch(`${base}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error("tauri-driver did not start within 20 s");
}

export async function saveScreenshot(session, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let WebKit paint what the DOM already holds: a capture right after a change can be blank.
  await session.cmd("POST", "/execute/async", {
    script: "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150)));",
    args: [],
  });
  const path = join(SCREENSHOTS, `${name}.png`);
  writeFileSync(path, await session.screenshot());
  return path;
}
