import type { GeneralSettings } from './api';
import { m } from '../paraglide/messages.js';

export const POLL_MINUTES_MIN = 1;
export const POLL_MINUTES_MAX = 60;
const U32_MAX = 4_294_967_295;

/** Why a value cannot be saved: a message function, called where it is shown, so the sentence
 * follows a language switch while it is on screen. */
export type Problem = () => string;

export type SettingsErrors = Partial<Record<'poll_interval_minutes' | 'low_credit_threshold', Problem>>;

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** The same rules Rust applies (GeneralSettings::validate), checked before saving. */
export function validateSettings(settings: {
  poll_interval_minutes: unknown;
  low_credit_threshold: unknown;
}): SettingsErrors {
  const errors: SettingsErrors = {};
  const poll = settings.poll_interval_minutes;
  if (!isWhole(poll) || poll < POLL_MINUTES_MIN || poll > POLL_MINUTES_MAX) {
    errors.poll_interval_minutes = () => m.sections_poll_invalid({ min: POLL_MINUTES_MIN, max: POLL_MINUTES_MAX });
  }
  const threshold = thresholdProblem(settings.low_credit_threshold);
  if (threshold) errors.low_credit_threshold = threshold;
  return errors;
}

/** A low-credit threshold is a whole number of credits from 0 (Rust's u32), or the sentence saying why not. */
export function thresholdProblem(threshold: unknown): Problem | null {
  if (!isWhole(threshold) || threshold < 0 || threshold > U32_MAX) return m.sections_threshold_invalid;
  return null;
}

export function sameSettings(a: GeneralSettings, b: GeneralSettings): boolean {
  return (
    a.poll_interval_minutes === b.poll_interval_minutes &&
    a.low_credit_threshold === b.low_credit_threshold &&
    a.notifications_enabled === b.notifications_enabled &&
    a.close_to_tray === b.close_to_tray
  );
}

/** The runway warning is at most this many days ahead (Rust's set_profile_runway_days). */
export const RUNWAY_DAYS_MAX = 365;

/** A whole number of days from 0 (off) to RUNWAY_DAYS_MAX, or the sentence saying why not. */
export function runwayDaysProblem(days: unknown): Problem | null {
  if (!isWhole(days) || days < 0 || days > RUNWAY_DAYS_MAX) {
    return () => m.sections_runway_days_invalid({ max: RUNWAY_DAYS_MAX });
  }
  return null;
}
