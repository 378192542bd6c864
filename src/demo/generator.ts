import { dayFromNumber, daysFromCivil } from '../domain/periods.js';
import { forkRng, WeightedTable, type Prng } from './prng.js';
import { grassrootsCode, PROVINCES, provinceLabel, type GrassrootsArea, type ProvinceInfo } from './offices.js';

/**
 * Synthetic employers (đơn vị sử dụng lao động) with their monthly contribution obligations and their payments,
 * realistic enough to exercise every screen, report and the arrears engine: most pay on time, some are occasionally
 * late, some chronically underpay, a few stopped paying and became hard to collect ("khó thu").
 *
 * Deterministic in (seed, index, months, asOf): employer i draws only from its own random stream, so it is the same
 * whether 10 or 500,000 employers are generated, and a national data set can be streamed employer by employer.
 * Everything is whole numbers: money in VND, days as day numbers since 1970-01-01 computed from Y/M/D arithmetic
 * (no Date, no time zone), months as year × 12 + month − 1.
 *
 * PARAMETERS (each constant below says why it has its value):
 * - Provinces by economic weight, areas within them, and foreign-invested employers concentrated in industrial
 *   provinces: see offices.ts.
 * - Ownership mix ~80% private, then public units, FDI, cooperatives, households, state enterprises: OWNERSHIP_WEIGHTS.
 * - Headcount log-normal by ownership (most 3–50, a tail into the thousands for FDI factories): HEADCOUNT.
 * - Insured salary: a multiple of the regional minimum wage (public units: a coefficient of the base salary),
 *   following the statutory tables by date: SALARY, MINIMUM_WAGES, BASE_SALARIES.
 * - Contributions: 25% + 0.5% + 2% + 4.5% = 32% of payroll, rounded half up in integers: FUND_RATES.
 * - Payment cycle: monthly, except agricultural employers who may pay every 3 or 6 months: AGRICULTURAL_CYCLES.
 * - Behaviour ~75/15/7/3 (on time, occasionally late, chronically late, stopped); public units almost always on
 *   time: BEHAVIOUR_TARGET, PUBLIC_BEHAVIOUR, and the per-behaviour constants next to the payment code.
 */

export type Fund = 'BHXH' | 'BHTNLD' | 'BHTN' | 'BHYT';
export type Ownership = 'state' | 'fdi' | 'private' | 'public' | 'cooperative' | 'household' | 'other';
export type EmployerStatus = 'active' | 'suspended' | 'dissolved' | 'bankrupt' | 'absconded';
export type PaymentBehaviour = 'onTime' | 'occasionallyLate' | 'chronicallyLate' | 'stopped';
type PaymentCycle = 1 | 3 | 6;

export interface GeneratedEmployer {
  /** Mã đơn vị: the first two letters of the province code and the employer's index in 7 digits: HN0012345. */
  code: string;
  /** Mã số thuế: 10 digits, the former province's prefix, and a valid check digit; unique. */
  taxCode: string;
  name: string;
  address: string;
  provinceCode: string;
  /** A grassroots office, or the provincial office itself for most large employers. */
  officeCode: string;
  ownership: Ownership;
  /** Headcount of the last month with obligations. */
  headcount: number;
  status: EmployerStatus;
  paymentCycle: 1 | 3 | 6;
  /** How the employer was made to pay; for tests and documentation, not stored. */
  behaviour: PaymentBehaviour;
}
export interface GeneratedObligation {
  period: string; // YYYY-MM
  fund: Fund;
  amount: number; // whole VND, ≥ 0
}
export interface GeneratedPayment {
  date: string; // YYYY-MM-DD, never after asOf
  amount: number; // whole VND, > 0
  reference: string; // unique per employer
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
  /** Last day of history: periods are the `months` months ending with the month before asOf's; no payment after. */
  asOf: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Parameters

/**
 * Contribution rates in thousandths of payroll (Law 41/2024, Law 25/2008 on health insurance, Law 74/2025): BHXH
 * 22% pension-survivorship + 3% sickness-maternity, BHTNLĐ-BNN 0.5%, BHTN 2%, BHYT 4.5%. Thousandths keep the
 * arithmetic exact. Obligations of a period are listed in this order.
 */
const FUND_RATES: readonly { fund: Fund; perThousand: number }[] = [
  { fund: 'BHXH', perThousand: 250 },
  { fund: 'BHTNLD', perThousand: 5 },
  { fund: 'BHTN', perThousand: 20 },
  { fund: 'BHYT', perThousand: 45 },
];

/**
 * National ownership mix (relative weights). Private firms are the great majority of employers; public
 * administrative and service units (schools, communes, clinics) the next group; FDI firms are few but large.
 * The FDI weight is multiplied by the province's `fdiFactor`.
 */
const OWNERSHIP_WEIGHTS: Readonly<Record<Ownership, number>> = {
  private: 80,
  public: 8,
  fdi: 4,
  cooperative: 3,
  household: 2.5,
  state: 1.5,
  other: 1,
};

/**
 * Headcount: log-normal with this median and spread, clamped to [1, max]. Private median 10 with σ 1.0 puts ~75%
 * between 3 and 50 with a tail into the hundreds; FDI factories have a median near 200 and a tail to tens of
 * thousands (the largest electronics and footwear plants).
 */
const HEADCOUNT: Readonly<Record<Ownership, { median: number; sigma: number; max: number }>> = {
  private: { median: 10, sigma: 1.0, max: 8_000 },
  fdi: { median: 180, sigma: 1.4, max: 60_000 },
  state: { median: 120, sigma: 1.1, max: 20_000 },
  public: { median: 25, sigma: 0.8, max: 3_000 },
  cooperative: { median: 6, sigma: 0.7, max: 300 },
  household: { median: 3, sigma: 0.5, max: 25 },
  other: { median: 8, sigma: 0.9, max: 500 },
};

/**
 * Average insured salary per worker: a multiple of the regional minimum wage (log-normal: median, spread), never
 * below that minimum (the insured salary may not be lower). Small private firms declare little above the minimum;
 * FDI and state enterprises more. Public units instead pay a salary coefficient (hệ số lương) times the base
 * salary (lương cơ sở); 3.3 is a typical average with allowances. Typical results: 5–15 million VND.
 */
const SALARY: Readonly<Record<Exclude<Ownership, 'public'>, { median: number; sigma: number }>> = {
  private: { median: 1.45, sigma: 0.22 },
  fdi: { median: 1.9, sigma: 0.3 },
  state: { median: 2.3, sigma: 0.3 },
  cooperative: { median: 1.1, sigma: 0.08 },
  household: { median: 1.03, sigma: 0.04 },
  other: { median: 1.6, sigma: 0.3 },
};
const PUBLIC_COEFFICIENT = { median: 3.3, sigma: 0.15 };
/** Most private employers raise salaries a little in January. */
const JANUARY_RAISE = { probability: 0.6, max: 0.06 };

/** Regional minimum wages by month of effect, regions I–IV (Decrees 90/2019, 38/2022, 74/2024, 293/2025). */
const MINIMUM_WAGES: readonly { from: string; regions: readonly [number, number, number, number] }[] = [
  { from: '2020-01', regions: [4_420_000, 3_920_000, 3_430_000, 3_070_000] },
  { from: '2022-07', regions: [4_680_000, 4_160_000, 3_640_000, 3_250_000] },
  { from: '2024-07', regions: [4_960_000, 4_410_000, 3_860_000, 3_450_000] },
  { from: '2026-01', regions: [5_310_000, 4_730_000, 4_140_000, 3_700_000] },
];
/** Base salary (lương cơ sở) by month of effect (Decree 38/2019, Decree 24/2023, Decree 73/2024). */
const BASE_SALARIES: readonly { from: string; amount: number }[] = [
  { from: '2019-07', amount: 1_490_000 },
  { from: '2023-07', amount: 1_800_000 },
  { from: '2024-07', amount: 2_340_000 },
];

/**
 * Monthly headcount drift: in a month with a change (probability CHANGE), headcount moves by up to ±4% plus the
 * behaviour's trend per month (scaled up so that it holds on average); firms in trouble shrink.
 */
const HEADCOUNT_CHANGE = 0.35;
const HEADCOUNT_TREND: Readonly<Record<PaymentBehaviour, number>> = {
  onTime: 0.002,
  occasionallyLate: 0,
  chronicallyLate: -0.004,
  stopped: -0.01,
};

/** Share of employers registered during the window (new firms), not at its start; stopped ones are all older. */
const NEW_EMPLOYER_SHARE = 0.1;

/**
 * Only agricultural, forestry, fishery and salt employers paying by product or piece may choose to pay every 3 or
 * 6 months (Law 41/2024 Art. 34(2)); most of them do. With ~11% of employers agricultural this gives ~92% monthly.
 */
const AGRICULTURAL_CYCLES = new WeightedTable<PaymentCycle>([
  [1, 30],
  [3, 50],
  [6, 20],
]);

/**
 * National behaviour mix, in percent. Most employers pay on time; VSS counts tens of thousands of late employers
 * out of some 450,000 at any time, with a late ratio of a few percent of the year's receivable.
 */
const BEHAVIOUR_TARGET: readonly (readonly [PaymentBehaviour, number])[] = [
  ['onTime', 75],
  ['occasionallyLate', 15],
  ['chronicallyLate', 7],
  ['stopped', 3],
];
/** Public units are paid from the state budget: rarely late, never stop. */
const PUBLIC_BEHAVIOUR: readonly (readonly [PaymentBehaviour, number])[] = [
  ['onTime', 95],
  ['occasionallyLate', 5],
];

/** Status of employers that stopped paying: mostly hard to collect, some suspended (tạm ngừng kinh doanh). */
const STOPPED_STATUS = new WeightedTable<EmployerStatus>([
  ['dissolved', 3],
  ['absconded', 3],
  ['bankrupt', 1],
  ['suspended', 2],
]);

/** Employers this large are mostly managed by the provincial office directly. */
const LARGE_EMPLOYER = { headcount: 500, provincialShare: 0.7 };

/** The first contribution month under Law 41/2024: deadlines move to the end of the following month. */
const NEW_DEADLINE_FROM = 2025 * 12 + 6;

// ---------------------------------------------------------------------------------------------------------------
// Name and address tables (built once)

interface Line {
  name: string;
  agricultural: boolean;
}
const lines = (entries: readonly (readonly [string, number, boolean?])[]) =>
  new WeightedTable<Line>(
    entries.map(([name, weight, agricultural]) => [{ name, agricultural: agricultural === true }, weight]),
  );

/** Trades of private firms; the agricultural ones (~10%) may pay every 3 or 6 months. */
const PRIVATE_SECTORS = lines([
  ['Thương mại', 14],
  ['Xây dựng', 12],
  ['Dịch vụ', 10],
  ['Vận tải', 5],
  ['Cơ khí', 4],
  ['May mặc', 4],
  ['Thực phẩm', 4],
  ['Công nghệ', 4],
  ['Xuất nhập khẩu', 4],
  ['Bất động sản', 3],
  ['Du lịch', 3],
  ['Tư vấn', 3],
  ['Điện tử', 2],
  ['Logistics', 2],
  ['Nội thất', 2],
  ['Giáo dục', 2],
  ['Kỹ thuật', 2],
  ['Vật liệu Xây dựng', 2],
  ['Dược phẩm', 1.5],
  ['Môi trường', 1.5],
  ['Quảng cáo', 1.5],
  ['Bao bì', 1],
  ['Nhựa', 1],
  ['Thiết bị Y tế', 1],
  ['In ấn', 1],
  ['Điện lạnh', 1],
  ['Phần mềm', 1],
  ['Nhà hàng', 1],
  ['Thời trang', 1],
  ['Viễn thông', 1],
  ['Nông nghiệp', 4, true],
  ['Thủy sản', 3, true],
  ['Lâm sản', 1.5, true],
  ['Chăn nuôi', 1.5, true],
  ['Nông sản', 1, true],
]);
/** Second trade in compound names: "Xây dựng và Thương mại", "Đầu tư Xây dựng". */
const SECONDARY_SECTORS = [
  'Thương mại',
  'Dịch vụ',
  'Xây dựng',
  'Sản xuất',
  'Xuất nhập khẩu',
  'Đầu tư',
  'Kỹ thuật',
  'Công nghệ',
  'Phát triển',
];
const STATE_LINES = lines([
  ['Xổ số kiến thiết', 2],
  ['Thủy lợi', 3],
  ['Lâm nghiệp', 2],
  ['Cấp nước', 3],
  ['Môi trường Đô thị', 3],
  ['Công trình Đô thị', 2],
  ['Quản lý và Sửa chữa đường bộ', 1],
  ['Chiếu sáng công cộng', 1],
  ['Phát triển nhà', 1],
  ['Sách và Thiết bị trường học', 1],
  ['Dịch vụ công ích', 1],
]);
const STATE_CORPORATION_SECTORS = [
  'Xây dựng',
  'Thương mại',
  'Đầu tư và Phát triển',
  'Cơ khí',
  'Vận tải',
  'Lương thực',
  'Xây dựng Công trình giao thông',
  'Điện lực',
  'Dệt may',
  'Thủy sản',
];
/** Cooperatives are mostly agricultural; a few are transport, environment or crafts. */
const COOPERATIVE_LINES = lines([
  ['Nông nghiệp', 6, true],
  ['Dịch vụ nông nghiệp', 5, true],
  ['Nuôi trồng thủy sản', 2, true],
  ['Đánh bắt hải sản', 1, true],
  ['Chè', 1, true],
  ['Cà phê', 1, true],
  ['Rau an toàn', 1.5, true],
  ['Muối', 0.5, true],
  ['Vận tải', 3],
  ['Môi trường', 1.5],
  ['Tiểu thủ công nghiệp', 1.5],
  ['Xây dựng', 1],
]);
/** Households (hộ kinh doanh) mostly trade under the owner's name ('' here); a few farm or fish. */
const HOUSEHOLD_LINES = lines([
  ['', 12],
  ['Cơ sở may', 2],
  ['Xưởng mộc', 1.5],
  ['Nhà hàng', 2],
  ['Cửa hàng vật liệu xây dựng', 1.5],
  ['Cơ sở sản xuất nước đá', 0.5],
  ['Gara ô tô', 1],
  ['Tiệm bánh', 1],
  ['Trang trại', 2, true],
  ['Cơ sở nuôi trồng thủy sản', 2, true],
]);
const NO_LINE: Line = { name: '', agricultural: false };

const BRAND_FIRST = [
  'Minh',
  'Hoàng',
  'An',
  'Thành',
  'Việt',
  'Phú',
  'Hưng',
  'Đại',
  'Tân',
  'Bình',
  'Sao',
  'Hải',
  'Trường',
  'Quang',
  'Đức',
  'Thuận',
  'Nam',
  'Đông',
  'Hòa',
  'Phúc',
  'Kim',
  'Thiên',
  'Gia',
  'Hợp',
  'Vạn',
  'Toàn',
  'Hồng',
  'Bảo',
  'Khánh',
  'Tiến',
  'Vĩnh',
  'Lộc',
  'Thái',
  'Trung',
  'Nhật',
  'Long',
  'Tâm',
  'Huy',
  'Thịnh',
  'Ngọc',
  'Thanh',
  'Xuân',
  'Ánh',
  'Kiến',
  'Tín',
];
const BRAND_SECOND = [
  'Phát',
  'Long',
  'Khang',
  'Công',
  'Tiến',
  'Cường',
  'Thịnh',
  'Minh',
  'Phú',
  'Mai',
  'Đăng',
  'Thành',
  'Lộc',
  'An',
  'Hưng',
  'Việt',
  'Nguyên',
  'Hà',
  'Sơn',
  'Hải',
  'Dương',
  'Anh',
  'Huy',
  'Tín',
  'Nghĩa',
  'Đạt',
  'Quang',
  'Hoàng',
  'Vinh',
  'Hòa',
  'Bình',
  'Tâm',
  'Gia',
  'Kim',
  'Ngọc',
  'Tài',
  'Trí',
  'Lợi',
  'Uy',
  'Phong',
];
const GEOGRAPHIC_BRANDS = [
  'Sông Hồng',
  'Mê Kông',
  'Trường Sơn',
  'Cửu Long',
  'Tây Nguyên',
  'Thăng Long',
  'Sông Đà',
  'Hồng Hà',
  'Sài Gòn',
  'Đông Dương',
  'Đất Việt',
  'Việt Nam',
  'Phương Nam',
  'Miền Trung',
  'Hoàn Cầu',
  'Châu Á',
];
const FAMILY_NAMES = new WeightedTable<string>([
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Phan', 4.5],
  ['Huỳnh', 4],
  ['Vũ', 3.9],
  ['Võ', 3.5],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.5],
  ['Trịnh', 0.4],
  ['Mai', 0.4],
]);
const FAMILY_BRAND_SECOND = ['Gia', 'Phát', 'Long', 'Minh', 'Anh', 'Nguyên', 'Thành', 'Khang'];
const MALE_MIDDLE = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Xuân', 'Công', 'Anh', 'Trọng'];
const FEMALE_MIDDLE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Kim', 'Thúy', 'Phương'];
const MALE_GIVEN = [
  'Hùng',
  'Dũng',
  'Tuấn',
  'Hải',
  'Nam',
  'Long',
  'Bình',
  'Sơn',
  'Khoa',
  'Tâm',
  'Cường',
  'Thắng',
  'Quân',
  'Phong',
  'Hiếu',
  'Trung',
  'Đạt',
  'Huy',
  'Kiên',
  'Lâm',
];
const FEMALE_GIVEN = [
  'Lan',
  'Hương',
  'Hoa',
  'Mai',
  'Thảo',
  'Trang',
  'Phương',
  'Hà',
  'Linh',
  'Yến',
  'Hằng',
  'Nga',
  'Dung',
  'Huyền',
  'Nhung',
  'Ngân',
  'Vân',
  'Oanh',
];
/** Schools are named after national figures. */
const SCHOOL_PATRONS = [
  'Lê Quý Đôn',
  'Nguyễn Du',
  'Chu Văn An',
  'Trần Quốc Toản',
  'Kim Đồng',
  'Võ Thị Sáu',
  'Nguyễn Trãi',
  'Lê Lợi',
  'Quang Trung',
  'Trưng Vương',
  'Lý Tự Trọng',
  'Nguyễn Bỉnh Khiêm',
  'Nguyễn Văn Trỗi',
  'Phan Bội Châu',
  'Ngô Quyền',
  'Lê Văn Tám',
  'Nguyễn Đình Chiểu',
  'Trần Hưng Đạo',
  'Lê Hồng Phong',
  'Nguyễn Thị Minh Khai',
  'Lương Thế Vinh',
  'Đinh Tiên Hoàng',
  'Hai Bà Trưng',
  'Nguyễn Khuyến',
  'Lý Thường Kiệt',
];
const KINDERGARTEN_NAMES = [
  'Hoa Sen',
  'Hoa Mai',
  'Sơn Ca',
  'Họa Mi',
  'Hoa Hồng',
  'Tuổi Thơ',
  'Măng Non',
  'Bình Minh',
  'Hướng Dương',
  'Vành Khuyên',
  'Ánh Dương',
  'Sao Mai',
  'Hoa Phượng',
  'Búp Sen Hồng',
];
const PUBLIC_FORMS = new WeightedTable<number>([
  [0, 3],
  [1, 4],
  [2, 3],
  [3, 1.5],
  [4, 2],
  [5, 1.5],
  [6, 0.5],
  [7, 0.3],
  [8, 0.3],
  [9, 0.5],
]);
const OTHER_FORMS = new WeightedTable<number>([
  [0, 3],
  [1, 2],
  [2, 2],
  [3, 1.5],
]);
const ASSOCIATIONS = [
  'Hội Doanh nhân trẻ',
  'Hiệp hội Du lịch',
  'Hội Luật gia',
  'Hội Kiến trúc sư',
  'Hiệp hội Doanh nghiệp',
];

/** Invented foreign names from syllables typical of the main investor countries (Korea, Taiwan/China, Japan, …). */
const FOREIGN_SYLLABLES = new WeightedTable<readonly [readonly string[], readonly string[]]>([
  [
    [
      ['Dae', 'Han', 'Sung', 'Hyun', 'Jin', 'Kyung', 'Seo', 'Woo', 'Young', 'Dong', 'Il', 'Sam', 'Kum', 'Shin'],
      ['won', 'shin', 'jin', 'yang', 'il', 'hwa', 'san', 'kwang', 'do', 'chang', 'heung', 'myung'],
    ],
    35,
  ],
  [
    [
      ['Fu', 'Tai', 'Hong', 'Sheng', 'Chang', 'Jia', 'Xin', 'Yuan', 'Hua', 'Long', 'Kai', 'Ming'],
      ['feng', 'yuan', 'hua', 'xing', 'da', 'tai', 'sheng', 'li', 'cheng', 'ming', 'fa', 'tong'],
    ],
    30,
  ],
  [
    [
      ['Taka', 'Yama', 'Kawa', 'Fuji', 'Nishi', 'Matsu', 'Hoshi', 'Mori', 'Aki', 'Kita', 'Naka', 'Sakura'],
      ['moto', 'hara', 'shima', 'seiko', 'den', 'tec', 'mura', 'saki', 'giken', 'kogyo'],
    ],
    20,
  ],
  [
    [
      ['Green', 'Star', 'Global', 'Pacific', 'Sun', 'Blue', 'Golden', 'Asia', 'Ever', 'Great', 'Silver', 'Pro'],
      ['field', 'tech', 'line', 'wood', 'bridge', 'way', 'light', 'stone', 'wave', 'point', 'vision', 'max'],
    ],
    15,
  ],
]);
const FDI_SECTORS = [
  'Điện tử',
  'May mặc',
  'Giày da',
  'Linh kiện điện tử',
  'Cơ khí chính xác',
  'Dệt',
  'Nhựa',
  'Thép',
  'Bao bì',
  'Hóa chất',
  'Phụ tùng ô tô',
  'Thực phẩm',
  'Gỗ',
  'Thiết bị điện',
];
const FDI_SECTORS_EN = [
  'Electronics',
  'Precision',
  'Textile',
  'Apparel',
  'Auto Parts',
  'Packaging',
  'Chemical',
  'Footwear',
  'Optics',
  'Display',
];
const PRIVATE_FORMS = new WeightedTable<string>([
  ['Công ty TNHH', 50],
  ['Công ty Cổ phần', 25],
  ['Công ty TNHH MTV', 15],
  ['Doanh nghiệp tư nhân', 4],
  ['Chi nhánh', 6],
]);
const PRIVATE_PATTERNS = new WeightedTable<number>([
  [0, 45],
  [1, 22],
  [2, 10],
  [3, 13],
  [4, 10],
]);

/** Streets found in almost every Vietnamese town, mixed with each province's own. */
const COMMON_STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Trãi',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Quang Trung',
  'Hùng Vương',
  'Điện Biên Phủ',
  'Trần Phú',
  'Nguyễn Văn Cừ',
  'Phan Đình Phùng',
  'Lê Hồng Phong',
  'Bà Triệu',
  'Hoàng Văn Thụ',
  'Nguyễn Huệ',
  'Lê Duẩn',
  'Võ Nguyên Giáp',
  'Ngô Quyền',
  'Nguyễn Du',
  'Phạm Văn Đồng',
];
const NORTHERN_HAMLETS = [
  'Đông',
  'Đoài',
  'Thượng',
  'Hạ',
  'Trung',
  'Tân Lập',
  'Đồng Tâm',
  'Quyết Tiến',
  'Hòa Bình',
  'Phú Mỹ',
  '1',
  '2',
  '3',
  '4',
  '5',
  '7',
];
const SOUTHERN_HAMLETS = [
  'Tân Hòa',
  'Phước Lợi',
  'Bình An',
  'Long Thạnh',
  'Mỹ Hiệp',
  'An Thạnh',
  'Tân Phú',
  'Hòa Lợi',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
];
const LOT_LETTERS = ['A', 'B', 'C', 'D', 'E', 'CN', 'F'];

// ---------------------------------------------------------------------------------------------------------------
// Precomputed province models

interface ProvinceModel {
  info: ProvinceInfo;
  label: string;
  areaTable: WeightedTable<number>;
  ownershipTable: WeightedTable<Ownership>;
}

const OWNERSHIPS = Object.keys(OWNERSHIP_WEIGHTS) as Ownership[];
const PROVINCE_MODELS: readonly ProvinceModel[] = PROVINCES.map((info) => ({
  info,
  label: provinceLabel(info),
  areaTable: new WeightedTable(info.areas.map((a, i) => [i, a.weight] as const)),
  ownershipTable: new WeightedTable(
    OWNERSHIPS.map((o) => [o, OWNERSHIP_WEIGHTS[o] * (o === 'fdi' ? info.fdiFactor : 1)] as const),
  ),
}));
const PROVINCE_TABLE = new WeightedTable(PROVINCE_MODELS.map((m) => [m, m.info.weight] as const));

/**
 * The behaviour mix of employers other than public units, chosen so that the national mix hits BEHAVIOUR_TARGET:
 * target = publicShare × public mix + (1 − publicShare) × this mix. publicShare is the expected share of public
 * units over all provinces (it moves a little with each province's FDI factor).
 */
const OTHER_BEHAVIOUR = (() => {
  const provinceTotal = PROVINCES.reduce((s, p) => s + p.weight, 0);
  const publicShare = PROVINCE_MODELS.reduce(
    (s, m) => s + (m.info.weight / provinceTotal) * (OWNERSHIP_WEIGHTS.public / m.ownershipTable.total),
    0,
  );
  const publicPercent = new Map(PUBLIC_BEHAVIOUR);
  const publicTotal = PUBLIC_BEHAVIOUR.reduce((s, [, w]) => s + w, 0);
  const targetTotal = BEHAVIOUR_TARGET.reduce((s, [, w]) => s + w, 0);
  return new WeightedTable(
    BEHAVIOUR_TARGET.map(
      ([b, w]) =>
        [b, (w / targetTotal - publicShare * ((publicPercent.get(b) ?? 0) / publicTotal)) / (1 - publicShare)] as const,
    ),
  );
})();
const PUBLIC_BEHAVIOUR_TABLE = new WeightedTable(PUBLIC_BEHAVIOUR);

// ---------------------------------------------------------------------------------------------------------------
// Calendar on whole numbers

const periodIndexOf = (year: number, month: number) => year * 12 + month - 1;

const firstDayOfPeriod = (m: number) => daysFromCivil(Math.floor(m / 12), (m % 12) + 1, 1);
const lastDayOfPeriod = (m: number) => firstDayOfPeriod(m + 1) - 1;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Hạn nộp (as a day number) of contribution month `period` for a payer on `cycle` months, per arrears.md. Cycles are
 * calendar quarters and half-years; the deadline is the last day of the period's (cycle's last) month until 2025-06,
 * and the last day of the month after it from 2025-07 on. 2025-07 starts a quarter and a half-year, so no cycle
 * straddles the change. The engine's rule set (domain/rules.ts) is the authority; this copy only shapes the demo.
 */
function demoDeadline(period: number, cycle: PaymentCycle): number {
  const cycleStart = period - ((period % 12) % cycle);
  const cycleEnd = cycleStart + cycle - 1;
  return lastDayOfPeriod(cycleStart >= NEW_DEADLINE_FROM ? cycleEnd + 1 : cycleEnd);
}

/** The months of history and the per-month wage tables, for one (months, asOf); reused across employers. */
interface HistoryWindow {
  months: number;
  asOf: string;
  asOfDay: number;
  firstPeriod: number;
  lastPeriod: number;
  periodTexts: readonly string[];
  /** Minimum wage by region (index 0–3) and month offset from firstPeriod. */
  minimumWages: readonly (readonly number[])[];
  baseSalaries: readonly number[];
  /** Day texts ('YYYY-MM-DD', and 'yyMMdd' for references) filled on first use, from `firstDay` to asOf. */
  firstDay: number;
  dayTexts: (string | undefined)[];
  compactDayTexts: string[];
}

const MAX_MONTHS = 1200;
/** Employers that can get distinct tax codes: 10^6 six-digit blocks × 9 valid ninth digits. */
const TAX_SEQUENCE_SPACE = 9_000_000;
let cachedWindow: HistoryWindow | undefined;

function windowOf(options: GeneratorOptions): HistoryWindow {
  const { months, asOf } = options;
  if (cachedWindow && cachedWindow.months === months && cachedWindow.asOf === asOf) return cachedWindow;
  if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
    throw new RangeError(`months must be a whole number from 1 to ${MAX_MONTHS}, got ${months}`);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const asOfPeriod = periodIndexOf(year, month);
  if (
    !match ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > lastDayOfPeriod(asOfPeriod) - firstDayOfPeriod(asOfPeriod) + 1
  ) {
    throw new RangeError(`asOf must be a date YYYY-MM-DD, got "${asOf}"`);
  }
  const lastPeriod = asOfPeriod - 1;
  const firstPeriod = lastPeriod - months + 1;
  const periodTexts: string[] = [];
  const minimumWages: number[][] = [[], [], [], []];
  const baseSalaries: number[] = [];
  for (let m = firstPeriod; m <= lastPeriod; m++) {
    const text = `${String(Math.floor(m / 12)).padStart(4, '0')}-${pad2((m % 12) + 1)}`;
    periodTexts.push(text);
    // The first table entry also serves months before it: the demo never reaches further back than a few years.
    const wages = MINIMUM_WAGES.reduce((found, w) => (w.from <= text ? w : found), MINIMUM_WAGES[0]!).regions;
    wages.forEach((w, r) => minimumWages[r]!.push(w));
    baseSalaries.push(BASE_SALARIES.reduce((found, b) => (b.from <= text ? b : found), BASE_SALARIES[0]!).amount);
  }
  cachedWindow = {
    months,
    asOf,
    asOfDay: daysFromCivil(year, month, day),
    firstPeriod,
    lastPeriod,
    periodTexts,
    minimumWages,
    baseSalaries,
    // Payments can precede their period's first day by a few weeks (an early transfer for February, say).
    firstDay: firstDayOfPeriod(firstPeriod) - 62,
    dayTexts: [],
    compactDayTexts: [],
  };
  return cachedWindow;
}

/** Formats a payment day through the window's cache: there are few distinct days and many payments. */
function paymentDayTexts(w: HistoryWindow, day: number): [date: string, compact: string] {
  const slot = day - w.firstDay;
  if (slot < 0) {
    const date = dayFromNumber(day);
    return [date, date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10)];
  }
  let date = w.dayTexts[slot];
  if (date === undefined) {
    date = dayFromNumber(day);
    w.dayTexts[slot] = date;
    w.compactDayTexts[slot] = date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
  }
  return [date, w.compactDayTexts[slot]!];
}

// ---------------------------------------------------------------------------------------------------------------
// Identity: codes, names, addresses

const TAX_CODE_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * A 10-digit tax code: the two-digit prefix, seven sequence digits and the check digit N10 = 10 − (Σ wᵢNᵢ mod 11)
 * with the weights above (a remainder of 0 would need a check digit of 10, so such codes are never issued). The
 * index goes through a bijection of [0, 9·10^6) (the multiplier is prime to 2, 3 and 5) onto a six-digit block
 * and the rank of the ninth digit among the (at least nine) that give a valid code: distinct indices, distinct codes.
 */
function taxCodeOf(prefix: string, index: number): string {
  const j = (index * 2_718_281 + 1_234_567) % TAX_SEQUENCE_SPACE;
  const head = prefix + String(Math.floor(j / 9)).padStart(6, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (head.charCodeAt(i) - 48) * TAX_CODE_WEIGHTS[i]!;
  // The one ninth digit d with sum + 3d ≡ 0 (mod 11) is skipped; 4 is the inverse of 3 modulo 11.
  const invalid = (((11 - (sum % 11)) % 11) * 4) % 11;
  const rank = j % 9;
  const ninth = invalid <= 9 && rank >= invalid ? rank + 1 : rank;
  return `${head}${ninth}${10 - ((sum + 3 * ninth) % 11)}`;
}

function brand(rng: Prng, area: GrassrootsArea): string {
  const kind = rng.nextFloat();
  if (kind < 0.72) {
    const first = rng.pick(BRAND_FIRST);
    let second = rng.pick(BRAND_SECOND);
    if (second === first) second = BRAND_SECOND[(BRAND_SECOND.indexOf(second) + 1) % BRAND_SECOND.length]!;
    return `${first} ${second}`;
  }
  if (kind < 0.86) return `${rng.weighted(FAMILY_NAMES)} ${rng.pick(FAMILY_BRAND_SECOND)}`;
  if (kind < 0.95) return rng.pick(GEOGRAPHIC_BRANDS);
  return area.name;
}

function personName(rng: Prng): string {
  const family = rng.weighted(FAMILY_NAMES);
  return rng.chance(0.55)
    ? `${family} ${rng.pick(MALE_MIDDLE)} ${rng.pick(MALE_GIVEN)}`
    : `${family} ${rng.pick(FEMALE_MIDDLE)} ${rng.pick(FEMALE_GIVEN)}`;
}

function foreignName(rng: Prng): string {
  const [first, second] = rng.weighted(FOREIGN_SYLLABLES);
  return rng.pick(first) + rng.pick(second);
}

/** The ward's own name, for schools and cooperatives: "phường Ba Đình" → "Ba Đình". */
const bareWard = (ward: string) => ward.replace(/^(phường|xã|đặc khu) /, '');

function employerName(
  rng: Prng,
  ownership: Ownership,
  line: Line,
  province: ProvinceInfo,
  area: GrassrootsArea,
  ward: string,
): string {
  switch (ownership) {
    case 'private': {
      const form = rng.weighted(PRIVATE_FORMS);
      const secondary = rng.pick(SECONDARY_SECTORS);
      const mark = brand(rng, area);
      let body: string;
      switch (rng.weighted(PRIVATE_PATTERNS)) {
        case 0:
          body = `${line.name} ${mark}`;
          break;
        case 1:
          body = secondary === line.name ? `${line.name} ${mark}` : `${line.name} và ${secondary} ${mark}`;
          break;
        case 2:
          body = secondary === line.name ? `${line.name} ${mark}` : `${secondary} ${line.name} ${mark}`;
          break;
        case 3:
          body = mark;
          break;
        default: {
          // "… Việt Nam" or "… Đà Nẵng", unless the brand already says it.
          const suffix = rng.chance(0.5) ? 'Việt Nam' : province.name;
          body = mark.endsWith(suffix) ? `${line.name} ${mark}` : `${line.name} ${mark} ${suffix}`;
        }
      }
      if (form === 'Chi nhánh') {
        return `Chi nhánh ${rng.chance(0.6) ? 'Công ty TNHH' : 'Công ty Cổ phần'} ${body} tại ${province.name}`;
      }
      return `${form} ${body}`;
    }
    case 'fdi': {
      const foreign = foreignName(rng);
      const kind = rng.nextFloat();
      if (kind < 0.3) return `Công ty TNHH ${foreign} Việt Nam`;
      if (kind < 0.55) return `Công ty TNHH ${rng.pick(FDI_SECTORS)} ${foreign} Việt Nam`;
      if (kind < 0.7) return `Công ty TNHH ${rng.pick(FDI_SECTORS)} ${foreign} Vina`;
      if (kind < 0.85) return `Công ty TNHH ${foreign} ${rng.pick(FDI_SECTORS_EN)} Việt Nam`;
      return `Công ty TNHH ${foreign} ${province.name}`;
    }
    case 'state': {
      const kind = rng.nextFloat();
      if (kind < 0.4) return `Công ty TNHH MTV ${line.name} ${province.name}`;
      if (kind < 0.65) return `Công ty Cổ phần ${line.name} ${province.name}`;
      if (kind < 0.8) return `Công ty TNHH MTV ${line.name} ${area.name}`;
      const corporation = `Tổng công ty ${rng.pick(STATE_CORPORATION_SECTORS)} ${rng.pick(GEOGRAPHIC_BRANDS)}`;
      return kind < 0.9 ? corporation : `Chi nhánh ${corporation} tại ${province.name}`;
    }
    case 'public': {
      const place = bareWard(ward);
      switch (rng.weighted(PUBLIC_FORMS)) {
        case 0:
          return `Trường Mầm non ${rng.chance(0.6) ? rng.pick(KINDERGARTEN_NAMES) : place}`;
        case 1:
          return `Trường Tiểu học ${rng.chance(0.6) ? rng.pick(SCHOOL_PATRONS) : place}`;
        case 2:
          return `Trường Trung học cơ sở ${rng.chance(0.6) ? rng.pick(SCHOOL_PATRONS) : place}`;
        case 3:
          return `Trường Trung học phổ thông ${rng.pick(SCHOOL_PATRONS)}`;
        case 4:
          return `Ủy ban nhân dân ${ward}`;
        case 5:
          return `Trạm Y tế ${ward}`;
        case 6:
          return `Trung tâm Y tế khu vực ${area.name}`;
        case 7:
          return `Bệnh viện Đa khoa khu vực ${area.name}`;
        case 8:
          return `Ban Quản lý dự án đầu tư xây dựng khu vực ${area.name}`;
        default:
          return `Trung tâm Phục vụ hành chính công ${ward}`;
      }
    }
    case 'cooperative':
      if (!line.agricultural && rng.chance(0.15)) return `Quỹ tín dụng nhân dân ${bareWard(ward)}`;
      return `Hợp tác xã ${line.name} ${rng.chance(0.6) ? bareWard(ward) : brand(rng, area)}`;
    case 'household':
      return line.name === '' ? `Hộ kinh doanh ${personName(rng)}` : `Hộ kinh doanh ${line.name} ${brand(rng, area)}`;
    case 'other':
      switch (rng.weighted(OTHER_FORMS)) {
        case 0:
          return `Văn phòng đại diện ${foreignName(rng)} tại ${province.name}`;
        case 1:
          return `Văn phòng công chứng ${brand(rng, area)}`;
        case 2:
          return `Văn phòng luật sư ${personName(rng)}`;
        default:
          return `${rng.pick(ASSOCIATIONS)} ${province.name}`;
      }
  }
}

function employerAddress(
  rng: Prng,
  model: ProvinceModel,
  area: GrassrootsArea,
  ward: string,
  ownership: Ownership,
  headcount: number,
): string {
  const { info, label } = model;
  const inPark = area.parks.length > 0 && rng.chance(ownership === 'fdi' ? 0.85 : headcount >= 200 ? 0.5 : 0);
  if (inPark) return `Lô ${rng.pick(LOT_LETTERS)}${rng.int(1, 30)}, ${rng.pick(area.parks)}, ${ward}, ${label}`;
  if (!ward.startsWith('phường') && rng.chance(0.7)) {
    return info.south
      ? `Ấp ${rng.pick(SOUTHERN_HAMLETS)}, ${ward}, ${label}`
      : `Thôn ${rng.pick(NORTHERN_HAMLETS)}, ${ward}, ${label}`;
  }
  const street = rng.chance(0.5) ? rng.pick(info.streets) : rng.pick(COMMON_STREETS);
  const number = rng.int(1, 350);
  if (rng.chance(0.2)) {
    // Alleys: "ngõ" in the north and centre, "hẻm" numbering ("12/34") in the south.
    return info.south
      ? `Số ${number}/${rng.int(1, 120)}, đường ${street}, ${ward}, ${label}`
      : `Số ${rng.int(1, 80)}, ngõ ${number}, đường ${street}, ${ward}, ${label}`;
  }
  return `Số ${number}, đường ${street}, ${ward}, ${label}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Payments

/**
 * Money arrives in one or two transfers (ủy nhiệm chi). Amounts that an employer chooses itself (partial payments,
 * catch-ups) are whole thousands of VND; payments of exactly what is due are to the đồng.
 */
const roundDownThousand = (x: number) => Math.floor(x / 1000) * 1000;
/** On-time payers pay 1–22 days before the deadline, 40% of them in the last five days. */
const ON_TIME = { lastMinuteShare: 0.4, splitShare: 0.12, splitMinimum: 2_000_000 };
/** Occasionally late payers: per employer, a share of cycles is paid 5–70 days late (at least one). */
const OCCASIONAL = { lateShareMin: 0.08, lateShareMax: 0.3, partlyOnTime: 0.3 };
/**
 * Chronically late payers pay 50–90% of what is due (around a per-employer mean), skip a cycle now and then, and
 * some make occasional lump catch-ups (after urging or an inspection); the rest let the debt grow to many months.
 */
const CHRONIC = { meanMin: 0.6, meanMax: 0.9, skip: 0.08, noCatchUp: 0.2, catchUpMin: 0.08, catchUpMax: 0.2 };

class PaymentBook {
  private readonly days: number[] = [];
  private readonly amounts: number[] = [];

  constructor(private readonly window: HistoryWindow) {}

  /** Records a transfer unless it is empty or after asOf; says whether it was recorded. */
  add(day: number, amount: number): boolean {
    if (amount <= 0 || day > this.window.asOfDay) return false;
    this.days.push(day);
    this.amounts.push(amount);
    return true;
  }

  /** The transfers in date order, numbered in that order: UNC-yyMMdd-nnnnnn, the number unique per employer. */
  toPayments(rng: Prng): GeneratedPayment[] {
    const { days, amounts } = this;
    // Insertion sort: the transfers are nearly in order already, and few.
    for (let i = 1; i < days.length; i++) {
      const day = days[i]!;
      const amount = amounts[i]!;
      let j = i - 1;
      while (j >= 0 && days[j]! > day) {
        days[j + 1] = days[j]!;
        amounts[j + 1] = amounts[j]!;
        j--;
      }
      days[j + 1] = day;
      amounts[j + 1] = amount;
    }
    // 7919 is prime to 10^6, so up to a million transfers get distinct six-digit numbers.
    const base = rng.int(0, 999_999);
    return days.map((day, i) => {
      const [date, compact] = paymentDayTexts(this.window, day);
      const serial = String((base + i * 7919) % 1_000_000).padStart(6, '0');
      return { date, amount: amounts[i]!, reference: `UNC-${compact}-${serial}` };
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The generator

export function generateEmployerHistory(options: GeneratorOptions, index: number): GeneratedEmployerHistory {
  const w = windowOf(options);
  if (!Number.isInteger(index) || index < 0 || index >= TAX_SEQUENCE_SPACE) {
    throw new RangeError(`index must be a whole number from 0 to ${TAX_SEQUENCE_SPACE - 1}, got ${index}`);
  }
  const rng = forkRng(options.seed, index);

  // Who and where.
  const model = rng.weighted(PROVINCE_TABLE);
  const province = model.info;
  const areaIndex = rng.weighted(model.areaTable);
  const area = province.areas[areaIndex]!;
  const ward = rng.pick(area.wards);
  const ownership = rng.weighted(model.ownershipTable);
  const line =
    ownership === 'private'
      ? rng.weighted(PRIVATE_SECTORS)
      : ownership === 'state'
        ? rng.weighted(STATE_LINES)
        : ownership === 'cooperative'
          ? rng.weighted(COOPERATIVE_LINES)
          : ownership === 'household'
            ? rng.weighted(HOUSEHOLD_LINES)
            : NO_LINE;
  const paymentCycle: PaymentCycle = line.agricultural ? rng.weighted(AGRICULTURAL_CYCLES) : 1;
  const behaviour = rng.weighted(ownership === 'public' ? PUBLIC_BEHAVIOUR_TABLE : OTHER_BEHAVIOUR);
  const size = HEADCOUNT[ownership];
  let headcount = Math.max(1, Math.min(size.max, Math.round(rng.logNormal(size.median, size.sigma))));
  const officeCode =
    headcount >= LARGE_EMPLOYER.headcount && rng.chance(LARGE_EMPLOYER.provincialShare)
      ? province.code
      : grassrootsCode(province.code, areaIndex);

  // When: registration, and for those that stopped, the last period they paid (a cycle's end) and the last period
  // with obligations. Period stop + 1 is always overdue at asOf, so every stopped employer owes something late.
  const start =
    behaviour !== 'stopped' && w.lastPeriod > w.firstPeriod && rng.chance(NEW_EMPLOYER_SHARE)
      ? rng.int(w.firstPeriod + 1, w.lastPeriod)
      : w.firstPeriod;
  let end = w.lastPeriod;
  let paidThrough = w.lastPeriod;
  let status: EmployerStatus = 'active';
  if (behaviour === 'stopped') {
    const candidates: number[] = [];
    for (let p = start; p < w.lastPeriod; p++) {
      if ((p % 12) % paymentCycle === paymentCycle - 1 && demoDeadline(p + 1, paymentCycle) < w.asOfDay)
        candidates.push(p);
    }
    paidThrough = candidates.length > 0 ? rng.pick(candidates) : start - 1;
    status = rng.weighted(STOPPED_STATUS);
    // The office records obligations until the employer is closed or suspended; nothing is due after that.
    end = Math.min(w.lastPeriod, paidThrough + (status === 'suspended' ? rng.int(1, 3) : rng.int(1, 6)));
  }

  // Obligations: one row per month and fund, from a payroll that drifts.
  const obligations: GeneratedObligation[] = [];
  let multiple = 1;
  let coefficient = 0;
  if (ownership === 'public') {
    coefficient = Math.max(2.34, rng.logNormal(PUBLIC_COEFFICIENT.median, PUBLIC_COEFFICIENT.sigma));
  } else {
    const s = SALARY[ownership];
    multiple = Math.min(6, Math.max(1, rng.logNormal(s.median, s.sigma)));
  }
  const trend = HEADCOUNT_TREND[behaviour] / HEADCOUNT_CHANGE;
  const groupDeadlines: number[] = [];
  const groupDues: number[] = [];
  const groupLastPeriods: number[] = [];
  for (let m = start; m <= end; m++) {
    if (m > start && rng.chance(HEADCOUNT_CHANGE)) {
      const next = Math.round(headcount * (1 + trend + rng.uniform(-0.04, 0.04)));
      headcount = Math.min(size.max, Math.max(1, next === headcount ? headcount + rng.int(-1, 1) : next));
    }
    if (m % 12 === 0 && m > start && ownership !== 'public' && rng.chance(JANUARY_RAISE.probability)) {
      multiple *= 1 + rng.uniform(0, JANUARY_RAISE.max);
    }
    const offset = m - w.firstPeriod;
    const minimum = w.minimumWages[area.wageRegion - 1]![offset]!;
    const salary =
      ownership === 'public'
        ? Math.round(coefficient * w.baseSalaries[offset]!)
        : Math.max(minimum, Math.round(multiple * minimum));
    const payroll = headcount * salary;
    const period = w.periodTexts[offset]!;
    let due = 0;
    for (const { fund, perThousand } of FUND_RATES) {
      // Round half up, in integers: payroll × rate is exact below 2^53 (payroll < 10^13).
      const amount = Math.floor((payroll * perThousand + 500) / 1000);
      obligations.push({ period, fund, amount });
      due += amount;
    }
    // Periods sharing a deadline (a 3- or 6-month cycle) are paid together.
    const deadline = demoDeadline(m, paymentCycle);
    const last = groupDeadlines.length - 1;
    if (last >= 0 && groupDeadlines[last] === deadline) {
      groupDues[last]! += due;
      groupLastPeriods[last] = m;
    } else {
      groupDeadlines.push(deadline);
      groupDues.push(due);
      groupLastPeriods.push(m);
    }
  }

  // Payments, cycle by cycle.
  const book = new PaymentBook(w);
  const payOnTime = (deadline: number, due: number) => {
    const day = deadline - (rng.chance(ON_TIME.lastMinuteShare) ? rng.int(1, 5) : rng.int(6, 22));
    if (due >= ON_TIME.splitMinimum && rng.chance(ON_TIME.splitShare)) {
      const first = roundDownThousand(due * rng.uniform(0.4, 0.7));
      book.add(day - rng.int(2, 8), first);
      book.add(day, due - first);
    } else {
      book.add(day, due);
    }
  };
  const groups = groupDeadlines.length;
  switch (behaviour) {
    case 'onTime':
      for (let g = 0; g < groups; g++) payOnTime(groupDeadlines[g]!, groupDues[g]!);
      break;
    case 'stopped':
      for (let g = 0; g < groups && groupLastPeriods[g]! <= paidThrough; g++)
        payOnTime(groupDeadlines[g]!, groupDues[g]!);
      break;
    case 'occasionallyLate': {
      const lateShare = rng.uniform(OCCASIONAL.lateShareMin, OCCASIONAL.lateShareMax);
      const late = groupDeadlines.map(() => rng.chance(lateShare));
      // At least one cycle already due at asOf is late, so the label is visible in the data.
      let overdueGroups = 0;
      while (overdueGroups < groups && groupDeadlines[overdueGroups]! < w.asOfDay) overdueGroups++;
      if (overdueGroups > 0 && !late.slice(0, overdueGroups).includes(true)) late[rng.int(0, overdueGroups - 1)] = true;
      for (let g = 0; g < groups; g++) {
        const deadline = groupDeadlines[g]!;
        const amount = groupDues[g]!;
        if (!late[g]) {
          payOnTime(deadline, amount);
          continue;
        }
        const lateDay = deadline + rng.int(5, 70);
        if (rng.chance(OCCASIONAL.partlyOnTime)) {
          const part = roundDownThousand(amount * rng.uniform(0.3, 0.7));
          book.add(deadline - rng.int(1, 15), part);
          book.add(lateDay, amount - part);
        } else {
          book.add(lateDay, amount);
        }
      }
      break;
    }
    case 'chronicallyLate': {
      const meanShare = rng.uniform(CHRONIC.meanMin, CHRONIC.meanMax);
      const catchUp = rng.chance(CHRONIC.noCatchUp) ? 0 : rng.uniform(CHRONIC.catchUpMin, CHRONIC.catchUpMax);
      let debt = 0;
      for (let g = 0; g < groups; g++) {
        const deadline = groupDeadlines[g]!;
        const amount = groupDues[g]!;
        let paid = 0;
        if (!rng.chance(CHRONIC.skip)) {
          const share = Math.min(0.9, Math.max(0.4, meanShare + rng.uniform(-0.1, 0.1)));
          const part = roundDownThousand(amount * share);
          if (book.add(deadline + rng.int(-10, 30), part)) paid = part;
        }
        debt += amount - paid;
        if (catchUp > 0 && debt > 0 && rng.chance(catchUp)) {
          const lump = rng.chance(0.3) ? debt : roundDownThousand(debt * rng.uniform(0.5, 1));
          if (book.add(deadline + rng.int(15, 60), lump)) debt -= lump;
        }
      }
      break;
    }
  }
  const payments = book.toPayments(rng);

  const employer: GeneratedEmployer = {
    code: `${province.code.slice(0, 2)}${String(index).padStart(7, '0')}`,
    taxCode: taxCodeOf(area.taxPrefix, index),
    name: employerName(rng, ownership, line, province, area, ward),
    address: employerAddress(rng, model, area, ward, ownership, headcount),
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

/** Employers 0 … employers − 1, one at a time: memory stays flat however many are generated. */
export function* generateDataset(options: GeneratorOptions): Generator<GeneratedEmployerHistory> {
  if (!Number.isInteger(options.employers) || options.employers < 0 || options.employers > TAX_SEQUENCE_SPACE) {
    throw new RangeError(`employers must be a whole number from 0 to ${TAX_SEQUENCE_SPACE}, got ${options.employers}`);
  }
  for (let i = 0; i < options.employers; i++) yield generateEmployerHistory(options, i);
}
