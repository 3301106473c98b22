/**
 * 简报 / 信息通报 / 经验交流 (信阳 三(四)1、3): a bulletin as it is drafted, published and shown,
 * with its read receipts; the information units send for the next one.
 */
import { z } from 'zod';
import { BULLETIN_KINDS, BULLETIN_STATES } from '../domain/enums.js';
import { noRepeats } from './unique.js';

const title = z.string().trim().min(2, '请填写标题（至少2个字）').max(200, '标题不超过200字');
const body = z.string().trim().min(1, '请填写正文').max(50_000, '正文不超过50000字');
const unitIds = z.array(z.string().min(1).max(64)).max(200, '最多选择200个单位').superRefine(noRepeats('同一单位只能选一次 (a unit listed twice)'));

export const bulletinDraftSchema = z
  .object({
    jurisdictionId: z.string().min(1).max(64).optional().meta({ description: 'Required for the system administrator; others publish in their own' }),
    kind: z.enum(BULLETIN_KINDS, '请选择类别：日常工作简报、信息通报或经验交流'),
    title,
    body,
    toAll: z.boolean().default(false).meta({ description: 'Sent to every member unit (as they are at publication)' }),
    unitIds: unitIds.default([]).meta({ description: 'The units chosen, when not to all' }),
  })
  .meta({ id: 'BulletinDraft' });

export const bulletinChangeSchema = z
  .object({ kind: z.enum(BULLETIN_KINDS).optional(), title: title.optional(), body: body.optional(), toAll: z.boolean().optional(), unitIds: unitIds.optional() })
  .meta({ id: 'BulletinChange', description: 'Only a draft changes; fields left out stay as they are' });

export const pullItemsSchema = z
  .object({ itemIds: z.array(z.string().min(1).max(64)).min(1, '请至少选择一条报送信息').max(100).superRefine(noRepeats('同一条报送信息只能选一次 (an item listed twice)')) })
  .meta({ id: 'BulletinPullItems', description: 'Appends each item to the draft’s body under its unit’s name; an item is used once' });

export const bulletinItemInputSchema = z.object({ title, body: body.max(10_000, '正文不超过10000字') }).meta({ id: 'BulletinItemInput' });

export const readReceiptSchema = z
  .object({ unitId: z.string(), unitName: z.string(), readAt: z.string().nullable(), readByName: z.string().nullable() })
  .meta({ id: 'BulletinReadReceipt' });

export const bulletinAttachmentSchema = z
  .object({ id: z.string(), bulletinId: z.string(), fileName: z.string(), contentType: z.string(), size: z.number().int(), createdAt: z.string(), url: z.string() })
  .meta({ id: 'BulletinAttachment' });

export const bulletinSchema = z
  .object({
    id: z.string(),
    jurisdictionId: z.string(),
    kind: z.enum(BULLETIN_KINDS),
    state: z.enum(BULLETIN_STATES),
    title: z.string(),
    body: z.string(),
    publisherUnitId: z.string().nullable(),
    publisherName: z.string().meta({ description: 'The office (联席会议办公室) or the publishing unit' }),
    toAll: z.boolean(),
    unitIds: z.array(z.string()).meta({ description: 'Chosen units (draft) or recipients (published)' }),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    publishedByName: z.string().nullable(),
    /** For a recipient unit: when its people first opened it. */
    readAt: z.string().nullable().meta({ description: 'The caller’s unit’s read receipt (null: not read, or not a recipient)' }),
    readCount: z.number().int().nullable().meta({ description: 'Recipients that have read it; only for the publisher and the office' }),
    recipientCount: z.number().int(),
    receipts: z.array(readReceiptSchema).nullable().meta({ description: 'Per recipient unit; only for the publisher and the office' }),
    attachments: z.array(bulletinAttachmentSchema),
  })
  .meta({ id: 'Bulletin' });

export const bulletinListSchema = z.object({ bulletins: z.array(bulletinSchema.omit({ body: true, receipts: true, attachments: true })) }).meta({ id: 'BulletinList' });

export const bulletinItemSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    title: z.string(),
    body: z.string(),
    submittedAt: z.string(),
    submittedByName: z.string(),
    bulletinId: z.string().nullable().meta({ description: 'The bulletin draft it was pulled into' }),
  })
  .meta({ id: 'BulletinItem' });

export type BulletinView = z.infer<typeof bulletinSchema>;
export type BulletinListItem = z.infer<typeof bulletinListSchema>['bulletins'][number];
export type BulletinItemView = z.infer<typeof bulletinItemSchema>;
