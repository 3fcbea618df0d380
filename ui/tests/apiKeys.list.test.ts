import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import { absoluteTime } from '../src/lib/format';
import {
  APP_ROW,
  FULL_LIST,
  NEVER_ROW,
  OLD_ROW,
  PRODUCTION,
  STAGING,
  UNUSED_ROW,
  appState,
  deferred,
  fail,
  ipcError,
  keyList,
} from './backend';
import { openApiKeys, withProfiles } from './apiKeys.helpers';

const rowNames = () => screen.getAllByTestId('api-key-row').map((row) => row.getAttribute('data-key-name'));
const rowOf = (name: string) => screen.getAllByTestId('api-key-row').find((row) => row.getAttribute('data-key-name') === name)!;
const badgesOf = (name: string) =>
  within(rowOf(name))
    .queryAllByTestId('key-badge')
    .map((b) => [b.getAttribute('data-badge'), b.textContent?.trim()]);

describe('API keys: the list', () => {
  test('loading, then a table in Rust order with prefixes, times and badges worded from the limits', async () => {
    const pending = deferred<unknown>();
    const { backend, section } = await openApiKeys({ list_api_keys: () => pending.promise });
    const loading = within(section).getByTestId('api-keys-loading');
    expect(loading).toHaveTextContent('Loading API keys…');
    expect(loading).toHaveAttribute('role', 'status');
    pending.resolve(FULL_LIST());

    const table = await screen.findByTestId('api-key-list');
    expect(table.tagName).toBe('TABLE');
    expect(table.querySelector('caption')).toHaveTextContent(/API keys/);
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual([
      'Name', 'Prefix', 'Created', 'Last used', 'Badges', 'Actions',
    ]);
    expect(rowNames()).toEqual(['Zexa Desktop', 'Website', 'Staging', 'CI pipeline']);
    expect(rowOf('Website')).toHaveAttribute('data-key-id', OLD_ROW.key.id);
    // The prefix whole, as the dashboard lists it: nothing cut, no ellipsis.
    const prefix = within(rowOf('Staging')).getByTestId('key-prefix');
    expect(prefix.tagName).toBe('CODE');
    expect(prefix.textContent).toBe(UNUSED_ROW.key.prefix);
    expect(screen.getAllByTestId('key-prefix').map((p) => p.textContent)).toEqual(FULL_LIST().keys.map((r) => r.key.prefix));

    // Badges carry text, not only colour, and the numbers come from ApiKeyList.limits.
    expect(badgesOf('Zexa Desktop')).toEqual([['this_app', expect.stringContaining('This app')]]);
    expect(within(rowOf('Zexa Desktop')).getByTestId('key-badge')).toHaveAttribute(
      'title',
      "Used by this app's profile Production",
    );
    expect(within(rowOf('Zexa Desktop')).getByTestId('key-badge')).toHaveTextContent("Used by this app's profile Production");
    expect(badgesOf('Website')).toEqual([['older_than_90_days', 'Older than 91 days']]);
    expect(badgesOf('Staging')).toEqual([['unused_for_30_days', 'Unused for 31+ days']]);
    expect(badgesOf('CI pipeline')).toEqual([['never_used', 'Never used']]);
    expect(rowOf('Website')).toHaveTextContent('Suggested: rotate it');
    expect(rowOf('CI pipeline')).toHaveTextContent('Suggested: revoke it if nothing needs it');

    // Last used: relative time with the exact time as tooltip, or "Never used".
    const cells = within(rowOf('Zexa Desktop')).getAllByRole('cell');
    const lastUsed = cells[2].querySelector('time')!;
    expect(lastUsed).toHaveAttribute('datetime', APP_ROW.key.last_used_at);
    expect(lastUsed).toHaveAttribute('title', absoluteTime(APP_ROW.key.last_used_at!));
    expect(lastUsed).toHaveTextContent('just now'); // a minute ago
    expect(within(rowOf('CI pipeline')).getAllByRole('cell')[2]).toHaveTextContent('Never used');
    expect(within(rowOf('Staging')).getAllByRole('cell')[1]).toHaveTextContent('2 months ago');

    // This app's key rotates in one click; others are guided ("Rotate…"); all can be revoked.
    expect(within(rowOf('Zexa Desktop')).getByTestId('rotate-key')).toHaveTextContent(/^Rotate$/);
    expect(within(rowOf('Website')).getByTestId('rotate-key')).toHaveTextContent('Rotate…');
    const revoke = within(rowOf('Staging')).getByRole('button', { name: 'Revoke' });
    expect(revoke).toHaveAccessibleDescription('Staging');
    expect(backend.callsOf('list_api_keys')).toHaveLength(1);
  });

  test('Sort by Name and Created re-orders the rows; Last used is Rust’s order again', async () => {
    const { user } = await openApiKeys({ list_api_keys: () => FULL_LIST() });
    await screen.findByTestId('api-key-list');
    const sort = screen.getByLabelText('Sort by');
    expect(sort).toHaveAttribute('data-testid', 'key-sort');
    await user.selectOptions(sort, 'name');
    expect(rowNames()).toEqual(['CI pipeline', 'Staging', 'Website', 'Zexa Desktop']);
    await user.selectOptions(sort, 'created');
    expect(rowNames()).toEqual(['Zexa Desktop', 'CI pipeline', 'Staging', 'Website']);
    await user.selectOptions(sort, 'last_used');
    expect(rowNames()).toEqual(['Zexa Desktop', 'Website', 'Staging', 'CI pipeline']);
  });

  test('a key in a pending rotation is marked and not offered a second rotation', async () => {
    await openApiKeys({
      list_api_keys: () => keyList({ keys: [{ ...OLD_ROW, rotation_id: 'rot_1' }, NEVER_ROW] }),
    });
    await screen.findByTestId('api-key-list');
    expect(within(rowOf('Website')).getByTestId('rotation-marker')).toHaveTextContent('Rotation pending');
    expect(within(rowOf('Website')).queryByTestId('rotate-key')).not.toBeInTheDocument();
    expect(rowOf('Website')).not.toHaveTextContent('Suggested: rotate it');
    expect(within(rowOf('CI pipeline')).queryByTestId('rotation-marker')).not.toBeInTheDocument();
  });

  test('empty: "No API keys yet", with New key', async () => {
    await openApiKeys({ list_api_keys: () => keyList() });
    expect(await screen.findByTestId('api-keys-empty')).toHaveTextContent('No API keys yet');
    expect(screen.getByRole('button', { name: 'New key' })).toBeInTheDocument();
    expect(screen.queryByTestId('api-key-list')).not.toBeInTheDocument();
  });

  test('forbidden: a read-only explanation for Members, no key actions', async () => {
    await openApiKeys({ list_api_keys: fail(ipcError('forbidden', 'Only Admins can do this.')) });
    const forbidden = await screen.findByTestId('api-keys-forbidden');
    expect(forbidden).toHaveTextContent('Only account Admins can manage API keys.');
    expect(forbidden).toHaveTextContent('Ask an Admin of your Zexa account');
    for (const id of ['new-key', 'revoke-key', 'rotate-key', 'lockdown-start', 'api-key-list']) {
      expect(screen.queryByTestId(id)).not.toBeInTheDocument();
    }
  });

  test('forbidden on a refresh (the key lost its Admin role): the list and its actions go', async () => {
    const { backend, user } = await openApiKeys({ list_api_keys: () => FULL_LIST() });
    await screen.findByTestId('api-key-list');
    backend.on('list_api_keys', fail(ipcError('forbidden', 'Only Admins can do this.')));
    await user.click(screen.getByTestId('refresh-keys'));
    expect(await screen.findByTestId('api-keys-forbidden')).toBeInTheDocument();
    for (const id of ['new-key', 'api-key-list', 'lockdown-start']) expect(screen.queryByTestId(id)).not.toBeInTheDocument();
  });

  test('not offered: dashboard guidance with a link to Settings → API Keys', async () => {
    const { backend, user } = await openApiKeys({
      list_api_keys: fail(ipcError('not_offered', 'This server does not offer /api-keys.')),
    });
    const guidance = await screen.findByTestId('api-keys-not-offered');
    expect(guidance).toHaveTextContent('Settings → API Keys on the Zexa dashboard');
    await user.click(within(guidance).getByRole('button', { name: /https:\/\/app\.zexa\.ao/ }));
    expect(backend.callsOf('open_dashboard')).toEqual([{ page: 'api_keys' }]);
    expect(screen.queryByTestId('new-key')).not.toBeInTheDocument();
  });

  test('offline: says so, and Retry loads the list', async () => {
    const { backend, user } = await openApiKeys({
      list_api_keys: fail(ipcError('network', 'api.zexa.ao could not be reached.')),
    });
    const error = await screen.findByTestId('api-keys-error');
    expect(error).toHaveTextContent("You're offline or Zexa can't be reached");
    expect(error).toHaveTextContent('The API keys could not be loaded: api.zexa.ao could not be reached.');
    backend.on('list_api_keys', () => FULL_LIST());
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('api-key-list')).toBeInTheDocument();
    expect(screen.queryByTestId('api-keys-error')).not.toBeInTheDocument();
  });

  test('a failed refresh keeps the last list on screen under the error', async () => {
    const { backend, user } = await openApiKeys({ list_api_keys: () => FULL_LIST() });
    await screen.findByTestId('api-key-list');
    backend.on('list_api_keys', fail(ipcError('timeout', 'No answer in 10 s.', 'req_to1')));
    await user.click(screen.getByTestId('refresh-keys'));
    const error = await screen.findByTestId('api-keys-error');
    expect(error).toHaveTextContent('The list could not be refreshed: No answer in 10 s.');
    expect(error).toHaveTextContent('Request ID: req_to1');
    expect(rowNames()).toHaveLength(4);
  });

  test('a refused key shows the key-refused panel with Replace key, then the list once replaced', async () => {
    const { backend, user } = await openApiKeys({
      list_api_keys: fail(ipcError('unauthorized', 'Zexa answered 401: the key is invalid or revoked.')),
      replace_key: () => withProfiles(),
    });
    const refused = await screen.findByTestId('key-refused');
    expect(refused).toHaveTextContent("Its account's API keys cannot be listed until the key is replaced.");
    await user.click(within(refused).getByRole('button', { name: 'Replace key' }));
    await user.type(screen.getByTestId('api-key-input'), 'zx_live_replacement0000');
    backend.on('list_api_keys', () => FULL_LIST());
    await user.click(screen.getByTestId('replace-key-submit'));
    expect(await screen.findByTestId('api-key-list')).toBeInTheDocument();
    expect(backend.callsOf('replace_key')).toEqual([{ id: PRODUCTION.id, apiKey: 'zx_live_replacement0000' }]);
  });

  test('Rust reports the key refused (revoked elsewhere): the section asks again and offers Replace key', async () => {
    const { backend } = await openApiKeys({ list_api_keys: () => FULL_LIST() });
    await screen.findByTestId('api-key-list');
    backend.on('list_api_keys', fail(ipcError('unauthorized', 'Zexa answered 401.')));
    await backend.emitAppState(withProfiles({ connection: 'unauthorized' }));
    expect(await screen.findByTestId('key-refused')).toBeInTheDocument();
    expect(screen.queryByTestId('api-key-list')).not.toBeInTheDocument();
  });

  test('offline, then Rust reports online: the list is loaded again by itself', async () => {
    const { backend } = await openApiKeys(
      { list_api_keys: fail(ipcError('network', 'Offline.')) },
      withProfiles({ connection: 'offline' }),
    );
    await screen.findByTestId('api-keys-error');
    backend.on('list_api_keys', () => FULL_LIST());
    await backend.emitAppState(withProfiles({ connection: 'online' }));
    expect(await screen.findByTestId('api-key-list')).toBeInTheDocument();
    expect(screen.queryByTestId('api-keys-error')).not.toBeInTheDocument();
  });

  test('without a profile it points to the Overview', async () => {
    const { backend, user } = await openApiKeys({}, appState());
    const none = await screen.findByTestId('api-keys-no-profile');
    await user.click(within(none).getByRole('button', { name: 'Go to the Overview' }));
    expect(await screen.findByTestId('section-overview')).toBeInTheDocument();
    expect(backend.callsOf('list_api_keys')).toHaveLength(0);
  });

  test('switching profile loads that profile’s keys and never shows the other account’s', async () => {
    const { backend } = await openApiKeys({ list_api_keys: () => FULL_LIST() });
    await screen.findByTestId('api-key-list');
    const pending = deferred<unknown>();
    backend.on('list_api_keys', () => pending.promise);
    await backend.emitAppState(withProfiles({ active_profile_id: STAGING.id }));
    expect(await screen.findByTestId('api-keys-loading')).toBeInTheDocument();
    expect(screen.queryByTestId('api-key-list')).not.toBeInTheDocument();
    pending.resolve(keyList({ profile_id: STAGING.id, keys: [UNUSED_ROW] }));
    await waitFor(() => expect(rowNames()).toEqual(['Staging']));
  });
});
