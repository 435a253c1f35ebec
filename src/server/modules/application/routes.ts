import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The application module's routes (stages 7–8). */
export const applicationRoutes: FastifyPluginAsyncZod = async () => {};
