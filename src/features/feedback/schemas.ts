import { Type, type Static } from '@sinclair/typebox';

export const FeedbackStatus = Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('closed')]);
export type FeedbackStatus = Static<typeof FeedbackStatus>;
export const FeedbackCategory = Type.Union([Type.Literal('difficulty'), Type.Literal('proposal')]);
export type FeedbackCategory = Static<typeof FeedbackCategory>;
const Body = Type.String({ minLength: 1, maxLength: 8000, pattern: '\\S' });

export const FeedbackSummary = Type.Object({
  id: Type.Integer(),
  officeName: Type.String(),
  category: FeedbackCategory,
  title: Type.String(),
  status: FeedbackStatus,
  createdAt: Type.String(),
  messages: Type.Integer(),
});
export type FeedbackSummary = Static<typeof FeedbackSummary>;

export const FeedbackList = Type.Object({ items: Type.Array(FeedbackSummary) });
export type FeedbackList = Static<typeof FeedbackList>;

export const NewFeedback = Type.Object(
  { category: FeedbackCategory, title: Type.String({ minLength: 3, maxLength: 300 }), body: Body },
  { additionalProperties: false },
);
export type NewFeedback = Static<typeof NewFeedback>;

export const FeedbackThread = Type.Object({
  id: Type.Integer(),
  officeName: Type.String(),
  category: FeedbackCategory,
  title: Type.String(),
  status: FeedbackStatus,
  /** Oldest first; the first is the question itself. */
  messages: Type.Array(
    Type.Object({
      id: Type.Integer(),
      author: Type.String(),
      office: Type.String(),
      body: Type.String(),
      createdAt: Type.String(),
    }),
  ),
});
export type FeedbackThread = Static<typeof FeedbackThread>;

export const FeedbackReply = Type.Object({ body: Body }, { additionalProperties: false });
export type FeedbackReply = Static<typeof FeedbackReply>;
