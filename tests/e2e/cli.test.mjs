// Issue 20 in the real window: a profile added in the window is listed by `zexa profiles`
// (same settings, same Secret Service entry), `zexa run` gives a child the same key and the
// child reaches the sandbox's GET /credits with 200, and the window then shows who used the key.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";

import { ROOT, saveScreenshot } from "./lib/app.mjs";
import { onboardedApp } from "./lib/onboarded.mjs";
import { openSection } from "./lib/ui.mjs";

const ZEXA = process.env.ZEXA_CLI_BIN ?? join(ROOT, "target", "debug", "zexa");
const run = promisify(execFile);

let sandbox;
let app;

/** `zexa` with the app's own folders: what the same user's shell would see. */
function zexa(args, options = {}) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(app.home, "config"),
    XDG_DATA_HOME: join(app.home, "data"),
    LANG: "C.UTF-8",
    NO_COLOR: "1",
  };
  return run(ZEXA, args, { env, cwd: app.home, ...options });
}

before(async () => {
  ({ sandbox, app } = await onboardedApp());
});
after(async () => {
  await app?.close();
  await sandbox?.stop();
});

test("a profile added in the window is listed by zexa profiles, with its key masked", async () => {
  const { stdout } = await zexa(["profiles", "--json"]);
  const { profiles } = JSON.parse(stdout);
  assert.equal(profiles.length, 1, stdout);
  const [profile] = profiles;
  assert.equal(profile.name, "Production");
  assert.equal(profile.server, sandbox.baseUrl);
  assert.equal(profile.active, true);
  assert.ok(profile.key.includes("…"), "masked");
  assert.ok(!stdout.includes(sandbox.apiKey), "the whole key is never printed");
});

test("zexa run gives a child the same key, which reaches GET /credits, and the window shows who used it", async () => {
  const child = [
    "run",
    "--",
    "node",
    "-e",
    "fetch(process.env.ZEXA_API_URL + '/credits', { headers: { Authorization: 'Bearer ' + process.env.ZEXA_API_KEY } })" +
      ".then((r) => console.log(r.status))",
  ];
  const { stdout } = await zexa(child);
  assert.equal(stdout.trim(), "200");

  const { session } = app;
  await openSection(session, "settings");
  const line = await session.waitForText('[data-testid="key-usage-line"]', "Used on this computer by node", {
    timeoutMs: 15_000,
  });
  assert.match(await line.text(), /Used on this computer by node in .+/);
  await session.execute("arguments[0].scrollIntoView({ block: 'center' })", [line.ref()]);
  await saveScreenshot(session, "cli-key-usage");
});
