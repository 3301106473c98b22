/**
 * An .xlsx is a zip: 2 MB uploaded can inflate to gigabytes (a zip bomb) and take the server's
 * memory with it while exceljs reads it. Before it is read, each part is inflated as a stream
 * (jszip, which exceljs itself uses) and counted, and the whole is refused once it passes the
 * bound: the sizes the zip declares are not trusted.
 */
import { invalid } from '../errors.js';

/** A roster of a few thousand people is well under 10 MB unzipped. */
export const ROSTER_MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

class TooLarge extends Error {}

const tooLarge = () =>
  invalid(`文件解压后超过 ${ROSTER_MAX_UNZIPPED_BYTES / 1024 / 1024} MB，请上传由模板填写的名册`, [{ field: 'file', message: '文件解压后过大' }]);

export async function checkUnzippedSize(bytes: Uint8Array, limit = ROSTER_MAX_UNZIPPED_BYTES): Promise<void> {
  const JSZip = (await import('jszip')).default;
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return; // not a zip: the reader refuses it with its own message
  }
  let total = 0;
  try {
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue;
      await new Promise<void>((resolve, reject) => {
        const stream = entry.nodeStream('nodebuffer');
        stream
          .on('data', (chunk: Buffer) => {
            total += chunk.byteLength;
            if (total > limit) {
              stream.pause();
              reject(new TooLarge());
            }
          })
          .on('error', reject)
          .on('end', () => resolve());
      });
    }
  } catch (err) {
    if (err instanceof TooLarge) throw tooLarge();
    // A part that does not inflate: the reader refuses the file with its own message.
  }
}
