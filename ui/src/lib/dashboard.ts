// Pages of the Zexa dashboard (https://app.zexa.ao) the app links to. The webview names a
// page; Rust's `open_dashboard` knows the address and opens the system browser.
import type { DashboardPage } from './bindings';

export const DASHBOARD_URL = 'https://app.zexa.ao';

export const DASHBOARD_PATHS = {
  home: 'home',
  buyCredits: 'buy_credits',
  usage: 'usage',
  apiKeys: 'api_keys',
  activeSessions: 'active_sessions',
  security: 'security',
  twoFactor: 'two_factor',
  changePassword: 'change_password',
} as const satisfies Record<string, DashboardPage>;

export type DashboardPath = DashboardPage;
