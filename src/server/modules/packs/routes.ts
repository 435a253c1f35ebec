import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The packs module's routes (stages 7–8). */
export const packRoutes: FastifyPluginAsyncZod = async () => {};
