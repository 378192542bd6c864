import { Alert, App, Breadcrumb, Button, Card, Input, Popconfirm, Space, Spin, Typography } from 'antd';
import { CheckCircleOutlined, SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { idParam } from '../campaigns/labels';
import { formatInstant, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { isNotFound, useLoad } from '../load';
import { CategoryTag, FeedbackStatusTag } from './labels';

/** One thread: the question and the answers in order, a reply box while it is open, and closing it once settled. */
export function FeedbackThreadPage() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const id = idParam(useParams().id);
  const { data, error, loading, reload } = useLoad(id === undefined ? null : () => api.feedbackThread(id), [id], {
    keep: true,
  });
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);

  const crumbs = <Breadcrumb items={[{ key: 'list', title: <Link to="/feedback">{t('menuFeedback')}</Link> }]} />;
  if (!data && loading) return <Spin style={{ display: 'block', marginTop: 48 }} />;
  if (!data || error !== null) {
    return (
      <Space orientation="vertical">
        {crumbs}
        {error !== null && !isNotFound(error) ? (
          <Alert type="error" showIcon title={errorText(error)} />
        ) : (
          <Alert type="warning" showIcon title={t('feedbackNotFound')} />
        )}
      </Space>
    );
  }

  const thread = data;
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await run();
      reload();
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const send = async () => {
    if (await act(() => api.replyFeedback(thread.id, reply.trim()))) setReply('');
  };

  const open = thread.status !== 'closed';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      {crumbs}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 280 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {thread.title}
          </Typography.Title>
          <Space size={6} wrap>
            <CategoryTag category={thread.category} />
            <FeedbackStatusTag status={thread.status} />
            <Typography.Text type="secondary">{thread.officeName}</Typography.Text>
          </Space>
        </div>
        {open && (
          <Popconfirm
            title={t('closeThreadConfirm')}
            okText={t('closeThread')}
            cancelText={t('close')}
            onConfirm={() => act(() => api.closeFeedback(thread.id))}
          >
            <Button icon={<CheckCircleOutlined />} disabled={busy}>
              {t('closeThread')}
            </Button>
          </Popconfirm>
        )}
      </div>
      {thread.messages.map((m) => (
        <Card
          key={m.id}
          size="small"
          title={
            <Space size={6} wrap>
              <span>{m.author}</span>
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} title={m.office}>
                {shortOfficeName(m.office)}
              </Typography.Text>
            </Space>
          }
          extra={<Typography.Text type="secondary">{formatInstant(m.createdAt)}</Typography.Text>}
        >
          {/* The author's line breaks are part of the message. */}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.body}</Typography.Paragraph>
        </Card>
      ))}
      {open ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            rows={4}
            maxLength={8000}
            aria-label={t('reply')}
            placeholder={t('reply')}
            value={reply}
            onChange={(e) => setReply(e.target.value)}
          />
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy}
            disabled={reply.trim() === ''}
            onClick={() => void send()}
          >
            {t('send')}
          </Button>
        </Space>
      ) : (
        <Alert type="info" showIcon title={t('threadClosed')} />
      )}
    </Space>
  );
}
