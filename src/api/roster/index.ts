/** Roster administration: member units and rulebook versions, 成员调整, and the roster spreadsheet. */
import { requireActor } from '../middleware/authenticate.js';
import { createRouter } from '../openapi.js';
import { registerMemberChangeRoutes } from './member-changes.js';
import { registerSpreadsheetRoutes } from './spreadsheets.js';
import { registerUnitRoutes } from './units.js';

export function rosterRoutes() {
  const router = createRouter();
  router.use('/admin/jurisdictions/*', requireActor);
  router.use('/member-changes', requireActor);
  router.use('/member-changes/*', requireActor);
  registerUnitRoutes(router);
  registerSpreadsheetRoutes(router);
  registerMemberChangeRoutes(router);
  return router;
}
