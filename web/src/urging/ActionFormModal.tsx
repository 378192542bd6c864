import { Alert, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { DOCUMENT_OF_ACTION } from '../../../src/domain/actions';
import { api } from '../api/client';
import type { ActionKind } from '../../../src/domain/actions';
import type { ActionDetails } from '../../../src/features/actions/schemas';
import type { UserInScope } from '../../../src/features/users/schemas';
import { useAuth } from '../auth/AuthContext';
import { actionKindsFor, userCan } from '../auth/roles';
import { useErrorText, useT } from '../i18n';
import { MoneyInput, type Recorded } from './labels';
import { useSubmission } from '../submission';

interface Values {
  kind: ActionKind;
  date: Dayjs;
  officialId?: number;
  generateDocument: boolean;
  documentNumber?: string;
  fine?: number;
  outcome?: string;
  followUpOn?: Dayjs;
  meetingWhen?: Dayjs;
  meetingPlace?: string;
  contact?: string;
  participants?: string[];
  content?: string;
  conclusion?: string;
  agency?: string;
  enclosures?: string[];
  conference?: string;
}

const DATE_FORMAT = 'DD/MM/YYYY';
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** The kind-specific fields the server prints on the document; empty ones are left to its defaults. */
function detailsOf(v: Values): ActionDetails {
  const details: ActionDetails = {
    // Printed on a Vietnamese letter whatever the interface language.
    meetingWhen: v.kind === 'invitation' ? v.meetingWhen?.format('HH [giờ] mm [phút], [ngày] DD/MM/YYYY') : undefined,
    meetingPlace: v.kind === 'invitation' ? text(v.meetingPlace) : undefined,
    contact: v.kind === 'invitation' ? text(v.contact) : undefined,
    participants: v.kind === 'working_session' && v.participants?.length ? v.participants : undefined,
    content: v.kind === 'working_session' ? text(v.content) : undefined,
    conclusion: v.kind === 'working_session' ? text(v.conclusion) : undefined,
    agency: v.kind === 'prosecution_referral' ? text(v.agency) : undefined,
    enclosures: v.kind === 'prosecution_referral' && v.enclosures?.length ? v.enclosures : undefined,
    conference: v.kind === 'customer_conference' ? text(v.conference) : undefined,
  };
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined));
}

/**
 * Ghi nhận hoạt động: one action on one employer, with the fields its kind needs. The kinds offered are those the
 * role may record; `today` is the server's day, so that a browser clock that is off cannot date an action ahead.
 */
export function ActionFormModal({
  employer,
  today,
  kind,
  onClose,
  onRecorded,
}: {
  employer: { id: number; name: string };
  today: string;
  kind?: ActionKind;
  onClose(): void;
  onRecorded(recorded: Recorded): void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const { user } = useAuth();
  const [form] = Form.useForm<Values>();
  const [officials, setOfficials] = useState<UserInScope[]>([]);
  const { busy, error, run } = useSubmission();
  const chooseOfficial = !!user && userCan(user, 'user.read');
  const kinds = user ? actionKindsFor(user) : [];
  const chosenKind = Form.useWatch('kind', form);
  const generate = Form.useWatch('generateDocument', form);
  const date = Form.useWatch('date', form);
  const producesDocument = chosenKind !== undefined && DOCUMENT_OF_ACTION[chosenKind] !== undefined;

  useEffect(() => {
    if (!chooseOfficial) return;
    // Without the list the officer still records as themself, the default.
    api.users().then(
      (r) => setOfficials(r.items.filter((u) => u.active && userCan(u, 'action.write'))),
      () => setOfficials([]),
    );
  }, [chooseOfficial]);

  const submit = async (v: Values) => {
    const details = detailsOf(v);
    await run(async () => {
      const result = await api.recordAction({
        employerIds: [employer.id],
        kind: v.kind,
        date: day(v.date),
        officialId: v.officialId,
        documentNumber: producesDocument && v.generateDocument ? undefined : text(v.documentNumber),
        fine: v.kind === 'sanction' ? v.fine : undefined,
        outcome: text(v.outcome),
        followUpOn: v.followUpOn ? day(v.followUpOn) : undefined,
        details: Object.keys(details).length > 0 ? details : undefined,
        generateDocument: producesDocument ? v.generateDocument : undefined,
      });
      const [action] = result.actions;
      onRecorded({
        kind: v.kind,
        employerName: employer.name,
        documentId: action?.documentId ?? null,
        documentNumber: action?.documentNumber ?? null,
      });
    });
  };

  return (
    <Modal
      open
      width={680}
      title={`${t('recordAction')} — ${employer.name}`}
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
        initialValues={{ kind, date: dayjs(today), officialId: user?.id, generateDocument: true }}
      >
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="kind" label={t('actionKind')} rules={[{ required: true, message: t('required') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={kinds.map((k) => ({ value: k, label: t(`action_${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="date" label={t('actionDate')} rules={[{ required: true, message: t('required') }]}>
              <DatePicker
                format={DATE_FORMAT}
                allowClear={false}
                disabledDate={(d) => day(d) > today}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
        {chooseOfficial && (
          <Form.Item name="officialId" label={t('actionOfficial')}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={officials.map((u) => ({
                value: u.id,
                label: `${u.fullName} (${u.username}) · ${u.office.name}`,
              }))}
            />
          </Form.Item>
        )}
        {producesDocument && (
          <Form.Item name="generateDocument" valuePropName="checked">
            <Checkbox>{t('generateDocument')}</Checkbox>
          </Form.Item>
        )}
        {(!producesDocument || !generate) && (
          <Row gutter={12}>
            <Col span={chosenKind === 'sanction' ? 12 : 24}>
              <Form.Item
                name="documentNumber"
                label={t(chosenKind === 'sanction' ? 'decisionNumber' : 'documentNumber')}
                rules={[
                  { required: chosenKind === 'sanction', whitespace: true, message: t('required') },
                  { max: 100 },
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            {chosenKind === 'sanction' && (
              <Col span={12}>
                <Form.Item name="fine" label={t('fine')} rules={[{ required: true, message: t('required') }]}>
                  <MoneyInput />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
        {chosenKind === 'invitation' && (
          <>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item
                  name="meetingWhen"
                  label={t('meetingWhen')}
                  rules={[{ required: true, message: t('required') }]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm', minuteStep: 15 }}
                    format={`HH:mm ${DATE_FORMAT}`}
                    disabledDate={(d) => day(d) < today}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item
                  name="meetingPlace"
                  label={t('meetingPlace')}
                  rules={[{ required: true, whitespace: true, message: t('required') }]}
                >
                  <Input maxLength={300} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="contact" label={t('contact')}>
              <Input maxLength={300} placeholder={t('contactPlaceholder')} />
            </Form.Item>
          </>
        )}
        {chosenKind === 'working_session' && (
          <>
            <Form.Item name="participants" label={t('participants')} extra={t('tagsHelp')}>
              <Select mode="tags" open={false} tokenSeparators={[';']} />
            </Form.Item>
            <Form.Item
              name="content"
              label={t('meetingContent')}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="conclusion" label={t('conclusion')}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          </>
        )}
        {chosenKind === 'prosecution_referral' && (
          <>
            <Form.Item name="agency" label={t('agency')}>
              <Input maxLength={300} placeholder={t('agencyPlaceholder')} />
            </Form.Item>
            <Form.Item name="enclosures" label={t('enclosures')} extra={t('tagsHelp')}>
              <Select mode="tags" open={false} tokenSeparators={[';']} placeholder={t('enclosuresPlaceholder')} />
            </Form.Item>
          </>
        )}
        {chosenKind === 'customer_conference' && (
          <Form.Item
            name="conference"
            label={t('conference')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input maxLength={300} />
          </Form.Item>
        )}
        <Form.Item name="outcome" label={t('outcome')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="followUpOn" label={t('followUpOn')} style={{ marginBottom: 0 }}>
          <DatePicker
            format={DATE_FORMAT}
            disabledDate={(d) => (date ? day(d) < day(date) : false)}
            style={{ width: 200 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
