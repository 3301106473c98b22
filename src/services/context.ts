/** What every use case receives: the database, the clock and the rulebooks — never globals. */
import type { Database } from '../db/client.js';
import type { UserRole } from '../domain/enums.js';
import type { PushEndpointPolicy } from '../domain/push-endpoints.js';
import type { PolicyActor } from '../domain/policy/index.js';
import type { RulebookStore } from './rulebooks/store.js';
import type { ChannelSupport } from '../domain/delivery-failure.js';

export interface Services {
  db: Database;
  /** Time is an argument, so tests and the escalation engine can inject it. */
  clock: () => Date;
  rulebooks: RulebookStore;
  links: LinkSettings;
  /** Which Web Push endpoints are accepted; absent → the major browsers' push services. */
  pushEndpoints?: PushEndpointPolicy;
  /** What this server can send (set once the channel adapters exist); absent → nothing is known. */
  channels?: ChannelSupport;
  /** What the desk pages are configured with; absent → the defaults of `deskSettings`. */
  desk?: Partial<DeskSettings>;
  /** Whether accounts flagged as demo may log in; false in production unless ALLOW_DEMO_LOGIN=true. Absent → true. */
  demoLogin?: boolean;
  /** Whether a voice call channel is configured: only then are the people on duty rung. */
  voiceCalls?: boolean;
  /** Signs the session context of voice calls; a key-press callback must bring it back intact. */
  voiceCallbackSecret?: string;
}

/** The desk's configuration: the map link, whether demo accounts exist, where attachments live. */
export interface DeskSettings {
  /** A URL with `{address}` and/or `{lng}`/`{lat}` placeholders. */
  mapUrlTemplate: string;
  demoAccounts: boolean;
  /** Absent: attachments are stored in the database. */
  attachmentsDir?: string;
  attachmentMaxBytes: number;
}

/** Works in mainland China without an API key (高德地图 URI API). */
export const DEFAULT_MAP_URL_TEMPLATE = 'https://uri.amap.com/search?keyword={address}';

export function deskSettings(services: Services): DeskSettings {
  return { mapUrlTemplate: DEFAULT_MAP_URL_TEMPLATE, demoAccounts: false, attachmentMaxBytes: 10 * 1024 * 1024, ...services.desk };
}

/** How one-tap links are made: the signing secret and the public origin they point to. */
export interface LinkSettings {
  secret: string;
  /** e.g. https://lianfang.example.gov.cn — no trailing slash. */
  publicUrl: string;
  /** The VAPID public key browsers subscribe with. */
  vapidPublicKey: string;
}

/** The authenticated caller: a person in a session, or a service account by its API key. */
export interface Actor extends PolicyActor {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  /** Null for deployment-wide admins. */
  jurisdictionId: string | null;
  unitId: string | null;
  /** The session's id; for a service account, its API key's id. */
  sessionId: string;
  /** An administrator reset the password: nothing but changing it is open until then. */
  mustChangePassword?: boolean;
}

// Decisions live in the policy (src/domain/policy); these names stay for the services that ask.
export { COMMISSION_ROLES, isCommission, servesJurisdiction } from '../domain/policy/index.js';
