import { Alert, Button, Card, Progress, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
// The columns the server's reader accepts (src/ledger-files/columns), so the page lists exactly those.
import { COLUMN_SPECS, columnLetter, FILE_COLUMNS } from '../../../src/ledger-files/columns';
import { api, ApiError, followProgress, newProgressId, uploadImport } from '../api/client';
import type { FieldError, ImportExample, ImportKind, ImportResult } from '../../../src/features/imports/schemas';
import type { Progress as WorkState } from '../../../src/features/progress/schemas';
import { WorkProgress } from '../layout/WorkProgress';
import { useAuth } from '../auth/AuthContext';
import { userCan } from '../auth/roles';
import { formatCount, formatVnd } from '../format';
import { useErrorText, useI18n } from '../i18n';

const KINDS: ImportKind[] = ['employers', 'obligations', 'payments'];

/**
 * Nhập dữ liệu: the columns of each file and its template first; then one file at a time, checked first if the user
 * wishes (kiểm tra trước: what would be new, changed or unchanged, nothing written) and imported, with the upload's
 * progress and then the server's, row by row (read, checked, written); when refused, every problem counted and the
 * first ones listed by row and column.
 */
export function ImportPage() {
  const { t, language } = useI18n();
  const errorText = useErrorText();
  const { user } = useAuth();
  const mayImport = !!user && userCan(user, 'ledger.import');
  const [kind, setKind] = useState<ImportKind>('payments');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [work, setWork] = useState<WorkState | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [refused, setRefused] = useState<{ errors: FieldError[]; errorCount: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = () => {
    setResult(null);
    setRefused(null);
    setError(null);
  };

  const submit = async (dryRun: boolean) => {
    if (!file) return;
    setProgress(0);
    setWork(null);
    reset();
    const id = newProgressId();
    const stop = followProgress(id, setWork);
    try {
      setResult(await uploadImport(kind, file, setProgress, dryRun, id));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'import_refused') {
        setRefused({ errors: e.body.errors as FieldError[], errorCount: e.body.errorCount as number });
      } else setError(e);
    } finally {
      stop();
      setProgress(null);
      setWork(null);
    }
  };

  const columns = FILE_COLUMNS[kind].map((name, i) => ({
    name,
    letter: columnLetter(i + 1),
    ...COLUMN_SPECS[kind][name]!,
  }));
  const shown = (v: string | number | null) => (v === null ? '—' : typeof v === 'number' ? formatVnd(v) : v);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('importTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('importHelp')}
      </Typography.Paragraph>
      {!mayImport && <Alert type="warning" showIcon title={t('importNotAllowed')} />}
      <Space>
        {t('importKind')}
        <Radio.Group
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            reset();
          }}
          options={KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
        />
      </Space>
      <Card
        size="small"
        title={t('importColumns')}
        extra={
          mayImport && (
            <Button icon={<DownloadOutlined />} onClick={() => void api.downloadImportTemplate(kind).catch(setError)}>
              {t('importTemplate')}
            </Button>
          )
        }
      >
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={columns}
          columns={[
            { title: t('column'), dataIndex: 'letter', width: 60 },
            {
              title: t('importHeading'),
              key: 'label',
              width: 260,
              render: (_, c) => (
                <>
                  {c.label[language]}{' '}
                  <Typography.Text type="secondary" code>
                    {c.name}
                  </Typography.Text>
                </>
              ),
            },
            { title: t('importRequired'), key: 'required', width: 90, render: (_, c) => (c.required ? t('yes') : '') },
            { title: t('importHolds'), key: 'hint', render: (_, c) => c.hint[language] },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('importFormats')}
        </Typography.Paragraph>
      </Card>
      {mayImport && (
        <Card size="small">
          <Space orientation="vertical" size="middle">
            <Upload
              accept=".csv,.txt,.xlsx,text/csv"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                reset();
                return false;
              }}
              onRemove={() => {
                setFile(null);
                reset();
              }}
            >
              <Button icon={<UploadOutlined />}>{t('chooseFile')}</Button>
            </Upload>
            <Space>
              <Button disabled={!file || progress !== null} onClick={() => void submit(true)}>
                {t('importCheck')}
              </Button>
              <Button
                type="primary"
                disabled={!file || progress !== null}
                loading={progress !== null}
                onClick={() => void submit(false)}
              >
                {t('upload')}
              </Button>
            </Space>
            {progress !== null &&
              (progress < 100 ? (
                <Progress percent={progress} status="active" format={(p) => `${t('uploading')} ${p}%`} />
              ) : (
                // Once the file is up, the server reads, checks and writes it (minutes for a national file): how
                // far it is, as it last said, rather than "uploading 100%".
                <WorkProgress progress={work} />
              ))}
          </Space>
        </Card>
      )}
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      {result && result.status !== 'checked' && (
        <Alert
          type="success"
          showIcon
          title={
            result.status === 'unchanged'
              ? t('importUnchanged', { rows: formatCount(result.rows) })
              : t('importDone', {
                  rows: formatCount(result.rows),
                  inserted: formatCount(result.inserted ?? 0),
                  updated: formatCount(result.updated ?? 0),
                })
          }
        />
      )}
      {result?.status === 'checked' && (
        <Card
          size="small"
          title={t('importChecked', {
            rows: formatCount(result.rows),
            inserted: formatCount(result.inserted ?? 0),
            updated: formatCount(result.updated ?? 0),
            unchanged: formatCount(result.unchanged ?? 0),
          })}
          extra={
            <Button type="primary" onClick={() => void submit(false)}>
              {t('importThisFile')}
            </Button>
          }
        >
          {(result.examples ?? []).length > 0 && (
            <Table<ImportExample>
              rowKey="line"
              size="small"
              dataSource={result.examples}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('line'), dataIndex: 'line', width: 70, align: 'right' },
                {
                  title: t('importChange'),
                  key: 'status',
                  width: 110,
                  render: (_, e) =>
                    e.status === 'new' ? (
                      <Tag color="green">{t('importNew')}</Tag>
                    ) : (
                      <Tag color="orange">{t('importChanged')}</Tag>
                    ),
                },
                { title: t('importRow'), dataIndex: 'key' },
                { title: t('importBefore'), key: 'before', align: 'right', render: (_, e) => shown(e.before) },
                { title: t('importAfter'), key: 'after', align: 'right', render: (_, e) => shown(e.after) },
              ]}
            />
          )}
        </Card>
      )}
      {refused && (
        <Card
          size="small"
          title={
            <Typography.Text type="danger">
              {t('importRefused', { n: formatCount(refused.errorCount) })}
            </Typography.Text>
          }
        >
          {refused.errors.length < refused.errorCount && (
            <Typography.Paragraph type="secondary">
              {t('importFirstErrors', {
                shown: formatCount(refused.errors.length),
                n: formatCount(refused.errorCount),
              })}
            </Typography.Paragraph>
          )}
          <Table<FieldError>
            rowKey={(e) => `${e.line}-${e.column}-${e.code}-${e.message}`}
            size="small"
            dataSource={refused.errors}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t('line'), dataIndex: 'line', width: 80, align: 'right' },
              {
                title: t('column'),
                key: 'column',
                width: 160,
                render: (_, e) => (e.column > 0 ? `${e.columnLetter} (${e.columnName})` : '—'),
              },
              { title: t('problem'), dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
