import { App, Button, Checkbox, Input, Select, Tag, Tooltip } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useEffect, useState, type ReactNode } from 'react';
import { LADDER_STEPS, type LadderStep } from '../../src/domain/ladder';
import { EMPLOYER_STATUSES, type EmployerStatus, type Ownership } from '../../src/domain/ledger';
import { LIST_COLUMNS, type ListColumnKey } from '../../src/domain/list-labels';
import type { Office } from '../../src/features/offices/schemas';
import type { UserInScope } from '../../src/features/users/schemas';
import { api } from './api/client';
import { BAND_COLOR } from './arrears/ArrearsCard';
import { useAuth } from './auth/AuthContext';
import { userCan } from './auth/roles';
import { OWNERSHIPS, useLabels } from './employers/labels';
import { shortOfficeName } from './format';
import { useErrorText, useI18n, useT } from './i18n';
import type { Messages } from './i18n/messages';
import { AmountRange, type ListColumn } from './ListTable';
import { OfficeTreeSelect } from './offices';
import { foldForSearch } from './text';
import { StepTag } from './urging/labels';
import { useSearchBox, type useUrlState } from './url';

type Url = ReturnType<typeof useUrlState>;

/** The bands an official filters by (those of the default rule set). */
export const BANDS = ['1-2', '3-5', '6-11', '12+'] as const;

/** What every list of employers is narrowed to (http/schemas EmployerListFilters), as the URL holds it. */
export interface EmployerListFilterValues {
  q?: string | undefined;
  officeId?: number | undefined;
  band?: string | undefined;
  step?: LadderStep | undefined;
  minAmount?: number | undefined;
  maxAmount?: number | undefined;
  userId?: number | undefined;
}

const FILTER_KEYS = ['q', 'officeId', 'band', 'step', 'minAmount', 'maxAmount', 'userId'] as const;

/** The lists' filters read back from the URL, checked: a value the server would refuse filters nothing. */
export function useEmployerListFilters(url: Url): EmployerListFilterValues {
  return {
    q: url.text('q') || undefined,
    officeId: url.positiveInt('officeId'),
    band: url.oneOf('band', BANDS),
    step: url.oneOf('step', LADDER_STEPS),
    minAmount: url.positiveInt('minAmount'),
    maxAmount: url.positiveInt('maxAmount'),
    userId: url.positiveInt('userId'),
  };
}

/** A column's head from the table the exports write theirs from, in the user's language. */
export function useColumnTitle(): (key: ListColumnKey) => string {
  const { language } = useI18n();
  return (key) => LIST_COLUMNS[key][language];
}

interface FilterSelectProps<V extends string | number> {
  value: V | undefined;
  /** What the select shows when it filters nothing ("every step"). */
  placeholder: string;
  /** Its name for a screen reader: the column it filters by. */
  label: string;
  options: { value: V; label: string }[];
  width: number;
  /** A long list of names is searched, without diacritics. */
  searchable?: boolean;
}

/** A filter of a list: one value or, cleared, all of them. */
function FilterSelect<V extends string | number>(
  props: FilterSelectProps<V> & { onChange: (value: V | undefined) => void },
) {
  return (
    <Select<V>
      allowClear
      placeholder={props.placeholder}
      aria-label={props.label}
      value={props.value}
      style={{ width: props.width }}
      popupMatchSelectWidth={false}
      onChange={(v?: V) => props.onChange(v)}
      showSearch={
        props.searchable
          ? {
              filterOption: (input, option) =>
                foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input)),
            }
          : undefined
      }
      options={props.options}
    />
  );
}

/** A filter kept in one parameter of the URL, so that a reload or a shared link shows the same list. */
export function UrlSelect<V extends string | number>(
  props: FilterSelectProps<V> & {
    url: Url;
    /** The URL parameter; `value` is what the page read back from it, checked. */
    param: string;
  },
) {
  const { url, param, ...select } = props;
  return <FilterSelect {...select} onChange={(v) => url.update({ [param]: v })} />;
}

/** A list's step and band, as its two filters set them (a type, so that the URL's changes take it). */
export type StepBand = { step?: LadderStep | undefined; band?: string | undefined };

/** The step and band filters every list offers, in the ladder's and the bands' order; `onChange` hears the one set. */
export function StepBandSelects(
  props: StepBand & {
    /** The steps worth offering on this list (a late list has no 'current'). */
    steps?: readonly LadderStep[] | undefined;
    onChange: (change: StepBand) => void;
  },
) {
  const t = useT();
  const title = useColumnTitle();
  return (
    <>
      <FilterSelect
        value={props.step}
        placeholder={t('allSteps')}
        label={title('step')}
        width={190}
        options={(props.steps ?? LADDER_STEPS).map((s) => ({ value: s, label: t(`step_${s}`) }))}
        onChange={(step) => props.onChange({ step })}
      />
      <FilterSelect
        value={props.band}
        placeholder={t('allBands')}
        label={title('band')}
        width={140}
        options={BANDS.map((b) => ({ value: b, label: t(`band_${b}`) }))}
        onChange={(band) => props.onChange({ band })}
      />
    </>
  );
}

/** The keys of the employer's own filters in the URL, its ownership and status, for the lists that offer them. */
export const OWNERSHIP_STATUS_KEYS = ['ownership', 'status'] as const;

/** The ownership and status a list is narrowed to, read back from the URL, checked. */
export function useOwnershipStatusFilters(url: Url): {
  ownership?: Ownership | undefined;
  status?: EmployerStatus | undefined;
} {
  return { ownership: url.oneOf('ownership', OWNERSHIPS), status: url.oneOf('status', EMPLOYER_STATUSES) };
}

/** The ownership and status filters, for a filter bar's own filters. */
export function OwnershipStatusSelects(props: { url: Url; filters: ReturnType<typeof useOwnershipStatusFilters> }) {
  const t = useT();
  const title = useColumnTitle();
  const labels = useLabels();
  return (
    <>
      <UrlSelect
        url={props.url}
        param="ownership"
        value={props.filters.ownership}
        placeholder={t('allOwnerships')}
        label={title('ownership')}
        width={200}
        options={OWNERSHIPS.map((o) => ({ value: o, label: labels.ownership(o) }))}
      />
      <UrlSelect
        url={props.url}
        param="status"
        value={props.filters.status}
        placeholder={t('allStatuses')}
        label={title('status')}
        width={150}
        options={EMPLOYER_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
      />
    </>
  );
}

/** What the columns every list of employers shares show of a row. */
export interface EmployerCells {
  code: string;
  name: string;
  officeName: string;
  ownership?: Ownership;
}

type SharedColumns<T> = {
  [K in 'code' | 'name' | 'office' | 'ownership' | 'overdueMonths' | 'step']: ListColumn<T, K>;
};

/**
 * The columns every list of employers shares, each sorted by the server under its own key: the code, the name, the
 * office and the ownership of the employer `of` finds in a row, the row's months overdue (its band on hover) and its
 * step on the ladder. A list places those it shows among its own.
 */
export function useEmployerColumns<T extends { overdueMonths: number; band: string; step: LadderStep }>(
  of: (row: T) => EmployerCells,
): SharedColumns<T> {
  const t = useT();
  const title = useColumnTitle();
  const labels = useLabels();
  return {
    code: { title: title('code'), key: 'code', sortKey: 'code', width: 104, render: (_, r) => of(r).code },
    name: {
      title: title('name'),
      key: 'name',
      sortKey: 'name',
      ellipsis: { showTitle: false },
      render: (_, r) => (
        <span style={LINE} title={of(r).name}>
          {of(r).name}
        </span>
      ),
    },
    office: {
      title: title('office'),
      key: 'office',
      sortKey: 'office',
      width: 130,
      ellipsis: { showTitle: false },
      render: (_, r) => <span title={of(r).officeName}>{shortOfficeName(of(r).officeName)}</span>,
    },
    ownership: {
      title: title('ownership'),
      key: 'ownership',
      sortKey: 'ownership',
      width: 140,
      ellipsis: { showTitle: false },
      render: (_, r) => {
        const { ownership } = of(r);
        const label = ownership === undefined ? '' : labels.ownership(ownership);
        return <span title={label}>{label}</span>;
      },
    },
    overdueMonths: {
      title: t('overdueMonthsShort'),
      key: 'overdueMonths',
      sortKey: 'overdueMonths',
      align: 'right',
      width: 80,
      render: (_, r) =>
        r.overdueMonths > 0 ? (
          <Tooltip title={t(`band_${r.band}` as keyof Messages)}>
            <Tag color={BAND_COLOR[r.band] ?? 'default'}>{r.overdueMonths}</Tag>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    step: {
      title: title('step'),
      key: 'step',
      sortKey: 'step',
      width: 150,
      render: (_, r) => (
        <span style={LINE}>
          <StepTag step={r.step} />
        </span>
      ),
    },
  };
}

/** The offices of the scope and, for whoever may see them, its officials with a list (province or grassroots). */
function useScopeChoices(withOfficials: boolean) {
  const [offices, setOffices] = useState<Office[]>([]);
  const [officials, setOfficials] = useState<UserInScope[]>([]);
  useEffect(() => {
    // Without them the list still works; only the office and official filters stay empty.
    api.offices().then(
      (r) => setOffices(r.items.filter((o) => o.kind !== 'department')),
      () => undefined,
    );
    if (!withOfficials) return;
    api.users().then(
      (r) => setOfficials(r.items.filter((u) => u.active && ['province', 'grassroots'].includes(u.office.kind))),
      () => undefined,
    );
  }, [withOfficials]);
  return { offices, officials };
}

/**
 * The filter bar of a list of employers: search without diacritics, office, step, band, amount, the official
 * assigned (a director picks one; an official ticks "mine"), the list's own filters (`children`), clearing, and the
 * export of exactly what is filtered.
 */
export function EmployerListFilterBar(props: {
  url: Url;
  filters: EmployerListFilterValues;
  /** The list's own filters, placed before the clearing and the export. */
  children?: ReactNode;
  /** Keys of the list's own filters in the URL, cleared with the others. */
  ownKeys?: readonly string[];
  /** The steps worth offering on this list (a late list has no 'current'). */
  steps?: readonly LadderStep[];
  /** The office filter is left to the page (a list below an office tree). */
  noOffice?: boolean;
  onExport: () => Promise<void>;
}) {
  const { url, filters } = props;
  const t = useT();
  const title = useColumnTitle();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { user } = useAuth();
  const seesOfficials = !!user && userCan(user, 'user.read');
  const { offices, officials } = useScopeChoices(seesOfficials);
  const [search, setSearch] = useSearchBox(url);
  const [exporting, setExporting] = useState(false);
  const ownKeys = props.ownKeys ?? [];
  const filtered = FILTER_KEYS.some((k) => filters[k] !== undefined) || ownKeys.some((k) => url.text(k) !== '');

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await props.onExport();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
      <Input.Search
        data-testid="employer-search"
        allowClear
        maxLength={200}
        placeholder={t('searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(v) => url.update({ q: v.trim() })}
        style={{ width: 300 }}
      />
      {!props.noOffice && offices.length > 1 && (
        <OfficeTreeSelect
          allowClear
          placeholder={t('allOffices')}
          label={title('office')}
          offices={offices}
          value={filters.officeId}
          onChange={(v) => url.update({ officeId: v })}
          style={{ width: 220 }}
        />
      )}
      <StepBandSelects step={filters.step} band={filters.band} steps={props.steps} onChange={url.update} />
      <AmountRange
        min={filters.minAmount}
        max={filters.maxAmount}
        onChange={(minAmount, maxAmount) => url.update({ minAmount, maxAmount })}
      />
      {seesOfficials ? (
        <UrlSelect
          url={url}
          param="userId"
          value={filters.userId}
          placeholder={t('allOfficials')}
          label={t('assignedOfficial')}
          width={240}
          searchable
          options={officials.map((u) => ({ value: u.id, label: `${u.fullName} · ${shortOfficeName(u.office.name)}` }))}
        />
      ) : (
        user && (
          <Checkbox
            checked={filters.userId === user.id}
            onChange={(e) => url.update({ userId: e.target.checked ? user.id : undefined })}
          >
            {t('onlyMine')}
          </Checkbox>
        )
      )}
      {props.children}
      {filtered && (
        <Button onClick={() => url.update(Object.fromEntries([...FILTER_KEYS, ...ownKeys].map((k) => [k, undefined])))}>
          {t('clearFilters')}
        </Button>
      )}
      <Tooltip title={t('exportXlsxHelp')}>
        <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
          {t('exportXlsx')}
        </Button>
      </Tooltip>
    </div>
  );
}

/** One line a row: a cell's text that does not fit is cut, in full on hover. */
export const LINE = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'block' } as const;
