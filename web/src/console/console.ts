// The composition root of the maintainer console (issue 4), served at /maintainers/ by
// api/pages/console/. Screens are functions that build elements from the admin API's JSON; the
// hash is the route (#/, #/services, #/s/{id}/…, #/reports, #/quality, #invitation=…), so the
// one server shell answers every screen and the invitation token never reaches a server log.
// The public stylesheet (/assets/main.css, tokens and form basics) is linked by the shell, not
// imported: a shared import would split it out of main.css, which the survivor pages link alone.
import './console.css';

import { ENDONYMS, UI_LANGUAGES, dirOf, isUiLanguage } from '../i18n/languages.ts';
import type { z } from '@hono/zod-openapi';
import type { CurrentSession } from '../../../api/admin/schemas/session.ts';
import type { SessionStage } from '../../../api/domain/vocabulary.ts';
import { AdminApi, ApiError } from './api.ts';
import { ConsoleContext } from './context.ts';
import { h, replaceChildren } from './dom.ts';
import { findScreen } from './find.ts';
import { importScreen } from './import.ts';
import { listingScreen, type ListingTab } from './listing.ts';
import { pathwayScreen, pathwaysScreen } from './pathways.ts';
import { listingsScreen, queueScreen } from './queue.ts';
import { qualityScreen } from './quality.ts';
import { clearReferral, referralScreen, referralSize } from './referral.ts';
import { reportsScreen } from './reports.ts';
import { invitationScreen, signInScreen, totpEnrolScreen, type SignedIn } from './sign-in.ts';

class ConsoleApp {
  private readonly main: HTMLElement;
  private readonly status: HTMLElement;
  private readonly ctx: ConsoleContext;
  private stage: SessionStage | 'none' = 'none';
  /** Counts navigations: a screen that finishes loading after a newer navigation is dropped. */
  private navigation = 0;

  constructor(private readonly root: HTMLElement) {
    const htmlLang = document.documentElement.lang;
    const lang = isUiLanguage(htmlLang) ? htmlLang : 'ar';
    this.status = h('p', { class: 'console-status', role: 'status', 'aria-live': 'polite' });
    this.main = h('main', { id: 'console-main', tabindex: -1 });
    this.ctx = new ConsoleContext(new AdminApi(), lang, this.status);
  }

  async start() {
    window.addEventListener('hashchange', () => void this.route());
    try {
      const { data } = await this.ctx.api.get<z.output<typeof CurrentSession>>('/session');
      // A person's session always has its CSRF token; only an API token's has none.
      if (data.user && data.csrf_token) this.adopt({ user: data.user, stage: data.stage, csrf_token: data.csrf_token });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    await this.route();
  }

  private adopt(session: SignedIn) {
    this.ctx.user = session.user;
    this.ctx.api.csrf = session.csrf_token;
    this.stage = session.stage;
  }

  private async route(): Promise<void> {
    const navigation = ++this.navigation;
    const hash = location.hash;
    const { ctx } = this;
    const invitation = /^#invitation=([A-Za-z0-9_-]+)/.exec(hash);
    if (invitation) {
      this.show(
        invitationScreen(ctx, invitation[1]!, (email) => {
          // The token is spent: take it out of the address bar and history.
          history.replaceState(null, '', `${location.pathname}${location.search}#/`);
          ctx.announce(ctx.t('consoleInvitationAccepted'));
          this.show(
            signInScreen(ctx, (s) => this.signedIn(s), email),
            false,
          );
        }),
        false,
      );
      return;
    }
    if (this.stage === 'none')
      return this.show(
        signInScreen(ctx, (s) => this.signedIn(s)),
        false,
      );
    if (this.stage === 'enrol_totp')
      return this.show(
        totpEnrolScreen(ctx, (s) => this.signedIn(s)),
        false,
      );

    const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    this.show(h('p', { class: 'console-loading' }, ctx.t('consoleLoading')), true);
    try {
      let screen: HTMLElement;
      if (parts[0] === 's' && parts[1])
        screen = await listingScreen(ctx, parts[1], (parts[2] ?? 'details') as ListingTab, () => void this.route());
      else if (parts[0] === 'pw' && parts[1])
        screen = await pathwayScreen(
          ctx,
          parts[1],
          parts[2] === 'translations' ? 'translations' : 'steps',
          () => void this.route(),
        );
      else if (parts[0] === 'pathways') screen = await pathwaysScreen(ctx);
      // The referral being built, from this tab's memory: no request, for every role that reads listings.
      else if (parts[0] === 'referral') screen = referralScreen(ctx, () => void this.route());
      // A person without a work queue (caseworkers read listings) lands on finding a service.
      else if (!ctx.hasQueue) screen = await findScreen(ctx);
      else if (parts[0] === 'services') screen = await listingsScreen(ctx);
      else if (parts[0] === 'reports' && ctx.canPublish) screen = await reportsScreen(ctx);
      else if (parts[0] === 'quality' && ctx.canPublish) screen = await qualityScreen(ctx);
      else if (parts[0] === 'import' && ctx.canPublish) screen = importScreen(ctx);
      else screen = await queueScreen(ctx);
      // A person who moved on while this screen loaded sees where they went, not this one.
      if (navigation !== this.navigation) return;
      this.show(screen, true);
    } catch (error) {
      if (navigation !== this.navigation) return;
      if (error instanceof ApiError && error.status === 401) {
        this.stage = 'none';
        ctx.announce(ctx.t('consoleSignedOut'), 'error');
        return this.route();
      }
      const text =
        error instanceof ApiError
          ? ctx.problemText(error, parts[0] === 's' ? 'read' : undefined)
          : ctx.t('consoleFailed');
      if (!(error instanceof ApiError)) console.error(error);
      this.show(
        h('section', {}, h('h1', { tabindex: -1 }, ctx.t('consoleFailed')), h('p', { class: 'form-message' }, text)),
        true,
      );
    }
  }

  private signedIn(session: SignedIn) {
    this.adopt(session);
    if (!location.hash.startsWith('#/')) history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    void this.route();
  }

  private async signOut() {
    await this.ctx.api.delete('/session').catch(() => undefined);
    // A shared office computer: the next person signing in finds no referral left behind.
    clearReferral();
    this.stage = 'none';
    this.ctx.user = null;
    this.ctx.api.csrf = null;
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    this.ctx.announce(this.ctx.t('consoleSignedOutDone'));
    void this.route();
  }

  private show(screen: HTMLElement, withNav: boolean) {
    replaceChildren(this.main, screen);
    replaceChildren(this.root, this.header(withNav), this.status, this.main);
    // Keyboard and screen-reader users land on the new screen's heading.
    const heading = this.main.querySelector<HTMLElement>('h1');
    if (heading && document.activeElement !== document.body) heading.focus();
    else if (heading && location.hash.length > 2) heading.focus();
  }

  private header(withNav: boolean): HTMLElement {
    const { t, user } = this.ctx;
    const current = location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
    const link = (href: string, label: string, key: string) =>
      h('li', {}, h('a', { href, 'aria-current': current === key ? 'page' : undefined }, label));
    const siteName = document.documentElement.dataset.siteName ?? '';
    return h(
      'header',
      { class: 'console-header' },
      h('p', { class: 'console-header__name' }, `${siteName} · ${t('consoleTitle')}`),
      withNav && user
        ? h(
            'nav',
            { class: 'console-nav', 'aria-label': t('consoleNavLabel') },
            h(
              'ul',
              {},
              this.ctx.hasQueue ? link('#/', t('consoleNavQueue'), '') : link('#/', t('consoleNavFind'), ''),
              this.ctx.hasQueue && link('#/services', t('consoleNavListings'), 'services'),
              link('#/pathways', t('consoleNavPathways'), 'pathways'),
              h(
                'li',
                {},
                h(
                  'a',
                  { href: '#/referral', 'aria-current': current === 'referral' ? 'page' : undefined },
                  t('consoleNavReferral'),
                  ' (',
                  h('span', { dataset: { role: 'referral-count' } }, this.ctx.number(referralSize())),
                  ')',
                ),
              ),
              this.ctx.canPublish && link('#/reports', t('consoleNavReports'), 'reports'),
              this.ctx.canPublish && link('#/quality', t('consoleNavQuality'), 'quality'),
              this.ctx.canPublish && link('#/import', t('consoleNavImport'), 'import'),
            ),
          )
        : null,
      withNav && user
        ? h(
            'div',
            { class: 'console-user' },
            h('span', {}, `${user.display_name} (${this.ctx.tk(`consoleRole_${user.role}`)})`),
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'button button--secondary',
                dataset: { role: 'sign-out' },
                onclick: () => void this.signOut(),
              },
              t('consoleSignOut'),
            ),
          )
        : null,
      h(
        'nav',
        { class: 'language-menu', 'aria-label': t('languageLabel') },
        h(
          'ul',
          {},
          UI_LANGUAGES.map((code) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: `?lang=${code}${location.hash}`,
                  lang: code,
                  dir: dirOf(code),
                  hreflang: code,
                  'aria-current': code === this.ctx.lang ? 'true' : undefined,
                },
                ENDONYMS[code],
              ),
            ),
          ),
        ),
      ),
    );
  }
}

const root = document.getElementById('console-root');
if (root) void new ConsoleApp(root).start();
