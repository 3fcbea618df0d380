// "Try the sandbox": the embedded sandbox server inside the app, from the onboarding button
// and from `./dev run` (ZEXA_SANDBOX_WHEN_EMPTY=1) on a first launch.

import assert from "node:assert/strict";
import { test } from "node:test";

import { launchApp, saveScreenshot } from "./lib/app.mjs";
import { balanceShows } from "./lib/ui.mjs";
import { keychainLookup, readSettings } from "./lib/files.mjs";


test("the run command's first launch opens the demo account, marked SANDBOX", async () => {
  const app = await launchApp({ env: { ZEXA_SANDBOX_WHEN_EMPTY: "1" } });
  try {
    const { session } = app;
    await balanceShows(session, "4250");
    const badge = await session.waitFor('[data-testid="profile-switcher"] [data-testid="sandbox-badge"]');
    assert.match(await badge.text(), /sandbox/i);
    await saveScreenshot(session, "sandbox-overview");
    // WebKitGTK's overlay scrollbars fade in and out, and a software renderer paints every frame
    // of that on the CPU, for seconds at each start (docs/footprint.md). The page styles its own
    // static scrollbars instead: one takes 12 px of layout, where an overlay one takes none.
    const scroller = await session.execute(
      "const m = document.querySelector('main'); return { overflows: m.scrollHeight > m.clientHeight, bar: m.offsetWidth - m.clientWidth };",
    );
    assert.ok(scroller.overflows, "the demo account's Overview is taller than the window");
    assert.equal(scroller.bar, 12, "the styled scrollbar, not WebKit's overlay one");
    const [profile] = readSettings(app.home).profiles;
    assert.equal(profile.sandbox, true);
    assert.equal(keychainLookup(profile.id), null, "the sandbox key is not put in the keychain");
  } finally {
    await app.close();
  }
});

test("Try the sandbox from onboarding opens the same demo account", async () => {
  const app = await launchApp();
  try {
    const { session } = app;
    await (await session.waitFor('[data-testid="try-sandbox"]')).click();
    await balanceShows(session, "4250");
    await session.waitFor('[data-testid="sandbox-badge"]');
  } finally {
    await app.close();
  }
});
