import { Alert, App, Button, Form, Input, Modal, Radio, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { FeedbackCategory, FeedbackSummary } from '../../../src/features/feedback/schemas';
import { useAuth } from '../auth/AuthContext';
import { formatCount, formatInstant, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';
import { CategoryTag, CATEGORIES, FeedbackStatusTag } from './labels';
import { useSubmission } from '../submission';

interface Values {
  category: FeedbackCategory;
  title: string;
  body: string;
}

function FeedbackFormModal({ onClose, onSent }: { onClose(): void; onSent(id: number): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmission();

  const submit = async (v: Values) => {
    await run(async () => {
      onSent((await api.createFeedback({ category: v.category, title: v.title.trim(), body: v.body.trim() })).id);
    });
  };

  const trimmed = (min: number, max: number) => ({
    required: true,
    min,
    max,
    transform: (v?: string) => v?.trim(),
    message: t('required'),
  });
  return (
    <Modal
      open
      width={640}
      title={t('newFeedback')}
      okText={t('send')}
      okButtonProps={{ loading: busy }}
      cancelText={t('close')}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ category: 'difficulty' }}
        requiredMark={false}
      >
        <Form.Item name="category" label={t('feedbackCategory')}>
          <Radio.Group options={CATEGORIES.map((c) => ({ value: c, label: t(`category_${c}`) }))} optionType="button" />
        </Form.Item>
        <Form.Item name="title" label={t('subject')} rules={[trimmed(3, 300)]}>
          <Input maxLength={300} autoFocus />
        </Form.Item>
        <Form.Item name="body" label={t('feedbackBody')} rules={[trimmed(1, 8000)]}>
          <Input.TextArea rows={6} maxLength={8000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Phản ánh: the difficulties and proposals the provinces and their grassroots offices raise, and the national
 * departments answer; the newest first.
 */
export function FeedbackListPage() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { data, error, loading } = useLoad(() => api.feedback(), []);
  const items = data?.items;
  const [writing, setWriting] = useState(false);
  // The server takes feedback from the localities only; the national departments answer it.
  const raises = user?.office.kind === 'province' || user?.office.kind === 'grassroots';

  const columns: ColumnsType<FeedbackSummary> = [
    {
      title: t('subject'),
      key: 'title',
      minWidth: 280,
      render: (_, f) => (
        <Space size={6} wrap>
          <Link to={`/feedback/${f.id}`}>{f.title}</Link>
          <CategoryTag category={f.category} />
        </Space>
      ),
    },
    {
      title: t('feedbackFrom'),
      key: 'office',
      width: 220,
      render: (_, f) => <span title={f.officeName}>{shortOfficeName(f.officeName)}</span>,
    },
    { title: t('sentAt'), key: 'createdAt', width: 140, render: (_, f) => formatInstant(f.createdAt) },
    {
      title: t('messagesCount'),
      key: 'messages',
      width: 110,
      align: 'right',
      render: (_, f) => formatCount(f.messages),
    },
    { title: t('status'), key: 'status', width: 130, render: (_, f) => <FeedbackStatusTag status={f.status} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {t('feedbackTitle')}
        </Typography.Title>
        {raises && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setWriting(true)}>
            {t('newFeedback')}
          </Button>
        )}
      </div>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      <Table<FeedbackSummary>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
      />
      {writing && (
        <FeedbackFormModal
          onClose={() => setWriting(false)}
          onSent={(id) => {
            message.success(t('feedbackSent'));
            navigate(`/feedback/${id}`);
          }}
        />
      )}
    </Space>
  );
}
