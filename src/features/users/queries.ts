import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { roleFitsOffice, type RoleCode } from '../../domain/organisation.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertUser(
  db: Db,
  user: { username: string; fullName: string; passwordHash: string; role: RoleCode; officeId: number },
) {
  const office = await db.selectFrom('office').select('kind').where('id', '=', user.officeId).executeTakeFirstOrThrow();
  if (!roleFitsOffice(user.role, office.kind)) {
    throw new Error(`Role ${user.role} does not belong in an office of kind ${office.kind}`);
  }
  const { id } = await db
    .insertInto('app_user')
    .values({
      username: user.username,
      full_name: user.fullName,
      password_hash: user.passwordHash,
      role: user.role,
      office_id: user.officeId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
