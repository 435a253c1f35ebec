import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The certificates module's routes (stages 7–8). */
export const certificateRoutes: FastifyPluginAsyncZod = async () => {};
