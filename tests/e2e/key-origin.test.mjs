// Issue 18, "the key bound to its server": a profile stored against server A, settings.json
// then edited (as same-user malware could) to point the profile at server B. On the next
// start B must receive no Authorization header at all, the window must say which server the
// key was stored for, and it must offer Replace key. B is a loopback listener that records
// every request's headers and passes the request on to the sandbox behind it, so that Replace
// key, the user's own choice, can then work through it.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { launchApp, saveScreenshot } from "./lib/app.mjs";
import { keychainEnvelope, readSettings } from "./lib/files.mjs";
import { onboardedApp } from "./lib/onboarded.mjs";
import { balanceShows, fill, openSection } from "./lib/ui.mjs";

/** A loopback server that records each request (method, path, Authorization) and forwards it to `upstream`. */
async function recordingListener(upstream) {
  const seen = [];
  const server = createServer(async (request, response) => {
    seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization ?? null });
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const headers = { ...request.headers };
    for (const hop of ["host", "connection", "content-length", "keep-alive"]) delete headers[hop];
    try {
      const answer = await fetch(upstream + request.url, {
        method: request.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const body = Buffer.from(await answer.arrayBuffer());
      const passed = {};
      for (const [name, value] of answer.headers) {
        if (!["connection", "content-length", "content-encoding", "transfer-encoding", "keep-alive"].includes(name)) passed[name] = value;
      }
      response.writeHead(answer.status, passed);
      response.end(body);
    } catch (error) {
      response.writeHead(502, { "content-type": "text/plain" });
      response.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let sandbox;
let first;
let listener;

before(async () => {
  ({ sandbox, app: first } = await onboardedApp());
  listener = await recordingListener(new URL(sandbox.baseUrl).origin);
});

after(async () => {
  await first?.close();
  await listener?.close();
  await sandbox?.stop();
});

test("a key stored for A is not sent to B after settings.json is edited; the window says why and offers Replace key", async (t) => {
  const serverA = new URL(sandbox.baseUrl).origin;
  const home = first.home;
  const production = readSettings(home).profiles.find((p) => p.name === "Production");
  // The secret itself names the server: secret-tool shows the envelope, not a bare key.
  assert.deepEqual(keychainEnvelope(production.id), { v: 1, origin: serverA, key: sandbox.apiKey });

  await first.close();
  first = null;
  const settingsPath = join(home, "config", "ao.zexa.desktop", "settings.json");
  const edited = readFileSync(settingsPath, "utf8").replaceAll(sandbox.baseUrl, listener.baseUrl);
  assert.notEqual(edited, readFileSync(settingsPath, "utf8"), "the profile's address was in settings.json");
  writeFileSync(settingsPath, edited);

  const app = await launchApp({ home });
  try {
    const { session } = app;
    const panel = await session.waitFor('[data-testid="key-not-sent"]', { timeoutMs: 20_000 });
    const text = await panel.text();
    assert.match(text, /Key kept for another address/);
    assert.ok(text.includes(`was stored for ${serverA}`), `names the server the key was stored for: ${text}`);
    assert.ok(text.includes(listener.origin), `names the server the profile points at now: ${text}`);
    assert.ok(text.includes("The key was not sent"), text);
    const offered = await session.find('[data-testid="key-not-sent"] [data-testid="open-replace-key"]');
    assert.equal((await offered.text()).trim(), "Replace key");
    // The status pill says so, not "Checking…" for ever (issue 22).
    const pill = await session.waitFor('[data-testid="connection-indicator"]', {
      predicate: async (e) => (await e.attribute("data-state")) === "key_not_sent",
      timeoutMs: 15_000,
    });
    assert.match(await pill.text(), /Key not sent/);
    await saveScreenshot(session, "key-origin-refused");
    // Every section whose sentence says "use Replace key" offers the button, not only Retry.
    await openSection(session, "api-keys");
    await session.waitFor('[data-testid="section-api-keys"] [data-testid="key-not-sent"] [data-testid="open-replace-key"]');
    await saveScreenshot(session, "key-origin-api-keys-replace-offered");
    await openSection(session, "overview");

    // Retry asks again and is refused again; the panel is back once the call has answered.
    await (await session.waitFor('[data-testid="key-not-sent-retry"]', { timeoutMs: 15_000 })).click();
    const replace = await session.waitFor('[data-testid="key-not-sent"] [data-testid="open-replace-key"]');
    t.diagnostic(`B saw ${listener.seen.length} request(s) before Replace key: ${JSON.stringify(listener.seen)}`);
    const withKey = listener.seen.filter((r) => r.authorization !== null);
    assert.deepEqual(withKey, [], "B received no Authorization header");
    assert.equal(keychainEnvelope(production.id).origin, serverA, "the entry still names A");

    // Replace key, the user's own choice: the key is checked with B and bound to it.
    await replace.click();
    await fill(session, '[data-testid="replace-key-form"] [data-testid="api-key-input"]', sandbox.apiKey);
    await (await session.find('[data-testid="replace-key-submit"]')).click();
    await balanceShows(session, "4250");
    await session.waitFor('[data-testid="connection-indicator"]', {
      predicate: async (e) => (await e.attribute("data-state")) === "online",
      timeoutMs: 15_000,
    });
    assert.ok(
      listener.seen.some((r) => r.authorization === `Bearer ${sandbox.apiKey}`),
      "only now, after Replace key, does B receive the key",
    );
    assert.deepEqual(keychainEnvelope(production.id), { v: 1, origin: listener.origin, key: sandbox.apiKey });
    await saveScreenshot(session, "key-origin-replaced");
  } finally {
    await app.close();
  }
});
