import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { Navigate, useNavigate } from 'react-router-dom';
import { useErrorText, useT } from '../i18n';
import { useSubmission } from '../submission';
import { useAuth } from './AuthContext';

/**
 * Đổi mật khẩu: the page a user with a one-time password lands on after logging in (every other page is refused
 * by the server until then), and the one anyone opens to change their own.
 */
export function ChangePasswordPage() {
  const t = useT();
  const errorText = useErrorText();
  const { user, changePassword, logout } = useAuth();
  const navigate = useNavigate();
  const { busy, error, run } = useSubmission();

  if (user === null) return <Navigate to="/login" replace />;
  if (user === undefined) return null;

  // On success the page moves on, so the submission stays busy until it goes.
  const submit = (values: { currentPassword: string; newPassword: string }) =>
    run(async () => {
      await changePassword(values.currentPassword, values.newPassword);
      navigate('/', { replace: true });
    });

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f4f8' }}>
      <Card style={{ width: 440 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('changePasswordTitle')}
        </Typography.Title>
        {user.mustChangePassword && (
          <Alert type="warning" showIcon title={t('mustChangePassword')} style={{ marginBottom: 16 }} />
        )}
        <Typography.Paragraph type="secondary">{t('passwordPolicy')}</Typography.Paragraph>
        {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t('currentPassword')}
            name="currentPassword"
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item label={t('newPassword')} name="newPassword" rules={[{ required: true, message: t('required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('confirmPassword')}
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('passwordsDiffer'))),
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('changePassword')}
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Button type="link" onClick={() => void logout()}>
            {t('logout')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
