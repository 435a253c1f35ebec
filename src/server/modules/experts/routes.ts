import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The experts module's routes (stages 7–8). */
export const expertRoutes: FastifyPluginAsyncZod = async () => {};
