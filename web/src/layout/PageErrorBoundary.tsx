import { Alert, Button } from 'antd';
import { Component, type ReactNode } from 'react';
import { useT } from '../i18n';

function PageError() {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      title={t('errorGeneric')}
      action={<Button onClick={() => window.location.reload()}>{t('reload')}</Button>}
    />
  );
}

/** A page that fails to render shows an error under the usual header and menu, instead of a blank window. */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <PageError /> : this.props.children;
  }
}
