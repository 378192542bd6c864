import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import type { RoleCode } from '../../src/domain/organisation.js';
import { hashPassword } from '../../src/features/auth/password.js';
import { employerColumns, type EmployerFields } from '../../src/features/employers/service.js';
import { insertOffice } from '../../src/features/offices/queries.js';
import { insertUser } from '../../src/features/users/queries.js';

export const PASSWORD = 'mat-khau-thu-nghiem';

/**
 * A small country: the national office with three departments, Hà Nội (two grassroots offices) and
 * Hồ Chí Minh (one), a user of every role, and employers on both sides whose names share words, so that
 * a search or a scope leak would show.
 */
export async function seedWorld(db: Kysely<Database>) {
  const vn = await insertOffice(db, { code: 'VN', name: 'Bảo hiểm xã hội Việt Nam', kind: 'national', parentId: null });
  const office = async (code: string, name: string, kind: 'department' | 'province' | 'grassroots', parentId: number) =>
    (await insertOffice(db, { code, name, kind, parentId })).id;
  const offices = {
    vn: vn.id,
    collection: await office('VN-BT', 'Ban Quản lý Thu - Sổ, Thẻ', 'department', vn.id),
    inspection: await office('VN-TT', 'Vụ Thanh tra - Kiểm tra', 'department', vn.id),
    communication: await office('VN-TTT', 'Trung tâm Truyền thông', 'department', vn.id),
    hni: 0,
    hni01: 0,
    hni02: 0,
    hcm: 0,
    hcm01: 0,
  };
  offices.hni = await office('HNI', 'Bảo hiểm xã hội thành phố Hà Nội', 'province', vn.id);
  offices.hni01 = await office('HNI-01', 'Bảo hiểm xã hội cơ sở Ba Đình', 'grassroots', offices.hni);
  offices.hni02 = await office('HNI-02', 'Bảo hiểm xã hội cơ sở Đông Anh', 'grassroots', offices.hni);
  offices.hcm = await office('HCM', 'Bảo hiểm xã hội Thành phố Hồ Chí Minh', 'province', vn.id);
  offices.hcm01 = await office('HCM-01', 'Bảo hiểm xã hội cơ sở Quận 1', 'grassroots', offices.hcm);

  const passwordHash = await hashPassword(PASSWORD);
  const user = (username: string, fullName: string, role: RoleCode, officeId: number) =>
    insertUser(db, { username, fullName, passwordHash, role, officeId });
  const users = {
    admin: await user('admin', 'Nguyễn Văn Quản', 'national_admin', offices.vn),
    board: await user('banthu', 'Trần Thị Thu', 'collection_board', offices.collection),
    inspector: await user('thanhtra', 'Lê Văn Tra', 'inspection', offices.inspection),
    communicator: await user('truyenthong', 'Phạm Thị Thông', 'communication', offices.communication),
    hniDirector: await user('gd.hni', 'Đỗ Văn Giám', 'province_director', offices.hni),
    hniOfficer: await user('cb.hni', 'Hoàng Thị Cán', 'province_officer', offices.hni),
    hni01Officer: await user('cb.hni01', 'Vũ Văn Sở', 'grassroots_officer', offices.hni01),
    hcmDirector: await user('gd.hcm', 'Bùi Văn Đốc', 'province_director', offices.hcm),
    hcmOfficer: await user('cb.hcm', 'Đặng Thị Bộ', 'province_officer', offices.hcm),
  };

  const employer = async (fields: EmployerFields, provinceId: number) =>
    (
      await db
        .insertInto('employer')
        .values(employerColumns(fields, provinceId))
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const base = { address: '', ownership: 'private', headcount: 25, status: 'active', paymentCycle: 1 } as const;
  const employers = {
    nguyenHoang: await employer(
      {
        ...base,
        code: 'HN0000001',
        taxCode: '0101234567',
        name: 'Công ty TNHH Nguyễn Hoàng',
        officeId: offices.hni01,
        address: 'Số 12, phố Kim Mã, phường Ba Đình, Hà Nội',
      },
      offices.hni,
    ),
    ducThanh: await employer(
      {
        ...base,
        code: 'HN0000002',
        taxCode: '0102345678',
        name: 'Công ty Cổ phần Xây dựng Đức Thành',
        officeId: offices.hni01,
      },
      offices.hni,
    ),
    dongAnh: await employer(
      {
        ...base,
        code: 'HN0000003',
        taxCode: '0103456789',
        name: 'Hợp tác xã Nông nghiệp Đông Anh',
        officeId: offices.hni02,
        ownership: 'cooperative',
        paymentCycle: 3,
      },
      offices.hni,
    ),
    saigon: await employer(
      {
        ...base,
        code: 'HC0000001',
        taxCode: '0301234567',
        name: 'Công ty TNHH Điện tử Sài Gòn',
        officeId: offices.hcm01,
        ownership: 'fdi',
        headcount: 900,
      },
      offices.hcm,
    ),
    nguyenKim: await employer(
      {
        ...base,
        code: 'HC0000002',
        taxCode: '0302345678',
        name: 'Công ty Cổ phần Thực phẩm Nguyễn Kim',
        officeId: offices.hcm01,
        status: 'suspended',
      },
      offices.hcm,
    ),
  };

  await db
    .insertInto('obligation')
    .values([
      { employer_id: employers.nguyenHoang, period: '2025-06', fund: 'BHXH', amount: 25_000_000 },
      { employer_id: employers.nguyenHoang, period: '2025-06', fund: 'BHTNLD', amount: 500_000 },
      { employer_id: employers.nguyenHoang, period: '2025-06', fund: 'BHTN', amount: 2_000_000 },
      { employer_id: employers.nguyenHoang, period: '2025-06', fund: 'BHYT', amount: 4_500_000 },
      { employer_id: employers.nguyenHoang, period: '2025-07', fund: 'BHXH', amount: 26_000_000 },
      { employer_id: employers.nguyenHoang, period: '2025-07', fund: 'BHTNLD', amount: 520_000 },
      { employer_id: employers.nguyenHoang, period: '2025-07', fund: 'BHTN', amount: 2_080_000 },
      { employer_id: employers.nguyenHoang, period: '2025-07', fund: 'BHYT', amount: 4_680_000 },
      { employer_id: employers.saigon, period: '2025-07', fund: 'BHXH', amount: 900_000_000 },
    ])
    .execute();
  await db
    .insertInto('payment')
    .values([
      { employer_id: employers.nguyenHoang, paid_on: '2025-06-25', amount: 32_000_000, reference: 'UNC-250625-000001' },
      { employer_id: employers.nguyenHoang, paid_on: '2025-08-20', amount: 20_000_000, reference: 'UNC-250820-000002' },
      { employer_id: employers.saigon, paid_on: '2025-08-28', amount: 900_000_000, reference: 'UNC-250828-000003' },
    ])
    .execute();

  return { offices, users, employers };
}

export type World = Awaited<ReturnType<typeof seedWorld>>;
