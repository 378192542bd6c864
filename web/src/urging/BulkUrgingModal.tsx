import { Alert, App, Button, Modal, Progress, Space, Typography } from 'antd';
import { DownloadOutlined, MailOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { api, followProgress, newProgressId } from '../api/client';
import type { Progress as WorkState } from '../../../src/features/progress/schemas';
import { useAuth } from '../auth/AuthContext';
import { actionKindsFor } from '../auth/roles';
import { WorkProgress } from '../layout/WorkProgress';
import { formatCount, formatDate } from '../format';
import { useErrorText, useT } from '../i18n';
import { useSelection, type ListTableProps } from '../ListTable';

/**
 * Letters recorded per request: a request is one transaction on the server, so a small batch keeps the progress
 * moving and a failure part way loses no letter already recorded (each batch stands on its own).
 */
const BATCH = 10;

/** As many employers as one recording of an action takes, and one zip of their letters holds. */
const MAX_SELECTED = 200;

/**
 * A list's rows ticked for an urging letter to each, the same on every list of employers: for whoever may send one,
 * the ticks (ListTable's `selection`), the bar above the list (`bar`) and the letters recorded and downloaded
 * (`modal`); nothing for anyone else.
 */
export function useBulkUrging<T>(options: {
  employerOf: (row: T) => BulkEmployer;
  /** The server's day the letters are dated; none yet while the list loads. */
  date: string | undefined;
  /** Some letters were recorded: the list has changed. */
  onRecorded: () => void;
}): { selection: ListTableProps<T>['selection']; bar: ReactNode; modal: ReactNode } {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const { employerOf, date } = options;
  const urges = !!user && actionKindsFor(user).includes('urging_letter');
  const { selected, selection, clear } = useSelection(
    (row: T) => employerOf(row).id,
    MAX_SELECTED,
    () => message.warning(t('selectionLimit', { max: MAX_SELECTED })),
  );
  // Those ticked when the letters were asked for: the ticks are cleared as the letters are recorded.
  const [urging, setUrging] = useState<BulkEmployer[] | null>(null);
  return {
    selection: urges ? selection : undefined,
    bar: urges && (
      <SelectionBar
        count={selected.size}
        onUrge={() => setUrging([...selected.values()].map(employerOf))}
        onClear={() => clear()}
      />
    ),
    modal: urging && date !== undefined && (
      <BulkUrgingModal
        employers={urging}
        date={date}
        onClose={() => setUrging(null)}
        onRecorded={(ids) => {
          clear(ids);
          options.onRecorded();
        }}
      />
    ),
  };
}

/** Above a list with rows ticked: how many, the letter to them all, and a way to untick them. */
function SelectionBar(props: { count: number; onUrge: () => void; onClear: () => void }) {
  const t = useT();
  if (props.count === 0) return null;
  return (
    <Alert
      type="info"
      title={
        <Space wrap>
          <span data-testid="selected-count">{t('selectedCount', { n: formatCount(props.count) })}</span>
          <Button type="primary" size="small" icon={<MailOutlined />} onClick={props.onUrge}>
            {t('bulkUrging', { n: formatCount(props.count) })}
          </Button>
          <Button size="small" onClick={props.onClear}>
            {t('clearSelection')}
          </Button>
        </Space>
      }
    />
  );
}

export interface BulkEmployer {
  id: number;
  code: string;
  name: string;
}

type Phase =
  | { step: 'confirm' }
  | { step: 'recording'; done: number }
  /** The server makes the zip (`work`, as it last said), then sends it (`received` of `total` bytes). */
  | { step: 'zipping'; received: number; total: number; work: WorkState | null }
  | { step: 'done' }
  | { step: 'stopped'; done: number; error: unknown };

/**
 * Công văn đôn đốc for each selected employer: recorded batch by batch (each letter numbered and stored by the
 * server), then the stored letters fetched as one zip; both with their progress, since a few hundred letters take a
 * while. Closing part way stops after the batch in flight.
 */
function BulkUrgingModal(props: {
  employers: BulkEmployer[];
  date: string;
  onClose: () => void;
  /** Some letters were recorded: the list has changed. */
  onRecorded: (employerIds: number[]) => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const { employers, date } = props;
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' });
  const [documentIds, setDocumentIds] = useState<number[]>([]);
  const [zipError, setZipError] = useState<unknown>(null);
  const n = employers.length;

  const fetchZip = async (ids: number[]) => {
    setZipError(null);
    setPhase({ step: 'zipping', received: 0, total: 0, work: null });
    const id = newProgressId();
    const stop = followProgress(id, (work) =>
      setPhase((p) => (p.step === 'zipping' && p.received === 0 ? { ...p, work } : p)),
    );
    try {
      await api.downloadDocumentsZip(
        ids,
        (received, total) => {
          stop();
          setPhase({ step: 'zipping', received, total, work: null });
        },
        id,
      );
      setPhase({ step: 'done' });
    } catch (e) {
      setZipError(e);
      setPhase({ step: 'done' });
    } finally {
      stop();
    }
  };

  const start = async () => {
    const ids: number[] = [];
    const recorded: number[] = [];
    setPhase({ step: 'recording', done: 0 });
    for (let i = 0; i < n; i += BATCH) {
      const batch = employers.slice(i, i + BATCH).map((e) => e.id);
      try {
        const result = await api.recordAction({ employerIds: batch, kind: 'urging_letter', date });
        for (const a of result.actions) {
          recorded.push(a.employerId);
          if (a.documentId !== null) ids.push(a.documentId);
        }
        setPhase({ step: 'recording', done: recorded.length });
      } catch (error) {
        setDocumentIds(ids);
        if (recorded.length > 0) props.onRecorded(recorded);
        setPhase({ step: 'stopped', done: recorded.length, error });
        return;
      }
    }
    setDocumentIds(ids);
    props.onRecorded(recorded);
    await fetchZip(ids);
  };

  const busy = phase.step === 'recording' || phase.step === 'zipping';
  return (
    <Modal
      open
      title={t('bulkUrgingTitle', { n: formatCount(n) })}
      onCancel={busy ? undefined : props.onClose}
      closable={!busy}
      mask={{ closable: false }}
      footer={
        phase.step === 'confirm' ? (
          <Space>
            <Button onClick={props.onClose}>{t('cancelEntry')}</Button>
            <Button type="primary" data-testid="bulk-urging-start" onClick={() => void start()}>
              {t('bulkUrgingStart')}
            </Button>
          </Space>
        ) : (
          <Space>
            {documentIds.length > 0 && !busy && (
              <Button icon={<DownloadOutlined />} onClick={() => void fetchZip(documentIds)}>
                {t('downloadZip')}
              </Button>
            )}
            <Button type="primary" disabled={busy} onClick={props.onClose}>
              {t('close')}
            </Button>
          </Space>
        )
      }
    >
      {phase.step === 'confirm' && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('bulkUrgingConfirm', { date: formatDate(date) })}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true, symbol: '…' }}>
            {employers.map((e) => `${e.code} ${e.name}`).join(' · ')}
          </Typography.Paragraph>
        </Space>
      )}
      {phase.step === 'recording' && (
        <div data-testid="bulk-progress">
          <Typography.Text>{t('bulkRecording', { done: formatCount(phase.done), n: formatCount(n) })}</Typography.Text>
          <Progress percent={Math.floor((phase.done / n) * 100)} />
        </div>
      )}
      {phase.step === 'zipping' && phase.received === 0 && (
        <div data-testid="bulk-progress">
          <WorkProgress progress={phase.work} />
        </div>
      )}
      {phase.step === 'zipping' && phase.received > 0 && (
        <div data-testid="bulk-progress">
          <Typography.Text>
            {t('bulkZipping', { received: `${formatCount(Math.round(phase.received / 1024))} KB` })}
          </Typography.Text>
          <Progress percent={phase.total > 0 ? Math.floor((phase.received / phase.total) * 100) : 0} status="active" />
        </div>
      )}
      {phase.step === 'done' &&
        (zipError === null ? (
          <Alert type="success" showIcon title={t('bulkDone', { n: formatCount(n) })} data-testid="bulk-done" />
        ) : (
          <Alert type="error" showIcon title={errorText(zipError)} />
        ))}
      {phase.step === 'stopped' && (
        <Alert
          type="error"
          showIcon
          title={t('bulkStopped', { done: formatCount(phase.done), n: formatCount(n) })}
          description={errorText(phase.error)}
        />
      )}
    </Modal>
  );
}
