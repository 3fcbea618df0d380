// What the Sessions screens say about what Rust decided: hint names and explanations, how a
// session is named in sentences, counts. No rule lives here: hints come from Rust (SessionRow.hints)
// and the numbers in the texts are SessionList.limits.
import type { Session, SessionHint, SessionRuleLimits, SignOutReport } from './bindings';

/** The device as shown; a server may leave it empty. */
export function deviceName(session: Pick<Session, 'device'>): string {
  return session.device.trim() || 'Unknown device';
}

/** The approximate location as shown (the server derives it from the IP address). */
export function placeName(session: Pick<Session, 'location'>): string {
  return session.location.trim() || 'Unknown location';
}

/** "Windows 11 · Chrome 126 — Benguela, Angola": how a session is named in toasts and reports. */
export function sessionLabel(session: Pick<Session, 'device' | 'location'>): string {
  return session.location.trim() ? `${deviceName(session)} — ${placeName(session)}` : deviceName(session);
}

export function hintText(hint: SessionHint, limits: SessionRuleLimits): string {
  switch (hint) {
    case 'new':
      return 'New';
    case 'inactive_for_30_days':
      return `Inactive for ${limits.inactive_after_days}+ days`;
  }
}

/** Why the hint is there (tooltip and screen-reader text). */
export function hintExplanation(hint: SessionHint, limits: SessionRuleLimits): string {
  switch (hint) {
    case 'new':
      return `Signed in within the last ${limits.new_within_hours} hours, or since you last looked`;
    case 'inactive_for_30_days':
      return `No activity for ${limits.inactive_after_days} days or more`;
  }
}

/** The advice under a row whose hint suggests revoking it. */
export const INACTIVE_ADVICE = 'Revoke it if you no longer use it';

export function sessionCount(count: number): string {
  return count === 1 ? '1 session' : `${count} sessions`;
}

/** The question of the sign-out-everywhere confirmation; the count is left out when unknown. */
export function signOutQuestion(count: number | null): string {
  if (count === null) return 'Sign out all sessions?';
  return count === 1 ? 'Sign out 1 session?' : `Sign out all ${count} sessions?`;
}

/** "Signed out 3 sessions." */
export function signedOutText(report: Pick<SignOutReport, 'signed_out'>): string {
  return `Signed out ${sessionCount(report.signed_out)}.`;
}
