/**
 * What people may read in Latin letters: file formats and units of measure. Anything else (enum
 * codes such as `determined` or `xy_czj`, English glosses, ISO hints) is developer wording.
 */
export const LATIN_ALLOWED = ['JPEG', 'PNG', 'WebP', 'PDF', 'Word', 'MB', 'KB', 'mg', 'ml', 'README'];

/** A file's extension is part of its name, which is the uploader's data: 「现场照片.png」. */
const FILE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.pdf', '.docx'];

/** The Latin words in `text` that are not allowed, e.g. ['determined', 'ISO']. */
export function developerWords(text: string): string[] {
  // A single letter is a character being talked about (「不含I、O」), never a code.
  for (const ext of FILE_EXTENSIONS) text = text.split(ext).join('');
  return (text.match(/[A-Za-z][A-Za-z0-9_.]*/g) ?? []).filter((w) => w.length > 1 && !LATIN_ALLOWED.includes(w));
}
