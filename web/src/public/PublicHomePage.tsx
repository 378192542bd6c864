import { Alert, Button, Card, Col, Form, Input, Row, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { TAX_CODE_PATTERN } from '../../../src/domain/ledger';
import { api, ApiError } from '../api/client';
import type { AwardCheck, PublicList } from '../../../src/features/disclosure/schemas';
import { downloadCsv } from '../csv';
import { ListKindTag } from '../disclosure/EntriesTable';
import { formatCount, formatDate } from '../format';
import { FiguresBasisNote } from '../layout/FiguresBasisNote';
import { useErrorText, useT } from '../i18n';

type Answer = 'ineligible' | 'eligible' | 'notFound';
const answerOf = (r: AwardCheck): Answer => (!r.found ? 'notFound' : r.eligible ? 'eligible' : 'ineligible');
const ANSWER_TEXT = { ineligible: 'awardIneligible', eligible: 'awardEligible', notFound: 'awardNotFound' } as const;
const ANSWER_COLOR = { ineligible: 'red', eligible: 'green', notFound: 'default' } as const;
const ANSWER_ALERT = { ineligible: 'error', eligible: 'success', notFound: 'warning' } as const;

/**
 * Tra cứu: whether the employer with this tax code may be honoured, for a council deciding on an award: yes or no and
 * the reasons (owing now, or late within the look-back), never an amount.
 */
function AwardCheckCard() {
  const t = useT();
  const errorText = useErrorText();
  const [result, setResult] = useState<AwardCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const check = async ({ taxCode }: { taxCode: string }) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.awardCheck(taxCode.trim()));
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const answer = result && answerOf(result);
  return (
    <Card size="small" title={t('awardCheckTitle')} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('awardCheckHelp')}</Typography.Paragraph>
      <Form layout="inline" onFinish={check} requiredMark={false} style={{ marginBottom: 12 }}>
        <Form.Item
          name="taxCode"
          label={t('taxCode')}
          rules={[
            {
              required: true,
              pattern: TAX_CODE_PATTERN,
              transform: (v?: string) => v?.trim(),
              message: t('taxCodeInvalid'),
            },
          ]}
        >
          <Input maxLength={14} inputMode="numeric" placeholder="0101234567" style={{ width: 180 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy}>
          {t('check')}
        </Button>
      </Form>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      {result && answer && (
        <Alert
          type={ANSWER_ALERT[answer]}
          showIcon
          title={<strong>{t(ANSWER_TEXT[answer])}</strong>}
          description={
            <>
              <div>
                {t('taxCode')}: {result.taxCode}
              </div>
              {result.employers.map((e, i) => (
                <div key={i}>
                  {e.name} <FiguresBasisNote basis={e.basis} />
                  {e.reasons.map((reason) => (
                    <div key={reason}>– {t(`awardReason_${reason}`)}</div>
                  ))}
                </div>
              ))}
            </>
          }
        />
      )}
    </Card>
  );
}

/** Kiểm tra hàng loạt: a file of tax codes checked at once; a bad line refuses the file and is named. */
function BulkCheckCard() {
  const t = useT();
  const errorText = useErrorText();
  const [results, setResults] = useState<AwardCheck[] | null>(null);
  const [fileName, setFileName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const check = async (file: File) => {
    setFileName(file.name);
    setBusy(true);
    setResults(null);
    setError(null);
    try {
      setResults((await api.awardCheckFile(file)).items);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const exportCsv = (rows: AwardCheck[]) =>
    downloadCsv(
      `ket-qua-tra-cuu-${fileName.replace(/\.[^.]*$/, '')}.csv`,
      [t('taxCode'), t('name'), t('result'), t('awardReasons')],
      rows.map((r) => [
        r.taxCode,
        r.employers.map((e) => e.name).join('; '),
        t(ANSWER_TEXT[answerOf(r)]),
        r.reasons.map((reason) => t(`awardReason_${reason}`)).join('; '),
      ]),
    );

  const columns: ColumnsType<AwardCheck> = [
    { title: t('taxCode'), dataIndex: 'taxCode', key: 'taxCode', width: 140 },
    { title: t('name'), key: 'name', render: (_, r) => r.employers.map((e, i) => <div key={i}>{e.name}</div>) },
    {
      title: t('result'),
      key: 'result',
      width: 200,
      filters: (['ineligible', 'eligible', 'notFound'] as const).map((a) => ({ text: t(ANSWER_TEXT[a]), value: a })),
      onFilter: (value, r) => answerOf(r) === value,
      render: (_, r) => <Tag color={ANSWER_COLOR[answerOf(r)]}>{t(ANSWER_TEXT[answerOf(r)])}</Tag>,
    },
  ];

  const refusedLine = error instanceof ApiError && error.code === 'invalid_tax_code' ? Number(error.body.line) : null;
  return (
    <Card size="small" title={t('bulkCheckTitle')} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('bulkCheckHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Upload
          accept=".csv,.txt,text/csv,text/plain"
          showUploadList={false}
          beforeUpload={(file) => {
            void check(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {t('chooseTaxCodeFile')}
          </Button>
        </Upload>
        {fileName && <Typography.Text type="secondary">{fileName}</Typography.Text>}
        {results && results.length > 0 && (
          <Button icon={<DownloadOutlined />} onClick={() => exportCsv(results)}>
            {t('exportCsv')}
          </Button>
        )}
      </Space>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          title={refusedLine !== null ? t('fileRefusedAtLine', { line: refusedLine }) : errorText(error)}
          description={refusedLine !== null ? errorText(error) : undefined}
        />
      )}
      {results && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>
            {t('bulkSummary', {
              n: formatCount(results.length),
              ineligible: formatCount(results.filter((r) => r.found && !r.eligible).length),
              notFound: formatCount(results.filter((r) => !r.found).length),
            })}
          </Typography.Text>
          <Table<AwardCheck>
            rowKey="taxCode"
            size="small"
            columns={columns}
            dataSource={results}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          />
        </Space>
      )}
    </Card>
  );
}

/** Công khai thông tin: the approved lists, and the award check by tax code, alone or for a whole file. */
export function PublicHomePage() {
  const t = useT();
  const errorText = useErrorText();
  const [lists, setLists] = useState<PublicList[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.publicLists().then((r) => setLists(r.items), setError);
  }, []);

  const columns: ColumnsType<PublicList> = [
    { title: t('listTitle'), key: 'title', render: (_, l) => <Link to={`/public/lists/${l.id}`}>{l.title}</Link> },
    { title: t('listKind'), key: 'kind', width: 150, render: (_, l) => <ListKindTag kind={l.kind} /> },
    { title: t('listAsOf'), key: 'asOf', width: 140, render: (_, l) => formatDate(l.asOf) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('publicListsTitle')}>
        {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
        <Table<PublicList>
          rowKey="id"
          size="small"
          loading={lists === null && error === null}
          columns={columns}
          dataSource={lists ?? []}
          locale={{ emptyText: t('publicListsEmpty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <AwardCheckCard />
        </Col>
        <Col xs={24} xl={12}>
          <BulkCheckCard />
        </Col>
      </Row>
    </Space>
  );
}
