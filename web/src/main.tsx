import { lazy, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Empty, Spin, type ThemeConfig } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
// Ant Design's component styles as one prebuilt stylesheet, so that no component computes and injects its CSS while
// a page renders (the theme's zeroRuntime below); the theme's tokens reach it as CSS variables.
import 'antd/dist/antd.css';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { ChangePasswordPage } from './auth/ChangePasswordPage';
import { LoginPage } from './auth/LoginPage';
import { vietnamDate } from '../../src/domain/calendar';
import { api, serverNow } from './api/client';
import { fixedLanding, landingOnCampaign } from './auth/roles';
import { I18nProvider, useI18n } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { DemoBanner } from './layout/DemoBanner';
import { PublicLayout } from './public/PublicLayout';

// Each page area is its own chunk: the login page and the shell load first, a page's tables when it is opened.
const EmployerListPage = lazy(() =>
  import('./employers/EmployerListPage').then((m) => ({ default: m.EmployerListPage })),
);
const EmployerPage = lazy(() => import('./employers/EmployerPage').then((m) => ({ default: m.EmployerPage })));
const ArrearsPage = lazy(() => import('./arrears/ArrearsPage').then((m) => ({ default: m.ArrearsPage })));
const ImportPage = lazy(() => import('./imports/ImportPage').then((m) => ({ default: m.ImportPage })));
const WorklistPage = lazy(() => import('./worklist/WorklistPage').then((m) => ({ default: m.WorklistPage })));
const CampaignListPage = lazy(() =>
  import('./campaigns/CampaignListPage').then((m) => ({ default: m.CampaignListPage })),
);
const CampaignPage = lazy(() => import('./campaigns/CampaignPage').then((m) => ({ default: m.CampaignPage })));
const ReportPage = lazy(() => import('./campaigns/ReportPage').then((m) => ({ default: m.ReportPage })));
const BoardPage = lazy(() => import('./campaigns/BoardPage').then((m) => ({ default: m.BoardPage })));
const OverviewPage = lazy(() => import('./oversight/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const EmulationPage = lazy(() => import('./oversight/EmulationPage').then((m) => ({ default: m.EmulationPage })));
const InspectionPage = lazy(() => import('./oversight/InspectionPage').then((m) => ({ default: m.InspectionPage })));
const DisclosurePage = lazy(() => import('./disclosure/DisclosurePage').then((m) => ({ default: m.DisclosurePage })));
const FeedbackListPage = lazy(() =>
  import('./feedback/FeedbackListPage').then((m) => ({ default: m.FeedbackListPage })),
);
const FeedbackThreadPage = lazy(() =>
  import('./feedback/FeedbackThreadPage').then((m) => ({ default: m.FeedbackThreadPage })),
);
const UsersPage = lazy(() => import('./users/UsersPage').then((m) => ({ default: m.UsersPage })));
const OfficeDocumentsPage = lazy(() =>
  import('./documents/OfficeDocumentsPage').then((m) => ({ default: m.OfficeDocumentsPage })),
);
const AccountPage = lazy(() => import('./auth/AccountPage').then((m) => ({ default: m.AccountPage })));
const PublicHomePage = lazy(() => import('./public/PublicHomePage').then((m) => ({ default: m.PublicHomePage })));
const PublicListPage = lazy(() => import('./public/PublicListPage').then((m) => ({ default: m.PublicListPage })));

// After a new version is deployed, an open tab still asks for the old page chunks, which are gone: load the new
// version rather than fail. At most once a minute, so that a server that is down does not cause a reload loop.
const RELOAD_KEY = 'dondoc.reloadedForNewVersion';
window.addEventListener('vite:preloadError', () => {
  if (Date.now() - Number(sessionStorage.getItem(RELOAD_KEY) ?? 0) < 60_000) return;
  sessionStorage.setItem(RELOAD_KEY, String(Date.now()));
  window.location.reload();
});

/** Each role starts where its work is (auth/roles: fixedLanding, landingOnCampaign). */
function Home() {
  const { user } = useAuth();
  const fixed = user ? fixedLanding(user) : undefined;
  const [target, setTarget] = useState<string>();
  useEffect(() => {
    if (!user || fixed !== undefined) return;
    let live = true;
    api.campaigns().then(
      (r) => live && setTarget(landingOnCampaign(user, r.items, vietnamDate(new Date(serverNow())))),
      // Without the campaigns the overview still serves: it is where either role starts outside a campaign.
      () => live && setTarget('/oversight'),
    );
    return () => {
      live = false;
    };
  }, [user, fixed]);
  const to = fixed ?? target;
  return to === undefined ? <Spin style={{ display: 'block', marginTop: 48 }} /> : <Navigate to={to} replace />;
}

/**
 * Styles come from antd.css (imported above), not from CSS-in-JS at run time. Its rules are not hashed per theme and
 * read the tokens from CSS variables, which Ant Design writes once for this theme under the class `dondoc`.
 */
const THEME: ThemeConfig = {
  token: { colorPrimary: '#0b4f8a' },
  zeroRuntime: true,
  hashed: false,
  cssVar: { key: 'dondoc' },
};

function Root() {
  const { language, t } = useI18n();
  return (
    <ConfigProvider
      locale={language === 'vi' ? viVN : enUS}
      theme={THEME}
      // AntD's Vietnamese says only "Trống" (empty); say what is missing, with the small picture that suits dense pages.
      renderEmpty={() => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />}
    >
      <AntApp>
        <BrowserRouter>
          <DemoBanner />
          <Routes>
            {/* Outside the auth provider: the public pages neither check a session nor send anyone to log in. */}
            <Route path="/public" element={<PublicLayout />}>
              <Route index element={<PublicHomePage />} />
              <Route path="lists/:id" element={<PublicListPage />} />
              <Route path="*" element={<Navigate to="/public" replace />} />
            </Route>
            <Route
              element={
                <AuthProvider>
                  <Outlet />
                </AuthProvider>
              }
            >
              <Route path="/login" element={<LoginPage />} />
              <Route path="/change-password" element={<ChangePasswordPage />} />
              <Route element={<AppLayout />}>
                <Route path="/worklist" element={<WorklistPage />} />
                <Route path="/employers" element={<EmployerListPage />} />
                <Route path="/employers/:id" element={<EmployerPage />} />
                <Route path="/arrears" element={<ArrearsPage />} />
                <Route path="/imports" element={<ImportPage />} />
                <Route path="/campaigns" element={<CampaignListPage />} />
                <Route path="/campaigns/:id" element={<CampaignPage />} />
                <Route path="/campaigns/:id/reports/:officeId/:day" element={<ReportPage />} />
                <Route path="/campaigns/:id/board" element={<BoardPage />} />
                <Route path="/oversight" element={<OverviewPage />} />
                <Route path="/oversight/emulation" element={<EmulationPage />} />
                <Route path="/oversight/inspection" element={<InspectionPage />} />
                <Route path="/disclosure" element={<DisclosurePage />} />
                <Route path="/feedback" element={<FeedbackListPage />} />
                <Route path="/feedback/:id" element={<FeedbackThreadPage />} />
                <Route path="/users" element={<UsersPage />} />
                <Route path="/offices/documents" element={<OfficeDocumentsPage />} />
                <Route path="/account" element={<AccountPage />} />
                <Route path="*" element={<Home />} />
              </Route>
            </Route>
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Root />
    </I18nProvider>
  </StrictMode>,
);
