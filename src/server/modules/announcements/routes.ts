import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The announcements module's routes (stages 7–8). */
export const announcementRoutes: FastifyPluginAsyncZod = async () => {};
