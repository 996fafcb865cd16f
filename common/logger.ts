import pino, { DestinationStream, Logger } from 'pino';
import { currentRequestId } from './requestContext';

export type { Logger };

/**
 * Structured JSON logs. Secrets never reach them: the paths below are redacted, and code that
 * logs a person's contact logs the masked form (see ticketing/verification/mask.ts).
 */
export function createLogger(options: { level?: string; name?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? 'info';
  return pino(
    {
      name: options.name ?? 'support-desk',
      level,
      // Every line written while a request's work runs names that request (see requestContext.ts).
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      redact: {
        paths: [
          'pin',
          'code',
          'token',
          'password',
          'authorization',
          '*.pin',
          '*.code',
          '*.token',
          '*.password',
          '*.authorization',
          'req.headers.authorization',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}

/**
 * Standard output, buffered: lines go out in writes of 4 KB or more, or every 250 ms, so a
 * request does not pay a write of its own for its access line. pino writes what is left
 * synchronously when the process exits (process.exit, an uncaught exception); a SIGKILL loses
 * at most the last 250 ms of lines.
 */
export function bufferedStdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 });
}

/** A logger that writes nothing, for tests and tools that print their own output. */
export const silentLogger: Logger = pino({ level: 'silent' });
