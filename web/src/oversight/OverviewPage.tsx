import { Alert, Button, Card, Col, DatePicker, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useCallback, useMemo } from 'react';
import { addMonths, firstDayOf, isPeriod, lastDayOf } from '../../../src/domain/periods';
import { api } from '../api/client';
import type { Office } from '../../../src/features/offices/schemas';
import type { LateGroup, OfficeLate, TrendPoint } from '../../../src/features/oversight/schemas';
import { vietnamToday } from '../campaigns/labels';
import {
  formatCount,
  formatDate,
  formatPercent,
  formatShare,
  formatVnd,
  sharePercent,
  shortOfficeName,
} from '../format';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';
import { OfficeTreeSelect, scopeRoot } from '../offices';
import { useUrlState } from '../url';
import { useDownload } from '../urging/labels';
import { Chart, type ChartOption } from './Chart';
import { ChartCard, type DataColumn } from './DataCard';
import { FiguresBasisNote } from '../layout/FiguresBasisNote';
import { amountAxis, axisPercent, BANDS, bandLabel, ownershipLabel, PRIMARY, SECONDARY } from './labels';

const PRESETS = [6, 12, 24, 36];
const NO_OFFICES: Office[] = [];

/**
 * Tổng quan: how the late amount and ratio of an office's subtree have moved, and where the latest close's late
 * amount sits by months late, by ownership type and by the offices below. Every chart has its table and CSV.
 */
export function OverviewPage() {
  const t = useT();
  const errorText = useErrorText();
  const download = useDownload();
  const url = useUrlState();
  const thisMonth = vietnamToday().slice(0, 7);
  const asked = { from: url.text('from'), to: url.text('to') };
  const to = isPeriod(asked.to) && asked.to <= thisMonth ? asked.to : thisMonth;
  const from = isPeriod(asked.from) && asked.from <= to ? asked.from : addMonths(to, -11);
  const officeId = url.positiveInt('officeId');

  // Departments manage no employers: their figures would be empty.
  const officesLoad = useLoad(() => api.offices().then((r) => r.items.filter((o) => o.kind !== 'department')), []);
  const offices = officesLoad.data ?? NO_OFFICES;
  const trendLoad = useLoad(
    () => api.trend({ officeId, from: firstDayOf(from), to: lastDayOf(to) }),
    [officeId, from, to],
  );
  const trend = trendLoad.data ?? null;
  const breakdownLoad = useLoad(() => api.lateBreakdown(officeId), [officeId]);
  const breakdown = breakdownLoad.data ?? null;
  const error = trendLoad.error ?? breakdownLoad.error ?? officesLoad.error;

  const selected = offices.find((o) => o.id === (officeId ?? scopeRoot(offices)?.id));
  const hasChildren = useCallback((id: number) => offices.some((o) => o.parentId === id), [offices]);
  const latest = trend?.points.at(-1);
  const code = breakdown?.office.code ?? trend?.office.code ?? '';

  // Stable while the data is, so that a chart redraws only when its figures change.
  const points = useMemo(() => trend?.points ?? [], [trend]);
  const bands = useMemo<LateGroup[]>(
    () =>
      breakdown?.asOf
        ? BANDS.map((b) => breakdown.byBand.find((x) => x.key === b) ?? { key: b, lateEmployers: 0, lateAmount: 0 })
        : [],
    [breakdown],
  );
  const ownerships = useMemo(() => breakdown?.byOwnership ?? [], [breakdown]);
  const children = useMemo(() => breakdown?.byOffice ?? [], [breakdown]);

  const trendOption = useMemo<ChartOption>(() => {
    const axis = amountAxis(
      t,
      points.map((p) => p.lateAmount),
    );
    return {
      color: [PRIMARY, SECONDARY],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => formatDate(p.asOf)) },
      yAxis: [
        { type: 'value', name: axis.name, axisLabel: { formatter: axis.format } },
        { type: 'value', name: '%', splitLine: { show: false }, axisLabel: { formatter: axisPercent } },
      ],
      series: [
        {
          name: t('lateAmount'),
          type: 'line',
          yAxisIndex: 0,
          areaStyle: { opacity: 0.12 },
          showSymbol: points.length <= 40,
          data: points.map((p) => p.lateAmount),
          tooltip: { valueFormatter: (v) => formatVnd(Number(v)) },
        },
        {
          name: t('lateRatio'),
          type: 'line',
          yAxisIndex: 1,
          showSymbol: points.length <= 40,
          data: points.map((p) => (p.lateRatio ? sharePercent(p.lateRatio) : '-')),
          tooltip: {
            valueFormatter: (_v, i) => {
              const r = points[i]?.lateRatio;
              return r ? formatShare(r) : '—';
            },
          },
        },
      ],
    };
  }, [t, points]);

  const bandOption = useMemo<ChartOption>(() => {
    const axis = amountAxis(
      t,
      bands.map((b) => b.lateAmount),
    );
    return {
      color: [PRIMARY],
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: bands.map((b) => bandLabel(t, b.key)) },
      yAxis: { type: 'value', name: axis.name, axisLabel: { formatter: axis.format } },
      series: [
        {
          name: t('lateAmount'),
          type: 'bar',
          barMaxWidth: 56,
          data: bands.map((b) => b.lateAmount),
          tooltip: { valueFormatter: (v) => formatVnd(Number(v)) },
        },
      ],
    };
  }, [t, bands]);

  const ownershipOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', valueFormatter: (v) => formatVnd(Number(v)) },
      legend: {
        orient: 'vertical',
        right: 0,
        top: 'middle',
        textStyle: { width: 220, overflow: 'truncate' },
        tooltip: { show: true },
      },
      series: [
        {
          name: t('lateAmount'),
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['25%', '50%'],
          // On the ring, so that no label runs into the legend; the thin slices' shares are in the tooltip and the table.
          minShowLabelAngle: 12,
          label: { position: 'inside', color: '#fff', formatter: (p) => formatPercent(p.percent ?? 0) },
          data: ownerships.map((o) => ({ name: ownershipLabel(t, o.key), value: o.lateAmount })),
        },
      ],
    }),
    [t, ownerships],
  );

  const officeOption = useMemo<ChartOption>(() => {
    const axis = amountAxis(
      t,
      children.map((c) => c.lateAmount),
    );
    return {
      color: [PRIMARY],
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 64, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: axis.name, axisLabel: { formatter: axis.format } },
      // The largest first, at the top.
      yAxis: { type: 'category', inverse: true, data: children.map((c) => shortOfficeName(c.name)) },
      series: [
        {
          name: t('lateAmount'),
          type: 'bar',
          barMaxWidth: 20,
          data: children.map((c) => c.lateAmount),
          tooltip: { valueFormatter: (v) => formatVnd(Number(v)) },
        },
      ],
    };
  }, [t, children]);

  const drill = useCallback(
    (index: number) => {
      const child = children[index];
      if (child && !child.direct && hasChildren(child.id)) url.update({ officeId: child.id });
    },
    [children, hasChildren, url.update],
  );

  const trendColumns: DataColumn<TrendPoint>[] = [
    { title: t('closeDay'), value: (p) => ({ day: p.asOf }) },
    { title: t('employersCount'), value: (p) => p.employers, format: formatCount },
    { title: t('lateEmployers'), value: (p) => p.lateEmployers, format: formatCount },
    { title: t('lateAmount'), value: (p) => p.lateAmount, format: formatVnd },
    {
      title: t('lateRatio'),
      value: (p) => p.lateRatio && sharePercent(p.lateRatio),
      render: (p) => (p.lateRatio ? formatShare(p.lateRatio) : '—'),
    },
  ];
  const groupColumns = (label: (key: string) => string, title: string): DataColumn<LateGroup>[] => [
    { title, value: (g) => label(g.key) },
    { title: t('lateEmployers'), value: (g) => g.lateEmployers, format: formatCount, sum: true },
    { title: t('lateAmount'), value: (g) => g.lateAmount, format: formatVnd, sum: true },
  ];
  const officeColumns: DataColumn<OfficeLate>[] = [
    {
      title: t('office'),
      value: (o) => o.name,
      render: (o) =>
        !o.direct && hasChildren(o.id) ? (
          <Typography.Link onClick={() => url.update({ officeId: o.id })}>{shortOfficeName(o.name)}</Typography.Link>
        ) : (
          shortOfficeName(o.name)
        ),
    },
    { title: t('lateEmployers'), value: (o) => o.lateEmployers, format: formatCount, sum: true },
    { title: t('lateAmount'), value: (o) => o.lateAmount, format: formatVnd, sum: true },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1, minWidth: 240 }}>
          {t('overviewTitle')}
        </Typography.Title>
        <OfficeTreeSelect
          offices={offices}
          value={selected?.id}
          label={t('office')}
          onChange={(id) => url.update({ officeId: id === scopeRoot(offices)?.id ? undefined : id })}
          style={{ width: 300 }}
        />
        <DatePicker.RangePicker
          picker="month"
          format="MM/YYYY"
          allowClear={false}
          aria-label={t('periodRange')}
          value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
          disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
          presets={PRESETS.map((n) => ({
            label: t('lastMonths', { n }),
            value: [dayjs(`${addMonths(thisMonth, 1 - n)}-01`), dayjs(`${thisMonth}-01`)],
          }))}
          onChange={(range) => {
            const [start, end] = range ?? [];
            if (start && end) url.update({ from: start.format('YYYY-MM'), to: end.format('YYYY-MM') });
          }}
        />
        {selected?.kind === 'province' && (
          <Tooltip title={t('peopleCommitteeHelp')}>
            <Button
              icon={<FileWordOutlined />}
              onClick={() => download(() => api.downloadPeopleCommitteeReport(selected.id))}
            >
              {t('peopleCommitteeReport')}
            </Button>
          </Tooltip>
        )}
      </div>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      <Row gutter={[12, 12]}>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('lateAmount')} value={latest ? formatVnd(latest.lateAmount) : '—'} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic
              title={t('lateEmployers')}
              value={latest ? formatCount(latest.lateEmployers) : '—'}
              suffix={latest && <Typography.Text type="secondary">/ {formatCount(latest.employers)}</Typography.Text>}
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic
              title={t('lateRatio')}
              value={latest && latest.lateRatio !== null ? formatShare(latest.lateRatio) : '—'}
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('closeDay')} value={latest ? formatDate(latest.asOf) : '—'} />
            <FiguresBasisNote basis={trend?.basis} />
          </Card>
        </Col>
      </Row>
      <ChartCard
        title={t('trendTitle')}
        loading={trendLoad.loading}
        chart={<Chart option={trendOption} height={320} label={t('trendTitle')} />}
        columns={trendColumns}
        rows={[...points].reverse()}
        rowKey={(p) => p.asOf}
        fileName={`cham-dong-theo-thoi-gian-${code}-${from}-${to}.csv`}
        empty={t('noClosesInPeriod')}
      />
      {breakdown?.basis && (
        <div>
          <FiguresBasisNote basis={breakdown.basis} />
        </div>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('byBandTitle')}
            loading={breakdownLoad.loading}
            chart={<Chart option={bandOption} height={280} label={t('byBandTitle')} />}
            columns={groupColumns((k) => bandLabel(t, k), t('overdueMonths'))}
            rows={bands}
            rowKey={(b) => b.key}
            fileName={`cham-dong-theo-so-thang-${code}-${breakdown?.asOf ?? ''}.csv`}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('byOwnershipTitle')}
            loading={breakdownLoad.loading}
            chart={<Chart option={ownershipOption} height={280} label={t('byOwnershipTitle')} />}
            columns={groupColumns((k) => ownershipLabel(t, k), t('ownership'))}
            rows={ownerships}
            rowKey={(o) => o.key}
            fileName={`cham-dong-theo-loai-hinh-${code}-${breakdown?.asOf ?? ''}.csv`}
          />
        </Col>
      </Row>
      {(breakdown === null || children.length > 0) && (
        <ChartCard
          title={t('bySubofficeTitle')}
          extra={
            children.some((c) => !c.direct && hasChildren(c.id)) && (
              <Typography.Text type="secondary">{t('drillHint')}</Typography.Text>
            )
          }
          loading={breakdownLoad.loading}
          chart={
            <Chart
              option={officeOption}
              height={Math.max(240, 60 + 26 * children.length)}
              label={t('bySubofficeTitle')}
              onClick={drill}
            />
          }
          columns={officeColumns}
          rows={children}
          rowKey={(o) => `${o.direct ? 'own' : 'office'}-${o.id}`}
          fileName={`cham-dong-theo-co-quan-${code}-${breakdown?.asOf ?? ''}.csv`}
        />
      )}
    </Space>
  );
}
