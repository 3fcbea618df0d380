// The start the API keys, Sessions and 2FA tests share: the sandbox server with its demo
// account, the app launched fresh, and a "Production" profile onboarded against the sandbox
// until its balance shows.

import { launchApp } from "./app.mjs";
import { startSandbox } from "./sandbox.mjs";
import { balanceShows, submitProfileForm } from "./ui.mjs";

/**
 * Gives back `{ sandbox, app }`. `afterLaunch(app)` runs once the window is up, before the
 * onboarding (e.g. a notification daemon that must see every notification). When a step fails,
 * what was started here is stopped before the error is thrown: the caller has nothing to stop.
 */
export async function onboardedApp({ afterLaunch } = {}) {
  const sandbox = await startSandbox("demo");
  let app;
  try {
    app = await launchApp();
    await afterLaunch?.(app);
    const { session } = app;
    await session.waitFor('[data-testid="onboarding"]');
    await submitProfileForm(session, '[data-testid="onboarding"]', { name: "Production", key: sandbox.apiKey, baseUrl: sandbox.baseUrl });
    await balanceShows(session, "4250");
    return { sandbox, app };
  } catch (error) {
    await app?.close();
    await sandbox.stop();
    throw error;
  }
}
