// Issue 9 in the real window: the key list with its badges, a new key shown once and copied
// through Rust's clipboard (read back with xclip, then cleared), "Use it for a profile" into the
// Secret Service, revoke with its confirmation and the stronger warning for this app's key,
// one-click rotation, the lock-down, and the secret canary (no copy of the new key on disk, in
// the logs, or in any IPC reply but the one that created it).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { saveScreenshot } from "./lib/app.mjs";
import { clipboardText, waitUntil } from "./lib/desktop.mjs";
import { filesContaining, keychainLookup, notOwnerOnly, readSettings } from "./lib/files.mjs";
import { onboardedApp } from "./lib/onboarded.mjs";
import { fill, openSection, recordIpc, recordedIpc } from "./lib/ui.mjs";

let sandbox;
let app;
let created; // the new key's secret, as shown once
let copiedAt;
const secrets = [];

before(async () => {
  ({ sandbox, app } = await onboardedApp());
  await recordIpc(app.session);
});
after(async () => {
  await app?.close();
  await sandbox?.stop();
});

const row = (name) => `[data-testid="api-key-row"][data-key-name="${name}"]`;

async function activeKeys() {
  const { data } = await sandbox.admin("GET", "/api-keys");
  return data.filter((k) => !k.revoked_at);
}

async function credits(key) {
  const response = await fetch(`${sandbox.baseUrl}/credits`, { headers: { authorization: `Bearer ${key}` } });
  return response.status;
}

test("the list shows every key with its badges, most recently used first", async () => {
  const { session } = app;
  await openSection(session, "api-keys");
  await session.waitFor('[data-testid="api-key-list"]');
  const names = await session.execute(
    "return [...document.querySelectorAll('[data-testid=api-key-row]')].map((r) => r.dataset.keyName)",
  );
  assert.deepEqual(names, ["Zexa Desktop (sandbox)", "Production server", "Staging", "CI pipeline"]);
  const badges = async (name) =>
    session.execute(`return [...document.querySelectorAll('${row(name)} [data-testid=key-badge]')].map((b) => b.dataset.badge)`);
  assert.deepEqual(await badges("Zexa Desktop (sandbox)"), ["this_app"]);
  assert.deepEqual(await badges("Production server"), ["older_than_90_days"]);
  assert.deepEqual(await badges("CI pipeline"), ["never_used"]);
  const times = await session.findAll(`${row("Production server")} time`);
  const lastUsed = times[times.length - 1];
  assert.match(await lastUsed.text(), /minutes? ago|just now/);
  assert.ok(await lastUsed.attribute("title"), "the exact date and time on hover");
  assert.match(await (await session.find(row("CI pipeline"))).text(), /Never used/);
  await saveScreenshot(session, "api-keys-list");
});

test("a new key is shown once, copied by Rust and stored as a profile in the keychain", async () => {
  const { session } = app;
  await (await session.find('[data-testid="new-key"]')).click();
  await fill(session, '[data-testid="key-name-input"]', "Staging");
  const taken = await session.waitFor('[data-testid="key-name-error"]');
  assert.match(await taken.text(), /already has this name/);
  await fill(session, '[data-testid="key-name-input"]', "Deploy bot");
  await session.waitFor('[data-testid="key-name-error"]', { predicate: async (e) => !(await e.displayed()) }).catch(() => {});

  const clicked = Date.now();
  await (await session.find('[data-testid="generate-key"]')).click();
  const shown = await session.waitFor('[data-testid="shown-once-secret"]');
  const generateToShownMs = Date.now() - clicked;
  created = (await shown.text()).trim();
  secrets.push(created);
  console.log(`# time from Generate to the key shown: ${generateToShownMs} ms`);
  assert.match(created, /^zx_test_[A-Za-z0-9]{40}$/);
  assert.equal(await credits(created), 200, "the new key works at once");
  const done = await session.find('[data-testid="secret-done"]');
  assert.equal(await done.attribute("disabled"), "true", "Done waits for the acknowledgement");
  await saveScreenshot(session, "api-keys-shown-once");

  await (await session.find('[data-testid="copy-secret"]')).click();
  copiedAt = Date.now();
  await session.waitForText('[data-testid="copy-countdown"]', "cleared");
  assert.equal(clipboardText(), created, "xclip reads the key Rust put on the clipboard");

  // Esc asks before closing.
  await session.cmd("POST", "/actions", {
    actions: [{ type: "key", id: "kbd", actions: [{ type: "keyDown", value: "\uE00C" }, { type: "keyUp", value: "\uE00C" }] }],
  });
  await session.waitFor('[data-testid="close-confirm-dialog"]');
  await (await session.find('[data-testid="close-confirm-dialog"] [data-testid="confirm-cancel"]')).click();

  await (await session.find('[data-testid="use-for-profile"]')).click();
  await session.waitFor('[data-testid="use-for-profile-form"]');
  await fill(session, '[data-testid="use-new-profile-name"]', "Deploy bot");
  await (await session.find('[data-testid="use-for-profile-submit"]')).click();
  await session.waitFor('[data-testid="use-for-profile-done"]');
  const deploy = readSettings(app.home).profiles.find((p) => p.name === "Deploy bot");
  assert.ok(deploy, "a new profile");
  assert.equal(keychainLookup(deploy.id), created, "secret-tool finds the key in the Secret Service");

  await (await session.find('[data-testid="secret-acknowledge"]')).click();
  await (await session.find('[data-testid="secret-done"]')).click();
  await session.waitFor(row("Deploy bot"));
  const page = await session.execute("return document.documentElement.outerHTML");
  assert.ok(!page.includes(created), "the key is gone from the window once the dialog closed");
});

test("revoking asks first, names the key, and the key stops working", async () => {
  const { session } = app;
  await (await session.find(`${row("Deploy bot")} [data-testid="revoke-key"]`)).click();
  const dialog = await session.waitFor('[data-testid="confirm-dialog"]');
  const text = await dialog.text();
  assert.match(text, /Deploy bot/);
  assert.match(text, new RegExp(created.slice(0, 12)));
  await saveScreenshot(session, "api-keys-revoke-confirm");
  await (await session.find('[data-testid="confirm-action"]')).click();
  await session.waitForText('[data-testid="toast"]', "Deploy bot");
  await waitUntil("the row to leave", async () => (await session.findAll(row("Deploy bot"))).length === 0);
  assert.equal(await credits(created), 401, "revoked at once");
});

test("revoking this app's key warns harder and offers a one-click rotation instead", async () => {
  const { session } = app;
  await (await session.find(`${row("Zexa Desktop (sandbox)")} [data-testid="revoke-key"]`)).click();
  const warning = await session.waitFor('[data-testid="revoke-app-key-warning"]');
  assert.match(await warning.text(), /Production/);
  await saveScreenshot(session, "api-keys-revoke-app-warning");
  await (await session.find('[data-testid="rotate-instead"]')).click();
  const report = await session.waitFor('[data-testid="rotation-report"]', { timeoutMs: 20_000 });
  assert.equal(await report.attribute("data-outcome"), "rotated", await report.text());
  await saveScreenshot(session, "api-keys-rotation-report");
  const production = readSettings(app.home).profiles.find((p) => p.name === "Production");
  const rotated = keychainLookup(production.id);
  secrets.push(rotated);
  assert.notEqual(rotated, sandbox.apiKey);
  assert.equal(await credits(rotated), 200, "the keychain holds a working key");
  assert.equal(await credits(sandbox.apiKey), 401, "the old key is revoked");
  await (await session.find('[data-testid="rotation-report"] ~ .actions button, [data-testid="rotation-report-dialog"] .actions button')).click().catch(() => {});
});

test("the copied key leaves the clipboard after 60 seconds", async () => {
  // Watch the clipboard itself until it changes, with a deadline just past the 60 s; then check
  // it did not change early.
  const left = Math.max(0, copiedAt + 66_000 - Date.now());
  await waitUntil("the clipboard to be cleared", () => clipboardText() !== created, left);
  const after = Date.now() - copiedAt;
  assert.ok(after >= 59_000, `cleared after ${after} ms, not before the 60 s`);
});

test("the lock-down leaves exactly one working key, this app's", async () => {
  const { session } = app;
  await session.execute("document.querySelectorAll('[role=dialog] .actions .primary').forEach((b) => b.click())");
  await (await session.waitFor('[data-testid="lockdown-start"]')).click();
  await session.waitFor('[data-testid="confirm-dialog"]');
  await saveScreenshot(session, "api-keys-lockdown-confirm");
  await (await session.find('[data-testid="confirm-action"]')).click();
  const report = await session.waitFor('[data-testid="lockdown-report"]', { timeoutMs: 30_000 });
  assert.match(await report.text(), /suporte@zexa\.ao/);
  await saveScreenshot(session, "api-keys-lockdown-report");
  const left = await activeKeys();
  assert.equal(left.length, 1, JSON.stringify(left));
  const production = readSettings(app.home).profiles.find((p) => p.name === "Production");
  const key = keychainLookup(production.id);
  secrets.push(key);
  assert.ok(key.startsWith(left[0].prefix), "the one key left is the app's");
  assert.equal(await credits(key), 200);
});

test("the new key travelled in one IPC reply only and is nowhere on disk or in the logs", async () => {
  const calls = await recordedIpc(app.session);
  assert.ok(calls.some((c) => c.cmd === "list_api_keys"), `the recorder saw the IPC: ${calls.map((c) => c.cmd)}`);
  const carrying = calls.filter((c) => c.reply.includes(created) || c.args.includes(created)).map((c) => c.cmd);
  assert.deepEqual(carrying, ["create_api_key"], "only the create reply carries it");
  const home = app.home;
  await app.close();
  app = null;
  const hits = filesContaining(home, [created]).filter((p) => !p.includes("/keyrings/"));
  assert.deepEqual(hits, [], `found in: ${hits.join(", ")}`);
  const logs = join(home, "data", "ao.zexa.desktop", "logs");
  const logHits = filesContaining(logs, secrets);
  assert.deepEqual(logHits, [], "no secret in any log line");
  assert.ok(readFileSync(join(logs, (await import("node:fs")).readdirSync(logs)[0]), "utf8").includes("API key created"));
  // The app's own folders: nothing another user of the machine may read.
  for (const root of ["config", "data", "cache"]) {
    const loose = notOwnerOnly(join(home, root, "ao.zexa.desktop"));
    assert.deepEqual(loose, [], `${root}: group- or world-accessible: ${loose.join(", ")}`);
  }
});
