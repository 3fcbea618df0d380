// Types of lazy-locale.mjs for vite.config.ts.
import type { Plugin } from 'vite';

export const LAZY_FILE: string;
export function lazyLocale(): Plugin;
