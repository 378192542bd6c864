import { DEFAULT_PUBLIC_LIMITS } from '../../config.js';
import { vietnamDate } from '../../domain/calendar.js';
import { ErrorRef, FileAnswer, IdParams, NoContent, Reason, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { AddressRateLimit, enforceRateLimit } from '../../http/rate-limit.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { mediaType, unsupportedType } from '../../http/uploads.js';
import { FILE_TYPES, sendDownload } from '../../http/download.js';
import { PublicWorkbookCache } from './export.js';
import {
  AssembledList,
  AwardCheck,
  AwardChecks,
  AwardQuery,
  DisclosureLists,
  EntryPage,
  EntryQuery,
  NewList,
  PublicListPage,
  PublicLists,
} from './schemas.js';
import { DisclosureService, awardCheck, entriesOf, publicList, publicLists, taxCodesOfList } from './service.js';

const MAX_BULK = 2000;

/** Types a browser gives a .csv or .txt file (Windows names .csv files after Excel). */
const TAX_CODE_LIST_TYPES = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);

export async function disclosureRoutes(app: App, { db, clock, publicLimits = DEFAULT_PUBLIC_LIMITS }: AppDeps) {
  const disclosure = new DisclosureService(db, clock);
  const workbooks = new PublicWorkbookCache(db);
  // Per client address: the look-up answers any tax code in the country, so unthrottled it is a way to list them all.
  const lookups = new AddressRateLimit(db, 'award-lookup', publicLimits.lookupsPerMinute);
  const bulkChecks = new AddressRateLimit(db, 'award-bulk-check', publicLimits.bulkChecksPerMinute);
  const tooMany = { 429: ErrorRef };

  app.post(
    '/api/disclosure/lists',
    {
      schema: {
        tags: ['disclosure'],
        summary: 'Lập dự thảo danh sách công khai theo tiêu chí của bộ quy tắc / Assemble a draft public list',
        body: NewList,
        response: { 201: AssembledList, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'disclosure.manage');
      return reply.code(201).send(await disclosure.assemble(user, request.body.kind, request.body.officeId));
    },
  );

  app.get(
    '/api/disclosure/lists',
    {
      schema: {
        tags: ['disclosure'],
        summary: 'Các danh sách công khai trong phạm vi / Public lists in the scope, drafts included',
        response: { 200: DisclosureLists },
      },
    },
    async (request) => ({ items: await disclosure.lists(currentUser(request)) }),
  );

  app.get(
    '/api/disclosure/lists/:id/entries',
    {
      schema: {
        tags: ['disclosure'],
        summary: 'Các đơn vị trong danh sách (cả dự thảo) / Entries of a list, for review',
        params: IdParams,
        querystring: EntryQuery,
        response: { 200: EntryPage, ...errorResponses },
      },
    },
    async (request) => disclosure.entries(currentUser(request), request.params.id, request.query),
  );

  app.post(
    '/api/disclosure/lists/:id/approve',
    {
      schema: {
        tags: ['disclosure'],
        summary: 'Phê duyệt danh sách (người khác người lập) / Approve a list: it becomes public',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      await disclosure.approve(requireCapability(request, 'disclosure.manage'), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/disclosure/lists/:id/withdraw',
    {
      schema: {
        tags: ['disclosure'],
        summary: 'Thu hồi danh sách, nêu lý do / Withdraw a list with a reason',
        params: IdParams,
        body: Reason,
        response: { 204: NoContent, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      await disclosure.withdraw(
        requireCapability(request, 'disclosure.manage'),
        request.params.id,
        request.body.reason,
      );
      return reply.code(204).send(null);
    },
  );

  // The public pages: no login, approved lists only.
  app.get(
    '/api/public/lists',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'Danh sách đã phê duyệt công khai / Approved public lists',
        security: [],
        response: { 200: PublicLists },
      },
    },
    async () => ({
      items: (await publicLists(db)).map((l) => ({
        id: l.id,
        kind: l.kind,
        title: l.title,
        asOf: l.as_of,
        officeName: l.office_name,
      })),
    }),
  );

  app.get(
    '/api/public/lists/:id',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary:
          'Một danh sách công khai, tìm có hoặc không dấu / A public list, searchable with or without diacritics',
        security: [],
        params: IdParams,
        querystring: EntryQuery,
        response: { 200: PublicListPage, ...errorResponses },
      },
    },
    async (request) => {
      const list = await publicList(db, request.params.id);
      return {
        list: { id: list.id, kind: list.kind, title: list.title, asOf: list.as_of, officeName: list.office_name },
        ...(await entriesOf(db, list.id, request.query)),
      };
    },
  );

  app.get(
    '/api/public/lists/:id/export',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'Tải danh sách công khai (.xlsx) / Download a public list',
        security: [],
        params: IdParams,
        response: { 200: FileAnswer('.xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const list = await publicList(db, request.params.id);
      return sendDownload(reply, {
        fileName: `danh-sach-${list.id}-${list.as_of}.xlsx`,
        contentType: FILE_TYPES.xlsx,
        content: await workbooks.workbook(list),
      });
    },
  );

  app.get(
    '/api/public/award-check',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'Tra cứu đơn vị đủ điều kiện xét khen thưởng / May the employer be honoured?',
        security: [],
        querystring: AwardQuery,
        response: { 200: AwardCheck, ...errorResponses, ...tooMany },
      },
      onRequest: async (request, reply) => enforceRateLimit(lookups, request, reply, clock.now()),
    },
    async (request) => (await awardCheck(db, [request.query.taxCode], vietnamDate(clock.now())))[0]!,
  );

  await app.register(async (bulk: App) => {
    // The uploaded list is plain text, a tax code per line (a CSV's first column), read as it is.
    bulk.removeAllContentTypeParsers();
    bulk.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) =>
      done(null, body),
    );
    // Refused by its declared type before the body is read: a list is text.
    bulk.addHook('preParsing', async (request) => {
      if (!TAX_CODE_LIST_TYPES.has(mediaType(request))) {
        throw unsupportedType('taxCodeList');
      }
    });
    bulk.post(
      '/api/public/award-check',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          summary: 'Kiểm tra hàng loạt một danh sách mã số thuế / Check an uploaded list of tax codes',
          security: [],
          response: { 200: AwardChecks, ...errorResponses, ...tooMany },
        },
        // Before the upload is read.
        onRequest: async (request, reply) => enforceRateLimit(bulkChecks, request, reply, clock.now()),
      },
      async (request) => {
        const codes = taxCodesOfList(String(request.body ?? ''), MAX_BULK);
        return { items: await awardCheck(db, codes, vietnamDate(clock.now())) };
      },
    );
  });
}
