// What Rust tells the window (zexa_app::page_events): one `next_page_events` call is kept
// pending while anything listens, and each answer is handed to the listeners of its events in
// the order Rust announced them. Not Tauri's events: on Linux each one makes WebKit start a
// JavaScript engine in the app's process (docs/footprint.md).
import { commands, type PageEvent } from './bindings';

export type PageEventName = PageEvent['event'];
export type PageEventPayload<N extends PageEventName> = Extract<PageEvent, { event: N }>['payload'];
type Listener = (payload: unknown) => void;

const listeners = new Map<PageEventName, Set<Listener>>();
let listening = 0;
/** Each start of the loop; a loop from an earlier start (every listener left since) stops. */
let generation = 0;
let started: Promise<void> | null = null;

/**
 * Calls `listener` with every `name` event Rust announces from now on; resolves, once the page
 * is following Rust's announcements, to the function that stops it.
 */
export async function listenPageEvent<N extends PageEventName>(
  name: N,
  listener: (payload: PageEventPayload<N>) => void,
): Promise<() => void> {
  const entry = listener as Listener;
  if (!listeners.has(name)) listeners.set(name, new Set());
  listeners.get(name)!.add(entry);
  listening++;
  started ??= start();
  try {
    await started;
  } catch (error) {
    stop(name, entry);
    throw error;
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    stop(name, entry);
  };
}

function stop(name: PageEventName, listener: Listener) {
  listeners.get(name)?.delete(listener);
  listening--;
  if (listening === 0) {
    generation++;
    started = null;
  }
}

/** Asks for the cursor to start from, then keeps one call pending for as long as anyone listens. */
async function start(): Promise<void> {
  const mine = ++generation;
  const first = await commands.nextPageEvents(null);
  if (first.status === 'error') {
    started = null;
    throw first.error;
  }
  void follow(mine, first.data.cursor);
}

async function follow(mine: number, cursor: number): Promise<void> {
  let failures = 0;
  while (mine === generation) {
    const answer = await commands.nextPageEvents(cursor).catch((error: unknown) => ({ status: 'error' as const, error }));
    if (mine !== generation) return;
    if (answer.status === 'error') {
      // The IPC bridge failing is not news to wait on; try again, less often each time.
      failures++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 250 * 2 ** failures)));
      continue;
    }
    failures = 0;
    cursor = answer.data.cursor;
    for (const event of answer.data.events) {
      for (const listener of [...(listeners.get(event.event) ?? [])]) {
        try {
          listener(event.payload);
        } catch (error) {
          console.error(error); // one listener failing does not keep the news from the others
        }
      }
    }
  }
}
