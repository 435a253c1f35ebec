import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../http/guard';
import { notificationIdParams, notificationItem, notificationList, notificationListQuery, readAllResult, unreadCount } from './schemas';
import { listNotifications, markAllRead, markRead, unreadCount as countUnread } from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['notifications'];

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/notifications',
    { config: { cache: cacheRead }, schema: { tags, summary: 'My notifications, newest first (unread=1: only unread)', querystring: notificationListQuery, response: { 200: notificationList } } },
    async (req) => {
      const actor = requireActor(req);
      const { page, pageSize, unread } = req.query;
      return listNotifications(app.db, actor.userId, { page, pageSize, unreadOnly: unread === '1' || unread === 'true' });
    },
  );
  app.get('/notifications/unread-count', { config: { cache: cacheRead }, schema: { tags, summary: 'How many of my notifications are unread', response: { 200: unreadCount } } }, async (req) => {
    const actor = requireActor(req);
    return countUnread(app.db, actor.userId);
  });
  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: 'Mark all my notifications read', response: { 200: readAllResult } } },
    async (req) => {
      const actor = requireActor(req);
      return markAllRead(app.db, actor.userId);
    },
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags, summary: 'Mark one of my notifications read (another user\'s: 404)', params: notificationIdParams, response: { 200: notificationItem } } },
    async (req) => {
      const actor = requireActor(req);
      return markRead(app.db, actor.userId, Number(req.params.id));
    },
  );
};
