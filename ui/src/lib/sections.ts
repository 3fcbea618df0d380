export type SectionId = 'overview' | 'api-keys' | 'sessions' | 'security' | 'settings';

export type Section = { id: SectionId; label: string; hint: string };

export const SECTIONS: readonly Section[] = [
  { id: 'overview', label: 'Overview', hint: 'Credit balance' },
  { id: 'api-keys', label: 'API keys', hint: 'Create and revoke keys' },
  { id: 'sessions', label: 'Sessions', hint: 'Active sessions' },
  { id: 'security', label: 'Security', hint: 'Two-factor and password' },
  { id: 'settings', label: 'Settings', hint: 'Profiles and preferences' },
];
