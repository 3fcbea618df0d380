// The page's one call for content, then the start-up mark once the answer is in the DOM: the
// same command at the same point of the page's life as the app's balance card
// (ui/src/lib/startupMarks.ts), so `./dev bench` compares like with like.
const invoke = window.__TAURI_INTERNALS__.invoke;
invoke('ping').then((reply) => {
  document.getElementById('reply').textContent = `Rust answered: ${reply}`;
  invoke('mark_startup', { mark: 'page_painted' }).catch(() => {});
});
