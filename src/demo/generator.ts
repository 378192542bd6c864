import { forkRng, type Prng } from './prng.js';
import { grassrootsCode, PROVINCES, type ProvinceInfo } from './offices.js';

/**
 * Synthetic employers with their contribution history, realistic enough to exercise every screen and report:
 * most pay on time, some occasionally late, some chronically late, a few stopped paying. Deterministic in
 * (seed, index, months, asOf): employer i is the same whether 10 or 500,000 are generated, so data sets stream.
 *
 * The parameters below are the demo's assumptions, chosen to echo VSS figures (a late ratio of a few percent,
 * tens of thousands late employers nationally, most of them small private firms).
 */

export type Fund = 'BHXH' | 'BHTNLD' | 'BHTN' | 'BHYT';
export type Ownership = 'state' | 'fdi' | 'private' | 'public' | 'cooperative' | 'household' | 'other';
export type EmployerStatus = 'active' | 'suspended' | 'dissolved' | 'bankrupt' | 'absconded';
export type PaymentBehaviour = 'onTime' | 'occasionallyLate' | 'chronicallyLate' | 'stopped';

export interface GeneratedEmployer {
  code: string;
  taxCode: string;
  name: string;
  address: string;
  provinceCode: string;
  officeCode: string;
  ownership: Ownership;
  headcount: number;
  status: EmployerStatus;
  paymentCycle: 1 | 3 | 6;
  behaviour: PaymentBehaviour;
}
export interface GeneratedObligation {
  period: string;
  fund: Fund;
  amount: number;
}
export interface GeneratedPayment {
  date: string;
  amount: number;
  reference: string;
}
export interface GeneratedEmployerHistory {
  employer: GeneratedEmployer;
  obligations: GeneratedObligation[];
  payments: GeneratedPayment[];
}
export interface GeneratorOptions {
  employers: number;
  months: number;
  seed: number;
  /** Last day of history: periods are the `months` months before asOf's month; no payment after it. */
  asOf: string;
}

/** Contribution rates in thousandths of payroll: BHXH 22% + 3%, BHTNLĐ-BNN 0.5%, BHTN 2%, BHYT 4.5% (32% in all). */
const RATES_PER_THOUSAND: readonly (readonly [Fund, number])[] = [
  ['BHXH', 250],
  ['BHTNLD', 5],
  ['BHTN', 20],
  ['BHYT', 45],
];

const OWNERSHIP_MIX: readonly (readonly [Ownership, number])[] = [
  ['private', 78],
  ['public', 9],
  ['fdi', 5],
  ['state', 3],
  ['cooperative', 3],
  ['household', 1.5],
  ['other', 0.5],
];

/** Median headcount and spread by ownership: small private firms, large FDI factories. */
const HEADCOUNT: Record<Ownership, { median: number; sigma: number; max: number }> = {
  private: { median: 10, sigma: 1.1, max: 6000 },
  fdi: { median: 250, sigma: 1.3, max: 40000 },
  state: { median: 150, sigma: 1.0, max: 15000 },
  public: { median: 30, sigma: 0.9, max: 2000 },
  cooperative: { median: 8, sigma: 0.8, max: 300 },
  household: { median: 3, sigma: 0.5, max: 30 },
  other: { median: 12, sigma: 0.9, max: 500 },
};

/** Median monthly insured salary per worker (VND); the 2025 regional minimum wage is 3.45–4.96 million. */
const SALARY: Record<Ownership, number> = {
  private: 6_500_000,
  fdi: 9_000_000,
  state: 10_000_000,
  public: 8_000_000,
  cooperative: 5_000_000,
  household: 4_960_000,
  other: 6_000_000,
};

/** Payment behaviour mix; public units (paid from the budget) are rarely late. */
const BEHAVIOUR_MIX: readonly (readonly [PaymentBehaviour, number])[] = [
  ['onTime', 75],
  ['occasionallyLate', 15],
  ['chronicallyLate', 7],
  ['stopped', 3],
];
const PUBLIC_BEHAVIOUR_MIX: readonly (readonly [PaymentBehaviour, number])[] = [
  ['onTime', 95],
  ['occasionallyLate', 5],
];

const SECTORS = [
  'Xây dựng', 'Thương mại', 'Dịch vụ', 'Thương mại và Dịch vụ', 'May mặc', 'Cơ khí', 'Vận tải', 'Thực phẩm',
  'Điện tử', 'Bất động sản', 'Nông nghiệp', 'Công nghệ', 'Du lịch', 'Xuất nhập khẩu', 'Đầu tư', 'Logistics',
  'Nội thất', 'Dược phẩm', 'Giáo dục', 'Môi trường', 'Kỹ thuật', 'Thủy sản', 'Bao bì', 'Nhựa', 'Tư vấn',
];
const BRANDS = [
  'Minh Phát', 'Hoàng Long', 'An Khang', 'Thành Công', 'Việt Tiến', 'Phú Cường', 'Hưng Thịnh', 'Đại Phát',
  'Tân Phú', 'Bình Minh', 'Sao Mai', 'Hải Đăng', 'Trường Thành', 'Quang Minh', 'Đức Thành', 'Thuận Phát',
  'Nam Việt', 'Đông Á', 'Hòa Bình', 'Phúc Lộc', 'Kim Ngân', 'Thiên Long', 'Ánh Dương', 'Gia Huy', 'Hợp Nhất',
  'Nguyễn Hoàng', 'Trần Gia', 'Lê Bảo', 'Phạm Nguyên', 'Vạn Xuân', 'Toàn Cầu', 'Đất Việt', 'Hồng Hà', 'Mê Kông',
  'Sông Đà', 'Tây Nguyên', 'Cửu Long', 'Thăng Long', 'Bảo Châu', 'Khánh An', 'Tiến Đạt', 'Vĩnh Phát', 'Lộc Phát',
];
const FOREIGN_BRANDS = [
  'Hanwa', 'Daewon', 'Sun Rise', 'Pou Sung', 'Yakjin', 'Fuji Seiko', 'Shin Heung', 'Tainan', 'Everwin', 'Golden Star',
  'Nitto', 'Kyung Bang', 'Hosiden', 'Canon Vina', 'Meiko', 'Jinsung', 'Formosa', 'Nam Yang', 'Hyosung', 'Viet Glory',
];
const FDI_SECTORS = ['Điện tử', 'May mặc', 'Giày da', 'Linh kiện', 'Cơ khí chính xác', 'Dệt', 'Nhựa', 'Thép'];
const STREETS = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung', 'Nguyễn Trãi',
  'Lê Duẩn', 'Hùng Vương', 'Điện Biên Phủ', 'Võ Nguyên Giáp', 'Trần Phú', 'Nguyễn Văn Cừ', 'Phan Đình Phùng',
  'Lê Hồng Phong', 'Nguyễn Thị Minh Khai', 'Bà Triệu', 'Hoàng Văn Thụ', 'Cách Mạng Tháng Tám', 'Phạm Văn Đồng',
];
const VILLAGES = ['An Phú', 'Tân Lập', 'Phú Mỹ', 'Hòa Lạc', 'Đông Hưng', 'Thạnh Phú', 'Vĩnh Thành', 'Phước Long'];

const PROVINCE_WEIGHTS = PROVINCES.map((p) => [p, p.weight] as const);

function employerName(rng: Prng, ownership: Ownership, province: ProvinceInfo, area: string): string {
  const brand = rng.pick(BRANDS);
  switch (ownership) {
    case 'fdi':
      return `Công ty TNHH ${rng.pick(FDI_SECTORS)} ${rng.pick(FOREIGN_BRANDS)} Việt Nam`;
    case 'state':
      return rng.chance(0.5)
        ? `Tổng công ty ${rng.pick(SECTORS)} ${brand}`
        : `Công ty TNHH MTV ${rng.pick(SECTORS)} ${province.name}`;
    case 'public':
      return rng.weighted([
        [`Trường Tiểu học ${brand}`, 3],
        [`Trường Trung học cơ sở ${brand}`, 2],
        [`Ủy ban nhân dân phường ${area}`, 1],
        [`Trung tâm Y tế khu vực ${area}`, 1],
        [`Ban Quản lý dự án ${province.name}`, 0.5],
      ] as const);
    case 'cooperative':
      return `Hợp tác xã ${rng.pick(['Nông nghiệp', 'Dịch vụ', 'Thủy sản', 'Vận tải', 'Chè', 'Rau sạch'])} ${rng.pick(VILLAGES)}`;
    case 'household':
      return `Hộ kinh doanh ${brand}`;
    case 'other':
      return `Văn phòng đại diện ${rng.pick(FOREIGN_BRANDS)} tại ${province.name}`;
    case 'private':
      return rng.weighted([
        [`Công ty TNHH ${rng.pick(SECTORS)} ${brand}`, 5],
        [`Công ty Cổ phần ${rng.pick(SECTORS)} ${brand}`, 3],
        [`Công ty TNHH MTV ${brand}`, 1.5],
        [`Chi nhánh Công ty Cổ phần ${brand} tại ${province.name}`, 0.5],
      ] as const);
  }
}

// ---- calendar on whole numbers (month index = year × 12 + month − 1) ----

const monthIndexOf = (text: string) => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;
const periodText = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
const daysIn = (m: number) => new Date(Date.UTC(Math.floor(m / 12), (m % 12) + 1, 0)).getUTCDate();
const dayNum = (m: number, d: number) => Date.UTC(Math.floor(m / 12), m % 12, d) / 86_400_000;
const dayText = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const SWITCH = 2025 * 12 + 6; // 2025-07: deadlines move to the end of the following month

/** The statutory deadline (as day number) of a period for a cycle; the real rules live in domain/rules. */
function demoDeadline(period: number, cycle: 1 | 3 | 6): number {
  const cycleStart = period - ((period % 12) % cycle);
  const cycleEnd = cycleStart + cycle - 1;
  const month = cycleEnd + (cycleStart >= SWITCH ? 1 : 0);
  return dayNum(month, daysIn(month));
}

export function generateEmployerHistory(options: GeneratorOptions, index: number): GeneratedEmployerHistory {
  const rng = forkRng(options.seed, index);
  const province = rng.weighted(PROVINCE_WEIGHTS);
  const areaIndex = rng.int(0, province.areas.length - 1);
  const area = province.areas[areaIndex]!;
  const ownership = rng.weighted(OWNERSHIP_MIX);
  const size = HEADCOUNT[ownership];
  let headcount = Math.max(1, Math.min(size.max, Math.round(rng.logNormal(size.median, size.sigma))));
  // Large employers are managed by the provincial office itself.
  const officeCode = headcount >= 500 && rng.chance(0.7) ? province.code : grassrootsCode(province.code, areaIndex);
  const agricultural = ownership === 'cooperative' || ownership === 'household';
  const paymentCycle: 1 | 3 | 6 = rng.weighted(
    agricultural ? ([[1, 70], [3, 22], [6, 8]] as const) : ([[1, 97], [3, 3]] as const),
  );
  const behaviour = rng.weighted(ownership === 'public' ? PUBLIC_BEHAVIOUR_MIX : BEHAVIOUR_MIX);

  const lastPeriod = monthIndexOf(options.asOf) - 1;
  const firstPeriod = lastPeriod - options.months + 1;
  const asOfNum = dayNum(monthIndexOf(options.asOf), Number(options.asOf.slice(8, 10)));
  // One in ten employers registered during the window.
  const start = rng.chance(0.1) ? rng.int(firstPeriod + 1, lastPeriod) : firstPeriod;
  let status: EmployerStatus = 'active';
  let end = lastPeriod;
  let stopPaying = Infinity;
  if (behaviour === 'stopped') {
    // At least the last month of history goes unpaid.
    stopPaying = rng.int(Math.min(start + 3, lastPeriod - 1), lastPeriod - 1);
    status = rng.weighted([['dissolved', 3], ['absconded', 3], ['bankrupt', 1], ['suspended', 2]] as const);
    // Obligations run on until the office closes the account; a suspended employer owes nothing after suspension.
    end = status === 'suspended' ? stopPaying : Math.min(lastPeriod, stopPaying + rng.int(1, 6));
  }

  const salary = Math.round(rng.logNormal(SALARY[ownership], 0.25) / 1000) * 1000;
  const obligations: GeneratedObligation[] = [];
  const dueByPeriod = new Map<number, number>();
  for (let m = start; m <= end; m++) {
    // Headcount drifts a little month to month.
    if (m > start && rng.chance(0.3)) {
      const change = Math.round(headcount * (rng.next() - 0.5) * 0.06) || rng.int(-1, 1);
      headcount = Math.max(1, headcount + change);
    }
    const payroll = headcount * salary;
    let total = 0;
    for (const [fund, perThousand] of RATES_PER_THOUSAND) {
      const amount = Math.floor((payroll * perThousand + 500) / 1000);
      obligations.push({ period: periodText(m), fund, amount });
      total += amount;
    }
    dueByPeriod.set(m, total);
  }

  // Group periods by their deadline (one group per month for monthly payers, per cycle otherwise).
  const groups: { deadline: number; due: number; lastPeriod: number }[] = [];
  for (const [m, due] of dueByPeriod) {
    const deadline = demoDeadline(m, paymentCycle);
    const last = groups[groups.length - 1];
    if (last && last.deadline === deadline) {
      last.due += due;
      last.lastPeriod = m;
    } else groups.push({ deadline, due, lastPeriod: m });
  }

  const payments: GeneratedPayment[] = [];
  let sequence = 0;
  const pay = (day: number, amount: number) => {
    if (amount <= 0 || day > asOfNum) return;
    sequence++;
    const d = dayText(day);
    const reference = `UNC-${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}-${String(sequence).padStart(6, '0')}`;
    payments.push({ date: d, amount, reference });
  };
  // Money can only arrive once the period has begun being counted: not before the day after its last month ends.
  const earliest = (g: { lastPeriod: number }) => dayNum(g.lastPeriod, daysIn(g.lastPeriod)) - 10;
  const onTime = (g: { deadline: number; due: number; lastPeriod: number }) => {
    const day = Math.max(earliest(g), g.deadline - rng.int(1, 20));
    if (rng.chance(0.1)) {
      const first = Math.round(g.due * (0.4 + rng.next() * 0.3));
      pay(day - rng.int(0, 5), first);
      pay(day, g.due - first);
    } else pay(day, g.due);
  };

  let debt = 0;
  for (const g of groups) {
    if (g.lastPeriod > stopPaying) break;
    switch (behaviour) {
      case 'onTime':
      case 'stopped':
        onTime(g);
        break;
      case 'occasionallyLate':
        if (rng.chance(0.25)) pay(g.deadline + rng.int(5, 70), g.due);
        else onTime(g);
        break;
      case 'chronicallyLate': {
        const share = 0.4 + rng.next() * 0.5;
        const paid = Math.round(g.due * share);
        debt += g.due - paid;
        pay(g.deadline + rng.int(0, 30), paid);
        if (rng.chance(0.15) && debt > 0) {
          const lump = Math.round(debt * (0.5 + rng.next() * 0.5));
          pay(g.deadline + rng.int(20, 45), lump);
          debt -= lump;
        }
        break;
      }
    }
  }
  payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const street = rng.pick(STREETS);
  const employer: GeneratedEmployer = {
    code: `${province.code.slice(0, 2)}${String(index).padStart(7, '0')}`,
    // A bijection of the index onto 8 digits (48271 is coprime with 10^8): unique, and not visibly sequential.
    taxCode: `${province.taxPrefix}${String((index * 48271 + 1234567) % 100_000_000).padStart(8, '0')}`,
    name: employerName(rng, ownership, province, area),
    address: `Số ${rng.int(1, 350)}, đường ${street}, ${province.city ? 'phường' : rng.pick(['phường', 'xã'])} ${area}, ${province.city ? 'thành phố ' : 'tỉnh '}${province.name}`,
    provinceCode: province.code,
    officeCode,
    ownership,
    headcount,
    status,
    paymentCycle,
    behaviour,
  };
  return { employer, obligations, payments };
}

export function* generateDataset(options: GeneratorOptions): Generator<GeneratedEmployerHistory> {
  for (let i = 0; i < options.employers; i++) yield generateEmployerHistory(options, i);
}
