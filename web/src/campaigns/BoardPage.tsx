import { Alert, Button, Card, Col, DatePicker, Row, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, LeftOutlined, PrinterOutlined, RightOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { lazy, type HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router-dom';
import { indicatorKind } from '../../../src/domain/report-figures';
import { api } from '../api/client';
import { compareShares, shareFromPercent } from '../../../src/domain/share';
import type { Share } from '../../../src/domain/share';
import type { Board, BoardProvince, ReportStatus } from '../../../src/features/campaigns/schemas';
import { formatDate, formatInstant, formatPercent, formatShare, formatVnd, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { RuleSetBasisNote } from '../layout/FiguresBasisNote';
import { isNotFound, useLoad } from '../load';
import { useDownload } from '../urging/labels';
import { useUrlState } from '../url';
import { FiguresTable, Footnotes } from './FiguresTable';
import { CampaignCrumbs, defaultDay, idParam, ReportStatusTag, reportPath } from './labels';

/** A place in one of the board's rankings, whatever the figure ranked by. */
type RankingEntry<V> = Omit<Board['rankings']['byLateRatio'][number], 'value'> & { value: V };

// The chart library is a chunk of its own, not part of the board's; it is fetched as soon as the board's code is
// there, alongside the board's data, rather than once the data has come and the chart is first rendered.
const recoveryChart = import('./RecoveryChart');
const RecoveryChart = lazy(() => recoveryChart.then((m) => ({ default: m.RecoveryChart })));

const STATUSES: ReportStatus[] = ['on_time', 'late', 'missing', 'open'];
const percent = (s: Share | null) => (s === null ? '—' : formatShare(s));
const change = (s: Share | null) => (s === null ? '—' : formatShare(s, 2, { signed: true }));
const money = (n: number | null) => (n === null ? '—' : formatVnd(n));
const byNumber = (f: (p: BoardProvince) => number | null) => (a: BoardProvince, b: BoardProvince) =>
  (f(a) ?? -Infinity) - (f(b) ?? -Infinity);
/** Exact order of two shares; a province without one sorts first, as a missing number does. */
const byShare = (f: (p: BoardProvince) => Share | null) => (a: BoardProvince, b: BoardProvince) => {
  const x = f(a);
  const y = f(b);
  return x === null || y === null ? (x === null ? 0 : 1) - (y === null ? 0 : 1) : compareShares(x, y);
};

function RankingCard<V>({
  title,
  valueTitle,
  entries,
  campaignId,
  day,
  format,
}: {
  title: string;
  valueTitle: string;
  entries: RankingEntry<V>[];
  campaignId: number;
  day: string;
  format(value: V): string;
}) {
  const t = useT();
  const columns: ColumnsType<RankingEntry<V>> = [
    { title: t('rank'), dataIndex: 'rank', key: 'rank', width: 60, align: 'center' },
    {
      title: t('province'),
      key: 'province',
      render: (_, r) => <Link to={reportPath(campaignId, r.province.id, day)}>{shortOfficeName(r.province.name)}</Link>,
    },
    { title: valueTitle, key: 'value', align: 'right', width: 150, render: (_, r) => format(r.value) },
  ];
  return (
    <Card size="small" title={title}>
      <Table<RankingEntry<V>>
        rowKey={(r) => r.province.id}
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        columns={columns}
        dataSource={entries}
      />
    </Card>
  );
}

/**
 * Bảng tổng hợp toàn quốc for one day: who has reported and when, how far each province has come from the baseline, the
 * national table summed from the frozen reports, and the rankings.
 */
export function BoardPage() {
  const t = useT();
  const errorText = useErrorText();
  const download = useDownload();
  const url = useUrlState();
  const id = idParam(useParams().id);
  const campaignLoad = useLoad(id === undefined ? null : () => api.campaign(id), [id], { keep: true });
  const campaign = campaignLoad.data;

  const days = campaign?.days.map((d) => d.day) ?? [];
  const asked = url.text('day');
  const day = days.includes(asked) ? asked : defaultDay(days);

  // The board of the day shown stays under the spinner while another day loads.
  const {
    data: board,
    error,
    loading,
  } = useLoad(id === undefined || day === undefined ? null : () => api.board(id, day), [id, day], { keep: true });

  if (!campaign && campaignLoad.loading) return <Spin style={{ display: 'block', marginTop: 48 }} />;
  if (!campaign || campaignLoad.error !== null || day === undefined) {
    return (
      <Space orientation="vertical">
        <CampaignCrumbs />
        {campaignLoad.error !== null && !isNotFound(campaignLoad.error) ? (
          <Alert type="error" showIcon title={errorText(campaignLoad.error)} />
        ) : (
          <Alert type="warning" showIcon title={t('campaignNotFound')} />
        )}
      </Space>
    );
  }

  const c = campaign;
  const index = days.indexOf(day);
  const go = (d: string | undefined) => d && url.update({ day: d });
  const target = c.targetLateRatio;
  const provinces = board?.provinces ?? [];
  const submitted = provinces.filter((p) => p.figures !== null).length;

  const columns: ColumnsType<BoardProvince> = [
    {
      title: t('province'),
      key: 'province',
      minWidth: 200,
      fixed: 'left',
      sorter: (a, b) => a.province.code.localeCompare(b.province.code),
      render: (_, p) => <Link to={reportPath(c.id, p.province.id, day)}>{shortOfficeName(p.province.name)}</Link>,
    },
    {
      title: t('status'),
      key: 'status',
      width: 130,
      filters: STATUSES.map((s) => ({ text: t(`report_${s}`), value: s })),
      onFilter: (value, p) => p.status === value,
      render: (_, p) => <ReportStatusTag status={p.status} />,
    },
    {
      title: t('submittedAt'),
      key: 'submittedAt',
      width: 140,
      sorter: (a, b) => (a.submittedAt ?? '~').localeCompare(b.submittedAt ?? '~'),
      render: (_, p) => (p.submittedAt ? formatInstant(p.submittedAt) : '—'),
    },
    {
      title: t('lateRatio'),
      key: 'lateRatio',
      width: 120,
      align: 'right',
      sorter: byShare((p) => p.lateRatio),
      render: (_, p) =>
        target !== null && p.lateRatio !== null && compareShares(p.lateRatio, shareFromPercent(target)) > 0 ? (
          <Tooltip title={t('aboveTarget', { target: formatPercent(target) })}>
            <Typography.Text type="danger">{percent(p.lateRatio)}</Typography.Text>
          </Tooltip>
        ) : (
          percent(p.lateRatio)
        ),
    },
    {
      title: t('baselineLateRatio'),
      key: 'baselineLateRatio',
      width: 120,
      align: 'right',
      sorter: byShare((p) => p.baselineLateRatio),
      render: (_, p) => percent(p.baselineLateRatio),
    },
    {
      title: t('changeFromBaseline'),
      key: 'change',
      width: 130,
      align: 'right',
      sorter: byShare((p) => p.change),
      render: (_, p) => change(p.change),
    },
    {
      title: t('recoveredCumulative'),
      key: 'recovered',
      width: 170,
      align: 'right',
      sorter: byNumber((p) => p.recovered),
      render: (_, p) => money(p.recovered),
    },
    {
      title: t('timelinessRate'),
      key: 'timeliness',
      width: 130,
      align: 'right',
      sorter: byShare((p) => p.timeliness.rate),
      render: (_, p) => (
        <Tooltip
          title={t('timelinessDetail', {
            onTime: p.timeliness.onTime,
            late: p.timeliness.late,
            missing: p.timeliness.missing,
          })}
        >
          <span>{percent(p.timeliness.rate)}</span>
        </Tooltip>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <CampaignCrumbs campaign={c} current={`${t('boardTitle')} · ${formatDate(day)}`} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 320 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('boardTitle')} · {formatDate(day)}
          </Typography.Title>
          <Typography.Text strong>{c.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{c.legalBasis}</Typography.Text>
          </div>
        </div>
        <Space wrap className="no-print">
          <Space.Compact>
            <Tooltip title={t('previousDay')}>
              <Button
                icon={<LeftOutlined />}
                aria-label={t('previousDay')}
                disabled={index <= 0}
                onClick={() => go(days[index - 1])}
              />
            </Tooltip>
            <DatePicker
              value={dayjs(day)}
              format="DD/MM/YYYY"
              allowClear={false}
              aria-label={t('reportDay')}
              disabledDate={(d) => !days.includes(d.format('YYYY-MM-DD'))}
              onChange={(d) => go(d?.format('YYYY-MM-DD'))}
            />
            <Tooltip title={t('nextDay')}>
              <Button
                icon={<RightOutlined />}
                aria-label={t('nextDay')}
                disabled={index >= days.length - 1}
                onClick={() => go(days[index + 1])}
              />
            </Tooltip>
          </Space.Compact>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('print')}
          </Button>
          <Button icon={<FileExcelOutlined />} onClick={() => download(() => api.downloadBoard(c.id, day))}>
            {t('exportExcel')}
          </Button>
        </Space>
      </div>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      <Space wrap size="middle">
        <span>
          {t('reportDeadline')}: <strong>{formatInstant(board?.deadline ?? c.days[index]!.deadline)}</strong>
        </span>
        {STATUSES.map((s) => (
          <span key={s}>
            <ReportStatusTag status={s} />
            <strong>{provinces.filter((p) => p.status === s).length}</strong>
          </span>
        ))}
        {target !== null && <Tag>{t('target', { ratio: formatPercent(target) })}</Tag>}
      </Space>
      <Table<BoardProvince>
        rowKey={(p) => p.province.id}
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={provinces}
        pagination={false}
        scroll={{ x: 1130 }}
        // React's attribute types leave out data-* in an object; the row renders it all the same.
        onRow={(p) => ({ 'data-testid': `board-row-${p.province.code}` }) as HTMLAttributes<HTMLElement>}
      />
      {board && (
        <>
          <div>
            <Typography.Title level={5} style={{ marginBottom: 0 }}>
              {t('nationalTable')}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('nationalFrom', { n: submitted, total: provinces.length })}
            </Typography.Text>{' '}
            {board.ruleSets.map((r) => (
              <RuleSetBasisNote key={`${r.baseline.id}/${r.day.id}`} ruleSets={r} />
            ))}
          </div>
          {board.ruleSets.length > 1 && <Alert type="warning" showIcon title={t('mixedRuleSets')} />}
          {/* The notes stay in each province's report; summed, they would be empty rows. */}
          <FiguresTable
            rows={board.national.filter((r) => indicatorKind(r.indicator) !== 'text')}
            baselineDate={c.baselineDate}
          />
          <Footnotes notes={board.footnotes} />
          <RecoveryChart days={board.recoveryByDay} />
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={8}>
              <RankingCard
                title={t('rankByLateRatio')}
                valueTitle={t('lateRatio')}
                entries={board.rankings.byLateRatio}
                campaignId={c.id}
                day={day}
                format={(s) => formatShare(s)}
              />
            </Col>
            <Col xs={24} xl={8}>
              <RankingCard
                title={t('rankByChange')}
                valueTitle={t('changeFromBaseline')}
                entries={board.rankings.byChange}
                campaignId={c.id}
                day={day}
                format={(s) => formatShare(s, 2, { signed: true })}
              />
            </Col>
            <Col xs={24} xl={8}>
              <RankingCard
                title={t('rankByRecovered')}
                valueTitle={t('recoveredCumulative')}
                entries={board.rankings.byRecovered}
                campaignId={c.id}
                day={day}
                format={formatVnd}
              />
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
