import { Tag, Tooltip } from 'antd';
import type { FiguresBasis, RuleSetBasis } from '../../../src/domain/basis';
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

/**
 * Says which rules figures were computed under: how payments were allocated (by fund, rule set v2, or by period, v1),
 * with the rule set's name on hover. A report frozen under one rule set keeps it when another comes into force, so the
 * note goes with each version; when the baseline column stood on other rules than the day's, both are named.
 */
export function RuleSetBasisNote({
  ruleSets,
}: {
  ruleSets: { baseline: RuleSetBasis; day: RuleSetBasis } | undefined;
}) {
  const t = useT();
  if (!ruleSets) return null;
  const { baseline, day } = ruleSets;
  const same = baseline.id === day.id && baseline.allocation === day.allocation;
  const note = (basis: RuleSetBasis, side: 'day' | 'baseline' | 'both') => (
    <Tooltip title={`${t('ruleSet')}: ${basis.name}`}>
      <Tag data-rule-set={basis.id} data-allocation={basis.allocation}>
        {side === 'baseline' ? `${t('rulesAtBaseline')}: ` : side === 'day' ? `${t('rulesAtDay')}: ` : ''}
        {t(basis.allocation === 'by-fund' ? 'allocationByFund' : 'allocationByPeriod')}
      </Tag>
    </Tooltip>
  );
  return same ? (
    note(day, 'both')
  ) : (
    <>
      {note(baseline, 'baseline')}
      {note(day, 'day')}
    </>
  );
}
