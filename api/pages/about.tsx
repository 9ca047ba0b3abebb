/** /about: what the directory is, how listings are checked, and the data credits the licences require. */
import type { Context } from 'hono';
import attribution from '../../db/seed/geo/ATTRIBUTION.json';
import type { AppEnv } from '../env.ts';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';

export function aboutPage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const { t } = page;
  return c.html(
    <Layout page={page} kind="about" title={t('navAbout')}>
      <h1>{t('aboutHeading')}</h1>
      <p class="lead">{t('aboutText')}</p>
      <p>{t('aboutChecked')}</p>
      <p>{t('aboutSample')}</p>
      <section aria-labelledby="credits-heading">
        <h2 id="credits-heading">{t('dataSourcesHeading')}</h2>
        {/* Credits are legal text in English, as the licensors wrote them. */}
        <ul class="credits" lang="en" dir="ltr">
          {attribution.map((credit) => (
            <li>
              {credit.text}{' '}
              <a href={credit.licenceUrl} rel="noreferrer noopener">
                {credit.licence}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <p>
        <a href="/reference/">{t('apiLink')}</a>
      </p>
    </Layout>,
  );
}
