/**
 * /offline: the page a phone with a saved governorate shows, without a connection, for an address
 * that was not saved. Saved with every pack in all five languages (web/src/offline/sw.ts picks the
 * one the address asks for). It has the quick exit and the offline control, which links to the saved
 * pages; it says nothing about what the person was looking for.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';

export function offlinePage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const { t } = page;
  return c.html(
    <Layout page={page} kind="offline" title={t('offlinePageHeading')}>
      <h1>{t('offlinePageHeading')}</h1>
      <p class="lead" data-role="not-saved">
        {t('offlinePageText')}
      </p>
    </Layout>,
  );
}
