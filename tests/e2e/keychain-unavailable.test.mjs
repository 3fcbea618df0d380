// With no Secret Service on the session bus, adding a profile explains what to do and stores
// nothing: no plaintext fallback, and the window keeps working.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";

import { launchApp, saveScreenshot } from "./lib/app.mjs";
import { filesContaining } from "./lib/files.mjs";
import { startSandbox } from "./lib/sandbox.mjs";
import { fill } from "./lib/ui.mjs";

// A session bus with no service folders: nothing can provide org.freedesktop.secrets.
const BARE_BUS = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>`;

let sandbox, bus, app;

before(async () => {
  sandbox = await startSandbox();
  const config = join(mkdtempSync(join(tmpdir(), "zexa-bare-bus-")), "session.conf");
  writeFileSync(config, BARE_BUS);
  bus = spawn("dbus-daemon", [`--config-file=${config}`, "--nofork", "--print-address=1"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const address = await new Promise((resolve) => createInterface({ input: bus.stdout }).once("line", resolve));
  app = await launchApp({ env: { DBUS_SESSION_BUS_ADDRESS: address } });
});

after(async () => {
  await app?.close();
  bus?.kill();
  await sandbox?.stop();
});

test("adding a profile without a keychain says how to fix it and saves nothing", async () => {
  const { session } = app;
  const form = '[data-testid="onboarding"]';
  await fill(session, `${form} [data-testid="api-key-input"]`, sandbox.apiKey);
  const advanced = await session.waitFor(`${form} details summary`);
  await advanced.click();
  await fill(session, `${form} [data-testid="base-url-input"]`, sandbox.baseUrl);
  await (await session.find(`${form} [data-testid="check-and-save"]`)).click();

  const error = await session.waitForText(form, "no Secret Service answered", { timeoutMs: 15_000 });
  const text = await error.text();
  assert.match(text, /GNOME Keyring|gnome-keyring|KWallet/);
  await saveScreenshot(session, "keychain-unavailable");

  // The rest of the window still works.
  await (await session.find('[data-testid="nav-settings"]')).click();
  await session.waitFor('[data-testid="section-settings"]');
  assert.deepEqual(filesContaining(app.home, [sandbox.apiKey]), [], "no plaintext fallback anywhere");
});
