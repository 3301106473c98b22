/**
 * When the person on duty is rung (a text-to-speech call): a lead or support unit's notification
 * at once when the accident is 重大 or 特大, and at the ladder's first step (the deadline passed
 * unacknowledged) whatever its grade. 知悉 units are never rung. Pure.
 */
import type { Severity, UnitRole } from './enums.js';

export type VoiceMoment = 'filed' | 'first_step';

export function voiceCallDue(role: UnitRole, severity: Severity, moment: VoiceMoment): boolean {
  if (role === 'inform') return false;
  return moment === 'first_step' || severity !== 'general';
}
