// The three roles and what each may do: supervisors can do everything analysts can
// and admins everything supervisors can, so a check names the lowest role allowed.
export const ROLES = ['analyst', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { analyst: 1, supervisor: 2, admin: 3 };

export function hasRole(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
