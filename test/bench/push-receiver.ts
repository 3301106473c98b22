/**
 * Benchmark push service, in its own process: answers 201 to every push and reports, over IPC,
 * when each arrived. (Signature and decryption are verified by the tests, not here.)
 */
import { createServer } from 'node:http';

const now = () => performance.timeOrigin + performance.now();
let times: number[] = [];
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    times.push(now());
    res.writeHead(201).end();
  });
});
server.listen(0, '127.0.0.1', () => process.send!({ kind: 'ready', port: (server.address() as { port: number }).port }));
process.on('message', (m: { kind: string }) => {
  if (m.kind === 'collect') {
    process.send!({ kind: 'times', times });
    times = [];
  }
  if (m.kind === 'stop') server.close(() => process.exit(0));
});
