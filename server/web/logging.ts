import type { RequestHandler } from 'express';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

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
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      // The status and size, not every header: the security headers alone were a kilobyte a line.
      res: (res: { statusCode: number; headers?: Record<string, unknown> }) => ({ statusCode: res.statusCode, length: res.headers?.['content-length'] }),
    },
  });
}
