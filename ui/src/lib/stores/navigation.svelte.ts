import type { SectionId } from '../sections';

/** A row a section should point out, e.g. the session of a "New sign-in" notification. A new
 * object per request, so the same id asked for twice is pointed out twice. */
export type Highlight = { id: string };

/** Something a section should start on arrival (the checkup's one-click fixes). */
export type NavIntent = 'start-two-factor' | 'regenerate-codes' | 'lock-down';

export class NavigationStore {
  current = $state<SectionId>('overview');
  highlight = $state.raw<Highlight | null>(null);
  // Not reactive: a section takes it once when it opens, and taking it must not re-run the
  // effect that took it.
  #intent: NavIntent | null = null;

  /** Shows a section; any other way there (the sidebar, a button) clears the highlight and
   * the intent. */
  go(section: SectionId, highlight: string | null = null, intent: NavIntent | null = null): void {
    this.current = section;
    this.highlight = highlight ? { id: highlight } : null;
    this.#intent = intent;
  }

  /** The intent the section was opened with, once: later calls return null. */
  takeIntent(): NavIntent | null {
    const intent = this.#intent;
    this.#intent = null;
    return intent;
  }
}
