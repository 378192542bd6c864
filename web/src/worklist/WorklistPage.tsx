import { App, Button, Card, Col, Row, Select, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { ActionKind } from '../../../src/domain/actions';
import type { Office } from '../../../src/features/offices/schemas';
import type { UserInScope } from '../../../src/features/users/schemas';
import type { WorklistItem, WorklistTier } from '../../../src/features/worklists/schemas';
import { BAND_COLOR } from '../arrears/ArrearsCard';
import { useAuth } from '../auth/AuthContext';
import { actionKindsFor, userCan } from '../auth/roles';
import { StatusTag } from '../employers/labels';
import { formatCount, formatDate, formatVnd, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { ListTable, useListQuery, type ListColumn } from '../ListTable';
import { useLoad } from '../load';
import { foldForSearch } from '../text';
import { useUrlState } from '../url';
import { ActionFormModal } from '../urging/ActionFormModal';
import { DueList, RecordedAlert, StepTag, TierTag, type Recorded } from '../urging/labels';
import { FiguresBasisNote } from '../layout/FiguresBasisNote';
import { BulkAssignModal } from './BulkAssignModal';

const PAGE_SIZES = [50, 100, 200];
const TIERS: WorklistTier[] = ['today', 'this_week', 'later'];
const TIER_COLOR: Record<WorklistTier, string> = { today: '#cf1322', this_week: '#d46b08', later: '#595959' };
/**
 * Recorded in one click, dated today: the server has all it needs to write and number the letter. The other due
 * actions open the form, for the meeting time and place, the minutes, or the decision number and fine.
 */
const ONE_CLICK: readonly ActionKind[] = ['urging_letter'];

/** Việc hôm nay: the official's late employers, what cannot wait first, each with its due actions a click away. */
export function WorklistPage() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { user } = useAuth();
  const navigate = useNavigate();
  const url = useUrlState();
  const userId = url.positiveInt('userId');
  const [query, setQuery] = useListQuery(url, { pageSizes: PAGE_SIZES });
  const { page, pageSize } = query;

  // The rows stay under the spinner while the next page, another official or a reload after a write comes in.
  const load = useLoad(() => api.worklist({ userId, page, pageSize }), [userId, page, pageSize], { keep: true });
  const { data, reload } = load;
  const [recording, setRecording] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [form, setForm] = useState<{ employer: WorklistItem['employer']; kind?: ActionKind } | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [offices, setOffices] = useState<Office[]>([]);
  const [users, setUsers] = useState<UserInScope[]>([]);

  const kinds = user ? actionKindsFor(user) : [];
  const seesOthers = !!user && userCan(user, 'user.read');
  const assigns = !!user && userCan(user, 'assignment.write');

  useEffect(() => {
    if (!seesOthers) return;
    // Without these lists the officer's own worklist still works; only choosing another official does not.
    Promise.all([api.offices(), api.users()]).then(
      ([o, u]) => {
        setOffices(o.items);
        setUsers(u.items);
      },
      () => undefined,
    );
  }, [seesOthers]);

  // Only officials of a province or grassroots office have a worklist.
  const officials = useMemo(() => {
    const kindOf = new Map(offices.map((o) => [o.id, o.kind]));
    return users.filter((u) => u.active && ['province', 'grassroots'].includes(kindOf.get(u.office.id) ?? ''));
  }, [offices, users]);

  const recordNow = async (item: WorklistItem, kind: ActionKind, asOf: string) => {
    setRecording(`${item.employer.id}:${kind}`);
    try {
      const result = await api.recordAction({ employerIds: [item.employer.id], kind, date: asOf });
      const [action] = result.actions;
      setRecorded({
        kind,
        employerName: item.employer.name,
        documentId: action?.documentId ?? null,
        documentNumber: action?.documentNumber ?? null,
      });
      reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setRecording(null);
    }
  };

  const asOf = data?.asOf ?? '';
  const columns: ListColumn<WorklistItem>[] = [
    { title: '', key: 'tier', width: 96, render: (_, i) => <TierTag tier={i.tier} /> },
    {
      title: t('employer'),
      key: 'employer',
      minWidth: 200,
      render: (_, i) => (
        <div style={{ lineHeight: 1.4 }}>
          <Link to={`/employers/${i.employer.id}?tab=urging`}>{i.employer.name}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} title={i.employer.officeName}>
              {i.employer.code} · {shortOfficeName(i.employer.officeName)}
            </Typography.Text>
            {i.responsibility === 'leader' && <Tag style={{ marginLeft: 6 }}>{t('leader')}</Tag>}
            {i.employer.status !== 'active' && (
              <span style={{ marginLeft: 6 }}>
                <StatusTag status={i.employer.status} />
              </span>
            )}
          </div>
        </div>
      ),
    },
    {
      title: t('lateAmount'),
      dataIndex: 'lateAmount',
      key: 'lateAmount',
      align: 'right',
      width: 120,
      render: (n: number) => <strong>{formatVnd(n)}</strong>,
    },
    {
      title: t('overdueMonths'),
      dataIndex: 'overdueMonths',
      key: 'overdueMonths',
      align: 'right',
      width: 90,
      render: (n: number, i) => <Tag color={BAND_COLOR[i.band] ?? 'default'}>{n}</Tag>,
    },
    {
      title: t('ladderStep'),
      key: 'step',
      width: 130,
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          <StepTag step={i.step} />
          {i.since && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('sinceDate', { date: formatDate(i.since) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('dueTasks'),
      key: 'due',
      width: 210,
      render: (_, i) => (
        <Space orientation="vertical" size={2}>
          {i.brokenPromise && <Tag color="red">{t('brokenPromise')}</Tag>}
          <DueList due={i.due} asOf={asOf} />
        </Space>
      ),
    },
    {
      title: t('followUpOn'),
      dataIndex: 'followUpOn',
      key: 'followUpOn',
      width: 90,
      render: (d: string | null) =>
        d ? <Typography.Text type={d < asOf ? 'danger' : undefined}>{formatDate(d)}</Typography.Text> : '—',
    },
    {
      title: t('operations'),
      key: 'act',
      width: 220,
      render: (_, i) => (
        <Space size={4} wrap>
          {[...new Set(i.due.map((d) => d.action))].map((action) => {
            if (action === 'instalment_check') {
              return (
                <Button key={action} size="small" onClick={() => navigate(`/employers/${i.employer.id}?tab=urging`)}>
                  {t('do_instalment_check')}
                </Button>
              );
            }
            if (!kinds.includes(action)) return null;
            const oneClick = ONE_CLICK.includes(action);
            return (
              <Button
                key={action}
                size="small"
                type={oneClick ? 'primary' : 'default'}
                loading={recording === `${i.employer.id}:${action}`}
                disabled={recording !== null && recording !== `${i.employer.id}:${action}`}
                onClick={() =>
                  oneClick ? void recordNow(i, action, asOf) : setForm({ employer: i.employer, kind: action })
                }
              >
                {t(`do_${action}`)}
              </Button>
            );
          })}
          {kinds.length > 0 && (
            <Tooltip title={t('otherAction')}>
              <Button
                size="small"
                icon={<PlusOutlined />}
                aria-label={t('otherAction')}
                onClick={() => setForm({ employer: i.employer })}
              />
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
        <div style={{ flex: 1, minWidth: 240 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('worklistTitle')}
          </Typography.Title>
          {data && (
            <Typography.Text type="secondary">
              {t('worklistOf', { name: data.official.fullName, date: formatDate(data.asOf) })}
            </Typography.Text>
          )}
          {data && (
            <div>
              <FiguresBasisNote basis={data.basis} />
            </div>
          )}
        </div>
        {seesOthers && (
          <Select
            allowClear
            placeholder={t('viewOfficial')}
            value={userId}
            onChange={(v?: number) => url.update({ userId: v })}
            showSearch={{
              filterOption: (input, option) =>
                foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input)),
            }}
            options={officials.map((u) => ({
              value: u.id,
              label: `${u.fullName} · ${shortOfficeName(u.office.name)}`,
            }))}
            style={{ width: 320 }}
          />
        )}
        {assigns && (
          <Button icon={<TeamOutlined />} onClick={() => setBulkOpen(true)}>
            {t('bulkAssign')}
          </Button>
        )}
      </div>
      <Row gutter={12}>
        {TIERS.map((tier) => (
          <Col key={tier} xs={8} lg={5} xxl={4}>
            <Card size="small">
              <Statistic
                title={t(`tier_${tier}`)}
                value={data ? formatCount(data.counts[tier]) : '—'}
                styles={{ content: { color: TIER_COLOR[tier], fontSize: 22 } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {recorded && <RecordedAlert recorded={recorded} onClose={() => setRecorded(null)} />}
      <ListTable<WorklistItem>
        load={load}
        columns={columns}
        rowKey={(i) => i.employer.id}
        query={query}
        pageSizes={PAGE_SIZES}
        onQueryChange={setQuery}
        totalText={(n) => t('totalEmployers', { n: formatCount(n) })}
        emptyText={t('nothingToDo')}
        // React's attribute types leave out data-* in an object; the row renders it all the same.
        rowProps={(i) => ({ 'data-testid': `worklist-row-${i.employer.code}` }) as HTMLAttributes<HTMLElement>}
        minWidth={1150}
      />
      {form && data && (
        <ActionFormModal
          employer={form.employer}
          kind={form.kind}
          today={data.asOf}
          onClose={() => setForm(null)}
          onRecorded={(r) => {
            setForm(null);
            setRecorded(r);
            reload();
          }}
        />
      )}
      {bulkOpen && (
        <BulkAssignModal offices={offices} users={users} onClose={() => setBulkOpen(false)} onAssigned={reload} />
      )}
    </Space>
  );
}
