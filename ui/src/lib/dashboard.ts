// Paths on the Zexa dashboard (https://app.zexa.ao) that the app links to. Rust's
// `open_dashboard` joins them to the dashboard origin and opens the system browser.
export const DASHBOARD_URL = 'https://app.zexa.ao';

export const DASHBOARD_PATHS = {
  home: '/',
  buyCredits: '/billing',
  apiKeys: '/settings/api-keys',
  activeSessions: '/settings/security',
  security: '/settings/security',
} as const;

export type DashboardPath = (typeof DASHBOARD_PATHS)[keyof typeof DASHBOARD_PATHS];
