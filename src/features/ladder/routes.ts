import { Type } from '@sinclair/typebox';
import { LADDER_STEPS } from '../../domain/ladder.js';
import { CalendarDate, IdParams, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { employerLadder } from './service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export async function ladderRoutes(app: App, { db }: AppDeps) {
  app.get('/api/employers/:id/ladder', {
    schema: {
      tags: ['actions'],
      summary: 'Bậc đôn đốc hiện tại, việc phải làm tiếp và lịch sử chuyển bậc / Ladder step, what is due, history',
      params: IdParams,
      response: {
        200: Type.Object({
          step: literals(LADDER_STEPS),
          since: Type.Union([CalendarDate, Type.Null()]),
          due: Type.Array(Type.Object({ action: Type.String(), by: CalendarDate, reason: Type.String() })),
          brokenPromise: Type.Boolean(),
          referralClause: Type.Union([Type.Integer(), Type.Null()]),
          evaluatedOn: Type.Union([CalendarDate, Type.Null()]),
          moves: Type.Array(Type.Object({ step: literals(LADDER_STEPS), enteredOn: CalendarDate, leftOn: Type.Union([CalendarDate, Type.Null()]) })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => employerLadder(db, currentUser(request), request.params.id));
}
