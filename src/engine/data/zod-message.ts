/**
 * One line that says what is wrong with data zod refused: its first issue, with
 * the path dotted as the file spells it ("events.1.kappa"). The one place the
 * engine, CLI and page turn a ZodError into a message.
 *
 * Not z.prettifyError: that lists every issue on several lines ("✖ …\n  → at
 * events[1].kappa"), while these messages go into one-line errors, notices and
 * CLI output, where the first problem is the one to fix.
 */
import type { z } from 'zod';

/**
 * `${what} at ${path}: ${message}`, or `${what}: ${message}` when the issue is at
 * the root (without `what`: "at path: message" / "message").
 */
export function firstIssue(err: z.ZodError, what?: string): string {
  const issue = err.issues[0];
  if (!issue) return what ? `${what}: ${err.message}` : err.message;
  const path = issue.path.map(String).join('.');
  const head = path ? `${what ? `${what} ` : ''}at ${path}` : (what ?? '');
  return head ? `${head}: ${issue.message}` : issue.message;
}
