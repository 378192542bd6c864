import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useErrorText, useT } from '../i18n';
import { useSubmission } from '../submission';

/**
 * Asks why a record is cancelled (nothing is deleted: the reason stays with it) and cancels it; the texts can say
 * "withdraw" instead, for a public list.
 */
export function ReasonModal({
  title,
  onCancel,
  onSubmit,
  okText,
  help,
  label,
}: {
  title: string;
  onCancel(): void;
  onSubmit(reason: string): Promise<void>;
  okText?: string;
  help?: string;
  label?: string;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, error, run } = useSubmission();

  const submit = async ({ reason }: { reason: string }) => {
    await run(() => onSubmit(reason.trim()));
  };

  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('cancelEntry')}
      okButtonProps={{ danger: true, loading: busy }}
      cancelText={t('close')}
      onOk={() => form.submit()}
      onCancel={onCancel}
    >
      <Typography.Paragraph type="secondary">{help ?? t('cancelHelp')}</Typography.Paragraph>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="reason"
          label={label ?? t('cancelReason')}
          rules={[
            { required: true, min: 3, max: 1000, transform: (v?: string) => v?.trim(), message: t('reasonTooShort') },
          ]}
        >
          <Input.TextArea autoFocus rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
