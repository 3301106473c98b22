/**
 * Which files an incident may carry (scene photos, the enterprise's written report) and what a
 * file really is, read from its first bytes: the declared type and the name are never trusted.
 */
export const ATTACHMENT_KINDS = {
  'image/jpeg': { label: 'JPEG 图片', extension: 'jpg' },
  'image/png': { label: 'PNG 图片', extension: 'png' },
  'image/webp': { label: 'WebP 图片', extension: 'webp' },
  'application/pdf': { label: 'PDF 文件', extension: 'pdf' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word 文件', extension: 'docx' },
} as const;

export type AttachmentContentType = keyof typeof ATTACHMENT_KINDS;

/** 10 MB: a phone photo at full size, or a scanned report of a few pages. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The content type the bytes prove, or null. A .docx is a ZIP whose entries name `word/`; any
 * other ZIP (or an executable renamed .docx) is refused.
 */
export function sniffContentType(bytes: Uint8Array): AttachmentContentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && containsAscii(bytes, '[Content_Types].xml') && containsAscii(bytes, 'word/')) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = ascii(text);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * A file name safe to store and to put in a header: no path, no control characters, at most 120
 * characters, and the extension of what the file really is.
 */
export function safeFileName(declared: string, type: AttachmentContentType): string {
  const base = (declared.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .replace(/\.[A-Za-z0-9]{1,8}$/, '');
  const stem = (base || '附件').slice(0, 100);
  return `${stem}.${ATTACHMENT_KINDS[type].extension}`;
}

/** `attachment; filename*=UTF-8''…` so Chinese names survive, with an ASCII fallback. */
export function contentDisposition(fileName: string, inline: boolean): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
