import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import Fastify, { type FastifyError } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actionRoutes } from './features/actions/routes.js';
import { arrearsRoutes } from './features/arrears/routes.js';
import { campaignRoutes } from './features/campaigns/routes.js';
import { auditRoutes } from './features/audit/routes.js';
import { authRoutes } from './features/auth/routes.js';
import { AuthService } from './features/auth/service.js';
import { registerSessionHooks } from './features/auth/session.js';
import { registerDemoLoginGuard } from './features/system/demo-guard.js';
import { systemRoutes } from './features/system/routes.js';
import { documentRoutes } from './features/documents/routes.js';
import { disclosureRoutes } from './features/disclosure/routes.js';
import { employerRoutes } from './features/employers/routes.js';
import { exportRoutes } from './features/exports/routes.js';
import { feedbackRoutes } from './features/feedback/routes.js';
import { importRoutes } from './features/imports/routes.js';
import { ladderRoutes } from './features/ladder/routes.js';
import { noticeRoutes } from './features/notices/routes.js';
import { officeRoutes } from './features/offices/routes.js';
import { oversightRoutes } from './features/oversight/routes.js';
import { progressRoutes } from './features/progress/routes.js';
import { promiseRoutes } from './features/promises/routes.js';
import { statementRoutes } from './features/statements/routes.js';
import { userRoutes } from './features/users/routes.js';
import { worklistRoutes } from './features/worklists/routes.js';
import { refuseControlCharacters } from './http/control-characters.js';
import { AppError, notFound } from './http/errors.js';
import { registerRequestContext } from './http/request-context.js';
import { ErrorBody } from './http/schemas.js';
import { setSecurityHeaders } from './http/security-headers.js';
import type { App, AppDeps } from './http/types.js';

export interface AppOptions extends AppDeps {
  /** Folder of the built web UI; not served when absent (API-only tests). */
  webRoot?: string | undefined;
  /** JSON lines on stdout at this level (pino); no logging when absent (tests). */
  log?: { level: string; stream?: { write(line: string): void } };
  /** Reverse proxies whose X-Forwarded-* headers are believed (config TRUST_PROXY); none when absent. */
  trustProxy?: string[];
  /** Told of every route as it is added (the scoping test walks them all). */
  onRoute?: (route: { method: string | string[]; url: string; public: boolean }) => void;
}

/** The features, each a plugin with its own routes; listed here so tests can walk every route. */
const FEATURES = [
  officeRoutes,
  employerRoutes,
  userRoutes,
  auditRoutes,
  arrearsRoutes,
  importRoutes,
  actionRoutes,
  promiseRoutes,
  progressRoutes,
  ladderRoutes,
  documentRoutes,
  worklistRoutes,
  campaignRoutes,
  noticeRoutes,
  disclosureRoutes,
  feedbackRoutes,
  oversightRoutes,
  systemRoutes,
  statementRoutes,
  exportRoutes,
] as const;

export async function buildApp(options: AppOptions): Promise<App> {
  const app: App = Fastify({
    logger: options.log ?? false,
    // A request id no two processes repeat: a log line of one app server is found from the id an officer reports.
    genReqId: () => randomUUID(),
    // Only the configured proxies may say who the client is; anyone else could pick the address the throttles see.
    trustProxy: options.trustProxy && options.trustProxy.length > 0 ? options.trustProxy : false,
    // Ordinary routes take small JSON bodies; the routes that take files stream them under their own limits.
    bodyLimit: options.uploads.jsonBodyBytes,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (options.onRoute) {
    const notify = options.onRoute;
    app.addHook('onRoute', (route) => notify({ method: route.method, url: route.url, public: !!route.config?.public }));
  }
  app.addSchema(ErrorBody);
  // Added before any plugin, so that every route, the docs, the static files and the 404 handler inherit them.
  app.addHook('onSend', async (request, reply, payload) => {
    setSecurityHeaders(request, reply);
    return payload;
  });
  app.addHook('preValidation', refuseControlCharacters);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'dondoc API',
        description: 'Đôn đốc thu, giảm số tiền chậm đóng BHXH, BHYT, BHTN',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'dondoc_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return reply.code(error.statusCode).send(error.body());
    if (error.validation) {
      // The schema validator's words are English only; the field it names is what the officer needs.
      const invalid = new AppError('invalid_request', { detail: error.message });
      return reply.code(invalid.statusCode).send({ ...invalid.body(), errors: error.validation });
    }
    if (error.statusCode && error.statusCode < 500) {
      // Fastify's own refusals (a malformed body, a body over its limit) keep their status under one code.
      return reply.code(error.statusCode).send(new AppError('bad_request', { detail: error.message }).body());
    }
    // A bug or a failing dependency: the log line (with the request id) has the detail, the client only the id to
    // report. No message, stack or SQL leaves the server. The process goes on serving the other requests.
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(new AppError('internal', { requestId: request.id }).body());
  });

  // The server's clock on every API answer: pages count down to deadlines and pick "today" by it, not by a PC's clock.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) reply.header('x-server-time', options.clock.now().toISOString());
    reply.header('x-request-id', request.id);
    return payload;
  });

  registerRequestContext(app);
  const auth = new AuthService(options.db, options.clock, { sessionIdleMinutes: options.sessionIdleMinutes });
  registerSessionHooks(app, auth);
  registerDemoLoginGuard(app, options.db);
  await app.register(authRoutes, { auth });
  for (const feature of FEATURES) await app.register(feature, options);

  if (options.webRoot && existsSync(options.webRoot)) {
    await app.register(fastifyStatic, {
      root: options.webRoot,
      wildcard: false,
      cacheControl: false,
      // Asset names carry a content hash, so they never change; index.html must be checked on every load.
      setHeaders: (res, path) =>
        res.setHeader(
          'cache-control',
          path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/employers/12) load the single-page app; unknown API paths and missing files (an old
    // tab asking for a chunk a new build replaced) are 404s, never the page in place of a script.
    const path = request.url.split('?')[0]!;
    const isFile = path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path);
    if (
      !path.startsWith('/api/') &&
      !isFile &&
      request.method === 'GET' &&
      options.webRoot &&
      existsSync(options.webRoot)
    ) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send(notFound().body());
  });

  return app;
}
