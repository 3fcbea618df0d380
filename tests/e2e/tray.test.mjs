// Issue 5 in a real X session: the tray icon in a system tray host (trayer), its menu opened
// by a click, "Refresh now" from the menu, the icon turning to the low state, and low-credit
// notifications received by a real notification daemon (dunst) over D-Bus.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { ROOT, SCREENSHOTS, singleInstanceFree } from "./lib/app.mjs";
import {
  geometry, openTrayMenu, pixel, refreshFromTray, startNotificationDaemon, startTrayHost, trayIconOf, waitUntil, x,
} from "./lib/desktop.mjs";
import { readSettings } from "./lib/files.mjs";
import { sleep } from "./lib/webdriver.mjs";

const APP_BIN = process.env.ZEXA_APP_BIN ?? join(ROOT, "target", "debug", "zexa-desktop");
// The embedded sandbox serves its admin routes only to holders of this launch's token.
const SANDBOX_TOKEN = randomUUID();
let trayHost, notifications, app, home, sandboxAdmin, trayIcon;

const appEnv = () => ({
  XDG_CONFIG_HOME: join(home, "config"),
  XDG_DATA_HOME: join(home, "data"),
  XDG_CACHE_HOME: join(home, "cache"),
  ZEXA_SANDBOX_WHEN_EMPTY: "1",
  ZEXA_SANDBOX_ADMIN_TOKEN: SANDBOX_TOKEN,
});

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  home = mkdtempSync(join(tmpdir(), "zexa-tray-"));
  trayHost = startTrayHost();
  notifications = await startNotificationDaemon(join(home, "dunst.log"));
  await singleInstanceFree();
  app = spawn(APP_BIN, [], { env: { ...process.env, ...appEnv() }, stdio: "ignore" });
  const { profiles } = await waitUntil("the sandbox profile", () => {
    try {
      return readSettings(home);
    } catch {
      return null;
    }
  });
  sandboxAdmin = profiles[0].base_url.replace(/\/v1$/, "/_sandbox");
});

after(async () => {
  app?.kill("SIGKILL");
  // Gone before the next launch: a dying app still holds the single-instance name on D-Bus.
  if (app && app.exitCode === null && app.signalCode === null) await new Promise((done) => app.once("exit", done));
  notifications?.stop();
  trayHost?.stop();
});

async function setBalance(credits) {
  const response = await fetch(`${sandboxAdmin}/balance`, {
    method: "PUT",
    headers: { "content-type": "application/json", "x-zexa-sandbox-token": SANDBOX_TOKEN },
    body: JSON.stringify({ credits }),
  });
  assert.ok(response.ok);
}

test("the tray icon sits in the system tray and its menu shows the balance", async () => {
  trayIcon = await trayIconOf(app.pid);
  const menu = geometry(await openTrayMenu(app.pid, trayIcon));
  assert.ok(menu.y <= trayIcon.y + trayIcon.height + 40, `the menu opens at the tray: ${JSON.stringify(menu)}`);
  await sleep(1_000); // GTK draws the menu after mapping it
  x("import", "-window", "root", join(SCREENSHOTS, "tray-menu.png"));
  x("xdotool", "key", "Escape");
});

test("a low balance turns the icon amber and notifies exactly once", async () => {
  const dot = [trayIcon.x + Math.round((trayIcon.width * 50) / 64), trayIcon.y + Math.round((trayIcon.height * 50) / 64)];
  const [r0, g0, b0] = pixel(...dot);
  assert.ok(!(r0 > 200 && g0 > 120 && b0 < 80), `not amber before: ${[r0, g0, b0]}`);

  await setBalance(420);
  await refreshFromTray(app.pid, trayIcon);
  await waitUntil("the low-credit notification", () => notifications.summaries().length >= 1);
  await waitUntil("the amber low-credit dot on the tray icon", () => {
    const [r, g, b] = pixel(...dot);
    return r > 200 && g > 120 && b < 80;
  });
  x("import", "-window", "root", join(SCREENSHOTS, "tray-low.png"));
  assert.deepEqual(notifications.summaries(), ["Zexa credits low"], notifications.log());

  await setBalance(99.5);
  await refreshFromTray(app.pid, trayIcon);
  await sleep(1_500);
  assert.equal(notifications.summaries().length, 1, "a further drop above zero does not notify again");

  await setBalance(0);
  await refreshFromTray(app.pid, trayIcon);
  await waitUntil("the credits-used-up notification", () => notifications.summaries().length >= 2);
  assert.match(notifications.summaries()[1], /used up|paused/i);
});

test("a second launch hands over to the running app and exits", async () => {
  const second = spawn(APP_BIN, [], { env: { ...process.env, ...appEnv() }, stdio: "ignore" });
  const code = await Promise.race([
    new Promise((resolve) => second.once("exit", resolve)),
    sleep(10_000).then(() => "still running"),
  ]);
  if (code === "still running") second.kill("SIGKILL");
  assert.equal(code, 0, "the second instance exits at once");
  assert.equal(app.exitCode, null, "the first instance keeps running");
});
