import { App, Button, Input, Space, Tag, theme, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, type WorklistQuery } from '../api/client';
import type { ActionKind } from '../../../src/domain/actions';
import { LADDER_STEPS } from '../../../src/domain/ladder';
import { WORKLIST_SORTS, type WorklistSort } from '../../../src/domain/worklist';
import type { DueTask } from '../../../src/features/ladder/schemas';
import type { Office } from '../../../src/features/offices/schemas';
import type { UserInScope } from '../../../src/features/users/schemas';
import type { WorklistExportQuery, WorklistItem, WorklistTier } from '../../../src/features/worklists/schemas';
import { BAND_COLOR } from '../arrears/ArrearsCard';
import { useAuth } from '../auth/AuthContext';
import { actionKindsFor, userCan } from '../auth/roles';
import { StatusTag } from '../employers/labels';
import { formatCount, formatDate, formatVnd, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import type { Messages } from '../i18n/messages';
import { BANDS, LINE, StepBandSelects, UrlSelect, useColumnTitle } from '../ListFilters';
import { AmountRange, ListTable, SummaryCards, useListQuery, type ListColumn } from '../ListTable';
import { useLoad } from '../load';
import { useSearchBox, useUrlState } from '../url';
import { ActionFormModal } from '../urging/ActionFormModal';
import { useBulkUrging } from '../urging/BulkUrgingModal';
import { DueList, RecordedAlert, StepTag, TierTag, type Recorded } from '../urging/labels';
import { FiguresBasisNote } from '../layout/FiguresBasisNote';
import { HoverTooltip } from '../HoverTooltip';
import { BulkAssignModal } from './BulkAssignModal';

const PAGE_SIZES = [50, 100, 200];
const TIERS: WorklistTier[] = ['today', 'this_week', 'later'];
const TIER_COLOR: Record<WorklistTier, string> = { today: '#cf1322', this_week: '#d46b08', later: '#595959' };
const DEFAULT_SORT = { sort: 'priority', order: 'asc' } as const;
/** A worklist holds late employers only: no 'current' step. */
const LATE_STEPS = LADDER_STEPS.filter((s) => s !== 'current');
/**
 * Recorded in one click, dated today: the server has all it needs to write and number the letter. The other due
 * actions open the form, for the meeting time and place, the minutes, or the decision number and fine.
 */
const ONE_CLICK: readonly ActionKind[] = ['urging_letter'];

/**
 * Việc hôm nay: the official's late employers, what cannot wait first, each with its due actions a click away;
 * searched, filtered, sorted and exported like a spreadsheet, and ticked for a letter to many at once.
 */
export function WorklistPage() {
  const t = useT();
  const title = useColumnTitle();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { user } = useAuth();
  const navigate = useNavigate();
  const url = useUrlState();
  const [search, setSearch] = useSearchBox(url);
  const filters: WorklistExportQuery = {
    userId: url.positiveInt('userId'),
    q: url.text('q') || undefined,
    tier: url.oneOf('tier', TIERS),
    step: url.oneOf('step', LADDER_STEPS),
    band: url.oneOf('band', BANDS),
    minAmount: url.positiveInt('minAmount'),
    maxAmount: url.positiveInt('maxAmount'),
    officeId: url.positiveInt('officeId'),
  };
  const [query, setQuery] = useListQuery(url, {
    pageSizes: PAGE_SIZES,
    sorts: WORKLIST_SORTS,
    defaultSort: DEFAULT_SORT,
  });
  const request: WorklistQuery = { ...filters, ...query };
  const key = JSON.stringify(request);
  const filtered = Object.entries(filters).some(([k, v]) => k !== 'userId' && v !== undefined);

  // The rows stay under the spinner while the next page, another filter or a reload after a write comes in.
  const load = useLoad(() => api.worklist(request), [key], { keep: true });
  const { data, reload } = load;
  const [recording, setRecording] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [form, setForm] = useState<{ employer: WorklistItem['employer']; kind?: ActionKind } | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const urging = useBulkUrging({ employerOf: (i: WorklistItem) => i.employer, date: data?.asOf, onRecorded: reload });
  const [offices, setOffices] = useState<Office[]>([]);
  const [users, setUsers] = useState<UserInScope[]>([]);
  const [exporting, setExporting] = useState(false);

  const kinds = user ? actionKindsFor(user) : [];
  const seesOthers = !!user && userCan(user, 'user.read');
  const assigns = !!user && userCan(user, 'assignment.write');

  useEffect(() => {
    // Without the offices the list still works; only filtering by office does not.
    api.offices().then(
      (o) => setOffices(o.items),
      () => undefined,
    );
    if (!seesOthers) return;
    api.users().then(
      (u) => setUsers(u.items),
      () => undefined,
    );
  }, [seesOthers]);

  // Only officials of a province or grassroots office have a worklist.
  const officials = useMemo(() => {
    const kindOf = new Map(offices.map((o) => [o.id, o.kind]));
    return users.filter((u) => u.active && ['province', 'grassroots'].includes(kindOf.get(u.office.id) ?? ''));
  }, [offices, users]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await api.downloadWorklist({ ...filters, sort: query.sort, order: query.order });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

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
  // The cells colour their text with the theme's tokens on plain elements: a Typography in each cell of each row
  // weighs on the page's rendering.
  const { token } = theme.useToken();
  const columns: ListColumn<WorklistItem, WorklistSort>[] = [
    { title: '', key: 'tier', sortKey: 'priority', width: 118, render: (_, i) => <TierTag tier={i.tier} /> },
    {
      title: title('name'),
      key: 'name',
      sortKey: 'name',
      render: (_, i) => (
        <span style={LINE} title={`${i.employer.name} · ${i.employer.code} · ${i.employer.officeName}`}>
          <Link to={`/employers/${i.employer.id}?tab=urging`}>{i.employer.name}</Link>
          <span style={{ color: token.colorTextSecondary, fontSize: 12, marginLeft: 6 }}>{i.employer.code}</span>
          {i.responsibility === 'leader' && <Tag style={{ marginLeft: 6 }}>{t('leader')}</Tag>}
          {i.employer.status !== 'active' && (
            <span style={{ marginLeft: 6 }}>
              <StatusTag status={i.employer.status} />
            </span>
          )}
        </span>
      ),
    },
    ...(offices.length > 1
      ? [
          {
            title: title('office'),
            key: 'office',
            sortKey: 'office' as const,
            width: 120,
            render: (_: unknown, i: WorklistItem) => (
              <span style={LINE} title={i.employer.officeName}>
                {shortOfficeName(i.employer.officeName)}
              </span>
            ),
          },
        ]
      : []),
    {
      title: title('lateAmount'),
      dataIndex: 'lateAmount',
      key: 'lateAmount',
      sortKey: 'lateAmount',
      align: 'right',
      width: 130,
      render: (n: number) => <strong style={{ whiteSpace: 'nowrap' }}>{formatVnd(n)}</strong>,
    },
    {
      title: t('overdueMonthsShort'),
      dataIndex: 'overdueMonths',
      key: 'overdueMonths',
      sortKey: 'overdueMonths',
      align: 'right',
      width: 78,
      render: (n: number, i) => (
        <HoverTooltip title={t(`band_${i.band}` as keyof Messages)}>
          <Tag color={BAND_COLOR[i.band] ?? 'default'}>{n}</Tag>
        </HoverTooltip>
      ),
    },
    {
      title: title('step'),
      key: 'step',
      sortKey: 'step',
      width: 150,
      render: (_, i) => (
        <HoverTooltip title={i.since ? t('sinceDate', { date: formatDate(i.since) }) : undefined}>
          <span style={LINE}>
            <StepTag step={i.step} />
          </span>
        </HoverTooltip>
      ),
    },
    {
      title: title('dueTasks'),
      key: 'due',
      width: 200,
      render: (_, i) => <DueLine due={i.due} brokenPromise={i.brokenPromise} asOf={asOf} />,
    },
    {
      title: title('followUpOn'),
      dataIndex: 'followUpOn',
      key: 'followUpOn',
      sortKey: 'followUpOn',
      width: 104,
      render: (d: string | null) =>
        d ? <span style={d < asOf ? { color: token.colorError } : undefined}>{formatDate(d)}</span> : '—',
    },
    {
      title: t('operations'),
      key: 'act',
      width: 214,
      render: (_, i) => (
        <Space size={4} style={{ whiteSpace: 'nowrap' }}>
          {[...new Set(i.due.map((d) => d.action))].slice(0, 1).map((action) => {
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
            // The browser's own hint: an antd Tooltip on the button of every row weighs on the page's rendering.
            <Button
              size="small"
              icon={<PlusOutlined />}
              aria-label={t('otherAction')}
              title={t('otherAction')}
              onClick={() => setForm({ employer: i.employer })}
            />
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
          <UrlSelect
            url={url}
            param="userId"
            value={filters.userId}
            placeholder={t('viewOfficial')}
            label={t('viewOfficial')}
            width={320}
            searchable
            options={officials.map((u) => ({
              value: u.id,
              label: `${u.fullName} · ${shortOfficeName(u.office.name)}`,
            }))}
          />
        )}
        {assigns && (
          <Button icon={<TeamOutlined />} onClick={() => setBulkOpen(true)}>
            {t('bulkAssign')}
          </Button>
        )}
      </div>
      <SummaryCards
        cards={TIERS.map((tier) => ({
          key: tier,
          title: t(`tier_${tier}`),
          value: data ? formatCount(data.counts[tier]) : '—',
          color: TIER_COLOR[tier],
        }))}
        active={filters.tier}
        onSelect={(tier) => url.update({ tier })}
        help={t('tierCardHelp')}
      />
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 300 }}
        />
        <StepBandSelects step={filters.step} band={filters.band} steps={LATE_STEPS} onChange={url.update} />
        <AmountRange
          min={filters.minAmount}
          max={filters.maxAmount}
          onChange={(minAmount, maxAmount) => url.update({ minAmount, maxAmount })}
        />
        {offices.length > 1 && (
          <UrlSelect
            url={url}
            param="officeId"
            value={filters.officeId}
            placeholder={t('allOffices')}
            label={title('office')}
            width={240}
            searchable
            options={offices.map((o) => ({ value: o.id, label: shortOfficeName(o.name) }))}
          />
        )}
        {filtered && (
          <Button
            onClick={() =>
              url.update({
                q: undefined,
                tier: undefined,
                step: undefined,
                band: undefined,
                minAmount: undefined,
                maxAmount: undefined,
                officeId: undefined,
              })
            }
          >
            {t('clearFilters')}
          </Button>
        )}
        <Tooltip title={t('exportXlsxHelp')}>
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            {t('exportXlsx')}
          </Button>
        </Tooltip>
        {data && (
          <Typography.Text strong>
            {t('totalLate')}: {formatVnd(data.totalLateAmount)}
          </Typography.Text>
        )}
      </Space>
      {urging.bar}
      {recorded && <RecordedAlert recorded={recorded} onClose={() => setRecorded(null)} />}
      <ListTable<WorklistItem, WorklistSort>
        load={load}
        columns={columns}
        rowKey={(i) => i.employer.id}
        query={query}
        defaultSort={DEFAULT_SORT}
        pageSizes={PAGE_SIZES}
        onQueryChange={setQuery}
        totalText={(n) => t('totalEmployers', { n: formatCount(n) })}
        emptyText={filtered ? t('noMatch') : t('nothingToDo')}
        // React's attribute types leave out data-* in an object; the row renders it all the same.
        rowProps={(i) => ({ 'data-testid': `worklist-row-${i.employer.code}` }) as HTMLAttributes<HTMLElement>}
        minWidth={1120}
        selection={urging.selection}
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
      {urging.modal}
      {bulkOpen && (
        <BulkAssignModal offices={offices} users={users} onClose={() => setBulkOpen(false)} onAssigned={reload} />
      )}
    </Space>
  );
}

/** The first task due on one line, the others on hover: what the row asks for next, without making it taller. */
function DueLine({ due, brokenPromise, asOf }: { due: DueTask[]; brokenPromise: boolean; asOf: string }) {
  const t = useT();
  const { token } = theme.useToken();
  const first = due[0];
  return (
    <HoverTooltip title={due.length > 0 ? <DueList due={due} asOf={asOf} withReason /> : undefined}>
      <span style={LINE}>
        {brokenPromise && <Tag color="red">{t('brokenPromise')}</Tag>}
        {first ? (
          <span
            style={{
              color: first.by < asOf ? token.colorError : undefined,
              fontWeight: first.by <= asOf ? token.fontWeightStrong : undefined,
            }}
          >
            {t(`action_${first.action}`)} · {t('dueBy', { date: formatDate(first.by) })}
          </span>
        ) : (
          <span style={{ color: token.colorTextSecondary }}>{t('nothingDue')}</span>
        )}
        {due.length > 1 && <Tag style={{ marginLeft: 4 }}>+{due.length - 1}</Tag>}
      </span>
    </HoverTooltip>
  );
}
