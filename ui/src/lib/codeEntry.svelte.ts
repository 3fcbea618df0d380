// The authenticator code the 2FA wizard (step 2), Regenerate and Turn off send: what is typed,
// the sentence at the field, the server's lock-out counted down from Rust's retry_after_secs,
// and one way of handling a refused code (codeFailure in twoFactor.ts): a wrong code lands at
// the field and is cleared, a lock-out disables the field (Rust's sentence at the field when no
// delay came with it), a 409 goes back to the caller (the card is out of date), anything else
// is shown as an error notice. After a failure the field takes the focus again.
import { tick } from 'svelte';
import { toIpcError, type IpcError } from './api';
import { Countdown } from './countdown.svelte';
import { codeFailure } from './twoFactor';

export type CodeEntryOptions<T> = {
  /** Why `code` cannot be sent as it is (said at the field), or null. */
  problem: (code: string) => string | null;
  send: (code: string) => Promise<T>;
  /** Rust accepted the code; the field is already cleared. */
  onsent: (answer: T) => void;
  /** 2FA is already on / off (409): nothing else happens here. */
  onconflict: (message: string) => void;
  /** The setup expired or is unknown; without this it is said at the field like a wrong code. */
  onexpired?: (message: string) => void;
  /** Clear the code after every failure, not only a refused code (a network error too). */
  clearAfterAnyFailure?: boolean;
  focus: () => void;
};

/** What TotpCodeField shows and writes. */
export interface CodeField {
  code: string;
  readonly codeError: string;
  readonly lockedMessage: string;
  readonly busy: boolean;
  readonly lockout: Countdown;
}

export class CodeEntry<T> implements CodeField {
  code = $state('');
  /** The sentence at the field (TotpCodeField's `error`). */
  codeError = $state('');
  /** Rust's sentence for the lock-out. */
  lockedMessage = $state('');
  busy = $state(false);
  /** A failure that is not about the code, for an ErrorNotice. */
  error = $state.raw<IpcError | null>(null);
  readonly lockout = new Countdown();

  #options: CodeEntryOptions<T>;

  constructor(options: CodeEntryOptions<T>) {
    this.#options = options;
  }

  /** Sends what is typed, unless a request is on its way or the lock-out runs. */
  async submit(): Promise<void> {
    const options = this.#options;
    if (this.busy || this.lockout.running) return;
    const problem = options.problem(this.code);
    if (problem) {
      this.codeError = problem;
      options.focus();
      return;
    }
    this.busy = true;
    this.codeError = '';
    this.error = null;
    try {
      const answer = await options.send(this.code);
      this.code = '';
      options.onsent(answer);
      return;
    } catch (e) {
      const failure = codeFailure(toIpcError(e));
      if (options.clearAfterAnyFailure) this.code = '';
      if (failure.kind === 'field' || (failure.kind === 'expired' && !options.onexpired)) {
        this.codeError = failure.message;
        this.code = '';
      } else if (failure.kind === 'locked') {
        this.code = '';
        this.lockedMessage = failure.message;
        if (failure.seconds) this.lockout.start(failure.seconds, options.focus);
        else this.codeError = failure.message;
      } else if (failure.kind === 'expired') {
        options.onexpired?.(failure.message);
      } else if (failure.kind === 'conflict') {
        options.onconflict(failure.message);
        return;
      } else this.error = failure.error;
    } finally {
      this.busy = false;
    }
    await tick();
    options.focus();
  }

  /** Back to an empty field with no sentence and no lock-out (a new setup). */
  reset(): void {
    this.lockout.reset();
    this.code = '';
    this.codeError = '';
    this.error = null;
  }

  stop(): void {
    this.lockout.stop();
  }
}
