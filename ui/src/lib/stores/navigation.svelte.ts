import type { SectionId } from '../sections';

/** A row a section should point out, e.g. the session of a "New sign-in" notification. A new
 * object per request, so the same id asked for twice is pointed out twice. */
export type Highlight = { id: string };

export class NavigationStore {
  current = $state<SectionId>('overview');
  highlight = $state.raw<Highlight | null>(null);

  /** Shows a section; any other way there (the sidebar, a button) clears the highlight. */
  go(section: SectionId, highlight: string | null = null): void {
    this.current = section;
    this.highlight = highlight ? { id: highlight } : null;
  }
}
