import '@testing-library/jest-dom/vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

afterEach(() => {
  // Unmount first: components unlisten from Tauri events while the IPC mock still exists.
  cleanup();
  clearMocks();
});
