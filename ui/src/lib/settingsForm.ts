// The settings forms' checks before saving. The bounds are Rust's (LIMITS, from
// zexa_app::rules): this file only says them, so the form and GeneralSettings::validate agree.
import type { GeneralSettings } from './api';
import { LIMITS } from './bindings';
import { formatNumber } from './format';
import { m } from '../paraglide/messages.js';

const {
  poll_minutes_min: pollMin,
  poll_minutes_max: pollMax,
  runway_alert_days_max: runwayMax,
  spend_multiple_min: multipleMin,
  spend_multiple_max: multipleMax,
  spend_floor_min: floorMin,
  spend_floor_max: floorMax,
} = LIMITS;
// The width of Rust's u32 field, not a rule of the app.
const U32_MAX = 4_294_967_295;

/** Why a value cannot be saved: a message function, called where it is shown, so the sentence
 * follows a language switch while it is on screen. */
export type Problem = () => string;

export type SettingsErrors = Partial<
  Record<'poll_interval_minutes' | 'low_credit_threshold' | 'spend_alert_multiple' | 'spend_alert_floor', Problem>
>;

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** The same rules Rust applies (GeneralSettings::validate), checked before saving. */
export function validateSettings(settings: {
  poll_interval_minutes: unknown;
  low_credit_threshold: unknown;
  spend_alert_multiple?: unknown;
  spend_alert_floor?: unknown;
}): SettingsErrors {
  const errors: SettingsErrors = {};
  const poll = settings.poll_interval_minutes;
  if (!isWhole(poll) || poll < pollMin || poll > pollMax) {
    errors.poll_interval_minutes = () => m.sections_poll_invalid({ min: pollMin, max: pollMax });
  }
  const threshold = thresholdProblem(settings.low_credit_threshold);
  if (threshold) errors.low_credit_threshold = threshold;
  // Absent in a settings file older than the spend watch: Rust fills in its defaults.
  const multiple = settings.spend_alert_multiple;
  if (multiple !== undefined && (!isWhole(multiple) || multiple < multipleMin || multiple > multipleMax)) {
    errors.spend_alert_multiple = () => m.spend_settings_multiple_invalid({ min: multipleMin, max: multipleMax });
  }
  const floor = settings.spend_alert_floor;
  if (floor !== undefined && (!isWhole(floor) || floor < floorMin || floor > floorMax)) {
    errors.spend_alert_floor = () => m.spend_settings_floor_invalid({ min: formatNumber(floorMin), max: formatNumber(floorMax) });
  }
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

/** A whole number of days from 0 (off) to LIMITS.runway_alert_days_max, or the sentence saying why not. */
export function runwayDaysProblem(days: unknown): Problem | null {
  if (!isWhole(days) || days < 0 || days > runwayMax) {
    return () => m.sections_runway_days_invalid({ max: runwayMax });
  }
  return null;
}
