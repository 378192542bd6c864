import { Button, Card, DatePicker, Segmented, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client';
import { useT } from '../i18n';
import { useDownload } from '../urging/labels';

/**
 * Thông báo kết quả đóng (C12-TS) of a month: the statement of account sent each month. The month before the current
 * one is offered first, as the notice is made once a month has closed.
 */
export function C12NoticeCard({ employerId }: { employerId: number }) {
  const t = useT();
  const download = useDownload();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'));
  const [format, setFormat] = useState<'xlsx' | 'docx'>('xlsx');
  const [busy, setBusy] = useState(false);
  const fetchNotice = () => {
    setBusy(true);
    download(() => api.downloadC12(employerId, month.format('YYYY-MM'), format).finally(() => setBusy(false)));
  };
  return (
    <Card size="small" title={t('c12Title')}>
      <Space wrap>
        <Typography.Text>{t('c12Month')}</Typography.Text>
        <DatePicker
          picker="month"
          allowClear={false}
          format="MM/YYYY"
          value={month}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          onChange={(d) => d && setMonth(d)}
        />
        <Segmented
          value={format}
          onChange={(v) => setFormat(v as 'xlsx' | 'docx')}
          options={[{ label: '.xlsx', value: 'xlsx' }, { label: '.docx', value: 'docx' }]}
        />
        <Button icon={<DownloadOutlined />} loading={busy} onClick={fetchNotice}>
          {t('c12Download')}
        </Button>
      </Space>
    </Card>
  );
}
