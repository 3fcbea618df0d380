// The active profile's sign-in sessions as Rust sends them (rows with hints, most recently
// active first, the rule limits), and the one-click revokes in flight. Kept across visits so
// coming back shows the last list while it refreshes.
//
// A revoke hides its row at once. While it is pending, its id is filtered out of every list,
// including one that arrives meanwhile (the server may still list the session), so a refresh
// cannot bring the row back; a failure drops the id and the row shows again in its place.
import { api, toIpcError, type IpcError } from '../api';
import type { RevokedSession, SessionList, SessionRow } from '../bindings';
import { LatestAnswer } from './latest.svelte';

export type RevokeOutcome =
  | { ok: true; revoked: RevokedSession }
  /** `shown`: the row is listed again with the error (not when a fresh list no longer has it). */
  | { ok: false; error: IpcError; shown: boolean }
  /** A revoke of this session is already on its way (a double click): nothing was sent. */
  | null;

export class SessionListStore extends LatestAnswer<SessionList> {
  /** Ids of sessions whose revoke is on its way. */
  revoking = $state.raw<ReadonlySet<string>>(new Set());
  /** Why the last revoke of a session failed, shown on its row. */
  rowErrors = $state.raw<ReadonlyMap<string, IpcError>>(new Map());

  /** What the table shows: Rust's rows in Rust's order, minus the revokes in flight. */
  rows = $derived<SessionRow[]>((this.list?.sessions ?? []).filter((row) => !this.revoking.has(row.session.id)));

  #profileId: string | null = null;

  get list(): SessionList | null {
    return this.answer;
  }

  constructor() {
    // "Loading" from the start: the section asks as soon as it opens.
    super(true);
  }

  /**
   * A visit starts (the section opens, or shows another profile): Rust is told first, so what
   * appears after the list it then sends is *New* next time, then the list is fetched.
   */
  async open(profileId: string | null): Promise<void> {
    const request = this.#start(profileId);
    if (!profileId) return;
    // A failure here (no profile, ...) is reported by the list itself.
    await api.sessionsOpened().catch(() => {});
    if (this.isLatest(request)) await this.#fetch(request);
  }

  /** A fresh list (Refresh, after a change); the latest request wins. */
  async load(profileId: string | null = this.#profileId): Promise<void> {
    const request = this.#start(profileId);
    if (profileId) await this.#fetch(request);
  }

  /** One click, no confirmation. Resolves once Rust answered; `null` for a repeated click. */
  async revoke(row: SessionRow): Promise<RevokeOutcome> {
    const id = row.session.id;
    if (this.revoking.has(id)) return null;
    this.revoking = new Set([...this.revoking, id]);
    this.#setRowError(id, null);
    try {
      const revoked = await api.revokeSession(id);
      if (this.list) this.answer = { ...this.list, sessions: this.list.sessions.filter((r) => r.session.id !== id) };
      // The fresh list comes from Rust's account-changed (sessions), which the section follows;
      // it is a newer request, so a list asked for before the revoke, which may still hold the
      // session, is ignored when it arrives.
      return { ok: true, revoked };
    } catch (e) {
      const error = toIpcError(e);
      // A list fetched after the click no longer has it: it has ended, nothing to put back.
      const shown = this.list?.sessions.some((r) => r.session.id === id) ?? false;
      if (shown) this.#setRowError(id, error);
      return { ok: false, error, shown };
    } finally {
      const rest = new Set(this.revoking);
      rest.delete(id);
      this.revoking = rest;
    }
  }

  /** Forgets the rows' errors (e.g. after signing out everywhere). */
  clearRowErrors(): void {
    this.rowErrors = new Map();
  }

  #start(profileId: string | null): number {
    const outdated = this.#profileId !== profileId;
    // Another profile's sessions must never show under this one.
    if (outdated) this.rowErrors = new Map();
    this.#profileId = profileId;
    return this.begin(profileId, outdated);
  }

  #fetch(request: number): Promise<void> {
    return this.fetch(request, api.listSessions, (list) => {
      const listed = new Set(list.sessions.map((r) => r.session.id));
      if ([...this.rowErrors.keys()].some((id) => !listed.has(id))) {
        this.rowErrors = new Map([...this.rowErrors].filter(([id]) => listed.has(id)));
      }
    });
  }

  #setRowError(id: string, error: IpcError | null): void {
    if (!error && !this.rowErrors.has(id)) return;
    const next = new Map(this.rowErrors);
    if (error) next.set(id, error);
    else next.delete(id);
    this.rowErrors = next;
  }
}
