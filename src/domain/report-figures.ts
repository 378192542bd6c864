import { isUrging, type ActionKind } from './actions.js';
import type { Day } from './ledger.js';
import { shareOf, type Share } from './share.js';

/**
 * The daily campaign report: a template of rows (versioned data), each filled from the ledger, the arrears engine and
 * the action log. Stock rows (how many are late, how much) are positions at the end of the day, shown beside the
 * baseline; flow rows (how many were urged, how much was recovered) count the day and the campaign so far.
 */
export const INDICATORS = [
  'late_employers',
  'late_amount',
  'late_employers_3m',
  'late_amount_3m',
  'late_ratio',
  'urged_employers',
  'met_employers',
  'conference_employers',
  'inspected_employers',
  'surprise_inspected_employers',
  'sanctioned_employers',
  'published_employers',
  'referred_employers',
  'recovered_amount',
  'difficulties',
  'proposals',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type IndicatorKind = 'stock' | 'flow' | 'text';
export function indicatorKind(indicator: Indicator): IndicatorKind {
  if (indicator === 'difficulties' || indicator === 'proposals') return 'text';
  return ['late_employers', 'late_amount', 'late_employers_3m', 'late_amount_3m', 'late_ratio'].includes(indicator)
    ? 'stock'
    : 'flow';
}

/** Which actions a flow row counts; an employer counts once however many such actions it had. */
const COUNTED_ACTIONS: Partial<Record<Indicator, (kind: ActionKind) => boolean>> = {
  // The template's footnote: a C12 notice is not an urging letter or an invitation.
  urged_employers: isUrging,
  met_employers: (k) => k === 'working_session',
  conference_employers: (k) => k === 'customer_conference',
  inspected_employers: (k) => k === 'inspection',
  surprise_inspected_employers: (k) => k === 'surprise_inspection',
  sanctioned_employers: (k) => k === 'sanction',
  published_employers: (k) => k === 'media_publication',
  referred_employers: (k) => k === 'prosecution_referral',
};

/** Whether a flow row counts an action of this kind. */
export function countsAction(indicator: Indicator, kind: ActionKind): boolean {
  return COUNTED_ACTIONS[indicator]?.(kind) ?? false;
}

export interface TemplateRow {
  code: string;
  label: string;
  labelEn: string;
  unit: 'employers' | 'vnd' | 'percent' | 'text';
  indicator: Indicator;
}

export interface ReportTemplate {
  id: string;
  version: number;
  title: string;
  rows: TemplateRow[];
  footnotes: string[];
}

/** The position of a province's employers at the end of a day, from the engine. */
export interface LatePosition {
  employers: number;
  amount: number;
  employers3m: number;
  amount3m: number;
  /** Receivable of the year or collection plan, per the rule set; null when there is none. */
  denominator: number | null;
}

export interface FigureInputs {
  day: Day;
  /** "Late N months or more" rows: the rule set's months for a surprise inspection, filling "{months}" in labels. */
  longMonths: number;
  firstDay: Day;
  atDay: LatePosition;
  atBaseline: LatePosition;
  /** Actions not cancelled, dated from the first day to the day. */
  actions: readonly { employerId: number; kind: ActionKind; date: Day }[];
  recovered: { day: number; cumulative: number };
  notes: { difficulties: string; proposals: string };
}

/**
 * A figure of the report: a count or whole đồng, or for a percent row the exact share. Reports frozen before shares
 * were carried hold their percent rounded to two decimals as a number (shareFromPercent reads it).
 */
export type FigureValue = number | Share;

/** One row of the report: stock rows fill baseline and day; flow rows fill day and cumulative; text rows the text. */
export interface FigureRow {
  code: string;
  label: string;
  labelEn: string;
  unit: TemplateRow['unit'];
  indicator: Indicator;
  baseline: FigureValue | null;
  day: FigureValue | null;
  cumulative: FigureValue | null;
  text: string | null;
}

function stock(indicator: Indicator, p: LatePosition): FigureValue | null {
  switch (indicator) {
    case 'late_employers':
      return p.employers;
    case 'late_amount':
      return p.amount;
    case 'late_employers_3m':
      return p.employers3m;
    case 'late_amount_3m':
      return p.amount3m;
    case 'late_ratio':
      return shareOf(p.amount, p.denominator);
    default:
      throw new RangeError(`${indicator} is not a stock indicator`);
  }
}

/** A row's code, labels (with the rule set's months in "late N months or more"), unit and indicator. */
export function rowHead(row: TemplateRow, longMonths: number) {
  const months = String(longMonths);
  return {
    code: row.code,
    label: row.label.replace('{months}', months.padStart(2, '0')),
    labelEn: row.labelEn.replace('{months}', months),
    unit: row.unit,
    indicator: row.indicator,
  };
}

export function reportFigures(template: ReportTemplate, inputs: FigureInputs): FigureRow[] {
  return template.rows.map((row) => {
    const base = rowHead(row, inputs.longMonths);
    const kind = indicatorKind(row.indicator);
    if (kind === 'text') {
      const text = row.indicator === 'difficulties' ? inputs.notes.difficulties : inputs.notes.proposals;
      return { ...base, baseline: null, day: null, cumulative: null, text };
    }
    if (kind === 'stock') {
      return {
        ...base,
        baseline: stock(row.indicator, inputs.atBaseline),
        day: stock(row.indicator, inputs.atDay),
        cumulative: null,
        text: null,
      };
    }
    if (row.indicator === 'recovered_amount') {
      return {
        ...base,
        baseline: null,
        day: inputs.recovered.day,
        cumulative: inputs.recovered.cumulative,
        text: null,
      };
    }
    const inRange = inputs.actions.filter(
      (a) => countsAction(row.indicator, a.kind) && a.date >= inputs.firstDay && a.date <= inputs.day,
    );
    return {
      ...base,
      baseline: null,
      day: new Set(inRange.filter((a) => a.date === inputs.day).map((a) => a.employerId)).size,
      cumulative: new Set(inRange.map((a) => a.employerId)).size,
      text: null,
    };
  });
}

/** The default template: the rows of dispatch 4208/BHXH-TST's daily report, with its C12 footnote. */
export const DEFAULT_TEMPLATE: ReportTemplate = {
  id: 'bao-cao-ngay-4208',
  // 2: the months of the "late N months or more" rows come from the rule set.
  version: 2,
  title: 'Báo cáo kết quả đôn đốc thu, giảm số tiền chậm đóng BHXH, BHYT, BHTN',
  rows: [
    {
      code: '1',
      label: 'Số đơn vị chậm đóng',
      labelEn: 'Late employers',
      unit: 'employers',
      indicator: 'late_employers',
    },
    { code: '2', label: 'Số tiền chậm đóng', labelEn: 'Late amount', unit: 'vnd', indicator: 'late_amount' },
    {
      code: '3',
      label: 'Số đơn vị chậm đóng từ {months} tháng trở lên',
      labelEn: 'Employers late {months} months or more',
      unit: 'employers',
      indicator: 'late_employers_3m',
    },
    {
      code: '4',
      label: 'Số tiền chậm đóng từ {months} tháng trở lên',
      labelEn: 'Amount late {months} months or more',
      unit: 'vnd',
      indicator: 'late_amount_3m',
    },
    {
      code: '5',
      label: 'Số đơn vị được gửi công văn đôn đốc, thư mời làm việc (*)',
      labelEn: 'Employers sent an urging letter or invitation (*)',
      unit: 'employers',
      indicator: 'urged_employers',
    },
    {
      code: '6',
      label: 'Số đơn vị làm việc trực tiếp',
      labelEn: 'Employers met in a working session',
      unit: 'employers',
      indicator: 'met_employers',
    },
    {
      code: '7',
      label: 'Số đơn vị dự hội nghị khách hàng',
      labelEn: 'Employers at a customer conference',
      unit: 'employers',
      indicator: 'conference_employers',
    },
    {
      code: '8',
      label: 'Số đơn vị được kiểm tra',
      labelEn: 'Employers inspected',
      unit: 'employers',
      indicator: 'inspected_employers',
    },
    {
      code: '9',
      label: 'Số đơn vị được thanh tra chuyên ngành đột xuất',
      labelEn: 'Employers under surprise specialised inspection',
      unit: 'employers',
      indicator: 'surprise_inspected_employers',
    },
    {
      code: '10',
      label: 'Số đơn vị bị xử phạt vi phạm hành chính',
      labelEn: 'Employers sanctioned',
      unit: 'employers',
      indicator: 'sanctioned_employers',
    },
    {
      code: '11',
      label: 'Số đơn vị bị công khai trên phương tiện thông tin đại chúng',
      labelEn: 'Employers published in the media',
      unit: 'employers',
      indicator: 'published_employers',
    },
    {
      code: '12',
      label: 'Số đơn vị chuyển hồ sơ đề nghị khởi tố',
      labelEn: 'Employers referred for prosecution',
      unit: 'employers',
      indicator: 'referred_employers',
    },
    {
      code: '13',
      label: 'Số tiền thu được từ đơn vị chậm đóng',
      labelEn: 'Amount recovered from late employers',
      unit: 'vnd',
      indicator: 'recovered_amount',
    },
    { code: '14', label: 'Tỷ lệ chậm đóng (%)', labelEn: 'Late ratio (%)', unit: 'percent', indicator: 'late_ratio' },
    { code: '15', label: 'Khó khăn, vướng mắc', labelEn: 'Difficulties', unit: 'text', indicator: 'difficulties' },
    { code: '16', label: 'Đề xuất, kiến nghị', labelEn: 'Proposals', unit: 'text', indicator: 'proposals' },
  ],
  footnotes: [
    '(*) Việc gửi Thông báo kết quả đóng BHXH, BHYT, BHTN (mẫu C12-TS) hằng tháng không được tính là gửi công văn đôn đốc, thư mời làm việc.',
    'Số đơn vị, số tiền chậm đóng: tại cuối ngày báo cáo; "Lũy kế": từ ngày đầu của đợt đến ngày báo cáo.',
  ],
};
