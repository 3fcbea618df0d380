// Start at login in the real app: the Settings switch, clicked by its visible label, creates
// and removes the XDG autostart entry (~/.config/autostart/Zexa Desktop.desktop) with this
// binary and --minimized; the switch shows what is on disk; and the app started with
// --minimized stays in the tray (no window) until it is launched again.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";

import { launchApp, ROOT, saveScreenshot, singleInstanceFree } from "./lib/app.mjs";
import { geometry, visibleWindows, waitUntil } from "./lib/desktop.mjs";
import { readSettings } from "./lib/files.mjs";
import { openSection } from "./lib/ui.mjs";
import { sleep } from "./lib/webdriver.mjs";

const APP_BIN = realpathSync(resolve(ROOT, process.env.ZEXA_APP_BIN ?? join("target", "debug", "zexa-desktop")));
const CARD = '[data-testid="startup-settings"]';

let app, home, entry;
before(async () => {
  home = mkdtempSync(join(tmpdir(), "zexa-e2e-autostart-"));
  entry = join(home, ".config", "autostart", "Zexa Desktop.desktop");
  // The plugin writes under $HOME/.config (not $XDG_CONFIG_HOME): HOME is this launch's own.
  app = await launchApp({ home, env: { HOME: home } });
});
after(async () => {
  await app?.close();
});

/** The switch whose label reads `label`, as a user finds it. */
async function switchLabelled(session, label) {
  for (const candidate of await session.findAll(`${CARD} label`)) {
    if ((await candidate.text()).trim() === label && (await candidate.displayed())) {
      const id = await candidate.attribute("for");
      const input = await session.find(`#${id}`);
      assert.equal(await input.attribute("role"), "switch");
      return { label: candidate, input };
    }
  }
  throw new Error(`no switch labelled "${label}"`);
}

const isOn = (session, input) => session.execute("return arguments[0].checked", [input.ref()]);

test("the switch creates the XDG autostart entry with this binary and --minimized, and removes it", async () => {
  const { session } = app;
  await openSection(session, "settings");
  await session.waitFor(`${CARD} [data-testid="autostart-switch"]`);
  const { input } = await switchLabelled(session, "Start at login");
  assert.equal(await isOn(session, input), false, "off on a first launch");
  assert.equal(existsSync(entry), false);

  await input.click();
  await session.waitForText('[data-testid="autostart-status"]', "will start in the tray when you log in");
  assert.equal(await isOn(session, input), true);
  const text = readFileSync(entry, "utf8");
  assert.match(text, /^\[Desktop Entry\]\n/);
  assert.match(text, /\nType=Application\n/);
  assert.match(text, /\nName=Zexa Desktop\n/);
  const exec = text.match(/\nExec=(.*)\n/)[1];
  assert.equal(exec, `${APP_BIN} --minimized`);
  await saveScreenshot(session, "settings-start-at-login-on");

  await input.click();
  await session.waitForText('[data-testid="autostart-status"]', "will not start at login");
  assert.equal(await isOn(session, input), false);
  assert.equal(existsSync(entry), false, "the entry is removed");
});

test("the switch shows the entry on disk, not a remembered choice", async () => {
  const { session } = app;
  mkdirSync(join(home, ".config", "autostart"), { recursive: true });
  writeFileSync(entry, `[Desktop Entry]\nType=Application\nName=Zexa Desktop\nExec=${APP_BIN} --minimized\n`);
  // Leave Settings and come back: the switch reads the OS again.
  await openSection(session, "overview");
  await openSection(session, "settings");
  await session.waitFor(`${CARD} [data-testid="autostart-switch"]`);
  const { input } = await switchLabelled(session, "Start at login");
  assert.equal(await isOn(session, input), true, "an entry made outside the app reads as on");

  rmSync(entry);
  await openSection(session, "overview");
  await openSection(session, "settings");
  await session.waitFor(`${CARD} [data-testid="autostart-switch"]`);
  assert.equal(await isOn(session, (await switchLabelled(session, "Start at login")).input), false);
  // The label is part of the control: clicking it turns the entry on.
  await (await switchLabelled(session, "Start at login")).label.click();
  await waitUntil("the entry from a click on the label", () => existsSync(entry));
});

test("started with --minimized the app stays in the tray; launching it again shows the window", async () => {
  const own = mkdtempSync(join(tmpdir(), "zexa-e2e-minimized-"));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(own, "config"),
    XDG_DATA_HOME: join(own, "data"),
    XDG_CACHE_HOME: join(own, "cache"),
    HOME: own,
    ZEXA_SANDBOX_WHEN_EMPTY: "1",
  };
  // The app of the tests above holds the single-instance name: close it first.
  await app.close();
  app = null;
  await singleInstanceFree();
  const first = spawn(APP_BIN, ["--minimized"], { env, stdio: "ignore" });
  try {
    // Up and working: the embedded sandbox's profile is written.
    await waitUntil("the app to start", () => {
      try {
        return readSettings(own).profiles.length > 0;
      } catch {
        return false;
      }
    });
    await sleep(2000);
    const mainWindow = () =>
      visibleWindows(first.pid).find((w) => {
        const box = geometry(w);
        return box.width >= 700 && box.height >= 500;
      });
    assert.equal(mainWindow(), undefined, "no window is shown at login");
    assert.equal(first.exitCode, null, "it keeps running");

    const second = spawn(APP_BIN, [], { env, stdio: "ignore" });
    await new Promise((done) => second.once("exit", done));
    await waitUntil("the window after a second launch", mainWindow);
  } finally {
    first.kill("SIGKILL");
    // Gone before the next launch: a dying app still holds the single-instance name on D-Bus.
    if (first.exitCode === null && first.signalCode === null) await new Promise((done) => first.once("exit", done));
  }
});
