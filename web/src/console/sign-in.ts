/** Signing in (email, password, then a TOTP code when the account has one), enrolling TOTP, accepting an invitation. */
import type { z } from '@hono/zod-openapi';
import type { InvitationAccepted } from '../../../api/admin/schemas/invitations.ts';
import type { SignedIn as SignedInBody, TotpEnrolment } from '../../../api/admin/schemas/session.ts';
import { ApiError } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { field, h, ltr, setFieldError } from './dom.ts';

/** The answer to signing in, changing the password or confirming the second factor. */
export type SignedIn = z.output<typeof SignedInBody>;

export function signInScreen(ctx: ConsoleContext, done: (session: SignedIn) => void, prefillEmail = ''): HTMLElement {
  const { t } = ctx;
  const email = h('input', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
    value: prefillEmail,
    dir: 'ltr',
  });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const code = h('input', {
    type: 'text',
    name: 'totp_code',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '[0-9]{6}',
    maxlength: 6,
    dir: 'ltr',
  });
  const codeField = field(t('consoleTotpCode'), code, { hint: t('consoleTotpHint') });
  codeField.hidden = true;
  const message = h('p', { class: 'form-message', role: 'alert' });
  const form = h(
    'form',
    { class: 'console-form', dataset: { role: 'sign-in' }, novalidate: true },
    field(t('consoleEmail'), email),
    field(t('consolePassword'), password),
    codeField,
    message,
    h('button', { type: 'submit', class: 'button' }, t('consoleSignIn')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    const body: Record<string, string> = { email: email.value, password: password.value };
    if (!codeField.hidden && code.value) body.totp_code = code.value;
    try {
      const { data } = await ctx.api.post<SignedIn>('/session', body);
      done(data);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.problem.totp_required) {
        const first = codeField.hidden;
        codeField.hidden = false;
        message.textContent = first && !body.totp_code ? t('consoleTotpNeeded') : t('consoleTotpWrong');
        code.value = '';
        code.focus();
      } else {
        message.textContent = error.status === 401 ? t('consoleWrongPassword') : ctx.problemText(error);
      }
    }
  });
  return h('section', { class: 'console-card' }, h('h1', { tabindex: -1 }, t('consoleSignInHeading')), form);
}

export function totpEnrolScreen(ctx: ConsoleContext, done: (session: SignedIn) => void): HTMLElement {
  const { t } = ctx;
  const secretBox = h('div', { class: 'totp-secret', dataset: { role: 'totp-secret' } });
  const code = h('input', {
    type: 'text',
    name: 'code',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: 6,
    required: true,
    dir: 'ltr',
  });
  const codeField = field(t('consoleTotpCode'), code);
  const message = h('p', { class: 'form-message', role: 'alert' });
  const form = h(
    'form',
    { class: 'console-form', dataset: { role: 'totp-confirm' } },
    codeField,
    message,
    h('button', { type: 'submit', class: 'button' }, t('consoleTotpConfirm')),
  );
  void ctx.api.post<z.output<typeof TotpEnrolment>>('/session/totp').then(
    ({ data }) =>
      secretBox.replaceChildren(
        h('p', {}, t('consoleTotpSecretLabel')),
        h('p', { class: 'totp-secret__value' }, ltr(data.secret.replace(/(.{4})/g, '$1 ').trim(), 'code')),
        h('p', { class: 'totp-secret__raw', hidden: true, dataset: { secret: data.secret } }),
        h('p', {}, t('consoleTotpUriLabel')),
        h('p', { class: 'totp-secret__uri' }, ltr(data.otpauth_uri, 'code')),
      ),
    (error: unknown) => (message.textContent = error instanceof ApiError ? ctx.problemText(error) : String(error)),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { data } = await ctx.api.post<SignedIn>('/session/totp/confirm', { code: code.value });
      done(data);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFieldError(codeField, t('consoleTotpWrong'));
    }
  });
  return h(
    'section',
    { class: 'console-card' },
    h('h1', { tabindex: -1 }, t('consoleTotpHeading')),
    h('p', {}, t('consoleTotpIntro')),
    secretBox,
    form,
  );
}

export function invitationScreen(ctx: ConsoleContext, token: string, done: (email: string) => void): HTMLElement {
  const { t } = ctx;
  const name = h('input', { type: 'text', name: 'display_name', autocomplete: 'name', required: true });
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'new-password',
    minlength: 12,
    required: true,
  });
  const again = h('input', { type: 'password', name: 'password_again', autocomplete: 'new-password', required: true });
  const fields = {
    display_name: field(t('consoleDisplayName'), name),
    password: field(t('consoleNewPassword'), password, { hint: t('consolePasswordHint') }),
    again: field(t('consolePasswordAgain'), again),
  };
  const message = h('p', { class: 'form-message', role: 'alert' });
  const form = h(
    'form',
    { class: 'console-form', dataset: { role: 'accept-invitation' }, novalidate: true },
    Object.values(fields),
    message,
    h('button', { type: 'submit', class: 'button' }, t('consoleAccept')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    Object.values(fields).forEach((f) => setFieldError(f, null));
    message.textContent = '';
    if (password.value !== again.value) return setFieldError(fields.again, t('consolePasswordsDiffer'));
    try {
      const { data } = await ctx.api.post<z.output<typeof InvitationAccepted>>('/invitations/accept', {
        token,
        display_name: name.value,
        password: password.value,
      });
      done(data.user.email);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      for (const e of error.problem.errors ?? []) {
        const target = fields[e.name as keyof typeof fields];
        if (target) setFieldError(target, e.reason);
      }
      message.textContent = error.status === 410 ? t('consoleInvitationGone') : ctx.problemText(error);
    }
  });
  return h(
    'section',
    { class: 'console-card' },
    h('h1', { tabindex: -1 }, t('consoleInvitationHeading')),
    h('p', {}, t('consoleInvitationIntro')),
    form,
  );
}
