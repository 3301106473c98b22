/**
 * Uploads a file for the joint meeting's standing work: the file is the body, its type decided by
 * the server. To a meeting (会议材料 from the office, a report file from a unit) or to a campaign
 * (a unit's report on its task).
 */
import type { AttachmentView } from '../../../src/contract/desk.js';
import { ApiError } from './api.js';

async function upload<T>(path: string, file: File): Promise<T> {
  const res = await fetch(`${path}?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body ?? null);
  return (body as { attachment: T }).attachment;
}

export const uploadMeetingFile = (meetingId: string, file: File) => upload<AttachmentView & { material: boolean }>(`/api/v1/meetings/${encodeURIComponent(meetingId)}/attachments`, file);

export const uploadCampaignFile = (campaignId: string, file: File) => upload<AttachmentView>(`/api/v1/campaigns/${encodeURIComponent(campaignId)}/attachments`, file);
