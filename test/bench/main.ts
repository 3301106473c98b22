/**
 * `npm run bench [-- scenario...]`: runs the named scenarios (all of the default set when none is
 * named), prints each figure with its target, and writes every figure to
 * bench-results/<timestamp>.json so runs can be compared. Loopback only; each scenario is bounded.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { runFanoutBench } from './run.js';
import { runPushBench } from './push.js';
import { runWritesBench } from './writes.js';
import { runWriteCostsBench } from './write-costs.js';
import { runStormBench } from './storm.js';

type Scenario = () => Promise<unknown>;
const scenarios: Record<string, Scenario> = {
  fanout: runFanoutBench,
  push: runPushBench,
  writes: runWritesBench,
  'write-costs': runWriteCostsBench,
  storm: () => runStormBench({ sockets: 1000, processes: 2, storm: true }),
  sockets10k: () => runStormBench({ sockets: 10_000, processes: 4, storm: true }),
};
const DEFAULT = ['fanout', 'writes', 'push'];

async function main() {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((name) => !scenarios[name]);
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
  const names = asked.length ? asked : DEFAULT;
  const startedAt = new Date();
  const results: Record<string, unknown> = {};
  for (const name of names) {
    console.log(`\n== ${name} ==`);
    results[name] = await scenarios[name]!();
  }
  await mkdir('bench-results', { recursive: true });
  const file = `bench-results/${startedAt.toISOString().replace(/[:.]/g, '-')}.json`;
  const machine = { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg() };
  await writeFile(file, JSON.stringify({ startedAt, scenarios: names, machine, env: benchEnv(), results }, null, 2));
  console.log(`\nfigures written to ${file}`);
}

function benchEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_')));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
