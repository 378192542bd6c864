import { Tag } from 'antd';
import type { EmployerStatus, Ownership } from '../api/types';
import { useT } from '../i18n';

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
