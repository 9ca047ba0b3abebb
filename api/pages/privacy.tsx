/**
 * /privacy: the safety page (S6) in every UI language: history, shared phones, spying apps, what
 * quick exit does and does not do (and without JavaScript), what stays on the phone after a visit
 * (history entries without search words, typed words a keyboard may learn), location, offline
 * saving, and the warning about fake "helpers", with a link to the guide for when someone threatens to
 * share a person's pictures. The path and the title stay neutral (S5).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { MessageKey } from '../../web/src/i18n/index.ts';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';

const SECTIONS: Array<{ id: string; heading: MessageKey; texts: MessageKey[] }> = [
  { id: 'fake-helpers', heading: 'fakeHelpersHeading', texts: ['fakeHelpersText'] },
  { id: 'history', heading: 'safetyHistoryHeading', texts: ['safetyHistoryText'] },
  {
    id: 'what-remains',
    heading: 'safetyRemainsHeading',
    texts: ['safetyRemainsText', 'safetySearchText', 'safetyTypingText'],
  },
  { id: 'shared-phones', heading: 'safetySharedHeading', texts: ['safetySharedText'] },
  { id: 'spying-apps', heading: 'safetySpywareHeading', texts: ['safetySpywareText'] },
  { id: 'quick-exit', heading: 'safetyQuickExitHeading', texts: ['safetyQuickExitText', 'safetyNoScriptText'] },
  { id: 'location', heading: 'safetyLocationHeading', texts: ['safetyLocationText'] },
  { id: 'offline', heading: 'safetyOfflineHeading', texts: ['safetyOfflineText'] },
];

export function privacyPage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const { t } = page;
  return c.html(
    <Layout page={page} kind="privacy" title={t('navPrivacy')}>
      <h1>{t('safetyHeading')}</h1>
      <p class="lead">{t('safetyIntro')}</p>
      <p class="guide-link">
        <a href={page.href('/guide')}>{t('guideLink')}</a>
      </p>
      {SECTIONS.map((section) => (
        <section
          id={section.id}
          aria-labelledby={`${section.id}-heading`}
          class={`safety-section safety-section--${section.id}`}
        >
          <h2 id={`${section.id}-heading`}>{t(section.heading)}</h2>
          {section.texts.map((key) => (
            <p>{t(key)}</p>
          ))}
        </section>
      ))}
      <p>
        <a class="button button--danger" href={page.quickExitUrl} rel="noreferrer" data-quick-exit>
          {t('quickExitLink')}
        </a>
      </p>
    </Layout>,
  );
}
