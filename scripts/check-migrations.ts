/**
 * Lints the committed migrations: PGlite runs each chunk as one prepared statement, so every
 * statement needs its own `--> statement-breakpoint`; and production may be PostgreSQL 15.
 */
import { readdirSync, readFileSync } from 'node:fs';

const folder = new URL('../drizzle/', import.meta.url);
const newerThan15 = [/\buuidv7\s*\(/i, /\bMERGE\b.*\bRETURNING\b/is, /\bJSON_TABLE\b/i, /\bVIRTUAL\b/i];
let problems = 0;

/** Counts top-level statements, ignoring semicolons inside dollar-quoted bodies, strings and comments. */
function statementCount(chunk: string): number {
  const code = chunk
    .replace(/\$([a-z_]*)\$[\s\S]*?\$\1\$/gi, '')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/--[^\n]*/g, '');
  return code.split(';').filter((part) => part.trim().length > 0).length;
}

for (const file of readdirSync(folder).filter((f) => f.endsWith('.sql')).sort()) {
  const text = readFileSync(new URL(file, folder), 'utf8');
  text.split('--> statement-breakpoint').forEach((chunk, i) => {
    const n = statementCount(chunk);
    if (n > 1) {
      problems++;
      console.error(`${file} chunk ${i + 1}: ${n} statements without a breakpoint between them`);
    }
    for (const pattern of newerThan15)
      if (pattern.test(chunk)) {
        problems++;
        console.error(`${file} chunk ${i + 1}: uses ${pattern} (newer than PostgreSQL 15)`);
      }
  });
}
if (problems) process.exit(1);
console.log('migrations ok');
