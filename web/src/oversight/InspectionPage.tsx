import { Alert, Card, DatePicker, Progress, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { LADDER_STEPS } from '../../../src/domain/ladder';
import type { CandidateSort, InspectionCandidate, InspectionCoverage } from '../../../src/features/oversight/schemas';
import { vietnamToday } from '../campaigns/labels';
import { formatCount, formatShare, formatVnd, sharePercent, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';
import { EmployerListFilterBar, useColumnTitle, useEmployerColumns, useEmployerListFilters } from '../ListFilters';
import { ListTable, useListQuery, type ListColumn } from '../ListTable';
import { useUrlState } from '../url';
import { DataTable, ExportButtons, useTableExport, type DataColumn } from './DataCard';
import { FiguresBasisNote } from '../layout/FiguresBasisNote';
import { yearParam } from './labels';

const SORTS = [
  'lateAmount',
  'overdueMonths',
  'code',
  'name',
  'office',
  'headcount',
  'step',
] as const satisfies readonly CandidateSort[];
const DEFAULT_SORT = { sort: 'lateAmount', order: 'desc' } as const;
const PAGE_SIZES = [50, 100, 200];
/** A candidate is late: on a step past 'current'. */
const LATE_STEPS = LADDER_STEPS.filter((s) => s !== 'current');

/**
 * Thanh tra: per province, how many of the employers late 3 months or more have had a surprise inspection this year,
 * with the sanctions and fines; below, the employers to inspect next.
 */
export function InspectionPage() {
  const t = useT();
  const errorText = useErrorText();
  const save = useTableExport();
  const navigate = useNavigate();
  const url = useUrlState();
  const year = yearParam(url);
  const title = useColumnTitle();
  const filters = useEmployerListFilters(url);
  const [query, setQuery] = useListQuery(url, { sorts: SORTS, defaultSort: DEFAULT_SORT, pageSizes: PAGE_SIZES });
  const request = { ...filters, ...query };

  const coverageLoad = useLoad(() => api.inspection(year), [year]);
  const coverage = coverageLoad.data?.items ?? null;
  const basis = coverageLoad.data?.basis ?? null;
  const candidatesLoad = useLoad(() => api.inspectionCandidates(request), [JSON.stringify(request)], { keep: true });
  // The rule set's months late for a surprise inspection, as the server counts them.
  const months = candidatesLoad.data?.minMonths ?? null;
  const error = coverageLoad.error;

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

  const shared = useEmployerColumns((c: InspectionCandidate) => c.employer);
  const candidateColumns: ListColumn<InspectionCandidate, CandidateSort>[] = [
    shared.code,
    shared.name,
    shared.office,
    {
      title: title('headcount'),
      key: 'headcount',
      sortKey: 'headcount',
      width: 96,
      align: 'right',
      render: (_, c) => formatCount(c.employer.headcount),
    },
    {
      title: title('lateAmount'),
      key: 'lateAmount',
      sortKey: 'lateAmount',
      width: 140,
      align: 'right',
      render: (_, c) => <strong style={{ whiteSpace: 'nowrap' }}>{formatVnd(c.lateAmount)}</strong>,
    },
    shared.overdueMonths,
    shared.step,
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
      <Card size="small" title={t('candidatesTitle')}>
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('candidatesHelp', { months: months ?? '…' })}</Typography.Text>
          <EmployerListFilterBar
            url={url}
            filters={filters}
            steps={LATE_STEPS}
            onExport={() => api.downloadInspectionCandidates({ ...filters, sort: query.sort, order: query.order })}
          />
          {candidatesLoad.data && (
            <Typography.Text strong>
              {t('totalLate')}: {formatVnd(candidatesLoad.data.totalLateAmount)}
            </Typography.Text>
          )}
          <ListTable<InspectionCandidate, CandidateSort>
            load={candidatesLoad}
            columns={candidateColumns}
            rowKey={(c) => c.employer.id}
            query={query}
            defaultSort={DEFAULT_SORT}
            pageSizes={PAGE_SIZES}
            onQueryChange={setQuery}
            totalText={(n) => t('totalEmployers', { n: formatCount(n) })}
            onRowClick={(c) => navigate(`/employers/${c.employer.id}`)}
            // React's attribute types leave out data-* in an object; the row renders it all the same.
            rowProps={(c) => ({ 'data-testid': `candidate-row-${c.employer.code}` }) as HTMLAttributes<HTMLElement>}
            minWidth={1000}
          />
        </Space>
      </Card>
    </Space>
  );
}
