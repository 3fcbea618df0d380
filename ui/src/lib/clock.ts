// One shared minute tick for "2 minutes ago" texts: a single timer runs while anything on
// screen reads it, however many rows show a time.
import { createSubscriber } from 'svelte/reactivity';

const subscribe = createSubscriber((update) => {
  const timer = setInterval(update, 60_000);
  return () => clearInterval(timer);
});

/** The current time; read in a template or effect, it re-runs that code every minute. */
export function everyMinute(): Date {
  subscribe();
  return new Date();
}
