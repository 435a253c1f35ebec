/**
 * The bureau's holiday calendar (节假日安排): any bureau staff reads, the bureau admin enters or corrects a year.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireBureau } from '../../http/guard';
import { calendarEntry, workingDaysAnswer, workingDaysQuery, yearParams, yearSummary } from './schemas';
import { getYear, listYears, previewWorkingDays, saveYear } from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['calendar'];
const STAFF = ['admin', 'reviewer', 'finance'] as const;

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendar/years',
    { config: { cache: cacheRead }, schema: { tags, summary: 'The years of the working-day calendar (built-in and entered by the bureau)', response: { 200: z.array(yearSummary) } } },
    async (req) => {
      requireBureau(req, STAFF);
      return listYears(app.db);
    },
  );
  app.get(
    '/calendar/years/:year',
    { config: { cache: cacheRead }, schema: { tags, summary: "One year's public holidays and make-up working days", params: yearParams, response: { 200: calendarEntry } } },
    async (req) => {
      requireBureau(req, STAFF);
      return getYear(app.db, req.params.year);
    },
  );
  app.put(
    '/calendar/years/:year',
    { schema: { tags, summary: "Enter or correct a year's holidays (bureau admin)", params: yearParams, body: calendarEntry, response: { 200: calendarEntry } } },
    async (req) => {
      const actor = requireBureau(req, ['admin']);
      return saveYear(app.db, contextOf(req, actor), req.params.year, req.body);
    },
  );
  app.get(
    '/calendar/working-days',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Preview: the date N working days after a date', querystring: workingDaysQuery, response: { 200: workingDaysAnswer } } },
    async (req) => {
      requireBureau(req, STAFF);
      return previewWorkingDays(app.db, req.query.from, req.query.days, req.locale);
    },
  );
};
