import { Alert, Button, Card, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { ApiError, uploadImport } from '../api/client';
import type { FieldError, ImportKind, ImportResult } from '../../../src/features/imports/schemas';
import { formatCount } from '../format';
import { useErrorText, useT } from '../i18n';

const KINDS: ImportKind[] = ['employers', 'obligations', 'payments'];

/** Nhập dữ liệu: one file at a time, with upload progress and, when refused, every bad row. */
export function ImportPage() {
  const t = useT();
  const errorText = useErrorText();
  const [kind, setKind] = useState<ImportKind>('payments');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [refused, setRefused] = useState<{ errors: FieldError[]; errorCount: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    if (!file) return;
    setProgress(0);
    setResult(null);
    setRefused(null);
    setError(null);
    try {
      setResult(await uploadImport(kind, file, setProgress));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'import_refused') {
        setRefused({ errors: e.body.errors as FieldError[], errorCount: e.body.errorCount as number });
      } else setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1000 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('importTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('importHelp')}</Typography.Paragraph>
      <Card size="small">
        <Space orientation="vertical" size="middle">
          <Space>
            {t('importKind')}
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value)}
              options={KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
            />
          </Space>
          <Upload
            accept=".csv,.xlsx,text/csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>{t('chooseFile')}</Button>
          </Upload>
          <Button type="primary" disabled={!file || progress !== null} loading={progress !== null} onClick={() => void submit()}>
            {t('upload')}
          </Button>
          {progress !== null && <Progress percent={progress} status="active" format={(p) => `${t('uploading')} ${p}%`} />}
        </Space>
      </Card>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      {result && (
        <Alert
          type="success"
          showIcon
          title={
            result.status === 'unchanged'
              ? t('importUnchanged', { rows: formatCount(result.rows) })
              : t('importDone', {
                  rows: formatCount(result.rows), inserted: formatCount(result.inserted ?? 0),
                  updated: formatCount(result.updated ?? 0),
                })
          }
        />
      )}
      {refused && (
        <Card size="small" title={<Typography.Text type="danger">{t('importRefused', { n: formatCount(refused.errorCount) })}</Typography.Text>}>
          <Table<FieldError>
            rowKey={(e) => `${e.line}-${e.column}-${e.message}`}
            size="small"
            dataSource={refused.errors}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: t('line'), dataIndex: 'line', width: 80, align: 'right' },
              { title: t('column'), key: 'column', width: 160, render: (_, e) => (e.column > 0 ? `${e.column} (${e.columnName})` : '—') },
              { title: t('problem'), dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
