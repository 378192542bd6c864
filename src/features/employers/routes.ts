import { Type } from '@sinclair/typebox';
import { EMPLOYER_STATUSES, OWNERSHIPS, TAX_CODE_PATTERN } from '../../domain/ledger.js';
import { CalendarDate, IdParams, Page, Period, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { EMPLOYER_SORTS } from './queries.js';
import { EmployerService } from './service.js';

const literals = <T extends string>(values: readonly T[], options?: { default: T }) =>
  Type.Union(values.map((v) => Type.Literal(v)), options);
const Ownership = literals(OWNERSHIPS);
const Status = literals(EMPLOYER_STATUSES);
const PaymentCycle = Type.Union([Type.Literal(1), Type.Literal(3), Type.Literal(6)]);
const Money = Type.Integer({ description: 'whole VND' });
const OfficeRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

const EmployerSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  taxCode: Type.String(),
  name: Type.String(),
  address: Type.String(),
  office: OfficeRef,
  province: OfficeRef,
  ownership: Ownership,
  headcount: Type.Integer(),
  status: Status,
  paymentCycle: PaymentCycle,
});

const EmployerDetail = Type.Composite([
  EmployerSummary,
  Type.Object({
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    assignments: Type.Array(
      Type.Object({
        id: Type.Integer(),
        user: Type.Object({ id: Type.Integer(), fullName: Type.String(), username: Type.String() }),
        responsibility: Type.Union([Type.Literal('leader'), Type.Literal('official')]),
        assignedFrom: CalendarDate,
      }),
    ),
  }),
]);

const FundAmounts = Type.Object({ BHXH: Money, BHTNLD: Money, BHTN: Money, BHYT: Money, total: Money });
const Ledger = Type.Object({
  months: Type.Array(Type.Object({ period: Period, due: FundAmounts })),
  payments: Type.Array(Type.Object({ id: Type.Integer(), date: CalendarDate, amount: Money, reference: Type.String() })),
  totals: Type.Object({ due: Money, paid: Money }),
});

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const EditableFields = {
  taxCode: Type.String({ pattern: TAX_CODE_PATTERN.source, description: 'mã số thuế: 10 digits, or 10-3 for a branch' }),
  name: text(300),
  address: Type.String({ maxLength: 500 }),
  officeId: Type.Integer({ minimum: 1 }),
  ownership: Ownership,
  headcount: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  status: Status,
  paymentCycle: PaymentCycle,
};
const NewEmployerBody = Type.Object(
  { code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,19}$', description: 'mã đơn vị' }), ...EditableFields },
  { additionalProperties: false },
);
const EmployerChanges = Type.Partial(Type.Object(EditableFields), { additionalProperties: false, minProperties: 1 });

export async function employerRoutes(app: App, { db, clock }: AppDeps) {
  const employers = new EmployerService(db, clock);

  app.get(
    '/api/employers',
    {
      schema: {
        tags: ['employers'],
        summary: 'Danh sách đơn vị / Employers, paged, in the user scope',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200, description: 'code, tax code or name; diacritics optional' })),
          officeId: Type.Optional(Type.Integer({ minimum: 1 })),
          status: Type.Optional(Status),
          ownership: Type.Optional(Ownership),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
          sort: literals(EMPLOYER_SORTS, { default: 'code' }),
          order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' }),
        }),
        response: { 200: Page(EmployerSummary), ...errorResponses },
      },
    },
    async (request) => employers.list(currentUser(request), request.query),
  );

  app.get(
    '/api/employers/:id',
    {
      schema: {
        tags: ['employers'],
        summary: 'Chi tiết đơn vị / Employer details',
        params: IdParams,
        response: { 200: EmployerDetail, ...errorResponses },
      },
    },
    async (request) => employers.get(currentUser(request), request.params.id),
  );

  app.get(
    '/api/employers/:id/ledger',
    {
      schema: {
        tags: ['employers'],
        summary: 'Số phải đóng theo tháng và các khoản đã nộp / Amounts due by month and payments',
        params: IdParams,
        response: { 200: Ledger, ...errorResponses },
      },
    },
    async (request) => employers.ledger(currentUser(request), request.params.id),
  );

  app.post(
    '/api/employers',
    {
      schema: {
        tags: ['employers'],
        summary: 'Thêm đơn vị / Register an employer',
        body: NewEmployerBody,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses, 409: Type.Ref('Error') },
      },
    },
    async (request, reply) => {
      const id = await employers.create(requireCapability(request, 'employer.write'), request.body);
      return reply.code(201).send({ id });
    },
  );

  app.patch(
    '/api/employers/:id',
    {
      schema: {
        tags: ['employers'],
        summary: 'Sửa thông tin đơn vị / Update an employer',
        params: IdParams,
        body: EmployerChanges,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await employers.update(requireCapability(request, 'employer.write'), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/employers/:id/assignments',
    {
      schema: {
        tags: ['employers'],
        summary: 'Phân công cán bộ theo dõi đơn vị / Assign an official to the employer',
        params: IdParams,
        body: Type.Object(
          {
            userId: Type.Integer({ minimum: 1 }),
            responsibility: Type.Union([Type.Literal('leader'), Type.Literal('official')]),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses, 409: Type.Ref('Error') },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'assignment.write');
      const id = await employers.assign(user, request.params.id, request.body.userId, request.body.responsibility);
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/employers/:id/assignments/:assignmentId/end',
    {
      schema: {
        tags: ['employers'],
        summary: 'Kết thúc phân công / End an assignment (kept in history)',
        params: Type.Composite([IdParams, Type.Object({ assignmentId: Type.Integer({ minimum: 1 }) })]),
        response: { 204: Type.Null(), ...errorResponses, 409: Type.Ref('Error') },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'assignment.write');
      await employers.endAssignment(user, request.params.id, request.params.assignmentId);
      return reply.code(204).send(null);
    },
  );
}
