import { Tag } from 'antd';
import type { FeedbackCategory, FeedbackStatus } from '../../../src/features/feedback/schemas';
import { useT } from '../i18n';

const STATUS_COLOR: Record<FeedbackStatus, string> = { open: 'orange', answered: 'blue', closed: 'default' };

export const CATEGORIES: FeedbackCategory[] = ['difficulty', 'proposal'];

export function FeedbackStatusTag({ status }: { status: FeedbackStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`feedbackStatus_${status}`)}</Tag>;
}

export function CategoryTag({ category }: { category: FeedbackCategory }) {
  const t = useT();
  return <Tag color={category === 'difficulty' ? 'volcano' : 'geekblue'}>{t(`category_${category}`)}</Tag>;
}
