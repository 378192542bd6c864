import type { App, AppDeps } from '../../http/types.js';
import { Probe, SystemInfo } from './schemas.js';
import { SystemService } from './service.js';

/**
 * Probes for a process supervisor or a load balancer, and what the web needs to know before anyone logs in.
 * `/healthz` says the process answers; `/readyz` that it can do its work: the database answers and its schema is
 * the one this code was written for.
 */
export async function systemRoutes(app: App, { db }: AppDeps) {
  const system = new SystemService(db);

  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: 'Tiến trình còn chạy / Liveness', response: { 200: Probe } },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Sẵn sàng phục vụ: CSDL trả lời, cấu trúc đúng phiên bản / Readiness',
        response: { 200: Probe, 503: Probe },
      },
    },
    async (_request, reply) => {
      const readiness = await system.readiness();
      return readiness.status === 'ready' ? readiness : reply.code(503).send(readiness);
    },
  );

  app.get(
    '/api/system',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Thông tin hệ thống cho giao diện (dữ liệu mẫu?) / What the UI shows before login',
        response: { 200: SystemInfo },
      },
    },
    async () => ({ demo: await system.isDemo() }),
  );
}
