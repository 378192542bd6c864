import { StrictMode, useEffect, useState } from 'react';
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
import { LazyPageView } from './lazyPage';
import { APP_PAGES, PUBLIC_PAGES, preloadPageAt } from './pages';
import { PublicLayout } from './public/PublicLayout';

// The opened page's chunk is fetched now, alongside the shell's start and the login check, not after them.
preloadPageAt(window.location.pathname);

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
              {PUBLIC_PAGES.map(({ path, page }) => (
                <Route key={path} path={path} element={<LazyPageView page={page} />} />
              ))}
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
                {APP_PAGES.map(({ path, page }) => (
                  <Route key={path} path={path} element={<LazyPageView page={page} />} />
                ))}
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
