import { Alert, Table } from 'antd';
import type { ColumnType, SorterResult, TablePaginationConfig } from 'antd/es/table/interface';
import type { HTMLAttributes, Key, ReactNode } from 'react';
import { useErrorText } from './i18n';
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
        onRow={
          onRowClick || rowProps
            ? (row) => ({
                ...rowProps?.(row),
                ...(onRowClick && { onClick: () => onRowClick(row), style: { cursor: 'pointer' } }),
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
