// Issue 22's spend watch in the real window, with a real notification daemon (dunst):
//
// 1. Against `zexa-sandbox --documented-only` (only GET /credits, as Zexa documents): a week of
//    history at 60 credits an hour (written into the app's history database, as the app itself
//    would have recorded it), then 1,200 credits gone in the last hour. The Overview names the
//    rate, marks the chart, offers only what such a server allows (the dashboard's pages), and
//    the notification says the same. Settings shows the three spend fields.
// 2. In sandbox mode, "Simulate a spike": the card offers the API keys by last use and the
//    lock-down, which open where they should; the danger button passes WCAG AA in both themes,
//    the key prefixes are whole, and the profile picker says "Sandbox" once.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { launchApp, saveScreenshot } from "./lib/app.mjs";
import { startNotificationDaemon, waitUntil } from "./lib/desktop.mjs";
import { readSettings } from "./lib/files.mjs";
import { startSandbox } from "./lib/sandbox.mjs";
import { balanceShows, openSection, submitProfileForm } from "./lib/ui.mjs";

let notifications;

before(async () => {
  notifications = await startNotificationDaemon(join(process.env.TMPDIR ?? "/tmp", `zexa-spend-dunst-${process.pid}.log`));
});
after(() => notifications?.stop());

const HOUR = 3600;
const card = '[data-testid="spend-card"]';
const cardIn = (state) => ({ predicate: async (e) => (await e.attribute("data-state")) === state, timeoutMs: 20_000 });

/**
 * A week and a day of samples every 5 minutes, spending 60 credits an hour, ending 65 minutes
 * ago at `balance`: what the app records while it watches an ordinary account. Written with
 * the OS's sqlite3 into the database the app created (`history.sqlite3`, table `samples`).
 */
function seedHistory(home, profileId, balance, currency) {
  const now = Math.floor(Date.now() / 1000);
  const last = now - 65 * 60;
  const rows = [];
  for (let k = 0; k <= (8 * 24 + 1) * 12; k++) {
    rows.push(`('${profileId}', ${last - k * 300}, '${balance + 5 * k}', '${currency}')`);
  }
  const sql = `BEGIN; INSERT OR REPLACE INTO samples (profile_id, at, credits, currency) VALUES ${rows.join(",")}; COMMIT;`;
  execFileSync("sqlite3", [join(home, "data", "ao.zexa.desktop", "history.sqlite3")], { input: sql });
}

/** Text colour against background, WCAG's ratio, of `button.danger` as the window's own
 * stylesheet paints it in its light and in its dark theme (each theme's custom properties set
 * on a wrapper, so both are measured whichever one the desktop asks for). */
async function dangerButtonContrast(session) {
  return session.execute(`
    const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const luminance = (css) => { const [r, g, b] = css.match(/[\\d.]+/g).slice(0, 3).map(Number).map(channel); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (high + 0.05) / (low + 0.05); };
    const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]);
    const rootOf = (list) => [...list].find((r) => r.selectorText === ':root');
    const light = rootOf(rules);
    const dark = rootOf(rules.find((r) => r.media && /prefers-color-scheme:\\s*dark/.test(r.media.mediaText)).cssRules);
    const measure = (themes) => {
      const wrapper = document.createElement('div');
      for (const theme of themes) for (const name of theme.style) if (name.startsWith('--')) wrapper.style.setProperty(name, theme.style.getPropertyValue(name));
      const button = document.createElement('button');
      button.className = 'danger';
      button.textContent = 'Lock down';
      wrapper.append(button);
      document.body.append(wrapper);
      const style = getComputedStyle(button);
      const result = { color: style.color, background: style.backgroundColor, ratio: ratio(style.color, style.backgroundColor) };
      wrapper.remove();
      return result;
    };
    return { light: measure([light]), dark: measure([light, dark]), prefersDark: matchMedia('(prefers-color-scheme: dark)').matches };
  `);
}

async function scrollTo(session, css) {
  const element = await session.waitFor(css);
  await session.execute("arguments[0].scrollIntoView({ block: 'center' })", [element.ref()]);
  return element;
}

test("documented-only server: a spike is named on the Overview, marked on the chart and notified, with the dashboard's pages", async (t) => {
  const sandbox = await startSandbox("demo", ["--documented-only"]);
  let app;
  try {
    app = await launchApp();
    await app.session.waitFor('[data-testid="onboarding"]');
    await submitProfileForm(app.session, '[data-testid="onboarding"]', { name: "Production", key: sandbox.apiKey, baseUrl: sandbox.baseUrl });
    await balanceShows(app.session, "4250");
    // The spend watch learns what the server offers (Zexa's documented API: no keys) and says
    // there is not enough history yet.
    await app.session.waitFor(card, cardIn("no_history"));
    const home = app.home;
    const profile = readSettings(home).profiles.find((p) => p.name === "Production");
    await app.close();
    app = null;

    seedHistory(home, profile.id, 4250, "USD");
    app = await launchApp({ home });
    const { session } = app;
    await balanceShows(session, "4250");
    const quiet = await session.waitFor(card, cardIn("quiet"));
    assert.match(await quiet.text(), /Spending is as usual\. Nothing was spent in the last hour\./);
    assert.match(await quiet.text(), /more than 5× the usual and at least 50 credits/);

    // 1,200 credits leave in the last hour, as a stolen key used for SMS pumping would spend.
    await sandbox.setBalance("3050");
    await (await session.find('[data-testid="refresh-balance"]')).click();
    await balanceShows(session, "3050");
    const over = await session.waitFor(card, cardIn("over"));
    const rate = await session.find(`${card} [data-testid="spend-rate"]`);
    assert.equal(await rate.text(), "1,200 credits in the last hour, about 20× the usual.");
    const overText = await over.text();
    assert.match(overText, /Unusual spending/);
    // What such a server allows: the dashboard's key list and usage page, no in-app key actions.
    assert.deepEqual(await session.findAll(`${card} [data-testid="spend-open-keys"]`), []);
    assert.deepEqual(await session.findAll(`${card} [data-testid="spend-lock-down"]`), []);
    assert.match(overText, /revoke it in Settings → API Keys on the Zexa dashboard/);
    assert.match(overText, /See what was spent, by channel, in Billing → Usage on the Zexa dashboard/);
    await scrollTo(session, card);
    t.diagnostic(`spend card: ${await saveScreenshot(session, "spend-card-documented-only")}`);

    // The chart marks the hour, in words for screen readers too.
    const legend = await session.waitFor('[data-testid="runway-spike-legend"]', { timeoutMs: 15_000 });
    assert.match(await legend.text(), /^Unusual spending in the hour to /);
    assert.ok((await session.findAll('[data-testid="runway-sparkline"] [data-testid="runway-spike"]')).length >= 1);
    const labelledBy = await (await session.find('[data-testid="runway-sparkline"]')).attribute("aria-labelledby");
    assert.ok(labelledBy.split(" ").includes(await legend.attribute("id")), `the chart's name includes the mark: ${labelledBy}`);
    await scrollTo(session, '[data-testid="runway-card"]');
    t.diagnostic(`chart mark: ${await saveScreenshot(session, "spend-chart-mark")}`);

    // The notification, received by dunst: the rate and what to do on this server.
    await waitUntil("the spend notification", () => notifications.summaries().includes("Unusual spending on Production"), 20_000);
    const log = notifications.log();
    assert.match(log, /1,200 credits in the last hour, about 20× the usual\./);
    assert.match(log, /check Billing → Usage on the Zexa dashboard and revoke the key that is spending in Settings → API Keys/);
    assert.equal(notifications.summaries().filter((s) => s === "Unusual spending on Production").length, 1, "one notice per crossing");

    // Settings: the line the card names, as three fields bounded by Rust's limits.
    await (await session.find(`${card} [data-testid="spend-settings"]`)).click();
    const fields = await session.waitFor('[data-testid="spend-settings"]', { timeoutMs: 15_000 });
    const multiple = await session.find('[data-testid="spend-multiple-input"]');
    assert.equal(await session.execute("return arguments[0].value", [multiple.ref()]), "5");
    assert.equal(await multiple.attribute("min"), "2");
    assert.equal(await multiple.attribute("max"), "100");
    const floor = await session.find('[data-testid="spend-floor-input"]');
    assert.equal(await session.execute("return arguments[0].value", [floor.ref()]), "50");
    assert.equal(await session.execute("return arguments[0].checked", [await (await session.find('[data-testid="spend-alerts-input"]')).ref()]), true);
    await session.execute("arguments[0].scrollIntoView({ block: 'center' })", [fields.ref()]);
    t.diagnostic(`settings: ${await saveScreenshot(session, "spend-settings-fields")}`);
  } finally {
    await app?.close();
    await sandbox.stop();
  }
});

test("sandbox mode: Simulate a spike, then the key list by last use and the lock-down; the small things in the window", async (t) => {
  const app = await launchApp({ env: { ZEXA_SANDBOX_WHEN_EMPTY: "1" } });
  try {
    const { session } = app;
    await balanceShows(session, "4250");
    // The profile picker says "Sandbox" once, next to the SANDBOX badge.
    const options = await session.execute("return [...document.querySelectorAll('[data-testid=\"profile-select\"] option')].map((o) => o.textContent)");
    assert.deepEqual(options, ["Sandbox"]);
    await session.waitFor('[data-testid="sandbox-badge"]');

    await (await session.waitFor('[data-testid="simulate-spike"]')).click();
    await session.waitFor('[data-testid="simulate-spike-done"]', { timeoutMs: 15_000 });
    await session.waitFor(card, cardIn("over"));
    assert.equal(await (await session.find(`${card} [data-testid="spend-rate"]`)).text(), "1,200 credits in the last hour, about 20× the usual.");
    await session.waitFor(`${card} [data-testid="spend-open-keys"]`);
    await scrollTo(session, card);
    t.diagnostic(`spend card (sandbox): ${await saveScreenshot(session, "spend-card-sandbox")}`);
    await waitUntil("the sandbox's spend notification", () => notifications.summaries().includes("Unusual spending on Sandbox"), 20_000);
    assert.match(notifications.log(), /open API keys sorted by last use to find the key, or lock the account down/);

    // Lock the account down… opens the lock-down's confirmation in API keys; nothing runs yet.
    await (await session.find(`${card} [data-testid="spend-lock-down"]`)).click();
    const confirm = await session.waitFor('[data-testid="confirm-dialog"]', { timeoutMs: 15_000 });
    assert.match(await confirm.text(), /create a fresh API key for this app's profile Sandbox/);
    t.diagnostic(`lock-down confirmation: ${await saveScreenshot(session, "spend-lock-down-confirm")}`);
    await (await session.find('[data-testid="confirm-dialog"] [data-testid="confirm-cancel"]')).click();
    await waitUntil("the confirmation to close", async () => (await session.findAll('[data-testid="confirm-dialog"]')).length === 0);

    // Open API keys by last use: the key list, sorted by last use.
    await openSection(session, "overview");
    await (await session.waitFor(`${card} [data-testid="spend-open-keys"]`, { timeoutMs: 15_000 })).click();
    await session.waitFor('[data-testid="section-api-keys"] [data-testid="api-key-list"]', { timeoutMs: 15_000 });
    assert.equal(await session.execute("return document.querySelector('[data-testid=\"key-sort\"]').value"), "last_used");

    // The prefix whole: what a user compares with the dashboard (the sandbox's are 12 characters).
    const prefixes = await session.execute("return [...document.querySelectorAll('[data-testid=\"key-prefix\"]')].map((c) => [c.textContent, c.scrollWidth <= c.clientWidth + 1])");
    assert.ok(prefixes.length >= 1);
    for (const [text, fits] of prefixes) {
      assert.match(text, /^zx_[a-z]+_[A-Za-z0-9]+$/, `no ellipsis: ${text}`);
      assert.equal(text.length, 12, text);
      assert.ok(fits, `${text} is not cut`);
    }

    // The danger button, WCAG AA in both themes (axe-core's colour-contrast rule: 4.5:1).
    const real = await session.waitFor('[data-testid="lockdown-start"]');
    await session.execute("arguments[0].scrollIntoView({ block: 'center' })", [real.ref()]);
    const painted = await session.execute(
      "const s = getComputedStyle(arguments[0]); return [s.color, s.backgroundColor];",
      [real.ref()],
    );
    const contrast = await dangerButtonContrast(session);
    t.diagnostic(`danger button: on screen ${painted.join(" on ")}; ${JSON.stringify(contrast)}`);
    assert.ok(contrast.light.ratio >= 4.5, `light theme: ${contrast.light.ratio.toFixed(2)}:1`);
    assert.ok(contrast.dark.ratio >= 4.5, `dark theme: ${contrast.dark.ratio.toFixed(2)}:1`);
    const onScreen = contrast.prefersDark ? contrast.dark : contrast.light;
    assert.deepEqual(painted, [onScreen.color, onScreen.background], "the button on screen is painted as measured");
    t.diagnostic(`API keys: ${await saveScreenshot(session, "spend-api-keys-danger-button")}`);
  } finally {
    await app.close();
  }
});
