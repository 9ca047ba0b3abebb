/**
 * "What can I do?" on an area page: the referral pathways that hold in the area, one per concern,
 * each a link to its step-by-step page (/p/{id}?a={P-code}). Reads its own data (an async
 * component), so the area page only places it.
 */
import type { FC } from 'hono/jsx';
import type { Database } from '../../db/client.ts';
import { localise } from '../domain/language.ts';
import type { AreaRow } from '../queries/areas.ts';
import { allConcerns, pathwaysFor } from '../queries/pathways.ts';
import { Localised } from './localised.tsx';
import type { PageContext } from './page-context.ts';

export const WhatCanIDo: FC<{ page: PageContext; area: AreaRow; db: Database }> = async ({ page, area, db }) => {
  const [found, concerns] = await Promise.all([pathwaysFor(db, area.path), allConcerns(db)]);
  if (!found.length) return null;
  const order = new Map(concerns.map((c, i) => [c.id, i]));
  found.sort((a, b) => (order.get(a.concernId) ?? 0) - (order.get(b.concernId) ?? 0));
  return (
    <section class="what-can-i-do" aria-labelledby="what-can-i-do-heading" data-role="pathways">
      <h2 id="what-can-i-do-heading">{page.t('whatCanIDoHeading')}</h2>
      <p>{page.t('whatCanIDoIntro')}</p>
      <ul>
        {found.map((p) => (
          <li>
            <a href={page.href(`/p/${p.id}`, { a: area.pcode })}>
              <Localised value={localise(p.names, page.lang)} ui={page.lang} />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
};
