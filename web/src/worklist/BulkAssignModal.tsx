import { Alert, Checkbox, Col, Form, InputNumber, Modal, Radio, Row, Select } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import type { Ownership } from '../../../src/domain/ledger';
import type { Office } from '../../../src/features/offices/schemas';
import type { UserInScope } from '../../../src/features/users/schemas';
import type { BulkAssignment } from '../../../src/features/worklists/schemas';
import { OWNERSHIPS, useLabels } from '../employers/labels';
import { formatCount, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { foldForSearch } from '../text';

interface Values {
  officeId: number;
  userId: number;
  responsibility: BulkAssignment['responsibility'];
  ownership?: Ownership;
  // A cleared number box holds null.
  minHeadcount?: number | null;
  maxHeadcount?: number | null;
  onlyLate: boolean;
}

const matches = (input: string, label: unknown) => foldForSearch(String(label ?? '')).includes(foldForSearch(input));

/**
 * Phân công hàng loạt: one official for every matching employer of a province or grassroots office. The server takes
 * only an official of the province that manages the office, so the list offers only those.
 */
export function BulkAssignModal({
  offices,
  users,
  onClose,
  onAssigned,
}: {
  offices: Office[];
  users: UserInScope[];
  onClose(): void;
  onAssigned(): void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [assigned, setAssigned] = useState<number | null>(null);
  const officeId = Form.useWatch('officeId', form);

  const provinceOf = useMemo(() => {
    const byId = new Map(offices.map((o) => [o.id, o]));
    return (id: number) => {
      const office = byId.get(id);
      return office?.kind === 'province'
        ? office.id
        : office?.kind === 'grassroots'
          ? (office.parentId ?? undefined)
          : undefined;
    };
  }, [offices]);

  const officeOptions = offices
    .filter((p) => p.kind === 'province')
    .map((p) => ({
      label: shortOfficeName(p.name),
      options: [p, ...offices.filter((o) => o.kind === 'grassroots' && o.parentId === p.id)].map((o) => ({
        value: o.id,
        label: shortOfficeName(o.name),
      })),
    }));
  const province = officeId === undefined ? undefined : provinceOf(officeId);
  const officials = users.filter((u) => {
    const own = provinceOf(u.office.id);
    return u.active && own !== undefined && (province === undefined || own === province);
  });

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    setAssigned(null);
    try {
      const result = await api.bulkAssign({
        userId: v.userId,
        responsibility: v.responsibility,
        officeId: v.officeId,
        ownership: v.ownership,
        minHeadcount: v.minHeadcount ?? undefined,
        maxHeadcount: v.maxHeadcount ?? undefined,
        onlyLate: v.onlyLate,
      });
      setAssigned(result.assigned);
      onAssigned();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={t('bulkAssign')}
      okText={t('assign')}
      okButtonProps={{ loading: busy }}
      cancelText={t('close')}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      {assigned !== null && (
        <Alert
          type="success"
          showIcon
          title={t('bulkAssigned', { n: formatCount(assigned) })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ responsibility: 'official', onlyLate: false }}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          setAssigned(null);
          // An official of another province would be refused: clear the choice when the office moves away from it.
          if (changed.officeId !== undefined && all.userId !== undefined) {
            const official = users.find((u) => u.id === all.userId);
            if (official && provinceOf(official.office.id) !== provinceOf(changed.officeId))
              form.setFieldValue('userId', undefined);
          }
        }}
      >
        <Form.Item name="officeId" label={t('bulkOffice')} rules={[{ required: true, message: t('required') }]}>
          <Select
            showSearch={{ filterOption: (input, option) => matches(input, option?.label) }}
            options={officeOptions}
          />
        </Form.Item>
        <Form.Item name="userId" label={t('bulkOfficial')} rules={[{ required: true, message: t('required') }]}>
          <Select
            showSearch={{ filterOption: (input, option) => matches(input, option?.label) }}
            options={officials.map((u) => ({
              value: u.id,
              label: `${u.fullName} (${u.username}) · ${shortOfficeName(u.office.name)}`,
            }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="responsibility" label={t('responsibility')}>
              <Radio.Group
                optionType="button"
                options={(['official', 'leader'] as const).map((r) => ({ value: r, label: t(r) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ownership" label={t('ownership')}>
              <Select
                allowClear
                placeholder={t('allOwnerships')}
                options={OWNERSHIPS.map((o) => ({ value: o, label: labels.ownership(o) }))}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="minHeadcount" label={t('headcountFrom')}>
              <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="maxHeadcount"
              label={t('headcountTo')}
              dependencies={['minHeadcount']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, max?: number | null) => {
                    const min = getFieldValue('minHeadcount') as number | null | undefined;
                    if (max !== undefined && max !== null && min !== undefined && min !== null && max < min) {
                      throw new Error(`≥ ${formatCount(min)}`);
                    }
                  },
                }),
              ]}
            >
              <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="onlyLate" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>{t('onlyLate')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
