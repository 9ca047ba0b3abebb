import { database } from '../db/client.ts';
import { createApp } from './app.ts';
import type { Bindings } from './env.ts';
import { runMaintenance } from './admin/index.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  /** The cron trigger of wrangler.toml: verification expiry and tidying (api/admin/jobs). */
  scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
    ctx.waitUntil(runMaintenance(database(env.DB), new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Bindings>;
