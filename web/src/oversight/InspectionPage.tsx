import { Alert, Card, DatePicker, Progress, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { Office } from '../../../src/features/offices/schemas';
import type { InspectionCandidate, InspectionCoverage } from '../../../src/features/oversight/schemas';
import { vietnamToday } from '../campaigns/labels';
import { formatCount, formatShare, formatVnd, sharePercent, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';
import { OfficeTreeSelect, scopeRoot } from '../offices';
import { useUrlState } from '../url';
import { DataTable, ExportButtons, useTableExport, type DataColumn } from './DataCard';
import { FiguresBasisNote } from '../layout/FiguresBasisNote';
import { yearParam } from './labels';

const CANDIDATES = 100;
const NO_OFFICES: Office[] = [];

/**
 * Thanh tra: per province, how many of the employers late 3 months or more have had a surprise inspection this year,
 * with the sanctions and fines; below, the employers to inspect next.
 */
export function InspectionPage() {
  const t = useT();
  const errorText = useErrorText();
  const save = useTableExport();
  const url = useUrlState();
  const year = yearParam(url);
  const officeId = url.positiveInt('officeId');

  const officesLoad = useLoad(() => api.offices().then((r) => r.items.filter((o) => o.kind !== 'department')), []);
  const offices = officesLoad.data ?? NO_OFFICES;
  const coverageLoad = useLoad(() => api.inspection(year), [year]);
  const coverage = coverageLoad.data?.items ?? null;
  const basis = coverageLoad.data?.basis ?? null;
  const candidatesLoad = useLoad(() => api.inspectionCandidates(officeId, CANDIDATES), [officeId]);
  const candidates = candidatesLoad.data?.items ?? null;
  // The rule set's months late for a surprise inspection, as the server counts them.
  const months = candidatesLoad.data?.minMonths ?? null;
  const error = coverageLoad.error ?? candidatesLoad.error ?? officesLoad.error;

  const columns: DataColumn<InspectionCoverage>[] = [
    {
      title: t('province'),
      value: (r) => r.province.name,
      render: (r) => <span title={r.province.name}>{shortOfficeName(r.province.name)}</span>,
    },
    {
      title: t('lateThreeMonths', { n: coverage?.[0]?.minMonths ?? 3 }),
      value: (r) => r.lateThreeMonths,
      format: formatCount,
      sum: true,
      width: 130,
    },
    { title: t('surpriseInspected'), value: (r) => r.surpriseInspected, format: formatCount, sum: true, width: 130 },
    {
      title: t('coverage'),
      value: (r) => r.coverage && sharePercent(r.coverage),
      width: 200,
      render: (r) =>
        r.coverage === null ? (
          '—'
        ) : (
          <Progress
            percent={sharePercent(r.coverage)}
            size="small"
            status="normal"
            format={() => formatShare(r.coverage!)}
          />
        ),
    },
    { title: t('sanctions'), value: (r) => r.sanctions, format: formatCount, sum: true, width: 130 },
    { title: t('fines'), value: (r) => r.fines, format: formatVnd, sum: true, width: 160 },
  ];

  const candidateColumns: ColumnsType<InspectionCandidate> = [
    { title: t('code'), key: 'code', width: 110, render: (_, c) => c.employer.code },
    {
      title: t('name'),
      key: 'name',
      render: (_, c) => <Link to={`/employers/${c.employer.id}`}>{c.employer.name}</Link>,
    },
    {
      title: t('office'),
      key: 'office',
      width: 200,
      ellipsis: { showTitle: false },
      render: (_, c) => <span title={c.employer.officeName}>{shortOfficeName(c.employer.officeName)}</span>,
    },
    {
      title: t('headcount'),
      key: 'headcount',
      width: 100,
      align: 'right',
      render: (_, c) => formatCount(c.employer.headcount),
    },
    {
      title: t('lateAmount'),
      key: 'lateAmount',
      width: 150,
      align: 'right',
      render: (_, c) => formatVnd(c.lateAmount),
    },
    {
      title: t('overdueMonths'),
      key: 'overdueMonths',
      width: 110,
      align: 'right',
      render: (_, c) => c.overdueMonths,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
        <div style={{ flex: 1, minWidth: 240 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('inspectionTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('inspectionHelp', { months: months ?? '…' })}</Typography.Text>
          <div>
            <FiguresBasisNote basis={basis} />
          </div>
        </div>
        <DatePicker
          picker="year"
          allowClear={false}
          aria-label={t('year')}
          value={dayjs(`${year}-01-01`)}
          disabledDate={(d) => d.year() > Number(vietnamToday().slice(0, 4))}
          onChange={(d) => d && url.update({ year: d.year() }, false)}
        />
        <ExportButtons
          disabled={!coverage?.length}
          onXlsx={() => void save.xlsx(`thanh-tra-dot-xuat-${year}.csv`, t('menuInspection'), columns, coverage ?? [])}
          onCsv={() => save.csv(`thanh-tra-dot-xuat-${year}.csv`, columns, coverage ?? [])}
        />
      </div>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      <Card size="small" loading={coverageLoad.loading}>
        <DataTable columns={columns} rows={coverage ?? []} rowKey={(r) => r.province.id} />
      </Card>
      <Card
        size="small"
        title={t('candidatesTitle')}
        extra={
          <OfficeTreeSelect
            offices={offices}
            value={officeId ?? scopeRoot(offices)?.id}
            label={t('office')}
            onChange={(id) => url.update({ officeId: id === scopeRoot(offices)?.id ? undefined : id }, false)}
            style={{ width: 300 }}
          />
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('candidatesHelp', { months: months ?? '…' })}
        </Typography.Paragraph>
        <Table<InspectionCandidate>
          rowKey={(c) => c.employer.id}
          size="small"
          loading={candidatesLoad.loading}
          columns={candidateColumns}
          dataSource={candidates ?? []}
          pagination={{
            pageSize: 20,
            hideOnSinglePage: true,
            showSizeChanger: false,
            showTotal: (n) => t('totalEmployers', { n: formatCount(n) }),
          }}
          scroll={{ x: 900 }}
        />
      </Card>
    </Space>
  );
}
