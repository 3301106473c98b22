/**
 * Closing a 督办 alert sent again (a retry after a lost answer): the alert is closed already, with
 * the very resolution asked for, so the answer is the closing recorded. Another resolution is a
 * conflict: the alert was closed otherwise (by another commander, or settled by what it waited for). Pure.
 */
export function repeatsAlertResolution(alert: { resolvedAt: Date | null; resolution: string | null }, resolution: string): boolean {
  return alert.resolvedAt !== null && alert.resolution === resolution;
}
