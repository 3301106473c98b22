/** Who is asking, as far as the policy needs to know: no ids, sessions or names. */
import type { UserRole } from '../enums.js';
import type { ApiScope } from './api-scopes.js';

export interface PolicyActor {
  role: UserRole;
  /** Null for the deployment-wide (system) administrator. */
  jurisdictionId: string | null;
  unitId: string | null;
  /** Set only for a service account: the operations its API key was given. */
  scopes?: readonly ApiScope[];
}
