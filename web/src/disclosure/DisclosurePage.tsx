import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { CheckOutlined, ExportOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { DisclosureKind, DisclosureList } from '../../../src/features/disclosure/schemas';
import type { Office } from '../../../src/features/offices/schemas';
import { useAuth } from '../auth/AuthContext';
import { disclosureKindsFor } from '../auth/roles';
import { userCan } from '../auth/roles';
import { formatCount, formatDate, formatInstant, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';
import { foldForSearch } from '../text';
import { useSearchBox, useUrlState } from '../url';
import { ReasonModal } from '../urging/ReasonModal';
import { EntriesTable, ListKindTag, ListStatusTag } from './EntriesTable';
import { useSubmission } from '../submission';

const PAGE_SIZES = [50, 100, 200];

/** Lập danh sách: a draft of the chosen kind for the national office or a province, from the latest close. */
function AssembleModal({ onClose, onAssembled }: { onClose(): void; onAssembled(id: number, entries: number): void }) {
  const t = useT();
  const { user } = useAuth();
  const kinds = user ? disclosureKindsFor(user) : [];
  const errorText = useErrorText();
  const [form] = Form.useForm<{ kind: DisclosureKind; officeId: number }>();
  const [offices, setOffices] = useState<Office[]>([]);
  const { busy, error, setError, run } = useSubmission();

  useEffect(() => {
    api.offices().then((r) => {
      // Lists are published by Bảo hiểm xã hội Việt Nam or by a province, never by a grassroots office.
      const publishers = r.items.filter((o) => o.kind === 'national' || o.kind === 'province');
      setOffices(publishers);
      if (publishers[0]) form.setFieldValue('officeId', publishers[0].id);
    }, setError);
  }, [form]);

  const submit = async (v: { kind: DisclosureKind; officeId: number }) => {
    await run(async () => {
      const { id, entries } = await api.assembleList(v.kind, v.officeId);
      onAssembled(id, entries);
    });
  };

  return (
    <Modal
      open
      title={t('assembleTitle')}
      okText={t('assemble')}
      okButtonProps={{ loading: busy }}
      cancelText={t('close')}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('assembleHelp')}</Typography.Paragraph>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: kinds[0] }} requiredMark={false}>
        <Form.Item name="kind" label={t('listKind')}>
          <Radio.Group options={kinds.map((k) => ({ value: k, label: t(`listKind_${k}`) }))} optionType="button" />
        </Form.Item>
        <Form.Item name="officeId" label={t('listOffice')} rules={[{ required: true, message: t('required') }]}>
          <Select
            showSearch={{
              filterOption: (input, option) =>
                foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input)),
            }}
            options={offices.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A list's entries for review, searched on the server with or without diacritics. */
function ListDrawer({ list, actions, onClose }: { list: DisclosureList; actions: ReactNode; onClose(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const url = useUrlState();
  const [search, setSearch] = useSearchBox(url);
  const q = url.text('q');
  const page = url.positiveInt('page') ?? 1;
  const pageSize = PAGE_SIZES.find((s) => s === url.positiveInt('pageSize')) ?? PAGE_SIZES[0]!;
  const { data, error, loading } = useLoad(
    () => api.listEntries(list.id, { q: q || undefined, page, pageSize }),
    [list.id, q, page, pageSize],
    { keep: true },
  );

  return (
    <Drawer open size={1000} title={list.title} extra={actions} onClose={onClose}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'kind', label: t('listKind'), children: <ListKindTag kind={list.kind} /> },
            { key: 'status', label: t('status'), children: <ListStatusTag status={list.status} /> },
            { key: 'office', label: t('listOffice'), children: list.officeName },
            { key: 'asOf', label: t('listAsOf'), children: formatDate(list.asOf) },
          ]}
        />
        <Input.Search
          allowClear
          maxLength={200}
          placeholder={t('entrySearch')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => url.update({ q: v.trim() })}
        />
        {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
        <EntriesTable
          kind={list.kind}
          entries={data?.items ?? []}
          total={data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          loading={loading}
          onPage={(p, size) =>
            url.update({ page: p === 1 ? undefined : p, pageSize: size === PAGE_SIZES[0] ? undefined : size }, false)
          }
        />
      </Space>
    </Drawer>
  );
}

/**
 * Công khai danh sách: the public lists of the user's scope with their state. A list is assembled as a draft, checked
 * here, and made public by a second person's approval; it can be withdrawn with a reason.
 */
export function DisclosurePage() {
  const t = useT();
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const { user } = useAuth();
  const url = useUrlState();
  const openId = url.positiveInt('list');
  const { data, error, loading, reload } = useLoad(() => api.disclosureLists(), [], { keep: true });
  const lists = data?.items;
  const [assembling, setAssembling] = useState(false);
  const [withdrawing, setWithdrawing] = useState<DisclosureList | null>(null);
  const manages = !!user && userCan(user, 'disclosure.manage');

  const open = (id: number | undefined) => url.update({ list: id, q: undefined, pageSize: undefined });

  const approve = (l: DisclosureList) =>
    modal.confirm({
      title: t('approveConfirmTitle'),
      content: (
        <>
          <Typography.Paragraph strong>{l.title}</Typography.Paragraph>
          {t('approveConfirmBody')}
        </>
      ),
      okText: t('approve'),
      cancelText: t('close'),
      onOk: async () => {
        try {
          await api.approveList(l.id);
          message.success(t('listApproved'));
          reload();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  const actions = (l: DisclosureList) =>
    manages && (
      <Space size={4} wrap>
        {l.status === 'draft' && (
          // The server refuses it too (409 same_person): a list is published on the word of two people.
          <Tooltip title={l.createdByMe ? t('approveOwn') : undefined}>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              disabled={l.createdByMe}
              onClick={() => approve(l)}
            >
              {t('approve')}
            </Button>
          </Tooltip>
        )}
        {(l.status === 'draft' || l.status === 'approved') && (
          <Button size="small" danger icon={<StopOutlined />} onClick={() => setWithdrawing(l)}>
            {t('withdraw')}
          </Button>
        )}
      </Space>
    );

  const columns: ColumnsType<DisclosureList> = [
    { title: t('listKind'), key: 'kind', width: 120, render: (_, l) => <ListKindTag kind={l.kind} /> },
    {
      title: t('listTitle'),
      key: 'title',
      minWidth: 240,
      render: (_, l) => <Typography.Link onClick={() => open(l.id)}>{l.title}</Typography.Link>,
    },
    {
      title: t('listOffice'),
      key: 'office',
      width: 180,
      render: (_, l) => <span title={l.officeName}>{shortOfficeName(l.officeName)}</span>,
    },
    { title: t('listAsOf'), key: 'asOf', width: 110, render: (_, l) => formatDate(l.asOf) },
    { title: t('status'), key: 'status', width: 130, render: (_, l) => <ListStatusTag status={l.status} /> },
    { title: t('employersCount'), key: 'entries', width: 90, align: 'right', render: (_, l) => formatCount(l.entries) },
    {
      title: t('approvedAt'),
      key: 'approvedAt',
      width: 130,
      render: (_, l) => (l.approvedAt ? formatInstant(l.approvedAt) : '—'),
    },
    { title: t('operations'), key: 'actions', width: 190, render: (_, l) => actions(l) },
  ];

  const opened = lists?.find((l) => l.id === openId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {t('disclosureTitle')}
        </Typography.Title>
        <Button icon={<ExportOutlined />} href="/public" target="_blank">
          {t('openPublicPage')}
        </Button>
        {manages && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAssembling(true)}>
            {t('assembleList')}
          </Button>
        )}
      </div>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      <Table<DisclosureList>
        rowKey="id"
        size="small"
        loading={loading && !lists}
        columns={columns}
        dataSource={lists ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1130 }}
      />
      {opened && <ListDrawer list={opened} actions={actions(opened)} onClose={() => open(undefined)} />}
      {assembling && (
        <AssembleModal
          onClose={() => setAssembling(false)}
          onAssembled={(id, entries) => {
            setAssembling(false);
            message.success(t('listAssembled', { n: formatCount(entries) }));
            reload();
            open(id);
          }}
        />
      )}
      {withdrawing && (
        <ReasonModal
          title={`${t('withdrawTitle')}: ${withdrawing.title}`}
          okText={t('withdraw')}
          help={t('withdrawHelp')}
          label={t('withdrawReason')}
          onCancel={() => setWithdrawing(null)}
          onSubmit={async (reason) => {
            await api.withdrawList(withdrawing.id, reason);
            setWithdrawing(null);
            message.success(t('listWithdrawn'));
            reload();
          }}
        />
      )}
    </Space>
  );
}
