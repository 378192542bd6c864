import { Tag, Tooltip } from 'antd';
import type { FiguresBasis } from '../../../src/domain/basis';
import { formatDate } from '../format';
import { useT } from '../i18n';

/**
 * Says what the figures beside it stand on: live (computed now from the ledger, changing with every import) or a
 * day's close (its snapshot). The two can carry the same date and still differ, so every screen with arrears figures
 * shows this note.
 */
export function FiguresBasisNote({ basis }: { basis: FiguresBasis | null | undefined }) {
  const t = useT();
  if (!basis) return null;
  const live = basis.kind === 'live';
  return (
    <Tooltip title={t(live ? 'basisLiveHelp' : 'basisCloseHelp')}>
      <Tag color={live ? 'green' : 'blue'} data-basis={basis.kind}>
        {t(live ? 'basisLive' : 'basisClose', { date: formatDate(basis.asOf) })}
      </Tag>
    </Tooltip>
  );
}
