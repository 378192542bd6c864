/**
 * The office hierarchy of the demo: BHXH Việt Nam, three national departments, and the 34 provincial-level units in
 * force since 1 Jul 2025 with a few grassroots offices each, named after the former provinces merged into them or
 * their main towns. Data, not logic: nothing counts provinces.
 */

export interface DemoOffice {
  code: string;
  name: string;
  kind: 'national' | 'department' | 'province' | 'grassroots';
  parentCode: string | null;
}

export interface ProvinceInfo {
  code: string;
  /** Name without the office prefix: "Hà Nội", "Thành phố Hồ Chí Minh" is "Hồ Chí Minh". */
  name: string;
  city: boolean;
  /** First two digits of enterprise tax codes registered there (of its main constituent). */
  taxPrefix: string;
  /** Relative number of employers, roughly by economic weight. */
  weight: number;
  /** Grassroots offices: the areas they serve. */
  areas: string[];
}

export const PROVINCES: readonly ProvinceInfo[] = [
  { code: 'HNI', name: 'Hà Nội', city: true, taxPrefix: '01', weight: 20, areas: ['Ba Đình', 'Đống Đa', 'Cầu Giấy', 'Hà Đông', 'Đông Anh'] },
  { code: 'HUE', name: 'Huế', city: true, taxPrefix: '33', weight: 1, areas: ['Thuận Hóa', 'Hương Thủy', 'Phú Vang'] },
  { code: 'HPG', name: 'Hải Phòng', city: true, taxPrefix: '02', weight: 5, areas: ['Hồng Bàng', 'Lê Chân', 'Hải Dương', 'Kinh Môn'] },
  { code: 'DNG', name: 'Đà Nẵng', city: true, taxPrefix: '04', weight: 3, areas: ['Hải Châu', 'Liên Chiểu', 'Tam Kỳ', 'Hội An'] },
  { code: 'HCM', name: 'Hồ Chí Minh', city: true, taxPrefix: '03', weight: 25, areas: ['Sài Gòn', 'Tân Bình', 'Thủ Đức', 'Thủ Dầu Một', 'Vũng Tàu'] },
  { code: 'CTO', name: 'Cần Thơ', city: true, taxPrefix: '18', weight: 1.5, areas: ['Ninh Kiều', 'Sóc Trăng', 'Vị Thanh'] },
  { code: 'TQG', name: 'Tuyên Quang', city: false, taxPrefix: '50', weight: 0.5, areas: ['Tuyên Quang', 'Hà Giang'] },
  { code: 'CBG', name: 'Cao Bằng', city: false, taxPrefix: '48', weight: 0.3, areas: ['Cao Bằng', 'Hòa An'] },
  { code: 'LCU', name: 'Lai Châu', city: false, taxPrefix: '62', weight: 0.3, areas: ['Lai Châu', 'Tân Uyên'] },
  { code: 'LCI', name: 'Lào Cai', city: false, taxPrefix: '53', weight: 0.7, areas: ['Lào Cai', 'Yên Bái'] },
  { code: 'TNN', name: 'Thái Nguyên', city: false, taxPrefix: '46', weight: 1.5, areas: ['Thái Nguyên', 'Phổ Yên', 'Bắc Kạn'] },
  { code: 'DBN', name: 'Điện Biên', city: false, taxPrefix: '56', weight: 0.3, areas: ['Điện Biên Phủ', 'Mường Lay'] },
  { code: 'LSN', name: 'Lạng Sơn', city: false, taxPrefix: '49', weight: 0.4, areas: ['Lạng Sơn', 'Đồng Đăng'] },
  { code: 'SLA', name: 'Sơn La', city: false, taxPrefix: '55', weight: 0.4, areas: ['Sơn La', 'Mộc Châu'] },
  { code: 'PTO', name: 'Phú Thọ', city: false, taxPrefix: '26', weight: 2.5, areas: ['Việt Trì', 'Vĩnh Yên', 'Hòa Bình'] },
  { code: 'BNH', name: 'Bắc Ninh', city: false, taxPrefix: '23', weight: 5, areas: ['Bắc Ninh', 'Từ Sơn', 'Bắc Giang'] },
  { code: 'QNH', name: 'Quảng Ninh', city: false, taxPrefix: '57', weight: 2, areas: ['Hạ Long', 'Cẩm Phả', 'Móng Cái'] },
  { code: 'HYN', name: 'Hưng Yên', city: false, taxPrefix: '09', weight: 2, areas: ['Phố Hiến', 'Thái Bình'] },
  { code: 'NBH', name: 'Ninh Bình', city: false, taxPrefix: '27', weight: 2, areas: ['Hoa Lư', 'Phủ Lý', 'Nam Định'] },
  { code: 'THA', name: 'Thanh Hóa', city: false, taxPrefix: '28', weight: 2, areas: ['Hạc Thành', 'Sầm Sơn', 'Nghi Sơn'] },
  { code: 'NAN', name: 'Nghệ An', city: false, taxPrefix: '29', weight: 1.8, areas: ['Vinh', 'Hoàng Mai', 'Thái Hòa'] },
  { code: 'HTH', name: 'Hà Tĩnh', city: false, taxPrefix: '30', weight: 0.8, areas: ['Thành Sen', 'Kỳ Anh'] },
  { code: 'QTI', name: 'Quảng Trị', city: false, taxPrefix: '32', weight: 0.9, areas: ['Đông Hà', 'Đồng Hới'] },
  { code: 'QNI', name: 'Quảng Ngãi', city: false, taxPrefix: '43', weight: 1, areas: ['Cẩm Thành', 'Kon Tum'] },
  { code: 'GLI', name: 'Gia Lai', city: false, taxPrefix: '59', weight: 1.4, areas: ['Pleiku', 'Quy Nhơn'] },
  { code: 'KHA', name: 'Khánh Hòa', city: false, taxPrefix: '42', weight: 1.5, areas: ['Nha Trang', 'Cam Ranh', 'Phan Rang'] },
  { code: 'LDG', name: 'Lâm Đồng', city: false, taxPrefix: '58', weight: 1.4, areas: ['Đà Lạt', 'Gia Nghĩa', 'Phan Thiết'] },
  { code: 'DLK', name: 'Đắk Lắk', city: false, taxPrefix: '60', weight: 1.2, areas: ['Buôn Ma Thuột', 'Tuy Hòa'] },
  { code: 'DNI', name: 'Đồng Nai', city: false, taxPrefix: '36', weight: 5, areas: ['Biên Hòa', 'Long Khánh', 'Đồng Xoài'] },
  { code: 'TNH', name: 'Tây Ninh', city: false, taxPrefix: '39', weight: 2.2, areas: ['Tân Ninh', 'Tân An'] },
  { code: 'VLG', name: 'Vĩnh Long', city: false, taxPrefix: '15', weight: 1.3, areas: ['Long Châu', 'Bến Tre', 'Trà Vinh'] },
  { code: 'DTP', name: 'Đồng Tháp', city: false, taxPrefix: '14', weight: 1.2, areas: ['Cao Lãnh', 'Mỹ Tho'] },
  { code: 'CMU', name: 'Cà Mau', city: false, taxPrefix: '20', weight: 0.8, areas: ['Tân Thành', 'Bạc Liêu'] },
  { code: 'AGG', name: 'An Giang', city: false, taxPrefix: '16', weight: 1.4, areas: ['Long Xuyên', 'Rạch Giá', 'Phú Quốc'] },
];

export function provinceOfficeName(p: ProvinceInfo): string {
  if (p.code === 'HCM') return 'Bảo hiểm xã hội Thành phố Hồ Chí Minh';
  return `Bảo hiểm xã hội ${p.city ? 'thành phố' : 'tỉnh'} ${p.name}`;
}

export const grassrootsCode = (province: string, i: number) => `${province}-${String(i + 1).padStart(2, '0')}`;

/** Parents before children. */
export function demoOffices(): DemoOffice[] {
  const offices: DemoOffice[] = [
    { code: 'VN', name: 'Bảo hiểm xã hội Việt Nam', kind: 'national', parentCode: null },
    { code: 'VN-BT', name: 'Ban Quản lý Thu - Sổ, Thẻ', kind: 'department', parentCode: 'VN' },
    { code: 'VN-TT', name: 'Vụ Thanh tra - Kiểm tra', kind: 'department', parentCode: 'VN' },
    { code: 'VN-TTT', name: 'Trung tâm Truyền thông', kind: 'department', parentCode: 'VN' },
  ];
  for (const p of PROVINCES) {
    offices.push({ code: p.code, name: provinceOfficeName(p), kind: 'province', parentCode: 'VN' });
    p.areas.forEach((area, i) =>
      offices.push({
        code: grassrootsCode(p.code, i),
        name: `Bảo hiểm xã hội cơ sở ${area}`,
        kind: 'grassroots',
        parentCode: p.code,
      }),
    );
  }
  return offices;
}
