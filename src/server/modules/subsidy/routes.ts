import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The subsidy module's routes (stages 7–8). */
export const subsidyReviewRoutes: FastifyPluginAsyncZod = async () => {};
