import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The choice module's routes (being built). */
export const choiceRoutes: FastifyPluginAsyncZod = async () => {};
