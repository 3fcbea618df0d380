// The modals that are open, topmost last. One window-level keydown listener (capture phase)
// serves the topmost only: a modal handles Escape and Tab whatever has focus, even when focus
// has fallen to <body> or sits in the page behind, and a modal under another never acts.

export interface ModalEntry {
  /** Escape, Tab: called for every keydown while this modal is the topmost. */
  keydown(event: KeyboardEvent): void;
  /** Called when this modal becomes the topmost again (the one over it closed). */
  resumed(): void;
}

const stack: ModalEntry[] = [];

function dispatch(event: KeyboardEvent) {
  stack[stack.length - 1]?.keydown(event);
}

export function isTopmost(entry: ModalEntry): boolean {
  return stack[stack.length - 1] === entry;
}

/** Registers an open modal; the returned function unregisters it. */
export function openModal(entry: ModalEntry): () => void {
  if (stack.length === 0) window.addEventListener('keydown', dispatch, true);
  stack.push(entry);
  return () => {
    const index = stack.indexOf(entry);
    if (index < 0) return;
    const wasTopmost = index === stack.length - 1;
    stack.splice(index, 1);
    if (stack.length === 0) window.removeEventListener('keydown', dispatch, true);
    // After the closing modal's own clean-up (which gives focus back to its opener): if that
    // left focus nowhere, the modal now on top takes it.
    else if (wasTopmost) queueMicrotask(() => stack[stack.length - 1]?.resumed());
  };
}
