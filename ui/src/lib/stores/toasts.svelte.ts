// Short confirmations ("Revoked “Staging”"), shown by the one ToastRegion in App and announced
// politely. Each goes away by itself after TOAST_MS, paused while the pointer or focus is on
// the region so nobody loses a message they are reading.
export type ToastTone = 'ok' | 'info' | 'warn';
export type Toast = { id: number; message: string; tone: ToastTone };

export const TOAST_MS = 6_000;

type Countdown = { timer?: ReturnType<typeof setTimeout>; endsAt: number; leftMs: number };

export class ToastStore {
  items = $state<Toast[]>([]);

  #next = 1;
  #paused = false;
  #countdowns = new Map<number, Countdown>();

  /** Shows a message; never pass a secret. Returns the toast's id. */
  show(message: string, tone: ToastTone = 'ok'): number {
    const id = this.#next++;
    this.items.push({ id, message, tone });
    const countdown: Countdown = { endsAt: 0, leftMs: TOAST_MS };
    this.#countdowns.set(id, countdown);
    if (!this.#paused) this.#run(id, countdown);
    return id;
  }

  dismiss(id: number): void {
    clearTimeout(this.#countdowns.get(id)?.timer);
    this.#countdowns.delete(id);
    this.items = this.items.filter((t) => t.id !== id);
    // The region may have lost its focus with the removed toast without any focusout.
    if (this.items.length === 0) this.#paused = false;
  }

  pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    for (const countdown of this.#countdowns.values()) {
      clearTimeout(countdown.timer);
      countdown.leftMs = Math.max(0, countdown.endsAt - Date.now());
    }
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    for (const [id, countdown] of this.#countdowns) this.#run(id, countdown);
  }

  #run(id: number, countdown: Countdown): void {
    countdown.endsAt = Date.now() + countdown.leftMs;
    countdown.timer = setTimeout(() => this.dismiss(id), countdown.leftMs);
  }
}
