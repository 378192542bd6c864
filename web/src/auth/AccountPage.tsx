import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { OpenSession } from '../../../src/features/auth/schemas';
import { formatInstant } from '../format';
import { useErrorText, useT } from '../i18n';

/** Tài khoản của tôi: one's open sessions (each can be ended) and the change of password. */
export function AccountPage() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [sessions, setSessions] = useState<OpenSession[]>();

  const load = useCallback(() => {
    api.mySessions().then(
      (r) => setSessions(r.items),
      (e) => message.error(errorText(e)),
    );
  }, [message, errorText]);
  useEffect(load, []); // eslint-disable-line react-hooks/exhaustive-deps

  const end = async (id: number) => {
    try {
      await api.endMySession(id);
      load();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('accountTitle')}
      </Typography.Title>
      <Card title={t('password')}>
        <Button onClick={() => navigate('/change-password')}>{t('changePassword')}</Button>
      </Card>
      <Card title={t('mySessions')}>
        <Table<OpenSession>
          rowKey="id"
          loading={!sessions}
          dataSource={sessions}
          pagination={false}
          columns={[
            { title: t('sessionStarted'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
            { title: t('sessionLastSeen'), dataIndex: 'lastSeenAt', render: (v: string) => formatInstant(v) },
            { title: t('sessionAddress'), dataIndex: 'address' },
            { title: t('sessionBrowser'), dataIndex: 'userAgent', ellipsis: true },
            {
              key: 'end',
              render: (_, s) =>
                s.current ? (
                  <Tag color="blue">{t('thisSession')}</Tag>
                ) : (
                  <Button size="small" danger onClick={() => void end(s.id)}>
                    {t('endSession')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
