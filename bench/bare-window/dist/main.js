// The page's one call to the window's one command.
window.__TAURI_INTERNALS__
  .invoke('ping')
  .then((reply) => {
    document.getElementById('reply').textContent = `Rust answered: ${reply}`;
  });
