// Issue 10 in the real window: the session list, one-click revoke (timed), sign out everywhere,
// a new sign-in announced once by a real notification daemon (dunst), and the password change
// with its live checklist, then the secret canary for the password.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { saveScreenshot } from "./lib/app.mjs";
import { startNotificationDaemon, waitUntil } from "./lib/desktop.mjs";
import { filesContaining } from "./lib/files.mjs";
import { onboardedApp } from "./lib/onboarded.mjs";
import { openSection } from "./lib/ui.mjs";

let sandbox;
let app;
let notifications;
const NEW_PASSWORD = "Desktop#2027-canary";

before(async () => {
  ({ sandbox, app } = await onboardedApp({
    afterLaunch: async (launched) => {
      notifications = await startNotificationDaemon(join(launched.home, "dunst.log"));
    },
  }));
});
after(async () => {
  await app?.close();
  notifications?.stop();
  await sandbox?.stop();
});

const row = (device) => `[data-testid="session-row"][data-device="${device}"]`;
const seed = (device, location, secsAgo = 0) =>
  sandbox.admin("POST", "/sessions", { device, location, ip: "203.0.113.9", last_active_secs_ago: secsAgo });
const sessionChecks = async () => (await sandbox.admin("GET", "/requests")).data.filter((r) => r === "GET /v1/sessions").length;
const sandboxDevices = async () => (await sandbox.admin("GET", "/sessions")).data.map((s) => s.device);

test("the list shows device, place, IP, sign-in and last activity, most recent first", async () => {
  const { session } = app;
  await openSection(session, "sessions");
  await session.waitFor('[data-testid="session-list"]');
  const devices = await session.execute(
    "return [...document.querySelectorAll('[data-testid=session-row]')].map((r) => r.dataset.device)",
  );
  assert.deepEqual(devices, ["MacBook Pro · Safari 17", "iPhone 15 · Zexa app", "Windows 11 · Chrome 126", "Ubuntu 24.04 · Firefox 127"]);
  const windows = await session.find(row("Windows 11 · Chrome 126"));
  const text = await windows.text();
  assert.match(text, /Benguela, Angola/);
  assert.match(text, /192\.0\.2\.77/);
  assert.match(text, /2 days ago/);
  const times = await session.findAll(`${row("Windows 11 · Chrome 126")} time`);
  assert.ok(await times[times.length - 1].attribute("title"), "exact time on hover");
  await saveScreenshot(session, "sessions-list");
});

test("a new sign-in raises exactly one desktop notification", async () => {
  const { session } = app;
  await seed("Pixel 9 · Chrome", "Huambo, Angola");
  // Saving the settings wakes the background check (it also runs every poll interval). Each
  // wake is seen to reach the server (one more GET /v1/sessions) before the next one.
  const wakeCheck = async () => {
    const before = await sessionChecks();
    await openSection(session, "settings");
    await (await session.waitFor('[data-testid="save-settings"]')).click();
    await session.waitForText('[data-testid="settings-saved"]', "saved");
    await waitUntil("the check to ask for sessions", async () => (await sessionChecks()) > before, 5_000).catch(() => {});
  };
  for (let n = 0; n < 3; n++) await wakeCheck();
  const summaries = await waitUntil("the notification", () => {
    const found = notifications.summaries().filter((s) => s.startsWith("New sign-in"));
    return found.length ? found : null;
  });
  // One more check that sees the same sign-in, instead of waiting a fixed time for a second
  // notification: it must not announce it again.
  await wakeCheck();
  assert.deepEqual(notifications.summaries().filter((s) => s.startsWith("New sign-in")), [
    "New sign-in to Production: Pixel 9 · Chrome, Huambo, Angola",
  ], `one only: ${summaries}`);
});

test("one click on Revoke signs a session out at once", async () => {
  const { session } = app;
  await openSection(session, "sessions");
  const button = await session.waitFor(`${row("Windows 11 · Chrome 126")} [data-testid="revoke-session"]`);
  assert.match(await button.attribute("aria-label") ?? await button.text(), /Revoke/);
  const clicked = Date.now();
  await button.click();
  await waitUntil("the row to leave", async () => (await session.findAll(row("Windows 11 · Chrome 126"))).length === 0, 5_000);
  console.log(`# time from the click on Revoke to the row leaving the list: ${Date.now() - clicked} ms`);
  const toast = await session.waitForText('[data-testid="toast"]', "Signed out Windows 11 · Chrome 126 — Benguela, Angola");
  assert.ok(toast);
  await saveScreenshot(session, "sessions-revoked");
  await waitUntil("the sandbox to agree", async () => !(await sandboxDevices()).includes("Windows 11 · Chrome 126"), 5_000);
  assert.equal((await session.findAll('[data-testid="session-row-error"]')).length, 0);
});

test("sign out everywhere asks once and reports what it did", async () => {
  const { session } = app;
  const before = (await session.findAll('[data-testid="session-row"]')).length;
  await (await session.find('[data-testid="sign-out-everywhere"]')).click();
  await session.waitFor('[data-testid="confirm-dialog"]');
  await saveScreenshot(session, "sessions-sign-out-confirm");
  await (await session.find('[data-testid="confirm-action"]')).click();
  const report = await session.waitFor('[data-testid="sign-out-report"]');
  assert.match(await report.text(), new RegExp(`Signed out ${before} sessions`));
  await session.waitFor('[data-testid="sessions-empty"]');
  assert.deepEqual(await sandboxDevices(), []);
  await saveScreenshot(session, "sessions-signed-out-everywhere");
});

test("the password checklist turns green as the new password is typed, and the change works", async () => {
  const { session } = app;
  await seed("Galaxy S24 · Chrome", "Lubango, Angola", 600);
  await openSection(session, "security");
  const met = () =>
    session.execute(
      "return Object.fromEntries([...document.querySelectorAll('[data-testid=password-rule]')].map((r) => [r.dataset.rule, r.dataset.met === 'true']))",
    );
  await (await session.waitFor('[data-testid="current-password-input"]')).type("Sandbox#2026");
  const input = await session.find('[data-testid="new-password-input"]');
  await input.type("desktop");
  await waitUntil("the checklist", async () => Object.keys(await met()).length > 0);
  let rules = await met();
  assert.equal(rules.min_length, false);
  assert.equal(rules.uppercase, false);
  await saveScreenshot(session, "password-checklist-partial");
  await input.clear();
  await input.type(NEW_PASSWORD);
  await (await session.find('[data-testid="confirm-password-input"]')).type(NEW_PASSWORD);
  await waitUntil("every rule met", async () => Object.values(await met()).every(Boolean));
  rules = await met();
  assert.deepEqual(Object.keys(rules).sort(), ["match", "min_length", "number", "special", "uppercase"]);
  await saveScreenshot(session, "password-checklist-green");

  await (await session.find('[data-testid="change-password"]')).click();
  const changed = await session.waitFor('[data-testid="password-changed"]');
  assert.match(await changed.text(), /Sign out/);
  const fields = await session.execute(
    "return ['current-password-input','new-password-input','confirm-password-input'].map((id) => document.querySelector(`[data-testid=${id}]`).value)",
  );
  assert.deepEqual(fields, ["", "", ""], "the fields are cleared");
  await saveScreenshot(session, "password-changed");
  // The offer to end other sign-ins: one click.
  await (await session.find('[data-testid="sign-out-all-after-password"]')).click();
  const report = await session.waitFor('[data-testid="password-changed"] [data-testid="sign-out-report"]');
  assert.match(await report.text(), /Signed out 1 session/);
  assert.deepEqual(await sandboxDevices(), []);
  // The sandbox agrees: the new password is now the current one.
  const check = await fetch(`${sandbox.baseUrl}/account/password`, {
    method: "POST",
    headers: { authorization: `Bearer ${sandbox.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ current_password: NEW_PASSWORD, new_password: "Another#2028" }),
  });
  assert.equal(check.status, 204);
});

test("the password is nowhere in the app's files or logs", async () => {
  const home = app.home;
  await app.close();
  app = null;
  const hits = filesContaining(home, [NEW_PASSWORD, "Sandbox#2026"]).filter((p) => !p.includes("/keyrings/"));
  assert.deepEqual(hits, [], `found in: ${hits.join(", ")}`);
});
