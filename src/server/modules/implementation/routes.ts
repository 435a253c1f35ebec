import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The implementation module's routes (being built). */
export const implementationRoutes: FastifyPluginAsyncZod = async () => {};
