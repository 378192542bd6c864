import { Alert, Card, Col, InputNumber, Row, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnType, SorterResult, TablePaginationConfig } from 'antd/es/table/interface';
import { useEffect, useRef, useState, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { useErrorText, useT } from './i18n';
import type { Load } from './load';
import type { useUrlState } from './url';

/** Which page of a list, in which order (for a list the server sorts): what the server is asked for. */
export interface ListQuery<S extends string = never> {
  page: number;
  pageSize: number;
  sort?: S;
  order?: 'asc' | 'desc';
}

type ListOrder<S extends string> = { sort: S; order: 'asc' | 'desc' };

/** A page of rows and the count across all pages, as the server answers a list. */
export interface ListPage<T> {
  items: T[];
  total: number;
}

/** A column; one with a sortKey is sorted by the server under that key. */
export type ListColumn<T, S extends string = never> = ColumnType<T> & { sortKey?: S };

export interface ListTableProps<T, S extends string = never> {
  /** The answer for the current query (useLoad with keep: the rows stay under the spinner while the next page loads). */
  load: Pick<Load<ListPage<T>>, 'data' | 'error' | 'loading'>;
  columns: ListColumn<T, S>[];
  rowKey: (keyof T & string) | ((row: T) => Key);
  query: ListQuery<S>;
  /** The order a list returns to when its sort is cleared (a third click on the column); none for an unsorted list. */
  defaultSort?: ListOrder<S>;
  pageSizes: readonly number[];
  /** Paging or sorting changed: the page stores the new query (in the URL) and loads it. */
  onQueryChange: (query: ListQuery<S>) => void;
  /** Under the pager: "n employers". */
  totalText: (total: number) => string;
  /** What an empty answer says; the table's own "no data" otherwise. */
  emptyText?: ReactNode;
  onRowClick?: (row: T) => void;
  /** Extra attributes of a row (a test id). */
  rowProps?: (row: T) => HTMLAttributes<HTMLElement>;
  /** Below this width the table scrolls sideways rather than squeezing its columns. */
  minWidth?: number;
  /**
   * Rows ticked for a bulk action, by key: they stay ticked across pages, sorts and filters until the page clears
   * them, and `onChange` hears the rows of this page ticked or unticked.
   */
  selection?: {
    keys: readonly Key[];
    onChange: (change: { selected: T[]; unselected: Key[] }) => void;
  };
}

/**
 * A list page's table: a page of rows from the server, sorted and paged by the server, with the load's spinner and
 * failure. The page owns its filters and the query's home (the URL); the table turns clicks into a new query.
 */
export function ListTable<T extends object, S extends string = never>(props: ListTableProps<T, S>) {
  const { load, query, defaultSort, pageSizes, onRowClick, rowProps } = props;
  const errorText = useErrorText();

  const columns = props.columns.map(
    ({ sortKey, ...column }): ColumnType<T> =>
      sortKey === undefined
        ? column
        : {
            ...column,
            key: sortKey,
            sorter: true,
            sortOrder: query.sort === sortKey ? (query.order === 'asc' ? 'ascend' : 'descend') : null,
          },
  );

  const onChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<T> | SorterResult<T>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sortKey = props.columns.find((c) => c.sortKey !== undefined && c.sortKey === s?.columnKey)?.sortKey;
    // A third click on a column clears its sort: back to the list's own order.
    const next: Partial<ListOrder<S>> =
      s?.order && sortKey !== undefined
        ? { sort: sortKey, order: s.order === 'descend' ? 'desc' : 'asc' }
        : (defaultSort ?? {});
    const sortChanged = next.sort !== query.sort || next.order !== query.order;
    props.onQueryChange({
      ...next,
      // A new order starts from its first page.
      page: sortChanged ? 1 : (pagination.current ?? 1),
      pageSize: pagination.pageSize ?? query.pageSize,
    });
  };

  return (
    <>
      {load.error !== null && <Alert type="error" showIcon title={errorText(load.error)} />}
      <Table<T>
        rowKey={props.rowKey}
        size="small"
        loading={load.loading}
        columns={columns}
        dataSource={load.data?.items ?? []}
        onChange={onChange}
        locale={props.emptyText === undefined ? undefined : { emptyText: props.emptyText }}
        scroll={props.minWidth === undefined ? undefined : { x: props.minWidth }}
        rowSelection={
          props.selection && {
            selectedRowKeys: [...props.selection.keys],
            preserveSelectedRowKeys: true,
            columnWidth: 36,
            onChange: (keys, rows) => {
              const kept = new Set(keys);
              const pageRows = load.data?.items ?? [];
              const keyOf = (row: T): Key =>
                typeof props.rowKey === 'function' ? props.rowKey(row) : (row[props.rowKey] as Key);
              props.selection?.onChange({
                selected: rows.filter((r) => r !== undefined && pageRows.includes(r)),
                unselected: pageRows.map(keyOf).filter((k) => !kept.has(k)),
              });
            },
          }
        }
        onRow={
          onRowClick || rowProps
            ? (row) => ({
                ...rowProps?.(row),
                ...(onRowClick && {
                  // A tick in the selection column ticks the row; it does not open it.
                  onClick: (e) => {
                    if (!(e.target as HTMLElement).closest('.ant-table-selection-column')) onRowClick(row);
                  },
                  style: { cursor: 'pointer' },
                }),
              })
            : undefined
        }
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: load.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [...pageSizes],
          showTotal: props.totalText,
        }}
      />
    </>
  );
}

/**
 * The query of a list kept in the URL (page, pageSize, sort, order), read back checked: a value the list does not
 * offer is its default, and a default is left out of the URL.
 */
export function useListQuery<S extends string = never>(
  url: ReturnType<typeof useUrlState>,
  options: { pageSizes: readonly number[]; sorts?: readonly S[]; defaultSort?: ListOrder<S> },
): [ListQuery<S>, (query: ListQuery<S>) => void] {
  const { sorts, defaultSort, pageSizes } = options;
  const askedOrder = url.text('order');
  const query: ListQuery<S> = {
    page: url.positiveInt('page') ?? 1,
    pageSize: pageSizes.find((s) => s === url.positiveInt('pageSize')) ?? pageSizes[0]!,
    ...(defaultSort && {
      sort: (sorts && url.oneOf('sort', sorts)) ?? defaultSort.sort,
      order: askedOrder === 'asc' || askedOrder === 'desc' ? askedOrder : defaultSort.order,
    }),
  };
  const setQuery = (next: ListQuery<S>) =>
    url.update(
      {
        page: next.page === 1 ? undefined : next.page,
        pageSize: next.pageSize === pageSizes[0] ? undefined : next.pageSize,
        sort: next.sort === defaultSort?.sort ? undefined : next.sort,
        order: next.order === defaultSort?.order ? undefined : next.order,
      },
      false,
    );
  return [query, setQuery];
}

export interface SummaryCard<K extends string> {
  key: K;
  title: ReactNode;
  value: string;
  /** A second figure under the first, smaller (what the rows counted owe). */
  detail?: string;
  color?: string;
}

/**
 * The figures above a list that are also its quickest filters: a click shows only the rows a card counts, a second
 * click shows them all again. The active card is outlined and pressed for a screen reader.
 */
export function SummaryCards<K extends string>(props: {
  cards: SummaryCard<K>[];
  active: K | undefined;
  onSelect: (key: K | undefined) => void;
  help?: string;
}) {
  return (
    <Row gutter={12}>
      {props.cards.map((card) => {
        const active = props.active === card.key;
        const toggle = () => props.onSelect(active ? undefined : card.key);
        return (
          <Col key={card.key} xs={8} lg={5} xxl={4}>
            <Card
              size="small"
              hoverable
              role="button"
              tabIndex={0}
              aria-pressed={active}
              data-testid={`summary-card-${card.key}`}
              onClick={toggle}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  toggle();
                }
              }}
              style={{
                cursor: 'pointer',
                borderColor: active ? (card.color ?? '#1677ff') : undefined,
                boxShadow: active ? `0 0 0 1px ${card.color ?? '#1677ff'}` : undefined,
              }}
            >
              <Statistic
                title={<span title={props.help}>{card.title}</span>}
                value={card.value}
                styles={{ content: { color: card.color, fontSize: 22 } }}
              />
              {card.detail !== undefined && <Typography.Text type="secondary">{card.detail}</Typography.Text>}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

const MILLION = 1_000_000;

/**
 * "Owed from … to … million ₫": a range of amounts typed in millions, as officials speak of them, kept in whole VND;
 * what is typed reaches the list after a short pause, like the search box.
 */
export function AmountRange(props: {
  min: number | undefined;
  max: number | undefined;
  onChange: (min: number | undefined, max: number | undefined) => void;
}) {
  const t = useT();
  const toMillions = (v: number | undefined) => (v === undefined ? null : v / MILLION);
  const [min, setMin] = useState<number | null>(toMillions(props.min));
  const [max, setMax] = useState<number | null>(toMillions(props.max));
  // The latest handler, read when the pause ends: a page passes a new one on every render.
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  // A URL changed under the boxes (filters cleared) shows in them.
  useEffect(() => setMin(toMillions(props.min)), [props.min]);
  useEffect(() => setMax(toMillions(props.max)), [props.max]);

  useEffect(() => {
    const vnd = (v: number | null) => (v === null || v <= 0 ? undefined : Math.round(v * MILLION));
    if (vnd(min) === props.min && vnd(max) === props.max) return;
    const timer = setTimeout(() => onChange.current(vnd(min), vnd(max)), 400);
    return () => clearTimeout(timer);
  }, [min, max, props.min, props.max]);

  return (
    <Space.Compact>
      <InputNumber<number>
        placeholder={t('amountFromMillion')}
        aria-label={t('amountFromMillion')}
        value={min}
        min={0}
        style={{ width: 150 }}
        onChange={setMin}
      />
      <InputNumber<number>
        placeholder={t('amountToMillion')}
        aria-label={t('amountToMillion')}
        value={max}
        min={0}
        style={{ width: 130 }}
        onChange={setMax}
      />
    </Space.Compact>
  );
}

/**
 * The rows ticked on a list for a bulk action, by key, kept across pages, sorts and filters: at most `max` (what
 * one bulk request takes), a warning past it.
 */
export function useSelection<T, K extends Key>(
  keyOf: (row: T) => K,
  max: number,
  onLimit: () => void,
): {
  selected: ReadonlyMap<K, T>;
  /** For ListTable's `selection`. */
  selection: NonNullable<ListTableProps<T>['selection']>;
  clear: (keys?: K[]) => void;
} {
  const [selected, setSelected] = useState<ReadonlyMap<K, T>>(new Map());
  const onChange = ({ selected: ticked, unselected }: { selected: T[]; unselected: Key[] }) =>
    setSelected((current) => {
      const next = new Map(current);
      for (const k of unselected) next.delete(k as K);
      for (const row of ticked) {
        if (next.size >= max && !next.has(keyOf(row))) {
          onLimit();
          break;
        }
        next.set(keyOf(row), row);
      }
      return next;
    });
  const clear = (keys?: K[]) =>
    setSelected((current) => {
      if (!keys) return new Map();
      const next = new Map(current);
      for (const k of keys) next.delete(k);
      return next;
    });
  return { selected, selection: { keys: [...selected.keys()], onChange }, clear };
}
