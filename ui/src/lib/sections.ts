import { m } from '../paraglide/messages.js';

export type SectionId = 'overview' | 'api-keys' | 'sessions' | 'security' | 'scan' | 'settings';

/** The sidebar's entries; `label` and `hint` are message functions, called where rendered. */
export type Section = { id: SectionId; label: () => string; hint: () => string };

export const SECTIONS: readonly Section[] = [
  { id: 'overview', label: m.shell_nav_overview, hint: m.shell_nav_overview_hint },
  { id: 'api-keys', label: m.shell_nav_api_keys, hint: m.shell_nav_api_keys_hint },
  { id: 'sessions', label: m.shell_nav_sessions, hint: m.shell_nav_sessions_hint },
  { id: 'security', label: m.shell_nav_security, hint: m.shell_nav_security_hint },
  { id: 'scan', label: m.scan_nav, hint: m.scan_nav_hint },
  { id: 'settings', label: m.shell_nav_settings, hint: m.shell_nav_settings_hint },
];
