// Which profile dialog is open. One host renders it, so the header menu and the Settings list
// open the same dialogs.
export type ProfileDialog =
  | { kind: 'add' }
  | { kind: 'replace-key'; profileId: string }
  | { kind: 'remove'; profileId: string }
  // The guided rotation of a profile's key on a server that does not let apps create keys.
  | { kind: 'manual-rotation'; profileId: string };

export class DialogStore {
  open = $state<ProfileDialog | null>(null);

  show(dialog: ProfileDialog): void {
    this.open = dialog;
  }

  close(): void {
    this.open = null;
  }
}
