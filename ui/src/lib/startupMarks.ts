// Start-up marks: the moments a user notices, reported to Rust once per page load so the
// footprint benchmark (`./dev bench`) can time them. A mark is best effort: its failure is
// never the user's problem.
import { commands, type StartupMark } from './bindings';

const reported = new Set<StartupMark>();

export function reportStartupMark(mark: StartupMark): void {
  if (reported.has(mark)) return;
  reported.add(mark);
  commands.markStartup(mark).catch(() => {});
}
