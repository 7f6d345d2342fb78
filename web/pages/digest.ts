import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../app.ts';

export function digestRoutes(_app: FastifyInstance, _ctx: WebContext) {}
