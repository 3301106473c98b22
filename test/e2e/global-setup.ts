/** Builds the web app once before the tests if web/dist is missing or older than its sources. */
import { buildWeb } from '../../scripts/build-web.js';

export default function setup(): void {
  buildWeb({ quiet: true });
}
