// Sections against a server that does not offer their part (Zexa documents only GET /credits):
// the learned offers (get_server_offers) make each one show its dashboard guidance at once,
// before any list answers, and the password form is not offered as usable. Offers not learned
// (offline: `unknown`) keep the sections as they were: ask, and word the answer.
import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import type { ServerOffers } from '../src/lib/bindings';
import { allOffered, deferred, documentedOnly, keyList, type Handler } from './backend';
import { openSection } from './sections.helpers';

/** Answers that never come: guidance shown meanwhile did not wait for them. */
const never = () => deferred<never>().promise;
const unknownOffers = (): ServerOffers => ({ api_keys: 'unknown', sessions: 'unknown', two_factor: 'unknown', password: 'unknown' });

const documented: Record<string, Handler> = {
  get_server_offers: documentedOnly,
  list_api_keys: never,
  list_sessions: never,
  get_two_factor: never,
};

describe('a server that does not offer the part: guidance at once', () => {
  test('API keys: the dashboard guidance, no list and no New key', async () => {
    const { section } = await openSection('api-keys', documented);
    const card = await within(section).findByTestId('api-keys-not-offered');
    expect(card).toHaveTextContent('This Zexa server does not offer');
    expect(within(card).getByTestId('dashboard-link')).toBeInTheDocument();
    expect(within(section).queryByTestId('api-keys-loading')).not.toBeInTheDocument();
    expect(within(section).queryByTestId('new-key')).not.toBeInTheDocument();
  });

  test('Sessions: the dashboard guidance, no list', async () => {
    const { section } = await openSection('sessions', documented);
    expect(await within(section).findByTestId('sessions-not-offered')).toHaveTextContent('Settings → Security → Active Sessions');
    expect(within(section).queryByTestId('sessions-loading')).not.toBeInTheDocument();
  });

  test('Security: two-factor guidance and no password form, its guidance instead', async () => {
    const { section, backend } = await openSection('security', documented);
    expect(await within(section).findByTestId('two-factor-not-offered')).toBeInTheDocument();
    const password = within(section).getByTestId('password-not-offered');
    expect(password).toHaveTextContent('This Zexa server does not offer password changes to apps.');
    expect(password).toHaveTextContent('Settings → Security → Change Password');
    expect(within(section).queryByTestId('password-form')).not.toBeInTheDocument();
    expect(within(section).queryByLabelText('Current password')).not.toBeInTheDocument();
    expect(backend.callsOf('change_password')).toEqual([]);
  });
});

describe('offers offered or not learned: as before', () => {
  test('a server offering keys: the list, and no guidance', async () => {
    const { section } = await openSection('api-keys', { get_server_offers: allOffered, list_api_keys: () => keyList() });
    expect(await within(section).findByTestId('api-keys-empty')).toBeInTheDocument();
    expect(within(section).getByTestId('new-key')).toBeInTheDocument();
    expect(within(section).queryByTestId('api-keys-not-offered')).not.toBeInTheDocument();
  });

  test('offline (unknown): the section asks and the password form stays', async () => {
    const { section, backend } = await openSection('security', { get_server_offers: unknownOffers });
    expect(await within(section).findByTestId('two-factor-card')).toBeInTheDocument();
    expect(within(section).getByTestId('password-form')).toBeInTheDocument();
    expect(within(section).queryByTestId('password-not-offered')).not.toBeInTheDocument();
    await waitFor(() => expect(backend.callsOf('get_two_factor').length).toBeGreaterThan(0));
  });
});
