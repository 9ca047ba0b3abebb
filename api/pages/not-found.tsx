import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';

/** A page, not problem+json: a person who mistyped an address still gets the quick exit and a way back. */
export function notFoundPage(c: Context<AppEnv>) {
  const page = pageContext(c);
  return c.html(
    <Layout page={page} kind="not-found">
      <h1>{page.t('notFoundHeading')}</h1>
      <p>{page.t('notFoundText')}</p>
      <p>
        <a class="button" href={page.href('/')}>
          {page.t('navStart')}
        </a>
      </p>
    </Layout>,
    404,
  );
}
