// The window's layout in the real webview: the document scrolls (not `main`, whose composited
// scrolling layer was most of WebKit's start-up painting under a software renderer:
// docs/footprint.md), while the header and the sidebar stay in view; what is scrolled into view
// lands below the header, and a section opens at its top.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchApp } from "./lib/app.mjs";
import { waitUntil } from "./lib/desktop.mjs";
import { balanceShows, openSection } from "./lib/ui.mjs";

let app;

before(async () => {
  app = await launchApp({ env: { ZEXA_SANDBOX_WHEN_EMPTY: "1" } });
  await balanceShows(app.session, "4250");
});

after(async () => {
  await app?.close();
});

const GEOMETRY = `
  const rect = (css) => document.querySelector(css).getBoundingClientRect();
  const header = rect("header.header");
  const sidebar = rect("nav.sidebar");
  return {
    scrollY: window.scrollY,
    scrollable: document.documentElement.scrollHeight - window.innerHeight,
    mainOverflow: getComputedStyle(document.querySelector("main")).overflowY,
    headerTop: header.top,
    headerBottom: header.bottom,
    sidebarTop: sidebar.top,
    sidebarBottom: sidebar.bottom,
    viewport: window.innerHeight,
  };
`;

test("the document scrolls while the header and the sidebar stay in view", async () => {
  const { session } = app;
  // The Overview of the demo account is taller than the window.
  await session.waitFor('[data-testid="checkup-card"]');
  const top = await session.execute(GEOMETRY);
  assert.equal(top.mainOverflow, "visible", "main is not a scroll container");
  assert.ok(top.scrollable > 0, `the Overview is taller than the window (${JSON.stringify(top)})`);

  await session.execute("window.scrollTo(0, document.documentElement.scrollHeight)");
  await waitUntil("the document scrolled", async () => (await session.execute("return window.scrollY")) > 0);
  const scrolled = await session.execute(GEOMETRY);
  assert.equal(scrolled.headerTop, 0, `the header stays at the top (${JSON.stringify(scrolled)})`);
  assert.ok(Math.abs(scrolled.sidebarTop - scrolled.headerBottom) < 1, "the sidebar stays just below the header");
  assert.ok(Math.abs(scrolled.sidebarBottom - scrolled.viewport) < 1, "and reaches the window's bottom");
});

test("what is scrolled into view lands below the header, not under it", async () => {
  const { session } = app;
  await session.execute("window.scrollTo(0, document.documentElement.scrollHeight)");
  const card = await session.find('[data-testid="balance-card"]');
  await session.execute("arguments[0].scrollIntoView({ block: 'start' })", [card.ref()]);
  const { cardTop, headerBottom } = await session.execute(
    "return { cardTop: arguments[0].getBoundingClientRect().top, headerBottom: document.querySelector('header.header').getBoundingClientRect().bottom }",
    [card.ref()],
  );
  assert.ok(cardTop >= headerBottom - 1, `the card (top ${cardTop}) is not under the header (bottom ${headerBottom})`);
});

test("a section opens at its top", async () => {
  const { session } = app;
  await session.execute("window.scrollTo(0, document.documentElement.scrollHeight)");
  await waitUntil("the document scrolled", async () => (await session.execute("return window.scrollY")) > 0);
  await openSection(session, "settings");
  await waitUntil("Settings at its top", async () => (await session.execute("return window.scrollY")) === 0);
});
