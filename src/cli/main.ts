/**
 * 联防 command line: `npm run lianfang -- <command>`. Creates the first administrator of a fresh
 * installation, resets passwords and lists accounts, on the database the server uses (DATABASE_URL,
 * or the embedded database under DATA_DIR — stop the server first: that folder has one user).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { setLogger, createLogger } from '../observability/logger.js';
import { DomainError } from '../services/errors.js';
import { runCommand, USAGE, UsageError } from './commands.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // The first line is the password; a trailing newline from `echo` is not part of it.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      admin: { type: 'boolean', default: false },
      jurisdiction: { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig(process.env);
  // Logs go to stderr: stdout is the command's answer (e.g. a one-time password to pipe on).
  setLogger(createLogger('warn', process.stderr));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, directUrl: config.databaseDirectUrl, dataDir: config.dataDir, maxConnections: 2, migrate: config.migrate });
  try {
    const output = await runCommand(database.db, new Date(), {
      command,
      args: rest,
      admin: values.admin,
      jurisdiction: values.jurisdiction,
      username: values.username,
      displayName: values['display-name'],
      password: values['password-stdin'] ? await readStdin() : undefined,
    });
    process.stdout.write(output);
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`${err.message}\n\n${USAGE}`);
    else if (err instanceof DomainError) process.stderr.write(`错误：${err.fields.length ? err.fields.map((f) => f.message).join('；') : err.message}\n`);
    else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) process.stderr.write(`${err.message}\n\n${USAGE}`);
    else process.stderr.write(`错误：${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof UsageError || (err instanceof TypeError && 'code' in err) ? 2 : 1);
  },
);
