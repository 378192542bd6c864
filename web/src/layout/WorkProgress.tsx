import { Progress as Bar, Typography } from 'antd';
import type { Progress } from '../../../src/features/progress/schemas';
import { formatCount } from '../format';
import { useT } from '../i18n';

/**
 * How far the server is with a piece of long work (an import, a zip), as it last said: the phase, an import's rows
 * read, checked and written, and a bar where the phase has a known end. Before the first answer, that it is working.
 */
export function WorkProgress({ progress }: { progress: Progress | null }) {
  const t = useT();
  if (progress === null) {
    return (
      <div data-testid="work-progress">
        <Typography.Text>{t('progressWaiting')}</Typography.Text>
        <Bar percent={100} status="active" showInfo={false} />
      </div>
    );
  }
  const { phase, read, checked, applied, done, total } = progress;
  // While an import writes in steps, its rows written of its rows read is the phase's end.
  const share =
    total !== undefined && total > 0 && done !== undefined
      ? done / total
      : phase === 'applying' && read !== undefined && read > 0 && applied !== undefined
        ? applied / read
        : null;
  return (
    <div data-testid="work-progress">
      <Typography.Text strong>{t(`progress_${phase}`)}</Typography.Text>
      {progress.work === 'import' && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="work-progress-rows">
          {t('progressRows', {
            read: formatCount(read ?? 0),
            checked: formatCount(checked ?? 0),
            applied: formatCount(applied ?? 0),
          })}
        </Typography.Paragraph>
      )}
      {total !== undefined && done !== undefined && phase !== 'zipping' && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t(`progressDone_${phase === 'refreshing' ? 'employers' : phase === 'rendering' ? 'notices' : 'records'}`, {
            done: formatCount(done),
            total: formatCount(total),
          })}
        </Typography.Paragraph>
      )}
      <Bar percent={share === null ? 100 : Math.floor(share * 100)} status="active" showInfo={share !== null} />
    </div>
  );
}
