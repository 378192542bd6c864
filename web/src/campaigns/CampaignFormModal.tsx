import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Office } from '../../../src/features/offices/schemas';
import { useErrorText, useT } from '../i18n';
import { foldForSearch } from '../text';
import { useSubmission } from '../submission';

interface DeadlineValues {
  dayOffset: number;
  time: Dayjs;
}

interface Values {
  name: string;
  legalBasis: string;
  firstDay: Dayjs;
  lastDay: Dayjs;
  baselineDate: Dayjs;
  firstDayDeadline: DeadlineValues;
  dailyDeadline: DeadlineValues;
  targetLateRatio?: number | null;
  provinceIds?: number[];
}

const DATE_FORMAT = 'DD/MM/YYYY';
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const at = (hour: number, minute: number) => dayjs().hour(hour).minute(minute).second(0);
/** The server accepts a deadline up to 7 days after its reporting day. */
const OFFSETS = [0, 1, 2, 3, 4, 5, 6, 7];

/**
 * Tạo đợt: the days, when each day's figures are due, and the baseline the campaign is measured against. The defaults
 * are those of dispatch 4208/BHXH-TST: the first day's figures by 08:30 the next morning, every later day's by 18:30.
 */
export function CampaignFormModal({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(id: number, name: string): void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [provinces, setProvinces] = useState<Office[]>([]);
  const { busy, error, run } = useSubmission();

  useEffect(() => {
    // Without the list the campaign still covers every province, the default.
    api.offices().then(
      (r) => setProvinces(r.items.filter((o) => o.kind === 'province')),
      () => undefined,
    );
  }, []);

  const offsetLabel = (n: number) =>
    n === 0 ? t('offsetSameDay') : n === 1 ? t('offsetNextDay') : t('offsetDays', { n });
  const deadline = (name: 'firstDayDeadline' | 'dailyDeadline', label: string) => (
    <Form.Item label={label} required style={{ marginBottom: 12 }}>
      <Space.Compact>
        <Form.Item name={[name, 'dayOffset']} noStyle>
          <Select
            style={{ width: 150 }}
            options={OFFSETS.map((n) => ({ value: n, label: offsetLabel(n) }))}
            aria-label={label}
          />
        </Form.Item>
        <Form.Item name={[name, 'time']} noStyle rules={[{ required: true, message: t('required') }]}>
          <TimePicker format="HH:mm" needConfirm={false} allowClear={false} aria-label={t('deadlineTime')} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );

  const submit = async (v: Values) => {
    await run(async () => {
      const rule = (d: DeadlineValues) => ({ dayOffset: d.dayOffset, time: d.time.format('HH:mm') });
      const name = v.name.trim();
      const { id } = await api.createCampaign({
        name,
        legalBasis: v.legalBasis.trim(),
        firstDay: day(v.firstDay),
        lastDay: day(v.lastDay),
        baselineDate: day(v.baselineDate),
        firstDayDeadline: rule(v.firstDayDeadline),
        dailyDeadline: rule(v.dailyDeadline),
        targetLateRatio: v.targetLateRatio ?? undefined,
        provinceIds: v.provinceIds?.length ? v.provinceIds : undefined,
      });
      onCreated(id, name);
    });
  };

  const required = { required: true, message: t('required') };
  return (
    <Modal
      open
      width={680}
      title={t('createCampaignTitle')}
      okText={t('create')}
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
        initialValues={{
          firstDayDeadline: { dayOffset: 1, time: at(8, 30) },
          dailyDeadline: { dayOffset: 0, time: at(18, 30) },
        }}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          // The baseline is usually the eve of the first day: offer it rather than make the officer pick it.
          if (changed.firstDay && !all.baselineDate)
            form.setFieldValue('baselineDate', changed.firstDay.subtract(1, 'day'));
        }}
      >
        <Form.Item
          name="name"
          label={t('campaignName')}
          rules={[{ ...required, min: 3, max: 300, transform: (v?: string) => v?.trim() }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label={t('legalBasis')}
          rules={[{ ...required, min: 3, max: 500, transform: (v?: string) => v?.trim() }]}
        >
          <Input maxLength={500} placeholder={t('legalBasisPlaceholder')} />
        </Form.Item>
        <Space size="large" align="start" wrap>
          <Form.Item name="firstDay" label={t('firstDay')} rules={[required]}>
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
          <Form.Item
            name="lastDay"
            label={t('lastDay')}
            dependencies={['firstDay']}
            rules={[
              required,
              {
                validator: async (_, last?: Dayjs) => {
                  const first: Dayjs | undefined = form.getFieldValue('firstDay');
                  if (first && last && day(last) < day(first)) throw new Error(t('lastBeforeFirst'));
                },
              },
            ]}
          >
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
          <Form.Item
            name="baselineDate"
            label={t('baselineDate')}
            dependencies={['firstDay']}
            rules={[
              required,
              {
                validator: async (_, baseline?: Dayjs) => {
                  const first: Dayjs | undefined = form.getFieldValue('firstDay');
                  if (first && baseline && day(baseline) > day(first)) throw new Error(t('baselineAfterFirst'));
                },
              },
            ]}
          >
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
        </Space>
        <Space size="large" align="start" wrap>
          {deadline('firstDayDeadline', t('firstDayDeadline'))}
          {deadline('dailyDeadline', t('dailyDeadline'))}
        </Space>
        <Space size="large" align="start" wrap style={{ width: '100%' }}>
          <Form.Item name="targetLateRatio" label={t('targetLateRatio')}>
            <InputNumber<number>
              min={0}
              max={100}
              step={0.01}
              precision={2}
              decimalSeparator=","
              suffix="%"
              style={{ width: 150 }}
            />
          </Form.Item>
          <Form.Item name="provinceIds" label={t('participatingProvinces')} style={{ minWidth: 420 }}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('allProvinces')}
              showSearch={{
                filterOption: (input, option) =>
                  foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input)),
              }}
              options={provinces.map((p) => ({ value: p.id, label: p.name }))}
              maxTagCount="responsive"
            />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
