// Types for front.mjs.
import type { Tenant } from './tenant.mjs';

/** Several directories behind one sign-in and Graph host, as Entra serves every tenant. */
export function startFront(tenants: Tenant[]): Promise<{ url: string; close(): Promise<void> }>;
