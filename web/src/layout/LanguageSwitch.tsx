import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <Button size="small" icon={<GlobalOutlined />} onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}>
      {t('language')}
    </Button>
  );
}
