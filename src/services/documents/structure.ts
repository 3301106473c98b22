/**
 * A plain document — what government offices exchange as 简报, 纪要, 通报 — as data: a title, an
 * optional subtitle line (issuer, date), then headings, paragraphs and tables. The same structure
 * renders as a print page (./html.ts) and as Word (./docx.ts), so each kind of document is written
 * once. Pure.
 */
export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] };

export interface PlainDocument {
  title: string;
  /** Lines under the title: the issuer, the date, a drill mark. */
  subtitle?: string[];
  blocks: DocumentBlock[];
}

/** Body text as paragraphs: one per non-empty line. */
export function paragraphs(text: string): DocumentBlock[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ kind: 'paragraph', text: line }));
}
