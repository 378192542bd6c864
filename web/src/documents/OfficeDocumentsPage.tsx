import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OfficeSigner } from '../../../src/features/documents/schemas';
import { api } from '../api/client';
import { vietnamToday } from '../campaigns/labels';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';
import { OfficeTreeSelect, scopeRoot } from '../offices';

interface SignerForm {
  headName: string;
  deputyName?: string;
  byDeputy: boolean;
}

/**
 * Người ký, sổ văn bản đi: who signs the documents an office issues (its director, or a deputy "KT."), and where the
 * office's register of outgoing documents stands, so that the software continues the paper register's numbers.
 */
export function OfficeDocumentsPage() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const offices = useLoad(() => api.offices(), []).data?.items;
  const [officeId, setOfficeId] = useState<number>();
  useEffect(() => {
    if (officeId === undefined && offices) setOfficeId(scopeRoot(offices)?.id);
  }, [offices, officeId]);
  const settings = useLoad(officeId === undefined ? null : () => api.officeDocuments(officeId), [officeId]);
  const [signerForm] = Form.useForm<SignerForm>();
  const [registerForm] = Form.useForm<{ year: number; lastNumber: number }>();
  const year = Number(vietnamToday().slice(0, 4));

  useEffect(() => {
    const signer = settings.data?.signer;
    signerForm.setFieldsValue({
      headName: signer?.headName ?? '',
      deputyName: signer?.deputyName ?? '',
      byDeputy: signer?.byDeputy ?? false,
    });
    const current = settings.data?.registers.find((r) => r.year === year);
    registerForm.setFieldsValue({ year, lastNumber: current?.lastNumber ?? 0 });
  }, [settings.data, signerForm, registerForm, year]);

  const save = async (write: () => Promise<unknown>) => {
    try {
      await write();
      message.success(t('saved'));
      settings.reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };
  const saveSigner = (values: SignerForm) => {
    if (officeId === undefined) return;
    const deputyName = values.deputyName?.trim() || null;
    const body: OfficeSigner = { headName: values.headName.trim(), deputyName, byDeputy: values.byDeputy };
    return save(() => api.setOfficeSigner(officeId, body));
  };
  const saveRegister = (values: { year: number; lastNumber: number }) =>
    officeId === undefined ? undefined : save(() => api.setRegister(officeId, values.year, values.lastNumber));

  const data = settings.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('officeDocumentsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('officeDocumentsHelp')}
      </Typography.Paragraph>
      {offices && (
        <OfficeTreeSelect
          offices={offices}
          value={officeId}
          onChange={setOfficeId}
          label={t('office')}
          style={{ width: 420 }}
        />
      )}
      {settings.error !== null && <Alert type="error" showIcon title={errorText(settings.error)} />}
      <Card title={t('signerTitle')} loading={settings.loading && !data}>
        {data && (
          <Typography.Paragraph data-testid="signature-now">
            {t('signerNow', {
              title: data.signature.title.replace('\n', ' / '),
              name: data.signature.name || t('signerUnnamed'),
            })}
          </Typography.Paragraph>
        )}
        <Form form={signerForm} layout="vertical" onFinish={saveSigner} style={{ maxWidth: 480 }}>
          <Form.Item name="headName" label={t('headName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="byDeputy" label={t('signsAs')}>
            <Radio.Group
              options={[
                { value: false, label: t('signsAsHead') },
                { value: true, label: t('signsAsDeputy') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="deputyName"
            label={t('deputyName')}
            dependencies={['byDeputy']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  getFieldValue('byDeputy') && !value?.trim()
                    ? Promise.reject(new Error(t('deputyRequired')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={officeId === undefined}>
            {t('save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('registerTitle')} loading={settings.loading && !data}>
        <Table
          size="small"
          pagination={false}
          rowKey="year"
          dataSource={data?.registers ?? []}
          locale={{ emptyText: t('registerEmpty') }}
          columns={[
            { title: t('registerYear'), dataIndex: 'year', width: 100 },
            { title: t('registerLastNumber'), dataIndex: 'lastNumber', align: 'right' },
            {
              key: 'next',
              render: (_, r) => (
                <Typography.Text type="secondary">{t('registerNext', { next: r.lastNumber + 1 })}</Typography.Text>
              ),
            },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Typography.Paragraph type="secondary">{t('registerHelp')}</Typography.Paragraph>
        <Form form={registerForm} layout="inline" onFinish={saveRegister}>
          <Form.Item name="year" label={t('registerYear')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="lastNumber" label={t('registerLastNumber')} rules={[{ required: true }]}>
            <InputNumber min={0} max={2147483647} style={{ width: 140 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={officeId === undefined}>
            {t('save')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
