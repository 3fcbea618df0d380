// What the e2e tests do in the window more than once.

/** Waits until the balance on the Overview starts with `digits` (separators ignored). */
export const balanceShows = (session, digits) =>
  session.waitFor('[data-testid="balance-amount"]', {
    predicate: async (e) => (await e.text()).replace(/[^\d.]/g, "").startsWith(digits),
  });

export async function fill(session, css, text) {
  const input = await session.waitFor(css);
  await input.clear();
  await input.type(text);
}

/** Fills and submits a profile form (onboarding or Add profile) against `baseUrl`. */
export async function submitProfileForm(session, scope, { name, key, baseUrl }) {
  await fill(session, `${scope} [data-testid="api-key-input"]`, key);
  await fill(session, `${scope} [data-testid="profile-name-input"]`, name);
  const advanced = await session.find(`${scope} details summary`);
  const open = await session.execute("return arguments[0].parentElement.open", [advanced.ref()]);
  if (!open) await advanced.click();
  await fill(session, `${scope} [data-testid="base-url-input"]`, baseUrl);
  await (await session.find(`${scope} [data-testid="check-and-save"]`)).click();
}

/** Opens a section from the sidebar and waits for it. */
export async function openSection(session, id) {
  await (await session.waitFor(`[data-testid="nav-${id}"]`)).click();
  return session.waitFor(`[data-testid="section-${id}"]`);
}

/** Clicks the button inside `scope` whose visible text is `label`, as a user picks by label. */
export async function clickByLabel(session, scope, label) {
  const buttons = await session.findAll(`${scope} button`);
  for (const button of buttons) {
    if ((await button.text()).trim() === label && (await button.displayed())) {
      await button.click();
      return button;
    }
  }
  throw new Error(`no button labelled "${label}" in ${scope}`);
}

/**
 * Records every IPC call and reply of the webview, so a test can check where a secret
 * travelled. Tauri's IPC reaches Rust through `fetch` to its `ipc:` protocol (the invoke
 * function itself cannot be replaced); the recorder wraps `fetch` and keeps the bodies.
 */
export async function recordIpc(session) {
  await session.execute(`
    if (window.__zexaIpc) return;
    const recorded = [];
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const url = typeof input === "string" ? input : input.url;
      const response = await original(input, init);
      if (url.startsWith("ipc:") || url.startsWith("http://ipc.localhost")) {
        const cmd = decodeURIComponent(new URL(url).pathname.slice(1));
        const body = init && typeof init.body === "string" ? init.body : JSON.stringify(init?.body ?? null);
        const reply = await response.clone().text();
        recorded.push({ cmd, args: body, reply });
      }
      return response;
    };
    window.__zexaIpc = recorded;
  `);
}

/** The IPC calls recorded so far: `{cmd, args, reply}` with `args` and `reply` as text. */
export async function recordedIpc(session) {
  return session.execute("return window.__zexaIpc ?? []");
}
