import { Alert, App, Button, InputNumber, Space, Tag, Tooltip, Typography, type InputNumberProps } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { ActionKind } from '../../../src/domain/actions';
import type { LadderStep } from '../../../src/domain/ladder';
import type { DueTask } from '../../../src/features/ladder/schemas';
import type { PromiseState } from '../../../src/features/promises/schemas';
import type { WorklistTier } from '../../../src/features/worklists/schemas';
import { api } from '../api/client';
import { formatCount, formatDate, formatVnd } from '../format';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';

const STEP_COLOR: Record<LadderStep, string> = {
  current: 'green',
  late: 'gold',
  urged: 'orange',
  invited: 'volcano',
  inspection_candidate: 'magenta',
  evasion: 'red',
  referral_candidate: 'red',
  referred: 'purple',
  instalment: 'blue',
};

export function StepTag({ step }: { step: LadderStep }) {
  const t = useT();
  return <Tag color={STEP_COLOR[step]}>{t(`step_${step}`)}</Tag>;
}

const TIER_COLOR: Record<WorklistTier, string> = { today: 'red', this_week: 'orange', later: 'default' };

export function TierTag({ tier }: { tier: WorklistTier }) {
  const t = useT();
  return <Tag color={TIER_COLOR[tier]}>{t(`tier_${tier}`)}</Tag>;
}

const PROMISE_COLOR: Record<PromiseState['status'], string> = { pending: 'blue', kept: 'green', broken: 'red' };

/** Đang theo dõi / Đã thực hiện / Không thực hiện, with what is outstanding, when it was kept, or what is short. */
export function PromiseStateTag({ state }: { state: PromiseState }) {
  const t = useT();
  const detail =
    state.status === 'pending'
      ? t('promiseNext', { date: formatDate(state.next.dueOn), amount: formatVnd(state.next.outstanding) })
      : state.status === 'kept'
        ? t('promiseKeptOn', { date: formatDate(state.keptOn) })
        : t('promiseShortfall', { amount: formatVnd(state.shortfall), date: formatDate(state.missedDueOn) });
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={PROMISE_COLOR[state.status]}>{t(`promise_${state.status}`)}</Tag>
      <Typography.Text type={state.status === 'broken' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {detail}
      </Typography.Text>
    </Space>
  );
}

/** The tasks due, each with its date: red once the date has passed, bold on the day itself. */
export function DueList({ due, asOf, withReason = false }: { due: DueTask[]; asOf: string; withReason?: boolean }) {
  const t = useT();
  if (due.length === 0) return <Typography.Text type="secondary">{t('nothingDue')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {due.map((d) => {
        const when = (
          <Typography.Text type={d.by < asOf ? 'danger' : undefined} strong={d.by <= asOf}>
            {t(`action_${d.action}`)} · {t('dueBy', { date: formatDate(d.by) })}
          </Typography.Text>
        );
        return withReason ? (
          <span key={`${d.action}-${d.by}`}>
            {when}
            <Typography.Text type="secondary"> — {t(`reason_${d.reason}`)}</Typography.Text>
          </span>
        ) : (
          <Tooltip key={`${d.action}-${d.by}`} title={t(`reason_${d.reason}`)}>
            {when}
          </Tooltip>
        );
      })}
    </Space>
  );
}

/** Runs a download, telling the officer when it fails (e.g. PDF asked of a server without LibreOffice). */
export function useDownload(): (download: () => Promise<void>) => void {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return (download) => void download().catch((e) => message.error(errorText(e)));
}

export interface Recorded {
  kind: ActionKind;
  employerName: string;
  documentId: number | null;
  documentNumber: string | null;
}

/** What was just recorded, with its document to download: it stays until closed, as the letter is often printed later. */
export function RecordedAlert({ recorded, onClose }: { recorded: Recorded; onClose(): void }) {
  const t = useT();
  const download = useDownload();
  const pdf = usePdfAvailable();
  const { documentId } = recorded;
  return (
    <Alert
      type="success"
      showIcon
      closable={{ onClose }}
      title={t('recordedAction', { kind: t(`action_${recorded.kind}`), employer: recorded.employerName })}
      description={recorded.documentNumber ? t('recordedNumber', { number: recorded.documentNumber }) : undefined}
      action={
        documentId !== null && (
          <Space>
            <Button
              type="primary"
              size="small"
              icon={<DownloadOutlined />}
              data-testid="download-document"
              onClick={() => download(() => api.downloadDocument(documentId))}
            >
              {t('downloadDocument')}
            </Button>
            {pdf && (
              <Button
                size="small"
                icon={<FilePdfOutlined />}
                onClick={() => download(() => api.downloadDocument(documentId, 'pdf'))}
              >
                {t('downloadPdf')}
              </Button>
            )}
          </Space>
        )
      }
    />
  );
}

/** Whole đồng typed with the usual dot grouping (1.234.567). */
export function MoneyInput(props: InputNumberProps<number>) {
  return (
    <InputNumber<number>
      min={1}
      step={1_000_000}
      style={{ width: '100%' }}
      formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : formatCount(Number(v)))}
      parser={(v) => Number((v ?? '').replace(/\./g, ''))}
      suffix="₫"
      {...props}
    />
  );
}

/**
 * Whether the server can make PDFs (LibreOffice installed); false until it has said so, so that a PDF button never
 * shows only to fail. Asked once per load of the app: installing LibreOffice shows the buttons after a reload.
 */
let pdfFormats: Promise<boolean> | undefined;
export function usePdfAvailable(): boolean {
  return (
    useLoad(() => {
      pdfFormats ??= api.documentFormats().then(
        (f) => f.pdf,
        () => {
          pdfFormats = undefined;
          return false;
        },
      );
      return pdfFormats;
    }, []).data ?? false
  );
}
