/** The command line's commands: each takes the database and its arguments and answers in text. */
import { count, eq } from 'drizzle-orm';
import { USER_ROLE_LABELS } from '../contract/labels.js';
import { usernameSchema } from '../contract/accounts.js';
import type { Database } from '../db/client.js';
import { jurisdictions } from '../db/schema.js';
import { PASSWORD_RULE } from '../domain/password-policy.js';
import { loadBundledRulebooks } from '../rulebooks/index.js';
import { installRulebooks } from '../services/rulebooks/install.js';
import { addAdministrator, listAccounts, resetPasswordOf } from '../services/users/administrators.js';

export const USAGE = `用法：npm run lianfang -- <命令> [选项]

  add-user --admin --username <用户名> [--jurisdiction <辖区>] [--display-name <姓名>] [--password-stdin]
      新建管理员。不带 --jurisdiction 为系统管理员（管理全部辖区），带 --jurisdiction 为该辖区的辖区管理员。
      不带 --password-stdin 时生成一次性密码并显示；带 --password-stdin 时从标准输入读取初始密码。首次登录时须修改密码。
      ${PASSWORD_RULE}。
  reset-password <用户名>
      生成一次性密码并显示；此人所有登录立即失效，下次登录须修改密码。
  list-users [--jurisdiction <辖区>]
      列出账号。

数据库与服务器相同：设置了 DATABASE_URL 时用 PostgreSQL，否则用 DATA_DIR（默认 ./data）下的内置数据库（须先停止服务器）。
`;

export class UsageError extends Error {}

export interface CommandInput {
  command: string;
  args: string[];
  admin: boolean;
  jurisdiction?: string;
  username?: string;
  displayName?: string;
  /** From stdin with --password-stdin. */
  password?: string;
}

/** A fresh database has no jurisdictions until the server first starts: install the bundled ones. */
async function ensureJurisdictions(db: Database) {
  const [row] = await db.select({ n: count() }).from(jurisdictions);
  if (!row?.n) await installRulebooks(db, loadBundledRulebooks());
}

export async function runCommand(db: Database, now: Date, input: CommandInput): Promise<string> {
  await ensureJurisdictions(db);
  switch (input.command) {
    case 'add-user':
      return addUser(db, now, input);
    case 'reset-password': {
      const username = input.args[0] ?? input.username;
      if (!username) throw new UsageError('请给出用户名：reset-password <用户名>');
      const { user, oneTimePassword } = await resetPasswordOf(db, now, username);
      return `已重置 ${user.username}（${user.displayName}）的密码，原有登录均已失效。\n一次性密码：${oneTimePassword}\n下次登录时须修改密码。\n`;
    }
    case 'list-users':
      return listUsers(db, input.jurisdiction);
    default:
      throw new UsageError(`没有命令 ${input.command}`);
  }
}

async function addUser(db: Database, now: Date, input: CommandInput): Promise<string> {
  if (!input.admin) throw new UsageError('命令行只新建管理员（加 --admin）；其他人员由管理员在“管理”页面添加或导入');
  const username = usernameSchema.safeParse(input.username ?? '');
  if (!username.success) throw new UsageError(`--username：${username.error.issues[0]?.message}`);
  if (input.jurisdiction) {
    const [j] = await db.select().from(jurisdictions).where(eq(jurisdictions.id, input.jurisdiction));
    if (!j) {
      const all = await db.select({ id: jurisdictions.id, name: jurisdictions.name }).from(jurisdictions);
      throw new UsageError(`没有辖区 ${input.jurisdiction}。可选：${all.map((x) => `${x.id}（${x.name}）`).join('、')}`);
    }
  }
  const displayName = input.displayName?.trim() || (input.jurisdiction ? '辖区管理员' : '系统管理员');
  const { user, oneTimePassword } = await addAdministrator(db, now, {
    username: username.data,
    displayName,
    jurisdictionId: input.jurisdiction ?? null,
    password: input.password,
  });
  const what = user.jurisdictionId ? `辖区 ${user.jurisdictionId} 的辖区管理员` : '系统管理员（全部辖区）';
  return oneTimePassword
    ? `已新建${what} ${user.username}。\n一次性密码：${oneTimePassword}\n首次登录时须修改密码。\n`
    : `已新建${what} ${user.username}。\n首次登录时须修改密码。\n`;
}

async function listUsers(db: Database, jurisdictionId?: string): Promise<string> {
  const rows = await listAccounts(db, jurisdictionId);
  const lines = rows.map((u) =>
    [
      u.username.padEnd(32),
      (u.serviceAccount ? '服务账号' : USER_ROLE_LABELS[u.role]).padEnd(8),
      (u.jurisdictionId ?? '全部辖区').padEnd(10),
      u.displayName,
      [!u.active && '已停用', u.demo && '演示', u.mustChangePassword && '须修改密码'].filter(Boolean).join(' '),
    ].join('  '),
  );
  return `${lines.join('\n')}${lines.length ? '\n' : ''}共 ${rows.length} 个账号\n`;
}
