import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas.js';

export const Notice = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});
export type Notice = Static<typeof Notice>;

export const Notices = Type.Object({ unread: Type.Integer(), items: Type.Array(Notice) });
export type Notices = Static<typeof Notices>;
