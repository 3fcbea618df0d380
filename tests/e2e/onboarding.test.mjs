// Issue 4 in the real window: onboarding against the sandbox server, the balance and its
// refresh, a revoked key and Replace key, a second profile and switching, the key seen in
// the Secret Service with secret-tool, and no copy of any key left on disk.

import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { after, before, test } from "node:test";

import { launchApp, saveScreenshot } from "./lib/app.mjs";
import { balanceShows, fill, submitProfileForm as submitForm } from "./lib/ui.mjs";
import { filesContaining, keychainLookup, readSettings } from "./lib/files.mjs";

function readSettingsOrNull(home) {
  try {
    return readSettings(home);
  } catch {
    return null;
  }
}
import { startSandbox } from "./lib/sandbox.mjs";

let sandbox;
let app;
const keysUsed = [];

before(async () => {
  sandbox = await startSandbox("demo");
  app = await launchApp();
});
after(async () => {
  await app?.close();
  await sandbox?.stop();
});


function submitProfileForm(session, scope, { name, key }) {
  return submitForm(session, scope, { name, key, baseUrl: sandbox.baseUrl });
}


test("a refused key is reported and nothing is stored", async () => {
  const { session } = app;
  await session.waitFor('[data-testid="onboarding"]');
  await submitProfileForm(session, '[data-testid="onboarding"]', { name: "Production", key: "zx_test_NOT_A_REAL_KEY_0000000000" });
  const error = await session.waitFor('[data-testid="onboarding"] [data-testid="api-key-error"]');
  assert.match(await error.text(), /refused/i);
  assert.equal(readSettingsOrNull(app.home), null, "no profile saved");
  await saveScreenshot(session, "onboarding-refused");
});

test("the good key shows the balance and is kept in the Secret Service", async () => {
  const { session } = app;
  keysUsed.push(sandbox.apiKey);
  await submitProfileForm(session, '[data-testid="onboarding"]', { name: "Production", key: `  Bearer ${sandbox.apiKey}\n` });
  await balanceShows(session, "4250");
  await saveScreenshot(session, "balance");

  const settings = readSettings(app.home);
  const production = settings.profiles.find((p) => p.name === "Production");
  assert.ok(production, "profile saved");
  assert.equal(keychainLookup(production.id), sandbox.apiKey, "secret-tool sees the stored key");
  const page = await session.execute("return document.documentElement.outerHTML");
  assert.ok(!page.includes(sandbox.apiKey), "the full key is nowhere in the page once stored");
});

test("a balance changed on the server shows after Refresh, fraction included", async () => {
  const { session } = app;
  await sandbox.setBalance(4249.5);
  await (await session.find('[data-testid="refresh-balance"]')).click();
  await balanceShows(session, "4249.5");
  await sandbox.setBalance(120);
  await (await session.find('[data-testid="refresh-balance"]')).click();
  await session.waitFor('[data-testid="balance-low"]');
  await saveScreenshot(session, "balance-low");
  await sandbox.setBalance(4250);
  await (await session.find('[data-testid="refresh-balance"]')).click();
  await balanceShows(session, "4250");
});

test("a revoked key leads to Replace key, and the new key works", async () => {
  const { session } = app;
  const replacement = await sandbox.issueKey("Desktop replacement");
  keysUsed.push(replacement);
  await sandbox.revokeKey(sandbox.apiKey);
  await (await session.find('[data-testid="refresh-balance"]')).click();
  const refused = await session.waitFor('[data-testid="key-refused"]');
  assert.match(await refused.text(), /revoked|invalid|refused/i);
  await saveScreenshot(session, "key-revoked");

  await (await session.find('[data-testid="open-replace-key"]')).click();
  await fill(session, '[data-testid="replace-key-form"] [data-testid="api-key-input"]', replacement);
  await (await session.find('[data-testid="replace-key-submit"]')).click();
  await balanceShows(session, "4250");
  const production = readSettings(app.home).profiles.find((p) => p.name === "Production");
  assert.equal(keychainLookup(production.id), replacement, "the keychain holds the new key");
});

test("a second profile can be added and the profiles switched", async () => {
  const { session } = app;
  const stagingKey = await sandbox.issueKey("Staging desktop");
  keysUsed.push(stagingKey);
  await (await session.find('[data-testid="profile-menu-toggle"]')).click();
  await (await session.waitFor('[data-testid="add-profile"]')).click();
  await session.waitFor('[data-testid="add-profile-dialog"]');
  await submitProfileForm(session, '[data-testid="add-profile-dialog"]', { name: "Staging", key: stagingKey });
  await session.waitForText('[data-testid="profile-switcher"]', "Staging");

  const { profiles, active_profile_id: active } = readSettings(app.home);
  const staging = profiles.find((p) => p.name === "Staging");
  const production = profiles.find((p) => p.name === "Production");
  assert.equal(active, staging.id, "the new profile is active");
  assert.equal(keychainLookup(staging.id), stagingKey);

  await (await session.find(`[data-testid="profile-select"] option[value="${production.id}"]`)).click();
  await session.waitFor('[data-testid="profile-select"]', {
    predicate: async (e) => (await session.execute("return arguments[0].value", [e.ref()])) === production.id,
  });
  await balanceShows(session, "4250");
  assert.equal(readSettings(app.home).active_profile_id, production.id);
  await saveScreenshot(session, "profile-switched");
});

test("no copy of any key is left on disk (config, data, cache, logs, webview storage, temp)", async () => {
  const home = app.home;
  await app.close();
  app = null;
  assert.ok(keysUsed.length >= 3);
  // The app's folders (XDG config, data with logs and WebKit storage, cache) are under `home`,
  // itself under the temp folder. The Secret Service's own encrypted keyring file is the one
  // place a key belongs, so it is left out.
  const hits = filesContaining(tmpdir(), keysUsed).filter((p) => !p.includes("/keyrings/"));
  assert.ok(home.startsWith(tmpdir()));
  assert.deepEqual(hits, [], `keys found in: ${hits.join(", ")}`);
});
