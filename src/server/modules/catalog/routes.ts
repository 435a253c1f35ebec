import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The catalog module's routes (being built). */
export const catalogRoutes: FastifyPluginAsyncZod = async () => {};
