import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The benchmarks module's routes (stages 7–8). */
export const benchmarkRoutes: FastifyPluginAsyncZod = async () => {};
