// Start-up asks Zexa for the balance exactly once: the tray's monitor, the window's first
// figure and the window's first focus share one `GET /credits`, counted in the sandbox's own
// request log. Refresh still asks again. A returning user sees the last known figure from the
// history before any answer (the first frame), then the fresh one.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { launchApp } from "./lib/app.mjs";
import { waitUntil } from "./lib/desktop.mjs";
import { onboardedApp } from "./lib/onboarded.mjs";
import { balanceShows } from "./lib/ui.mjs";

let sandbox;
let onboarded;
// The onboarded user's home, for the launches after the first window is closed.
let lastHome;

before(async () => {
  ({ sandbox, app: onboarded } = await onboardedApp());
});

after(async () => {
  await onboarded?.close();
  await sandbox?.stop();
});

async function creditRequests() {
  const { data } = await sandbox.admin("GET", "/requests");
  return data.filter((request) => request === "GET /v1/credits").length;
}

test("a launch with a stored key asks for the balance once; Refresh asks again", async () => {
  const { home } = onboarded;
  lastHome = home;
  await onboarded.close();
  onboarded = null;
  const before = await creditRequests();

  const app = await launchApp({ home });
  try {
    await balanceShows(app.session, "4250");
    // Past the monitor's 5-second gap between polls, so that a trailing request would be seen.
    await sleep(6_000);
    assert.equal((await creditRequests()) - before, 1, "one GET /credits for the tray and the window");

    await sandbox.setBalance(3999.5);
    await (await app.session.find('[data-testid="refresh-balance"]')).click();
    await balanceShows(app.session, "3999");
    await waitUntil("the refresh request", async () => (await creditRequests()) - before === 2);
  } finally {
    await app.close();
  }
});

test("a returning user sees the last known balance with its time at once, then the fresh one", async () => {
  assert.ok(lastHome, "the test above closed the onboarded window and kept its home");
  // The last figure the test above fetched (3999.5) is the newest history sample. The server now
  // has another one, and answers the next balance request only after a while: until then the
  // window can only show what it was handed at start.
  await sandbox.setBalance(1234);
  await sandbox.admin("POST", "/faults", { method: "GET", path: "/v1/credits", fault: { kind: "delay", ms: 6000 }, times: 1 });
  const app = await launchApp({ home: lastHome });
  try {
    await balanceShows(app.session, "3999");
    const asOf = await app.session.waitFor('[data-testid="balance-as-of"]');
    assert.match(await asOf.text(), /^As of \d{1,2}:\d{2}( [AP]M)?, the last known figure$/);
    await balanceShows(app.session, "1234");
    await app.session.waitFor('[data-testid="balance-updated"]');
  } finally {
    await app.close();
    await sandbox.admin("DELETE", "/faults");
  }
});
