/**
 * zod compiles fast parsers with `new Function` unless told not to; the server's CSP forbids
 * eval, so the browser would log a violation on first parse. Import before parsing anything.
 */
import { config } from 'zod';
import { useChineseMessages } from '../../../src/contract/zod-messages.js';

config({ jitless: true });
useChineseMessages();
