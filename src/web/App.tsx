import { lazy, Suspense, useEffect, useMemo, type ComponentType, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Result } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/client';
import { meKey, useMe } from './api/hooks';
import { useLang } from './i18n';
import { roleGroup, type RoleGroup } from './lib/roles';
import { PortalLayout } from './portal/PortalLayout';
import { ErrorState } from './components/ErrorState';
import { Loading } from './components/Loading';
import { THEME, THEME_REDUCED_MOTION } from './theme';
import { usePrefersReducedMotion } from './lib/useReducedMotion';

const named = <K extends string, M extends Record<K, ComponentType>>(loader: () => Promise<M>, name: K) =>
  lazy(() => loader().then((m) => ({ default: m[name] })));

// The workbench's frame (menus of every role) loads with the first signed-in page, never on the portal or sign-in.
const workbenchLayout = () => import('./workbench/WorkbenchLayout');
const WorkbenchLayout = named(workbenchLayout, 'WorkbenchLayout');

// Public portal and sign-in: one chunk per page, so a first visit loads only its own page's code
const PortalHome = named(() => import('./portal/PortalHome'), 'PortalHome');
const PublicFilings = named(() => import('./portal/PublicFilings'), 'PublicFilings');
const CatalogPage = named(() => import('./portal/CatalogPage'), 'CatalogPage');
const LoginPage = named(() => import('./auth/LoginPage'), 'LoginPage');
const RegisterPage = named(() => import('./auth/RegisterPage'), 'RegisterPage');
// Workbench, one chunk per role
const enterprise = () => import('./workbench/enterprise');
const EnterpriseHome = named(enterprise, 'EnterpriseHome');
const FilingEntry = named(enterprise, 'FilingEntry');
const FilingEdit = named(enterprise, 'FilingEdit');
const FilingResult = named(enterprise, 'FilingResult');
const DiagnosisStatus = named(enterprise, 'DiagnosisStatus');
const bureau = () => import('./workbench/bureau');
const BureauDashboard = named(bureau, 'BureauDashboard');
const BureauProjects = named(bureau, 'BureauProjects');
const Organizations = named(bureau, 'Organizations');
const CalendarYears = named(bureau, 'CalendarYears');
const DiagnosisQueue = named(bureau, 'DiagnosisQueue');
const town = () => import('./workbench/town');
const TownProjects = named(town, 'TownProjects');
const assignee = () => import('./workbench/assignee');
const AssigneeHome = named(assignee, 'AssigneeHome');
// Stages 3–6, one chunk per area
const catalog = () => import('./workbench/catalog');
const ProductsPage = named(catalog, 'ProductsPage');
const CatalogReviewPage = named(catalog, 'CatalogReviewPage');
const choice = () => import('./workbench/choice');
const ProviderChoicePage = named(choice, 'ProviderChoicePage');
const LettersPage = named(choice, 'LettersPage');
const LetterPage = named(choice, 'LetterPage');
const LetterReviewPage = named(choice, 'LetterReviewPage');
const providers = () => import('./workbench/providers');
const DelegationsPage = named(providers, 'DelegationsPage');
const ClientsPage = named(providers, 'ClientsPage');
const ProviderOversightPage = named(providers, 'ProviderOversightPage');
const ProviderProfilePage = named(providers, 'ProviderProfilePage');
const MyStandingPage = named(providers, 'MyStandingPage');
const contract = () => import('./workbench/contract');
const ArchivePage = named(contract, 'ArchivePage');
// Stages 7–8, one chunk per area
const policyArea = () => import('./workbench/policy');
const PoliciesPage = named(policyArea, 'PoliciesPage');
const BudgetPage = named(policyArea, 'BudgetPage');
const applicationArea = () => import('./workbench/application');
const SubsidyApplicationPage = named(applicationArea, 'SubsidyApplicationPage');
const reviewArea = () => import('./workbench/review');
const SubsidyReviewQueuePage = named(reviewArea, 'SubsidyReviewQueuePage');
const DecisionBatchesPage = named(reviewArea, 'DecisionBatchesPage');
const DecisionBatchPage = named(reviewArea, 'DecisionBatchPage');
const expertsArea = () => import('./workbench/experts');
const ExpertHome = named(expertsArea, 'ExpertHome');
const ExpertReviewPage = named(expertsArea, 'ExpertReviewPage');
const moneyArea = () => import('./workbench/money');
const DisbursementsPage = named(moneyArea, 'DisbursementsPage');
const BankAccountPage = named(moneyArea, 'BankAccountPage');
const PaymentPaperworkPage = named(moneyArea, 'PaymentPaperworkPage');
const benchmarksArea = () => import('./workbench/benchmarks');
const BenchmarkReviewPage = named(benchmarksArea, 'BenchmarkReviewPage');
const announcementsArea = () => import('./workbench/announcements');
const AnnouncementsAdminPage = named(announcementsArea, 'AnnouncementsAdminPage');
const ObjectionsPage = named(announcementsArea, 'ObjectionsPage');
const dashboardsArea = () => import('./workbench/dashboards');
const PerformanceReportPage = named(dashboardsArea, 'PerformanceReportPage');
const publicMoney = () => import('./portal/PublicMoney');
const PilotEnterprisesPage = named(publicMoney, 'PilotEnterprisesPage');
const FundedProjectsPage = named(publicMoney, 'FundedProjectsPage');
const PaymentsPublicPage = named(publicMoney, 'PaymentsPublicPage');
const AnnouncementPage = named(publicMoney, 'AnnouncementPage');
const BenchmarksPublicPage = named(() => import('./portal/BenchmarksPublic'), 'BenchmarksPublicPage');
const VerifyCertificatePage = named(() => import('./portal/VerifyCertificate'), 'VerifyCertificatePage');
const shared = () => import('./workbench/shared');
const ProjectDetailPage = named(shared, 'ProjectDetailPage');
const ChangePasswordPage = named(shared, 'ChangePasswordPage');
const NotificationsPage = named(shared, 'NotificationsPage');
// The assessment instrument (questionnaire, report), shared by enterprises and institutions
const assessment = () => import('./assessment');
const AssessmentPage = named(assessment, 'AssessmentPage');
const AssessmentStart = named(assessment, 'AssessmentStart');
const AssessmentReport = named(assessment, 'AssessmentReport');

/** The chunk of each role's home page (RoleHome below), fetched as soon as the role is known. */
const HOME_AREA: Record<RoleGroup, () => Promise<unknown>> = {
  enterprise,
  bureau,
  town,
  provider: providers,
  expert: expertsArea,
  institution: assignee,
};

/** A session that ended (expired, or signed out elsewhere) sends the user back to sign in. */
function onSessionLost(e: unknown): void {
  if (e instanceof ApiError && e.status === 401 && (e.code === 'UNAUTHENTICATED' || e.code === 'SESSION_EXPIRED')) {
    if (queryClient.getQueryData(meKey)) queryClient.setQueryData(meKey, null);
  }
  // A temporary password must be changed first: reloading who the user is sends them to the change page.
  if (e instanceof ApiError && e.code === 'PASSWORD_CHANGE_REQUIRED') void queryClient.invalidateQueries({ queryKey: meKey });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onSessionLost }),
  mutationCache: new MutationCache({ onError: onSessionLost }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, e) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && count < 2,
    },
  },
});

/**
 * Signed-in pages: sends signed-out visitors to the sign-in page and brings them back afterwards; a user with a
 * temporary password goes to the password change first (`passwordChange` marks that page itself).
 */
function RequireAuth({ children, passwordChange }: { children: ReactNode; passwordChange?: boolean }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.data.user.mustChangePassword && !passwordChange) return <Navigate to={`/change-password?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!me.data.user.mustChangePassword && passwordChange) return <Navigate to="/workbench/account/password" replace />;
  return <>{children}</>;
}

/** A page only some roles may open; others are told so (the server enforces it anyway). */
function RoleGate({ groups, admin, children }: { groups: RoleGroup[]; admin?: boolean; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  const role = me.data?.role ?? '';
  const ok = groups.includes(roleGroup(role)) && (!admin || role === 'bureauAdmin');
  if (!ok) return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbiddenText')} />;
  return <>{children}</>;
}

function RoleHome() {
  const me = useMe();
  switch (roleGroup(me.data?.role ?? '')) {
    case 'enterprise':
      return <EnterpriseHome />;
    case 'bureau':
      return <BureauDashboard />;
    case 'town':
      return <TownProjects />;
    case 'provider':
      return <ClientsPage />;
    case 'expert':
      return <ExpertHome />;
    default:
      return <AssigneeHome />;
  }
}

/**
 * On workbench pages, outside the pages' Suspense (so its effects run while they are suspended): the frame's
 * chunk is fetched while the session is still being checked, and on the home page the role's chunk as soon as
 * the role is known, so neither waits for the other to load and render first.
 */
function WorkbenchPreload({ home }: { home: boolean }) {
  const role = useMe().data?.role;
  useEffect(() => {
    void workbenchLayout();
  }, []);
  useEffect(() => {
    if (role && home) void HOME_AREA[roleGroup(role)]();
  }, [role, home]);
  return null;
}

function Preloads() {
  const path = useLocation().pathname.replace(/\/+$/, '');
  return path === '/workbench' || path.startsWith('/workbench/') ? <WorkbenchPreload home={path === '/workbench'} /> : null;
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('errors.pageNotFoundTitle')} subTitle={t('errors.pageNotFoundText')} />;
}

function AppRoutes() {
  return (
    <>
      <Preloads />
      <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<PortalLayout />}>
          <Route index element={<PortalHome />} />
          <Route path="filings" element={<PublicFilings />} />
          <Route path="catalog" element={<CatalogPage />} />
          <Route path="pilots" element={<PilotEnterprisesPage />} />
          <Route path="funded" element={<FundedProjectsPage />} />
          <Route path="benchmarks" element={<BenchmarksPublicPage />} />
          <Route path="payments" element={<PaymentsPublicPage />} />
          <Route path="announcements/:id" element={<AnnouncementPage />} />
          <Route path="verify" element={<VerifyCertificatePage />} />
          <Route path="login" element={<LoginPage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="change-password" element={<RequireAuth passwordChange><ChangePasswordPage /></RequireAuth>} />
          <Route path="*" element={<NotFound />} />
        </Route>
        <Route
          path="workbench"
          element={
            <RequireAuth>
              <WorkbenchLayout />
            </RequireAuth>
          }
        >
          <Route index element={<RoleHome />} />
          <Route path="filing" element={<RoleGate groups={['enterprise']}><FilingEntry /></RoleGate>} />
          <Route path="filing/new" element={<RoleGate groups={['enterprise']}><FilingEdit /></RoleGate>} />
          <Route path="projects/:id/edit" element={<RoleGate groups={['enterprise']}><FilingEdit /></RoleGate>} />
          <Route path="projects/:id/submitted" element={<RoleGate groups={['enterprise']}><FilingResult /></RoleGate>} />
          <Route path="diagnosis" element={<RoleGate groups={['enterprise']}><DiagnosisStatus /></RoleGate>} />
          <Route path="projects" element={<RoleGate groups={['bureau']}><BureauProjects /></RoleGate>} />
          <Route path="diagnosis-queue" element={<RoleGate groups={['bureau']}><DiagnosisQueue /></RoleGate>} />
          <Route path="town-projects" element={<RoleGate groups={['town']}><TownProjects /></RoleGate>} />
          <Route path="projects/:id" element={<ProjectDetailPage />} />
          <Route path="projects/:projectId/assessment/:mode" element={<AssessmentStart />} />
          <Route path="assessments/:id" element={<AssessmentPage />} />
          <Route path="assessments/:id/report" element={<AssessmentReport />} />
          <Route path="projects/:id/choose-provider" element={<RoleGate groups={['enterprise']}><ProviderChoicePage /></RoleGate>} />
          <Route path="delegations" element={<RoleGate groups={['enterprise']}><DelegationsPage /></RoleGate>} />
          <Route path="archive" element={<RoleGate groups={['enterprise', 'bureau']}><ArchivePage /></RoleGate>} />
          <Route path="products" element={<RoleGate groups={['provider']}><ProductsPage /></RoleGate>} />
          <Route path="letters" element={<RoleGate groups={['provider']}><LettersPage /></RoleGate>} />
          <Route path="letters/:id" element={<RoleGate groups={['provider', 'bureau']}><LetterPage /></RoleGate>} />
          <Route path="standing" element={<RoleGate groups={['provider']}><MyStandingPage /></RoleGate>} />
          <Route path="catalog-review" element={<RoleGate groups={['bureau']}><CatalogReviewPage /></RoleGate>} />
          <Route path="letter-review" element={<RoleGate groups={['bureau']}><LetterReviewPage /></RoleGate>} />
          <Route path="providers" element={<RoleGate groups={['bureau']}><ProviderOversightPage /></RoleGate>} />
          <Route path="providers/:orgId" element={<RoleGate groups={['bureau']}><ProviderProfilePage /></RoleGate>} />
          <Route path="organizations" element={<RoleGate groups={['bureau']} admin><Organizations /></RoleGate>} />
          <Route path="calendar" element={<RoleGate groups={['bureau']} admin><CalendarYears /></RoleGate>} />
          <Route path="policies" element={<RoleGate groups={['bureau']}><PoliciesPage /></RoleGate>} />
          <Route path="budget" element={<RoleGate groups={['bureau']}><BudgetPage /></RoleGate>} />
          <Route path="projects/:id/subsidy" element={<RoleGate groups={['enterprise', 'provider']}><SubsidyApplicationPage /></RoleGate>} />
          <Route path="subsidy-review" element={<RoleGate groups={['bureau', 'town']}><SubsidyReviewQueuePage /></RoleGate>} />
          <Route path="reviews/:id" element={<RoleGate groups={['bureau', 'town']}><SubsidyReviewQueuePage /></RoleGate>} />
          <Route path="decision-batches" element={<RoleGate groups={['bureau']}><DecisionBatchesPage /></RoleGate>} />
          <Route path="decision-batches/:id" element={<RoleGate groups={['bureau']}><DecisionBatchPage /></RoleGate>} />
          <Route path="expert-reviews/:id" element={<RoleGate groups={['expert']}><ExpertReviewPage /></RoleGate>} />
          <Route path="disbursements" element={<RoleGate groups={['bureau']}><DisbursementsPage /></RoleGate>} />
          <Route path="bank-account" element={<RoleGate groups={['enterprise']}><BankAccountPage /></RoleGate>} />
          <Route path="payment-paperwork" element={<RoleGate groups={['town']}><PaymentPaperworkPage /></RoleGate>} />
          <Route path="benchmarks" element={<RoleGate groups={['bureau']}><BenchmarkReviewPage /></RoleGate>} />
          <Route path="announcements" element={<RoleGate groups={['bureau']}><AnnouncementsAdminPage /></RoleGate>} />
          <Route path="objections" element={<RoleGate groups={['bureau']}><ObjectionsPage /></RoleGate>} />
          <Route path="performance" element={<RoleGate groups={['bureau']}><PerformanceReportPage /></RoleGate>} />
          <Route path="account/password" element={<ChangePasswordPage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
        <Route path="home" element={<Navigate to="/" replace />} />
      </Routes>
      </Suspense>
    </>
  );
}

function Providers({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  const locale = useMemo(() => (lang === 'en' ? enUSLocale : zhCNLocale), [lang]);
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider locale={locale} button={{ autoInsertSpace: false }} theme={reducedMotion ? THEME_REDUCED_MOTION : THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Providers>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </Providers>
    </QueryClientProvider>
  );
}
