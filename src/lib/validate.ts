import type { z } from 'zod';
import { ValidationError } from './errors.js';

/** Parses input with a zod schema or throws a ValidationError naming each bad field. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
    subject,
  );
}
