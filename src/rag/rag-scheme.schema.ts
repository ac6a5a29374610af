import { z } from 'zod';
import { requiredText, SHORT, storableText } from '../lib/schema-parts.js';

/** The GOV.UK tag colours a status can be shown in; every status also has a text label. */
export const TAG_COLOURS = [
  'red',
  'orange',
  'yellow',
  'green',
  'blue',
  'grey',
  'purple',
  'pink',
  'turquoise',
  'light-blue',
] as const;

export const ragStatusSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_-]{0,29}$/, 'must be capital letters, like RED or AMBER'),
  label: requiredText(50),
  colour: z.enum(TAG_COLOURS),
  meaning: storableText.max(1000),
  // What the status says about delivery, so rules work across every council's scheme.
  category: z.enum(['not-started', 'on-track', 'at-risk', 'off-track', 'complete']),
});

export const ragSchemeSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z0-9-]{1,50}$/, 'must be lower-case letters, digits and dashes'),
    name: requiredText(SHORT),
    statuses: z.array(ragStatusSchema).min(2, 'a scheme needs at least two statuses').max(12),
  })
  .superRefine((scheme, ctx) => {
    const seen = new Set<string>();
    scheme.statuses.forEach((s, i) => {
      if (seen.has(s.code))
        ctx.addIssue({
          code: 'custom',
          path: ['statuses', i, 'code'],
          message: `${s.code} appears twice`,
        });
      seen.add(s.code);
    });
  });

export type RagSchemeInput = z.infer<typeof ragSchemeSchema>;
