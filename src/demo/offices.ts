/**
 * The office hierarchy of the demo, as data: Bảo hiểm xã hội Việt Nam, three national departments, the 34
 * provincial-level units in force since 1 Jul 2025 (Resolution 202/2025/QH15) and 2–5 grassroots offices ("Bảo hiểm
 * xã hội cơ sở") under each, named after the former provinces merged into the unit or, for provinces that were not
 * merged, after former districts and towns. Nothing in the code counts provinces or offices.
 *
 * Province codes (the demo's own short ASCII codes; unique):
 *   cities     HNI Hà Nội, HUE Huế, HPG Hải Phòng, DNG Đà Nẵng, HCM Hồ Chí Minh, CTO Cần Thơ
 *   provinces  TQG Tuyên Quang, CBG Cao Bằng, LCU Lai Châu, LCI Lào Cai, TNN Thái Nguyên, DBN Điện Biên,
 *              LSN Lạng Sơn, SLA Sơn La, PTO Phú Thọ, BNH Bắc Ninh, QNH Quảng Ninh, HYN Hưng Yên, NBH Ninh Bình,
 *              THA Thanh Hóa, NAN Nghệ An, HTH Hà Tĩnh, QTI Quảng Trị, QNI Quảng Ngãi, GLI Gia Lai,
 *              KHA Khánh Hòa, LDG Lâm Đồng, DLK Đắk Lắk, DNI Đồng Nai, TNH Tây Ninh, VLG Vĩnh Long,
 *              DTP Đồng Tháp, CMU Cà Mau, AGG An Giang
 * Grassroots office codes are the province code and a two-digit number: HNI-01, HNI-02, …
 *
 * Tax-code prefixes: the first two digits of an enterprise tax code (mã số thuế) name the province where it was
 * first registered, and codes do not change when provinces merge. So each grassroots area carries the prefix of the
 * former province it belonged to (Hà Tây 05 in Hà Nội, Bình Dương 37 and Bà Rịa - Vũng Tàu 35 in Hồ Chí Minh, …),
 * and each province carries the prefix of its namesake constituent. The prefixes are the historical ones.
 *
 * Ward names follow the two-level local government in force since 1 Jul 2025 (no districts); streets and industrial
 * parks are real places of each province. `weight` is the province's relative share of employers, roughly its share
 * of enterprises; `fdiFactor` raises or lowers the share of foreign-invested employers (industrial provinces high,
 * mountain provinces low); `wageRegion` is the minimum-wage region (vùng I–IV of Decree 74/2024/NĐ-CP and its
 * successors) of the area's main town, simplified to one region per area.
 */

export interface DemoOffice {
  code: string;
  name: string;
  kind: 'national' | 'department' | 'province' | 'grassroots';
  parentCode: string | null;
}

export type WageRegion = 1 | 2 | 3 | 4;

export interface GrassrootsArea {
  /** The area the office serves: a former province, or a former district or town. */
  name: string;
  /** Tax-code prefix of the former province the area belonged to. */
  taxPrefix: string;
  wageRegion: WageRegion;
  /** Relative share of the province's employers. */
  weight: number;
  /** Wards and communes with their kind: "phường Ba Đình", "xã Đông Anh", "đặc khu Phú Quốc". */
  wards: readonly string[];
  /** Industrial parks and economic zones, full names; large factories are placed there. */
  parks: readonly string[];
}

export interface ProvinceInfo {
  code: string;
  /** Name without "tỉnh"/"thành phố": "Hà Nội", "Hồ Chí Minh". */
  name: string;
  city: boolean;
  /** South of the Hải Vân pass addresses use "ấp" and "hẻm"; the north and centre "thôn" and "ngõ". */
  south: boolean;
  /** Tax-code prefix of the namesake constituent. */
  taxPrefix: string;
  weight: number;
  fdiFactor: number;
  streets: readonly string[];
  areas: readonly GrassrootsArea[];
}

const area = (
  name: string,
  taxPrefix: string,
  wageRegion: WageRegion,
  weight: number,
  wards: readonly string[],
  parks: readonly string[] = [],
): GrassrootsArea => ({ name, taxPrefix, wageRegion, weight, wards, parks });

export const PROVINCES: readonly ProvinceInfo[] = [
  {
    code: 'HNI',
    name: 'Hà Nội',
    city: true,
    south: false,
    taxPrefix: '01',
    weight: 21,
    fdiFactor: 0.8,
    streets: [
      'Kim Mã',
      'Giảng Võ',
      'Láng Hạ',
      'Xuân Thủy',
      'Trần Duy Hưng',
      'Phạm Hùng',
      'Nguyễn Chí Thanh',
      'Tây Sơn',
    ],
    areas: [
      area('Ba Đình', '01', 1, 4, [
        'phường Ba Đình',
        'phường Ngọc Hà',
        'phường Giảng Võ',
        'phường Hoàn Kiếm',
        'phường Cửa Nam',
      ]),
      area('Đống Đa', '01', 1, 4, [
        'phường Đống Đa',
        'phường Kim Liên',
        'phường Văn Miếu - Quốc Tử Giám',
        'phường Láng',
        'phường Ô Chợ Dừa',
      ]),
      area('Cầu Giấy', '01', 1, 5, [
        'phường Cầu Giấy',
        'phường Nghĩa Đô',
        'phường Yên Hòa',
        'phường Từ Liêm',
        'phường Xuân Đỉnh',
      ]),
      area(
        'Hà Đông',
        '05',
        1,
        4,
        ['phường Hà Đông', 'phường Dương Nội', 'phường Kiến Hưng', 'phường Sơn Tây', 'xã Thạch Thất'],
        ['Khu công nghiệp Thạch Thất - Quốc Oai', 'Khu công nghiệp Phú Nghĩa'],
      ),
      area(
        'Đông Anh',
        '01',
        1,
        3,
        ['xã Đông Anh', 'xã Thư Lâm', 'xã Phúc Thịnh', 'xã Sóc Sơn', 'xã Mê Linh'],
        ['Khu công nghiệp Thăng Long', 'Khu công nghiệp Nội Bài', 'Khu công nghiệp Quang Minh'],
      ),
    ],
  },
  {
    code: 'HUE',
    name: 'Huế',
    city: true,
    south: false,
    taxPrefix: '33',
    weight: 0.9,
    fdiFactor: 0.4,
    streets: ['Lê Lợi', 'Hùng Vương', 'Bà Triệu', 'Điện Biên Phủ', 'Nguyễn Huệ'],
    areas: [
      area('Thuận Hóa', '33', 2, 3, ['phường Thuận Hóa', 'phường An Cựu', 'phường Vỹ Dạ']),
      area('Phú Xuân', '33', 2, 2, ['phường Phú Xuân', 'phường Kim Long', 'phường Hương An']),
      area(
        'Hương Thủy',
        '33',
        3,
        1,
        ['phường Hương Thủy', 'phường Phú Bài', 'xã Phú Vang'],
        ['Khu công nghiệp Phú Bài'],
      ),
    ],
  },
  {
    code: 'HPG',
    name: 'Hải Phòng',
    city: true,
    south: false,
    taxPrefix: '02',
    weight: 4.2,
    fdiFactor: 2,
    streets: ['Lạch Tray', 'Văn Cao', 'Lê Hồng Phong', 'Điện Biên Phủ', 'Nguyễn Lương Bằng', 'Thống Nhất'],
    areas: [
      area(
        'Hồng Bàng',
        '02',
        1,
        3,
        ['phường Hồng Bàng', 'phường Hồng An', 'phường Ngô Quyền', 'phường Gia Viên'],
        ['Khu công nghiệp Đình Vũ', 'Khu công nghiệp Nomura - Hải Phòng', 'Khu công nghiệp VSIP Hải Phòng'],
      ),
      area(
        'Lê Chân',
        '02',
        1,
        3,
        ['phường Lê Chân', 'phường An Biên', 'phường Hải An', 'phường Đông Hải'],
        ['Khu công nghiệp Tràng Duệ', 'Khu công nghiệp Đồ Sơn'],
      ),
      area(
        'Hải Dương',
        '08',
        2,
        2,
        ['phường Hải Dương', 'phường Lê Thanh Nghị', 'phường Thành Đông', 'phường Tân Hưng'],
        ['Khu công nghiệp Đại An', 'Khu công nghiệp Nam Sách', 'Khu công nghiệp Phúc Điền'],
      ),
      area(
        'Chí Linh',
        '08',
        2,
        1,
        ['phường Chu Văn An', 'phường Chí Linh', 'phường Kinh Môn', 'phường Nhị Chiểu'],
        ['Khu công nghiệp Cộng Hòa', 'Khu công nghiệp Phú Thái'],
      ),
    ],
  },
  {
    code: 'DNG',
    name: 'Đà Nẵng',
    city: true,
    south: false,
    taxPrefix: '04',
    weight: 3.3,
    fdiFactor: 1,
    streets: ['Bạch Đằng', 'Lê Duẩn', 'Nguyễn Văn Linh', 'Hùng Vương', 'Phan Châu Trinh', 'Nguyễn Tất Thành'],
    areas: [
      area('Hải Châu', '04', 2, 4, ['phường Hải Châu', 'phường Hòa Cường', 'phường Thanh Khê', 'phường Sơn Trà']),
      area(
        'Liên Chiểu',
        '04',
        2,
        2,
        ['phường Liên Chiểu', 'phường Hòa Khánh', 'phường Cẩm Lệ', 'phường Ngũ Hành Sơn'],
        ['Khu công nghiệp Hòa Khánh', 'Khu công nghiệp Liên Chiểu'],
      ),
      area(
        'Tam Kỳ',
        '40',
        3,
        1.5,
        ['phường Tam Kỳ', 'phường Bàn Thạch', 'phường Quảng Phú'],
        ['Khu công nghiệp Tam Thăng', 'Khu kinh tế mở Chu Lai'],
      ),
      area(
        'Hội An',
        '40',
        3,
        1.5,
        ['phường Hội An', 'phường Hội An Đông', 'phường Điện Bàn'],
        ['Khu công nghiệp Điện Nam - Điện Ngọc'],
      ),
    ],
  },
  {
    code: 'HCM',
    name: 'Hồ Chí Minh',
    city: true,
    south: true,
    taxPrefix: '03',
    weight: 31,
    fdiFactor: 1.5,
    streets: [
      'Nguyễn Huệ',
      'Đồng Khởi',
      'Cộng Hòa',
      'Hoàng Văn Thụ',
      'Võ Văn Ngân',
      'Điện Biên Phủ',
      'Nam Kỳ Khởi Nghĩa',
      'Cách Mạng Tháng Tám',
    ],
    areas: [
      area('Sài Gòn', '03', 1, 5, [
        'phường Sài Gòn',
        'phường Bến Thành',
        'phường Tân Định',
        'phường Cầu Ông Lãnh',
        'phường Xuân Hòa',
      ]),
      area(
        'Tân Bình',
        '03',
        1,
        5,
        ['phường Tân Bình', 'phường Tân Sơn Nhất', 'phường Bảy Hiền', 'phường Phú Nhuận', 'phường Tân Thuận'],
        ['Khu công nghiệp Tân Bình', 'Khu chế xuất Tân Thuận', 'Khu công nghiệp Tân Tạo'],
      ),
      area(
        'Thủ Đức',
        '03',
        1,
        4,
        ['phường Thủ Đức', 'phường Linh Xuân', 'phường Hiệp Bình', 'phường An Khánh', 'phường Tăng Nhơn Phú'],
        ['Khu chế xuất Linh Trung', 'Khu Công nghệ cao Thành phố Hồ Chí Minh'],
      ),
      area(
        'Thủ Dầu Một',
        '37',
        1,
        4,
        ['phường Thủ Dầu Một', 'phường Phú Lợi', 'phường Dĩ An', 'phường Thuận An', 'phường Bến Cát'],
        ['Khu công nghiệp VSIP', 'Khu công nghiệp Mỹ Phước', 'Khu công nghiệp Sóng Thần'],
      ),
      area(
        'Vũng Tàu',
        '35',
        1,
        1.5,
        ['phường Vũng Tàu', 'phường Tam Thắng', 'phường Rạch Dừa', 'phường Bà Rịa', 'phường Phú Mỹ'],
        ['Khu công nghiệp Phú Mỹ I', 'Khu công nghiệp Đông Xuyên'],
      ),
    ],
  },
  {
    code: 'CTO',
    name: 'Cần Thơ',
    city: true,
    south: true,
    taxPrefix: '18',
    weight: 1.6,
    fdiFactor: 0.5,
    streets: ['Hòa Bình', '3 Tháng 2', 'Mậu Thân', 'Nguyễn Văn Cừ', 'Trần Hưng Đạo', 'Hùng Vương'],
    areas: [
      area('Ninh Kiều', '18', 2, 3, ['phường Ninh Kiều', 'phường Cái Khế', 'phường Tân An', 'phường An Bình']),
      area(
        'Cái Răng',
        '18',
        2,
        1.5,
        ['phường Cái Răng', 'phường Bình Thủy', 'phường Ô Môn'],
        ['Khu công nghiệp Trà Nóc', 'Khu công nghiệp Hưng Phú'],
      ),
      area('Sóc Trăng', '22', 3, 1.5, ['phường Sóc Trăng', 'phường Phú Lợi', 'phường Mỹ Xuyên']),
      area('Vị Thanh', '63', 3, 1, ['phường Vị Thanh', 'phường Ngã Bảy', 'phường Long Mỹ']),
    ],
  },
  {
    code: 'TQG',
    name: 'Tuyên Quang',
    city: false,
    south: false,
    taxPrefix: '50',
    weight: 0.55,
    fdiFactor: 0.3,
    streets: ['17 Tháng 8', 'Quang Trung', 'Nguyễn Trãi', 'Trần Hưng Đạo', 'Lê Duẩn'],
    areas: [
      area(
        'Tuyên Quang',
        '50',
        3,
        2,
        ['phường Minh Xuân', 'phường Nông Tiến', 'phường An Tường', 'phường Mỹ Lâm'],
        ['Khu công nghiệp Long Bình An'],
      ),
      area('Hà Giang', '51', 3, 1, ['phường Hà Giang 1', 'phường Hà Giang 2', 'xã Vị Xuyên']),
    ],
  },
  {
    code: 'CBG',
    name: 'Cao Bằng',
    city: false,
    south: false,
    taxPrefix: '48',
    weight: 0.25,
    fdiFactor: 0.1,
    streets: ['Hoàng Đình Giong', 'Kim Đồng', 'Vườn Cam', 'Xuân Trường'],
    areas: [
      area('Cao Bằng', '48', 3, 3, ['phường Thục Phán', 'phường Nùng Trí Cao', 'phường Tân Giang']),
      area('Hòa An', '48', 4, 1, ['xã Hòa An', 'xã Nguyễn Huệ', 'xã Bạch Đằng']),
      area('Trùng Khánh', '48', 4, 1, ['xã Trùng Khánh', 'xã Đàm Thủy', 'xã Quảng Uyên']),
    ],
  },
  {
    code: 'LCU',
    name: 'Lai Châu',
    city: false,
    south: false,
    taxPrefix: '62',
    weight: 0.2,
    fdiFactor: 0.1,
    streets: ['Trần Hưng Đạo', 'Lê Duẩn', 'Võ Nguyên Giáp', 'Trường Chinh'],
    areas: [
      area('Lai Châu', '62', 3, 3, ['phường Tân Phong', 'phường Đoàn Kết']),
      area('Than Uyên', '62', 4, 1, ['xã Than Uyên', 'xã Tân Uyên', 'xã Mường Kim']),
      area('Phong Thổ', '62', 4, 1, ['xã Phong Thổ', 'xã Sìn Hồ', 'xã Dào San']),
    ],
  },
  {
    code: 'LCI',
    name: 'Lào Cai',
    city: false,
    south: false,
    taxPrefix: '53',
    weight: 0.75,
    fdiFactor: 0.3,
    streets: ['Hoàng Liên', 'Hoàng Quốc Việt', 'Nguyễn Huệ', 'Điện Biên', 'Đinh Tiên Hoàng', 'Trần Hưng Đạo'],
    areas: [
      area(
        'Lào Cai',
        '53',
        2,
        2,
        ['phường Lào Cai', 'phường Cam Đường', 'phường Sa Pa'],
        ['Khu công nghiệp Tằng Loỏng'],
      ),
      area(
        'Yên Bái',
        '52',
        3,
        2,
        ['phường Yên Bái', 'phường Nam Cường', 'phường Văn Phú', 'phường Nghĩa Lộ'],
        ['Khu công nghiệp Minh Quân'],
      ),
      area('Bảo Thắng', '53', 4, 1, ['xã Bảo Thắng', 'xã Gia Phú', 'xã Phong Hải']),
    ],
  },
  {
    code: 'TNN',
    name: 'Thái Nguyên',
    city: false,
    south: false,
    taxPrefix: '46',
    weight: 1,
    fdiFactor: 2.5,
    streets: ['Hoàng Văn Thụ', 'Lương Ngọc Quyến', 'Cách Mạng Tháng Tám', 'Quang Trung', 'Thống Nhất'],
    areas: [
      area('Thái Nguyên', '46', 2, 3, [
        'phường Phan Đình Phùng',
        'phường Gia Sàng',
        'phường Quyết Thắng',
        'phường Tích Lương',
      ]),
      area(
        'Phổ Yên',
        '46',
        2,
        2,
        ['phường Phổ Yên', 'phường Vạn Xuân', 'phường Trung Thành', 'phường Sông Công'],
        ['Khu công nghiệp Yên Bình', 'Khu công nghiệp Sông Công', 'Khu công nghiệp Điềm Thụy'],
      ),
      area('Bắc Kạn', '47', 3, 1, ['phường Bắc Kạn', 'phường Đức Xuân', 'xã Chợ Mới']),
    ],
  },
  {
    code: 'DBN',
    name: 'Điện Biên',
    city: false,
    south: false,
    taxPrefix: '56',
    weight: 0.25,
    fdiFactor: 0.1,
    streets: ['Võ Nguyên Giáp', 'Trần Đăng Ninh', 'Hoàng Văn Thái', '7 Tháng 5'],
    areas: [
      area('Điện Biên Phủ', '56', 3, 3, ['phường Điện Biên Phủ', 'phường Mường Thanh']),
      area('Mường Lay', '56', 4, 1, ['phường Mường Lay', 'xã Mường Chà', 'xã Na Sang']),
      area('Tuần Giáo', '56', 4, 1, ['xã Tuần Giáo', 'xã Mường Ảng', 'xã Quài Tở']),
    ],
  },
  {
    code: 'LSN',
    name: 'Lạng Sơn',
    city: false,
    south: false,
    taxPrefix: '49',
    weight: 0.4,
    fdiFactor: 0.3,
    streets: ['Bà Triệu', 'Trần Đăng Ninh', 'Phai Vệ', 'Lê Đại Hành', 'Hùng Vương'],
    areas: [
      area('Lạng Sơn', '49', 3, 3, ['phường Lương Văn Tri', 'phường Tam Thanh', 'phường Kỳ Lừa', 'phường Đông Kinh']),
      area('Đồng Đăng', '49', 3, 1, ['xã Đồng Đăng', 'xã Cao Lộc', 'xã Ba Sơn']),
      area('Hữu Lũng', '49', 4, 1, ['xã Hữu Lũng', 'xã Chi Lăng', 'xã Vân Nham']),
    ],
  },
  {
    code: 'SLA',
    name: 'Sơn La',
    city: false,
    south: false,
    taxPrefix: '55',
    weight: 0.45,
    fdiFactor: 0.1,
    streets: ['Tô Hiệu', 'Chu Văn Thịnh', 'Trường Chinh', 'Lò Văn Giá'],
    areas: [
      area('Sơn La', '55', 3, 3, ['phường Tô Hiệu', 'phường Chiềng An', 'phường Chiềng Cơi', 'phường Chiềng Sinh']),
      area('Mộc Châu', '55', 3, 1.5, ['phường Mộc Châu', 'phường Mộc Sơn', 'phường Thảo Nguyên']),
      area('Mai Sơn', '55', 4, 1, ['xã Mai Sơn', 'xã Yên Châu', 'xã Chiềng Mung']),
    ],
  },
  {
    code: 'PTO',
    name: 'Phú Thọ',
    city: false,
    south: false,
    taxPrefix: '26',
    weight: 2.4,
    fdiFactor: 2,
    streets: ['Hùng Vương', 'Nguyễn Tất Thành', 'Trần Phú', 'Mê Linh', 'Cù Chính Lan', 'Châu Phong'],
    areas: [
      area(
        'Việt Trì',
        '26',
        2,
        2,
        ['phường Việt Trì', 'phường Nông Trang', 'phường Thanh Miếu', 'phường Vân Phú'],
        ['Khu công nghiệp Thụy Vân'],
      ),
      area('Phú Thọ', '26', 3, 1, ['phường Phú Thọ', 'phường Phong Châu', 'xã Lâm Thao']),
      area(
        'Vĩnh Yên',
        '25',
        2,
        2.5,
        ['phường Vĩnh Yên', 'phường Vĩnh Phúc', 'phường Phúc Yên', 'phường Xuân Hòa'],
        ['Khu công nghiệp Khai Quang', 'Khu công nghiệp Bá Thiện', 'Khu công nghiệp Bình Xuyên'],
      ),
      area(
        'Hòa Bình',
        '54',
        3,
        1.5,
        ['phường Hòa Bình', 'phường Tân Hòa', 'phường Thống Nhất', 'phường Kỳ Sơn'],
        ['Khu công nghiệp Lương Sơn'],
      ),
    ],
  },
  {
    code: 'BNH',
    name: 'Bắc Ninh',
    city: false,
    south: false,
    taxPrefix: '23',
    weight: 3,
    fdiFactor: 4,
    streets: ['Lý Thái Tổ', 'Ngô Gia Tự', 'Nguyễn Gia Thiều', 'Lý Anh Tông', 'Xương Giang', 'Hoàng Văn Thụ'],
    areas: [
      area(
        'Bắc Ninh',
        '23',
        2,
        2,
        ['phường Kinh Bắc', 'phường Võ Cường', 'phường Vũ Ninh', 'phường Đại Phúc'],
        ['Khu công nghiệp Quế Võ'],
      ),
      area(
        'Từ Sơn',
        '23',
        2,
        1.5,
        ['phường Từ Sơn', 'phường Đồng Nguyên', 'phường Tam Sơn', 'phường Phù Khê'],
        ['Khu công nghiệp VSIP Bắc Ninh', 'Khu công nghiệp Tiên Sơn'],
      ),
      area('Yên Phong', '23', 2, 1, ['xã Yên Phong', 'xã Yên Trung', 'phường Quế Võ'], ['Khu công nghiệp Yên Phong']),
      area(
        'Bắc Giang',
        '24',
        2,
        2,
        ['phường Bắc Giang', 'phường Đa Mai', 'phường Việt Yên', 'phường Nếnh'],
        ['Khu công nghiệp Quang Châu', 'Khu công nghiệp Đình Trám', 'Khu công nghiệp Vân Trung'],
      ),
    ],
  },
  {
    code: 'QNH',
    name: 'Quảng Ninh',
    city: false,
    south: false,
    taxPrefix: '57',
    weight: 1.5,
    fdiFactor: 1.2,
    streets: ['Trần Hưng Đạo', 'Lê Thánh Tông', 'Nguyễn Văn Cừ', 'Hạ Long', 'Trần Phú'],
    areas: [
      area(
        'Hạ Long',
        '57',
        1,
        3,
        ['phường Hạ Long', 'phường Bãi Cháy', 'phường Hồng Gai', 'phường Tuần Châu'],
        ['Khu công nghiệp Cái Lân'],
      ),
      area('Cẩm Phả', '57', 2, 1.5, ['phường Cẩm Phả', 'phường Cửa Ông', 'phường Quang Hanh']),
      area(
        'Móng Cái',
        '57',
        2,
        1,
        ['phường Móng Cái 1', 'phường Móng Cái 2', 'phường Móng Cái 3'],
        ['Khu công nghiệp Hải Yên'],
      ),
      area(
        'Uông Bí',
        '57',
        2,
        1.5,
        ['phường Uông Bí', 'phường Vàng Danh', 'phường Đông Triều', 'phường Quảng Yên'],
        ['Khu công nghiệp Đông Mai'],
      ),
    ],
  },
  {
    code: 'HYN',
    name: 'Hưng Yên',
    city: false,
    south: false,
    taxPrefix: '09',
    weight: 1.7,
    fdiFactor: 2,
    streets: ['Nguyễn Văn Linh', 'Điện Biên', 'Chùa Chuông', 'Lý Bôn', 'Trần Thái Tông'],
    areas: [
      area('Phố Hiến', '09', 2, 1, ['phường Phố Hiến', 'phường Sơn Nam', 'phường Hồng Châu']),
      area(
        'Mỹ Hào',
        '09',
        2,
        1.5,
        ['phường Mỹ Hào', 'phường Đường Hào', 'phường Thượng Hồng', 'xã Như Quỳnh'],
        ['Khu công nghiệp Phố Nối A', 'Khu công nghiệp Thăng Long II'],
      ),
      area(
        'Thái Bình',
        '10',
        2,
        1.5,
        ['phường Thái Bình', 'phường Trần Lãm', 'phường Trần Hưng Đạo', 'phường Vũ Phúc'],
        ['Khu công nghiệp Tiền Hải', 'Khu công nghiệp Phúc Khánh'],
      ),
    ],
  },
  {
    code: 'NBH',
    name: 'Ninh Bình',
    city: false,
    south: false,
    taxPrefix: '27',
    weight: 2,
    fdiFactor: 1.2,
    streets: ['Trần Hưng Đạo', 'Lê Hồng Phong', 'Đinh Tiên Hoàng', 'Lê Thái Tổ', 'Biên Hòa'],
    areas: [
      area(
        'Hoa Lư',
        '27',
        2,
        1.5,
        ['phường Hoa Lư', 'phường Tây Hoa Lư', 'phường Nam Hoa Lư', 'phường Tam Điệp'],
        ['Khu công nghiệp Khánh Phú', 'Khu công nghiệp Gián Khẩu'],
      ),
      area('Phủ Lý', '07', 2, 1, ['phường Phủ Lý', 'phường Châu Sơn', 'phường Duy Tiên'], ['Khu công nghiệp Đồng Văn']),
      area(
        'Nam Định',
        '06',
        2,
        2,
        ['phường Nam Định', 'phường Thiên Trường', 'phường Trường Thi', 'phường Đông A'],
        ['Khu công nghiệp Hòa Xá', 'Khu công nghiệp Bảo Minh'],
      ),
    ],
  },
  {
    code: 'THA',
    name: 'Thanh Hóa',
    city: false,
    south: false,
    taxPrefix: '28',
    weight: 1.9,
    fdiFactor: 0.8,
    streets: ['Lê Lợi', 'Trần Phú', 'Bà Triệu', 'Quang Trung', 'Nguyễn Trãi', 'Hạc Thành'],
    areas: [
      area(
        'Hạc Thành',
        '28',
        2,
        3,
        ['phường Hạc Thành', 'phường Đông Tiến', 'phường Quảng Phú', 'phường Hàm Rồng'],
        ['Khu công nghiệp Lễ Môn'],
      ),
      area('Sầm Sơn', '28', 3, 1, ['phường Sầm Sơn', 'phường Nam Sầm Sơn']),
      area('Nghi Sơn', '28', 3, 1, ['phường Nghi Sơn', 'phường Tĩnh Gia', 'phường Hải Lĩnh'], ['Khu kinh tế Nghi Sơn']),
      area('Bỉm Sơn', '28', 3, 1, ['phường Bỉm Sơn', 'phường Quang Trung'], ['Khu công nghiệp Bỉm Sơn']),
    ],
  },
  {
    code: 'NAN',
    name: 'Nghệ An',
    city: false,
    south: false,
    taxPrefix: '29',
    weight: 1.8,
    fdiFactor: 0.6,
    streets: ['Lê Lợi', 'Quang Trung', 'Nguyễn Du', 'Lê Mao', 'Trường Thi', 'Lê Hồng Phong'],
    areas: [
      area(
        'Vinh',
        '29',
        2,
        3,
        ['phường Thành Vinh', 'phường Trường Vinh', 'phường Vinh Hưng', 'phường Vinh Phú', 'phường Vinh Lộc'],
        ['Khu công nghiệp Bắc Vinh', 'Khu công nghiệp VSIP Nghệ An'],
      ),
      area('Cửa Lò', '29', 3, 1, ['phường Cửa Lò', 'xã Nghi Lộc']),
      area(
        'Hoàng Mai',
        '29',
        3,
        1,
        ['phường Hoàng Mai', 'phường Tân Mai', 'phường Quỳnh Mai'],
        ['Khu công nghiệp Hoàng Mai'],
      ),
      area('Thái Hòa', '29', 3, 1, ['phường Thái Hòa', 'phường Tây Hiếu']),
    ],
  },
  {
    code: 'HTH',
    name: 'Hà Tĩnh',
    city: false,
    south: false,
    taxPrefix: '30',
    weight: 0.7,
    fdiFactor: 1,
    streets: ['Phan Đình Phùng', 'Trần Phú', 'Hà Huy Tập', 'Nguyễn Du'],
    areas: [
      area('Thành Sen', '30', 3, 2, ['phường Thành Sen', 'phường Trần Phú', 'phường Hà Huy Tập']),
      area('Kỳ Anh', '30', 3, 1, ['phường Kỳ Anh', 'phường Sông Trí', 'phường Hoành Sơn'], ['Khu kinh tế Vũng Áng']),
      area('Hồng Lĩnh', '30', 3, 1, ['phường Bắc Hồng Lĩnh', 'phường Nam Hồng Lĩnh']),
    ],
  },
  {
    code: 'QTI',
    name: 'Quảng Trị',
    city: false,
    south: false,
    taxPrefix: '32',
    weight: 0.8,
    fdiFactor: 0.3,
    streets: ['Hùng Vương', 'Lê Duẩn', 'Quang Trung', 'Trần Hưng Đạo', 'Lý Thường Kiệt'],
    areas: [
      area('Đông Hà', '32', 3, 1.5, ['phường Đông Hà', 'phường Nam Đông Hà'], ['Khu công nghiệp Nam Đông Hà']),
      area('Quảng Trị', '32', 3, 0.5, ['phường Quảng Trị', 'xã Hải Lăng']),
      area(
        'Đồng Hới',
        '31',
        3,
        1.5,
        ['phường Đồng Hới', 'phường Đồng Thuận', 'phường Đồng Sơn'],
        ['Khu công nghiệp Tây Bắc Đồng Hới'],
      ),
      area('Ba Đồn', '31', 4, 0.5, ['phường Ba Đồn', 'phường Bắc Gianh']),
    ],
  },
  {
    code: 'QNI',
    name: 'Quảng Ngãi',
    city: false,
    south: false,
    taxPrefix: '43',
    weight: 0.9,
    fdiFactor: 0.5,
    streets: ['Quang Trung', 'Phan Đình Phùng', 'Hùng Vương', 'Trần Hưng Đạo', 'Lê Lợi'],
    areas: [
      area(
        'Cẩm Thành',
        '43',
        3,
        2,
        ['phường Cẩm Thành', 'phường Nghĩa Lộ', 'phường Trương Quang Trọng'],
        ['Khu kinh tế Dung Quất', 'Khu công nghiệp VSIP Quảng Ngãi'],
      ),
      area('Đức Phổ', '43', 4, 0.5, ['phường Đức Phổ', 'phường Sa Huỳnh']),
      area('Kon Tum', '61', 3, 1, ['phường Kon Tum', 'phường Đăk Cấm', 'phường Đăk Bla']),
    ],
  },
  {
    code: 'GLI',
    name: 'Gia Lai',
    city: false,
    south: false,
    taxPrefix: '59',
    weight: 1.5,
    fdiFactor: 0.3,
    streets: ['Hùng Vương', 'Trần Hưng Đạo', 'Lê Duẩn', 'Xuân Diệu', 'Nguyễn Tất Thành'],
    areas: [
      area(
        'Pleiku',
        '59',
        3,
        2,
        ['phường Pleiku', 'phường Hội Phú', 'phường Thống Nhất', 'phường Diên Hồng'],
        ['Khu công nghiệp Trà Đa'],
      ),
      area('An Khê', '59', 4, 0.5, ['phường An Khê', 'phường An Bình']),
      area(
        'Quy Nhơn',
        '41',
        2,
        2,
        ['phường Quy Nhơn', 'phường Quy Nhơn Đông', 'phường Quy Nhơn Nam', 'phường Quy Nhơn Bắc'],
        ['Khu công nghiệp Phú Tài', 'Khu công nghiệp Long Mỹ'],
      ),
      area('An Nhơn', '41', 3, 1, ['phường An Nhơn', 'phường Bình Định', 'phường Hoài Nhơn']),
    ],
  },
  {
    code: 'KHA',
    name: 'Khánh Hòa',
    city: false,
    south: false,
    taxPrefix: '42',
    weight: 1.4,
    fdiFactor: 0.6,
    streets: ['Trần Phú', 'Thống Nhất', 'Lê Thánh Tôn', '23 Tháng 10', '16 Tháng 4'],
    areas: [
      area(
        'Nha Trang',
        '42',
        2,
        3,
        ['phường Nha Trang', 'phường Bắc Nha Trang', 'phường Tây Nha Trang', 'phường Nam Nha Trang'],
        ['Khu công nghiệp Suối Dầu'],
      ),
      area(
        'Cam Ranh',
        '42',
        2,
        1,
        ['phường Cam Ranh', 'phường Ba Ngòi', 'phường Cam Linh'],
        ['Khu công nghiệp Bắc Cam Ranh'],
      ),
      area(
        'Phan Rang',
        '45',
        3,
        1,
        ['phường Phan Rang', 'phường Đô Vinh', 'phường Bảo An', 'phường Đông Hải'],
        ['Khu công nghiệp Thành Hải'],
      ),
    ],
  },
  {
    code: 'LDG',
    name: 'Lâm Đồng',
    city: false,
    south: true,
    taxPrefix: '58',
    weight: 1.5,
    fdiFactor: 0.4,
    streets: ['Trần Phú', 'Phan Đình Phùng', '3 Tháng 2', 'Nguyễn Văn Trỗi', 'Trần Hưng Đạo'],
    areas: [
      area('Đà Lạt', '58', 2, 2, [
        'phường Xuân Hương - Đà Lạt',
        'phường Cam Ly - Đà Lạt',
        'phường Lâm Viên - Đà Lạt',
        'phường Lang Biang - Đà Lạt',
      ]),
      area(
        'Bảo Lộc',
        '58',
        3,
        1,
        ['phường 1 Bảo Lộc', 'phường 2 Bảo Lộc', "phường B'Lao"],
        ['Khu công nghiệp Lộc Sơn'],
      ),
      area('Gia Nghĩa', '64', 3, 0.8, ['phường Bắc Gia Nghĩa', 'phường Nam Gia Nghĩa', 'phường Đông Gia Nghĩa']),
      area(
        'Phan Thiết',
        '34',
        2,
        1.5,
        ['phường Phan Thiết', 'phường Mũi Né', 'phường Phú Thủy', 'phường Hàm Thắng'],
        ['Khu công nghiệp Phan Thiết'],
      ),
    ],
  },
  {
    code: 'DLK',
    name: 'Đắk Lắk',
    city: false,
    south: false,
    taxPrefix: '60',
    weight: 1.2,
    fdiFactor: 0.2,
    streets: ['Lê Duẩn', 'Phan Bội Châu', 'Nguyễn Tất Thành', 'Hùng Vương', 'Trần Hưng Đạo'],
    areas: [
      area(
        'Buôn Ma Thuột',
        '60',
        2,
        3,
        ['phường Buôn Ma Thuột', 'phường Tân An', 'phường Tân Lập', 'phường Thành Nhất', 'phường Ea Kao'],
        ['Khu công nghiệp Hòa Phú'],
      ),
      area('Buôn Hồ', '60', 3, 0.5, ['phường Buôn Hồ', 'phường Cư Bao']),
      area(
        'Tuy Hòa',
        '44',
        3,
        1.5,
        ['phường Tuy Hòa', 'phường Phú Yên', 'phường Bình Kiến'],
        ['Khu công nghiệp An Phú'],
      ),
    ],
  },
  {
    code: 'DNI',
    name: 'Đồng Nai',
    city: false,
    south: true,
    taxPrefix: '36',
    weight: 3.2,
    fdiFactor: 3,
    streets: ['Phạm Văn Thuận', 'Đồng Khởi', 'Võ Thị Sáu', 'Hùng Vương', 'Phú Riềng Đỏ', 'Nguyễn Ái Quốc'],
    areas: [
      area(
        'Biên Hòa',
        '36',
        1,
        4,
        ['phường Biên Hòa', 'phường Trấn Biên', 'phường Tam Hiệp', 'phường Long Bình', 'phường Long Hưng'],
        ['Khu công nghiệp Biên Hòa II', 'Khu công nghiệp Amata', 'Khu công nghiệp Loteco'],
      ),
      area(
        'Long Thành',
        '36',
        1,
        2,
        ['xã Long Thành', 'xã An Phước', 'xã Nhơn Trạch', 'xã Đại Phước'],
        ['Khu công nghiệp Nhơn Trạch III', 'Khu công nghiệp Long Thành', 'Khu công nghiệp Lộc An - Bình Sơn'],
      ),
      area(
        'Long Khánh',
        '36',
        2,
        1,
        ['phường Long Khánh', 'phường Bình Lộc', 'phường Bảo Vinh'],
        ['Khu công nghiệp Long Khánh'],
      ),
      area(
        'Đồng Xoài',
        '38',
        2,
        1.5,
        ['phường Đồng Xoài', 'phường Bình Phước', 'phường Chơn Thành', 'phường Minh Hưng'],
        ['Khu công nghiệp Minh Hưng - Hàn Quốc', 'Khu công nghiệp Đồng Xoài I'],
      ),
    ],
  },
  {
    code: 'TNH',
    name: 'Tây Ninh',
    city: false,
    south: true,
    taxPrefix: '39',
    weight: 2,
    fdiFactor: 2.5,
    streets: ['Cách Mạng Tháng Tám', '30 Tháng 4', 'Hùng Vương', 'Trưng Nữ Vương', 'Nguyễn Đình Chiểu'],
    areas: [
      area('Tân Ninh', '39', 3, 1, ['phường Tân Ninh', 'phường Bình Minh', 'phường Ninh Thạnh', 'phường Long Hoa']),
      area(
        'Trảng Bàng',
        '39',
        2,
        1,
        ['phường Trảng Bàng', 'phường An Tịnh', 'phường Gò Dầu'],
        ['Khu công nghiệp Phước Đông', 'Khu công nghiệp Trảng Bàng'],
      ),
      area('Tân An', '11', 2, 1, ['phường Long An', 'phường Tân An', 'phường Khánh Hậu']),
      area(
        'Đức Hòa',
        '11',
        2,
        1.5,
        ['xã Đức Hòa', 'xã Hậu Nghĩa', 'xã Bến Lức', 'xã Cần Giuộc'],
        ['Khu công nghiệp Đức Hòa I', 'Khu công nghiệp Long Hậu', 'Khu công nghiệp Xuyên Á'],
      ),
    ],
  },
  {
    code: 'VLG',
    name: 'Vĩnh Long',
    city: false,
    south: true,
    taxPrefix: '15',
    weight: 1.1,
    fdiFactor: 0.4,
    streets: ['Phạm Thái Bường', '2 Tháng 9', 'Đồng Khởi', 'Nguyễn Đình Chiểu', 'Điện Biên Phủ'],
    areas: [
      area(
        'Long Châu',
        '15',
        3,
        1,
        ['phường Long Châu', 'phường Thanh Đức', 'phường Phước Hậu', 'phường Tân Ngãi'],
        ['Khu công nghiệp Hòa Phú'],
      ),
      area(
        'Bến Tre',
        '13',
        3,
        1,
        ['phường Bến Tre', 'phường An Hội', 'phường Phú Khương', 'phường Sơn Đông'],
        ['Khu công nghiệp Giao Long'],
      ),
      area(
        'Trà Vinh',
        '21',
        3,
        1,
        ['phường Trà Vinh', 'phường Long Đức', 'phường Nguyệt Hóa', 'phường Hòa Thuận'],
        ['Khu công nghiệp Long Đức'],
      ),
    ],
  },
  {
    code: 'DTP',
    name: 'Đồng Tháp',
    city: false,
    south: true,
    taxPrefix: '14',
    weight: 1.3,
    fdiFactor: 0.5,
    streets: ['Nguyễn Huệ', 'Lý Thường Kiệt', 'Ấp Bắc', 'Hùng Vương', '30 Tháng 4'],
    areas: [
      area(
        'Cao Lãnh',
        '14',
        3,
        1,
        ['phường Cao Lãnh', 'phường Mỹ Trà', 'phường Mỹ Ngãi'],
        ['Khu công nghiệp Trần Quốc Toản'],
      ),
      area('Sa Đéc', '14', 3, 0.6, ['phường Sa Đéc', 'xã Lai Vung'], ['Khu công nghiệp Sa Đéc']),
      area(
        'Mỹ Tho',
        '12',
        2,
        1.5,
        ['phường Mỹ Tho', 'phường Đạo Thạnh', 'phường Mỹ Phong', 'phường Thới Sơn'],
        ['Khu công nghiệp Mỹ Tho', 'Khu công nghiệp Long Giang'],
      ),
      area('Gò Công', '12', 3, 0.5, ['phường Gò Công', 'phường Long Thuận']),
    ],
  },
  {
    code: 'CMU',
    name: 'Cà Mau',
    city: false,
    south: true,
    taxPrefix: '20',
    weight: 0.6,
    fdiFactor: 0.2,
    streets: ['Trần Hưng Đạo', 'Lý Thường Kiệt', 'Phan Ngọc Hiển', 'Ngô Quyền', 'Hòa Bình'],
    areas: [
      area(
        'Tân Thành',
        '20',
        3,
        1.5,
        ['phường Tân Thành', 'phường An Xuyên', 'phường Lý Văn Lâm', 'phường Hòa Thành'],
        ['Khu công nghiệp Khánh An'],
      ),
      area(
        'Bạc Liêu',
        '19',
        3,
        1,
        ['phường Bạc Liêu', 'phường Vĩnh Trạch', 'phường Hiệp Thành', 'phường Giá Rai'],
        ['Khu công nghiệp Trà Kha'],
      ),
    ],
  },
  {
    code: 'AGG',
    name: 'An Giang',
    city: false,
    south: true,
    taxPrefix: '16',
    weight: 1.5,
    fdiFactor: 0.3,
    streets: ['Trần Hưng Đạo', 'Hà Hoàng Hổ', 'Nguyễn Trung Trực', 'Tôn Đức Thắng', '30 Tháng 4'],
    areas: [
      area(
        'Long Xuyên',
        '16',
        2,
        1.5,
        ['phường Long Xuyên', 'phường Bình Đức', 'phường Mỹ Thới'],
        ['Khu công nghiệp Bình Hòa'],
      ),
      area('Châu Đốc', '16', 3, 0.8, ['phường Châu Đốc', 'phường Vĩnh Tế', 'phường Tân Châu']),
      area(
        'Rạch Giá',
        '17',
        2,
        1.2,
        ['phường Rạch Giá', 'phường Vĩnh Thông', 'phường Hà Tiên'],
        ['Khu công nghiệp Thạnh Lộc'],
      ),
      area('Phú Quốc', '17', 1, 0.5, ['đặc khu Phú Quốc']),
    ],
  },
];

/** "Bảo hiểm xã hội thành phố Hà Nội", "Bảo hiểm xã hội tỉnh Bắc Ninh", "Bảo hiểm xã hội Thành phố Hồ Chí Minh". */
export function provinceOfficeName(p: ProvinceInfo): string {
  return `Bảo hiểm xã hội ${provinceLabel(p)}`;
}

/** The province as written in addresses and office names: "thành phố Hà Nội", "tỉnh Cà Mau". */
export function provinceLabel(p: ProvinceInfo): string {
  // The one city whose name, by convention, keeps "Thành phố" capitalised as part of the proper name.
  if (p.code === 'HCM') return 'Thành phố Hồ Chí Minh';
  return `${p.city ? 'thành phố' : 'tỉnh'} ${p.name}`;
}

/** Code of the `i`-th (from 0) grassroots office of a province: HNI-01, HNI-02, … */
export function grassrootsCode(provinceCode: string, i: number): string {
  return `${provinceCode}-${String(i + 1).padStart(2, '0')}`;
}

/** Every office of the demo, parents before children. */
export function demoOffices(): DemoOffice[] {
  const offices: DemoOffice[] = [
    { code: 'VN', name: 'Bảo hiểm xã hội Việt Nam', kind: 'national', parentCode: null },
    { code: 'VN-BT', name: 'Ban Quản lý Thu - Sổ, Thẻ', kind: 'department', parentCode: 'VN' },
    { code: 'VN-TT', name: 'Vụ Thanh tra - Kiểm tra', kind: 'department', parentCode: 'VN' },
    { code: 'VN-TTT', name: 'Trung tâm Truyền thông', kind: 'department', parentCode: 'VN' },
  ];
  for (const p of PROVINCES) {
    offices.push({ code: p.code, name: provinceOfficeName(p), kind: 'province', parentCode: 'VN' });
    p.areas.forEach((a, i) =>
      offices.push({
        code: grassrootsCode(p.code, i),
        name: `Bảo hiểm xã hội cơ sở ${a.name}`,
        kind: 'grassroots',
        parentCode: p.code,
      }),
    );
  }
  return offices;
}
