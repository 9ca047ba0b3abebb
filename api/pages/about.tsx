/** /about: what the directory is, how listings are checked, and the data credits the licences require. */
import type { Context } from 'hono';
import attribution from '../../db/seed/geo/ATTRIBUTION.json';
import { dataLicence, type DataLicence } from '../domain/data-licence.ts';
import type { AppEnv } from '../env.ts';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';

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
        <DataLicenceNote page={page} licence={dataLicence(c.env.DATA_LICENCE)} />
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

/**
 * Whether the listings may be reused, and on what terms: the deployment's licence, its name as the
 * licensor wrote it (in English) and linked when its text has an address. Credit is asked for only
 * when the licence asks for it; of a licence this code does not know, nothing is claimed but its name.
 */
function DataLicenceNote({ page, licence }: { page: PageContext; licence: DataLicence | null }) {
  if (!licence) return <p class="data-licence">{page.t('aboutNoDataLicence')}</p>;
  const message =
    licence.requiresCredit === null
      ? 'aboutDataLicenceOther'
      : licence.requiresCredit
        ? 'aboutDataLicence'
        : 'aboutDataLicenceNoCredit';
  const [before, after] = page.t(message, { site: page.siteName }).split('{licence}');
  const name = (
    <span class="licence-name" lang="en" dir="ltr">
      {licence.name}
    </span>
  );
  return (
    <p class="data-licence">
      {before}
      {licence.url ? (
        <a href={licence.url} rel="license noreferrer noopener">
          {name}
        </a>
      ) : (
        name
      )}
      {after}
    </p>
  );
}
