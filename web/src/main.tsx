import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { ArrearsPage } from './arrears/ArrearsPage';
import { AuthProvider } from './auth/AuthContext';
import { LoginPage } from './auth/LoginPage';
import { EmployerListPage } from './employers/EmployerListPage';
import { EmployerPage } from './employers/EmployerPage';
import { I18nProvider, useI18n } from './i18n';
import { ImportPage } from './imports/ImportPage';
import { AppLayout } from './layout/AppLayout';

function Root() {
  const { language } = useI18n();
  dayjs.locale(language === 'vi' ? 'vi' : 'en');
  return (
    <ConfigProvider locale={language === 'vi' ? viVN : enUS} theme={{ token: { colorPrimary: '#0b4f8a' } }}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<AppLayout />}>
                <Route path="/employers" element={<EmployerListPage />} />
                <Route path="/employers/:id" element={<EmployerPage />} />
                <Route path="/arrears" element={<ArrearsPage />} />
                <Route path="/imports" element={<ImportPage />} />
                <Route path="*" element={<Navigate to="/employers" replace />} />
              </Route>
            </Routes>
          </AuthProvider>
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
