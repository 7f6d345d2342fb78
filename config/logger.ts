import { pino } from 'pino';

export type Logger = pino.Logger;

/** JSON lines on stderr (stdout is kept for command output such as `diemtin classify`). */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}
