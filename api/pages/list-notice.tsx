/**
 * The notice above a list of services: what is true of the services in this list about our
 * checks, then the warning about fake helpers. The first sentence is computed from the list
 * shown, never a general promise: a list with a service that is not fresh says some are not
 * checked (each such card carries its freshness badge), and an empty list says nothing of them.
 */
import type { FC } from 'hono/jsx';
import type { PageContext } from './page-context.ts';
import type { ServiceSummaryView } from './service-texts.ts';

export const ListNotice: FC<{ page: PageContext; services: ServiceSummaryView[] }> = ({ page, services }) => {
  const { t } = page;
  const checked =
    services.length === 0
      ? null
      : services.every((s) => s.verification.freshness === 'fresh')
        ? t('listedAllChecked')
        : t('listedSomeUnchecked');
  return (
    <aside class="notice notice--warning" aria-label={t('fakeHelpersHeading')} data-role="list-notice">
      <p>
        {checked && <>{checked} </>}
        {t('fakeHelpersShort')} <a href={`${page.href('/privacy')}#fake-helpers`}>{t('fakeHelpersMore')}</a>
      </p>
    </aside>
  );
};
