/**
 * The browser files are the suite's longest (tens of seconds each) but small on disk, and with no
 * recorded durations (a fresh clone, CI) vitest starts the largest files first, leaving a browser
 * file to run alone at the end. They start first; the rest follow in vitest's own order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const inBrowser = (file: TestSpecification) => /[\\/]test[\\/]e2e[\\/]/.test(file.moduleId);

export default class BrowserFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter(inBrowser), ...sorted.filter((f) => !inBrowser(f))];
  }
}
