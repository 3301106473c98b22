/** Uploads a file to a meeting (会议材料 from the office, a report file from a unit): the file is the body, its type decided by the server. */
import type { AttachmentView } from '../../../src/contract/desk.js';
import { ApiError } from './api.js';

export async function uploadMeetingFile(meetingId: string, file: File): Promise<AttachmentView & { material: boolean }> {
  const res = await fetch(`/api/v1/meetings/${encodeURIComponent(meetingId)}/attachments?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body ?? null);
  return (body as { attachment: AttachmentView & { material: boolean } }).attachment;
}
