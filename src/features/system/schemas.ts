import { Type, type Static } from '@sinclair/typebox';

export const Probe = Type.Object({
  status: Type.String(),
  schemaVersion: Type.Optional(Type.Integer()),
  codeVersion: Type.Optional(Type.Integer()),
});

/** What the web shows before anyone logs in. */
export const SystemInfo = Type.Object({ demo: Type.Boolean() });
export type SystemInfo = Static<typeof SystemInfo>;
