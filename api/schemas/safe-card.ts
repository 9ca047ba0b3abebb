import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../domain/vocabulary.ts';
import { Flag, LanguageParam } from './common.ts';

export const SafeCardQuery = z
  .object({
    lang: LanguageParam.optional().openapi({
      description: "The card's language: the language of the person who gets it.",
    }),
    discreet: Flag.optional().openapi({
      description: '"true": no service name and no site name on the card, a neutral title instead.',
    }),
  })
  .strict();

const SHORTENING_RULES = [
  'times-shortened',
  'site-name-dropped',
  'further-routes-dropped',
  'names-shortened',
  'hours-dropped',
  'later-services-dropped',
  'names-dropped',
] as const;

export const SafeCard = z
  .object({
    kind: z.enum(['service', 'pathway']),
    lang: z.enum(LANGUAGES),
    dir: z.enum(['rtl', 'ltr']),
    discreet: z.boolean(),
    title: z.string().nullable().openapi({ description: "The service's name, or a neutral title when discreet." }),
    footer: z.string().nullable().openapi({ description: "The site's name line; null when discreet." }),
    entries: z.array(
      z.object({
        service_id: z.string(),
        name: z.string().nullable(),
        routes: z.array(
          z.object({
            kinds: z.array(z.enum(['hotline', 'phone', 'sms', 'whatsapp', 'signal', 'telegram'])),
            labels: z.array(z.string()),
            number: z
              .string()
              .openapi({ description: 'Dialable: ASCII digits, "+" and country code when international.' }),
            hours: z.string().nullable().openapi({ description: 'The regular week, compressed; null when not known.' }),
          }),
        ),
      }),
    ),
    text: z
      .string()
      .nullable()
      .openapi({ description: 'The whole card as plain text, for copying and WhatsApp; null without a number.' }),
    sms: z
      .object({
        body: z.string().openapi({ description: 'The card shortened to fit two concatenated UCS-2 SMS segments.' }),
        units: z.number().int().openapi({ description: 'Length in UTF-16 code units.' }),
        limit: z.number().int(),
        shortened_by: z
          .array(z.enum(SHORTENING_RULES))
          .openapi({ description: 'The shortening rules applied, in order.' }),
        href: z.string().openapi({ description: 'An `sms:?&body=` link with the body, no recipient.' }),
      })
      .nullable()
      .openapi({ description: 'Null when the service has no public number: a name alone reaches nobody.' }),
    whatsapp_href: z
      .string()
      .nullable()
      .openapi({ description: 'A `https://wa.me/?text=` link with the whole card as text; null without a number.' }),
  })
  .openapi('SafeCard', {
    description:
      "Only what reaches a service: its public numbers and their weekly hours, in the card's language. Never " +
      'practitioner-only routes or details, never an address.',
  });
