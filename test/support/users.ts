/** Adds accounts beyond the demo ones (e.g. a second liaison of a unit). */
import { hashPassword } from '../../src/services/auth/password.js';
import { createUsers } from '../../src/services/users/create-user.js';
import type { TestServer } from './server.js';

export async function addLiaison(server: TestServer, username: string, jurisdictionId: string, unitId: string): Promise<string> {
  await createUsers(server.services.db, [
    { username, passwordHash: await hashPassword('second-liaison-pw'), displayName: `${username}`, role: 'liaison', jurisdictionId, unitId },
  ]);
  return server.login(username, 'second-liaison-pw');
}
