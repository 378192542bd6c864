import { Alert, App, Button, Card, Form, Space, Spin, Table, Typography } from 'antd';
import { EditOutlined, FileExcelOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, ApiError, type ReportRef } from '../api/client';
import type { FigureRow, ProvinceReport, ReportNotes, ReportVersion } from '../../../src/features/campaigns/schemas';
import { useAuth } from '../auth/AuthContext';
import { userCan } from '../auth/roles';
import { formatDate, formatInstant, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { isNotFound, useLoad } from '../load';
import { useDownload } from '../urging/labels';
import { AmendModal } from './AmendModal';
import { BreakdownDrawer } from './BreakdownDrawer';
import { FiguresTable, Footnotes } from './FiguresTable';
import { CampaignCrumbs, Countdown, idParam, ReportStatusTag } from './labels';
import { FiguresBasisNote, RuleSetBasisNote } from '../layout/FiguresBasisNote';
import { NO_NOTES, NotesFields, trimNotes, useRowsWithNotes } from './notes';

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The draft before submission: the figures pre-filled from the data, the notes, and for the director the button that
 * freezes them.
 */
function Draft({
  report,
  reportRef,
  baselineDate,
  canSubmit,
  onOpen,
  onSubmitted,
}: {
  report: ProvinceReport;
  reportRef: ReportRef;
  baselineDate?: string;
  canSubmit: boolean;
  onOpen(row: FigureRow): void;
  onSubmitted(): void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ReportNotes>();
  const rows = useRowsWithNotes(report.draft?.rows ?? [], form);

  if (!report.draft) return <Alert type="info" showIcon title={t('dayNotCome')} />;

  const submit = (values: ReportNotes) =>
    modal.confirm({
      title: t('submitConfirmTitle', { date: formatDate(report.day) }),
      content: t('submitConfirmBody'),
      okText: t('submitAndFreeze'),
      cancelText: t('close'),
      onOk: async () => {
        try {
          const result = await api.submitReport(reportRef, trimNotes(values));
          message.success(t('reportSubmitted', { status: t(`report_${result.status}`) }));
          onSubmitted();
        } catch (e) {
          message.error(errorText(e));
          // Someone else submitted meanwhile: show what was frozen.
          if (e instanceof ApiError && e.status === 409) onSubmitted();
        }
      },
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={
          <Space>
            {t('draftFrom', { time: formatInstant(report.draft.dataVersion.computedAt) })}
            <FiguresBasisNote basis={report.draftBasis} />
            <RuleSetBasisNote ruleSets={report.draft.ruleSets} />
          </Space>
        }
      />
      <FiguresTable rows={rows} baselineDate={baselineDate} onOpen={onOpen} />
      <Footnotes notes={report.footnotes} />
      {canSubmit && (
        <Card size="small">
          <Form<ReportNotes> form={form} layout="vertical" initialValues={NO_NOTES} onFinish={submit}>
            <NotesFields />
            <Button type="primary" htmlType="submit" icon={<SendOutlined />} className="no-print">
              {t('submitReport')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}

/** Báo cáo của tỉnh for one day: the draft until it is sent, then the frozen versions. */
export function ReportPage() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { user } = useAuth();
  const download = useDownload();
  const params = useParams();
  const campaignId = idParam(params.id);
  const officeId = idParam(params.officeId);
  const day = params.day && CALENDAR_DAY.test(params.day) ? params.day : undefined;

  const {
    data: report,
    error,
    loading,
    reload,
  } = useLoad(
    campaignId === undefined || officeId === undefined || day === undefined
      ? null
      : () => api.report({ campaignId, officeId, day }),
    [campaignId, officeId, day],
    { keep: true },
  );
  const [baselineDate, setBaselineDate] = useState<string>();
  // The version picked in the list, for the answer it was picked in: a new answer (another day, a submission, an
  // amendment) shows its latest version again.
  const [shown, setShown] = useState<{ in: ProvinceReport; version: number } | null>(null);
  const [breakdown, setBreakdown] = useState<FigureRow | null>(null);
  const [amending, setAmending] = useState(false);
  const canSubmit = !!user && userCan(user, 'report.submit');

  useEffect(() => {
    if (campaignId === undefined) return;
    // Only for the heading of the baseline column; the report reads well without it.
    api.campaign(campaignId).then(
      (c) => setBaselineDate(c.baselineDate),
      () => undefined,
    );
  }, [campaignId]);

  if (!report && loading) return <Spin style={{ display: 'block', marginTop: 48 }} />;
  if (!report || error !== null) {
    return (
      <Space orientation="vertical">
        <CampaignCrumbs />
        {error === null || isNotFound(error) ? (
          <Alert type="warning" showIcon title={t('campaignNotFound')} />
        ) : (
          <Alert type="error" showIcon title={errorText(error)} />
        )}
      </Space>
    );
  }

  const reportRef: ReportRef = { campaignId: report.campaign.id, officeId: report.province.id, day: report.day };
  const latest = report.versions.at(-1);
  const selected = report.versions.find((v) => shown?.in === report && v.version === shown.version) ?? latest;

  const versionColumns: ColumnsType<ReportVersion> = [
    { title: t('version'), dataIndex: 'version', key: 'version', width: 70, align: 'center' },
    { title: t('submittedAt'), key: 'at', width: 150, render: (_, v) => formatInstant(v.submittedAt) },
    { title: t('submittedBy'), key: 'by', width: 180, render: (_, v) => v.submittedBy.fullName },
    { title: t('ruleSet'), key: 'rules', render: (_, v) => <RuleSetBasisNote ruleSets={v.figures.ruleSets} /> },
    {
      title: t('amendReason'),
      key: 'reason',
      render: (_, v) => v.amendmentReason ?? <Typography.Text type="secondary">{t('firstSubmission')}</Typography.Text>,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <CampaignCrumbs
        campaign={report.campaign}
        current={`${shortOfficeName(report.province.name)} · ${formatDate(report.day)}`}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 320 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {report.campaign.name}
          </Typography.Title>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('reportOf', { province: report.province.name, date: formatDate(report.day) })}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">{report.campaign.legalBasis}</Typography.Text>
          </div>
        </div>
        <Space wrap className="no-print">
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('print')}
          </Button>
          <Button icon={<FileExcelOutlined />} onClick={() => download(() => api.downloadReport(reportRef))}>
            {t('exportExcel')}
          </Button>
          {canSubmit && latest && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setAmending(true)}>
              {t('amend')}
            </Button>
          )}
        </Space>
      </div>
      <Space wrap size="middle" data-testid="report-status">
        <span>
          {t('reportDeadline')}: <strong>{formatInstant(report.deadline)}</strong>
        </span>
        <ReportStatusTag status={report.status} />
        <Countdown deadline={report.deadline} status={report.status} />
        {selected && (
          <Typography.Text type="secondary">
            {t('versionShown', {
              n: selected.version,
              time: formatInstant(selected.submittedAt),
              name: selected.submittedBy.fullName,
            })}
          </Typography.Text>
        )}
        {selected && <RuleSetBasisNote ruleSets={selected.figures.ruleSets} />}
      </Space>

      {selected ? (
        <>
          {report.versions.length > 1 && (
            <Card size="small" title={t('versions')} className="no-print">
              <Table<ReportVersion>
                rowKey="version"
                size="small"
                pagination={false}
                columns={versionColumns}
                dataSource={[...report.versions].reverse()}
                rowSelection={{
                  type: 'radio',
                  selectedRowKeys: [selected.version],
                  onChange: ([key]) => setShown({ in: report, version: Number(key) }),
                }}
                onRow={(v) => ({
                  onClick: () => setShown({ in: report, version: v.version }),
                  style: { cursor: 'pointer' },
                })}
              />
            </Card>
          )}
          <FiguresTable rows={selected.figures.rows} baselineDate={baselineDate} onOpen={setBreakdown} />
          {selected.notes.directorNote && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }}>
              <strong>{t('notesDirector')}:</strong> {selected.notes.directorNote}
            </Typography.Paragraph>
          )}
          <Footnotes notes={report.footnotes} />
        </>
      ) : (
        <Draft
          report={report}
          reportRef={reportRef}
          baselineDate={baselineDate}
          canSubmit={canSubmit}
          onOpen={setBreakdown}
          onSubmitted={reload}
        />
      )}

      {breakdown && (
        <BreakdownDrawer report={reportRef} row={breakdown} frozen={!!selected} onClose={() => setBreakdown(null)} />
      )}
      {amending && latest && (
        <AmendModal
          report={reportRef}
          date={formatDate(report.day)}
          notes={latest.notes}
          baselineDate={baselineDate}
          onClose={() => setAmending(false)}
          onAmended={(version) => {
            setAmending(false);
            message.success(t('reportAmended', { version }));
            reload();
          }}
        />
      )}
    </Space>
  );
}
