import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

/** Shows the other language's name, written in that language, so an officer can always find the way back. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  const other = language === 'vi' ? 'en' : 'vi';
  return (
    <Button size="small" icon={<GlobalOutlined />} lang={other} onClick={() => setLanguage(other)}>
      {t('language')}
    </Button>
  );
}
