import type { D1Migration } from '@cloudflare/vitest-plugin';
import type { Bindings } from '../api/env.ts';

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import('../api/index.ts');
    }
    interface Env extends Bindings {
      TEST_MIGRATIONS: D1Migration[];
      TEST_SEED: string[];
    }
  }
}
export {};
