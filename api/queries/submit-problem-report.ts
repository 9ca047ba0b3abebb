/**
 * The one path a problem report takes, from the JSON API and from the page's plain HTML form:
 * same-site check, rate limit, target check, then the record. Pages and the route both import it
 * from here, so no page imports a route module.
 *
 * Nothing about the person is stored, not even for abuse control: the rate limit keys on a hash of
 * the client address salted with a random value that lives only in this isolate's memory, and
 * buckets are forgotten once full again. The trade-off: limits are per isolate (an attacker
 * spread over many edge locations gets more tries) and reset when the isolate is recycled. The
 * Workers Rate Limiting binding would be global, but does not run offline in `wrangler dev`.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { forbidden, invalid, notFound, tooManyRequests } from '../errors.ts';
import type { ProblemReportInput } from '../schemas/problem-reports.ts';
import { problemReportTargetError, recordProblemReport } from './problem-reports.ts';

/** A burst of 5 reports, then one more every 2 minutes, per client address and isolate. */
const BURST = 5;
const REFILL_MS = 120_000;
const MAX_TRACKED = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class ReportRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private salt: Uint8Array | null = null;

  constructor(
    private readonly burst = BURST,
    private readonly refillMs = REFILL_MS,
  ) {}

  /** True when one more report from `address` is allowed at `now` (and counts it). */
  async take(address: string, now: number): Promise<boolean> {
    const key = await this.keyOf(address);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    const tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) / this.refillMs);
    this.buckets.delete(key); // re-inserted below, so the map stays ordered by last use
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return false;
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    this.forgetIdle(now);
    return true;
  }

  /** Seconds until the next report from `address` would be allowed. */
  retryAfterSeconds(): number {
    return Math.ceil(this.refillMs / 1000);
  }

  private async keyOf(address: string): Promise<string> {
    // Random values may not be generated in a Worker's global scope, hence the lazy salt.
    this.salt ??= crypto.getRandomValues(new Uint8Array(16));
    const data = new Uint8Array([...this.salt, ...new TextEncoder().encode(address)]);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    return Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** A full bucket carries no information: drop it, and never track more than MAX_TRACKED. */
  private forgetIdle(now: number) {
    for (const [key, bucket] of this.buckets) {
      const full = bucket.tokens + (now - bucket.at) / this.refillMs >= this.burst;
      if (full || this.buckets.size > MAX_TRACKED) this.buckets.delete(key);
      else break; // ordered by last use: the rest were used more recently
    }
  }
}

const limiter = new ReportRateLimiter();

/**
 * CSRF: a browser says where a POST comes from (Sec-Fetch-Site, else Origin). Reports from other
 * sites are refused; clients that are not browsers send neither and are only rate-limited.
 */
export function isCrossSiteRequest(c: Context): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = c.req.header('Origin');
  if (origin) return origin !== new URL(c.req.url).origin;
  return false;
}

export const crossSite = () => forbidden('Reports are accepted from this site only.');

/** The one path a report takes, from the JSON API and from the page's plain HTML form. */
export async function submitProblemReport(c: Context<AppEnv>, input: ProblemReportInput) {
  if (isCrossSiteRequest(c)) throw crossSite();
  const address = c.req.header('CF-Connecting-IP') ?? 'unknown';
  if (!(await limiter.take(address, Date.now()))) {
    throw tooManyRequests(
      'Too many requests',
      'Too many reports; please try again later.',
      limiter.retryAfterSeconds(),
    );
  }
  const report = {
    serviceId: input.service_id,
    contactRouteId: input.contact_route_id ?? null,
    kind: input.kind,
    note: input.note?.trim() || null,
  };
  const db = c.get('db');
  const wrong = await problemReportTargetError(db, report);
  if (wrong === 'service') throw notFound('published service', report.serviceId);
  if (wrong === 'contact_route') {
    throw invalid([{ in: 'body', name: 'contact_route_id', reason: 'is not a public contact route of this service' }]);
  }
  return recordProblemReport(db, report, new Date());
}
