// The referral flow new → in_review → confirmed → referred → closed (plus dismissed),
// as data: which moves exist and the lowest role that may make each one.
import type { Role } from '../auth/roles.js';
import type { SellerStatus } from '../queue/queue-filters.js';

const MOVES: Record<SellerStatus, Partial<Record<SellerStatus, Role>>> = {
  new: { in_review: 'analyst', confirmed: 'analyst', dismissed: 'analyst' },
  in_review: { confirmed: 'analyst', dismissed: 'analyst', new: 'analyst' },
  confirmed: { referred: 'supervisor', in_review: 'analyst', dismissed: 'supervisor' },
  referred: { closed: 'supervisor' },
  closed: { in_review: 'supervisor' },
  dismissed: { in_review: 'analyst' },
};

export function allowedMove(from: SellerStatus, to: SellerStatus): Role | undefined {
  return MOVES[from]?.[to];
}

export function nextStatuses(from: SellerStatus): SellerStatus[] {
  return Object.keys(MOVES[from] ?? {}) as SellerStatus[];
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
