import { App, Button, Checkbox, Input, Select, Tooltip } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useEffect, useState, type ReactNode } from 'react';
import { LADDER_STEPS, type LadderStep } from '../../src/domain/ladder';
import { LIST_COLUMNS, type ListColumnKey } from '../../src/domain/list-labels';
import type { Office } from '../../src/features/offices/schemas';
import type { UserInScope } from '../../src/features/users/schemas';
import { api } from './api/client';
import { useAuth } from './auth/AuthContext';
import { userCan } from './auth/roles';
import { shortOfficeName } from './format';
import { useErrorText, useI18n, useT } from './i18n';
import { AmountRange } from './ListTable';
import { OfficeTreeSelect } from './offices';
import { foldForSearch } from './text';
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
      <Select
        allowClear
        placeholder={t('allSteps')}
        aria-label={title('step')}
        value={filters.step}
        style={{ width: 190 }}
        popupMatchSelectWidth={false}
        onChange={(v?: string) => url.update({ step: v })}
        options={(props.steps ?? LADDER_STEPS).map((s) => ({ value: s, label: t(`step_${s}`) }))}
      />
      <Select
        allowClear
        placeholder={t('allBands')}
        aria-label={title('band')}
        value={filters.band}
        style={{ width: 140 }}
        onChange={(v?: string) => url.update({ band: v })}
        options={BANDS.map((b) => ({ value: b, label: t(`band_${b}`) }))}
      />
      <AmountRange
        min={filters.minAmount}
        max={filters.maxAmount}
        onChange={(minAmount, maxAmount) => url.update({ minAmount, maxAmount })}
      />
      {seesOfficials ? (
        <Select
          allowClear
          placeholder={t('allOfficials')}
          aria-label={t('assignedOfficial')}
          value={filters.userId}
          style={{ width: 240 }}
          popupMatchSelectWidth={false}
          onChange={(v?: number) => url.update({ userId: v })}
          showSearch={{
            filterOption: (input, option) => foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input)),
          }}
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
