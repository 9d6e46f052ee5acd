import type { RequestHandler } from 'express';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { pathForAudit } from '../audit/admin-reads.ts';

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Credentials never reach the logs; request bodies are not logged at all.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  });
}

export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url === '/healthz' || (req.url ?? '').startsWith('/vendor/') },
    serializers: {
      // The path as the audit trail records it: whatever was typed into an address (an NHS number,
      // say) never reaches the logs; the query is left out whole.
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: pathForAudit(req.url.split('?')[0]!) }),
      // The status and size, not every header: the security headers alone were a kilobyte a line.
      res: (res: { statusCode: number; headers?: Record<string, unknown> }) => ({ statusCode: res.statusCode, length: res.headers?.['content-length'] }),
    },
  });
}
