// "Something about the account changed": the API keys, Sessions and Security sections call
// `changed()` after every successful change (a key created, rotated or revoked, a session
// signed out, two-factor turned on or off, new backup codes, a new password, the lock-down).
// Whatever summarises the account (the Overview's checkup) watches `version` to refresh, and
// knows an answer fetched before the last change is out of date.
export class AccountChanges {
  version = $state(0);

  changed(): void {
    this.version++;
  }
}
