import type { Board } from '../../../src/features/campaigns/schemas';
import { formatDate, formatVnd } from '../format';
import { useT } from '../i18n';
import { Chart } from '../oversight/Chart';
import { ChartCard } from '../oversight/DataCard';

type Day = Board['recoveryByDay'][number];

/** Số tiền thu được từ đơn vị chậm đóng, day by day of the campaign, with its table and CSV like every chart. */
export function RecoveryChart({ days }: { days: Day[] }) {
  const t = useT();
  return (
    <ChartCard<Day>
      title={t('recoveryByDay')}
      fileName="thu-tu-don-vi-cham-dong-theo-ngay"
      rows={days}
      rowKey={(d) => d.day}
      columns={[
        { title: t('reportDay'), value: (d) => formatDate(d.day) },
        { title: t('recoveredDay'), value: (d) => d.amount, format: formatVnd, sum: true },
        { title: t('reportsSent'), value: (d) => d.reports },
      ]}
      chart={
        <Chart
          height={240}
          label={t('recoveryByDay')}
          option={{
            grid: { left: 90, right: 16, top: 16, bottom: 28 },
            tooltip: { trigger: 'axis', valueFormatter: (v) => formatVnd(Number(v)) },
            xAxis: { type: 'category', data: days.map((d) => formatDate(d.day).slice(0, 5)) },
            yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatVnd(v) } },
            series: [{ type: 'bar', name: t('recoveredDay'), data: days.map((d) => d.amount) }],
          }}
        />
      }
    />
  );
}
