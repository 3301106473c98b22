/** METRICS_PORT: /metrics alone on its own port (bind it where only Prometheus can reach it). */
import { createServer, type Server } from 'node:http';
import type { ServerMetrics } from './metrics.js';
import { logger } from './logger.js';

export async function startMetricsServer(metrics: ServerMetrics, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.render().then(
      ({ body, contentType }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      (err) => {
        logger.error({ err }, 'metrics scrape failed');
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
