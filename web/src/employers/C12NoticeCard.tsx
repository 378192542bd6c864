import { Button, Card, DatePicker, Segmented, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, followProgress, newProgressId } from '../api/client';
import type { Progress } from '../../../src/features/progress/schemas';
import { useT } from '../i18n';
import { WorkProgress } from '../layout/WorkProgress';
import { useDownload } from '../urging/labels';

type Format = 'xlsx' | 'docx';

/**
 * Month, format and a download button for the C12-TS notice. The month before the current one is offered first, as
 * the notice is made once a month has closed. An office's notices come in parts of 500 employers: the number of
 * parts is learnt from the first download, and a part picker then appears. A zip takes seconds to make: with
 * `followed`, how far the server is shows meanwhile.
 */
function C12Download({
  fetchFile,
  label,
  testId,
  followed = false,
}: {
  /** Downloads the file and answers how many parts the notices come in; `progress` names the work on the server. */
  fetchFile(month: string, format: Format, part: number, progress: string | undefined): Promise<number>;
  label: string;
  testId: string;
  followed?: boolean;
}) {
  const t = useT();
  const download = useDownload();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'));
  const [format, setFormat] = useState<Format>('xlsx');
  const [part, setPart] = useState(1);
  const [parts, setParts] = useState(1);
  const [busy, setBusy] = useState(false);
  const [work, setWork] = useState<Progress | null>(null);
  const fetchNotice = () => {
    setBusy(true);
    setWork(null);
    const id = followed ? newProgressId() : undefined;
    const stop = id ? followProgress(id, setWork) : () => {};
    download(() =>
      fetchFile(month.format('YYYY-MM'), format, part, id)
        .then(setParts)
        .finally(() => {
          stop();
          setBusy(false);
        }),
    );
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap data-testid={testId}>
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
          onChange={(v) => setFormat(v as Format)}
          options={[
            { label: '.xlsx', value: 'xlsx' },
            { label: '.docx', value: 'docx' },
          ]}
        />
        {parts > 1 && (
          <Select
            value={part}
            onChange={setPart}
            options={Array.from({ length: parts }, (_, i) => ({
              value: i + 1,
              label: t('c12Part', { n: i + 1, of: parts }),
            }))}
          />
        )}
        <Button icon={<DownloadOutlined />} loading={busy} onClick={fetchNotice}>
          {label}
        </Button>
      </Space>
      {followed && busy && <WorkProgress progress={work} />}
    </Space>
  );
}

/** Thông báo kết quả đóng (C12-TS) of one employer, on its page. */
export function C12NoticeCard({ employerId }: { employerId: number }) {
  const t = useT();
  return (
    <Card size="small" title={t('c12Title')}>
      <C12Download
        testId="c12-employer"
        label={t('c12Download')}
        // One employer's notice is one file: a single part.
        fetchFile={(month, format) => api.downloadC12(employerId, month, format).then(() => 1)}
      />
    </Card>
  );
}

/** The C12-TS notices of every employer of an office (and those below it) with figures in the month, as a zip. */
export function C12OfficeDownload({ officeId }: { officeId: number }) {
  const t = useT();
  return (
    <C12Download
      testId="c12-office"
      label={t('c12DownloadOffice')}
      followed
      fetchFile={(month, format, part, progress) => api.downloadOfficeC12(officeId, month, format, part, progress)}
    />
  );
}
