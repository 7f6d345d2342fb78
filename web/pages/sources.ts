import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../app.ts';

export function sourceRoutes(_app: FastifyInstance, _ctx: WebContext) {}
