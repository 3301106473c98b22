/** A jurisdiction administrator for tests (no demo account has the role): written as the CLI would, then logged in. */
import { hashPassword } from '../../src/services/auth/password.js';
import { users } from '../../src/db/schema.js';
import type { TestServer } from './server.js';

export async function makeJurisdictionAdmin(server: TestServer, jurisdictionId: string): Promise<string> {
  const username = `jadmin.${jurisdictionId}`;
  await server.services.db
    .insert(users)
    .values({ id: `usr_jadmin_${jurisdictionId}`, username, passwordHash: await hashPassword('jadmin-password'), displayName: '辖区管理员', role: 'jurisdiction_admin', jurisdictionId })
    .onConflictDoNothing();
  return server.login(username, 'jadmin-password');
}
