import { Alert, Card, DatePicker, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { api } from '../api/client';
import type { Share } from '../../../src/domain/share';
import type { EmulationRow } from '../../../src/features/oversight/schemas';
import { vietnamToday } from '../campaigns/labels';
import type { CsvCell } from '../csv';
import { ExportButtons, useTableExport } from './DataCard';
import { formatDate, formatScore, formatShare, sharePercent, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';
import { useUrlState } from '../url';
import { Chart, type ChartOption } from './Chart';
import { PRIMARY, yearParam } from './labels';

const CRITERIA = ['reduction', 'target', 'timeliness', 'inspectionCoverage', 'recoveryAfterInspection'] as const;
type CriterionKey = (typeof CRITERIA)[number];

const PROPOSAL_COLOR = { commend: 'green', criticise: 'red' } as const;
const BAR_COLOR = { commend: '#389e0d', criticise: '#cf1322' } as const;

/**
 * Thi đua: the provinces ranked by their year-end score, each criterion's figure and points, and the proposal to
 * commend or criticise that follows from the score.
 */
export function EmulationPage() {
  const t = useT();
  const errorText = useErrorText();
  const url = useUrlState();
  const year = yearParam(url);
  const { data: rows, error, loading } = useLoad(() => api.emulation(year).then((r) => r.items), [year]);

  const items = useMemo(() => rows ?? [], [rows]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: items[0]?.max },
      // The first in the ranking at the top.
      yAxis: { type: 'category', inverse: true, data: items.map((r) => shortOfficeName(r.province.name)) },
      series: [
        {
          name: t('totalScore'),
          type: 'bar',
          barMaxWidth: 18,
          data: items.map((r) => ({
            value: r.total,
            itemStyle: { color: r.proposal ? BAR_COLOR[r.proposal] : PRIMARY },
          })),
          tooltip: { valueFormatter: (v) => formatScore(Number(v)) },
        },
      ],
    }),
    [t, items],
  );

  const percent = (v: Share | null) => (v === null ? '—' : formatShare(v));
  const criterionTitle = (c: CriterionKey) => (
    <Tooltip title={t(`criterionHelp_${c}`)}>
      <span>
        {t(`criterion_${c}`)} <QuestionCircleOutlined style={{ color: '#8c8c8c' }} />
      </span>
    </Tooltip>
  );
  const columns: ColumnsType<EmulationRow> = [
    { title: t('rank'), key: 'rank', width: 56, align: 'center', render: (_, _r, i) => i + 1 },
    {
      title: t('province'),
      key: 'province',
      minWidth: 180,
      render: (_, r) => <span title={r.province.name}>{shortOfficeName(r.province.name)}</span>,
    },
    ...CRITERIA.map((c) => ({
      title: criterionTitle(c),
      key: c,
      width: 130,
      align: 'right' as const,
      render: (_: unknown, r: EmulationRow) => (
        <div style={{ lineHeight: 1.35 }}>
          <div>{percent(r[c].value)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('points', { points: formatScore(r[c].points), max: formatScore(r[c].max) })}
          </Typography.Text>
        </div>
      ),
    })),
    {
      title: t('totalScore'),
      key: 'total',
      width: 110,
      align: 'right',
      render: (_, r) => (
        <strong>
          {formatScore(r.total)}/{formatScore(r.max)}
        </strong>
      ),
    },
    {
      title: t('proposal'),
      key: 'proposal',
      width: 180,
      render: (_, r) => r.proposal && <Tag color={PROPOSAL_COLOR[r.proposal]}>{t(`proposal_${r.proposal}`)}</Tag>,
    },
  ];

  const save = useTableExport();
  const exportRows = (): [string[], CsvCell[][]] => [
    [
      t('rank'),
      t('province'),
      ...CRITERIA.flatMap((c) => [`${t(`criterion_${c}`)} (%)`, t('criterionPoints', { name: t(`criterion_${c}`) })]),
      t('totalScore'),
      t('maxScore'),
      t('proposal'),
    ],
    items.map((r, i) => [
      i + 1,
      r.province.name,
      ...CRITERIA.flatMap((c) => [r[c].value && sharePercent(r[c].value), r[c].points]),
      r.total,
      r.max,
      r.proposal ? t(`proposal_${r.proposal}`) : null,
    ]),
  ];

  const first = items[0];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
        <div style={{ flex: 1, minWidth: 240 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('emulationTitle')}
          </Typography.Title>
          {first?.from && first.to && (
            <Typography.Text type="secondary">
              {t('emulationPeriod', { from: formatDate(first.from), to: formatDate(first.to) })}
            </Typography.Text>
          )}
        </div>
        <DatePicker
          picker="year"
          allowClear={false}
          aria-label={t('year')}
          value={dayjs(`${year}-01-01`)}
          disabledDate={(d) => d.year() > Number(vietnamToday().slice(0, 4))}
          onChange={(d) => d && url.update({ year: d.year() })}
        />
        <ExportButtons
          disabled={items.length === 0}
          onXlsx={() => void save.rowsXlsx(`thi-dua-${year}.xlsx`, t('emulationTitle'), ...exportRows())}
          onCsv={() => save.rowsCsv(`thi-dua-${year}.csv`, ...exportRows())}
        />
      </div>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      <Card size="small" title={t('rankingTitle')}>
        <Table<EmulationRow>
          rowKey={(r) => r.province.id}
          size="small"
          bordered
          loading={loading}
          columns={columns}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1150 }}
        />
      </Card>
      {items.length > 0 && (
        <Card size="small" title={t('totalsChartTitle')}>
          <Chart option={option} height={Math.max(220, 40 + 24 * items.length)} label={t('totalsChartTitle')} />
        </Card>
      )}
    </Space>
  );
}
