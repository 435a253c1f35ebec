import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The providers module's routes (being built). */
export const providerRoutes: FastifyPluginAsyncZod = async () => {};
