/** The authorisation policy as a table: each decision, each kind of actor, own and other jurisdiction. */
import { describe, expect, it } from 'vitest';
import {
  apiKeyPermits,
  assignableRoles,
  canEditRota,
  mayActForUnit,
  mayReadDutyOverview,
  mayReadRota,
  mayAdministerJurisdiction,
  mayFileReport,
  mayManageAccount,
  mayManageServiceAccounts,
  mayOverrideClose,
  mayProceedBeforePasswordChange,
  mayReceiveNotifications,
  mayReadAdministration,
  mayResetPassword,
  mayViewIncident,
  type PolicyActor,
} from '../../src/domain/policy/index.js';
import { passwordProblems } from '../../src/domain/password-policy.js';

const XY = 'xinyang';
const AJ = 'anji';
const actors: Record<string, PolicyActor> = {
  systemAdmin: { role: 'admin', jurisdictionId: null, unitId: null },
  jurisdictionAdmin: { role: 'jurisdiction_admin', jurisdictionId: XY, unitId: null },
  duty: { role: 'duty_officer', jurisdictionId: XY, unitId: null },
  commander: { role: 'commander', jurisdictionId: XY, unitId: null },
  liaison: { role: 'liaison', jurisdictionId: XY, unitId: 'xy_zgh' },
  head: { role: 'unit_head', jurisdictionId: XY, unitId: 'xy_zgh' },
  filingService: { role: 'duty_officer', jurisdictionId: XY, unitId: null, scopes: ['reports:file'] },
  readingService: { role: 'duty_officer', jurisdictionId: XY, unitId: null, scopes: ['incidents:read'] },
};
type Name = keyof typeof actors;
const who = (decide: (a: PolicyActor) => boolean) => Object.keys(actors).filter((n) => decide(actors[n as Name]!)).sort();

describe('the authorisation policy', () => {
  it.each<[string, (a: PolicyActor) => boolean, Name[]]>([
    ['files a report in its own jurisdiction', (a) => mayFileReport(a, XY), ['commander', 'duty', 'filingService', 'systemAdmin']],
    ['files a report in another jurisdiction', (a) => mayFileReport(a, AJ), ['systemAdmin']],
    ['sees its jurisdiction’s incident it was not sent', (a) => mayViewIncident(a, { jurisdictionId: XY }, false), ['commander', 'duty', 'filingService', 'readingService', 'systemAdmin']],
    ['sees an incident its unit was sent', (a) => mayViewIncident(a, { jurisdictionId: XY }, true), ['commander', 'duty', 'filingService', 'head', 'liaison', 'readingService', 'systemAdmin']],
    ['sees another jurisdiction’s incident', (a) => mayViewIncident(a, { jurisdictionId: AJ }, false), ['systemAdmin']],
    ['closes over open items', (a) => mayOverrideClose(a, XY), ['commander', 'systemAdmin']],
    ['administers its jurisdiction', (a) => mayAdministerJurisdiction(a, XY), ['jurisdictionAdmin', 'systemAdmin']],
    ['administers another jurisdiction', (a) => mayAdministerJurisdiction(a, AJ), ['systemAdmin']],
    ['reads its jurisdiction’s set-up', (a) => mayReadAdministration(a, XY), ['commander', 'jurisdictionAdmin', 'systemAdmin']],
    ['manages service accounts', (a) => mayManageServiceAccounts(a, XY), ['jurisdictionAdmin', 'systemAdmin']],
    ['manages a liaison of its jurisdiction', (a) => mayManageAccount(a, { role: 'liaison', jurisdictionId: XY }), ['jurisdictionAdmin', 'systemAdmin']],
    ['manages a liaison of another jurisdiction', (a) => mayManageAccount(a, { role: 'liaison', jurisdictionId: AJ }), ['systemAdmin']],
    ['resets a jurisdiction administrator’s password', (a) => mayResetPassword(a, { role: 'jurisdiction_admin', jurisdictionId: XY }), ['systemAdmin']],
    ['resets the system administrator’s password', (a) => mayResetPassword(a, { role: 'admin', jurisdictionId: null }), ['systemAdmin']],
    ['edits its own unit’s rota', (a) => canEditRota(a, { id: 'xy_zgh', jurisdictionId: XY }), ['head', 'jurisdictionAdmin', 'systemAdmin']],
    ['edits another unit’s rota', (a) => canEditRota(a, { id: 'xy_other', jurisdictionId: XY }), ['jurisdictionAdmin', 'systemAdmin']],
    ['edits a rota in another jurisdiction', (a) => canEditRota(a, { id: 'xy_zgh', jurisdictionId: AJ }), ['systemAdmin']],
    ['reads its own unit’s rota', (a) => mayReadRota(a, { id: 'xy_zgh', jurisdictionId: XY }), ['commander', 'duty', 'head', 'jurisdictionAdmin', 'liaison', 'systemAdmin']],
    ['reads another unit’s rota', (a) => mayReadRota(a, { id: 'xy_other', jurisdictionId: XY }), ['commander', 'duty', 'jurisdictionAdmin', 'systemAdmin']],
    ['reads the duty overview', (a) => mayReadDutyOverview(a, XY), ['commander', 'duty', 'jurisdictionAdmin', 'systemAdmin']],
    ['creates a duty officer of its jurisdiction', (a) => assignableRoles(a, XY).includes('duty_officer'), ['jurisdictionAdmin', 'systemAdmin']],
    ['creates a jurisdiction administrator', (a) => assignableRoles(a, XY).includes('jurisdiction_admin'), ['systemAdmin']],
    ['acts for its unit', (a) => mayActForUnit(a, 'xy_zgh'), ['head', 'liaison']],
    ['acts for another unit', (a) => mayActForUnit(a, 'xy_other'), []],
    ['keeps phones and push subscriptions of its own', (a) => mayReceiveNotifications(a), ['head', 'liaison']],
  ])('%s', (_what, decide, expected) => {
    expect(who(decide)).toEqual([...expected].sort());
  });

  it('lets each administrator give the roles it may manage, and nobody else any', () => {
    expect(assignableRoles(actors.systemAdmin!, XY)).toEqual(['duty_officer', 'commander', 'liaison', 'unit_head', 'admin', 'jurisdiction_admin']);
    expect(assignableRoles(actors.jurisdictionAdmin!, XY)).toEqual(['duty_officer', 'commander', 'liaison', 'unit_head']);
    expect(assignableRoles(actors.jurisdictionAdmin!, AJ)).toEqual([]);
    for (const name of ['commander', 'duty', 'liaison', 'head', 'filingService'] as const) expect(assignableRoles(actors[name]!, XY)).toEqual([]);
  });

  it('opens to an API key only the routes of its scopes', () => {
    expect(apiKeyPermits(['reports:file'], 'POST', '/incidents')).toBe(true);
    expect(apiKeyPermits(['reports:file'], 'POST', '/incidents/inc_1/reports')).toBe(true);
    expect(apiKeyPermits(['reports:file'], 'GET', '/incidents/inc_1')).toBe(false);
    expect(apiKeyPermits(['incidents:read'], 'GET', '/incidents/inc_1')).toBe(true);
    expect(apiKeyPermits(['incidents:read'], 'GET', '/incidents/inc_1/account')).toBe(false);
    expect(apiKeyPermits(['incidents:read'], 'POST', '/incidents')).toBe(false);
    expect(apiKeyPermits(['reports:file', 'incidents:read'], 'GET', '/alerts')).toBe(false);
    expect(apiKeyPermits([], 'GET', '/auth/me')).toBe(true);
    expect(apiKeyPermits(['reports:file'], 'POST', '/auth/logout')).toBe(false);
  });

  it('leaves a person whose password was reset only the change, who-am-I and logout', () => {
    expect(mayProceedBeforePasswordChange('POST', '/auth/password')).toBe(true);
    expect(mayProceedBeforePasswordChange('GET', '/auth/me')).toBe(true);
    expect(mayProceedBeforePasswordChange('POST', '/auth/logout')).toBe(true);
    expect(mayProceedBeforePasswordChange('GET', '/incidents')).toBe(false);
  });
});

describe('the password policy', () => {
  it('asks for ten characters, not the username, not a common password', () => {
    expect(passwordProblems('short', 'zhang')).toEqual(['密码至少10位']);
    expect(passwordProblems('Zhang.Wei.01', 'zhang.wei.01')).toEqual(['密码不能与用户名相同']);
    expect(passwordProblems('1234567890', 'zhang')).toEqual(['密码过于常见，请换一个']);
    expect(passwordProblems('信阳卫健委值班2026', 'zhang')).toEqual([]);
    expect(passwordProblems('correct horse battery', 'zhang')).toEqual([]);
  });
});
