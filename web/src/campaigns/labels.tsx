import { Breadcrumb, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { vietnamDate } from '../../../src/domain/calendar';
import { serverNow } from '../api/client';
import type { ReportStatus } from '../../../src/features/campaigns/schemas';
import { formatDate } from '../format';
import { useT, type Translate } from '../i18n';

const STATUS_COLOR: Record<ReportStatus, string> = {
  on_time: 'green',
  late: 'orange',
  missing: 'red',
  open: 'default',
};

/** Đúng hạn / Trễ hạn / Không báo cáo / Chưa đến hạn, as the server decided it. */
export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`report_${status}`)}</Tag>;
}

/**
 * Today in Việt Nam by the server's clock (as of its last answer). It only chooses the day a page opens on; whether a
 * report is on time is always the server's answer.
 */
export const vietnamToday = () => vietnamDate(new Date(serverNow()));

/** The day a campaign page opens on: today while the campaign runs, else its first day before it and its last after. */
export function defaultDay(days: readonly string[], today = vietnamToday()): string | undefined {
  const [first] = days;
  const last = days.at(-1);
  if (first === undefined || last === undefined) return undefined;
  // The days run without a gap, so a day between the first and the last is one of them.
  if (today < first) return first;
  return today > last ? last : today;
}

/** 'T3 14/10/2025' (Tue 14/10/2025): officers plan the drive by weekday. */
export function dayLabel(day: string): string {
  return `${dayjs(day).format('ddd')} ${formatDate(day)}`;
}

export const reportPath = (campaignId: number, officeId: number, day: string) =>
  `/campaigns/${campaignId}/reports/${officeId}/${day}`;
export const boardPath = (campaignId: number, day: string) => `/campaigns/${campaignId}/board?day=${day}`;

/** A route parameter that must be a database id; anyone can edit the URL. */
export function idParam(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && /^\d+$/.test(value) && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function duration(t: Translate, ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('durationDays', { d, h });
  return h > 0 ? t('durationHours', { h, m }) : t('durationMinutes', { m });
}

/** Time left before the deadline of a report not yet sent, red in the last hour; "đã quá hạn" once it has passed. */
export function Countdown({ deadline, status }: { deadline: string; status: ReportStatus }) {
  const t = useT();
  const now = useNow(30_000);
  if (status === 'on_time' || status === 'late') return null;
  const left = Date.parse(deadline) - now;
  if (status === 'missing' || left <= 0)
    return (
      <Typography.Text type="danger" strong>
        {t('pastDeadline')}
      </Typography.Text>
    );
  return (
    <Typography.Text type={left <= 3600_000 ? 'danger' : 'warning'} strong>
      {t('timeLeft', { time: duration(t, left) })}
    </Typography.Text>
  );
}

/** Đợt cao điểm › the campaign › the page; left off the printed page. */
export function CampaignCrumbs({ campaign, current }: { campaign?: { id: number; name: string }; current?: string }) {
  const t = useT();
  const items = [
    { key: 'list', title: <Link to="/campaigns">{t('menuCampaigns')}</Link> },
    ...(campaign
      ? [
          {
            key: 'campaign',
            title: current ? <Link to={`/campaigns/${campaign.id}`}>{campaign.name}</Link> : campaign.name,
          },
        ]
      : []),
    ...(current ? [{ key: 'current', title: current }] : []),
  ];
  return <Breadcrumb className="no-print" items={items} />;
}
