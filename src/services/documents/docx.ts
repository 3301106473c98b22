/**
 * A plain document (./structure.ts) as a Word file (.docx), with the `docx` package: a centred
 * title in 宋体-style East Asian fonts, headings, paragraphs with a first-line indent, bordered
 * tables with a bold header row.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DocumentBlock, PlainDocument } from './structure.js';

const FONT = { ascii: 'Times New Roman', eastAsia: 'SimSun', hAnsi: 'Times New Roman' };
const run = (text: string, extra: { bold?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: extra.size ?? 28, bold: extra.bold });

function cell(text: string, bold: boolean): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [run(text, { bold, size: 21 })] })] });
}

function block(b: DocumentBlock): Paragraph | Table {
  if (b.kind === 'heading') return new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [run(b.text, { bold: true, size: 30 })] });
  if (b.kind === 'paragraph') return new Paragraph({ indent: { firstLine: 560 }, spacing: { line: 360 }, children: [run(b.text)] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }), ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) }))],
  });
}

export async function renderDocx(doc: PlainDocument): Promise<Uint8Array> {
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(doc.title, { bold: true, size: 40 })] }),
    ...(doc.subtitle ?? []).map((line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [run(line, { size: 24 })] })),
    ...doc.blocks.map(block),
  ];
  const file = new Document({ creator: '联防 Lianfang', title: doc.title, sections: [{ children }] });
  return new Uint8Array(await Packer.toArrayBuffer(file));
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
