/**
 * What the desk pages need beyond incidents: their configuration (map link, demo accounts,
 * attachment limits), the units' phone numbers for one-tap calling, and incident attachments.
 */
import { z } from 'zod';
import { USER_ROLES } from '../domain/enums.js';

export const clientSettingsSchema = z
  .object({
    mapUrlTemplate: z.string().meta({ description: 'A URL with {address} and/or {lng}/{lat}; the desk links each report’s address to it' }),
    demoAccounts: z.boolean().meta({ description: 'Whether the demo accounts exist (SEED_DEMO)' }),
    attachments: z.object({ maxBytes: z.number().int(), types: z.array(z.object({ contentType: z.string(), label: z.string(), extension: z.string() })) }),
  })
  .meta({ id: 'ClientSettings' });

export const phoneBookSchema = z
  .object({
    jurisdictionId: z.string(),
    units: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        people: z.array(z.object({ userId: z.string(), displayName: z.string(), role: z.enum(USER_ROLES), phone: z.string(), onDuty: z.boolean() })),
      }),
    ),
  })
  .meta({ id: 'PhoneBook', description: 'The phone numbers of each member unit’s liaisons and heads (active accounts with a number)' });

export const attachmentSchema = z
  .object({
    id: z.string(),
    incidentId: z.string().nullable().meta({ description: 'Null for a meeting’s file' }),
    meetingId: z.string().nullable().meta({ description: 'The meeting of 会议材料 or of a unit’s report on an agreed item' }),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string(),
    uploadedByName: z.string().nullable(),
    createdAt: z.string(),
    url: z.string().meta({ description: 'GET it with the same session; served as a download with nosniff' }),
  })
  .meta({ id: 'Attachment' });

export const attachmentListSchema = z.object({ attachments: z.array(attachmentSchema) }).meta({ id: 'Attachments' });

export type ClientSettings = z.infer<typeof clientSettingsSchema>;
export type PhoneBook = z.infer<typeof phoneBookSchema>;
export type AttachmentView = z.infer<typeof attachmentSchema>;
