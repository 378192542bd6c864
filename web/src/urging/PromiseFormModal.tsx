import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api/client';
import type { EmployerAction } from '../../../src/features/actions/schemas';
import type { PromiseKind } from '../../../src/features/promises/schemas';
import { formatDate, formatVnd } from '../format';
import { useErrorText, useT } from '../i18n';
import { MoneyInput } from './labels';
import { useSubmission } from '../submission';

interface Values {
  kind: PromiseKind;
  madeOn: Dayjs;
  instalments: { dueOn?: Dayjs; amount?: number }[];
  note?: string;
  actionId?: number;
}

const DATE_FORMAT = 'DD/MM/YYYY';
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
/** The server's limit on the instalments of one agreement. */
const MAX_INSTALMENTS = 36;

/**
 * Cam kết trả nợ or thỏa thuận trả dần: amounts by dates. Whether it is kept is never typed in; the server follows the
 * payments received from the day it was made.
 */
export function PromiseFormModal({
  employerId,
  today,
  actions,
  onClose,
  onSaved,
}: {
  employerId: number;
  today: string;
  /** The employer's actions, to say which one the promise was made at. */
  actions: EmployerAction[];
  onClose(): void;
  onSaved(): void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmission();
  const madeOn = Form.useWatch('madeOn', form);
  const instalments = Form.useWatch('instalments', form) ?? [];
  const total = instalments.reduce((sum, i) => sum + (i?.amount ?? 0), 0);

  const submit = async (v: Values) => {
    await run(async () => {
      await api.createPromise(employerId, {
        kind: v.kind,
        madeOn: day(v.madeOn),
        instalments: v.instalments.map((i) => ({ dueOn: day(i.dueOn!), amount: i.amount! })),
        note: v.note?.trim() || undefined,
        actionId: v.actionId,
      });
      onSaved();
    });
  };

  return (
    <Modal
      open
      width={620}
      title={t('recordPromise')}
      okText={t('submitRecord')}
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
        initialValues={{ kind: 'promise', madeOn: dayjs(today), instalments: [{}] }}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          // An agreement has at least two instalments: offer the second row rather than refuse the form.
          if (changed.kind === 'instalment' && all.instalments.length < 2)
            form.setFieldValue('instalments', [...all.instalments, {}]);
        }}
      >
        <Space size="large" align="start" wrap>
          <Form.Item name="kind" label={t('promiseKind')}>
            <Radio.Group
              optionType="button"
              options={(['promise', 'instalment'] as const).map((k) => ({ value: k, label: t(`promiseKind_${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="madeOn" label={t('madeOn')} rules={[{ required: true, message: t('required') }]}>
            <DatePicker format={DATE_FORMAT} allowClear={false} disabledDate={(d) => day(d) > today} />
          </Form.Item>
        </Space>
        <Typography.Text strong style={{ display: 'block' }}>
          {t('instalments')}
        </Typography.Text>
        <Form.List
          name="instalments"
          rules={[
            {
              validator: async (_, rows: Values['instalments']) => {
                if (form.getFieldValue('kind') === 'instalment' && rows.length < 2)
                  throw new Error(t('instalmentsAtLeastTwo'));
                const dates = rows.map((r) => (r?.dueOn ? day(r.dueOn) : null));
                const start = day(form.getFieldValue('madeOn'));
                if (
                  dates.some(
                    (d, n) => d !== null && (d < start || (n > 0 && dates[n - 1] !== null && d <= dates[n - 1]!)),
                  )
                ) {
                  throw new Error(t('instalmentsInOrder'));
                }
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field, n) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Typography.Text type="secondary" style={{ width: 24, display: 'inline-block' }}>
                    {n + 1}.
                  </Typography.Text>
                  <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true, message: t('required') }]}>
                    <DatePicker
                      format={DATE_FORMAT}
                      placeholder={t('dueOn')}
                      disabledDate={(d) => (madeOn ? day(d) < day(madeOn) : false)}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amount']} rules={[{ required: true, message: t('required') }]}>
                    <MoneyInput placeholder={t('amount')} max={9e15} style={{ width: 220 }} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Space size="large">
                <Button
                  size="small"
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_INSTALMENTS}
                  onClick={() => add()}
                >
                  {t('addInstalment')}
                </Button>
                <Typography.Text>{t('promisedTotal', { amount: formatVnd(total) })}</Typography.Text>
              </Space>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
        <Form.Item name="actionId" label={t('linkedAction')} style={{ marginTop: 16 }}>
          <Select
            allowClear
            options={actions
              .filter((a) => !a.cancelled)
              .map((a) => ({
                value: a.id,
                label: `${formatDate(a.date)} · ${t(`action_${a.kind}`)}${a.documentNumber ? ` ${a.documentNumber}` : ''}`,
              }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('note')} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
