/**
 * "What can I do?" on an area page: the referral pathways that hold in the area, one per concern,
 * each a link to its step-by-step page (/p/{id}?a={P-code}). The area page reads them with its
 * first batch (queries/area-page.ts), in the concerns' order.
 */
import type { FC } from 'hono/jsx';
import { localise } from '../domain/language.ts';
import type { AreaRow } from '../queries/areas.ts';
import type { PublicPathwayRow } from '../queries/pathways.ts';
import { Localised } from './localised.tsx';
import type { PageContext } from './page-context.ts';

export const WhatCanIDo: FC<{ page: PageContext; area: AreaRow; pathways: PublicPathwayRow[] }> = ({
  page,
  area,
  pathways: found,
}) => {
  if (!found.length) return null;
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
