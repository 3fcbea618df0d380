// Issue 15 in the real window: started with LANG=pt_PT.UTF-8 the app speaks Portuguese —
// onboarding, the Overview (balance written "4 250,00 USD"), a revoke confirmation and a
// desktop notification from Rust's catalogue — and choosing English in Settings switches the
// window at once, without a restart.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { launchApp, saveScreenshot } from "./lib/app.mjs";
import { startNotificationDaemon, waitUntil } from "./lib/desktop.mjs";
import { readSettings } from "./lib/files.mjs";
import { startSandbox } from "./lib/sandbox.mjs";
import { clickByLabel, fill, openSection } from "./lib/ui.mjs";

const NBSP = "\u00a0";
// Only LANG speaks: the other variables sys-locale reads first are emptied, as on a desktop
// where only the language was chosen.
const PORTUGUESE = { LANG: "pt_PT.UTF-8", LANGUAGE: "", LC_ALL: "", LC_MESSAGES: "" };

let sandbox;
let app;
let notifications;

before(async () => {
  sandbox = await startSandbox("demo");
  app = await launchApp({ env: PORTUGUESE });
  notifications = await startNotificationDaemon(join(app.home, "dunst.log"));
});
after(async () => {
  await app?.close();
  notifications?.stop();
  await sandbox?.stop();
});

const text = async (session, css) => (await (await session.waitFor(css)).text()).trim();
/** The DOM's own text, no-break spaces kept (WebDriver's text turns them into spaces). */
const domText = (session, css) => session.execute("return document.querySelector(arguments[0]).textContent.trim()", [css]);

test("onboarding is in Portuguese and a profile is added through it", async () => {
  const { session } = app;
  const onboarding = '[data-testid="onboarding"]';
  await session.waitForText(onboarding, "Ligue a sua conta Zexa");
  assert.equal(await session.execute("return document.documentElement.lang"), "pt-AO");
  const name = await session.find(`${onboarding} [data-testid="profile-name-input"]`);
  assert.equal(await session.execute("return arguments[0].value", [name.ref()]), "Produção", "the suggested name is Portuguese too");
  await fill(session, `${onboarding} [data-testid="api-key-input"]`, sandbox.apiKey);
  const advanced = await session.find(`${onboarding} details summary`);
  await advanced.click();
  await fill(session, `${onboarding} [data-testid="base-url-input"]`, sandbox.baseUrl);
  await clickByLabel(session, onboarding, "Verificar e guardar");
  await session.waitFor('[data-testid="balance-amount"]', {
    predicate: async (e) => (await e.text()).includes("250"),
  });
});

test("the Overview reads in Portuguese, with the balance written for Angola", async () => {
  const { session } = app;
  assert.equal(await domText(session, '[data-testid="balance-amount"]'), `4${NBSP}250,00${NBSP}USD`);
  assert.match(await text(session, '[data-testid="nav-overview"]'), /^Visão geral/);
  await session.waitForText('[data-testid="section-overview"]', "Saldo de créditos");
  // The checkup's texts come from Rust's catalogue, in the same language.
  await session.waitForText('[data-testid="section-overview"]', "Verificação de segurança");
  await session.waitFor('[data-testid="checkup-summary"]', {
    predicate: async (e) => /verificações/.test(await e.text()),
  });
  await saveScreenshot(session, "overview-pt");
});

test("revoking a key asks in Portuguese", async () => {
  const { session } = app;
  await openSection(session, "api-keys");
  const revoke = await session.waitFor('[data-testid="api-key-row"][data-key-name="CI pipeline"] [data-testid="revoke-key"]');
  assert.equal((await revoke.text()).trim(), "Revogar");
  await revoke.click();
  const dialog = '[data-testid="confirm-dialog"]';
  await session.waitForText(dialog, "Revogar a chave de API?");
  await saveScreenshot(session, "revoke-confirm-pt");
  await clickByLabel(session, dialog, "Cancelar");
  await waitUntil("Cancelar to close the dialog", async () => (await session.findAll(dialog)).length === 0);
  const { data } = await sandbox.admin("GET", "/api-keys");
  assert.ok(data.some((k) => k.name === "CI pipeline" && !k.revoked_at), "Cancelar revokes nothing");
});

test("a desktop notification from Rust is in Portuguese", async () => {
  const { session } = app;
  await sandbox.admin("POST", "/sessions", {
    device: "Pixel 9 · Chrome",
    location: "Huambo, Angola",
    ip: "203.0.113.9",
    last_active_secs_ago: 0,
  });
  // Saving the settings wakes the background check (it also runs every poll interval).
  const found = await waitUntil("the new sign-in notification", async () => {
    await openSection(session, "settings");
    await session.waitFor('[data-testid="save-settings"]');
    await clickByLabel(session, '[data-testid="settings-form"]', "Guardar definições");
    // Each save wakes the check once; if this one came too early, save again.
    const shown = () => notifications.summaries().find((s) => s.startsWith("Nova sessão")) ?? null;
    return waitUntil("the notification after this save", shown, 3_000).catch(() => null);
  }, 30_000);
  assert.equal(found, "Nova sessão iniciada em Produção: Pixel 9 · Chrome, Huambo, Angola");
});

test("choosing English in Settings switches the window at once", async () => {
  const { session } = app;
  await openSection(session, "settings");
  const select = await session.waitFor('[data-testid="language-select"]');
  assert.equal(await text(session, 'label[for="' + (await select.attribute("id")) + '"]'), "Idioma");
  await session.execute(
    "const s = arguments[0]; s.value = 'en'; s.dispatchEvent(new Event('change', { bubbles: true }));",
    [select.ref()],
  );
  await session.waitForText('[data-testid="nav-overview"]', "Overview");
  assert.match(await text(session, '[data-testid="nav-settings"]'), /^Settings/);
  assert.equal(await session.execute("return document.documentElement.lang"), "en-US");
  assert.equal(readSettings(app.home).general.language, "en", "the choice is kept");
  await openSection(session, "overview");
  assert.equal(await domText(session, '[data-testid="balance-amount"]'), `USD${NBSP}4,250.00`);
  await session.waitForText('[data-testid="section-overview"]', "Security checkup");
});
