/**
 * Starts the whole app for the browser tests: a fresh local D1 in its own state directory, built
 * by db/seed/load-local.mjs, and `wrangler dev` on a free port using it. The neutral identity is
 * set to something other than the default, so the tests also prove SITE_NAME is configurable (S5).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const TEST_SITE_NAME = 'Daily Notes';
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' };

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    siteName: string;
  }
}

export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide('baseURL', app.baseURL);
  project.provide('siteName', TEST_SITE_NAME);
  return app.stop;
}

/**
 * The built web app, a freshly seeded local D1 and `wrangler dev` serving both on a free port; the
 * screenshots script (screenshots.ts) starts the app the same way. `stop` ends the server and
 * deletes the database.
 */
export async function startApp(
  vars: Record<string, string> = {},
): Promise<{ baseURL: string; stop: () => Promise<void> }> {
  if (!existsSync(join(root, 'web/dist/assets/main.js'))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env });
  }
  const state = mkdtempSync(join(tmpdir(), 'masar-browser-'));
  execFileSync(process.execPath, ['db/seed/load-local.mjs', '--persist-to', state], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });

  const port = await freePort();
  const server = spawn(
    'npm',
    [
      'exec',
      '--',
      'wrangler',
      'dev',
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      state,
      '--var',
      `SITE_NAME:${TEST_SITE_NAME}`,
      ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
      '--log-level',
      'warn',
    ],
    { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  server.stdout?.on('data', (chunk) => (output += chunk));
  server.stderr?.on('data', (chunk) => (output += chunk));
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(`${baseURL}/api/v1`, server, 120_000);
  } catch (error) {
    stop(server);
    throw new Error(`wrangler dev did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return {
    baseURL,
    stop: async () => {
      await stop(server);
      rmSync(state, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilServing(url: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`exited with ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out after ${timeoutMs} ms`);
}

/** Ends the process group we started (npm → wrangler → workerd), by its id. */
function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || !server.pid) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-server.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve();
    }, 5000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
