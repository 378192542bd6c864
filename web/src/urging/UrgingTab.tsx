import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Modal,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import {
  AuditOutlined,
  CheckCircleTwoTone,
  CloseCircleTwoTone,
  FileWordOutlined,
  PaperClipOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState, type CSSProperties } from 'react';
import { api } from '../api/client';
import type { EmployerAction } from '../../../src/features/actions/schemas';
import type { EvidenceFile } from '../../../src/features/documents/schemas';
import type { Ladder } from '../../../src/features/ladder/schemas';
import type { PaymentPromise } from '../../../src/features/promises/schemas';
import { useAuth } from '../auth/AuthContext';
import { actionKindsFor, userCan } from '../auth/roles';
import { formatDate, formatVnd } from '../format';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';
import { ActionFormModal } from './ActionFormModal';
import {
  DueList,
  PromiseStateTag,
  RecordedAlert,
  StepTag,
  useDownload,
  usePdfAvailable,
  type Recorded,
} from './labels';
import { PromiseFormModal } from './PromiseFormModal';
import { ReasonModal } from './ReasonModal';

/** The server's ATTACHMENT_MAX_BYTES: refused here before a long upload is wasted. */
const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

interface Data {
  ladder: Ladder;
  actions: EmployerAction[];
  promises: PaymentPromise[];
  /** The server's today, the default date of anything recorded. */
  today: string;
}

type Dialog =
  | { kind: 'action' }
  | { kind: 'promise' }
  | { kind: 'cancelAction'; id: number }
  | { kind: 'cancelPromise'; id: number }
  | { kind: 'evidence'; file: EvidenceFile };

// A cancelled record stays readable but struck out; its tags are inline blocks, which the strike does not cross.
const CANCELLED_ROW: CSSProperties = { textDecoration: 'line-through', color: 'rgba(0, 0, 0, 0.45)' };

/** A field of an action's details as shown: the server keeps them as given, so only text is text. */
const detailText = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** Đôn đốc: where the employer stands on the ladder, what was done about its debt, and what it promised. */
export function UrgingTab({ employer }: { employer: { id: number; name: string } }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { user } = useAuth();
  const download = useDownload();
  const pdf = usePdfAvailable();
  // Kept while a write's reload runs, so the tab does not blank out under the officer.
  const { data, error, reload } = useLoad(
    () =>
      Promise.all([
        api.ladder(employer.id),
        api.actions(employer.id),
        api.promises(employer.id),
        api.arrears(employer.id),
      ]).then(
        ([ladder, actions, promises, position]): Data => ({
          ladder,
          actions: actions.items,
          promises: promises.items,
          today: position.asOf,
        }),
      ),
    [employer.id],
    { keep: true },
  );
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [uploadingTo, setUploadingTo] = useState<number | null>(null);
  const [buildingEvidence, setBuildingEvidence] = useState(false);

  const kinds = user ? actionKindsFor(user) : [];
  const canWrite = !!user && userCan(user, 'action.write') && kinds.length > 0;
  // The server lets those who hold working sessions record promises, and only they.
  const canPromise = kinds.includes('working_session');
  const canRefer = kinds.includes('prosecution_referral');

  if (error !== null) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!data) return <Spin style={{ display: 'block', marginTop: 24 }} />;
  const { ladder, actions, promises, today } = data;

  const upload = async (actionId: number, file: File) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      message.error(t('attachTooLarge'));
      return;
    }
    setUploadingTo(actionId);
    try {
      await api.uploadAttachment(actionId, file);
      message.success(t('attached', { name: file.name }));
      reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setUploadingTo(null);
    }
  };

  const buildEvidence = async () => {
    setBuildingEvidence(true);
    try {
      const file = await api.evidenceFile(employer.id);
      setDialog({ kind: 'evidence', file });
      download(() => api.downloadDocument(file.id));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBuildingEvidence(false);
    }
  };

  const actionColumns: ColumnsType<EmployerAction> = [
    { title: t('actionDate'), dataIndex: 'date', key: 'date', width: 95, render: formatDate },
    {
      title: t('actionKind'),
      key: 'kind',
      width: 210,
      render: (_, a) => (
        <Space orientation="vertical" size={2}>
          <span style={a.cancelled ? { textDecoration: 'line-through' } : undefined}>{t(`action_${a.kind}`)}</span>
          {a.kind === 'c12_notice' && (
            <Tooltip title={t('c12NotUrgingHelp')}>
              <Tag>{t('c12NotUrging')}</Tag>
            </Tooltip>
          )}
          {a.cancelled && (
            <Tag color="red" style={{ whiteSpace: 'normal' }}>
              {t('cancelledBecause', { reason: a.cancelled.reason })}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('actionOfficial'), key: 'official', width: 140, render: (_, a) => a.official.fullName },
    {
      title: t('documentNumber'),
      key: 'document',
      width: 160,
      render: (_, a) =>
        a.documents.length === 0 ? (
          (a.documentNumber ?? '—')
        ) : (
          <Space orientation="vertical" size={0}>
            {a.documents.map((d) => (
              <Space key={d.id} size={4}>
                <Button
                  type="link"
                  size="small"
                  icon={<FileWordOutlined />}
                  style={{ paddingInline: 0 }}
                  title={d.fileName}
                  onClick={() => download(() => api.downloadDocument(d.id))}
                >
                  {d.number ?? d.fileName}
                </Button>
                {pdf && (
                  <Button type="link" size="small" onClick={() => download(() => api.downloadDocument(d.id, 'pdf'))}>
                    {t('downloadPdf')}
                  </Button>
                )}
              </Space>
            ))}
          </Space>
        ),
    },
    {
      title: t('outcome'),
      key: 'outcome',
      minWidth: 200,
      render: (_, a) => {
        const notes = [
          a.fine !== null ? t('fineOf', { amount: formatVnd(a.fine) }) : null,
          detailText(a.details.meetingWhen) && detailText(a.details.meetingPlace)
            ? `${detailText(a.details.meetingWhen)} · ${detailText(a.details.meetingPlace)}`
            : null,
          detailText(a.details.conference),
        ].filter((n) => n !== null);
        return (
          <>
            {a.outcome && <div style={{ whiteSpace: 'pre-line' }}>{a.outcome}</div>}
            {notes.map((n) => (
              <Typography.Text key={n} type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {n}
              </Typography.Text>
            ))}
          </>
        );
      },
    },
    {
      title: t('followUpOn'),
      dataIndex: 'followUpOn',
      key: 'followUpOn',
      width: 100,
      render: (d: string | null) => (d ? formatDate(d) : '—'),
    },
    {
      title: t('attachments'),
      key: 'attachments',
      width: 180,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          {a.attachments.map((f) => (
            <Typography.Link key={f.id} onClick={() => download(() => api.downloadAttachment(f.id))}>
              <PaperClipOutlined /> {f.fileName}
            </Typography.Link>
          ))}
          {canWrite && !a.cancelled && (
            <Upload
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(a.id, file);
                return false;
              }}
            >
              <Button size="small" type="dashed" icon={<PlusOutlined />} loading={uploadingTo === a.id}>
                {t('attach')}
              </Button>
            </Upload>
          )}
        </Space>
      ),
    },
    {
      key: 'cancel',
      width: 70,
      render: (_, a) =>
        !a.cancelled &&
        kinds.includes(a.kind) && (
          <Button size="small" danger type="text" onClick={() => setDialog({ kind: 'cancelAction', id: a.id })}>
            {t('cancelEntry')}
          </Button>
        ),
    },
  ];

  const promiseColumns: ColumnsType<PaymentPromise> = [
    { title: t('promiseKind'), key: 'kind', width: 170, render: (_, p) => t(`promiseKind_${p.kind}`) },
    { title: t('madeOn'), dataIndex: 'madeOn', key: 'madeOn', width: 110, render: formatDate },
    {
      title: t('instalments'),
      key: 'instalments',
      render: (_, p) =>
        p.instalments.map((i) => (
          <div key={i.dueOn}>{t('instalmentLine', { amount: formatVnd(i.amount), date: formatDate(i.dueOn) })}</div>
        )),
    },
    {
      title: t('status'),
      key: 'state',
      width: 240,
      render: (_, p) =>
        p.cancelled ? (
          <Tag color="red" style={{ whiteSpace: 'normal' }}>
            {t('cancelledBecause', { reason: p.cancelled.reason })}
          </Tag>
        ) : (
          <PromiseStateTag state={p.state} />
        ),
    },
    { title: t('note'), dataIndex: 'note', key: 'note', render: (n: string) => n || '—' },
    {
      key: 'cancel',
      width: 70,
      render: (_, p) =>
        canPromise &&
        !p.cancelled && (
          <Button size="small" danger type="text" onClick={() => setDialog({ kind: 'cancelPromise', id: p.id })}>
            {t('cancelEntry')}
          </Button>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {recorded && <RecordedAlert recorded={recorded} onClose={() => setRecorded(null)} />}
      {canWrite && (
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'action' })}>
            {t('recordAction')}
          </Button>
          {canPromise && <Button onClick={() => setDialog({ kind: 'promise' })}>{t('recordPromise')}</Button>}
          {canRefer && (
            <Button danger icon={<AuditOutlined />} loading={buildingEvidence} onClick={() => void buildEvidence()}>
              {t('evidenceFile')}
            </Button>
          )}
        </Space>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('ladderTitle')} style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                {
                  key: 'step',
                  label: t('currentStep'),
                  children: (
                    <Space size={4} wrap>
                      <StepTag step={ladder.step} />
                      {ladder.brokenPromise && <Tag color="red">{t('brokenPromise')}</Tag>}
                    </Space>
                  ),
                },
                { key: 'since', label: t('stepSince'), children: ladder.since ? formatDate(ladder.since) : '—' },
                {
                  key: 'evaluated',
                  label: t('evaluatedOn'),
                  children: ladder.evaluatedOn ? formatDate(ladder.evaluatedOn) : '—',
                },
                ...(ladder.referralClause === null
                  ? []
                  : [
                      {
                        key: 'clause',
                        label: t('referralClause'),
                        span: 'filled' as const,
                        children: <Tag color="red">{t('referralClauseValue', { n: ladder.referralClause })}</Tag>,
                      },
                    ]),
                {
                  key: 'due',
                  label: t('dueTasks'),
                  span: 'filled',
                  children: <DueList due={ladder.due} asOf={today} withReason />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('ladderHistory')} style={{ height: '100%' }}>
            {ladder.moves.length === 0 ? (
              <Typography.Text type="secondary">{t('noData')}</Typography.Text>
            ) : (
              <Timeline
                items={ladder.moves.map((m) => ({
                  key: `${m.step}-${m.enteredOn}`,
                  color: m.leftOn === null ? 'blue' : 'gray',
                  content: (
                    <Space size={4} wrap>
                      <StepTag step={m.step} />
                      <Typography.Text type="secondary">
                        {formatDate(m.enteredOn)} – {m.leftOn ? formatDate(m.leftOn) : t('untilNow')}
                      </Typography.Text>
                    </Space>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('actionsTitle')}>
        <Table<EmployerAction>
          rowKey="id"
          size="small"
          columns={actionColumns}
          dataSource={actions}
          onRow={(a) => ({ style: a.cancelled ? CANCELLED_ROW : undefined })}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1150 }}
        />
      </Card>
      <Card size="small" title={t('promisesTitle')}>
        <Table<PaymentPromise>
          rowKey="id"
          size="small"
          columns={promiseColumns}
          dataSource={promises}
          onRow={(p) => ({ style: p.cancelled ? CANCELLED_ROW : undefined })}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        />
      </Card>

      {dialog?.kind === 'action' && (
        <ActionFormModal
          employer={employer}
          today={today}
          onClose={() => setDialog(null)}
          onRecorded={(r) => {
            setDialog(null);
            setRecorded(r);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'promise' && (
        <PromiseFormModal
          employerId={employer.id}
          today={today}
          actions={actions}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'cancelAction' && (
        <ReasonModal
          title={t('cancelActionTitle')}
          onCancel={() => setDialog(null)}
          onSubmit={async (reason) => {
            await api.cancelAction(dialog.id, reason);
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'cancelPromise' && (
        <ReasonModal
          title={t('cancelPromiseTitle')}
          onCancel={() => setDialog(null)}
          onSubmit={async (reason) => {
            await api.cancelPromise(dialog.id, reason);
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'evidence' && (
        <Modal
          open
          width={720}
          title={t('evidenceTitle')}
          onCancel={() => setDialog(null)}
          footer={[
            <Button key="close" onClick={() => setDialog(null)}>
              {t('close')}
            </Button>,
            <Button
              key="download"
              type="primary"
              icon={<FileWordOutlined />}
              onClick={() => download(() => api.downloadDocument(dialog.file.id))}
            >
              {t('downloadEvidence')}
            </Button>,
          ]}
        >
          <Typography.Paragraph strong>
            {t('evidenceMet', {
              n: dialog.file.criteria.filter((c) => c.met).length,
              total: dialog.file.criteria.length,
            })}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={dialog.file.criteria}
            renderItem={(c) => (
              <List.Item>
                <List.Item.Meta
                  avatar={
                    c.met ? (
                      <CheckCircleTwoTone twoToneColor="#52c41a" />
                    ) : (
                      <CloseCircleTwoTone twoToneColor="#ff4d4f" />
                    )
                  }
                  title={c.label}
                  description={c.detail}
                />
              </List.Item>
            )}
          />
        </Modal>
      )}
    </Space>
  );
}
