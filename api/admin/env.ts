import type { Bindings, Variables } from '../env.ts';
import type { Principal } from './auth/principal.ts';

export interface AdminBindings extends Bindings {
  /**
   * Optional Worker secret (`wrangler secret put AUTH_SECRET`) keying the hashes of sign-in
   * sources. Without it a random key kept in D1 and rotated daily is used (see auth/throttle.ts).
   */
  AUTH_SECRET?: string;
}

export interface AdminEnv {
  Bindings: AdminBindings;
  Variables: Variables & {
    /** Who is asking; set by the authentication middleware on every protected admin route. */
    principal: Principal;
    /** "now" for the request; one value per request so all checks agree. */
    now: Date;
  };
}
