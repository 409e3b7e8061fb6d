/**
 * The one calendar of the app, shared by the core and the renderer: dates and working days, weeks,
 * months and quarters, and the like-for-like stretch of the previous period. No DOM and no Node: every
 * function that meets a time zone takes it as an argument.
 */
export * from './days';
export * from './periods';
export * from './like-for-like';
export * from './time-window';
