/** Schemas shared by several modules' routes. */
import { z } from 'zod';

export const errorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown(),
});

export const textSchema = z.object({ zh: z.string(), en: z.string() });

export const idParams = z.strictObject({ id: z.uuid() });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const okSchema = z.object({ ok: z.literal(true) });
