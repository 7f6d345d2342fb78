import type { FastifyInstance } from 'fastify';
import type { WebContext } from './app.ts';

export function apiRoutes(_app: FastifyInstance, _ctx: WebContext) {}
