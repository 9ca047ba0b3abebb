/**
 * The word for each kind of contact route ("Call", "WhatsApp", "Walk in"), shared by the public
 * pages and the maintainers' console so that a kind is named the same way everywhere.
 */
import type { MessageKey } from './index.ts';

const ROUTE_KIND_KEYS: Record<string, MessageKey> = {
  phone: 'contactPhone',
  hotline: 'contactHotline',
  sms: 'contactSms',
  whatsapp: 'contactWhatsapp',
  signal: 'contactSignal',
  telegram: 'contactTelegram',
  email: 'contactEmail',
  web_form: 'contactWebForm',
  walk_in: 'contactWalkIn',
};

/** The message key naming a kind of route, or undefined for a kind this version does not know. */
export const routeKindKey = (kind: string): MessageKey | undefined => ROUTE_KIND_KEYS[kind];
