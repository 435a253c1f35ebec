import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The dashboards module's routes (stages 7–8). */
export const dashboardRoutes: FastifyPluginAsyncZod = async () => {};
