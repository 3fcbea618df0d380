import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { lazyLocale } from './scripts/lazy-locale.mjs';

// Tauri serves ui/dist through its own protocol, so the default base `/` is right.
// The page runs under a strict CSP (script-src 'self', style-src 'self'): component CSS is
// emitted to a file at build time and nothing may be inlined (checked by scripts/check-dist.mjs).
export default defineConfig({
  // lazyLocale: the build loads only the window's language at start (scripts/lazy-locale.mjs).
  plugins: [lazyLocale(), svelte(), svelteTesting()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK 2.50 on Linux, WKWebView on macOS, WebView2 on Windows.
    target: ['es2021', 'safari15'],
    assetsInlineLimit: 0,
    // The webviews the app runs in preload modules natively (WebKitGTK 2.50, WebView2, Safari
    // 17); where one does not, a chunk is fetched when imported. No polyfill in the first script.
    modulePreload: { polyfill: false },
    sourcemap: false,
    rollupOptions: {
      // tauri-specta's bindings keep a type-only import of @tauri-apps/api/webviewWindow, which
      // verbatimModuleSyntax turns into a bare import. The package's modules have no import-time
      // side effects, so unused ones may be dropped (about 10 KB gzipped of window/webview APIs).
      treeshake: {
        moduleSideEffects: (id) => !id.includes('/node_modules/@tauri-apps/api/'),
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./tests/setup.ts'],
    include: ['tests/**/*.test.ts'],
    reporters: ['default'],
    // Process the theme CSS so tests can read it (Vitest empties CSS imports by default).
    css: { include: [/app\.css/] },
  },
});
