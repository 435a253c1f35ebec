import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The policy module's routes (stages 7–8). */
export const policyRoutes: FastifyPluginAsyncZod = async () => {};
