export declare const HOSTILE_PAGES: Record<string, { address: string; html: () => string }>;
export declare function hostilePages(): Record<string, string>;
