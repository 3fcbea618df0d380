// Who uses a profile's key on this computer, as the `zexa` command line noted it (Rust reads its
// usage log: get_key_usage): on the profile in Settings, on the key row, in the one-click
// rotation's report ("these programs get the new key"), and `zexa run` suggested by the guided
// rotation of a key used elsewhere.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../src/App.svelte';
import type { ProgramUse } from '../src/lib/bindings';
import { FULL_LIST, OLD_ROW, PRODUCTION, appState, createdKey, installBackend, rotationReport, type Handler } from './backend';
import { openApiKeys } from './apiKeys.helpers';

const twoHoursAgo = () => new Date(Date.now() - 2 * 3_600_000).toISOString();

const NODE: () => ProgramUse = () => ({
  program: 'node',
  folder: '~/loja',
  used_at: twoHoursAgo(),
  exit_code: 0,
  command: 'run',
});

const usageOf =
  (uses: Record<string, ProgramUse[]>): Handler =>
  (args) =>
    uses[String(args.id)] ?? [];

const rowOf = (name: string) => screen.getAllByTestId('api-key-row').find((row) => row.getAttribute('data-key-name') === name)!;

describe('key usage', () => {
  test('Settings shows on the profile which program used its key, where and when', async () => {
    const backend = installBackend(appState({ profiles: [PRODUCTION] }), {
      get_key_usage: usageOf({ [PRODUCTION.id]: [NODE()] }),
    });
    render(App);
    await userEvent.setup().click(await screen.findByTestId('nav-settings'));
    const usage = await screen.findByTestId('key-usage');
    expect(usage).toHaveTextContent('Used on this computer by node in ~/loja, 2 hours ago');
    expect(backend.callsOf('get_key_usage')).toEqual([{ id: PRODUCTION.id }]);
  });

  test('nothing is said when no program used it', async () => {
    installBackend(appState({ profiles: [PRODUCTION] }));
    render(App);
    await userEvent.setup().click(await screen.findByTestId('nav-settings'));
    await screen.findByTestId('profile-row');
    expect(screen.queryByTestId('key-usage')).not.toBeInTheDocument();
  });

  test('the key row of this app says it, and the one-click rotation names the programs that get the new key', async () => {
    const { user } = await openApiKeys({
      list_api_keys: () => FULL_LIST(),
      get_key_usage: usageOf({ [PRODUCTION.id]: [NODE()] }),
      rotate_profile_key: () => rotationReport(),
    });
    await screen.findByTestId('api-key-list');
    expect(await within(rowOf('Zexa Desktop')).findByTestId('key-row-usage')).toHaveTextContent(
      'Used on this computer by node in ~/loja, 2 hours ago',
    );
    expect(within(rowOf('Website')).queryByTestId('key-row-usage')).not.toBeInTheDocument();

    await user.click(within(rowOf('Zexa Desktop')).getByTestId('rotate-key'));
    const programs = await within(await screen.findByTestId('rotation-report')).findByTestId('rotation-programs');
    expect(programs).toHaveTextContent('These programs get the new key the next time they start (through zexa run):');
    expect(programs).toHaveTextContent('Used on this computer by node in ~/loja, 2 hours ago');
  });

  test('the guided rotation of a key used elsewhere suggests zexa run', async () => {
    const replacement = createdKey({ slot: 'slot_rot', rotation_id: 'rot_1', key: { ...OLD_ROW.key, id: 'key_web2' } });
    const { user } = await openApiKeys({ list_api_keys: () => FULL_LIST(), start_key_rotation: () => replacement });
    await screen.findByTestId('api-key-list');
    await user.click(within(rowOf('Website')).getByRole('button', { name: 'Rotate…' }));
    const dialog = await screen.findByTestId('shown-once-dialog');
    expect(within(dialog).getByTestId('guided-zexa-run')).toHaveTextContent('start the program with zexa run -- COMMAND');
  });
});
