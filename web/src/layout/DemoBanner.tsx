import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { api } from '../api/client';
import { useI18n } from '../i18n';

/** On every page, public ones included, while the database holds the demo: nobody takes its figures for real ones. */
export function DemoBanner() {
  const { t } = useI18n();
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    api.system().then(
      (s) => setDemo(s.demo),
      () => setDemo(false),
    );
  }, []);
  if (!demo) return null;
  return (
    <Alert
      banner
      type="warning"
      showIcon={false}
      title={t('demoBanner')}
      style={{ textAlign: 'center', fontWeight: 600 }}
    />
  );
}
