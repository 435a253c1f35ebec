import { z } from 'zod';
import { pageQuery, textSchema } from '../../http/schemas';

/** Notification ids are positive integers (bigserial), at most 15 digits. */
export const notificationIdParams = z.strictObject({ id: z.string().regex(/^[1-9][0-9]{0,14}$/) });

export const notificationListQuery = z.strictObject({
  ...pageQuery,
  /** `unread=1`: only what is not read yet. */
  unread: z.enum(['0', '1', 'true', 'false']).optional(),
});

export const notificationItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: textSchema,
  body: textSchema,
  link: z.string().nullable(),
  projectId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationItem>;

export const notificationList = z.object({
  items: z.array(notificationItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  unread: z.number().int(),
});

export const unreadCount = z.object({ unread: z.number().int() });
export const readAllResult = z.object({ updated: z.number().int() });
