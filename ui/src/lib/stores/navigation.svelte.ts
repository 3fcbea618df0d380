import type { SectionId } from '../sections';

export class NavigationStore {
  current = $state<SectionId>('overview');

  go(section: SectionId): void {
    this.current = section;
  }
}
