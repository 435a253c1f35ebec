import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The contracts module's routes (being built). */
export const contractRoutes: FastifyPluginAsyncZod = async () => {};
