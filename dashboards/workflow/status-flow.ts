// The referral flow new → in_review → confirmed → referred → closed (plus dismissed), as one
// table of the moves each role may make: a move not in a role's row is refused, however reached.
import { ROLES, type Role } from '../auth/roles.js';
import type { SellerStatus } from '../queue/queue-filters.js';

type Moves = Partial<Record<SellerStatus, readonly SellerStatus[]>>;

// Analysts triage open sellers; once a seller is confirmed only a supervisor moves it again, so
// an analyst cannot reopen a confirmed seller and then dismiss it (which writes classifier labels).
const ANALYST: Moves = {
  new: ['in_review', 'confirmed', 'dismissed'],
  in_review: ['confirmed', 'dismissed', 'new'],
  dismissed: ['in_review'],
};

const SUPERVISOR: Moves = {
  ...ANALYST,
  confirmed: ['referred', 'in_review', 'dismissed'],
  referred: ['closed'],
  closed: ['in_review'],
};

/** Every allowed transition, per role. */
export const TRANSITIONS: Readonly<Record<Role, Moves>> = {
  analyst: ANALYST,
  supervisor: SUPERVISOR,
  admin: SUPERVISOR,
};

export function mayMove(role: Role, from: SellerStatus, to: SellerStatus): boolean {
  return TRANSITIONS[role][from]?.includes(to) ?? false;
}

/** The lowest role that may make this move, or undefined when no role may. */
export function allowedMove(from: SellerStatus, to: SellerStatus): Role | undefined {
  return ROLES.find((r) => mayMove(r, from, to));
}

/** Where a seller in `from` can go: for one role, or for anyone when no role is given. */
export function nextStatuses(from: SellerStatus, role?: Role): SellerStatus[] {
  if (role) return [...(TRANSITIONS[role][from] ?? [])];
  return [...new Set(ROLES.flatMap((r) => TRANSITIONS[r][from] ?? []))];
}

export class WorkflowError extends Error {
  override name = 'WorkflowError';
  constructor(
    message: string,
    readonly status = 409,
  ) {
    super(message);
  }
}

/**
 * Why this role may not make this move: 403 when some higher role may (a refusal), 409 when the
 * flow has no such move at all; undefined when the move is allowed.
 */
export function moveRefusal(role: Role, from: SellerStatus, to: SellerStatus): WorkflowError | undefined {
  if (mayMove(role, from, to)) return undefined;
  const need = allowedMove(from, to);
  if (!need) return new WorkflowError(`cannot move from ${from} to ${to}`, 409);
  return new WorkflowError(`moving a ${from} seller to ${to} needs the ${need} role`, 403);
}
