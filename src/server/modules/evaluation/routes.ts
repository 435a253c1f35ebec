import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The evaluation module's routes (being built). */
export const evaluationRoutes: FastifyPluginAsyncZod = async () => {};
