import { Type } from '@sinclair/typebox';
import { Period } from '../../http/schemas.js';
import { ProgressQuery } from '../progress/schemas.js';

export const NoticeQuery = Type.Object({
  month: Period,
  format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('docx')], { default: 'xlsx' })),
});

export const OfficeNoticesQuery = Type.Composite([
  NoticeQuery,
  Type.Object({ part: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }),
  ProgressQuery,
]);
