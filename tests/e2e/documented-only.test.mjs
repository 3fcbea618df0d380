// Issue 22, "a checkup that stands on its own", in the real window against
// `zexa-sandbox --documented-only` (only GET /credits, 404 elsewhere, as Zexa documents): the
// Overview's checkup counts only what ran ("On this computer") and groups the account's parts
// into "Check these on the Zexa dashboard"; one entry confirmed is counted and kept on disk.
// Each section says "not offered" at once, from the offers learned once, without asking the
// server again (so no failed request, no request id), and the password form is not offered.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { launchApp, saveScreenshot } from "./lib/app.mjs";
import { startNotificationDaemon } from "./lib/desktop.mjs";
import { startSandbox } from "./lib/sandbox.mjs";
import { balanceShows, openSection, submitProfileForm } from "./lib/ui.mjs";

let sandbox;
let app;
let notifications;

const CARD = '[data-testid="checkup-card"]';
const entry = (item) => `[data-testid="dashboard-check"][data-item="${item}"]`;
/** The requests the server got for what it does not offer (the contract's key, session,
 * two-factor and account endpoints). */
const unofferedRequests = async () =>
  (await sandbox.admin("GET", "/requests")).data.filter((line) => /\/v1\/(api-keys|sessions|two-factor|account)/.test(line));

const summaryIs = (session, text) =>
  session.waitFor('[data-testid="checkup-summary"]', { predicate: async (e) => (await e.text()) === text, timeoutMs: 15_000 });

async function cardScreenshot(session, name) {
  await session.execute(`document.querySelector('${CARD}').scrollIntoView({ block: "start" })`);
  return saveScreenshot(session, name);
}

before(async () => {
  sandbox = await startSandbox("demo", ["--documented-only"]);
  try {
    app = await launchApp();
    notifications = await startNotificationDaemon(join(app.home, "dunst.log"));
    const { session } = app;
    await session.waitFor('[data-testid="onboarding"]');
    await submitProfileForm(session, '[data-testid="onboarding"]', { name: "Zexa", key: sandbox.apiKey, baseUrl: sandbox.baseUrl });
    await balanceShows(session, "4250");
  } catch (error) {
    await app?.close();
    await sandbox.stop();
    throw error;
  }
});
after(async () => {
  await app?.close();
  notifications?.stop();
  await sandbox?.stop();
  console.log("# notifications:", JSON.stringify(notifications?.summaries() ?? []));
});

test("the checkup counts only what ran and groups the rest for the dashboard", async () => {
  const { session } = app;
  // On this computer: the key only in the keychain, stored just now, never scanned (a warning,
  // fixed by Scan now), no program through zexa run yet (a hint, not counted).
  await summaryIs(session, "2 of 3 checks pass · 4 to confirm on the dashboard");
  const groups = await session.findAll('[data-testid="checkup-group"]');
  assert.deepEqual(await Promise.all(groups.map((g) => g.attribute("data-group"))), ["computer", "account"]);
  const checks = await session.findAll(`${CARD} [data-testid="check"]`);
  const seen = await Promise.all(checks.map(async (c) => `${await c.attribute("data-check")}:${await c.attribute("data-status")}`));
  assert.deepEqual(seen, ["key_in_keychain_only:pass", "key_stored_recently:pass", "scan_clean:warn", "programs_use_zexa_run:hint"]);
  const items = await session.findAll('[data-testid="dashboard-check"]');
  assert.deepEqual(
    await Promise.all(items.map((i) => i.attribute("data-item"))),
    ["two_factor_on", "backup_codes", "api_keys", "sessions"],
  );
  const card = await (await session.find(CARD)).text();
  assert.doesNotMatch(card, /Not available|Request ID/, "nothing listed as failed, no request id repeated");
  assert.match(card, /Check these on the Zexa dashboard/);
  assert.match(card, /Settings → Security → Two-Factor Authentication/);
  assert.equal(
    await (await session.find(`${entry("two_factor_on")} [data-testid="confirm-check"]`)).text(),
    "I checked: two-factor is on",
  );
  await cardScreenshot(session, "documented-only-checkup");
});

test("confirming one dashboard entry counts it and keeps the date", async () => {
  const { session } = app;
  await (await session.find(`${entry("two_factor_on")} [data-testid="confirm-check"]`)).click();
  await summaryIs(session, "3 of 4 checks pass · 3 to confirm on the dashboard");
  await session.waitFor(entry("two_factor_on"), { predicate: async (e) => (await e.attribute("data-confirmed")) === "true" });
  const when = await (await session.find(`${entry("two_factor_on")} [data-testid="dashboard-check-when"]`)).text();
  assert.match(when, /^You checked it .+\.$/);
  // The focus moved to the entry's Undo, not to the page.
  const focused = await session.execute("return document.activeElement?.dataset.testid ?? null");
  assert.equal(focused, "unconfirm-check");
  const file = join(app.home, "data", "ao.zexa.desktop", "checkup-confirmations.json");
  assert.ok(existsSync(file), `${file} holds the confirmation`);
  const stored = JSON.parse(readFileSync(file, "utf8")).data;
  assert.deepEqual(Object.values(stored).map((items) => Object.keys(items)), [["two_factor_on"]]);
  await cardScreenshot(session, "documented-only-checkup-confirmed");
});

test("each section says it is not offered at once, without asking the server again", async () => {
  const { session } = app;
  const before = await unofferedRequests();

  const keys = await openSection(session, "api-keys");
  const keysGuidance = await session.waitFor('[data-testid="api-keys-not-offered"]');
  assert.match(await keysGuidance.text(), /does not offer/);
  assert.equal((await session.findAll('[data-testid="api-keys-loading"], [data-testid="api-keys-error"]')).length, 0);
  assert.doesNotMatch(await keys.text(), /Request ID/);
  await saveScreenshot(session, "documented-only-api-keys");

  const security = await openSection(session, "security");
  await session.waitFor('[data-testid="two-factor-not-offered"]');
  const password = await session.waitFor('[data-testid="password-not-offered"]');
  assert.match(await password.text(), /does not offer password changes/);
  assert.equal((await session.findAll('[data-testid="password-form"], #current-password')).length, 0, "no password form to type into");
  assert.doesNotMatch(await security.text(), /Request ID/);
  await saveScreenshot(session, "documented-only-security");

  await (await session.waitFor('[data-testid="nav-sessions"]')).click();
  const sessions = await session.waitFor('[data-testid="section-sessions"]');
  const sessionsGuidance = await session.waitFor('[data-testid="sessions-not-offered"]');
  assert.match(await sessionsGuidance.text(), /Active Sessions/);
  assert.doesNotMatch(await sessions.text(), /Request ID/);
  await saveScreenshot(session, "documented-only-sessions");

  assert.deepEqual(await unofferedRequests(), before, "learned once: the sections asked the server nothing");
});
