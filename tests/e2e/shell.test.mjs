// The real app window, built from this checkout, driven through WebDriver like a user would:
// title, every navigation section, keyboard focus, and screenshots of each section.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchApp, saveScreenshot } from "./lib/app.mjs";

const SECTIONS = [
  ["overview", "Overview"],
  ["api-keys", "API keys"],
  ["sessions", "Sessions"],
  ["security", "Security"],
  ["settings", "Settings"],
];

let app;
before(async () => {
  app = await launchApp();
});
after(async () => {
  await app?.close();
});

test("the window is titled Zexa Desktop", async () => {
  assert.equal(await app.session.title(), "Zexa Desktop");
});

test("every navigation section opens and is marked current", async () => {
  const { session } = app;
  for (const [id, label] of SECTIONS) {
    const button = await session.waitFor(`[data-testid="nav-${id}"]`);
    assert.match(await button.text(), new RegExp(label, "i"));
    await button.click();
    const section = await session.waitFor(`[data-testid="section-${id}"]`);
    assert.equal(await section.displayed(), true, `section ${id} is visible`);
    assert.equal(await button.attribute("aria-current"), "page", `nav-${id} is aria-current`);
    await saveScreenshot(session, `shell-${id}`);
  }
});

test("before a key is given, the account sections ask for one instead of showing data", async () => {
  const { session } = app;
  for (const id of ["api-keys", "sessions", "security"]) {
    await (await session.find(`[data-testid="nav-${id}"]`)).click();
    const notice = await session.waitFor(`[data-testid="${id}-no-profile"]`);
    assert.match(await notice.text(), /key|profile/i);
    assert.equal((await session.findAll(`[data-testid="section-${id}"] table`)).length, 0, `${id}: no table`);
  }
});

test("the first launch offers onboarding and shows no invented data", async () => {
  const { session } = app;
  await (await session.find('[data-testid="nav-overview"]')).click();
  const overview = await session.waitFor('[data-testid="section-overview"]');
  const text = await overview.text();
  assert.match(text, /API key/i);
  assert.doesNotMatch(text, /\d[\d,.]*\s*(USD|AOA|credits)/, "no balance before a key is given");
  await saveScreenshot(session, "first-launch");
});

test("the navigation can be used from the keyboard", async () => {
  const { session } = app;
  const nav = await session.find('[data-testid="nav-settings"]');
  await session.execute("arguments[0].focus()", [nav.ref()]);
  // Enter on the focused button activates it, as for any native button.
  await session.cmd("POST", "/actions", {
    actions: [{ type: "key", id: "kbd", actions: [{ type: "keyDown", value: "\uE007" }, { type: "keyUp", value: "\uE007" }] }],
  });
  await session.waitFor('[data-testid="section-settings"]');
  const focused = await session.execute("return document.activeElement?.dataset?.testid ?? null");
  assert.ok(focused, "focus stays on a labelled control");
});

// The window under test is the binary `cargo test` built, with the test-only fault hooks compiled
// in (one build serves the Rust and the end-to-end layers). They are inert there: only a test in
// the same process can arm one (`AppService::arm_fault`), no input of the window's can. The
// shipped build has none: scripts/check-package.sh checks the packaged binary.
