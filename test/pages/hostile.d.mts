export declare const HOSTILE_PAGES: Record<string, () => string>;
export declare const HOSTILE_EXPECTED: Record<string, string>;
export declare function hostilePages(): Record<string, string>;
