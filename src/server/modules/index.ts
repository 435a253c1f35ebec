import type { FastifyInstance } from 'fastify';
import { assessmentRoutes } from './assessments/routes';
import { authRoutes } from './auth/routes';
import { calendarRoutes } from './calendar/routes';
import { passwordChangeGate } from './auth/gate';
import { idempotencyPlugin } from '../http/idempotency';
import { delegationRoutes } from './delegations/routes';
import { materialRoutes } from './materials/routes';
import { notificationRoutes } from './notifications/routes';
import { organizationRoutes } from './organizations/routes';
import { projectRoutes } from './projects/routes';
import { diagnosisRoutes } from './diagnosis/routes';
import { registeredTables } from '../workflow/registry';
import { assertHandlers } from '../workflow/handlers';
import { publicRoutes } from './public/routes';
import { catalogRoutes } from './catalog/routes';
import { choiceRoutes } from './choice/routes';
import { providerRoutes } from './providers/routes';
import { contractRoutes } from './contracts/routes';
import { implementationRoutes } from './implementation/routes';
import { evaluationRoutes } from './evaluation/routes';
import { referenceRoutes } from './reference/routes';
import { policyRoutes } from './policy/routes';
import { applicationRoutes } from './application/routes';
import { subsidyReviewRoutes } from './subsidy/routes';
import { expertRoutes } from './experts/routes';
import { moneyRoutes } from './money/routes';
import { benchmarkRoutes } from './benchmarks/routes';
import { certificateRoutes } from './certificates/routes';
import { announcementRoutes } from './announcements/routes';
import { packRoutes } from './packs/routes';
import { dashboardRoutes } from './dashboards/routes';

/** Mounts every module's routes under /api/v1, and the OpenAPI document. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  // Every effect every registered table names must have a handler: a table that asks for more does not start.
  assertHandlers(registeredTables().map((t) => t.table));
  await app.register(
    async (v1) => {
      await v1.register(passwordChangeGate);
      await v1.register(idempotencyPlugin);
      await v1.register(authRoutes);
      await v1.register(referenceRoutes);
      await v1.register(publicRoutes);
      await v1.register(projectRoutes);
      await v1.register(organizationRoutes);
      await v1.register(assessmentRoutes);
      await v1.register(delegationRoutes);
      await v1.register(materialRoutes);
      await v1.register(notificationRoutes);
      await v1.register(calendarRoutes);
      await v1.register(diagnosisRoutes);
      await v1.register(catalogRoutes);
      await v1.register(choiceRoutes);
      await v1.register(providerRoutes);
      await v1.register(contractRoutes);
      await v1.register(implementationRoutes);
      await v1.register(evaluationRoutes);
      await v1.register(policyRoutes);
      await v1.register(applicationRoutes);
      await v1.register(subsidyReviewRoutes);
      await v1.register(expertRoutes);
      await v1.register(moneyRoutes);
      await v1.register(benchmarkRoutes);
      await v1.register(certificateRoutes);
      await v1.register(announcementRoutes);
      await v1.register(packRoutes);
      await v1.register(dashboardRoutes);
    },
    { prefix: '/api/v1' },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
