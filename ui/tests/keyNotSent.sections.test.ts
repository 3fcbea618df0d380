// A key the app did not send (kept for another address, unreadable) in the account sections:
// Rust's sentence says "use Replace key", so each section offers that button beside Retry,
// not Retry alone (issue 22, "Small things seen in the window").
import { screen, within } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import { fail, ipcError } from './backend';
import { openSection } from './sections.helpers';

const SENTENCE =
  'The key of “Production” was stored for https://api.zexa.ao, but the profile now points at https://evil.example. The key was not sent. If you changed the address on purpose, use Replace key.';

describe('a key not sent, in the sections', () => {
  test.each([
    ['api-keys', 'list_api_keys'],
    ['sessions', 'list_sessions'],
  ] as const)('%s: the sentence, Replace key and Retry', async (id, command) => {
    const { backend, user, section } = await openSection(id, {
      get_balance: fail(ipcError('key_bound_elsewhere', SENTENCE)),
      [command]: fail(ipcError('key_bound_elsewhere', SENTENCE)),
    });
    const panel = await within(section).findByTestId('key-not-sent');
    expect(panel).toHaveTextContent('Key kept for another address');
    expect(panel).toHaveTextContent(SENTENCE);
    expect(within(panel).getByRole('button', { name: 'Replace key' })).toBeInTheDocument();
    const asked = backend.callsOf(command).length;
    await user.click(within(panel).getByRole('button', { name: 'Retry' }));
    const again = await within(section).findByTestId('key-not-sent');
    expect(backend.callsOf(command).length).toBeGreaterThan(asked);
    // Replace key opens the form for the active profile, here in the section.
    await user.click(within(again).getByRole('button', { name: 'Replace key' }));
    expect(await screen.findByTestId('replace-key-form')).toBeInTheDocument();
  }, 20_000);
});
