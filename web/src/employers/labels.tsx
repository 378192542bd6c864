import { Tag } from 'antd';
import type { EmployerStatus, Ownership } from '../../../src/domain/ledger';
import { useT } from '../i18n';

/** The ownership types in the order the filters offer them: the commonest first. */
export const OWNERSHIPS: readonly Ownership[] = [
  'private',
  'fdi',
  'state',
  'public',
  'cooperative',
  'household',
  'other',
];

const STATUS_COLOR: Record<EmployerStatus, string> = {
  active: 'green',
  suspended: 'gold',
  dissolved: 'default',
  bankrupt: 'volcano',
  absconded: 'red',
};

export function StatusTag({ status }: { status: EmployerStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`status_${status}`)}</Tag>;
}

export function useLabels() {
  const t = useT();
  return {
    ownership: (o: Ownership) => t(`ownership_${o}`),
    status: (s: EmployerStatus) => t(`status_${s}`),
    cycle: (c: 1 | 3 | 6) => t(`cycle${c}`),
  };
}
