import { Alert, Form, Input, Modal, Spin, Typography } from 'antd';
import { api, type ReportRef } from '../api/client';
import type { ReportNotes } from '../../../src/features/campaigns/schemas';
import { formatInstant } from '../format';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';
import { RuleSetBasisNote } from '../layout/FiguresBasisNote';
import { FiguresTable } from './FiguresTable';
import { NotesFields, trimNotes, useRowsWithNotes } from './notes';
import { useSubmission } from '../submission';

interface Values extends ReportNotes {
  reason: string;
}

/**
 * Điều chỉnh: a new version frozen from the data as it is now, with a reason. The draft is fetched afresh on opening,
 * so that what the officer checks is what will be frozen.
 */
export function AmendModal({
  report,
  date,
  notes,
  baselineDate,
  onClose,
  onAmended,
}: {
  report: ReportRef;
  /** The reporting day, dd/mm/yyyy. */
  date: string;
  /** The latest version's notes, to start from. */
  notes: ReportNotes;
  baselineDate?: string;
  onClose(): void;
  onAmended(version: number): void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const { campaignId, officeId, day } = report;
  const draftLoad = useLoad(
    () => api.report({ campaignId, officeId, day }).then((r) => r.draft),
    [campaignId, officeId, day],
  );
  const draft = draftLoad.data;
  const submission = useSubmission();
  const { busy, run } = submission;
  // The form shows one failure: the submission's, else the draft's.
  const error = submission.error ?? draftLoad.error;
  const rows = useRowsWithNotes(draft?.rows ?? [], form);

  const submit = async ({ reason, ...values }: Values) => {
    await run(async () => {
      const result = await api.amendReport({ campaignId, officeId, day }, trimNotes(values), reason.trim());
      onAmended(result.version);
    });
  };

  return (
    <Modal
      open
      width={1000}
      title={t('amendTitle', { date })}
      okText={t('amend')}
      okButtonProps={{ loading: busy, disabled: !draft }}
      cancelText={t('close')}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('amendHelp')}</Typography.Paragraph>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ ...notes, reason: '' }}
        requiredMark={false}
      >
        <Form.Item
          name="reason"
          label={t('amendReason')}
          rules={[
            { required: true, min: 3, max: 2000, transform: (v?: string) => v?.trim(), message: t('reasonTooShort') },
          ]}
        >
          <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <NotesFields />
      </Form>
      {draft ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('amendFigures', { time: formatInstant(draft.dataVersion.computedAt) })}
            <RuleSetBasisNote ruleSets={draft.ruleSets} />
          </Typography.Paragraph>
          <FiguresTable rows={rows} baselineDate={baselineDate} />
        </>
      ) : (
        error === null && <Spin style={{ display: 'block', margin: '24px 0' }} />
      )}
    </Modal>
  );
}
