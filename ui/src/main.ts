import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { appLocale, loadLocale } from './lib/i18n.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app element missing from index.html');

// A Portuguese window waits for its texts (a file in the app, a few milliseconds) rather than
// showing English first; the language is the one Rust handed over in the first frame.
const first = window.__ZEXA_FIRST_FRAME__;
void loadLocale(first?.state?.locale ?? appLocale()).finally(() => mount(App, { target }));
