// Issue 22, "guided rotation when the server cannot create keys", in the real window against
// `zexa-sandbox --documented-only` (only GET /credits, 404 elsewhere, as Zexa documents): a
// profile whose key this app stored 120 days ago (key-dates.json written before the launch, as
// an older key would have left it), the API keys section's "Rotate this key", the four steps
// with a key created "on the dashboard" (the sandbox's admin route, which the documented-only
// server keeps), the old key found still working (the reminder stays, on the Overview too),
// then revoked "on the dashboard" and verified with GET /credits (401): done. A second launch
// shows that the reminder outlives a restart without the old key, and the user confirms.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { launchApp, saveScreenshot } from "./lib/app.mjs";
import { waitUntil } from "./lib/desktop.mjs";
import { filesContaining, keychainLookup, readSettings } from "./lib/files.mjs";
import { startSandbox } from "./lib/sandbox.mjs";
import { balanceShows, fill, openSection, submitProfileForm } from "./lib/ui.mjs";

const DAY = 86_400;
const DIALOG = '[data-testid="manual-rotation-dialog"]';

let sandbox;
let app;
let home;
let profileId;

/** As an older key would be noted: stored `days` ago by this app. */
function ageKey(days) {
  const path = join(home, "config", "ao.zexa.desktop", "key-dates.json");
  const dates = JSON.parse(readFileSync(path, "utf8"));
  dates.data[profileId] = Math.floor(Date.now() / 1000) - days * DAY;
  writeFileSync(path, JSON.stringify(dates));
}

const stepShows = (session, step) =>
  session.waitFor(`${DIALOG} [data-testid="manual-rotation-step"]`, {
    predicate: async (e) => (await e.attribute("data-step")) === String(step),
  });

async function click(session, css) {
  await (await session.waitFor(css)).click();
}

/** Waits until nothing matches `css` (a reminder that goes once Rust's announcement is refetched). */
const gone = (session, css) =>
  waitUntil(`${css} to go`, () => session.execute(`return document.querySelector(arguments[0]) === null`, [css]));

async function credits(key) {
  return (await fetch(`${sandbox.baseUrl}/credits`, { headers: { authorization: `Bearer ${key}` } })).status;
}

before(async () => {
  sandbox = await startSandbox("demo", ["--documented-only"]);
  try {
    // First launch: the profile is added (its key checked with GET /credits, stored, dated).
    const first = await launchApp();
    home = first.home;
    try {
      await first.session.waitFor('[data-testid="onboarding"]');
      await submitProfileForm(first.session, '[data-testid="onboarding"]', {
        name: "Production",
        key: sandbox.apiKey,
        baseUrl: sandbox.baseUrl,
      });
      await balanceShows(first.session, "4250");
    } finally {
      await first.close();
    }
    profileId = readSettings(home).profiles.find((p) => p.name === "Production").id;
    ageKey(120);
    app = await launchApp({ home });
    await balanceShows(app.session, "4250");
  } catch (error) {
    await app?.close();
    await sandbox.stop();
    throw error;
  }
});

after(async () => {
  await app?.close();
  await sandbox?.stop();
});

let newKey;

test("an old key on a server without key creation: Rotate this key, four steps, the new key checked and switched to", async () => {
  const { session } = app;
  await openSection(session, "api-keys");
  await session.waitFor('[data-testid="api-keys-not-offered"]', { timeoutMs: 20_000 });
  const entry = await session.waitFor('[data-testid="manual-rotation-entry"]', { timeoutMs: 20_000 });
  assert.equal(await entry.attribute("data-due"), "true");
  assert.match(await entry.text(), /120 days ago, more than the 90 days/);
  await saveScreenshot(session, "manual-rotation-1-entry");

  await click(session, '[data-testid="manual-rotation-start"]');
  await stepShows(session, 1);
  assert.match(await (await session.find(DIALOG)).text(), /Settings → API Keys/);
  await saveScreenshot(session, "manual-rotation-2-open-dashboard");
  await click(session, `${DIALOG} [data-testid="manual-rotation-next"]`);

  await stepShows(session, 2);
  const name = await (await session.find(`${DIALOG} [data-testid="manual-rotation-key-name"]`)).text();
  assert.match(name, /^Production \d{4}-\d{2}-\d{2}$/);
  await saveScreenshot(session, "manual-rotation-3-create-key");
  // On the dashboard: New API Key, named as the app says.
  newKey = await sandbox.issueKey(name);
  await click(session, `${DIALOG} [data-testid="manual-rotation-next"]`);

  await stepShows(session, 3);
  // A key the server never issued is refused and not stored.
  await fill(session, `${DIALOG} [data-testid="api-key-input"]`, "zx_test_NeverIssuedByTheServer000000000000000");
  await click(session, `${DIALOG} [data-testid="manual-rotation-paste-submit"]`);
  await session.waitFor(`${DIALOG} [data-testid="api-key-error"]`);
  assert.equal(keychainLookup(profileId), sandbox.apiKey, "the refused key was not stored");

  await fill(session, `${DIALOG} [data-testid="api-key-input"]`, newKey);
  await saveScreenshot(session, "manual-rotation-4-paste");
  await click(session, `${DIALOG} [data-testid="manual-rotation-paste-submit"]`);
  await stepShows(session, 4);
  assert.equal(keychainLookup(profileId), newKey, "the new key is in the Secret Service");
  const prefix = await (await session.find(`${DIALOG} [data-testid="manual-rotation-old-prefix"]`)).text();
  assert.equal(prefix, `${sandbox.apiKey.slice(0, 12)}…`, "the old key's prefix, never the whole key");
  assert.ok(!(await session.execute("return document.body.innerHTML")).includes(newKey), "the new key is not shown back");
  await saveScreenshot(session, "manual-rotation-5-revoke-old-key");
});

test("the old key still works: said clearly, and the reminder stays on the Overview", async () => {
  const { session } = app;
  await click(session, `${DIALOG} [data-testid="manual-rotation-verify"]`);
  const still = await session.waitFor(`${DIALOG} [data-testid="manual-rotation-still-works"]`);
  assert.match(await still.text(), /The old key still works: it has not been revoked yet/);
  assert.equal(await credits(sandbox.apiKey), 200, "as the server says");
  await saveScreenshot(session, "manual-rotation-6-still-works");

  await click(session, `${DIALOG} [data-testid="manual-rotation-later"]`);
  await openSection(session, "overview");
  const reminder = await session.waitFor('[data-testid="rotation-reminder"]');
  assert.ok((await reminder.text()).includes(`${sandbox.apiKey.slice(0, 12)}…`), await reminder.text());
  await session.waitFor('[data-testid="rotation-reminder-still-works"]');
  await balanceShows(session, "4250");
  await saveScreenshot(session, "manual-rotation-7-reminder");
});

test("revoked on the dashboard: GET /credits with the old key answers 401, the rotation is done", async () => {
  const { session } = app;
  // On the dashboard: Revoke, on the key with that prefix.
  await sandbox.revokeKey(sandbox.apiKey);
  assert.equal(await credits(sandbox.apiKey), 401);
  await click(session, '[data-testid="rotation-reminder-open"]');
  await stepShows(session, 4);
  await click(session, `${DIALOG} [data-testid="manual-rotation-verify"]`);
  const done = await session.waitFor(`${DIALOG} [data-testid="manual-rotation-done"]`);
  assert.match(await done.text(), /The old key no longer works: Zexa refused it/);
  await saveScreenshot(session, "manual-rotation-8-done");
  await click(session, `${DIALOG} [data-testid="manual-rotation-close"]`);
  await session.waitFor('[data-testid="section-overview"]');
  await gone(session, '[data-testid="rotation-reminder"]');
  await balanceShows(session, "4250");
  // Neither key is written anywhere but the Secret Service.
  assert.deepEqual(filesContaining(home, [sandbox.apiKey, newKey]), []);
});

test("after a restart the old key is gone from memory: the reminder stays until the user says it is revoked", async () => {
  // Rotate again, then quit before revoking.
  ageKey(100);
  let { session } = app;
  await openSection(session, "api-keys");
  await click(session, '[data-testid="manual-rotation-start"]');
  await stepShows(session, 1);
  await click(session, `${DIALOG} [data-testid="manual-rotation-next"]`);
  await stepShows(session, 2);
  const newer = await sandbox.issueKey("Production newer");
  await click(session, `${DIALOG} [data-testid="manual-rotation-next"]`);
  await stepShows(session, 3);
  await fill(session, `${DIALOG} [data-testid="api-key-input"]`, newer);
  await click(session, `${DIALOG} [data-testid="manual-rotation-paste-submit"]`);
  await stepShows(session, 4);
  await app.close();
  app = null;

  app = await launchApp({ home });
  ({ session } = app);
  await balanceShows(session, "4250");
  const reminder = await session.waitFor('[data-testid="rotation-reminder"]');
  assert.ok((await reminder.text()).includes(`${newKey.slice(0, 12)}…`), await reminder.text());
  await click(session, '[data-testid="rotation-reminder-open"]');
  await stepShows(session, 4);
  const step = await session.find(`${DIALOG} [data-testid="manual-rotation-revoke"]`);
  assert.equal(await step.attribute("data-can-verify"), "false");
  await saveScreenshot(session, "manual-rotation-9-after-restart");
  await click(session, `${DIALOG} [data-testid="manual-rotation-confirm"]`);
  const confirm = await session.waitFor('[data-testid="manual-rotation-confirm-dialog"]');
  await saveScreenshot(session, "manual-rotation-10-confirm");
  await (await session.find('[data-testid="manual-rotation-confirm-dialog"] [data-testid="confirm-action"]')).click();
  await session.waitFor(`${DIALOG} [data-testid="manual-rotation-done"]`);
  assert.ok(confirm);
  await click(session, `${DIALOG} [data-testid="manual-rotation-close"]`);
  await gone(session, '[data-testid="rotation-reminder"]');
  assert.equal(keychainLookup(profileId), newer);
});
