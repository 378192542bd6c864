import { Layout, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useT } from '../i18n';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { PageErrorBoundary } from '../layout/PageErrorBoundary';

/**
 * The public pages' frame: no login, no menu, only what has been approved for the public. It sits outside the auth
 * provider, so that opening it never asks for a session nor sends anyone to the login page.
 */
export function PublicLayout() {
  const t = useT();
  const location = useLocation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        className="no-print"
        style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#0b4f8a', paddingInline: 20 }}
      >
        <Link to="/public">
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
            {t('publicHeader')}
          </Typography.Text>
        </Link>
        <div style={{ flex: 1 }} />
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content className="app-content" style={{ padding: 20, width: '100%', maxWidth: 1280, margin: '0 auto' }}>
        <PageErrorBoundary key={location.pathname}>
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 48 }} />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </Layout.Content>
    </Layout>
  );
}
