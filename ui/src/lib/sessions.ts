// What the Sessions screens say about what Rust decided: hint names and explanations, how a
// session is named in sentences, counts. No rule lives here: hints come from Rust (SessionRow.hints)
// and the numbers in the texts are SessionList.limits. Texts are message functions
// (ui/messages/sessions), called when shown so they follow the window's language.
import { m } from '../paraglide/messages.js';
import type { Session, SessionHint, SessionRuleLimits, SignOutReport } from './bindings';

/** The device as shown; a server may leave it empty. */
export function deviceName(session: Pick<Session, 'device'>): string {
  return session.device.trim() || m.sessions_unknown_device();
}

/** The approximate location as shown (the server derives it from the IP address). */
export function placeName(session: Pick<Session, 'location'>): string {
  return session.location.trim() || m.sessions_unknown_location();
}

/** "Windows 11 · Chrome 126 — Benguela, Angola": how a session is named in toasts and reports. */
export function sessionLabel(session: Pick<Session, 'device' | 'location'>): string {
  return session.location.trim() ? `${deviceName(session)} — ${placeName(session)}` : deviceName(session);
}

export function hintText(hint: SessionHint, limits: SessionRuleLimits): string {
  switch (hint) {
    case 'new':
      return m.sessions_hint_new();
    case 'inactive_for_30_days':
      return m.sessions_hint_inactive({ days: limits.inactive_after_days });
  }
}

/** Why the hint is there (tooltip and screen-reader text). */
export function hintExplanation(hint: SessionHint, limits: SessionRuleLimits): string {
  switch (hint) {
    case 'new':
      return m.sessions_hint_new_explained({ count: limits.new_within_hours });
    case 'inactive_for_30_days':
      return m.sessions_hint_inactive_explained({ count: limits.inactive_after_days });
  }
}

/** The advice under a row whose hint suggests revoking it. */
export const INACTIVE_ADVICE: () => string = m.sessions_inactive_advice;

/** The question of the sign-out-everywhere confirmation; the count is left out when unknown. */
export function signOutQuestion(count: number | null): string {
  return count === null ? m.sessions_sign_out_all_question() : m.sessions_sign_out_count_question({ count });
}

/** "Signed out 3 sessions." */
export function signedOutText(report: Pick<SignOutReport, 'signed_out'>): string {
  return m.sessions_signed_out({ count: report.signed_out });
}
