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
