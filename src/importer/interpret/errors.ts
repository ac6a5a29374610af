import { AppError } from '../../lib/errors.js';

/** A table in the document could not be read as a plan: the message names what was looked for. */
export class UnreadableTableError extends AppError {}
