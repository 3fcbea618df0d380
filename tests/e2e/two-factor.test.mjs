// Issue 11 in the real window: the whole 2FA wizard, checked with other implementations than
// the app's: the QR code is decoded from a screenshot by zbarimg, the code comes from oathtool,
// the backup codes file is written through the native GTK save dialog (typed into with xdotool)
// and checked for its permissions; then the status card, the lock-out countdown, and the
// secret canary for the TOTP secret and a backup code.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { saveScreenshot } from "./lib/app.mjs";
import { waitUntil, x } from "./lib/desktop.mjs";
import { filesContaining } from "./lib/files.mjs";
import { onboardedApp } from "./lib/onboarded.mjs";
import { fill, openSection } from "./lib/ui.mjs";

let sandbox;
let app;
let secret; // the TOTP secret, as read from the QR code
let codes = [];
const outside = mkdtempSync(join(tmpdir(), "zexa-codes-"));

before(async () => {
  ({ sandbox, app } = await onboardedApp());
});
after(async () => {
  await app?.close();
  await sandbox?.stop();
});

/** The code an authenticator app shows now, from an implementation independent of ours. */
function oathtool(base32, offsetSteps = 0) {
  const now = new Date(Date.now() + offsetSteps * 30_000).toISOString().replace("T", " ").replace(/\..*/, " UTC");
  return x("oathtool", "--totp", "-b", base32, "--now", now);
}

async function typeCode(session, css, code) {
  const input = await session.waitFor(css);
  await input.clear();
  await input.type(code);
}

test("the status card offers setup while 2FA is off", async () => {
  const { session } = app;
  await openSection(session, "security");
  const card = await session.waitFor('[data-testid="two-factor-card"]');
  assert.equal(await card.attribute("data-enabled"), "false");
  assert.match(await card.text(), /Protect your account/);
  await saveScreenshot(session, "2fa-off");
});

test("step 1: the QR code read from a screenshot by zbarimg gives the secret", async () => {
  const { session } = app;
  await (await session.find('[data-testid="start-two-factor"]')).click();
  await session.waitFor('[data-testid="qr-code"]');
  const steps = await session.find('[data-testid="wizard-steps"]');
  assert.match(await steps.text(), /Scan[\s\S]*Confirm[\s\S]*Save backup codes/);
  const shot = await saveScreenshot(session, "2fa-step1-scan");
  const url = x("zbarimg", "-q", "--raw", shot);
  assert.match(url, /^otpauth:\/\/totp\/Zexa:admin@demo\.zexa\.ao\?secret=[A-Z2-7]{32}&issuer=Zexa/);
  secret = new URL(url).searchParams.get("secret");
  const key = (await (await session.find('[data-testid="setup-key"]')).text()).replace(/\s/g, "");
  assert.equal(key, secret, "the setup key shown is the one in the QR code");
  // MM:SS, zero-padded: "10:00" only in the setup's first second; the page may have ticked since.
  const countdown = await session.find('[data-testid="setup-countdown"]');
  assert.match(await countdown.text(), /\b(09|10):[0-5]\d\b/);
  const seconds = Number(await countdown.attribute("data-seconds"));
  assert.ok(seconds > 540 && seconds <= 600, `the 10-minute setup has just started: ${seconds} s left`);
});

test("step 2: a wrong code is explained, the oathtool code turns 2FA on", async () => {
  const { session } = app;
  await (await session.find('[data-testid="wizard-next"]')).click();
  const right = oathtool(secret);
  const wrong = right === "123456" ? "654321" : "123456";
  await typeCode(session, '[data-testid="totp-code-input"]', `${wrong.slice(0, 3)} ${wrong.slice(3)}`);
  const error = await session.waitFor('[data-testid="totp-code-error"]');
  assert.match(await error.text(), /clock/i);
  await saveScreenshot(session, "2fa-step2-wrong-code");
  // Pasted with a dash, sent on its own at 6 digits.
  await typeCode(session, '[data-testid="totp-code-input"]', `${right.slice(0, 3)}-${right.slice(3)}`);
  await session.waitFor('[data-testid="backup-codes"]', { timeoutMs: 15_000 });
});

test("step 3: the codes are saved through the native save dialog, owner-only", async () => {
  const { session } = app;
  codes = await session.execute(
    "return [...document.querySelectorAll('[data-testid=backup-code]')].map((c) => c.textContent.trim())",
  );
  assert.equal(codes.length, 10);
  codes.forEach((code) => assert.match(code, /^[a-z0-9]{4}-[a-z0-9]{4}$/));
  await saveScreenshot(session, "2fa-step3-codes");

  const target = join(outside, "my-zexa-codes.txt");
  await (await session.find('[data-testid="save-codes-file"]')).click();
  const dialog = await waitUntil("the GTK save dialog", () => {
    try {
      return x("xdotool", "search", "--onlyvisible", "--name", "Save your Zexa backup codes").split("\n")[0];
    } catch {
      return null;
    }
  });
  x("xdotool", "windowfocus", "--sync", dialog);
  x("xdotool", "key", "--window", dialog, "ctrl+a");
  x("xdotool", "type", "--window", dialog, "--delay", "20", target);
  x("xdotool", "key", "--window", dialog, "Return");
  await session.waitFor('[data-testid="codes-saved"]', { timeoutMs: 15_000 });
  const text = readFileSync(target, "utf8");
  assert.match(text, /admin@demo\.zexa\.ao/);
  // The date as the app's language writes it (English here: 11/25/2026).
  assert.match(text, /Created: \d{1,2}\/\d{1,2}\/\d{4}\n/);
  for (const code of codes) assert.ok(text.includes(code), `${code} in the file`);
  assert.equal(statSync(target).mode & 0o777, 0o600, "owner-only");

  await (await session.find('[data-testid="secret-acknowledge"]')).click();
  await (await session.find('[data-testid="secret-done"]')).click();
  const card = await session.waitFor('[data-testid="two-factor-card"][data-enabled="true"]');
  const remaining = await session.find('[data-testid="backup-codes-remaining"]');
  assert.match(await remaining.text(), /10 backup codes/);
  assert.match(await card.text(), /On/);
  await saveScreenshot(session, "2fa-on");
});

test("five wrong codes lock regeneration with a countdown", async () => {
  const { session } = app;
  await (await session.find('[data-testid="regenerate-codes"]')).click();
  await session.waitFor('[data-testid="regenerate-dialog"]');
  const right = oathtool(secret);
  for (let n = 0; n < 6; n++) {
    const wrong = String((Number(right) + 1 + n) % 1_000_000).padStart(6, "0");
    await typeCode(session, '[data-testid="regenerate-dialog"] [data-testid="totp-code-input"]', wrong);
    await session.waitFor('[data-testid="regenerate-dialog"] [data-testid="totp-code-error"], [data-testid="regenerate-dialog"] [data-testid="totp-locked"]');
    if ((await session.findAll('[data-testid="totp-locked"]')).length) break;
  }
  const locked = await session.waitFor('[data-testid="totp-locked"]');
  assert.match(await locked.text(), /\d+:\d\d|\d+ s/);
  const input = await session.find('[data-testid="regenerate-dialog"] [data-testid="totp-code-input"]');
  assert.equal(await input.attribute("disabled"), "true", "the field waits out the lock-out");
  await saveScreenshot(session, "2fa-locked-out");
});

test("the TOTP secret and the backup codes are nowhere in the app's files or logs", async () => {
  const home = app.home;
  await app.close();
  app = null;
  const hits = filesContaining(home, [secret, codes[0], codes[9]]).filter((p) => !p.includes("/keyrings/"));
  assert.deepEqual(hits, [], `found in: ${hits.join(", ")}`);
});
