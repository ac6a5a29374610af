/** The few named errors the application raises; one handler per edge turns them into output. */
export class AppError extends Error {
  /** `cause`: what went wrong underneath, for the logs; never shown to a person. */
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
  }
}

/** Something the user named does not exist (or is not theirs to see). */
export class NotFoundError extends AppError {}

/** The user may not do this. */
export class ForbiddenError extends AppError {}

/** A change clashes with the current state (duplicate reference, wrong status step). */
export class ConflictError extends AppError {}

/** The system cannot reach or use something it depends on (database, data directory). */
export class ConfigError extends AppError {}

export interface FieldIssue {
  /** Where the problem is, as a dotted path ("actions.3.due.text"); "" for the whole input. */
  path: string;
  message: string;
}

/** Input failed validation; every issue names the field and the problem. */
export class ValidationError extends AppError {
  constructor(
    readonly issues: FieldIssue[],
    readonly subject = 'input',
  ) {
    super(
      `Invalid ${subject}: ` +
        issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
    );
  }
}
