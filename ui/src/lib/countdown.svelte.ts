// A countdown from a number of seconds Rust gave (a 2FA setup's expires_in_secs, a lock-out's
// retry_after_secs). It counts from that number on this computer's timer and never compares
// the local clock with an absolute server time, so a wrong clock here changes nothing. Elapsed
// time is measured (not ticks counted) so a throttled timer in a hidden window does not lag.
export class Countdown {
  remaining = $state(0);

  #timer: ReturnType<typeof setInterval> | undefined;

  get running(): boolean {
    return this.remaining > 0;
  }

  /** Starts (or restarts) from `seconds`; `onend` runs once when it reaches 0. */
  start(seconds: number, onend?: () => void): void {
    this.stop();
    const total = Math.max(0, Math.ceil(seconds));
    const startedAt = Date.now();
    this.remaining = total;
    if (total === 0) {
      onend?.();
      return;
    }
    this.#timer = setInterval(() => {
      this.remaining = Math.max(0, total - Math.floor((Date.now() - startedAt) / 1000));
      if (this.remaining === 0) {
        this.stop();
        onend?.();
      }
    }, 1000);
  }

  /** Stops the timer; what remains is kept (call reset() to clear it). */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  reset(): void {
    this.stop();
    this.remaining = 0;
  }
}
