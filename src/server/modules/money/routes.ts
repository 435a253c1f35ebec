import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The money module's routes (stages 7–8). */
export const moneyRoutes: FastifyPluginAsyncZod = async () => {};
