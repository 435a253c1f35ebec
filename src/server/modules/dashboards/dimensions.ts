/** How level uplift is grouped (shared by the service and the contract). */
export const UPLIFT_DIMENSIONS = ['industry', 'town', 'provider'] as const;
