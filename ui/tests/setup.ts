import '@testing-library/jest-dom/vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, configure } from '@testing-library/svelte';
import { afterEach } from 'vitest';

// findBy*/waitFor wait for a state, not a time: on two busy cores a lazily loaded section can
// take longer than Testing Library's 1 s default to appear, so the deadline is generous.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  // Unmount first: components unlisten from Tauri events while the IPC mock still exists.
  cleanup();
  clearMocks();
});
