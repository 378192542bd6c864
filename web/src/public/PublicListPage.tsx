import { Alert, App, Breadcrumb, Button, Input, Space, Spin, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { ListEntry } from '../../../src/features/disclosure/schemas';
import { idParam } from '../campaigns/labels';
import { EntriesTable } from '../disclosure/EntriesTable';
import { formatDate } from '../format';
import { useErrorText, useT } from '../i18n';
import { isNotFound, useLoad } from '../load';
import { useSearchBox, useUrlState } from '../url';
import { useDownload } from '../urging/labels';

const PAGE_SIZES = [50, 100, 200];
/** The server's largest page, used to gather the whole list for printing. */
const PRINT_PAGE = 200;

/**
 * One approved list for the public: searched with or without diacritics, paged, downloadable as Excel and printable
 * whole. A draft or withdrawn list is not found, as the server answers.
 */
export function PublicListPage() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const download = useDownload();
  const id = idParam(useParams().id);
  const url = useUrlState();
  const [search, setSearch] = useSearchBox(url);
  const q = url.text('q');
  const page = url.positiveInt('page') ?? 1;
  const pageSize = PAGE_SIZES.find((s) => s === url.positiveInt('pageSize')) ?? PAGE_SIZES[0]!;
  // The page shows the last answer while the next page or search loads.
  const { data, error, loading } = useLoad(
    id === undefined ? null : () => api.publicList(id, { q: q || undefined, page, pageSize }),
    [id, q, page, pageSize],
    { keep: true },
  );
  // Every entry matching the search, gathered for printing; the page prints them, then goes back to paging.
  const [printing, setPrinting] = useState<ListEntry[] | null>(null);
  const [gathering, setGathering] = useState(false);

  useEffect(() => {
    if (!printing) return;
    const done = () => setPrinting(null);
    window.addEventListener('afterprint', done, { once: true });
    window.print();
    return () => window.removeEventListener('afterprint', done);
  }, [printing]);

  const crumbs = (
    <Breadcrumb
      className="no-print"
      items={[{ key: 'lists', title: <Link to="/public">{t('allPublicLists')}</Link> }]}
    />
  );
  if (!data && loading) return <Spin style={{ display: 'block', marginTop: 48 }} />;
  if (!data || error !== null) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {crumbs}
        {error !== null && !isNotFound(error) ? (
          <Alert type="error" showIcon title={errorText(error)} />
        ) : (
          <Alert type="warning" showIcon title={t('listNotFound')} />
        )}
      </Space>
    );
  }

  const { list } = data;
  const print = async () => {
    setGathering(true);
    try {
      const all: ListEntry[] = [];
      for (let p = 1; all.length < data.total; p++) {
        const r = await api.publicList(list.id, { q: q || undefined, page: p, pageSize: PRINT_PAGE });
        if (r.items.length === 0) break;
        all.push(...r.items);
      }
      setPrinting(all);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setGathering(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {crumbs}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 300 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {list.title}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('listAsOf')}: {formatDate(list.asOf)}
          </Typography.Text>
        </div>
        <Space wrap className="no-print">
          <Button icon={<FileExcelOutlined />} onClick={() => download(() => api.downloadPublicList(list.id))}>
            {t('downloadExcel')}
          </Button>
          <Button icon={<PrinterOutlined />} loading={gathering} onClick={() => void print()}>
            {t('printPdf')}
          </Button>
        </Space>
      </div>
      <Input.Search
        className="no-print"
        allowClear
        maxLength={200}
        placeholder={t('entrySearch')}
        aria-label={t('entrySearch')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(v) => url.update({ q: v.trim() })}
        style={{ maxWidth: 520 }}
      />
      <EntriesTable
        kind={list.kind}
        entries={printing ?? data.items}
        total={data.total}
        page={printing ? 1 : page}
        pageSize={pageSize}
        loading={loading}
        onPage={
          printing
            ? undefined
            : (p, size) =>
                url.update(
                  { page: p === 1 ? undefined : p, pageSize: size === PAGE_SIZES[0] ? undefined : size },
                  false,
                )
        }
      />
    </Space>
  );
}
